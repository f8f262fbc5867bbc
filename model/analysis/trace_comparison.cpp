#include "model/analysis/trace_comparison.h"

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// (T, S) mask of the selected layer's first visible head, or all true when the trace keeps none.
BoolMatrix comparisonMaskOf(const Trace& trace, const TraceSelection& selection, Eigen::Index rows, Eigen::Index cols)
{
    const TraceSelection s = clampSelection(selection, trace);
    const std::vector<int> heads = visibleHeads(trace, s);
    const int head = s.head >= 0 ? s.head : heads.front();
    const BoolMatrix& mask = trace.layers[size_t(s.layer)].heads[size_t(head)].allowed;
    if (mask.rows() < rows || mask.cols() < cols)
        return BoolMatrix::Constant(rows, cols, true);
    return mask.topLeftCorner(rows, cols);
}

QString comparisonPlural(int n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

TraceAlignment alignTraces(const Trace& a, const Trace& b)
{
    TraceAlignment alignment;
    alignment.tokensA = int(a.tokens.size());
    alignment.tokensB = int(b.tokens.size());
    alignment.tokens = std::min(alignment.tokensA, alignment.tokensB);
    const int keysA = int(a.keyTokens().size()), keysB = int(b.keyTokens().size());
    alignment.keys = std::min(keysA, keysB);
    if (alignment.tokensA != alignment.tokensB)
        alignment.warning = QStringLiteral("A has %1 and B %2: compared on the first %3")
                                .arg(comparisonPlural(alignment.tokensA, "token", "tokens"))
                                .arg(alignment.tokensB)
                                .arg(alignment.tokens);
    else if (keysA != keysB)
        alignment.warning = QStringLiteral("A has %1 and B %2: compared on the first %3 keys")
                                .arg(comparisonPlural(keysA, "key token", "key tokens"))
                                .arg(keysB)
                                .arg(alignment.keys);
    for (int t = 0; t < alignment.tokens; ++t)
        if (a.tokens[t] != b.tokens[t])
            alignment.differing.push_back(t);
    return alignment;
}

QString traceShapeText(const Trace& trace)
{
    const int layers = int(trace.layers.size());
    std::vector<int> heads;
    for (const LayerTrace& layer : trace.layers)
        heads.push_back(int(layer.heads.size()));
    const bool uniform = std::all_of(heads.begin(), heads.end(), [&](int h) { return h == heads.front(); });
    const QString layerText = comparisonPlural(layers, "layer", "layers");
    if (heads.empty()) return layerText;
    if (uniform) return layerText + QStringLiteral(" × ") + comparisonPlural(heads.front(), "head", "heads");
    QStringList counts;
    for (int h : heads)
        counts << QString::number(h);
    return layerText + QStringLiteral(" (") + counts.join(QStringLiteral(", ")) + QStringLiteral(" heads)");
}

Result<void> checkSameShape(const Trace& a, const Trace& b)
{
    bool same = a.layers.size() == b.layers.size();
    for (size_t l = 0; same && l < a.layers.size(); ++l)
        same = a.layers[l].heads.size() == b.layers[l].heads.size();
    if (same) return Result<void>::success();
    return Result<void>::failure(QStringLiteral("A has %1 and B %2: A − B needs the same layers and heads "
                                                "(side by side only)")
                                     .arg(traceShapeText(a), traceShapeText(b)));
}

Result<TraceComparison> compareTraces(const Trace& a, const Trace& b, const TraceSelection& selection)
{
    using R = Result<TraceComparison>;
    if (a.layers.empty() || b.layers.empty() || a.layers.front().heads.empty() || b.layers.front().heads.empty())
        return R::failure(QStringLiteral("nothing to compare: %1 has no attention heads")
                              .arg(a.layers.empty() || a.layers.front().heads.empty() ? QStringLiteral("A")
                                                                                      : QStringLiteral("B")));
    if (const auto same = checkSameShape(a, b); !same) return R::failure(same.error());
    TraceComparison c;
    c.alignment = alignTraces(a, b);
    const Eigen::Index t = c.alignment.tokens, s = c.alignment.keys;
    // weights: (T_A, S_A) and (T_B, S_B) -> their common top-left (T, S) block, A − B.
    const Matrix wa = selectedWeights(a, selection), wb = selectedWeights(b, selection);
    c.difference = wa.topLeftCorner(t, s) - wb.topLeftCorner(t, s);
    c.allowed = comparisonMaskOf(a, selection, t, s).array() || comparisonMaskOf(b, selection, t, s).array();
    for (Eigen::Index i = 0; i < t; ++i)
        for (Eigen::Index j = 0; j < s; ++j)
            if (c.allowed(i, j) && std::isfinite(c.difference(i, j)))
                c.largest = std::max(c.largest, std::abs(c.difference(i, j)));
    return c;
}

QString differingTokensText(const Trace& a, const Trace& b, const TraceAlignment& alignment)
{
    QStringList parts;
    for (int t : alignment.differing)
        parts << QStringLiteral("%1: %2 → %3").arg(t + 1).arg(a.tokens.value(t), b.tokens.value(t));
    return parts.join(QStringLiteral(", "));
}

} // namespace attnlab::model
