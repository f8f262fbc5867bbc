#include "model/training/adamw.h"

#include <cassert>
#include <cmath>

namespace attnlab::model {

template <typename Scalar> double clipGradientNorm(ParameterBuffer<Scalar>& gradients, double maxNorm)
{
    double sum = 0;
    for (Scalar g : gradients)
        sum += double(g) * double(g);
    const double norm = std::sqrt(sum);
    const double coefficient = maxNorm / (norm + 1e-6);
    if (maxNorm > 0 && coefficient < 1.0) {
        // PyTorch multiplies by the coefficient in the gradients' own precision.
        const Scalar c = Scalar(coefficient);
        for (Scalar& g : gradients)
            g *= c;
    }
    return norm;
}

template <typename Scalar>
void adamWStep(const ParameterLayout& layout, ParameterBuffer<Scalar>& parameters,
               const ParameterBuffer<Scalar>& gradients, AdamWMoments<Scalar>& moments, int step, double lr,
               const TrainingSettings& s)
{
    assert(step >= 1);
    if (moments.first.size() != parameters.size()) moments.first.assign(parameters.size(), Scalar(0));
    if (moments.second.size() != parameters.size()) moments.second.assign(parameters.size(), Scalar(0));
    const double correction1 = 1.0 - std::pow(s.beta1, step);
    const double correction2Sqrt = std::sqrt(1.0 - std::pow(s.beta2, step));
    const Scalar stepSize = Scalar(lr / correction1);
    const Scalar b1 = Scalar(s.beta1), b2 = Scalar(s.beta2), eps = Scalar(s.eps);
    const Scalar c2 = Scalar(correction2Sqrt);
    for (const ParameterTensor& t : layout.tensors()) {
        const Scalar decay = Scalar(1.0 - (t.decays() ? lr * s.weightDecay : 0.0));
        Scalar* p = parameters.data() + t.offset;
        const Scalar* g = gradients.data() + t.offset;
        Scalar* m = moments.first.data() + t.offset;
        Scalar* v = moments.second.data() + t.offset;
        const std::size_t n = t.size();
        for (std::size_t i = 0; i < n; ++i) {
            p[i] *= decay;
            // lerp as torch computes it: m + (1 − β₁)(g − m)
            m[i] += (Scalar(1) - b1) * (g[i] - m[i]);
            v[i] = b2 * v[i] + (Scalar(1) - b2) * g[i] * g[i];
            p[i] -= stepSize * m[i] / (std::sqrt(v[i]) / c2 + eps);
        }
    }
}

template double clipGradientNorm<float>(ParameterBuffer<float>&, double);
template double clipGradientNorm<double>(ParameterBuffer<double>&, double);
template void adamWStep<float>(const ParameterLayout&, ParameterBuffer<float>&, const ParameterBuffer<float>&,
                               AdamWMoments<float>&, int, double, const TrainingSettings&);
template void adamWStep<double>(const ParameterLayout&, ParameterBuffer<double>&, const ParameterBuffer<double>&,
                                AdamWMoments<double>&, int, double, const TrainingSettings&);

} // namespace attnlab::model
