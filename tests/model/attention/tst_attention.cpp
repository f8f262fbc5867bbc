// Tests model/attention/attention.cpp (with mask.cpp) against hand-derived values. The exp overrides, the
// scaling and the dot-product statistics have their own tests (tst_exp_overrides, tst_scaling,
// tests/model/teaching/tst_dot_product_statistics).

#include "model/attention/attention.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

namespace tst_attention {

using namespace attnlab::model;

namespace {

const double kSqrtHalf = std::sqrt(0.5);

// The exam problem: N = 4, d_k = 2.
Matrix examQ()
{
    return (Matrix(4, 2) << 1, 0, 0, 1, -1, 0, 0, -1).finished();
}
Matrix examK()
{
    return (Matrix(4, 2) << kSqrtHalf, kSqrtHalf, -kSqrtHalf, kSqrtHalf, -kSqrtHalf, -kSqrtHalf, kSqrtHalf, -kSqrtHalf)
        .finished();
}
Matrix examV()
{
    return (Matrix(4, 2) << 12, -3, 14, 16, 7, -10, 6, -3).finished();
}

BoolMatrix allTrue(int t, int s)
{
    return BoolMatrix::Constant(t, s, true);
}

} // namespace

class TestAttention : public QObject {
    Q_OBJECT
private slots:
    void examWithOverride()
    {
        // Scaled scores of query 2 are q₂·kₘ/√2 = (1/2, 1/2, −1/2, −1/2); with exp(1/2) ≈ 3/2 the row is
        // (3/2, 3/2, 2/3, 2/3) / (13/3) = (9/26, 9/26, 2/13, 2/13), and y₂ = 9/26·(26, 13) + 2/13·(13, −13).
        const HeadTrace h = attendHead(examQ(), examK(), examV(), allTrue(4, 4), 1 / std::sqrt(2.0), {{0.5, 1.5}});
        const RowVector expected = (RowVector(4) << 9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13).finished();
        ATTNLAB_COMPARE_MATRIX(Matrix(h.weights.row(1)), Matrix(expected), 1e-12);
        ATTNLAB_COMPARE_MATRIX(Matrix(h.output.row(1)), Matrix((RowVector(2) << 11, 2.5).finished()), 1e-12);
        // Row 1: q₁·k = (1, −1, −1, 1)/√2, scaled ±1/2 in the same way.
        ATTNLAB_COMPARE_MATRIX(Matrix(h.weights.row(0)),
                               Matrix((RowVector(4) << 9.0 / 26, 2.0 / 13, 2.0 / 13, 9.0 / 26).finished()), 1e-12);
    }

    void examExact()
    {
        const HeadTrace h = attendHead(examQ(), examK(), examV(), allTrue(4, 4), 1 / std::sqrt(2.0));
        const double e = std::exp(0.5), r = std::exp(-0.5), sum = 2 * e + 2 * r;
        ATTNLAB_COMPARE_MATRIX(Matrix(h.weights.row(1)), Matrix((RowVector(4) << e / sum, e / sum, r / sum, r / sum).finished()),
                               1e-12);
        const double y0 = (e * (12 + 14) + r * (7 + 6)) / sum, y1 = (e * (-3 + 16) + r * (-10 - 3)) / sum;
        ATTNLAB_COMPARE_MATRIX(Matrix(h.output.row(1)), Matrix((RowVector(2) << y0, y1).finished()), 1e-12);
        ATTNLAB_COMPARE_MATRIX(h.scores.row(1), Matrix((RowVector(4) << kSqrtHalf, kSqrtHalf, -kSqrtHalf, -kSqrtHalf).finished()),
                               1e-12);
    }

    void rowsSumToOne_data()
    {
        QTest::addColumn<int>("queries");
        QTest::addColumn<int>("keys");
        QTest::addColumn<QString>("mask");
        QTest::newRow("square none") << 5 << 5 << "none";
        QTest::newRow("square causal") << 6 << 6 << "causal";
        QTest::newRow("window 2") << 7 << 7 << "window:2";
        QTest::newRow("padding 2") << 4 << 6 << "padding:2";
        QTest::newRow("cross none") << 3 << 8 << "none";
    }
    void rowsSumToOne()
    {
        QFETCH(int, queries);
        QFETCH(int, keys);
        QFETCH(QString, mask);
        const Matrix q = Matrix::Random(queries, 4) * 3, k = Matrix::Random(keys, 4) * 3, v = Matrix::Random(keys, 3);
        const BoolMatrix allowed = buildMask(parseMaskSpec(mask).value(), queries, keys).value();
        const HeadTrace h = attendHead(q, k, v, allowed, 0.5);
        for (int t = 0; t < queries; ++t) {
            QVERIFY(std::abs(h.weights.row(t).sum() - 1.0) < 1e-12);
            for (int s = 0; s < keys; ++s)
                if (!allowed(t, s))
                    QCOMPARE(h.weights(t, s), 0.0);
        }
    }

