#pragma once

// Masked, row-wise softmax with optional exam-style overrides of exp(x).

#include "model/core/matrix_types.h"

#include <vector>

namespace attnlab::model {

// "Use exp(x) ≈ value" as answer keys do (exp(1/2) ≈ 3/2); exp(−x) then becomes 1/value.
struct ExpOverride {
    double x = 0.0;
    double value = 1.0;
};
using ExpOverrides = std::vector<ExpOverride>;

// exp(x), or the override whose x (or −x) equals x within 1e-9.
double overriddenExp(double x, const ExpOverrides& overrides);

// scores: (T, S), allowed: (T, S) -> weights (T, S). Each row sums to 1 over its allowed keys; a row with
// no allowed key is all zeros and its index is appended to *fullyMaskedRows (if given). Without overrides
// the row maximum is subtracted first (no overflow); with overrides exp is applied to the scores as they
// are, so that an override of exp(1/2) actually meets the 1/2 it names.
Matrix maskedSoftmax(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides = {},
                     std::vector<int>* fullyMaskedRows = nullptr);

} // namespace attnlab::model
