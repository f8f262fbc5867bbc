#pragma once

// The on-screen heatmap: a QCustomPlot with a QCPColorMap (no interpolation, masked cells as NaN in the
// masked grey), token labels through QCPAxisTickerText, a QCPColorScale with the weight colour map, cell
// numbers as QCPItemText and the mask hatching as one QCPItemPixmap. Everything is placed from the same
// HeatmapLayout as paintHeatmap, so the screen and an exported figure look alike and HeatmapLayout::cellAt
// hits on both. qcustomplot.h is included only by heatmap_plot.cpp (it costs seconds per file).

#include "widgets/views/heatmap_painter.h"

class QWidget;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace attnlab::widgets {

class HeatmapPlot {
public:
    // Creates the QCustomPlot as a child of parent (parent owns it).
    explicit HeatmapPlot(QWidget* parent);

    QWidget* widget() const;

    // Shows content with layout, computed for a figure of `size` (the plot's size).
    void update(const HeatmapContent& content, const HeatmapLayout& layout, const ViewStyle& style,
                const QSize& size);

private:
    void addText(const QPointF& at, Qt::Alignment alignment, const QString& text, const QFont& font,
                 const QColor& color, double rotation = 0);

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
};

} // namespace attnlab::widgets
