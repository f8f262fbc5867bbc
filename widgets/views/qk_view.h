#pragma once

// Queries and keys in one picture (AttentionViz, Yeh et al. 2023): the selected head's queries and keys projected
// into one plane (model/analysis/qk_projection.h, drawn by qk_figure.h), with lines from the selected query to the
// keys it attends to most. Clicking a query selects it (querySelected); hovering a point names its token, its
// position and, for a key, the weight the selected query gives it.

#include "widgets/views/qk_figure.h"
#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class QkView : public TraceView {
    Q_OBJECT
public:
    explicit QkView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("qk"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override { return {1200, 800}; }

    // What the figure shows (for tests): the projection, the selected query and its strongest keys, or a message.
    const QkData& data() const { return m_data; }
    // The point under pos in the widget, and what hovering it says ("" when there is none).
    QkPoint pointAt(const QPointF& pos) const;
    QString hoverText(const QPointF& pos) const;
    // Where a point is drawn in the widget.
    QPointF pointPosition(const QkPoint& point) const;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QkLayout widgetLayout() const;

    QkData m_data;
};

} // namespace attnlab::widgets
