#pragma once

// Painting helpers shared by the plot-like views (steps, positional encodings, residual stream): axes with
// readable tick values, colour bars, text colour on a coloured cell, the centred "nothing to show" message.
// Everything paints through QPainter only, so the same code serves the screen, PNG, SVG and PDF.

#include "widgets/drawing/view_style.h"

#include <QList>
#include <QMargins>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;

namespace attnlab::widgets {

// A data rectangle [xMin, xMax] × [yMin, yMax] mapped onto a rectangle of the figure, y growing upwards
// (yMin > yMax flips it, as heatmaps with row 0 on top want).
struct PlotAxes {
    QRectF area;
    double xMin = 0.0;
    double xMax = 1.0;
    double yMin = 0.0;
    double yMax = 1.0;

    QPointF map(double x, double y) const;
    double mapX(double x) const { return map(x, yMin).x(); }
    double mapY(double y) const { return map(xMin, y).y(); }
};

// lo, hi -> about `target` round tick values (1, 2, 5 × 10^k steps) inside [lo, hi].
QList<double> niceTicks(double lo, double hi, int target);

// A tick value without trailing zeros ("0.5", "10", "−1"), with a true minus sign. drawAxes and drawColorBar
// draw it left to right (left_to_right.h).
QString tickText(double value);

// Frame, ticks and tick labels of both axes, and the axis titles; xTicks/yTicks give the tick values
// (empty = niceTicks), xLabels optional texts for the x ticks (categories such as "layer 2"). The labels sit
// outside axes.area, which callers leave room for (see axisMargins).
void drawAxes(QPainter& painter, const PlotAxes& axes, const ViewStyle& style, const QString& xTitle,
              const QString& yTitle, QList<double> xTicks = {}, QList<double> yTicks = {},
              const QStringList& xLabels = {});

// The room drawAxes needs on the left and below the area, for this style's fonts.
QMarginsF axisMargins(const ViewStyle& style);

// A vertical colour bar of `kind` from lo (bottom) to hi (top) with a few tick labels right of it.
void drawColorBar(QPainter& painter, const QRectF& bar, ColorMapKind kind, double lo, double hi,
                  const ViewStyle& style, const QString& title = {});

// A panel title, bold, top-left of rect; returns its height.
double drawPanelTitle(QPainter& painter, const QRectF& rect, const QString& title, const ViewStyle& style);

// A message centred in rect, wrapped, in the muted colour.
void drawCenteredMessage(QPainter& painter, const QRectF& rect, const QString& message, const ViewStyle& style);

// Black or white, whichever reads better on background.
QColor contrastingText(const QColor& background);

// The colour that marks the selected query everywhere (vermilion; lighter on the dark theme).
QColor accentColor(const ViewStyle& style);

} // namespace attnlab::widgets
