#include "model/attention/mask.h"

namespace attnlab::model {

namespace {

// "window:3" -> 3; anything else -> nullopt.
std::optional<int> intAfterColon(const QString& text, const QString& prefix)
{
    if (!text.startsWith(prefix))
        return std::nullopt;
    bool ok = false;
    const int value = text.mid(prefix.size()).trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

} // namespace

Result<MaskSpec> parseMaskSpec(const QString& raw)
{
    const QString text = raw.trimmed().toLower();
    if (text == QLatin1String("none"))
        return MaskSpec::none();
    if (text == QLatin1String("causal"))
        return MaskSpec::causal();
    if (text.startsWith(QLatin1String("window:"))) {
        const auto k = intAfterColon(text, QStringLiteral("window:"));
        if (!k || *k < 1)
            return Result<MaskSpec>::failure(
                QStringLiteral("mask \"%1\": the window must be a whole number ≥ 1").arg(raw));
        return MaskSpec::slidingWindow(*k);
    }
    if (text.startsWith(QLatin1String("padding:"))) {
        const auto n = intAfterColon(text, QStringLiteral("padding:"));
        if (!n || *n < 0)
            return Result<MaskSpec>::failure(
                QStringLiteral("mask \"%1\": the padding must be a whole number ≥ 0").arg(raw));
        return MaskSpec::paddingLast(*n);
    }
    return Result<MaskSpec>::failure(
        QStringLiteral("unknown mask \"%1\" (expected none, causal, window:K or padding:N)").arg(raw));
}

QString maskSpecName(const MaskSpec& spec)
{
    switch (spec.kind) {
    case MaskKind::None: return QStringLiteral("none");
    case MaskKind::Causal: return QStringLiteral("causal");
    case MaskKind::Window: return QStringLiteral("window:%1").arg(spec.window);
    case MaskKind::Padding: return QStringLiteral("padding:%1").arg(spec.padding);
    case MaskKind::Custom: return QStringLiteral("custom");
    }
    return {};
}

Result<BoolMatrix> buildMask(const MaskSpec& spec, int queries, int keys)
{
    BoolMatrix allowed = BoolMatrix::Constant(queries, keys, true);
    switch (spec.kind) {
    case MaskKind::None:
        break;
    case MaskKind::Causal:
        // Query t sees keys s ≤ t; for cross-attention the same index rule applies.
        for (int t = 0; t < queries; ++t)
            for (int s = t + 1; s < keys; ++s)
                allowed(t, s) = false;
        break;
    case MaskKind::Window:
        if (spec.window < 1)
            return Result<BoolMatrix>::failure(QStringLiteral("the sliding window must be at least 1 (got %1)").arg(spec.window));
        for (int t = 0; t < queries; ++t)
            for (int s = 0; s < keys; ++s)
                allowed(t, s) = s <= t && s > t - spec.window;
        break;
    case MaskKind::Padding:
        if (spec.padding < 0)
            return Result<BoolMatrix>::failure(QStringLiteral("the padding must be at least 0 (got %1)").arg(spec.padding));
        if (spec.padding > 0)
            allowed.rightCols(std::min(spec.padding, keys)).setConstant(false);
        break;
    case MaskKind::Custom:
        if (spec.custom.rows() != queries || spec.custom.cols() != keys)
            return Result<BoolMatrix>::failure(
                QStringLiteral("the custom mask is %1 × %2 but the scores are %3 × %4 (queries × keys)")
                    .arg(spec.custom.rows()).arg(spec.custom.cols()).arg(queries).arg(keys));
        allowed = spec.custom;
        break;
    }
    return allowed;
}

} // namespace attnlab::model
