#pragma once

// The heatmap view: the attention weights of the selected layer and head (or the average / maximum of the
// visible heads) as a grid, queries as rows top to bottom in token order and keys (trace.keyTokens()) as
// columns, with token labels on both axes, a weight colour bar (0 … 1), the numbers in the cells when they
// fit (fractions such as 9/26 in exact mode), masked cells in grey with hatching, and the selected query's
// row outlined. Title line: "Layer L · Head H" (or "average of N heads"), the model, "untrained weights" for
// the toy model.
//
// On screen a QCustomPlot (QCPColorMap) shows it; paintFigure paints the same figure with QPainter for export
// (cells as vector rectangles, labels as text). Both are placed from one HeatmapLayout.
// Mouse: clicking a cell emits maskCellToggled(query, key) and querySelected(query); clicking a query label
// emits querySelected(query) (again on the selected one: −1). Hovering a cell shows cellToolTip().

#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_plot.h"
#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class HeatmapView : public TraceView {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("heatmap"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }
    QSize preferredFigureSize() const override;
    QSize sizeHint() const override;

    // Geometry in figure coordinates, the same on screen (figure = size()) and in an export, so tests can
    // click exactly and sample pixels. Null when out of range.
    QRectF cellRect(int query, int key, const QSizeF& figure) const;
    QRectF rowLabelRect(int query, const QSizeF& figure) const;

    // The hover text of a cell: query and key tokens, q·k, the scaled score and the weight; for an aggregate
    // of heads the weight only. Empty when out of range.
    QString cellToolTip(int query, int key) const;

    // What is drawn, as taken from the trace and the selection.
    const HeatmapContent& content() const { return m_content; }
    // Where the cells, labels and numbers are at the widget's size (tests read the cell numbers' font).
    const HeatmapLayout& screenLayout() const { return m_screenLayout; }

    std::pair<int, int> headForMenu(const QPoint& pos, bool keyboard) const override;

protected:
    void refresh() override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildContent();
    void updatePlot();
    // pos in this widget's coordinates (= figure coordinates); true when it hit a cell or a label.
    bool handlePress(const QPointF& pos, Qt::MouseButton button);
    bool showToolTip(const QPoint& pos, const QPoint& globalPos);

    HeatmapContent m_content;
    HeatmapLayout m_screenLayout; // for size(), so hovering does not lay out again
    HeatmapPlot m_plot;           // the on-screen QCustomPlot, a child filling this widget
    bool m_resizePending = false; // a plot update for the new size is queued
    bool m_plotPending = false;   // the plot's layout and fill wait for the view to be shown
};

} // namespace attnlab::widgets
