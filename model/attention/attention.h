#pragma once

// Scaled dot-product attention for one head.

#include "model/trace/trace.h"

namespace attnlab::model {

struct AttentionOptions {
    Scaling scaling;
    MaskSpec mask;
    ExpOverrides expOverrides;
};

// q: (T, d_k), k: (S, d_k), v: (S, d_v), allowed: (T, S) (the head keeps it, shared), bias: empty or (T, S) added to the scaled scores
// -> HeadTrace with scores (T, S), weights (T, S), output (T, d_v). `contribution` is left empty.
// Fully masked rows give zero weights; their indices go to *fullyMaskedRows.
HeadTrace attendHead(const Matrix& q, const Matrix& k, const Matrix& v, const TraceMask& allowed, double scale,
                     const ExpOverrides& expOverrides = {}, const Matrix& bias = {},
                     std::vector<int>* fullyMaskedRows = nullptr);

// The message put into Trace::warnings for fully masked rows ("query rows 2, 3 are fully masked: …").
QString fullyMaskedWarning(const std::vector<int>& rows, const QStringList& tokens, const QString& where);

} // namespace attnlab::model
