// Tests model/kernels/rope.cpp in double (Matrix) and float (MatrixF): the angle table p·base^(−2i/d), and
// every pair of features turned by the 2-D rotation [[cos θ, −sin θ], [sin θ, cos θ]], written out entry by
// entry for both layouts, for one head and for several side by side.

#include "model/kernels/rope.h"
#include "model/kernels/kernel_test_support.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <initializer_list>

Q_DECLARE_METATYPE(attnlab::model::RopeLayout)

namespace tst_rope {

using namespace attnlab;
using namespace attnlab::model;
using test::expectedRows;
using test::rowsOf;
using test::toDouble;

namespace {

template <typename Scalar> double tolerance()
{
    return sizeof(Scalar) == sizeof(float) ? 2e-6 : 1e-14;
}

// x = (1, 2, 3, 4) at position 3, d = 4, base 100: θ₀ = 100⁰ = 1 and θ₁ = 100^(−2/4) = 1/10, so the two pairs
// turn by 3 and 0.3 radians. (a, b) -> (a cos θ − b sin θ, a sin θ + b cos θ).
//   rotate-half pairs (x₀, x₂) and (x₁, x₃); interleaved pairs (x₀, x₁) and (x₂, x₃).
// Position 0 turns nothing.
Matrix handRotated(RopeLayout layout)
{
    const double c3 = std::cos(3.0), s3 = std::sin(3.0), c03 = std::cos(0.3), s03 = std::sin(0.3);
    if (layout == RopeLayout::RotateHalf)
        return expectedRows(
            {{1, 2, 3, 4}, {1 * c3 - 3 * s3, 2 * c03 - 4 * s03, 1 * s3 + 3 * c3, 2 * s03 + 4 * c03}});
    return expectedRows(
        {{1, 2, 3, 4}, {1 * c3 - 2 * s3, 1 * s3 + 2 * c3, 3 * c03 - 4 * s03, 3 * s03 + 4 * c03}});
}

template <typename Scalar, int Options> void oneHeadByHand(RopeLayout layout)
{
    auto x = rowsOf<Scalar, Options>({{1, 2, 3, 4}, {1, 2, 3, 4}});
    applyRope(x, {0, 3}, 100.0, layout);
    ATTNLAB_COMPARE_MATRIX(toDouble(x), handRotated(layout), tolerance<Scalar>());
}

// Two heads of d = 4 side by side: each head's pairs count from its own first column, so both heads of equal
// rows come out as the one head above (a frequency index running over all 8 columns would not).
template <typename Scalar, int Options> void headsSideBySide(RopeLayout layout)
{
    auto x = rowsOf<Scalar, Options>({{1, 2, 3, 4, 1, 2, 3, 4}, {1, 2, 3, 4, 1, 2, 3, 4}});
    applyRope(x, 4, ropeAngles<Scalar, Options>({0, 3}, 4, 100.0), layout);
    const Matrix oneHead = handRotated(layout);
    Matrix expected(2, 8);
    expected << oneHead, oneHead;
    ATTNLAB_COMPARE_MATRIX(toDouble(x), expected, tolerance<Scalar>());
}

// An odd head size 3 has one pair, (x₀, x₁) in both layouts, at θ₀ = 1; x₂ has no partner and stays.
template <typename Scalar, int Options> void oddHeadKeepsLastFeature(RopeLayout layout)
{
    auto x = rowsOf<Scalar, Options>({{1, 2, 5}});
    applyRope(x, {1}, 10000.0, layout);
    const double c = std::cos(1.0), s = std::sin(1.0);
    ATTNLAB_COMPARE_MATRIX(toDouble(x), expectedRows({{c - 2 * s, s + 2 * c, 5}}), tolerance<Scalar>());
}

// positions (0, 2, 5), d = 4, base 100: angle(p, i) = p · 100^(−i/2) = (0, 0), (2, 0.2), (5, 0.5).
template <typename Scalar, int Options> void angleTable()
{
    const RopeAngles<Scalar, Options> angles = ropeAngles<Scalar, Options>({0, 2, 5}, 4, 100.0);
    ATTNLAB_COMPARE_MATRIX(
        toDouble(angles.cos),
        expectedRows({{1, 1}, {std::cos(2.0), std::cos(0.2)}, {std::cos(5.0), std::cos(0.5)}}),
        tolerance<Scalar>());
    ATTNLAB_COMPARE_MATRIX(
        toDouble(angles.sin),
        expectedRows({{0, 0}, {std::sin(2.0), std::sin(0.2)}, {std::sin(5.0), std::sin(0.5)}}),
        tolerance<Scalar>());
}

// Far positions keep their precision in float: at p = 100000, d = 4, base 10000 the second pair turns by
// 100000 · 10000^(−1/2) = 1000 rad. An angle formed in float (0.01 is not a float) would be off by about
// 2e-5. (In double the product may land one ulp of 1000, 1e-13, away.)
template <typename Scalar, int Options> void farPositionAngle()
{
    const RopeAngles<Scalar, Options> angles = ropeAngles<Scalar, Options>({100000}, 4, 10000.0);
    const double tol = std::max(tolerance<Scalar>(), 1e-12);
    ATTNLAB_COMPARE_MATRIX(toDouble(angles.cos), expectedRows({{std::cos(100000.0), std::cos(1000.0)}}), tol);
    ATTNLAB_COMPARE_MATRIX(toDouble(angles.sin), expectedRows({{std::sin(100000.0), std::sin(1000.0)}}), tol);
}

void addLayouts()
{
    QTest::addColumn<bool>("isFloat");
    QTest::addColumn<RopeLayout>("layout");
    for (bool isFloat : {false, true})
        for (RopeLayout layout : {RopeLayout::RotateHalf, RopeLayout::Interleaved})
            QTest::addRow("%s %s", isFloat ? "float" : "double",
                          layout == RopeLayout::RotateHalf ? "rotate-half" : "interleaved")
                << isFloat << layout;
}

#define ATTNLAB_FOR_LAYOUT(check)                                                                            \
    do {                                                                                                     \
        QFETCH(bool, isFloat);                                                                               \
        QFETCH(RopeLayout, layout);                                                                          \
        if (isFloat)                                                                                         \
            check<float, Eigen::RowMajor>(layout);                                                           \
        else                                                                                                 \
            check<double, Eigen::ColMajor>(layout);                                                          \
    } while (false)

} // namespace

class TestRope : public QObject {
    Q_OBJECT

private slots:
    void oneHeadByHand_data() { addLayouts(); }
    void oneHeadByHand() { ATTNLAB_FOR_LAYOUT(tst_rope::oneHeadByHand); }
    void headsSideBySide_data() { addLayouts(); }
    void headsSideBySide() { ATTNLAB_FOR_LAYOUT(tst_rope::headsSideBySide); }
    void oddHeadKeepsLastFeature_data() { addLayouts(); }
    void oddHeadKeepsLastFeature() { ATTNLAB_FOR_LAYOUT(tst_rope::oddHeadKeepsLastFeature); }
    void angleTable_data() { test::addKernelTypes(); }
    void angleTable() { ATTNLAB_FOR_TYPE(tst_rope::angleTable); }
    void farPositionAngle_data() { test::addKernelTypes(); }
    void farPositionAngle() { ATTNLAB_FOR_TYPE(tst_rope::farPositionAngle); }
    void scaledFrequencies();
};

// dh = 6 and base 10^6 make the three frequencies 10^(−2i) = 1, 1/100, 1/10000: wavelengths 2π, 200π, 20000π.
void TestRope::scaledFrequencies()
{
    QCOMPARE(ropeFrequency(1, 6, 1e6), 0.01);
    // Linear: every frequency divided by the factor.
    const RopeScaling linear{RopeScaling::Type::Linear, 4.0};
    QCOMPARE(ropeFrequency(0, 6, 1e6, linear), 0.25);
    QCOMPARE(ropeFrequency(1, 6, 1e6, linear), 0.0025);
    QCOMPARE(ropeFrequency(2, 6, 1e6, linear), 0.000025);
    // Llama3 with factor 8 and an original context of 1000: wavelengths under 1000/4 keep their frequency,
    // those over 1000/1 are divided by 8, and 200π lies between, with s = (1000/(200π) − 1)/(4 − 1).
    const RopeScaling llama3{RopeScaling::Type::Llama3, 8.0, 1.0, 4.0, 1000.0};
    QCOMPARE(ropeFrequency(0, 6, 1e6, llama3), 1.0);
    const double s = (5.0 / std::numbers::pi - 1.0) / 3.0;
    QVERIFY(std::abs(ropeFrequency(1, 6, 1e6, llama3) - 0.01 * ((1.0 - s) / 8.0 + s)) < 1e-15);
    QVERIFY(std::abs(ropeFrequency(2, 6, 1e6, llama3) - 1.25e-5) < 1e-18);
    // The angle table uses them: position 100 turns pair 2 by 100 · 1.25e-5.
    const auto angles = ropeAngles<double, Eigen::ColMajor>({0, 100}, 6, 1e6, llama3);
    QVERIFY(std::abs(angles.sin(1, 2) - std::sin(0.00125)) < 1e-15);
    QVERIFY(std::abs(angles.cos(1, 0) - std::cos(100.0)) < 1e-12);
}

ATTNLAB_TEST_APPLESS_MAIN(TestRope)
} // namespace tst_rope
#include "tst_rope.moc"
