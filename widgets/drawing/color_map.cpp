#include "widgets/drawing/color_map.h"

#include <algorithm>

namespace attnlab::widgets {

namespace {

// Nine samples of each matplotlib map (van der Walt & Smith; cividis: Nuñez et al.), evenly spaced;
// linear interpolation between them stays within a few units of the full 256-entry tables.
QList<QPair<double, QColor>> evenly(std::initializer_list<QRgb> colors)
{
    QList<QPair<double, QColor>> stops;
    const double step = 1.0 / double(colors.size() - 1);
    int i = 0;
    for (QRgb c : colors)
        stops.append({i++ * step, QColor::fromRgb(c)});
    return stops;
}

} // namespace

QList<QPair<double, QColor>> colorStops(ColorMapKind kind)
{
    switch (kind) {
    case ColorMapKind::Viridis:
        return evenly({0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725});
    case ColorMapKind::Magma:
        return evenly({0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55964, 0xfb8761, 0xfec287, 0xfcfdbf});
    case ColorMapKind::Cividis:
        return evenly({0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xfee838});
    case ColorMapKind::Diverging:
        // Blue–white–red (ColorBrewer RdBu reversed): negative blue, zero white, positive red.
        return evenly({0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b});
    }
    return {};
}

QColor colorAt(ColorMapKind kind, double t)
{
    const auto stops = colorStops(kind);
    t = std::clamp(t, 0.0, 1.0);
    for (int i = 1; i < stops.size(); ++i) {
        if (t <= stops[i].first) {
            const double span = stops[i].first - stops[i - 1].first;
            const double f = span > 0 ? (t - stops[i - 1].first) / span : 0.0;
            const QColor& a = stops[i - 1].second;
            const QColor& b = stops[i].second;
            return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())),
                                    float(a.greenF() + f * (b.greenF() - a.greenF())),
                                    float(a.blueF() + f * (b.blueF() - a.blueF())));
        }
    }
    return stops.last().second;
}

QString colorMapName(ColorMapKind kind)
{
    switch (kind) {
    case ColorMapKind::Viridis: return QStringLiteral("viridis");
    case ColorMapKind::Magma: return QStringLiteral("magma");
    case ColorMapKind::Cividis: return QStringLiteral("cividis");
    case ColorMapKind::Diverging: return QStringLiteral("diverging");
    }
    return {};
}

} // namespace attnlab::widgets
