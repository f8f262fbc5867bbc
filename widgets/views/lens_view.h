#pragma once

// The logit lens (nostalgebraist 2020): for every layer and position, the token the residual stream would predict if
// the model stopped there, as a positions × layers grid of top tokens coloured by their probability
// (lens_figure.h). Hovering a cell shows its top 5 with their probabilities; clicking a token's column selects it
// (querySelected). The lens comes with the trace, computed on the worker thread as analysesNeeded() asks: until it
// arrives the view says it is being computed, and where it cannot be (the toy model and typed matrices have no
// output, an encoder without an LM head, too much work) it says why.

#include "widgets/views/lens_figure.h"
#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class LensView : public TraceView {
    Q_OBJECT
public:
    explicit LensView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("lens"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override { return {1280, 760}; }
    // The lens, whatever the selection (one read of every layer covers every position).
    model::AnalysisRequest analysesNeeded() const override;

    // What the figure shows (for tests): the data, or the message instead of it.
    const LensData& data() const { return m_data; }
    // The figure's layout in this widget.
    LensLayout layout() const;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    LensData m_data;
};

} // namespace attnlab::widgets
