#pragma once

// The whole Trace as a safetensors file (`attnlab run … --trace FILE.safetensors`), for numpy, PyTorch or
// Python's `safetensors` without AttnLab. Layers and heads are 0-based in the names (the command line's
// --layer 1 --head 1 is layers.0.heads.0). T = query tokens, S = key tokens, d = d_model, d_k / d_v per head:
//
//   token_ids, positions                     [T] I32
//   embeddings                               [T, d] F32        when a model ran
//   output                                   [T, d_out] F32    the final stream (matrix mode: the attention output)
//   layers.L.attention_output                [T, d_out] F32
//   layers.L.mask                            [T, S] BOOL       true where a query may attend a key
//   layers.L.heads.H.q                       [T, d_k] F32      (after RoPE when RoPE is on)
//   layers.L.heads.H.k, .v                   [S, d_k], [S, d_v] F32
//   layers.L.heads.H.scores                  [T, S] F32        QKᵀ
//   layers.L.heads.H.scaled                  [T, S] F32        only where the trace stores it (matrices, toy
//                                                              model); elsewhere it is scores × metadata "scale"
//   layers.L.heads.H.weights                 [T, S] F32        softmax; rows sum to 1 or are all 0
//   layers.L.heads.H.output                  [T, d_v] F32      weights · V
//   layers.L.heads.H.contribution            [T, d] F32        output · W_O^h, the head's share of attention_output
//   layers.L.heads.H.mask                    [T, S] BOOL       only when it differs from layers.L.mask
//   layers.L.residual.input, .attention_output, .after_attention, .mlp_output, .output   [T, d] F32
//   layers.L.residual.norm1.mean, .variance, layers.L.residual.norm2.mean, .variance     [T] F32
//   predictions.positions                    [P] I32           the position each row of predictions is for
//   predictions.ids                          [P, K] I32        top K (5, or the vocabulary when smaller) token ids,
//   predictions.probs                        [P, K] F32        most probable first, and their probabilities
//
// Matrices the trace does not have (no residual stream in matrix mode, no predictions without a language model,
// an empty matrix) are left out. "__metadata__" holds strings: format ("attnlab-trace"), version ("1"), model,
// tokens (a JSON array of strings), memory_tokens (cross-attention only), scale, scaling, mask, trained, exact,
// layers and heads (counts), predictions_kind (with predictions), warnings (a JSON array of strings).

#include "model/core/result.h"
#include "model/trace/trace.h"

namespace attnlab::model {

// Writes the file whole or not at all; the values are converted to float32 whatever the trace's precision.
Result<void> writeTraceSafetensors(const Trace& trace, const QString& path);

} // namespace attnlab::model
