#pragma once

// A transformer block: LayerNorm, multi-head attention, position-wise feed-forward network and the two
// residual connections, in pre-norm (x + f(LN(x))) or post-norm (LN(x + f(x))) placement.

#include "model/attention/multi_head_attention.h"
#include "model/core/enum_names.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"

namespace attnlab::model {

enum class NormPlacement { Pre, Post };

// The names of the command line (--norm) and sessions.
inline constexpr std::array<EnumName<NormPlacement>, 2> kNormPlacementNames{{
    {NormPlacement::Pre, "pre"},
    {NormPlacement::Post, "post"},
}};

struct LayerNormParams {
    RowVector gamma; // (d)
    RowVector beta;  // (d)
    double eps = 1e-5;
};

struct FeedForwardWeights {
    Matrix w1;    // (d, d_ff)
    RowVector b1; // (d_ff)
    Matrix w2;    // (d_ff, d)
    RowVector b2; // (d)
    Activation activation = Activation::ReLU;
};

struct BlockWeights {
    MultiHeadWeights attention;
    LayerNormParams norm1;
    LayerNormParams norm2;
    FeedForwardWeights ffn;
    NormPlacement placement = NormPlacement::Pre;
};

// A name of kNormPlacementNames, in any case (activations: parseActivation in model/kernels/activations.h).
Result<NormPlacement> parseNormPlacement(const QString& text);

// x: (T, d) -> (T, d): the LayerNorm kernel (model/kernels/norms.h) with these parameters; an empty γ
// means 1 and an empty β means 0, so a bare LayerNormParams{} is the plain normalisation.
inline Matrix layerNorm(const Matrix& x, const LayerNormParams& params, NormStats* stats = nullptr)
{
    return layerNorm(x, params.gamma, params.beta, params.eps, stats);
}

// x: (T, d) -> (T, d) = act(x·W1 + b1)·W2 + b2.
Matrix feedForward(const Matrix& x, const FeedForwardWeights& weights);

// x: (T, d) -> LayerTrace with its residual stream filled and attentionOutput; the layer's output is
// residual.output (T, d). memory: empty for self-attention, or (S, d) keys/values of a second sequence
// (source–target attention; used as given, not normalised) at memoryPositions. ablation, when given, switches off
// its heads and MLP of layer `layerIndex` (ablation.h).
LayerTrace transformerBlock(const Matrix& x, const BlockWeights& weights, const AttentionOptions& options,
                            const PositionalConfig& positional, const std::vector<int>& positions,
                            const Matrix& memory = {}, const std::vector<int>& memoryPositions = {},
                            QStringList* warnings = nullptr, const Ablation* ablation = nullptr, int layerIndex = 0);

} // namespace attnlab::model
