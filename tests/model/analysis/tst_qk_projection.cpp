// Tests model/analysis/qk_projection.cpp against cases worked out by hand from AttentionViz's normalisation (keys
// translated by mean(q) − mean(k), queries × c and keys ÷ c with c² = mean‖k‖ / mean‖q‖) followed by PCA: points on a
// line through the origin project onto their signed distances from the mean with all the variance on one axis; 2-D
// input is only rotated (every pairwise distance of the normalised points, computed here from the equations, is
// kept); a 1-D head has a zero second coordinate; each component's largest entry is positive; degenerate input
// gives zeros, never NaN. strongestKeys: the largest weights first, ties by position, never a zero weight nor one at
// or below the floor asked for.

#include "model/analysis/qk_projection.h"
#include "model/trace/trace.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

#include <cmath>
#include <random>

Q_DECLARE_METATYPE(attnlab::model::Matrix)

namespace tst_qk_projection {

using namespace attnlab;
using namespace attnlab::model;

namespace {

// Every pairwise distance of the rows of a (N, d) and b (N, d') agree within tol; "" or the first that does not.
QString qkSameDistances(const Matrix& a, const Matrix& b, double tol)
{
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = i + 1; j < a.rows(); ++j) {
            const double da = (a.row(i) - a.row(j)).norm(), db = (b.row(i) - b.row(j)).norm();
            if (std::abs(da - db) > tol) return QStringLiteral("points %1, %2: %3 vs %4").arg(i).arg(j).arg(da).arg(db);
        }
    return {};
}

Matrix qkStacked(const Matrix& a, const Matrix& b)
{
    Matrix m(a.rows() + b.rows(), a.cols());
    m << a, b;
    return m;
}

bool qkAllFinite(const QkProjection& p)
{
    return p.queries.allFinite() && p.keys.allFinite() && std::isfinite(p.explained[0]) && std::isfinite(p.explained[1]) &&
           std::isfinite(p.queryScale);
}

} // namespace

class TestQkProjection : public QObject {
    Q_OBJECT

private slots:
    void translatesTheKeysByTheCentroidDifference()
    {
        // mean(q) = (2, 1), mean(k) = (1, 2): t = (1, −1). Translated keys (1, −1), (1, 3), (4, 1) have norms √2, √10,
        // √17; the queries 1 and √13: c = √((√2 + √10 + √17)/3 / ((1 + √13)/2)).
        const Matrix q{{1, 0}, {3, 2}};
        const Matrix k{{0, 0}, {0, 4}, {3, 2}};
        const QkProjection p = projectQueriesAndKeys(q, k);
        ATTNLAB_COMPARE_MATRIX(Matrix(p.keyShift), (Matrix{{1, -1}}), 1e-15);
        const double c = std::sqrt(((std::sqrt(2.0) + std::sqrt(10.0) + std::sqrt(17.0)) / 3) / ((1 + std::sqrt(13.0)) / 2));
        QVERIFY(std::abs(p.queryScale - c) < 1e-14);
        // Scaled: queries c·q, keys (k + t)/c, whose mean is the picture's origin.
        const Matrix normalised = qkStacked(q * c, Matrix{{1, -1}, {1, 3}, {4, 1}} / c);
        ATTNLAB_COMPARE_MATRIX(Matrix(p.mean), Matrix(normalised.colwise().mean()), 1e-14);
    }

    void aLineProjectsOntoSignedDistances()
    {
        // On the line s·u through the origin, u = (1, 2, 2)/3: queries s = 1, 2, 3 (mean 2, mean |s| 2), keys s = 1, 3,
        // 5, 7 (mean 4). t = −2u: the keys at s = −1, 1, 3, 5, mean |s| 10/4, so c = √(5/4) and the points are
        // c·{1, 2, 3} and {−1, 1, 3, 5}/c, still on the line. Their coordinate on the one axis is s − mean(s), the sign
        // following u (its largest entries are positive); nothing is left for the second axis.
        const Eigen::RowVector3d u(1.0 / 3, 2.0 / 3, 2.0 / 3);
        Matrix q(3, 3), k(4, 3);
        for (int i = 0; i < 3; ++i) q.row(i) = (i + 1) * u;
        for (int j = 0; j < 4; ++j) k.row(j) = (2 * j + 1) * u;
        const QkProjection p = projectQueriesAndKeys(q, k);
        const double c = std::sqrt(1.25);
        QVERIFY(std::abs(p.queryScale - c) < 1e-14);
        const double s[7] = {c, 2 * c, 3 * c, -1 / c, 1 / c, 3 / c, 5 / c};
        double mean = 0;
        for (double v : s) mean += v / 7;
        Matrix expectedQueries = Matrix::Zero(3, 2), expectedKeys = Matrix::Zero(4, 2);
        for (int i = 0; i < 3; ++i) expectedQueries(i, 0) = s[i] - mean;
        for (int j = 0; j < 4; ++j) expectedKeys(j, 0) = s[3 + j] - mean;
        ATTNLAB_COMPARE_MATRIX(p.queries, expectedQueries, 1e-12);
        ATTNLAB_COMPARE_MATRIX(p.keys, expectedKeys, 1e-12);
        QVERIFY(std::abs(p.explained[0] - 1) < 1e-12);
        QCOMPARE(p.explained[1], 0.0);
    }

