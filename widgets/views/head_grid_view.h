#pragma once

// A view whose figure is a head grid (head_grid_figure.h): the head-roles and the head-effects views. It paints
// the grid its subclass describes (gridData) inside figureRect, and turns a click on a cell or a list row into
// layerHeadSelected, the pointing-hand cursor over one, and a tooltip the subclass words (headToolTip).

#include "widgets/views/head_grid_figure.h"
#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class HeadGridView : public TraceView {
    Q_OBJECT
public:
    explicit HeadGridView(QWidget* parent = nullptr);

    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }

    // What the figure shows for a figure painted with or without hints (exposed for tests).
    virtual HeadGridData gridData(bool withHints = true) const = 0;
    // The head under point of the widget (a grid cell or a list row), or an invalid one.
    GridHead headAt(const QPointF& point) const;
    // The rectangle of the figure inside the widget: all of it unless a subclass puts controls above.
    virtual QRectF figureRect() const { return QRectF(rect()); }

    std::pair<int, int> headForMenu(const QPoint& pos, bool keyboard) const override;

protected:
    // The tooltip of a valid head of the grid shown.
    virtual QString headToolTip(const GridHead& head) const = 0;

    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
};

} // namespace attnlab::widgets
