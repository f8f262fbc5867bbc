// Positional encodings against independent calculations: closed forms of Vaswani et al., rotation matrices
// built entry by entry for RoPE, and ALiBi slopes worked out by hand from the paper's reference code.

#include "model/attention/positional_encoding.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

Q_DECLARE_METATYPE(attnlab::model::PositionalKind)
Q_DECLARE_METATYPE(attnlab::model::RopeLayout)
Q_DECLARE_METATYPE(std::vector<double>)

namespace tst_positional_encoding {

using namespace attnlab::model;

namespace {

// (rows, cols) of uniform numbers in [−1, 1], the same for every run.
Matrix randomMatrix(int rows, int cols, unsigned seed)
{
    std::mt19937 generator(seed);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    Matrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = uniform(generator);
    return m;
}

// The (d, d) rotation acting on a column vector: pair (a, b) at angle φ_i = p · base^(−2i/d) is
// [[cos, −sin], [sin, cos]] on rows/columns a, b. Rotate-half pairs (i, i + d/2), interleaved (2i, 2i + 1).
Matrix ropeRotation(int d, int p, double base, RopeLayout layout)
{
    Matrix r = Matrix::Zero(d, d);
    for (int i = 0; i < d / 2; ++i) {
        const double angle = p * std::pow(base, -2.0 * i / d);
        const int a = layout == RopeLayout::RotateHalf ? i : 2 * i;
        const int b = layout == RopeLayout::RotateHalf ? i + d / 2 : 2 * i + 1;
        r(a, a) = std::cos(angle);
        r(a, b) = -std::sin(angle);
        r(b, a) = std::sin(angle);
        r(b, b) = std::cos(angle);
    }
    return r;
}

// A single row vector rotated to position p by the code under test.
Matrix ropeAt(const Matrix& row, int p, RopeLayout layout)
{
    Matrix x = row;
    applyRope(x, {p}, 10000.0, layout);
    return x;
}

double dot(const Matrix& a, const Matrix& b)
{
    double sum = 0.0;
    for (int j = 0; j < a.cols(); ++j)
        sum += a(0, j) * b(0, j);
    return sum;
}

} // namespace

class TestPositionalEncoding : public QObject {
    Q_OBJECT

private slots:
    void parseKind_data();
    void parseKind();
    void parseKindRejectsUnknown();

    void naive();
    void sinusoidalHandValues();
    void sinusoidalClosedForm_data();
    void sinusoidalClosedForm();
    void sinusoidalDotDependsOnOffsetOnly_data();
    void sinusoidalDotDependsOnOffsetOnly();

    void additiveZerosForAttentionSideKinds_data();
    void additiveZerosForAttentionSideKinds();
    void additiveNaiveAndSinusoidal();
    void additiveLearned();
    void additiveLearnedErrors_data();
    void additiveLearnedErrors();

    void ropeTwoDimensionalByHand_data();
    void ropeTwoDimensionalByHand();
    void ropeMatchesRotationMatrix_data();
    void ropeMatchesRotationMatrix();
    void ropePreservesNorm_data();
    void ropePreservesNorm();
    void ropeDotDependsOnRelativePosition_data();
    void ropeDotDependsOnRelativePosition();
    void ropeRotateHalfIsPermutedInterleaved();

    void alibiSlopes_data();
    void alibiSlopes();
    void alibiBias();
};

void TestPositionalEncoding::parseKind_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<PositionalKind>("kind");
    QTest::newRow("none") << "none" << PositionalKind::None;
    QTest::newRow("naive") << "naive" << PositionalKind::Naive;
    QTest::newRow("sinusoidal") << "sinusoidal" << PositionalKind::Sinusoidal;
    QTest::newRow("learned") << "learned" << PositionalKind::Learned;
    QTest::newRow("rope") << "rope" << PositionalKind::Rope;
    QTest::newRow("alibi") << "alibi" << PositionalKind::Alibi;
}

void TestPositionalEncoding::parseKind()
{
    QFETCH(QString, text);
    QFETCH(PositionalKind, kind);
    const Result<PositionalKind> parsed = parsePositionalKind(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, kind);
    QCOMPARE(positionalKindName(kind), text);
}

void TestPositionalEncoding::parseKindRejectsUnknown()
{
    const Result<PositionalKind> parsed = parsePositionalKind(QStringLiteral("absolute"));
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.error().contains(QLatin1String("absolute")));
    for (const char* name : {"none", "naive", "sinusoidal", "learned", "rope", "alibi"})
        QVERIFY2(parsed.error().contains(QLatin1String(name)), qPrintable(parsed.error()));
}

