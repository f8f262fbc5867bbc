#pragma once

// The heatmap figure painted with QPainter: cells as rectangles, labels as text, a gradient colour bar, so
// that the screen, PNG, SVG and PDF get the same figure. Colours shared with the on-screen plot and the model
// view live here too.

#include "widgets/views/heatmap_layout.h"

class QPainter;

namespace attnlab::widgets {

// Black or white, whichever contrasts more with fill (WCAG contrast ratio).
QColor textColorOn(const QColor& fill);

// The colour of the selected query (vermilion, lighter on the dark theme).
QColor heatmapAccent(const ViewStyle& style);

// The colour of the hatching drawn over masked cells.
QColor hatchColor(const ViewStyle& style);

// 256 colours of the part of style's weight map in use (ViewStyle::weightColorAt), index = round(t · 255): the
// lookup used for every cell.
QList<QRgb> colorTable(const ViewStyle& style);

// A weight's colour: its position on scale looked up in table (colorTable of the style).
QRgb weightColor(const QList<QRgb>& table, const WeightScale& scale, double weight);

// The whole figure: background, title line, cells, hatching, numbers, selected row, labels, colour bar.
void paintHeatmap(QPainter& painter, const HeatmapContent& content, const HeatmapLayout& layout,
                  const ViewStyle& style, const QSizeF& figure);

// A vertical colour bar (the bottom of the map at the bottom) with scale's ticks right of it and its title
// (which says the scale) in titleRect; shared with the model view.
void paintWeightColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style, const WeightScale& scale);

// A vertical diverging colour bar from −limit (bottom, blue) through 0 (white) to +limit (top, red), with its ticks
// right of it and title in titleRect: the bar of a signed heatmap (HeatmapContent::signedLimit).
void paintSignedColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style, double limit, const QString& title);

// A colour bar whose scale a lesson's question hides: the bar in the neutral colour, framed, no ticks.
void paintHiddenColorBar(QPainter& painter, const QRectF& bar, const ViewStyle& style);

// The message shown when there is nothing to draw.
void paintEmptyFigure(QPainter& painter, const QSizeF& figure, const ViewStyle& style,
                      const QString& message);

} // namespace attnlab::widgets