    void maskShapes_data()
    {
        QTest::addColumn<QString>("mask");
        QTest::addColumn<QString>("expected"); // rows of 0/1, 4 × 4
        QTest::newRow("none") << "none" << "1111 1111 1111 1111";
        QTest::newRow("causal") << "causal" << "1000 1100 1110 1111";
        QTest::newRow("window 2") << "window:2" << "1000 1100 0110 0011";
        QTest::newRow("window 1") << "window:1" << "1000 0100 0010 0001";
        QTest::newRow("padding 1") << "padding:1" << "1110 1110 1110 1110";
        QTest::newRow("padding 4") << "padding:4" << "0000 0000 0000 0000";
    }
    void maskShapes()
    {
        QFETCH(QString, mask);
        QFETCH(QString, expected);
        const BoolMatrix m = buildMask(parseMaskSpec(mask).value(), 4, 4).value();
        const QStringList rows = expected.split(QLatin1Char(' '));
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                QCOMPARE(m(r, c), rows[r][c] == QLatin1Char('1'));
        QCOMPARE(maskSpecName(parseMaskSpec(mask).value()), mask);
    }

    void badMasks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown") << "diagonal" << "unknown mask \"diagonal\"";
        QTest::newRow("window 0") << "window:0" << "window must be a whole number";
        QTest::newRow("window text") << "window:x" << "window must be a whole number";
        QTest::newRow("padding negative") << "padding:-1" << "padding must be a whole number";
    }
    void badMasks()
    {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        const auto r = parseMaskSpec(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(fragment), qPrintable(r.error()));
    }

    void customMaskWrongShape()
    {
        const auto r = buildMask(MaskSpec::fromMatrix(BoolMatrix::Constant(2, 3, true)), 3, 3);
        QVERIFY(!r.ok());
        QVERIFY(r.error().contains(QStringLiteral("2 × 3")));
    }

    void causalUpperTriangleIsZero()
    {
        const Matrix x = Matrix::Random(6, 4);
        const HeadTrace h = attendHead(x, x, x, buildMask(MaskSpec::causal(), 6, 6).value(), 0.5);
        for (int t = 0; t < 6; ++t)
            for (int s = t + 1; s < 6; ++s)
                QCOMPARE(h.weights(t, s), 0.0);
        QCOMPARE(h.weights(0, 0), 1.0); // the first token sees only itself
    }

    void fullyMaskedRowIsZeroNotNaN()
    {
        BoolMatrix allowed = allTrue(3, 3);
        allowed.row(1).setConstant(false);
        std::vector<int> fullyMasked;
        const Matrix x = Matrix::Random(3, 2);
        const HeadTrace h = attendHead(x, x, x, allowed, 1.0, {}, {}, &fullyMasked);
        QCOMPARE(fullyMasked, std::vector<int>{1});
        QVERIFY(h.weights.allFinite() && h.output.allFinite());
        QCOMPARE(h.weights.row(1).cwiseAbs().sum(), 0.0);
        QCOMPARE(h.output.row(1).cwiseAbs().sum(), 0.0);
        QVERIFY(fullyMaskedWarning(fullyMasked, {QStringLiteral("a"), QStringLiteral("b")}, QStringLiteral("layer 1"))
                    .contains(QStringLiteral("2 \"b\"")));
    }

    void largeScoresDoNotOverflow()
    {
        const Matrix scores = (Matrix(1, 3) << 1000, 999, -1000).finished();
        const Matrix w = maskedSoftmax(scores, allTrue(1, 3));
        const double e = std::exp(-1.0);
        ATTNLAB_COMPARE_MATRIX(w, Matrix((Matrix(1, 3) << 1 / (1 + e), e / (1 + e), 0).finished()), 1e-12);
    }

    void orthogonalInputsGiveThemselvesBack()
    {
        // X = c·I (rows mutually orthogonal, norm c), Q = K = V = X, unscaled: a_nn = e^{c²}/(e^{c²} + n − 1),
        // so y_n = (e^{c²}·x_n + Σ_{m≠n} x_m)/(e^{c²} + n − 1) -> x_n as c grows.
        const int n = 4;
        double previous = 1e300;
        for (double c : {1.0, 2.0, 3.0, 4.0}) {
            const Matrix x = c * Matrix::Identity(n, n);
            const HeadTrace h = attendHead(x, x, x, allTrue(n, n), 1.0);
            const double e = std::exp(c * c);
            Matrix expected = Matrix::Constant(n, n, c / (e + n - 1));
            expected.diagonal().setConstant(c * e / (e + n - 1));
            ATTNLAB_COMPARE_MATRIX(h.output.toDouble(), expected, 1e-9 * c);
            const double error = (h.output.toDouble() - x).rowwise().norm().maxCoeff();
            QVERIFY(error < previous);
            previous = error;
        }
        QVERIFY(previous < 1e-4);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestAttention)
} // namespace tst_attention
#include "tst_attention.moc"
