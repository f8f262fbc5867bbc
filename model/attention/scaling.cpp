#include "model/attention/scaling.h"

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
    const QString text = raw.trimmed().toLower();
    if (text == QLatin1String("sqrt") || text == QLatin1String("1/sqrt(dk)") || text == QLatin1String("default"))
        return Scaling{};
    if (text == QLatin1String("none"))
        return Scaling{ScaleKind::None, 1.0};
    if (text.startsWith(QLatin1String("temperature:"))) {
        bool ok = false;
        const double tau = text.mid(12).toDouble(&ok);
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
    switch (scaling.kind) {
    case ScaleKind::InverseSqrtDk: return QStringLiteral("sqrt");
    case ScaleKind::None: return QStringLiteral("none");
    case ScaleKind::Temperature: return QStringLiteral("temperature:%1").arg(scaling.temperature);
    }
    return {};
}

} // namespace attnlab::model
