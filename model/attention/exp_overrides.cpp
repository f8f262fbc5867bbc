#include "model/attention/exp_overrides.h"

#include <cmath>

namespace attnlab::model {

namespace {

constexpr double kOverrideTolerance = 1e-9;

// The value given for x, else 1/value of one given for −x, else none. An answer key may round both
// exp(1/2) ≈ 1.65 and exp(−1/2) ≈ 0.61, which are not each other's reciprocals: each is used for its own
// argument, whatever the order they come in, and a reciprocal only fills in an argument nobody gave.
const double* findOverride(double x, const ExpOverrides& overrides, double* reciprocalStorage)
{
    for (const ExpOverride& o : overrides)
        if (std::abs(x - o.x) <= kOverrideTolerance)
            return &o.value;
    for (const ExpOverride& o : overrides)
        if (std::abs(x + o.x) <= kOverrideTolerance && o.value != 0.0) {
            *reciprocalStorage = 1.0 / o.value;
            return reciprocalStorage;
        }
    return nullptr;
}

} // namespace

double overriddenExp(double x, const ExpOverrides& overrides)
{
    double reciprocal = 0.0;
    if (const double* v = findOverride(x, overrides, &reciprocal))
        return *v;
    return std::exp(x);
}

namespace {

// The exam path: exp applied to the scores as they are, with overrides. scores, allowed: (T, S), row t.
void overriddenRow(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides, Eigen::Index t,
                   Matrix& weights)
{
    double sum = 0.0;
    for (Eigen::Index s = 0; s < scores.cols(); ++s) {
        const double e = allowed(t, s) ? overriddenExp(scores(t, s), overrides) : 0.0;
        weights(t, s) = e;
        sum += e;
    }
    weights.row(t) /= sum;
}

// True when an allowed score of row t meets an override; never for a fully masked row.
bool rowMeetsOverride(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides, Eigen::Index t)
{
    double reciprocal = 0.0;
    for (Eigen::Index s = 0; s < scores.cols(); ++s)
        if (allowed(t, s) && findOverride(scores(t, s), overrides, &reciprocal))
            return true;
    return false;
}

} // namespace

// scores: (T, S), allowed: (T, S) -> weights (T, S)
Matrix maskedSoftmaxWithOverrides(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides,
                                  std::vector<int>* fullyMaskedRows)
{
    Matrix weights = maskedSoftmax(scores, allowed, fullyMaskedRows);
    // With an override the exam's own exp values must be used as they are, so no shift; the scores of such
    // problems are small.
    if (!overrides.empty())
        for (Eigen::Index t = 0; t < weights.rows(); ++t)
            if (rowMeetsOverride(scores, allowed, overrides, t))
                overriddenRow(scores, allowed, overrides, t, weights);
    return weights;
}

} // namespace attnlab::model
