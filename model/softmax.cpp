#include "softmax.h"

#include <cmath>
#include <limits>

namespace attnlab::model {

namespace {

constexpr double kOverrideTolerance = 1e-9;

// The override whose x is x (value) or −x (1/value), if any.
const double* findOverride(double x, const ExpOverrides& overrides, double* reciprocalStorage)
{
    for (const ExpOverride& o : overrides) {
        if (std::abs(x - o.x) <= kOverrideTolerance)
            return &o.value;
        if (std::abs(x + o.x) <= kOverrideTolerance && o.value != 0.0) {
            *reciprocalStorage = 1.0 / o.value;
            return reciprocalStorage;
        }
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

// scores: (T, S), allowed: (T, S) -> weights (T, S)
Matrix maskedSoftmax(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides,
                     std::vector<int>* fullyMaskedRows)
{
    Matrix weights = Matrix::Zero(scores.rows(), scores.cols());
    for (Eigen::Index t = 0; t < scores.rows(); ++t) {
        double rowMax = -std::numeric_limits<double>::infinity();
        bool overridden = false;
        double reciprocal = 0.0;
        for (Eigen::Index s = 0; s < scores.cols(); ++s) {
            if (!allowed(t, s))
                continue;
            rowMax = std::max(rowMax, scores(t, s));
            overridden = overridden || findOverride(scores(t, s), overrides, &reciprocal) != nullptr;
        }
        if (rowMax == -std::numeric_limits<double>::infinity()) {
            // No key to attend: a zero row, never 0/0 = NaN.
            if (fullyMaskedRows)
                fullyMaskedRows->push_back(int(t));
            continue;
        }
        // With an override the exam's own exp values must be used as they are, so no shift; the scores
        // in such problems are small. Otherwise subtract the maximum so that exp never overflows.
        const double shift = overridden ? 0.0 : rowMax;
        double sum = 0.0;
        for (Eigen::Index s = 0; s < scores.cols(); ++s) {
            if (!allowed(t, s))
                continue;
            const double e = overridden ? overriddenExp(scores(t, s), overrides) : std::exp(scores(t, s) - shift);
            weights(t, s) = e;
            sum += e;
        }
        weights.row(t) /= sum;
    }
    return weights;
}

} // namespace attnlab::model
