#pragma once

// Matrix mode: the attention problem a teacher types (or reads from a matrices JSON file), and its run.
// Inputs are either Q, K, V directly; or X with W_q, W_k, W_v (optionally W_o, heads); or X alone
// (Q = K = V = X). A second sequence "memory" (M) makes it cross-attention: queries from X, keys and values
// from M (K = M·W_k, V = M·W_v).

#include "model/attention/attention.h"
#include "model/trace/trace.h"

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace attnlab::model {

struct MatrixProblem {
    std::optional<Matrix> q, k, v;        // direct form
    std::optional<Matrix> x, memory;      // projected form (memory optional)
    std::optional<Matrix> wq, wk, wv, wo; // projections; all three of wq/wk/wv or none
    int heads = 1;
    QStringList tokens;                   // optional names of the query rows
    QStringList memoryTokens;             // optional names of the key rows
    AttentionOptions options;
};

// A matrices file (docs/ARCHITECTURE.md, "Matrices file") -> problem. fileName names the file in every message.
// Errors: malformed JSON, unknown keys' wrong types, cells that are not numbers or expressions, shape
// mismatches ("K has 2 columns but Q has 3"), incomplete input ("W_k given without W_q").
Result<MatrixProblem> parseMatrixProblem(const QByteArray& json, const QString& fileName);

// The most attention cells (queries × keys × heads) matrix mode computes: 2048 × 2048 for one head.
inline constexpr std::int64_t kMaxAttentionCells = std::int64_t(1) << 22;

// Checks the shapes of a problem built in code (the GUI) or read from a file.
Result<void> validateMatrixProblem(const MatrixProblem& problem);

// problem -> Trace with one layer. Direct form: one head on Q, K, V. Projected form: multi-head attention
// with `heads` heads (output after W_o when given). Fails on invalid shapes.
Result<Trace> runMatrixProblem(const MatrixProblem& problem);

} // namespace attnlab::model