void TestPositionalEncoding::naive()
{
    Matrix expected(3, 2);
    expected << 0, 0, 1, 1, 2, 2;
    ATTNLAB_COMPARE_MATRIX(naiveEncoding(3, 2), expected, 0.0);
    QCOMPARE(naiveEncoding(0, 4).rows(), Eigen::Index(0));
}

void TestPositionalEncoding::sinusoidalHandValues()
{
    const Matrix pe = sinusoidalEncoding(3, 4);
    QCOMPARE(pe.rows(), Eigen::Index(3));
    QCOMPARE(pe.cols(), Eigen::Index(4));
    Matrix row0(1, 4);
    row0 << 0, 1, 0, 1; // sin 0, cos 0 at every frequency
    ATTNLAB_COMPARE_MATRIX(Matrix(pe.row(0)), row0, 0.0);
    QCOMPARE(pe(1, 0), std::sin(1.0));
    QCOMPARE(pe(1, 1), std::cos(1.0));
    // d = 4: the second pair has frequency 1/10000^(2/4) = 1/100.
    QVERIFY(std::abs(pe(1, 2) - std::sin(0.01)) < 1e-15);
    QVERIFY(std::abs(pe(1, 3) - std::cos(0.01)) < 1e-15);
    QVERIFY(std::abs(pe(2, 2) - std::sin(2.0 / std::pow(10000.0, 2.0 / 4.0))) < 1e-15);
    QVERIFY(std::abs(pe(2, 3) - std::cos(0.02)) < 1e-15);

    // Odd width: the last column is a sine of the third frequency 10000^(−4/5), with no cosine partner.
    const Matrix odd = sinusoidalEncoding(3, 5);
    QCOMPARE(odd.cols(), Eigen::Index(5));
    QVERIFY(std::abs(odd(2, 4) - std::sin(2.0 / std::pow(10000.0, 4.0 / 5.0))) < 1e-15);
    QCOMPARE(odd(0, 4), 0.0);
}

void TestPositionalEncoding::sinusoidalClosedForm_data()
{
    QTest::addColumn<int>("positions");
    QTest::addColumn<int>("dim");
    QTest::newRow("d=1") << 5 << 1;
    QTest::newRow("d=2") << 5 << 2;
    QTest::newRow("d=3") << 7 << 3;
    QTest::newRow("d=8") << 10 << 8;
    QTest::newRow("d=17") << 9 << 17;
    QTest::newRow("d=512") << 64 << 512;
}

void TestPositionalEncoding::sinusoidalClosedForm()
{
    QFETCH(int, positions);
    QFETCH(int, dim);
    Matrix expected(positions, dim);
    for (int p = 0; p < positions; ++p)
        for (int j = 0; j < dim; ++j) {
            const int i = j / 2; // column 2i or 2i + 1
            const double angle = p / std::pow(10000.0, 2.0 * i / dim);
            expected(p, j) = j % 2 == 0 ? std::sin(angle) : std::cos(angle);
        }
    ATTNLAB_COMPARE_MATRIX(sinusoidalEncoding(positions, dim), expected, 1e-12);
}

void TestPositionalEncoding::sinusoidalDotDependsOnOffsetOnly_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("dim");
    for (int offset : {0, 1, 3, 10, 25})
        for (int dim : {4, 16, 64})
            QTest::addRow("k=%d d=%d", offset, dim) << offset << dim;
}

// PE[p+k]·PE[p] = Σ_i sin(a)sin(b) + cos(a)cos(b) = Σ_i cos(k·ω_i): the same for every p.
void TestPositionalEncoding::sinusoidalDotDependsOnOffsetOnly()
{
    QFETCH(int, offset);
    QFETCH(int, dim);
    const int positions = 40;
    const Matrix pe = sinusoidalEncoding(positions + offset, dim);
    double expected = 0.0;
    for (int i = 0; i < dim / 2; ++i)
        expected += std::cos(offset / std::pow(10000.0, 2.0 * i / dim));
    for (int p = 0; p < positions; ++p) {
        const double d = pe.row(p + offset).dot(pe.row(p));
        QVERIFY2(std::abs(d - expected) < 1e-9,
                 qPrintable(QStringLiteral("p=%1: %2 vs %3").arg(p).arg(d).arg(expected)));
    }
}

