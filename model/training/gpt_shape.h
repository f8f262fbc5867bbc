#pragma once

// The shape of a GPT the training lab builds: GPT-2's architecture (learned token and position embeddings,
// pre-LayerNorm blocks, causal multi-head attention, a GELU-tanh MLP of 4·d, a final LayerNorm, the output tied
// to the token embedding), or the same without the MLP (attention only: ln_2 and the MLP are left out of every
// block, so that the residual stream is the embeddings plus what the heads write).

#include "model/core/result.h"

namespace attnlab::model {

struct GptShape {
    int layers = 2;
    int heads = 4;
    int dModel = 64;
    int context = 64; // the longest sequence: rows of the position embedding (n_positions)
    int vocab = 0;
    bool attentionOnly = false;

    int headDim() const { return heads > 0 ? dModel / heads : 0; }
    int dFf() const { return 4 * dModel; }
    bool operator==(const GptShape&) const = default;
};

// The lab's limits: what trains in seconds to minutes on a laptop and what the Train window can draw.
inline constexpr int kMaxTrainingLayers = 6;
inline constexpr int kMaxTrainingHeads = 8;
inline constexpr int kMaxTrainingDModel = 512;
inline constexpr int kMaxTrainingContext = 256;
inline constexpr int kMaxTrainingVocab = 65536;

// -> success, or one message naming the first value out of range ("heads: 0 is not between 1 and 8",
// "d_model: 100 is not divisible by heads 8").
Result<void> checkShape(const GptShape& shape);

} // namespace attnlab::model
