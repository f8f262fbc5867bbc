#pragma once

// The five steps of scaled dot-product attention for the selected layer and head, as matrices side by side:
// QKᵀ → scale → mask → softmax → ×V. A lecturer steps through them with the arrow keys; the matrices after
// the current step are only outlined, and the selected query row is outlined in every matrix with its
// arithmetic written out below for the current step.

#include "widgets/views/step_figure.h"
#include "widgets/views/trace_view.h"

#include <optional>

namespace attnlab::widgets {

class StepView : public TraceView {
    Q_OBJECT
public:
    explicit StepView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("steps"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }
    QSize preferredFigureSize() const override { return {1400, 760}; }

    // 0 = QKᵀ, 1 = scaled, 2 = masked, 3 = softmax, 4 = ×V (the output).
    int step() const { return m_step; }
    void setStep(int step); // clamped to 0 … 4; emits stepChanged when it changes

    // The selected query row's arithmetic at `step`, as drawn below the matrices (parts joined by " = ").
    // Empty without a trace.
    QString rowArithmetic(int step) const;

    // The query row shown: the selection's query, else row 0.
    int queryRow() const;

    // The figure as it is laid out at `size` (the widget's size when empty): what it shows, for tests and
    // hit tests. Empty without a head to step through.
    std::optional<StepFigure> figure(QSizeF size = {}) const;

signals:
    void stepChanged(int step);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    const model::HeadTrace* currentHead() const;

    int m_step = 0;
};

} // namespace attnlab::widgets