void TestPositionalEncoding::additiveZerosForAttentionSideKinds_data()
{
    QTest::addColumn<PositionalKind>("kind");
    QTest::newRow("none") << PositionalKind::None;
    QTest::newRow("rope") << PositionalKind::Rope;
    QTest::newRow("alibi") << PositionalKind::Alibi;
}

void TestPositionalEncoding::additiveZerosForAttentionSideKinds()
{
    QFETCH(PositionalKind, kind);
    PositionalConfig config;
    config.kind = kind;
    const Result<Matrix> pe = additiveEncoding(config, 4, 6);
    QVERIFY2(pe.ok(), qPrintable(pe.error()));
    ATTNLAB_COMPARE_MATRIX(*pe, Matrix(Matrix::Zero(4, 6)), 0.0);
}

void TestPositionalEncoding::additiveNaiveAndSinusoidal()
{
    PositionalConfig config;
    config.kind = PositionalKind::Naive;
    Matrix naiveExpected(2, 3);
    naiveExpected << 0, 0, 0, 1, 1, 1;
    ATTNLAB_COMPARE_MATRIX(additiveEncoding(config, 2, 3).value(), naiveExpected, 0.0);

    config.kind = PositionalKind::Sinusoidal;
    Matrix sinusoidalExpected(2, 2);
    sinusoidalExpected << 0, 1, std::sin(1.0), std::cos(1.0);
    ATTNLAB_COMPARE_MATRIX(additiveEncoding(config, 2, 2).value(), sinusoidalExpected, 1e-15);
}

void TestPositionalEncoding::additiveLearned()
{
    PositionalConfig config;
    config.kind = PositionalKind::Learned;
    config.learnedTable = Matrix(4, 2);
    config.learnedTable << 1, 2, 3, 4, 5, 6, 7, 8;
    Matrix expected(3, 2);
    expected << 1, 2, 3, 4, 5, 6;
    const Result<Matrix> pe = additiveEncoding(config, 3, 2);
    QVERIFY2(pe.ok(), qPrintable(pe.error()));
    ATTNLAB_COMPARE_MATRIX(*pe, expected, 0.0);
    ATTNLAB_COMPARE_MATRIX(additiveEncoding(config, 4, 2).value(), config.learnedTable, 0.0);
}

void TestPositionalEncoding::additiveLearnedErrors_data()
{
    QTest::addColumn<int>("positions");
    QTest::addColumn<int>("dim");
    QTest::newRow("too many positions") << 5 << 2;
    QTest::newRow("wrong width") << 3 << 3;
}

void TestPositionalEncoding::additiveLearnedErrors()
{
    QFETCH(int, positions);
    QFETCH(int, dim);
    PositionalConfig config;
    config.kind = PositionalKind::Learned;
    config.learnedTable = Matrix::Ones(4, 2);
    const Result<Matrix> pe = additiveEncoding(config, positions, dim);
    QVERIFY(!pe.ok());
    // Both shapes appear: the table's and the one asked for.
    QVERIFY2(pe.error().contains(QStringLiteral("4 × 2")), qPrintable(pe.error()));
    QVERIFY2(pe.error().contains(QStringLiteral("%1 × %2").arg(positions).arg(dim)), qPrintable(pe.error()));
}

void TestPositionalEncoding::ropeTwoDimensionalByHand_data()
{
    QTest::addColumn<RopeLayout>("layout");
    QTest::newRow("rotate-half") << RopeLayout::RotateHalf;
    QTest::newRow("interleaved") << RopeLayout::Interleaved;
}

// d = 2: one pair at θ_0 = base^0 = 1, so position p turns (a, b) by p radians in either layout.
void TestPositionalEncoding::ropeTwoDimensionalByHand()
{
    QFETCH(RopeLayout, layout);
    Matrix x(4, 2);
    x << 1, 0, 1, 0, 0, 1, 3, -2;
    const std::vector<int> positions = {0, 1, 2, 7};
    Matrix expected(4, 2);
    expected << 1, 0,                  // position 0: unchanged
        std::cos(1.0), std::sin(1.0),  // (1, 0) turned by 1 rad
        -std::sin(2.0), std::cos(2.0), // (0, 1) turned by 2 rad
        3 * std::cos(7.0) + 2 * std::sin(7.0), -2 * std::cos(7.0) + 3 * std::sin(7.0);
    applyRope(x, positions, 10000.0, layout);
    ATTNLAB_COMPARE_MATRIX(x, expected, 1e-14);
}

