#include "model/attention/scaling.h"

#include <QLocale>

#include <cmath>

namespace attnlab::model {

double scaleFactor(const Scaling& scaling, int dk)
{
    switch (scaling.kind) {
    case ScaleKind::InverseSqrtDk: return 1.0 / std::sqrt(double(std::max(dk, 1)));
    case ScaleKind::None: return 1.0;
    case ScaleKind::Temperature: return 1.0 / scaling.temperature;
    }
    return 1.0;
}

Result<Scaling> parseScaling(const QString& raw)
{
    // The kind's name alone, "temperature" with τ after a colon; "1/sqrt(dk)" and "default" also mean √d_k.
    const QString text = raw.trimmed().toLower();
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const std::optional<ScaleKind> kind =
        enumValue(kScaleKindNames, QStringView(text).left(colon < 0 ? text.size() : colon));
    if (text == QLatin1String("1/sqrt(dk)") || text == QLatin1String("default") ||
        (colon < 0 && kind == ScaleKind::InverseSqrtDk))
        return Scaling{};
    if (colon < 0 && kind == ScaleKind::None)
        return Scaling{ScaleKind::None, 1.0};
    if (colon >= 0 && kind == ScaleKind::Temperature) {
        bool ok = false;
        const double tau = text.mid(colon + 1).toDouble(&ok);
        if (!ok || !(tau > 0.0) || !std::isfinite(tau))
            return Result<Scaling>::failure(
                QStringLiteral("scaling \"%1\": the temperature must be a positive number").arg(raw));
        return Scaling{ScaleKind::Temperature, tau};
    }
    return Result<Scaling>::failure(
        QStringLiteral("unknown scaling \"%1\" (expected sqrt, none or temperature:T)").arg(raw));
}

QString scalingName(const Scaling& scaling)
{
    const QString kind = enumName(kScaleKindNames, scaling.kind);
    // Every digit of τ (the shortest text that reads back as the same double): the trace JSON's "scaling"
    // must run again with the same factor, and arg()'s six digits made 1/3 into 0.333333.
    if (scaling.kind == ScaleKind::Temperature)
        return kind + QLatin1Char(':') +
               QString::number(scaling.temperature, 'g', QLocale::FloatingPointShortest);
    return kind;
}

} // namespace attnlab::model
