#include "model/teaching/lesson_curves.h"

#include "model/attention/attention.h"

#include <algorithm>
#include <cmath>

namespace attnlab::model {

double maxSelfAttentionShift(const Matrix& x, const Scaling& scaling)
{
    if (x.rows() == 0)
        return 0.0;
    const BoolMatrix allowed = BoolMatrix::Constant(x.rows(), x.rows(), true);
    const HeadTrace head = attendHead(x, x, x, allowed, scaleFactor(scaling, int(x.cols())));
    return (head.output.toDouble() - x).rowwise().norm().maxCoeff();
}

std::vector<CurvePoint> selfAttentionShiftByNorm(const Matrix& x, const Scaling& scaling, const std::vector<double>& norms)
{
    std::vector<CurvePoint> curve;
    const double longest = x.rows() > 0 ? x.rowwise().norm().maxCoeff() : 0.0;
    if (!(longest > 0.0))
        return curve;
    curve.reserve(norms.size());
    for (const double c : norms)
        curve.push_back({c, maxSelfAttentionShift(x * (c / longest), scaling)});
    return curve;
}

double attentionMatrixBytes(qint64 tokens, qint64 heads, qint64 layers, int bytesPerValue)
{
    return double(tokens) * double(tokens) * double(heads) * double(layers) * double(bytesPerValue);
}

Histogram histogram(const std::vector<double>& samples, int bins)
{
    Histogram h;
    if (samples.empty() || bins < 1)
        return h;
    const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
    h.lo = *lo;
    h.hi = *hi;
    if (!(h.hi > h.lo)) {
        h.lo -= 0.5;
        h.hi += 0.5;
    }
    h.counts.assign(size_t(bins), 0);
    const double width = h.binWidth();
    for (const double s : samples)
        ++h.counts[size_t(std::clamp(int((s - h.lo) / width), 0, bins - 1))];
    return h;
}

} // namespace attnlab::model
