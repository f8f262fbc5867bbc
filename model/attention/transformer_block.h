#pragma once

// A transformer block: LayerNorm, multi-head attention, position-wise feed-forward network and the two
// residual connections, in pre-norm (x + f(LN(x))) or post-norm (LN(x + f(x))) placement.

#include "model/attention/multi_head_attention.h"
#include "model/core/enum_names.h"

namespace attnlab::model {

enum class Activation { ReLU, Gelu, GeluTanh };
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

// "relu", "gelu", "gelu_tanh"; a name of kNormPlacementNames; in any case.
Result<Activation> parseActivation(const QString& text);
Result<NormPlacement> parseNormPlacement(const QString& text);

// x: (T, d) -> (T, d): each row normalised to zero mean and unit variance (biased variance, as PyTorch),
// then scaled by γ and shifted by β. Statistics go to *stats when given.
Matrix layerNorm(const Matrix& x, const LayerNormParams& params, NormStats* stats = nullptr);

// x: (T, d) -> (T, d) = act(x·W1 + b1)·W2 + b2.
Matrix feedForward(const Matrix& x, const FeedForwardWeights& weights);

// Elementwise activation of any matrix. Gelu is exact x·Φ(x); GeluTanh the tanh approximation.
Matrix activate(const Matrix& x, Activation activation);

// x: (T, d) -> LayerTrace with its residual stream filled and attentionOutput; the layer's output is
// residual.output (T, d). memory: empty for self-attention, or (S, d) keys/values of a second sequence
// (source–target attention; used as given, not normalised) at memoryPositions.
LayerTrace transformerBlock(const Matrix& x, const BlockWeights& weights, const AttentionOptions& options,
                            const PositionalConfig& positional, const std::vector<int>& positions,
                            const Matrix& memory = {}, const std::vector<int>& memoryPositions = {},
                            QStringList* warnings = nullptr);

} // namespace attnlab::model
