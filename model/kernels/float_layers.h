#pragma once

// The float32 building blocks of the checkpoint forwards (GPT-2, BERT, Llama): normalisations, activations,
// softmax over a mask, next-token predictions, and the conversion of one head's intermediates into the
// Trace. Matrix mode and the toy model compute in double elsewhere (transformer_block.h).

#include "model/core/result.h"
#include "model/checkpoints/safetensors.h"
#include "model/trace/trace.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace attnlab::model {

using RowVectorF = Eigen::RowVectorXf;

// x: (T, d) -> (T, d): (x − mean) / √(var + eps) · γ + β per row, biased variance as torch.nn.LayerNorm.
// Statistics (before γ and β) go to stats.
MatrixF layerNormF(const MatrixF& x, const RowVectorF& gamma, const RowVectorF& beta, float eps, NormStats& stats);

// x: (T, d) -> (T, d): x / √(mean(x²) + eps) · γ per row, as Llama's RMSNorm. stats.mean receives 0 and
// stats.variance the mean square, so the views can show the same statistics for both norms.
MatrixF rmsNormF(const MatrixF& x, const RowVectorF& gamma, float eps, NormStats& stats);

// x: any shape -> the same shape, elementwise. "gelu_new" is GPT-2's tanh approximation, "gelu" the exact
// x·Φ(x), "relu", "silu" (x·σ(x)).
void activateInPlace(MatrixF& x, const QString& activation);

// scaled: (T, S), allowed: (T, S) -> weights (T, S): softmax of each row over its allowed keys; a row with
// no allowed key is all zero.
MatrixF maskedSoftmaxF(const MatrixF& scaled, const BoolMatrix& allowed);

// logits: (T, V) -> the top min(5, V) (id, probability) of softmax(logits) at every position.
std::vector<Prediction> topPredictions(const MatrixF& logits);

// The checks every run() makes before computing: at least one token, at most maxPositions (0 = no limit),
// every id in [0, vocab), and as many token texts as ids (or none). Errors start with the model's name.
Result<void> checkTokens(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens,
                         int vocab, int maxPositions);

// The Trace's fields every checkpoint fills the same way: name, ids, positions 0..T-1, token texts (the
// ids as text when tokens is empty).
Trace startTrace(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens);

// How a projection's weight is stored: a torch Linear keeps (out, in), GPT-2's Conv1D (in, out).
enum class WeightLayout { OutIn, InOut };

// A row-major float matrix or a block of its columns (q, k and v are column blocks of a fused projection).
using MatrixFRef = Eigen::Ref<const MatrixF, 0, Eigen::OuterStride<>>;

// Multi-head attention over a mask, with every head's intermediates in the Trace. The heads run in
// parallel, one per core.
//   q: (T, heads·dh); k, v: (S, kvHeads·dh); query head h reads key/value head h / (heads / kvHeads)
//   allowed: (T, S); scale multiplies QKᵀ
//   outProj: the output projection, (heads·dh, d) InOut or (d, heads·dh) OutIn
//   concat (T, heads·dh) receives each head's output; the result holds one HeadTrace per head, whose
//   contribution (T, d) is output_h · W_O^h, head h's share of the projected output. The heads leave
//   `scaled` empty: it is scores · scale (trace.h, scaledScores).
std::vector<HeadTrace> attendHeadsF(const MatrixFRef& q, const MatrixFRef& k, const MatrixFRef& v, int heads,
                                    int kvHeads, float scale, const BoolMatrix& allowed,
                                    const Eigen::Map<const MatrixF>& outProj, WeightLayout layout, MatrixF& concat);

} // namespace attnlab::model
