#include "model/attention/softmax.h"

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
Matrix maskedSoftmax(const Matrix& scores, const BoolMatrix& allowed, const ExpOverrides& overrides,
                     std::vector<int>* fullyMaskedRows)
{
    constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
    // Masked scores become −∞, so that exp gives exactly 0 there.
    Matrix weights = allowed.select(scores, kMinusInfinity);
    Eigen::VectorXd rowMax = weights.rowwise().maxCoeff();
    // A row with no key to attend would give (−∞) − (−∞) = NaN: shift it by 0 instead, it stays all zeros.
    const Eigen::Array<bool, Eigen::Dynamic, 1> fullyMasked = rowMax.array() == kMinusInfinity;
    rowMax = fullyMasked.select(0.0, rowMax);
    // Subtracting the row maximum keeps exp from overflowing; the whole matrix at once lets Eigen vectorise exp.
    weights = (weights.colwise() - rowMax).array().exp().matrix();
    const Eigen::VectorXd sums = weights.rowwise().sum();
    for (Eigen::Index t = 0; t < weights.rows(); ++t) {
        if (fullyMasked(t)) {
            if (fullyMaskedRows)
                fullyMaskedRows->push_back(int(t));
            continue;
        }
        // With an override the exam's own exp values must be used as they are, so no shift; the scores of
        // such problems are small.
        if (!overrides.empty() && rowMeetsOverride(scores, allowed, overrides, t))
            overriddenRow(scores, allowed, overrides, t, weights);
        else
            weights.row(t) /= sums(t);
    }
    return weights;
}

} // namespace attnlab::model
