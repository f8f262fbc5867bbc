#pragma once

// The exam's exp overrides: answer keys that say "use exp(x) ≈ value" (exp(1/2) ≈ 3/2), layered on the
// masked softmax kernel (model/kernels/softmax.h) for matrix mode, in double only.

#include "model/core/matrix_types.h"
#include "model/kernels/softmax.h"

#include <vector>

namespace attnlab::model {

// "Use exp(x) ≈ value" as answer keys do (exp(1/2) ≈ 3/2); exp(−x) then becomes 1/value.
struct ExpOverride {
    double x = 0.0;
    double value = 1.0;
};
using ExpOverrides = std::vector<ExpOverride>;

// exp(x), or the override given for x (within 1e-9), else 1/value of the one given for −x.
double overriddenExp(double x, const ExpOverrides& overrides);

// scores: (T, S), allowed: (T, S) -> weights (T, S): maskedSoftmax, except in a row where an allowed score
// meets an override. Such a row takes exp of its scores as they are (no maximum subtracted, so that an
// override of exp(1/2) actually meets the 1/2 it names), with the overrides, divided by their sum.
Matrix maskedSoftmaxWithOverrides(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides,
                                  std::vector<int>* fullyMaskedRows = nullptr);

} // namespace attnlab::model