void TestPositionalEncoding::ropeMatchesRotationMatrix_data()
{
    QTest::addColumn<RopeLayout>("layout");
    QTest::addColumn<double>("base");
    QTest::newRow("rotate-half d=4") << RopeLayout::RotateHalf << 10000.0;
    QTest::newRow("interleaved d=4") << RopeLayout::Interleaved << 10000.0;
    QTest::newRow("rotate-half base 100") << RopeLayout::RotateHalf << 100.0;
    QTest::newRow("interleaved base 100") << RopeLayout::Interleaved << 100.0;
}

void TestPositionalEncoding::ropeMatchesRotationMatrix()
{
    QFETCH(RopeLayout, layout);
    QFETCH(double, base);
    const int d = 4;
    const std::vector<int> positions = {0, 1, 2, 5, 100};
    Matrix x = randomMatrix(int(positions.size()), d, 7);
    Matrix expected(x.rows(), d);
    for (int t = 0; t < x.rows(); ++t) {
        // x' = R x as column vectors, i.e. x'ᵀ = x Rᵀ for the row.
        const Matrix r = ropeRotation(d, positions[std::size_t(t)], base, layout);
        for (int a = 0; a < d; ++a) {
            double sum = 0.0;
            for (int b = 0; b < d; ++b)
                sum += r(a, b) * x(t, b);
            expected(t, a) = sum;
        }
    }
    applyRope(x, positions, base, layout);
    ATTNLAB_COMPARE_MATRIX(x, expected, 1e-12);
}

void TestPositionalEncoding::ropePreservesNorm_data()
{
    ropeTwoDimensionalByHand_data();
}

void TestPositionalEncoding::ropePreservesNorm()
{
    QFETCH(RopeLayout, layout);
    const std::vector<int> positions = {0, 3, 17, 250, 4095};
    const Matrix before = randomMatrix(int(positions.size()), 64, 11);
    Matrix after = before;
    applyRope(after, positions, 10000.0, layout);
    for (int t = 0; t < before.rows(); ++t)
        QVERIFY(std::abs(after.row(t).norm() - before.row(t).norm()) < 1e-12);
    // Not the identity for p > 0.
    QVERIFY((after.row(1) - before.row(1)).norm() > 1e-3);
}

void TestPositionalEncoding::ropeDotDependsOnRelativePosition_data()
{
    QTest::addColumn<RopeLayout>("layout");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    for (RopeLayout layout : {RopeLayout::RotateHalf, RopeLayout::Interleaved})
        for (auto [m, n] :
             {std::pair{0, 0}, std::pair{3, 1}, std::pair{1, 3}, std::pair{10, 2}, std::pair{7, 40}})
            QTest::addRow("%s m=%d n=%d", layout == RopeLayout::RotateHalf ? "half" : "interleaved", m, n)
                << layout << m << n;
}

// q_m · k_n = q R(m)ᵀ R(n) k = q R(n − m) k: shifting both positions by 5 changes nothing.
void TestPositionalEncoding::ropeDotDependsOnRelativePosition()
{
    QFETCH(RopeLayout, layout);
    QFETCH(int, m);
    QFETCH(int, n);
    const Matrix q = randomMatrix(1, 8, 21);
    const Matrix k = randomMatrix(1, 8, 22);
    const double original = dot(ropeAt(q, m, layout), ropeAt(k, n, layout));
    const double shifted = dot(ropeAt(q, m + 5, layout), ropeAt(k, n + 5, layout));
    QVERIFY2(std::abs(original - shifted) < 1e-12,
             qPrintable(QStringLiteral("%1 vs %2").arg(original).arg(shifted)));
    if (m != n) // and it does depend on the offset
        QVERIFY(std::abs(original - dot(q, k)) > 1e-6);
}

