#include "model/attention/transformer_block.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace attnlab::model {

Result<Activation> parseActivation(const QString& raw)
{
    const QString text = raw.trimmed().toLower();
    if (text == QLatin1String("relu")) return Activation::ReLU;
    if (text == QLatin1String("gelu")) return Activation::Gelu;
    if (text == QLatin1String("gelu_tanh")) return Activation::GeluTanh;
    return Result<Activation>::failure(
        QStringLiteral("unknown activation \"%1\" (expected relu, gelu or gelu_tanh)").arg(raw));
}

Result<NormPlacement> parseNormPlacement(const QString& raw)
{
    if (const auto placement = enumValue(kNormPlacementNames, raw.trimmed().toLower())) return *placement;
    return Result<NormPlacement>::failure(QStringLiteral("unknown LayerNorm placement \"%1\" (expected %2)")
                                              .arg(raw, enumNames(kNormPlacementNames).join(QStringLiteral(" or "))));
}

// x: (T, d) -> (T, d). Per row: (x − mean) / √(var + eps) · γ + β with the biased variance (divide by d, as
// torch.nn.LayerNorm). An empty γ means 1 and an empty β means 0, so a bare LayerNormParams{} is the plain
// normalisation.
Matrix layerNorm(const Matrix& x, const LayerNormParams& params, NormStats* stats)
{
    assert(params.gamma.size() == 0 || params.gamma.size() == x.cols());
    assert(params.beta.size() == 0 || params.beta.size() == x.cols());
    // mean, variance: (T); centered: (T, d) with the row mean broadcast over the columns.
    const Vector mean = x.rowwise().mean();
    Matrix out = x.colwise() - mean;
    const Vector variance = out.array().square().rowwise().mean();
    out.array().colwise() /= (variance.array() + params.eps).sqrt();
    if (params.gamma.size()) out.array().rowwise() *= params.gamma.array();
    if (params.beta.size()) out.rowwise() += params.beta;
    if (stats) {
        stats->mean = mean;
        stats->variance = variance;
    }
    return out;
}

// x: any shape -> the same shape, elementwise.
Matrix activate(const Matrix& x, Activation activation)
{
    switch (activation) {
    case Activation::ReLU:
        return x.cwiseMax(0.0);
    case Activation::Gelu:
        // x·Φ(x) = x·½(1 + erf(x/√2)). Eigen's array erf lives in unsupported/, so std::erf per entry.
        return x.unaryExpr(
            [](double v) { return 0.5 * v * (1.0 + std::erf(v * std::numbers::sqrt2 / 2.0)); });
    case Activation::GeluTanh: {
        // ½x(1 + tanh(√(2/π)(x + 0.044715x³))), the approximation GPT-2 was trained with.
        const double c = std::sqrt(2.0 / std::numbers::pi);
        const Eigen::ArrayXXd a = x.array();
        return (0.5 * a * (1.0 + (c * (a + 0.044715 * a.cube())).tanh())).matrix();
    }
    }
    return x;
}

// x: (T, d) -> hidden (T, d_ff) = act(x·W1 + b1) -> (T, d) = hidden·W2 + b2. Empty biases are zero.
Matrix feedForward(const Matrix& x, const FeedForwardWeights& w)
{
    Matrix hidden(x.rows(), w.w1.cols());
    hidden.noalias() = x * w.w1;
    if (w.b1.size()) hidden.rowwise() += w.b1;
    hidden = activate(hidden, w.activation);
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
                            QStringList* warnings)
{
    const bool cross = memory.size() > 0;
    std::vector<int> keyPositions = cross ? memoryPositions : positions;
    if (cross && keyPositions.empty())
        for (int s = 0; s < int(memory.rows()); ++s)
            keyPositions.push_back(s);

    // queries: (T, d) -> LayerTrace with attentionOutput (T, d).
    const auto attend = [&](const Matrix& queries) {
        return multiHeadAttention(queries, cross ? memory : queries, weights.attention, options, positional,
                                  positions, keyPositions, warnings);
    };

    LayerTrace layer;
    if (weights.placement == NormPlacement::Pre) {
        NormStats norm1;
        layer = attend(layerNorm(x, weights.norm1, &norm1));
        ResidualTrace& r = layer.residual;
        r.norm1 = std::move(norm1);
        r.attentionOutput = layer.attentionOutput;
        r.afterAttention = x + r.attentionOutput;
        r.mlpOutput = feedForward(layerNorm(r.afterAttention, weights.norm2, &r.norm2), weights.ffn);
        r.output = r.afterAttention + r.mlpOutput;
    } else {
        layer = attend(x);
        ResidualTrace& r = layer.residual;
        r.attentionOutput = layer.attentionOutput;
        r.afterAttention = layerNorm(x + r.attentionOutput, weights.norm1, &r.norm1);
        r.mlpOutput = feedForward(r.afterAttention, weights.ffn);
        r.output = layerNorm(r.afterAttention + r.mlpOutput, weights.norm2, &r.norm2);
    }
    layer.residual.input = x;
    layer.hasResidual = true;
    return layer;
}

} // namespace attnlab::model
