#include "model/attention/mask.h"

namespace attnlab::model {

Result<MaskSpec> parseMaskSpec(const QString& raw)
{
    // "none" and "causal" alone; "window" and "padding" with their number after a colon: "window:3".
    const QString text = raw.trimmed().toLower();
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const std::optional<MaskKind> kind =
        enumValue(kMaskKindNames, QStringView(text).left(colon < 0 ? text.size() : colon));
    if (colon < 0 && (kind == MaskKind::None || kind == MaskKind::Causal))
        return MaskSpec{*kind, 1, 0, {}};
    if (colon >= 0 && (kind == MaskKind::Window || kind == MaskKind::Padding)) {
        bool ok = false;
        const int n = text.mid(colon + 1).trimmed().toInt(&ok);
        if (*kind == MaskKind::Window) {
            if (!ok || n < 1)
                return Result<MaskSpec>::failure(
                    QStringLiteral("mask \"%1\": the window must be a whole number ≥ 1").arg(raw));
            return MaskSpec::slidingWindow(n);
        }
        if (!ok || n < 0)
            return Result<MaskSpec>::failure(
                QStringLiteral("mask \"%1\": the padding must be a whole number ≥ 0").arg(raw));
        return MaskSpec::paddingLast(n);
    }
    return Result<MaskSpec>::failure(
        QStringLiteral("unknown mask \"%1\" (expected none, causal, window:K or padding:N)").arg(raw));
}

QString maskSpecName(const MaskSpec& spec)
{
    const QString kind = enumName(kMaskKindNames, spec.kind);
    switch (spec.kind) {
    case MaskKind::Window: return QStringLiteral("%1:%2").arg(kind).arg(spec.window);
    case MaskKind::Padding: return QStringLiteral("%1:%2").arg(kind).arg(spec.padding);
    case MaskKind::None:
    case MaskKind::Causal:
    case MaskKind::Custom: return kind;
    }
    return kind;
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
