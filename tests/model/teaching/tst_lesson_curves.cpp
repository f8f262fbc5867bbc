// Tests model/teaching/lesson_curves.cpp: the self-attention shift of orthogonal inputs, attention memory, histograms.

#include "model/teaching/lesson_curves.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numeric>

namespace tst_lesson_curves {

using namespace attnlab::model;

class TestLessonCurves : public QObject {
    Q_OBJECT
private slots:
    void orthogonalShift_data()
    {
        QTest::addColumn<double>("c");
        for (const double c : {0.5, 1.0, 2.0, 3.0})
            QTest::newRow(qPrintable(QString::number(c))) << c;
    }

    void orthogonalShift()
    {
        // X = c·I, unscaled: each row's weights are e^{c²}/(e^{c²}+2) on itself and 1/(e^{c²}+2) elsewhere, so
        // ‖y_n − x_n‖ = c·√((2a)² + 2a²) = √6·c·a with a = 1/(e^{c²}+2).
        QFETCH(double, c);
        const Matrix x = Matrix::Identity(3, 3) * c;
        const double expected = std::sqrt(6.0) * c / (std::exp(c * c) + 2.0);
        QVERIFY(std::abs(maxSelfAttentionShift(x, {ScaleKind::None, 1.0}) - expected) < 1e-12);
    }

    void shiftByNormRescalesTheRows()
    {
        // Any orthogonal X behaves the same once its rows have norm c; with 1/√d scaling the scores are c²/√3.
        const Matrix x = Matrix::Identity(3, 3) * 7.0;
        const std::vector<CurvePoint> curve = selfAttentionShiftByNorm(x, {}, {0.0, 1.0, 2.0});
        QCOMPARE(curve.size(), size_t(3));
        QCOMPARE(curve[0].y, 0.0);
        const double a = 1.0 / (std::exp(4.0 / std::sqrt(3.0)) + 2.0);
        QVERIFY(std::abs(curve[2].y - std::sqrt(6.0) * 2.0 * a) < 1e-12);
        QVERIFY(selfAttentionShiftByNorm(Matrix::Zero(3, 3), {}, {1.0}).empty()); // no direction to rescale
    }

    void attentionMemory()
    {
        QCOMPARE(attentionMatrixBytes(1024, 12, 1), 50331648.0);
        QCOMPARE(attentionMatrixBytes(2048, 8, 1, 4) * 32, 4.0 * 1073741824.0); // the exercise's 4 GiB
        QCOMPARE(attentionMatrixBytes(0, 12, 12), 0.0);
    }

    void histogramCountsEverySample()
    {
        const Histogram h = histogram({0.0, 0.1, 0.5, 0.9, 1.0}, 2);
        QCOMPARE(h.lo, 0.0);
        QCOMPARE(h.hi, 1.0);
        QCOMPARE(h.counts, (std::vector<int>{2, 3})); // 0.5 opens the second bin; 1.0 stays in the last
        QCOMPARE(h.binWidth(), 0.5);
        const Histogram constant = histogram({2.0, 2.0}, 4);
        QCOMPARE(std::accumulate(constant.counts.begin(), constant.counts.end(), 0), 2);
        QVERIFY(constant.hi > constant.lo);
        QVERIFY(histogram({}, 3).counts.empty());
    }
};

ATTNLAB_TEST_MAIN(TestLessonCurves)
} // namespace tst_lesson_curves
#include "tst_lesson_curves.moc"
