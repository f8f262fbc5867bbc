#pragma once

// Attention rollout and attention flow (Abnar & Zuidema 2020) of the selected query token through the layers:
// a row per layer, a column per input token (rollout_figure.h). Two buttons at the top right switch between
// rollout and flow; clicking a token follows it instead (querySelected). The numbers come with the trace, computed
// on the worker thread as analysesNeeded() asks: until they arrive the view says they are being computed, and
// where they cannot be (cross-attention, a flow too large to compute) it says why.

#include "widgets/views/rollout_figure.h"
#include "widgets/views/trace_view.h"

class QToolButton;
class QWidget;

namespace attnlab::widgets {

class RolloutView : public TraceView {
    Q_OBJECT
public:
    explicit RolloutView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("rollout"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override { return {1200, 720}; }
    // Rollout: the rollout; flow: the flow of the followed token (the selected query, else the last token).
    model::AnalysisRequest analysesNeeded() const override;

    RolloutMode mode() const { return m_mode; }
    void setMode(RolloutMode mode); // emits modeChanged when it changes

    // What the figure shows (for tests): the data, or the message instead of it.
    const RolloutData& data() const { return m_data; }

signals:
    // The mode changed: the analyses needed changed with it.
    void modeChanged(attnlab::widgets::RolloutMode mode);

protected:
    void refresh() override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void placeButtons();
    double buttonsWidth() const;

    RolloutMode m_mode = RolloutMode::Rollout;
    RolloutData m_data;
    QWidget* m_buttons = nullptr;
    QToolButton* m_rollout = nullptr;
    QToolButton* m_flow = nullptr;
};

} // namespace attnlab::widgets
