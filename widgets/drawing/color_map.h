#pragma once

// Colour maps built from colour stops: perceptually uniform sequential maps for weights (viridis, magma,
// cividis) and a diverging map for signed values (scores, Q, K, V, A − B), in two forms: Diverging, white at 0
// for the light theme, and DivergingDark, whose 0 sits near the dark theme's background (a white centre there
// is the brightest thing in the figure and reads as the largest value). QCustomPlot 2.1 has no viridis preset.

#include "model/core/enum_names.h"
#include "model/core/matrix_types.h"

#include <QColor>
#include <QList>
#include <QPair>
#include <QString>

#include <array>

namespace attnlab::widgets {

enum class ColorMapKind { Viridis, Magma, Cividis, Diverging, DivergingDark };

// The stops (position in [0, 1], colour) of a map, ascending.
QList<QPair<double, QColor>> colorStops(ColorMapKind kind);

// t in [0, 1] (clamped) -> colour, linearly interpolated between the stops in RGB.
QColor colorAt(ColorMapKind kind, double t);

QString colorMapName(ColorMapKind kind);

// WCAG relative luminance of an sRGB colour, 0 (black) … 1 (white).
double relativeLuminance(const QColor& color);
// WCAG contrast ratio of two colours, 1 … 21.
double contrastRatio(const QColor& a, const QColor& b);

// The least contrast with the background that the darkest weight colour keeps on the dark theme (a zero weight
// must read as a colour, not as a hole in the figure). Every sequential map starts near black, so the dark
// theme uses each map from the first position that reaches it: viridis from 0.12, cividis from 0.16, magma
// from 0.29.
inline constexpr double kDarkMapContrast = 1.5;

// The first position (in steps of 1/256) where kind's colour has contrast ≥ minContrast with background, or 0
// when the map starts there already.
double mapStartAgainst(ColorMapKind kind, const QColor& background, double minContrast);

// The stops of the part [from, 1] of a map, stretched to [0, 1].
QList<QPair<double, QColor>> colorStops(ColorMapKind kind, double from);

// How attention weights become a position on the weight colour map.
//   Fixed: 0 … 1 to the whole map (a weight of 1 is the top colour).
//   Max:   0 … the largest weight of the shown matrix to the whole map, so a trained model whose weights stay
//          below 0.3 uses all its colours.
//   Log:   log10(weight) from −3 to 0 to the whole map (weights ≤ 0.001 get the bottom colour), so that
//          0.001, 0.01, 0.1 and 1 are equally far apart.
enum class ColorScale { Fixed, Max, Log };

// The names of the scales on the command line (--color-scale), in session files and in the settings.
inline constexpr std::array<model::EnumName<ColorScale>, 3> kColorScaleNames{
    {{ColorScale::Fixed, "fixed"}, {ColorScale::Max, "max"}, {ColorScale::Log, "log"}}};

// The smallest weight the log scale tells apart: log10 of it is the bottom of the map.
inline constexpr double kLogScaleFloor = 1e-3;

// One scale with its parameter: maps a weight to [0, 1] and labels the colour bar with ticks that match.
struct WeightScale {
    struct Tick {
        double position; // 0 (bottom of the bar) … 1 (top)
        QString text;
    };

    ColorScale kind = ColorScale::Fixed;
    double top = 1.0; // Max: the weight drawn in the top colour (the matrix maximum); 1 otherwise
    // Max for a figure of many matrices each scaled to its own maximum (the model view): the bar is labelled
    // 0 … "max" and its title says so.
    bool eachOwnMax = false;

    // weight -> position on the map in [0, 1]; NaN and negative weights -> 0.
    double position(double weight) const;
    // The colour bar's ticks, bottom to top; `many` asks for the intermediate ones when there is room.
    QList<Tick> ticks(bool many) const;
    // The colour bar's title, saying which scale is in use ("weight (0–1)", "weight (0–max)", "weight (log)").
    QString label() const;
};

// The scale of `kind` for weights (masked cells, where allowed is false, are not looked at; an empty allowed
// means every cell counts). Max takes the largest finite weight of the rows with more than one allowed key, or
// 1 when there is none above 0: a row with one allowed key (a causal model's first token) holds a forced 1,
// which would make Max the fixed scale for every decoder; that cell gets the top colour.
WeightScale weightScale(ColorScale kind, const model::Matrix& weights, const model::BoolMatrix& allowed = {});
// The same from a largest weight already known (the model view takes one over all its heads).
WeightScale weightScaleWithMax(ColorScale kind, double largestWeight);

} // namespace attnlab::widgets
