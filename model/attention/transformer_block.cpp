#include "model/attention/transformer_block.h"

namespace attnlab::model {

Result<NormPlacement> parseNormPlacement(const QString& raw)
{
    if (const auto placement = enumValue(kNormPlacementNames, raw.trimmed().toLower())) return *placement;
    return Result<NormPlacement>::failure(QStringLiteral("unknown LayerNorm placement \"%1\" (expected %2)")
                                              .arg(raw, enumNames(kNormPlacementNames).join(QStringLiteral(" or "))));
}

// x: (T, d) -> hidden (T, d_ff) = act(x·W1 + b1) -> (T, d) = hidden·W2 + b2. Empty biases are zero.
Matrix feedForward(const Matrix& x, const FeedForwardWeights& w)
{
    Matrix hidden(x.rows(), w.w1.cols());
    hidden.noalias() = x * w.w1;
    if (w.b1.size()) hidden.rowwise() += w.b1;
    activateInPlace(hidden, w.activation);
    Matrix out(x.rows(), w.w2.cols());
    out.noalias() = hidden * w.w2;
    if (w.b2.size()) out.rowwise() += w.b2;
    return out;
}

// x: (T, d), memory: empty or (S, d) -> LayerTrace whose residual.output (T, d) is the layer's output.
//   pre-norm:  h = x + Attn(LN1(x));  out = h + FFN(LN2(h))     (GPT-2, llama)
//   post-norm: h = LN1(x + Attn(x));  out = LN2(h + FFN(h))     (Vaswani et al., BERT)
// Self-attention reads keys and values from the same (normalised in pre-norm) stream as the queries, at the
// same positions. Cross-attention reads them from `memory` as given (the encoder's output is already
// normalised by its own stack); memory positions default to 0..S−1 when not given. The attention and FFN
// weights must have been validated: W_O's width (or h·d_v without W_O) and W2's width must be d.
LayerTrace transformerBlock(const Matrix& x, const BlockWeights& weights, const AttentionOptions& options,
                            const PositionalConfig& positional, const std::vector<int>& positions,
                            const Matrix& memory, const std::vector<int>& memoryPositions,
                            QStringList* warnings, const Ablation* ablation, int layerIndex)
{
    const bool cross = memory.size() > 0;
    std::vector<int> keyPositions = cross ? memoryPositions : positions;
    if (cross && keyPositions.empty())
        for (int s = 0; s < int(memory.rows()); ++s)
            keyPositions.push_back(s);

    // queries: (T, d) -> LayerTrace with attentionOutput (T, d).
    const auto attend = [&](const Matrix& queries) {
        return multiHeadAttention(queries, cross ? memory : queries, weights.attention, options, positional,
                                  positions, keyPositions, warnings, ablation, layerIndex);
    };

    LayerTrace layer;
    if (weights.placement == NormPlacement::Pre) {
        NormStats norm1;
        layer = attend(layerNorm(x, weights.norm1, &norm1));
        ResidualTrace& r = layer.residual;
        r.norm1 = std::move(norm1);
        const Matrix& attention = *layer.attentionOutput.doubles();
        Matrix afterAttention = x + attention;
        Matrix mlpOutput = feedForward(layerNorm(afterAttention, weights.norm2, &r.norm2), weights.ffn);
        if (ablation) ablateMlpRows(*ablation, layerIndex, mlpOutput);
        r.output = Matrix(afterAttention + mlpOutput);
        r.attentionOutput = layer.attentionOutput;
        r.afterAttention = std::move(afterAttention);
        r.mlpOutput = std::move(mlpOutput);
    } else {
        layer = attend(x);
        ResidualTrace& r = layer.residual;
        const Matrix& attention = *layer.attentionOutput.doubles();
        Matrix afterAttention = layerNorm(x + attention, weights.norm1, &r.norm1);
        Matrix mlpOutput = feedForward(afterAttention, weights.ffn);
        if (ablation) ablateMlpRows(*ablation, layerIndex, mlpOutput);
        r.output = layerNorm(afterAttention + mlpOutput, weights.norm2, &r.norm2);
        r.attentionOutput = layer.attentionOutput;
        r.afterAttention = std::move(afterAttention);
        r.mlpOutput = std::move(mlpOutput);
    }
    layer.residual.input = x;
    layer.hasResidual = true;
    return layer;
}

} // namespace attnlab::model
