// Tests model/kernels/norms.cpp: LayerNorm and RMSNorm in double (Matrix) and float (MatrixF) against values
// worked out by hand, with their statistics.

#include "model/kernels/norms.h"
#include "model/kernels/kernel_test_support.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <initializer_list>

namespace tst_norms {

using namespace attnlab;
using namespace attnlab::model;
using test::expectedRows;
using test::rowsOf;
using test::toDouble;

namespace {

// Float keeps about 7 significant digits; double about 16.
template <typename Scalar> double tolerance()
{
    return sizeof(Scalar) == sizeof(float) ? 2e-6 : 1e-14;
}

template <typename Scalar> KernelRowVector<Scalar> vectorOf(std::initializer_list<double> values)
{
    KernelRowVector<Scalar> v(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (double x : values)
        v(i++) = Scalar(x);
    return v;
}

Matrix column(std::initializer_list<double> values)
{
    Matrix m(Eigen::Index(values.size()), 1);
    Eigen::Index i = 0;
    for (double x : values)
        m(i++, 0) = x;
    return m;
}

// [1, 2, 3]: mean 2, deviations −1, 0, 1, biased variance (1 + 0 + 1)/3 = 2/3, so with eps 0 the row is
// (−1, 0, 1)/√(2/3) = (−√(3/2), 0, √(3/2)).
template <typename Scalar, int Options> void layerNormByHand()
{
    const auto x = rowsOf<Scalar, Options>({{1, 2, 3}});
    NormStats stats;
    const auto out = layerNorm(x, KernelRowVector<Scalar>(), KernelRowVector<Scalar>(), 0.0, &stats);
    const double r = std::sqrt(1.5);
    ATTNLAB_COMPARE_MATRIX(toDouble(out), expectedRows({{-r, 0, r}}), tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.mean), column({2}), tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.variance), column({2.0 / 3}), tolerance<Scalar>());
}

// Two rows, each with its own statistics, then γ and β per feature:
//   [1, 2, 3] -> (−√1.5, 0, √1.5);  [−2, 0, 8]: mean 2, deviations −4, −2, 6, variance (16 + 4 + 36)/3 =
//   56/3. γ = (2, 1, −1), β = (1/2, 0, 1).
template <typename Scalar, int Options> void layerNormGammaBetaTwoRows()
{
    const auto x = rowsOf<Scalar, Options>({{1, 2, 3}, {-2, 0, 8}});
    NormStats stats;
    const auto out = layerNorm(x, vectorOf<Scalar>({2, 1, -1}), vectorOf<Scalar>({0.5, 0, 1}), 0.0, &stats);
    const double r = std::sqrt(1.5), s = std::sqrt(56.0 / 3);
    const auto expected =
        expectedRows({{-2 * r + 0.5, 0, -r + 1}, {2 * (-4 / s) + 0.5, -2 / s, -(6 / s) + 1}});
    ATTNLAB_COMPARE_MATRIX(toDouble(out), expected, tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.mean), column({2, 2}), tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.variance), column({2.0 / 3, 56.0 / 3}), 10 * tolerance<Scalar>());
}

// eps is added to the variance under the root: [0, 2] has variance 1, so eps = 1 gives (x − 1)/√2. A constant
// row has variance 0: with eps > 0 it comes out as β exactly, not NaN.
template <typename Scalar, int Options> void layerNormEpsInsideRoot()
{
    const auto wide = layerNorm(rowsOf<Scalar, Options>({{0, 2}}), KernelRowVector<Scalar>(),
                                KernelRowVector<Scalar>(), 1.0);
    ATTNLAB_COMPARE_MATRIX(toDouble(wide), expectedRows({{-1 / std::sqrt(2.0), 1 / std::sqrt(2.0)}}),
                           tolerance<Scalar>());
    const auto constant = layerNorm(rowsOf<Scalar, Options>({{3, 3, 3}}), vectorOf<Scalar>({5, 5, 5}),
                                    vectorOf<Scalar>({0.5, -1, 2}), 1e-5);
    ATTNLAB_COMPARE_MATRIX(toDouble(constant), expectedRows({{0.5, -1, 2}}), 0.0);
}

// [3, 4]: mean square (9 + 16)/2 = 12.5, so RMSNorm with eps 0 is [3, 4]/√12.5; eps = 12.5 doubles the mean
// square under the root: [3, 4]/5 = [0.6, 0.8]. γ scales per feature. Statistics: mean 0, variance 12.5.
template <typename Scalar, int Options> void rmsNormByHand()
{
    const auto x = rowsOf<Scalar, Options>({{3, 4}, {-1, 1}});
    NormStats stats;
    const auto plain = rmsNorm(x, KernelRowVector<Scalar>(), 0.0, &stats);
    const double r = std::sqrt(12.5);
    ATTNLAB_COMPARE_MATRIX(toDouble(plain), expectedRows({{3 / r, 4 / r}, {-1, 1}}), tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.mean), column({0, 0}), 0.0);
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.variance), column({12.5, 1}), tolerance<Scalar>());

    const auto withEps = rmsNorm(x, vectorOf<Scalar>({2, -1}), 12.5);
    const double e = std::sqrt(13.5); // the second row: mean square 1, plus 12.5
    ATTNLAB_COMPARE_MATRIX(toDouble(withEps), expectedRows({{1.2, -0.8}, {-2 / e, -1 / e}}),
                           tolerance<Scalar>());
}

// Unlike LayerNorm, RMSNorm does not centre: [1, 1] stays [1, 1] (mean square 1), where LayerNorm would give
// 0s.
template <typename Scalar, int Options> void rmsNormDoesNotCentre()
{
    const auto x = rowsOf<Scalar, Options>({{1, 1}});
    ATTNLAB_COMPARE_MATRIX(toDouble(rmsNorm(x, KernelRowVector<Scalar>(), 0.0)), expectedRows({{1, 1}}), 0.0);
    ATTNLAB_COMPARE_MATRIX(toDouble(layerNorm(x, KernelRowVector<Scalar>(), KernelRowVector<Scalar>(), 1e-5)),
                           expectedRows({{0, 0}}), 0.0);
}

} // namespace

class TestNorms : public QObject {
    Q_OBJECT

private slots:
    void layerNormByHand_data() { test::addKernelTypes(); }
    void layerNormByHand() { ATTNLAB_FOR_TYPE(tst_norms::layerNormByHand); }
    void layerNormGammaBetaTwoRows_data() { test::addKernelTypes(); }
    void layerNormGammaBetaTwoRows() { ATTNLAB_FOR_TYPE(tst_norms::layerNormGammaBetaTwoRows); }
    void layerNormEpsInsideRoot_data() { test::addKernelTypes(); }
    void layerNormEpsInsideRoot() { ATTNLAB_FOR_TYPE(tst_norms::layerNormEpsInsideRoot); }
    void rmsNormByHand_data() { test::addKernelTypes(); }
    void rmsNormByHand() { ATTNLAB_FOR_TYPE(tst_norms::rmsNormByHand); }
    void rmsNormDoesNotCentre_data() { test::addKernelTypes(); }
    void rmsNormDoesNotCentre() { ATTNLAB_FOR_TYPE(tst_norms::rmsNormDoesNotCentre); }
};

ATTNLAB_TEST_APPLESS_MAIN(TestNorms)
} // namespace tst_norms
#include "tst_norms.moc"
