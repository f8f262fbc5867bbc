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

void scaledMaskedSoftmaxInPlace(MatrixF& scores, float scale, const BoolMatrix& allowed,
                                const std::vector<Eigen::Index>& keyEnd)
{
    assert(allowed.rows() == scores.rows() && allowed.cols() == scores.cols());
    assert(Eigen::Index(keyEnd.size()) == scores.rows());
    constexpr float kMinusInfinity = -std::numeric_limits<float>::infinity();
    for (Eigen::Index t = 0; t < scores.rows(); ++t) {
        const Eigen::Index n = keyEnd[size_t(t)];
        assert(n >= 0 && n <= scores.cols() && !allowed.row(t).tail(scores.cols() - n).any());
        scores.row(t).tail(scores.cols() - n).setZero();
        auto row = scores.row(t).head(n);
        // As maskedSoftmax's row-major branch, on the prefix: −∞ at the masked keys, the maximum subtracted.
        row = allowed.row(t).head(n).select(row * scale, kMinusInfinity);
        const float rowMax = n > 0 ? row.maxCoeff() : kMinusInfinity;
        if (rowMax == kMinusInfinity) { // no key to attend: all zero, never (−∞) − (−∞) = NaN
            row.setZero();
            continue;
        }
        row = (row.array() - rowMax).exp().matrix();
        row /= row.sum();
    }
}

template KernelMatrix<double, Eigen::ColMajor> maskedSoftmax(const KernelMatrix<double, Eigen::ColMajor>&,
                                                             const BoolMatrix&, std::vector<int>*);
template KernelMatrix<float, Eigen::RowMajor> maskedSoftmax(const KernelMatrix<float, Eigen::RowMajor>&,
                                                            const BoolMatrix&, std::vector<int>*);

} // namespace attnlab::model
