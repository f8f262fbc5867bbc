#include "model/analysis/attention_rollout.h"

#include "model/trace/trace.h"

namespace attnlab::model {

Result<Matrix> residualAugmentedAttention(const LayerTrace& layer, Eigen::Index tokens)
{
    if (layer.heads.empty()) return Result<Matrix>::failure(QStringLiteral("a layer has no heads to average"));
    Matrix mean = Matrix::Zero(tokens, tokens);
    for (const HeadTrace& head : layer.heads) {
        if (head.weights.rows() != tokens || head.weights.cols() != tokens)
            return Result<Matrix>::failure(QStringLiteral("a head's weights are %1 × %2, not %3 × %3")
                                               .arg(head.weights.rows())
                                               .arg(head.weights.cols())
                                               .arg(tokens));
        head.weights.visit([&](const auto& a) { mean += a.template cast<double>(); });
    }
    mean /= double(layer.heads.size());
    // (T, T): the residual's half on the diagonal; every row sums to at least 0.5, so the division is safe, and a
    // fully masked row (all 0) becomes the unit row.
    Matrix augmented = 0.5 * mean + 0.5 * Matrix::Identity(tokens, tokens);
    const Vector sums = augmented.rowwise().sum();
    augmented.array().colwise() /= sums.array();
    return augmented;
}

Result<std::vector<Matrix>> residualAugmentedAttentions(const Trace& trace)
{
    using Failure = Result<std::vector<Matrix>>;
    if (!trace.memoryTokens.isEmpty())
        return Failure::failure(QStringLiteral("attention rollout and flow follow tokens through self-attention; "
                                               "this trace attends to a memory of %1 other tokens")
                                    .arg(trace.memoryTokens.size()));
    if (trace.layers.empty() || trace.tokens.isEmpty())
        return Failure::failure(QStringLiteral("the trace has no layers or no tokens"));
    std::vector<Matrix> augmented;
    augmented.reserve(trace.layers.size());
    for (std::size_t l = 0; l < trace.layers.size(); ++l) {
        auto a = residualAugmentedAttention(trace.layers[l], trace.tokens.size());
        if (!a) return Failure::failure(QStringLiteral("layer %1: %2").arg(l + 1).arg(a.error()));
        augmented.push_back(std::move(a).value());
    }
    return augmented;
}

AttentionRollout attentionRolloutOf(const std::vector<Matrix>& augmented)
{
    AttentionRollout rollout;
    rollout.layers.reserve(augmented.size());
    for (const Matrix& a : augmented) {
        if (rollout.layers.empty())
            rollout.layers.push_back(a); // R_1 = Â_1 · I
        else
            rollout.layers.push_back(a * rollout.layers.back());
    }
    return rollout;
}

Result<AttentionRollout> attentionRollout(const Trace& trace)
{
    const auto augmented = residualAugmentedAttentions(trace);
    if (!augmented) return Result<AttentionRollout>::failure(augmented.error());
    return attentionRolloutOf(*augmented);
}

} // namespace attnlab::model
