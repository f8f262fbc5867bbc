#pragma once

// Row-wise softmax over a mask: each query's weights over the keys it may attend. Compiled once, in
// softmax.cpp, for Matrix and MatrixF (kernel_types.h). The exam's "exp(x) ≈ value" overrides are a
// matrix-mode feature layered on top (model/attention/exp_overrides.h).

#include "model/core/matrix_types.h"
#include "model/kernels/kernel_types.h"

#include <vector>

namespace attnlab::model {

// scores: (T, S), allowed: (T, S) -> weights (T, S). Each row is exp(s − max) / Σ exp(s − max) over its
// allowed keys (the row maximum subtracted first: no overflow) and 0 at the masked ones. A row with no
// allowed key is all zeros, never NaN, and its index is appended to *fullyMaskedRows when given.
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options> maskedSoftmax(const KernelMatrix<Scalar, Options>& scores,
                                            const BoolMatrix& allowed,
                                            std::vector<int>* fullyMaskedRows = nullptr);

// The checkpoints' form, in place: row t of scores (T, S), row-major float, becomes the masked softmax of its
// first keyEnd[t] entries times scale; entries from keyEnd[t] on must be masked in allowed and are not read
// (the forward does not compute them: under a causal mask that is half of every head's scores) and become 0.
// keyEnd: (T), each in [0, S].
void scaledMaskedSoftmaxInPlace(MatrixF& scores, float scale, const BoolMatrix& allowed,
                                const std::vector<Eigen::Index>& keyEnd);

} // namespace attnlab::model
