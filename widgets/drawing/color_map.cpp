#include "widgets/drawing/color_map.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <optional>

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
    case ColorMapKind::DivergingDark:
        // The same hues for the dark theme (after matplotlib's "berlin"): light blue, through a centre a step
        // above the background (#1e1f22) so that 0 recedes as white does on paper, to light red; the lightness
        // grows with |value| on both sides, equally.
        return evenly({0x9fc6f4, 0x6aa2dc, 0x3f7cb8, 0x2f5377, 0x262627, 0x6f3b30, 0xb15a45, 0xd98a72, 0xf2b3a1});
    }
    return {};
}

QList<QPair<double, QColor>> colorStops(ColorMapKind kind, double from)
{
    if (!(from > 0)) return colorStops(kind);
    from = std::min(from, 1.0 - 1e-9);
    QList<QPair<double, QColor>> stops{{0.0, colorAt(kind, from)}};
    for (const auto& [position, color] : colorStops(kind))
        if (position > from) stops.append({(position - from) / (1.0 - from), color});
    return stops;
}

double relativeLuminance(const QColor& color)
{
    const auto linear = [](double c) {
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double mapStartAgainst(ColorMapKind kind, const QColor& background, double minContrast)
{
    // Asked for every cell of a step figure: remember the last answer (per thread, as exports may paint
    // off the GUI thread).
    struct Last {
        ColorMapKind kind;
        QRgb background;
        double minContrast;
        double start;
    };
    thread_local std::optional<Last> last;
    if (last && last->kind == kind && last->background == background.rgba() && last->minContrast == minContrast)
        return last->start;
    double start = 0.0;
    for (int i = 0; i < 256; ++i) {
        if (contrastRatio(colorAt(kind, i / 256.0), background) >= minContrast) {
            start = i / 256.0;
            break;
        }
    }
    last = Last{kind, background.rgba(), minContrast, start};
    return start;
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
    case ColorMapKind::DivergingDark: return QStringLiteral("diverging-dark");
    }
    return {};
}

double WeightScale::position(double weight) const
{
    if (!(weight > 0)) return 0.0; // also NaN
    switch (kind) {
    case ColorScale::Fixed: return std::min(weight, 1.0);
    case ColorScale::Max: return top > 0 ? std::min(weight / top, 1.0) : 0.0;
    case ColorScale::Log: {
        const double floorLog = std::log10(kLogScaleFloor); // −3
        return std::clamp((std::log10(weight) - floorLog) / -floorLog, 0.0, 1.0);
    }
    }
    return 0.0;
}

namespace {

// A round step (1, 2, 2.5 or 5 times a power of ten) giving at most `intervals` intervals up to range.
double weightTickStep(double range, int intervals)
{
    const double raw = range / intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0})
        if (m * magnitude >= raw * (1 - 1e-9)) return m * magnitude;
    return 10 * magnitude;
}

QString weightTickText(double v)
{
    return QString::number(v, 'g', 3);
}

} // namespace

QList<WeightScale::Tick> WeightScale::ticks(bool many) const
{
    QList<Tick> result;
    switch (kind) {
    case ColorScale::Fixed:
        for (const double v : many ? QList<double>{0, 0.25, 0.5, 0.75, 1} : QList<double>{0, 1})
            result.append({v, weightTickText(v)});
        break;
    case ColorScale::Max: {
        // Round weights below the maximum, then the maximum itself at the top (two digits); a round tick too
        // close under the top is left out so that the labels do not collide.
        if (eachOwnMax) {
            result.append({0.0, weightTickText(0)});
            result.append({1.0, QCoreApplication::translate("HeatmapView", "max")});
            break;
        }
        const double step = weightTickStep(top, 4);
        result.append({0.0, weightTickText(0)});
        for (int i = 1; many && i * step < 0.8 * top; ++i)
            result.append({position(i * step), weightTickText(i * step)});
        result.append({1.0, QString::number(top, 'g', 2)});
        break;
    }
    case ColorScale::Log:
        for (const double v : many ? QList<double>{1e-3, 1e-2, 1e-1, 1} : QList<double>{1e-3, 1})
            result.append({position(v), weightTickText(v)});
        break;
    }
    return result;
}

QString WeightScale::label() const
{
    switch (kind) {
    case ColorScale::Fixed: return QCoreApplication::translate("HeatmapView", "weight (0–1)");
    case ColorScale::Max:
        return eachOwnMax ? QCoreApplication::translate("HeatmapView", "weight (0–max of each head)")
                          : QCoreApplication::translate("HeatmapView", "weight (0–max)");
    case ColorScale::Log: return QCoreApplication::translate("HeatmapView", "weight (log)");
    }
    return {};
}

WeightScale weightScaleWithMax(ColorScale kind, double largestWeight)
{
    WeightScale scale;
    scale.kind = kind;
    if (kind == ColorScale::Max && std::isfinite(largestWeight) && largestWeight > 0)
        scale.top = std::min(largestWeight, 1.0);
    return scale;
}

WeightScale weightScale(ColorScale kind, const model::Matrix& weights, const model::BoolMatrix& allowed)
{
    const bool masked = allowed.rows() == weights.rows() && allowed.cols() == weights.cols();
    double largest = 0;       // over rows with a choice
    double largestForced = 0; // over rows with one allowed key
    for (Eigen::Index r = 0; r < weights.rows(); ++r) {
        const Eigen::Index keys = masked ? allowed.row(r).count() : weights.cols();
        double& target = keys > 1 ? largest : largestForced;
        for (Eigen::Index c = 0; c < weights.cols(); ++c)
            if ((!masked || allowed(r, c)) && std::isfinite(weights(r, c))) target = std::max(target, weights(r, c));
    }
    return weightScaleWithMax(kind, largest > 0 ? largest : largestForced);
}

} // namespace attnlab::widgets
