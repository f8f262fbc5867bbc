// Tests model/attention/exp_overrides.cpp: overriddenExp (exp(x) ≈ value, exp(−x) ≈ 1/value) and the masked
// softmax with the exam's overrides, against the answer key of the course's exam (README: 9/26, 9/26, 2/13,
// 2/13) and rows worked out by hand.

#include "model/attention/exp_overrides.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <initializer_list>

namespace tst_exp_overrides {

using namespace attnlab::model;

namespace {

Matrix rows(std::initializer_list<std::initializer_list<double>> values)
{
    Matrix m(Eigen::Index(values.size()), Eigen::Index(values.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : values) {
        Eigen::Index c = 0;
        for (double v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

// 1 = may attend.
BoolMatrix maskOf(std::initializer_list<std::initializer_list<int>> values)
{
    BoolMatrix m(Eigen::Index(values.size()), Eigen::Index(values.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : values) {
        Eigen::Index c = 0;
        for (int v : row)
            m(r, c++) = v != 0;
        ++r;
    }
    return m;
}

// The course's exam (README): Q, K and the scale 1/√2 of d_k = 2.
//   q₁ = (1, 0), q₂ = (0, 1); k₁ = (1, 1)/√2, k₂ = (−1, 1)/√2, k₃ = (−1, −1)/√2, k₄ = (1, −1)/√2.
// Row 2 of QKᵀ/√2 is (1/2, 1/2, −1/2, −1/2); row 1 is (1/2, −1/2, −1/2, 1/2).
Matrix examScaledScores()
{
    const double r = 1 / std::sqrt(2.0);
    Matrix q(2, 2), k(4, 2);
    q << 1, 0, 0, 1;
    k << r, r, -r, r, -r, -r, r, -r;
    return q * k.transpose() * r;
}

} // namespace

class TestExpOverrides : public QObject {
    Q_OBJECT

private slots:
    void overriddenExpAndItsReciprocal();
    void givenValueBeatsAnotherReciprocal();
    void examAnswerKey();
    void examWithoutOverridesIsExact();
    void overrideRowIsNotShifted();
    void overrideNeedsAnAllowedMatch();
};

// exp(1/2) ≈ 3/2 also gives exp(−1/2) ≈ 2/3; other arguments, and those more than 1e-9 away, keep exp.
void TestExpOverrides::overriddenExpAndItsReciprocal()
{
    const ExpOverrides half = {{0.5, 1.5}};
    QCOMPARE(overriddenExp(0.5, half), 1.5);
    QCOMPARE(overriddenExp(0.5 + 1e-10, half), 1.5);
    QCOMPARE(overriddenExp(-0.5, half), 1.0 / 1.5);
    QCOMPARE(overriddenExp(-0.5 - 1e-10, half), 1.0 / 1.5);
    QCOMPARE(overriddenExp(0.5 + 1e-6, half), std::exp(0.5 + 1e-6));
    QCOMPARE(overriddenExp(1.0, half), std::exp(1.0));
    QCOMPARE(overriddenExp(1.0, {}), std::exp(1.0));
    // Several overrides: each answers for its own x and −x.
    const ExpOverrides two = {{0.5, 1.5}, {1.0, 2.75}};
    QCOMPARE(overriddenExp(1.0, two), 2.75);
    QCOMPARE(overriddenExp(-1.0, two), 1.0 / 2.75);
    QCOMPARE(overriddenExp(-0.5, two), 1.0 / 1.5);
}

// An answer key may round both exp(1/2) ≈ 1.65 and exp(−1/2) ≈ 0.61, which are not each other's reciprocals
// (1/1.65 = 0.6061). The value given for x is used for x whatever the order the overrides come in; the
// reciprocal only fills in an argument nobody gave.
void TestExpOverrides::givenValueBeatsAnotherReciprocal()
{
    for (const ExpOverrides& both :
         {ExpOverrides{{0.5, 1.65}, {-0.5, 0.61}}, ExpOverrides{{-0.5, 0.61}, {0.5, 1.65}}}) {
        QCOMPARE(overriddenExp(0.5, both), 1.65);
        QCOMPARE(overriddenExp(-0.5, both), 0.61);
    }
    // The row (1/2, −1/2) is then (1.65, 0.61) / 2.26.
    const Matrix weights = maskedSoftmaxWithOverrides(rows({{0.5, -0.5}}), BoolMatrix::Constant(1, 2, true),
                                                      {{-0.5, 0.61}, {0.5, 1.65}});
    ATTNLAB_COMPARE_MATRIX(weights, rows({{1.65 / 2.26, 0.61 / 2.26}}), 1e-15);
}

// With exp(1/2) ≈ 3/2 (so exp(−1/2) ≈ 2/3), row 2 is (3/2, 3/2, 2/3, 2/3) / (13/3) = 9/26, 9/26, 2/13, 2/13,
// the answer key's row; row 1 is the same numbers in the order of its scores.
void TestExpOverrides::examAnswerKey()
{
    const Matrix weights =
        maskedSoftmaxWithOverrides(examScaledScores(), BoolMatrix::Constant(2, 4, true), {{0.5, 1.5}});
    ATTNLAB_COMPARE_MATRIX(
        weights, rows({{9.0 / 26, 2.0 / 13, 2.0 / 13, 9.0 / 26}, {9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13}}),
        1e-15);
}

// Without the override the same row is the exact softmax: e^½ and e^−½ over 2e^½ + 2e^−½, i.e. e/(2(e + 1))
// and 1/(2(e + 1)) after multiplying through by e^½.
void TestExpOverrides::examWithoutOverridesIsExact()
{
    const double e = std::exp(1.0);
    const double big = e / (2 * (e + 1)), small = 1 / (2 * (e + 1));
    const Matrix weights =
        maskedSoftmaxWithOverrides(examScaledScores(), BoolMatrix::Constant(2, 4, true), {});
    ATTNLAB_COMPARE_MATRIX(weights, rows({{big, small, small, big}, {big, big, small, small}}), 1e-15);
}

// A row that meets an override takes exp of its scores as they are, no maximum subtracted (else exp(1/2)
// would never be asked for): [1/2, 5] is [3/2, e⁵] / (3/2 + e⁵). A row that meets none is the plain softmax,
// shifted, so its 1000s do not overflow.
void TestExpOverrides::overrideRowIsNotShifted()
{
    const double e5 = std::exp(5.0);
    const Matrix scores = rows({{0.5, 5}, {1000, 1000}});
    const Matrix weights = maskedSoftmaxWithOverrides(scores, BoolMatrix::Constant(2, 2, true), {{0.5, 1.5}});
    ATTNLAB_COMPARE_MATRIX(weights, rows({{1.5 / (1.5 + e5), e5 / (1.5 + e5)}, {0.5, 0.5}}), 1e-15);
}

// Only an allowed score counts: with the 1/2 masked, row 1 is the softmax of the rest. A fully masked row
// stays zero and is reported.
void TestExpOverrides::overrideNeedsAnAllowedMatch()
{
    const Matrix scores = rows({{0.5, 1, 1}, {0.5, 0.5, -0.5}, {0.5, 0.5, 0.5}});
    const BoolMatrix allowed = maskOf({{0, 1, 1}, {1, 0, 1}, {0, 0, 0}});
    std::vector<int> fullyMasked;
    const Matrix weights = maskedSoftmaxWithOverrides(scores, allowed, {{0.5, 1.5}}, &fullyMasked);
    // Row 2: 3/2 and 2/3 over 13/6 -> 9/13, 4/13.
    ATTNLAB_COMPARE_MATRIX(weights, rows({{0, 0.5, 0.5}, {9.0 / 13, 0, 4.0 / 13}, {0, 0, 0}}), 1e-15);
    QCOMPARE(fullyMasked, std::vector<int>{2});
}

ATTNLAB_TEST_APPLESS_MAIN(TestExpOverrides)
} // namespace tst_exp_overrides
#include "tst_exp_overrides.moc"