// Interleaved pairs (2i, 2i+1) are rotate-half pairs (i, i + d/2) after moving feature 2i to i and 2i+1 to
// i + d/2; both layouts use the same θ_i, so rotating the permuted row and permuting back must agree.
void TestPositionalEncoding::ropeRotateHalfIsPermutedInterleaved()
{
    const int d = 8;
    const std::vector<int> positions = {0, 1, 4, 9, 33};
    const Matrix y = randomMatrix(int(positions.size()), d, 5);
    Matrix halves(y.rows(), d); // halves[:, i] = y[:, 2i], halves[:, i + d/2] = y[:, 2i+1]
    for (int t = 0; t < y.rows(); ++t)
        for (int i = 0; i < d / 2; ++i) {
            halves(t, i) = y(t, 2 * i);
            halves(t, i + d / 2) = y(t, 2 * i + 1);
        }
    Matrix interleaved = y;
    applyRope(interleaved, positions, 10000.0, RopeLayout::Interleaved);
    applyRope(halves, positions, 10000.0, RopeLayout::RotateHalf);
    Matrix back(y.rows(), d);
    for (int t = 0; t < y.rows(); ++t)
        for (int i = 0; i < d / 2; ++i) {
            back(t, 2 * i) = halves(t, i);
            back(t, 2 * i + 1) = halves(t, i + d / 2);
        }
    ATTNLAB_COMPARE_MATRIX(back, interleaved, 1e-14);
}

void TestPositionalEncoding::alibiSlopes_data()
{
    QTest::addColumn<int>("heads");
    QTest::addColumn<std::vector<double>>("expected");
    QTest::newRow("1") << 1 << std::vector<double>{1.0 / 256};
    QTest::newRow("2") << 2 << std::vector<double>{1.0 / 16, 1.0 / 256};
    // 3: closest power 2 -> [2^-4, 2^-8]; then get_slopes(4)[0::2][:1] = [2^-2].
    QTest::newRow("3") << 3 << std::vector<double>{1.0 / 16, 1.0 / 256, 1.0 / 4};
    QTest::newRow("4") << 4 << std::vector<double>{1.0 / 4, 1.0 / 16, 1.0 / 64, 1.0 / 256};
    // 6: closest power 4 -> [2^-2, 2^-4, 2^-6, 2^-8]; get_slopes(8) = 2^-1 … 2^-8, [0::2] = 2^-1, 2^-3, …;
    // first 2.
    QTest::newRow("6") << 6 << std::vector<double>{0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
    QTest::newRow("8") << 8 << std::vector<double>{1.0 / 2,  1.0 / 4,  1.0 / 8,   1.0 / 16,
                                                   1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256};
    // 12: 2^-1 … 2^-8, then get_slopes(16) = 2^(-k/2), every other one from k = 1: 2^-0.5, 2^-1.5, 2^-2.5,
    // 2^-3.5.
    constexpr double kInvSqrt2 = 1.0 / std::numbers::sqrt2;
    QTest::newRow("12") << 12 << std::vector<double>{0.5,       0.25,          0.125,         0.0625,
                                                     0.03125,   0.015625,      0.0078125,     0.00390625,
                                                     kInvSqrt2, kInvSqrt2 / 2, kInvSqrt2 / 4, kInvSqrt2 / 8};
}

void TestPositionalEncoding::alibiSlopes()
{
    QFETCH(int, heads);
    QFETCH(std::vector<double>, expected);
    const std::vector<double> slopes = attnlab::model::alibiSlopes(heads);
    QCOMPARE(slopes.size(), expected.size());
    for (std::size_t h = 0; h < slopes.size(); ++h)
        QVERIFY2(std::abs(slopes[h] - expected[h]) < 1e-15,
                 qPrintable(QStringLiteral("head %1: %2 vs %3").arg(h).arg(slopes[h]).arg(expected[h])));
    QVERIFY(attnlab::model::alibiSlopes(0).empty());
}

void TestPositionalEncoding::alibiBias()
{
    Matrix expected(3, 4); // −½ |t − s| for t = 0..2, s = 0..3
    expected << 0, -0.5, -1, -1.5, -0.5, 0, -0.5, -1, -1, -0.5, 0, -0.5;
    ATTNLAB_COMPARE_MATRIX(attnlab::model::alibiBias({0, 1, 2}, {0, 1, 2, 3}, 0.5), expected, 0.0);

    // Positions, not indices: queries at 5 and 9 against keys at 0 and 7.
    Matrix shifted(2, 2);
    shifted << -0.25 * 5, -0.25 * 2, -0.25 * 9, -0.25 * 2;
    ATTNLAB_COMPARE_MATRIX(attnlab::model::alibiBias({5, 9}, {0, 7}, 0.25), shifted, 0.0);
}

ATTNLAB_TEST_APPLESS_MAIN(TestPositionalEncoding)
} // namespace tst_positional_encoding
#include "tst_positional_encoding.moc"
