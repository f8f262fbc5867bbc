#pragma once

// How views look: theme, presentation mode (large fonts, thick lines for a projector), exact display and
// colour maps. Every view draws with these so that the app, the export dialog and `attnlab export` agree.

#include "widgets/drawing/color_map.h"

#include <QColor>
#include <QFont>
#include <QList>

#include <algorithm>

namespace attnlab::widgets {

enum class Theme { Light, Dark };

struct ViewStyle {
    Theme theme = Theme::Light;
    bool presentation = false; // projector: fonts ×1.6, lines ×2
    double presentationZoom = 1.0; // a lesson step's zoom of presentation mode's fonts and lines (0.5–2)
    bool exact = false;        // show exact fractions (matrix mode)
    ColorMapKind weightMap = ColorMapKind::Viridis;    // weights in [0, 1]
    ColorScale weightScale = ColorScale::Fixed;        // how a weight finds its place on weightMap
    ColorMapKind signedMap = ColorMapKind::Diverging;  // scores, Q, K, V

    QColor background() const { return theme == Theme::Dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white); }
    QColor foreground() const { return theme == Theme::Dark ? QColor(0xe8, 0xe8, 0xe8) : QColor(0x20, 0x20, 0x20); }
    QColor muted() const { return theme == Theme::Dark ? QColor(0x80, 0x80, 0x88) : QColor(0x90, 0x90, 0x98); }
    // The panels around the views, the controls on them, and the selection (the dark theme's palette).
    QColor panel() const { return theme == Theme::Dark ? QColor(0x2b, 0x2d, 0x31) : QColor(0xef, 0xef, 0xef); }
    QColor control() const { return theme == Theme::Dark ? QColor(0x3a, 0x3c, 0x41) : QColor(0xef, 0xef, 0xef); }
    QColor accent() const { return theme == Theme::Dark ? QColor(0x35, 0x84, 0xe4) : QColor(0x30, 0x8c, 0xc6); }
    // Masked cells: drawn distinctly, never as a zero weight.
    QColor masked() const { return theme == Theme::Dark ? QColor(0x44, 0x44, 0x4a) : QColor(0xd8, 0xd8, 0xdc); }
    // The one neutral colour of weights whose answer a lesson's question hides (FigureParts::answers): every
    // cell, line and bar the same, masked or not, so that nothing of the answer shows through. On no colour map.
    QColor hiddenAnswer() const { return theme == Theme::Dark ? QColor(0x5a, 0x5a, 0x62) : QColor(0xbc, 0xbc, 0xc2); }
    // Where the weights' colours start on weightMap: 0 on the light theme; on the dark theme the first position
    // whose colour keeps kDarkMapContrast with the background (color_map.h).
    double weightMapStart() const
    {
        return theme == Theme::Dark ? mapStartAgainst(weightMap, background(), kDarkMapContrast) : 0.0;
    }
    // A weight's colour at position (0 … 1, from WeightScale::position) of the part of weightMap in use.
    QColor weightColorAt(double position) const
    {
        const double from = weightMapStart();
        return colorAt(weightMap, from + (1.0 - from) * std::clamp(position, 0.0, 1.0));
    }
    // The stops of the part of weightMap in use, for gradients (the colour bar).
    QList<QPair<double, QColor>> weightMapStops() const { return colorStops(weightMap, weightMapStart()); }
    // The signed map as drawn: on the dark theme the diverging map whose 0 is near the background.
    ColorMapKind signedMapShown() const
    {
        return theme == Theme::Dark && signedMap == ColorMapKind::Diverging ? ColorMapKind::DivergingDark : signedMap;
    }
    // A signed value's colour at t in [0, 1] (0.5 = zero) of signedMapShown.
    QColor signedColorAt(double t) const { return colorAt(signedMapShown(), t); }
    double fontScale() const { return presentation ? 1.6 * presentationZoom : 1.0; }
    double lineScale() const { return presentation ? 2.0 * presentationZoom : 1.0; }

    // A font for labels at `points` before the presentation scale; CJK and Arabic-script fallbacks come
    // from fontconfig.
    QFont font(double points = 10.0, bool bold = false) const
    {
        QFont f(QStringLiteral("Noto Sans"));
        f.setPointSizeF(points * fontScale());
        f.setBold(bold);
        return f;
    }
};

// color with its alpha set to alpha, clamped to [0, 1].
inline QColor withAlpha(QColor color, double alpha)
{
    color.setAlphaF(float(std::clamp(alpha, 0.0, 1.0)));
    return color;
}

// Colour-blind-safe head colours (Okabe–Ito, then Paul Tol's muted scheme), cycled for more heads.
inline QColor headColor(int head)
{
    static const QList<QColor> colors{QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                      QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
                                      QColor(0xf0, 0xe4, 0x42), QColor(0x33, 0x22, 0x88), QColor(0x88, 0xcc, 0xee),
                                      QColor(0x44, 0xaa, 0x99), QColor(0x99, 0x99, 0x33), QColor(0xaa, 0x44, 0x99)};
    return colors[head % colors.size()];
}

} // namespace attnlab::widgets
