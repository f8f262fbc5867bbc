#include "model/kernels/norms.h"

#include <cassert>

namespace attnlab::model {

// x: (T, d) -> (T, d). mean, variance: (T); the centred rows are divided by √(variance + eps) entry by entry.
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options> layerNorm(const KernelMatrix<Scalar, Options>& x,
                                        const KernelRowVector<Scalar>& gamma,
                                        const KernelRowVector<Scalar>& beta, double eps, NormStats* stats)
{
    assert(gamma.size() == 0 || gamma.size() == x.cols());
    assert(beta.size() == 0 || beta.size() == x.cols());
    using Column = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
    const Column mean = x.rowwise().mean();
    KernelMatrix<Scalar, Options> out = x.colwise() - mean;
    const Column variance = out.array().square().rowwise().mean();
    out.array().colwise() /= (variance.array() + Scalar(eps)).sqrt();
    if (gamma.size()) out.array().rowwise() *= gamma.array();
    if (beta.size()) out.rowwise() += beta;
    if (stats) {
        stats->mean = mean.template cast<double>();
        stats->variance = variance.template cast<double>();
    }
    return out;
}

// x: (T, d) -> (T, d). meanSquare: (T).
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options> rmsNorm(const KernelMatrix<Scalar, Options>& x,
                                      const KernelRowVector<Scalar>& gamma, double eps, NormStats* stats)
{
    assert(gamma.size() == 0 || gamma.size() == x.cols());
    using Column = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
    const Column meanSquare = x.array().square().rowwise().mean();
    KernelMatrix<Scalar, Options> out = x;
    out.array().colwise() /= (meanSquare.array() + Scalar(eps)).sqrt();
    if (gamma.size()) out.array().rowwise() *= gamma.array();
    if (stats) {
        stats->mean = Vector::Zero(x.rows());
        stats->variance = meanSquare.template cast<double>();
    }
    return out;
}

template KernelMatrix<double, Eigen::ColMajor> layerNorm(const KernelMatrix<double, Eigen::ColMajor>&,
                                                         const KernelRowVector<double>&,
                                                         const KernelRowVector<double>&, double, NormStats*);
template KernelMatrix<float, Eigen::RowMajor> layerNorm(const KernelMatrix<float, Eigen::RowMajor>&,
                                                        const KernelRowVector<float>&,
                                                        const KernelRowVector<float>&, double, NormStats*);
template KernelMatrix<double, Eigen::ColMajor> rmsNorm(const KernelMatrix<double, Eigen::ColMajor>&,
                                                       const KernelRowVector<double>&, double, NormStats*);
template KernelMatrix<float, Eigen::RowMajor> rmsNorm(const KernelMatrix<float, Eigen::RowMajor>&,
                                                      const KernelRowVector<float>&, double, NormStats*);

} // namespace attnlab::model
