// Tests model/kernels/softmax.cpp, the masked softmax, in double (Matrix) and float (MatrixF) against values
// worked out by hand. The exam's exp overrides layered on it are tested in
// tests/model/attention/tst_exp_overrides.cpp.

#include "model/kernels/softmax.h"
#include "model/kernels/kernel_test_support.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <initializer_list>
#include <limits>

namespace tst_softmax {

using namespace attnlab;
using namespace attnlab::model;
using test::expectedRows;
using test::rowsOf;
using test::toDouble;

namespace {

template <typename Scalar> double tolerance()
{
    return sizeof(Scalar) == sizeof(float) ? 1e-6 : 1e-15;
}

// 1 = may attend.
BoolMatrix maskOf(std::initializer_list<std::initializer_list<int>> rows)
{
    BoolMatrix m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (int v : row)
            m(r, c++) = v != 0;
        ++r;
    }
    return m;
}

// Scores 0, ln 2, ln 3 exponentiate to 1, 2, 3: the weights are 1/6, 2/6, 3/6, and adding a constant to the
// row (5 here) changes nothing. Masking ln 2 leaves 1 and 3: 1/4, 0, 3/4.
template <typename Scalar, int Options> void byHand()
{
    const double l2 = std::log(2.0), l3 = std::log(3.0);
    const auto scores = rowsOf<Scalar, Options>({{0, l2, l3}, {5, 5 + l2, 5 + l3}, {0, l2, l3}});
    const BoolMatrix allowed = maskOf({{1, 1, 1}, {1, 1, 1}, {1, 0, 1}});
    const auto weights = maskedSoftmax(scores, allowed);
    ATTNLAB_COMPARE_MATRIX(
        toDouble(weights),
        expectedRows({{1.0 / 6, 2.0 / 6, 3.0 / 6}, {1.0 / 6, 2.0 / 6, 3.0 / 6}, {0.25, 0, 0.75}}),
        tolerance<Scalar>());
}

// Equal scores under the causal mask: query t spreads its weight evenly over keys 0..t.
template <typename Scalar, int Options> void causalRowsAreUniform()
{
    const auto scores = rowsOf<Scalar, Options>({{7, 7, 7}, {7, 7, 7}, {7, 7, 7}});
    const auto weights = maskedSoftmax(scores, maskOf({{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}));
    ATTNLAB_COMPARE_MATRIX(toDouble(weights),
                           expectedRows({{1, 0, 0}, {0.5, 0.5, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}),
                           tolerance<Scalar>());
}

// Every row sums to 1 over its allowed keys, whatever the scores, and masked keys get exactly 0.
template <typename Scalar, int Options> void rowsSumToOne()
{
    const auto scores = rowsOf<Scalar, Options>({{0.3, -2, 4.5, 1}, {-7, 0, 0, 12}, {100, -100, 3, 3}});
    const BoolMatrix allowed = maskOf({{1, 1, 1, 1}, {0, 1, 1, 1}, {1, 0, 0, 1}});
    const auto weights = maskedSoftmax(scores, allowed);
    for (Eigen::Index t = 0; t < weights.rows(); ++t) {
        QVERIFY2(std::abs(double(weights.row(t).sum()) - 1.0) <= 4 * tolerance<Scalar>(),
                 qPrintable(QString::number(t)));
        for (Eigen::Index s = 0; s < weights.cols(); ++s) {
            if (!allowed(t, s)) QCOMPARE(double(weights(t, s)), 0.0);
            QVERIFY(weights(t, s) >= 0);
        }
    }
}

// A row with no key to attend is all zeros, not NaN (−∞ − (−∞)), and its index is reported; the other rows
// are untouched by it.
template <typename Scalar, int Options> void fullyMaskedRowIsZero()
{
    const auto scores = rowsOf<Scalar, Options>({{1, 2}, {3, 4}, {5, 5}, {0, 0}});
    std::vector<int> fullyMasked;
    const auto weights = maskedSoftmax(scores, maskOf({{0, 0}, {1, 1}, {1, 1}, {0, 0}}), &fullyMasked);
    QCOMPARE(fullyMasked, (std::vector<int>{0, 3}));
    QVERIFY(weights.allFinite());
    const double e = std::exp(-1.0); // row [3, 4]: e³/(e³ + e⁴) = 1/(1 + e)
    ATTNLAB_COMPARE_MATRIX(toDouble(weights),
                           expectedRows({{0, 0}, {e / (1 + e), 1 / (1 + e)}, {0.5, 0.5}, {0, 0}}),
                           tolerance<Scalar>());
}

// exp(1000) overflows both types; the row maximum is subtracted first, so [1000, 999, −1000] is
// [1, e^−1, e^−2000] / (1 + e^−1 + e^−2000) = 1/(1 + e^−1), e^−1/(1 + e^−1), 0.
template <typename Scalar, int Options> void largeScoresDoNotOverflow()
{
    const auto scores = rowsOf<Scalar, Options>({{1000, 999, -1000}, {1000, 1000, 1000}});
    const auto weights = maskedSoftmax(scores, maskOf({{1, 1, 1}, {1, 1, 0}}));
    QVERIFY(weights.allFinite());
    const double e = std::exp(-1.0);
    ATTNLAB_COMPARE_MATRIX(toDouble(weights), expectedRows({{1 / (1 + e), e / (1 + e), 0}, {0.5, 0.5, 0}}),
                           tolerance<Scalar>());
}

} // namespace

// scaledMaskedSoftmaxInPlace (float, row-major): scale 1/2; row 0 reads 1 key: [1, 0, 0]; row 1 reads 3,
// 0 and 4 ln 3 halve to 0 and ln 9 (the third is masked): [1/10, 9/10, 0]; row 2 reads none: zeros. What lies
// past a row's key count is NaN here and is never read.
void inPlacePrefix()
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    MatrixF scores(3, 3);
    scores << 4, nan, nan, 0, float(4 * std::log(3.0)), 7, nan, nan, nan;
    const BoolMatrix allowed = maskOf({{1, 0, 0}, {1, 1, 0}, {0, 0, 0}});
    scaledMaskedSoftmaxInPlace(scores, 0.5f, allowed, {1, 3, 0});
    ATTNLAB_COMPARE_MATRIX(Matrix(scores.cast<double>()), expectedRows({{1, 0, 0}, {0.1, 0.9, 0}, {0, 0, 0}}), 1e-6);
}

class TestSoftmax : public QObject {
    Q_OBJECT

private slots:
    void inPlacePrefixByHand() { tst_softmax::inPlacePrefix(); }
    void byHand_data() { test::addKernelTypes(); }
    void byHand() { ATTNLAB_FOR_TYPE(tst_softmax::byHand); }
    void causalRowsAreUniform_data() { test::addKernelTypes(); }
    void causalRowsAreUniform() { ATTNLAB_FOR_TYPE(tst_softmax::causalRowsAreUniform); }
    void rowsSumToOne_data() { test::addKernelTypes(); }
    void rowsSumToOne() { ATTNLAB_FOR_TYPE(tst_softmax::rowsSumToOne); }
    void fullyMaskedRowIsZero_data() { test::addKernelTypes(); }
    void fullyMaskedRowIsZero() { ATTNLAB_FOR_TYPE(tst_softmax::fullyMaskedRowIsZero); }
    void largeScoresDoNotOverflow_data() { test::addKernelTypes(); }
    void largeScoresDoNotOverflow() { ATTNLAB_FOR_TYPE(tst_softmax::largeScoresDoNotOverflow); }
};

ATTNLAB_TEST_APPLESS_MAIN(TestSoftmax)
} // namespace tst_softmax
#include "tst_softmax.moc"
