#pragma once

// The float32 building blocks of the checkpoint forwards (GPT-2, GPT-NeoX, BERT, the Llama family) beyond the kernels they share
// with the toy model (norms.h, activations.h, softmax.h, rope.h): multi-head attention with every head's
// intermediates kept in the Trace in float32, and the next-token predictions.

#include "model/checkpoints/safetensors.h"
#include "model/checkpoints/stored_weight.h"
#include "model/trace/trace.h"

#include <vector>

namespace attnlab::model {

using RowVectorF = Eigen::RowVectorXf;
// A row-major float matrix or a block of its columns (q, k and v are column blocks of a fused projection).
using MatrixFRef = Eigen::Ref<const MatrixF, 0, Eigen::OuterStride<>>;

// logits: (T, V) -> the top min(5, V) (id, probability) of softmax(logits) at every position.
std::vector<Prediction> topPredictions(const MatrixF& logits);
// The same from a language-model head, logits = hidden (T, d) · weight (V, d)ᵀ + bias (V, or empty), computed
// a chunk of the vocabulary at a time so that the (T, V) logits are never held whole.
// An F16/BF16 weight is converted a chunk at a time.
std::vector<Prediction> topPredictions(const MatrixF& hidden, const StoredWeight& weight, const RowVectorF& bias);
// hidden (T, d), weight (V, d), bias (V) or empty -> logits (T, V) = hidden · weightᵀ + bias.
MatrixF logitsOf(const MatrixFRef& hidden, const StoredWeight& weight, const RowVectorF& bias);

// hidden (d), weight (V, d), bias (V) or empty, target in [0, V) -> log softmax(hidden · weightᵀ + bias)[target],
// in double, the vocabulary a chunk at a time (an F16/BF16 weight converted a chunk at a time).
double logProbability(const RowVectorF& hidden, const StoredWeight& weight, const RowVectorF& bias, int target);
// The same for several rows at once, hidden (k, d) and targets (k), reading the weight once -> (k) log-probabilities.
std::vector<double> logProbabilities(const MatrixF& hidden, const StoredWeight& weight, const RowVectorF& bias,
                                     const std::vector<int>& targets);

// How a projection's weight is stored: a torch Linear keeps (out, in), GPT-2's Conv1D (in, out).
enum class WeightLayout { OutIn, InOut };


// Multi-head attention over a mask, with every head's intermediates in the Trace. The heads run in
// parallel, one per core.
//   q: (T, heads·dh); k, v: (S, kvHeads·dh); query head h reads key/value head h / (heads / kvHeads)
//   allowed: (T, S); scale multiplies QKᵀ
//   outProj: the output projection, (heads·dh, d) InOut or (d, heads·dh) OutIn
//   concat (T, heads·dh) receives each head's output. layer.heads receives one HeadTrace per head with q, k, v,
//   weights and output; layer.outputProjection W_O as (heads·dh, d). What is a product of those is derived when
//   read (trace.h): scores = q · kᵀ, scaled = scores · scale, contribution = output_h · W_O^h.
void attendHeadsF(const MatrixFRef& q, const MatrixFRef& k, const MatrixFRef& v, int heads, int kvHeads,
                  float scale, const BoolMatrix& allowed, const Eigen::Map<const MatrixF>& outProj,
                  WeightLayout layout, MatrixF& concat, LayerTrace& layer);

// concat (T, heads·dh), head h's output in columns h·dh … (h+1)·dh − 1 -> the heads of `layer` that ablation
// switches off replaced (ablation.h), in concat and in layer.heads' outputs, so that the trace shows what the
// output projection reads.
void ablateHeadsF(const Ablation& ablation, int layer, int dh, MatrixF& concat, LayerTrace& trace);

// The residual stream as the layers computed so far left it: the last layer's residual.output, or the
// embeddings before the first layer. A forward stores the stream entering a layer as this, sharing the matrix.
inline TraceMatrix latestStream(const Trace& trace)
{
    return trace.layers.empty() ? trace.embeddings : trace.layers.back().residual.output;
}

} // namespace attnlab::model
