#pragma once

// The heatmap figure painted with QPainter: cells as rectangles, labels as text, a gradient colour bar, so
// that the screen, PNG, SVG and PDF get the same figure. Colours shared with the on-screen plot and the model
// view live here too.

#include "widgets/views/heatmap_layout.h"

class QPainter;

namespace attnlab::widgets {

// Black or white, whichever contrasts more with fill (WCAG contrast ratio).
QColor textColorOn(const QColor& fill);

// WCAG relative luminance of an sRGB colour, 0 (black) … 1 (white).
double relativeLuminance(const QColor& color);

// The colour of the selected query (vermilion, lighter on the dark theme).
QColor heatmapAccent(const ViewStyle& style);

// The colour of the hatching drawn over masked cells.
QColor hatchColor(const ViewStyle& style);

// 256 colours of a map, index = round(t · 255): the lookup used for every cell.
QList<QRgb> colorTable(ColorMapKind kind);

// The whole figure: background, title line, cells, hatching, numbers, selected row, labels, colour bar.
void paintHeatmap(QPainter& painter, const HeatmapContent& content, const HeatmapLayout& layout,
                  const ViewStyle& style, const QSizeF& figure);

// A vertical colour bar (0 at the bottom, 1 at the top) with tick labels 0 … 1 right of it; shared with the
// model view.
void paintWeightColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style);

// The message shown when there is nothing to draw.
void paintEmptyFigure(QPainter& painter, const QSizeF& figure, const ViewStyle& style,
                      const QString& message);

} // namespace attnlab::widgets
