// Tests model/teaching/dot_product_statistics.cpp, the numbers of the lesson on why attention divides by
// √d_k, against closed forms. For a, b with i.i.d. standard-normal components, X_i = a_i·b_i has E[X] = 0,
// E[X²] = E[a²]·E[b²] = 1 and E[X⁴] = E[a⁴]·E[b⁴] = 3·3 = 9, so the dot product aᵀb = Σ_{i<d} X_i has
//   E[aᵀb] = 0,  E[(aᵀb)²] = d,  E[(aᵀb)⁴] = d·9 + 3d(d − 1)·1 = 3d² + 6d,
// and aᵀb/√d has mean square 1 whatever d. Sample moments are compared within five standard errors.

#include "model/teaching/dot_product_statistics.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

namespace tst_dot_product_statistics {

using namespace attnlab::model;

namespace {

constexpr int kSamples = 20000;

QString within(double value, double expected, double tolerance)
{
    return QStringLiteral("%1, expected %2 ± %3").arg(value).arg(expected).arg(tolerance);
}

} // namespace

class TestDotProductStatistics : public QObject {
    Q_OBJECT

private slots:
    void momentsByHand();
    void sampleCountAndSeed();
    void varianceIsTheDimension_data();
    void varianceIsTheDimension();
    void productOfTwoNormals();
    void scaledScoresAreStandardNormal();
    void maxSoftmaxWeightByHand();
};

// {1, 2, 3, 4}: mean 10/4 = 2.5, mean square (1 + 4 + 9 + 16)/4 = 7.5. {−3, 3}: 0 and 9. No samples: 0, 0.
void TestDotProductStatistics::momentsByHand()
{
    const SampleMoments m = moments({1, 2, 3, 4});
    QCOMPARE(m.mean, 2.5);
    QCOMPARE(m.meanSquare, 7.5);
    const SampleMoments symmetric = moments({-3, 3});
    QCOMPARE(symmetric.mean, 0.0);
    QCOMPARE(symmetric.meanSquare, 9.0);
    const SampleMoments none = moments({});
    QCOMPARE(none.mean, 0.0);
    QCOMPARE(none.meanSquare, 0.0);
}

// As many samples as asked (none for 0 or fewer); a dimension of 0 is the empty sum, 0; a seed gives the same
// samples every time (the lesson's figure does not change between runs), and another seed others.
void TestDotProductStatistics::sampleCountAndSeed()
{
    QCOMPARE(sampleDotProducts(8, 123, 1).size(), size_t(123));
    QVERIFY(sampleDotProducts(8, 0, 1).empty());
    QVERIFY(sampleDotProducts(8, -5, 1).empty());
    QCOMPARE(sampleDotProducts(0, 3, 1), (std::vector<double>{0, 0, 0}));
    QCOMPARE(sampleDotProducts(8, 50, 42), sampleDotProducts(8, 50, 42));
    QVERIFY(sampleDotProducts(8, 50, 42) != sampleDotProducts(8, 50, 43));
}

void TestDotProductStatistics::varianceIsTheDimension_data()
{
    QTest::addColumn<int>("dim");
    QTest::newRow("d=1") << 1;
    QTest::newRow("d=16") << 16;
    QTest::newRow("d=64") << 64;
    QTest::newRow("d=512") << 512;
}

// E[(aᵀb)²] = d, with Var((aᵀb)²) = E[(aᵀb)⁴] − d² = 2d² + 6d; E[aᵀb] = 0 with Var(aᵀb) = d. Divided by √d
// the mean square is 1 for every d, with Var = 2 + 6/d.
void TestDotProductStatistics::varianceIsTheDimension()
{
    QFETCH(int, dim);
    const std::vector<double> dots = sampleDotProducts(dim, kSamples, 7);
    const SampleMoments m = moments(dots);
    const double d = dim;
    const double squareError = 5 * std::sqrt((2 * d * d + 6 * d) / kSamples);
    QVERIFY2(std::abs(m.meanSquare - d) < squareError, qPrintable(within(m.meanSquare, d, squareError)));
    const double meanError = 5 * std::sqrt(d / kSamples);
    QVERIFY2(std::abs(m.mean) < meanError, qPrintable(within(m.mean, 0, meanError)));

    std::vector<double> scaled = dots;
    for (double& s : scaled)
        s /= std::sqrt(d);
    const SampleMoments unit = moments(scaled);
    const double unitError = 5 * std::sqrt((2 + 6 / d) / kSamples);
    QVERIFY2(std::abs(unit.meanSquare - 1) < unitError, qPrintable(within(unit.meanSquare, 1, unitError)));
}

// d = 1: aᵀb = a·b, and E|a·b| = E|a|·E|b| = √(2/π)·√(2/π) = 2/π, with Var|a·b| = E[(ab)²] − (2/π)² = 1 −
// 4/π². A generator of the right variance but the wrong shape (uniform components, say: E|ab| = 3/4) fails
// here.
void TestDotProductStatistics::productOfTwoNormals()
{
    const std::vector<double> dots = sampleDotProducts(1, kSamples, 11);
    double meanAbs = 0.0;
    for (double x : dots)
        meanAbs += std::abs(x) / kSamples;
    const double expected = 2 / std::numbers::pi;
    const double error = 5 * std::sqrt((1 - expected * expected) / kSamples);
    QVERIFY2(std::abs(meanAbs - expected) < error, qPrintable(within(meanAbs, expected, error)));
}

// For d = 256, aᵀb/√d is a sum of 256 i.i.d. terms scaled to unit variance: close to N(0, 1), so a fraction
// erf(1/√2) = 0.6827 of the samples lies within one unit of 0. (The sum's excess kurtosis 6/d moves that
// fraction by φ(1)/d ≈ 0.001, far inside five standard errors √(p(1 − p)/n) ≈ 0.0165.)
void TestDotProductStatistics::scaledScoresAreStandardNormal()
{
    const int dim = 256;
    const std::vector<double> dots = sampleDotProducts(dim, kSamples, 3);
    int inside = 0;
    for (double x : dots)
        inside += std::abs(x / std::sqrt(double(dim))) < 1.0;
    const double fraction = double(inside) / kSamples;
    const double expected = std::erf(1 / std::sqrt(2.0));
    const double error = 5 * std::sqrt(expected * (1 - expected) / kSamples);
    QVERIFY2(std::abs(fraction - expected) < error, qPrintable(within(fraction, expected, error)));
}

// The largest softmax weight: exp(max) / Σ exp(s).
void TestDotProductStatistics::maxSoftmaxWeightByHand()
{
    QCOMPARE(maxSoftmaxWeight({}), 0.0);
    QCOMPARE(maxSoftmaxWeight({3.0}), 1.0);
    // n equal scores: 1/n.
    QCOMPARE(maxSoftmaxWeight({0.0, 0.0}), 0.5);
    QCOMPARE(maxSoftmaxWeight({7.0, 7.0, 7.0, 7.0}), 0.25);
    // ln 1, ln 2, ln 3, ln 4 exponentiate to 1..4: the largest weight is 4/10, wherever it stands.
    const double l2 = std::log(2.0), l3 = std::log(3.0), l4 = std::log(4.0);
    QVERIFY(std::abs(maxSoftmaxWeight({l3, l4, 0.0, l2}) - 0.4) < 1e-15);
    // Two scores δ apart: 1/(1 + e^−δ).
    QVERIFY(std::abs(maxSoftmaxWeight({2.0, 0.0}) - 1 / (1 + std::exp(-2.0))) < 1e-15);
    // Scores as large as unscaled dot products of a wide head saturate without overflowing: exp(1000) is
    // infinite, but 1/(1 + e^−1000) = 1 and two equal ones are 1/2.
    QCOMPARE(maxSoftmaxWeight({1000.0, 0.0}), 1.0);
    QCOMPARE(maxSoftmaxWeight({1000.0, 1000.0}), 0.5);
    QCOMPARE(maxSoftmaxWeight({-1000.0, -1000.0}), 0.5);
    QVERIFY(maxSoftmaxWeight({40.0, 0.0, -3.0}) > 1 - 1e-15);
}

ATTNLAB_TEST_APPLESS_MAIN(TestDotProductStatistics)
} // namespace tst_dot_product_statistics
#include "tst_dot_product_statistics.moc"
