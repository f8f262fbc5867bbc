#pragma once

// The float32 building blocks of the checkpoint forwards (GPT-2, BERT, Llama): normalisations, activations,
// softmax over a mask, next-token predictions, and the conversion of one head's intermediates into the
// Trace. Matrix mode and the toy model compute in double elsewhere (transformer_block.h).

#include "result.h"
#include "safetensors.h"
#include "trace.h"

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
Result<bool> checkTokens(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens,
                         int vocab, int maxPositions);

// The Trace's fields every checkpoint fills the same way: name, ids, positions 0..T-1, token texts (the
// ids as text when tokens is empty).
Trace startTrace(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens);

// One head's float intermediates -> its HeadTrace in double. q: (T, dh), k, v: (S, dh), scores, scaled,
// weights: (T, S), output: (T, dh), contribution: (T, d).
template <typename Q, typename K, typename V, typename O>
HeadTrace headTrace(const Q& q, const K& k, const V& v, const MatrixF& scores, const MatrixF& scaled,
                    const BoolMatrix& allowed, const MatrixF& weights, const O& output, const MatrixF& contribution)
{
    HeadTrace head;
    head.q = q.template cast<double>();
    head.k = k.template cast<double>();
    head.v = v.template cast<double>();
    head.scores = scores.cast<double>();
    head.scaled = scaled.cast<double>();
    head.allowed = allowed;
    head.weights = weights.cast<double>();
    head.output = output.template cast<double>();
    head.contribution = contribution.cast<double>();
    return head;
}

} // namespace attnlab::model
