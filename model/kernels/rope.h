#pragma once

// Rotary position embedding (RoPE, Su et al.): each pair of a head's query or key features turns by an angle
// proportional to the token's position. Compiled once, in rope.cpp, for Matrix and MatrixF (kernel_types.h).

#include "model/kernels/kernel_types.h"

#include <vector>

namespace attnlab::model {

// How RoPE pairs the features of a head: Hugging Face's rotate-half (feature i with i + d/2) or the
// original interleaved layout (feature 2i with 2i + 1) used by llama2.c and the RoFormer paper.
enum class RopeLayout { RotateHalf, Interleaved };

// The cosines and sines of every (position, pair) angle, shared by the queries and keys of every head and
// layer at those positions.
template <typename Scalar, int Options> struct RopeAngles {
    KernelMatrix<Scalar, Options> cos; // (T, dh/2)
    KernelMatrix<Scalar, Options> sin; // (T, dh/2)
};

// positions (T), head size dh, base -> the angles p·θ_i with θ_i = base^(−2i/dh), i < dh/2. They are
// computed in double and rounded once, so that far positions keep their precision in float.
template <typename Scalar, int Options>
RopeAngles<Scalar, Options> ropeAngles(const std::vector<int>& positions, int headDim, double base);

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