    void twoDimensionsAreOnlyRotated()
    {
        // d_k = 2: the two components span the plane, so the picture is the normalised points, centred and rotated
        // (or reflected): every pairwise distance is kept and all the variance is explained.
        std::mt19937 random(7);
        std::normal_distribution<double> normal(0.0, 1.0);
        for (int round = 0; round < 5; ++round) {
            Matrix q(5, 2), k(7, 2);
            for (Eigen::Index i = 0; i < q.size(); ++i) q.data()[i] = normal(random) + 1.5;
            for (Eigen::Index i = 0; i < k.size(); ++i) k.data()[i] = 2 * normal(random) - 3;
            // AttentionViz's normalisation, written out: t, then c from the norms.
            const Eigen::RowVector2d t = q.colwise().mean() - k.colwise().mean();
            const Matrix shifted = k.rowwise() + t;
            const double c = std::sqrt(shifted.rowwise().norm().mean() / q.rowwise().norm().mean());
            const Matrix normalised = qkStacked(q * c, shifted / c);
            const QkProjection p = projectQueriesAndKeys(q, k);
            const QString differs = qkSameDistances(qkStacked(p.queries, p.keys), normalised, 1e-10);
            QVERIFY2(differs.isEmpty(), qPrintable(differs));
            QVERIFY(std::abs(p.explained[0] + p.explained[1] - 1) < 1e-12);
            QVERIFY(p.explained[0] >= p.explained[1]);
            // Centred: the picture's origin is the mean of all points.
            QVERIFY(qkStacked(p.queries, p.keys).colwise().mean().norm() < 1e-12);
        }
    }

    void eachComponentsLargestEntryIsPositive()
    {
        // The rule that keeps a figure from flipping: whatever sign the eigen solver returns, the entry of largest
        // magnitude of each component is positive, and the coordinates are the centred points on those components.
        std::mt19937 random(11);
        std::normal_distribution<double> normal(0.0, 1.0);
        for (int round = 0; round < 20; ++round) {
            Matrix q(6, 4), k(6, 4);
            for (Eigen::Index i = 0; i < q.size(); ++i) q.data()[i] = normal(random);
            for (Eigen::Index i = 0; i < k.size(); ++i) k.data()[i] = normal(random) * 0.5 + 1;
            const QkProjection p = projectQueriesAndKeys(q, k);
            for (int c = 0; c < 2; ++c) {
                Eigen::Index largest = 0;
                p.components.col(c).cwiseAbs().maxCoeff(&largest);
                QVERIFY2(p.components(largest, c) > 0, qPrintable(QStringLiteral("round %1, component %2").arg(round).arg(c)));
                QVERIFY(std::abs(p.components.col(c).norm() - 1) < 1e-12);
            }
            const Matrix normalised = qkStacked(q * p.queryScale, (k.rowwise() + p.keyShift) / p.queryScale);
            const Matrix centred = normalised.rowwise() - normalised.colwise().mean();
            ATTNLAB_COMPARE_MATRIX(qkStacked(p.queries, p.keys), Matrix(centred * p.components), 1e-12);
        }
    }

