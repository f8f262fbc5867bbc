#pragma once

// Multi-head attention: project, split into h heads, attend, concatenate, project with W_O.

#include "model/attention/ablation.h"
#include "model/attention/attention.h"
#include "model/attention/positional_encoding.h"

namespace attnlab::model {

struct MultiHeadWeights {
    int heads = 1;
    Matrix wq; // (d, h·d_k)
    Matrix wk; // (d, h·d_k)
    Matrix wv; // (d, h·d_v)
    Matrix wo; // (h·d_v, d_out); empty = identity (the concatenation is the output)
    RowVector bq, bk, bv, bo; // empty or the matching widths
};

// Checks the shapes: widths divisible by heads, W_q and W_k alike, W_O rows = h·d_v, bias widths.
// d is the input width. The message names the offending matrix and both shapes.
Result<void> validateWeights(const MultiHeadWeights& weights, int d);

// x: (T, d) queries' stream, memory: (S, d) keys'/values' stream (pass x itself for self-attention),
// positions of both for RoPE / ALiBi -> LayerTrace with h HeadTraces (each with its contribution
// output_h · W_O^h, (T, d_out)) and attentionOutput = Concat(output_h) · W_O + b_O (T, d_out).
// Shapes must have been validated. Fully masked rows are reported in *warnings. ablation, when given, switches
// off its heads of layer `layerIndex` (ablation.h): their outputs, contributions and share of attentionOutput.
LayerTrace multiHeadAttention(const Matrix& x, const Matrix& memory, const MultiHeadWeights& weights,
                              const AttentionOptions& options, const PositionalConfig& positional,
                              const std::vector<int>& queryPositions, const std::vector<int>& keyPositions,
                              QStringList* warnings = nullptr, const Ablation* ablation = nullptr, int layerIndex = 0);

// Already projected q: (T, h·d_k), k: (S, h·d_k), v: (S, h·d_v) -> LayerTrace with h HeadTraces (RoPE and
// ALiBi applied per head; contribution = the head's output placed in its own columns) and attentionOutput =
// the concatenation (T, h·d_v). Widths must divide by heads.
LayerTrace attendHeads(const Matrix& q, const Matrix& k, const Matrix& v, int heads, const AttentionOptions& options,
                       const PositionalConfig& positional, const std::vector<int>& queryPositions,
                       const std::vector<int>& keyPositions, QStringList* warnings = nullptr);

// The h-th block of rows of W_O: (d_v, d_out).
Matrix outputBlock(const Matrix& wo, int head, int heads);

} // namespace attnlab::model
