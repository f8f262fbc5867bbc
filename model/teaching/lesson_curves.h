#pragma once

// The numbers behind the lessons' interactive plots: how far self-attention moves orthogonal inputs as their
// norm grows, how much memory the attention matrices take, and a histogram of Monte Carlo samples.

#include "model/core/matrix_types.h"
#include "model/attention/scaling.h"

#include <QtGlobal>

#include <vector>

namespace attnlab::model {

struct CurvePoint {
    double x = 0.0;
    double y = 0.0;
};

// x: (T, d), used as Q, K and V -> max_n ‖y_n − x_n‖ over the rows of Y = softmax(scale · XXᵀ) · X.
double maxSelfAttentionShift(const Matrix& x, const Scaling& scaling);

// x: (T, d) rescaled so that its longest row has norm c, for each c in norms -> (c, maxSelfAttentionShift).
// For X = c·I without scaling the shift is √6·c / (e^{c²} + 2) (T = 3): it vanishes as c grows, because each
// token then attends only to itself.
std::vector<CurvePoint> selfAttentionShiftByNorm(const Matrix& x, const Scaling& scaling, const std::vector<double>& norms);

// The bytes the attention weights of one sequence take when every layer's matrices are kept:
// tokens² · heads · layers · bytesPerValue (4 for float32). Double, since it outgrows 32 bits quickly.
double attentionMatrixBytes(qint64 tokens, qint64 heads, qint64 layers, int bytesPerValue = 4);

// samples -> counts in `bins` equal bins from the smallest to the largest sample (the largest falls in the
// last bin). Empty counts for no samples; one bin of width 1 around a constant sample.
struct Histogram {
    double lo = 0.0;
    double hi = 0.0;
    std::vector<int> counts;
    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / double(counts.size()); }
};
Histogram histogram(const std::vector<double>& samples, int bins);

} // namespace attnlab::model