    void oneDimensionHasNoSecondCoordinate()
    {
        // d_k = 1: q = 1, 2, 4 (mean 7/3), k = 0, 2 (mean 1): t = 4/3, keys 4/3 and 10/3, mean norms 7/3 both: c = 1.
        // The mean of 1, 2, 4, 4/3, 10/3 is 7/3.
        const QkProjection p = projectQueriesAndKeys(Matrix{{1}, {2}, {4}}, Matrix{{0}, {2}});
        ATTNLAB_COMPARE_MATRIX(p.queries, (Matrix{{-4.0 / 3, 0}, {-1.0 / 3, 0}, {5.0 / 3, 0}}), 1e-14);
        ATTNLAB_COMPARE_MATRIX(p.keys, (Matrix{{-1, 0}, {1, 0}}), 1e-14);
        QCOMPARE(p.explained[0], 1.0);
        QCOMPARE(p.explained[1], 0.0);
    }

    void degenerateInputGivesZerosNotNaN_data()
    {
        QTest::addColumn<Matrix>("q");
        QTest::addColumn<Matrix>("k");
        // One query and one key: the translation puts the key on the query.
        QTest::newRow("two points") << Matrix{{1, 2, 3}} << Matrix{{-4, 0, 9}};
        // Keys translated onto identical queries: all points equal.
        QTest::newRow("all equal") << Matrix{{1, 2, 3}, {1, 2, 3}} << Matrix{{5, 5, 5}, {5, 5, 5}, {5, 5, 5}};
        QTest::newRow("all zero") << Matrix(Matrix::Zero(3, 4)) << Matrix(Matrix::Zero(2, 4));
        // Queries at the origin (mean norm 0): c stays 1.
        QTest::newRow("zero queries") << Matrix(Matrix::Zero(2, 2)) << Matrix{{1, 0}, {0, 1}};
    }

    void degenerateInputGivesZerosNotNaN()
    {
        QFETCH(Matrix, q);
        QFETCH(Matrix, k);
        const QkProjection p = projectQueriesAndKeys(q, k);
        QVERIFY(qkAllFinite(p));
        QCOMPARE(p.queries.rows(), q.rows());
        QCOMPARE(p.keys.rows(), k.rows());
        QCOMPARE(p.queries.cols(), Eigen::Index(2));
        if (QByteArray(QTest::currentDataTag()) == "zero queries") {
            QCOMPARE(p.queryScale, 1.0);
            // Keys (1, −1), (0, 0) after t = −(1/2, 1/2) and the origin twice: all on one line.
            QVERIFY(std::abs(p.explained[0] - 1) < 1e-12);
            return;
        }
        QCOMPARE(p.queries.cwiseAbs().maxCoeff(), 0.0);
        QCOMPARE(p.keys.cwiseAbs().maxCoeff(), 0.0);
        QCOMPARE(p.explained[0], 0.0);
        QCOMPARE(p.explained[1], 0.0);
    }

    void mismatchedOrEmptyInputIsEmpty()
    {
        QCOMPARE(projectQueriesAndKeys(Matrix::Zero(2, 3), Matrix::Zero(2, 4)).queries.size(), Eigen::Index(0));
        QCOMPARE(projectQueriesAndKeys(Matrix::Zero(0, 3), Matrix::Zero(2, 3)).keys.size(), Eigen::Index(0));
    }

    void readsAHeadsFloatMatrices()
    {
        // A checkpoint's head stores float32: the projection reads it as the double values it holds.
        HeadTrace head;
        head.q = MatrixF{{1.0f}, {2.0f}, {4.0f}};
        head.k = MatrixF{{0.0f}, {2.0f}};
        const QkProjection p = projectHeadQueriesAndKeys(head);
        ATTNLAB_COMPARE_MATRIX(p.keys, (Matrix{{-1, 0}, {1, 0}}), 1e-6);
    }

    void strongestKeysAreTheLargestWeights()
    {
        const RowVector weights{{0.1, 0.3, 0.0, 0.2, 0.3, 0.1}};
        QCOMPARE(strongestKeys(weights, 3), (std::vector<int>{1, 4, 3}));
        QCOMPARE(strongestKeys(weights, 1), (std::vector<int>{1}));
        QCOMPARE(strongestKeys(weights, 10), (std::vector<int>{1, 4, 3, 0, 5})); // never the masked key 2
        QCOMPARE(strongestKeys(RowVector::Zero(4), 3), std::vector<int>{});
        QCOMPARE(strongestKeys(weights, 0), std::vector<int>{});
        QCOMPARE(strongestKeys(weights, 10, 0.15), (std::vector<int>{1, 4, 3})); // above the floor only
        QCOMPARE(strongestKeys(weights, 10, 0.3), std::vector<int>{});
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestQkProjection)
} // namespace tst_qk_projection
#include "tst_qk_projection.moc"
