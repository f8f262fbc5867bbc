#pragma once

// Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers", §3; reference code
// github.com/samiraabnar/attention_flow, compute_joint_attention). Each layer's attention, averaged over its
// heads, is augmented with the residual connection, Â_l = rownormalise(0.5 · mean_h A_l^h + 0.5 · I), and the
// layers are multiplied from the input up:
//
//     R_0 = I,   R_l = Â_l · R_{l−1}          (T, T) each; row i of R_l: how much of each input token reaches
//                                               token i after layer l, rows sum to 1
//
// The paper's code adds I to the mean and renormalises the rows; for row-stochastic attention that is the same
// as 0.5 · A + 0.5 · I. A query whose row is fully masked (all weights 0, mask.h) keeps only its residual:
// its row of Â_l is the unit row e_i, the token passes on itself and nothing else. Padding therefore needs no
// special case: a key nobody may attend gets no weight but its own residual.
//
// Self-attention only (S = T): cross-attention's keys are another sequence, whose tokens are not the ones the
// layers pass on.

#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <vector>

namespace attnlab::model {

struct LayerTrace;
struct Trace;

struct AttentionRollout {
    std::vector<Matrix> layers; // (L) R_l, (T, T): layers[l − 1] is R_l, after layer l
};

// A layer's weights (H) × (T, T) -> Â = rownormalise(0.5 · mean_h A^h + 0.5 · I), (T, T), rows sum to 1.
// Fails when the layer has no heads or a head's weights are not (tokens, tokens).
Result<Matrix> residualAugmentedAttention(const LayerTrace& layer, Eigen::Index tokens);

// Every layer's Â_l of a self-attention trace, (L) × (T, T); fails for cross-attention or a trace without layers.
Result<std::vector<Matrix>> residualAugmentedAttentions(const Trace& trace);

// Â_1 … Â_L -> R_1 … R_L (R_l = Â_l · R_{l−1}, R_0 = I). All must be square of one size.
AttentionRollout attentionRolloutOf(const std::vector<Matrix>& augmented);

// trace -> its rollout, or why there is none (cross-attention, no layers).
Result<AttentionRollout> attentionRollout(const Trace& trace);

} // namespace attnlab::model
