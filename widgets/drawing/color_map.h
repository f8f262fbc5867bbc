#pragma once

// Colour maps built from colour stops: perceptually uniform sequential maps for weights (viridis, magma,
// cividis) and a diverging map for signed values (scores, Q, K, V). QCustomPlot 2.1 has no viridis preset.

#include <QColor>
#include <QList>
#include <QPair>
#include <QString>

namespace attnlab::widgets {

enum class ColorMapKind { Viridis, Magma, Cividis, Diverging };

// The stops (position in [0, 1], colour) of a map, ascending.
QList<QPair<double, QColor>> colorStops(ColorMapKind kind);

// t in [0, 1] (clamped) -> colour, linearly interpolated between the stops in RGB.
QColor colorAt(ColorMapKind kind, double t);

QString colorMapName(ColorMapKind kind);

} // namespace attnlab::widgets
