#pragma once

// Why attention divides by √d_k: for a, b with i.i.d. standard-normal components of dimension d,
// E[aᵀb] = 0 and E[(aᵀb)²] = Var(aᵀb) = d, so unscaled scores spread like √d and saturate the softmax.

#include <QtGlobal>

#include <vector>

namespace attnlab::model {

// samples pairs (a, b) of dimension dim -> the n dot products aᵀb (Monte Carlo, reproducible per seed).
std::vector<double> sampleDotProducts(int dim, int samples, quint64 seed);

struct SampleMoments {
    double mean = 0.0;       // of the samples
    double meanSquare = 0.0; // of their squares
};
SampleMoments moments(const std::vector<double>& samples);

// The largest softmax weight of n keys whose scores are `scores` (a row), as a measure of saturation:
// near 1/n for spread-out scores, near 1 when one score dominates.
double maxSoftmaxWeight(const std::vector<double>& scores);

} // namespace attnlab::model
