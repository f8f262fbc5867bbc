#pragma once

// Rotary position embedding (RoPE, Su et al.): each pair of a head's query or key features turns by an angle
// proportional to the token's position. Compiled once, in rope.cpp, for Matrix and MatrixF (kernel_types.h).

#include "model/kernels/kernel_types.h"

#include <vector>

namespace attnlab::model {

// How RoPE pairs the features of a head: Hugging Face's rotate-half (feature i with i + d/2) or the
// original interleaved layout (feature 2i with 2i + 1) used by llama2.c and the RoFormer paper.
enum class RopeLayout { RotateHalf, Interleaved };

// How a checkpoint stretches RoPE to a longer context than it was trained on (config.json's rope_scaling,
// Hugging Face's modeling_rope_utils). Every frequency θ_i = base^(−2i/dh) becomes
//   Linear: θ_i / factor;
//   Llama3 (Llama 3.1 and later), by the pair's wavelength λ = 2π/θ_i and L = originalMaxPositions:
//     λ < L / highFreqFactor: θ_i (high frequencies stay);  λ > L / lowFreqFactor: θ_i / factor;
//     between: (1 − s)·θ_i/factor + s·θ_i with s = (L/λ − lowFreqFactor) / (highFreqFactor − lowFreqFactor).
struct RopeScaling {
    enum class Type { None, Linear, Llama3 };
    Type type = Type::None;
    double factor = 1.0;
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    double originalMaxPositions = 8192.0;

    bool operator==(const RopeScaling&) const = default;
};

// θ_i of pair i of a head of dh features, with base and scaling as above.
double ropeFrequency(int pair, int headDim, double base, const RopeScaling& scaling = {});

// The cosines and sines of every (position, pair) angle, shared by the queries and keys of every head and
// layer at those positions.
template <typename Scalar, int Options> struct RopeAngles {
    KernelMatrix<Scalar, Options> cos; // (T, dh/2)
    KernelMatrix<Scalar, Options> sin; // (T, dh/2)
};

// positions (T), head size dh, base, scaling -> the angles p·θ_i, i < dh/2 (ropeFrequency). They are computed
// in double and rounded once, so that far positions keep their precision in float.
template <typename Scalar, int Options>
RopeAngles<Scalar, Options> ropeAngles(const std::vector<int>& positions, int headDim, double base,
                                       const RopeScaling& scaling = {});

// x: (T, heads·dh), heads of dh columns side by side; angles for its T rows -> every head rotated in place.
// Pair (a, b) of frequency i becomes (a cos − b sin, b cos + a sin). For an odd dh the last feature of each
// head has no partner and is left as it is.
template <typename Scalar, int Options>
void applyRope(KernelMatrix<Scalar, Options>& x, int headDim, const RopeAngles<Scalar, Options>& angles,
               RopeLayout layout);

// x: (T, d_head), one head whose rows are at positions (T) -> x rotated in place: the above with the angles
// made for it.
template <typename Scalar, int Options>
void applyRope(KernelMatrix<Scalar, Options>& x, const std::vector<int>& positions, double base = 10000.0,
               RopeLayout layout = RopeLayout::RotateHalf)
{
    const int headDim = int(x.cols());
    applyRope(x, headDim, ropeAngles<Scalar, Options>(positions, headDim, base), layout);
}

} // namespace attnlab::model
