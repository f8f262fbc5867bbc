#include "model/kernels/rope.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace attnlab::model {

double ropeFrequency(int pair, int headDim, double base, const RopeScaling& scaling)
{
    const double theta = std::pow(base, -2.0 * double(pair) / double(headDim));
    switch (scaling.type) {
    case RopeScaling::Type::None:
        return theta;
    case RopeScaling::Type::Linear:
        return theta / scaling.factor;
    case RopeScaling::Type::Llama3: {
        const double wavelength = 2.0 * std::numbers::pi / theta;
        const double context = scaling.originalMaxPositions;
        if (wavelength < context / scaling.highFreqFactor) return theta;
        if (wavelength > context / scaling.lowFreqFactor) return theta / scaling.factor;
        const double s = (context / wavelength - scaling.lowFreqFactor) /
                         (scaling.highFreqFactor - scaling.lowFreqFactor);
        return (1.0 - s) * theta / scaling.factor + s * theta;
    }
    }
    return theta;
}

// positions (T), dh, base, scaling -> cos, sin (T, dh/2) of angle(p, i) = p · θ_i.
template <typename Scalar, int Options>
RopeAngles<Scalar, Options> ropeAngles(const std::vector<int>& positions, int headDim, double base,
                                       const RopeScaling& scaling)
{
    const Eigen::Index t = Eigen::Index(positions.size());
    const Eigen::Index half = std::max(headDim, 0) / 2;
    // theta: (half) row of θ_i; angles: the (T, 1) position column times it -> (T, half).
    Eigen::RowVectorXd theta(half);
    for (Eigen::Index i = 0; i < half; ++i)
        theta(i) = ropeFrequency(int(i), headDim, base, scaling);
    Eigen::MatrixXd angles(t, half);
    angles.noalias() = Eigen::Map<const Eigen::VectorXi>(positions.data(), t).cast<double>() * theta;
    return {angles.array().cos().template cast<Scalar>().matrix(),
            angles.array().sin().template cast<Scalar>().matrix()};
}

// x: (T, heads·dh) -> rotated in place, head by head.
template <typename Scalar, int Options>
void applyRope(KernelMatrix<Scalar, Options>& x, int headDim, const RopeAngles<Scalar, Options>& angles,
               RopeLayout layout)
{
    const Eigen::Index half = headDim / 2;
    if (half <= 0 || x.rows() == 0 || x.cols() == 0) return; // no pair to turn
    assert(x.cols() % headDim == 0);
    assert(angles.cos.rows() == x.rows() && angles.cos.cols() == half);
    const auto cos = angles.cos.array();
    const auto sin = angles.sin.array();
    // a, b: (T, half) views of the first and second member of every pair of one head.
    const auto rotate = [&](auto a, auto b) {
        const KernelMatrix<Scalar, Options> a0 = a;
        a.array() = a0.array() * cos - b.array() * sin;
        b.array() = b.array() * cos + a0.array() * sin;
    };
    for (Eigen::Index h = 0; h < x.cols() / headDim; ++h) {
        const Eigen::Index first = h * headDim;
        if (layout == RopeLayout::RotateHalf)
            rotate(x.middleCols(first, half), x.middleCols(first + half, half));
        else
            rotate(x(Eigen::all, Eigen::seqN(first, half, 2)),
                   x(Eigen::all, Eigen::seqN(first + 1, half, 2)));
    }
}

template RopeAngles<double, Eigen::ColMajor> ropeAngles<double, Eigen::ColMajor>(const std::vector<int>&, int,
                                                                                 double, const RopeScaling&);
template RopeAngles<float, Eigen::RowMajor> ropeAngles<float, Eigen::RowMajor>(const std::vector<int>&, int,
                                                                               double, const RopeScaling&);
template void applyRope(KernelMatrix<double, Eigen::ColMajor>&, int,
                        const RopeAngles<double, Eigen::ColMajor>&, RopeLayout);
template void applyRope(KernelMatrix<float, Eigen::RowMajor>&, int, const RopeAngles<float, Eigen::RowMajor>&,
                        RopeLayout);

} // namespace attnlab::model
