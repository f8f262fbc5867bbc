// Tests the lessons' interactive extras (app/lesson_extra_*.cpp) against values derived by hand.

#include "widgets/controls/lesson_chart.h"
#include "app/lessons/lesson_extra_curves.h"
#include "app/lessons/lesson_extra_exam.h"
#include "app/lessons/lesson_extra_shapes.h"
#include "app/lessons/lesson_extra_variance.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_catalog.h"
#include "test_registry.h"

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>

#include <cmath>

namespace tst_lesson_extras {

using namespace attnlab;

namespace {

// The shift of X = c·I (3 × 3) without scaling: scores c²·I, so y_n − x_n = c·(a_nn − 1, a_nm, a_nm') with
// a_nm = 1/(e^{c²} + 2), whose norm is c·√6 / (e^{c²} + 2).
double orthogonalShift(double c)
{
    return c * std::sqrt(6.0) / (std::exp(c * c) + 2.0);
}

} // namespace

class TestLessonExtras : public QObject {
    Q_OBJECT
private slots:
    void orthogonalShiftFollowsTheFormula()
    {
        const auto lesson = app::builtInLesson(QStringLiteral("orthogonal-inputs"));
        QVERIFY(lesson);
        app::OrthogonalInputsExtra extra(*lesson);
        QCOMPARE(extra.norm(), 3.0); // the lesson's X = 3·I
        QVERIFY(std::abs(extra.shiftAtNorm() - orthogonalShift(3.0)) < 1e-12);
        extra.setNorm(1.0);
        QVERIFY(std::abs(extra.shiftAtNorm() - orthogonalShift(1.0)) < 1e-12);
        QVERIFY(extra.valueText()->text().contains(QStringLiteral("0.519"))); // √6/(e + 2) = 0.51915…
        extra.setNorm(app::OrthogonalInputsExtra::kMaxNorm);
        QVERIFY(extra.shiftAtNorm() < 1e-10); // large norm: every token attends only to itself
        const std::vector<QPointF>& curve = extra.chart()->points();
        QVERIFY(curve.size() > 100);
        QCOMPARE(curve.front().y(), 0.0);
        for (const QPointF& p : curve)
            QVERIFY2(std::abs(p.y() - orthogonalShift(p.x())) < 1e-12, qPrintable(QString::number(p.x())));
    }

    void histogramMeanSquareIsNearD()
    {
        app::DotProductVarianceExtra extra;
        for (const int d : {1, 64, 512}) {
            extra.setDimension(d);
            extra.waitForIdle();
            QCOMPARE(extra.shownDimension(), d);
            const std::vector<double>& samples = extra.samples();
            QCOMPARE(int(samples.size()), app::DotProductVarianceExtra::kSamples);
            double meanSquare = 0.0;
            for (const double s : samples)
                meanSquare += s * s / double(samples.size());
            // Var((aᵀb)²) = 2d² + 6d: within 5 standard errors of d.
            const double standardError = std::sqrt((2.0 * d * d + 6.0 * d) / samples.size());
            QVERIFY2(std::abs(meanSquare - d) < 5 * standardError,
                     qPrintable(QStringLiteral("d = %1: %2").arg(d).arg(meanSquare)));
            QVERIFY(extra.summary()->text().contains(QStringLiteral("= d = %1").arg(d)));
            QVERIFY(extra.chart()->isBars());
            double counted = 0.0;
            for (const QPointF& bar : extra.chart()->points())
                counted += bar.y();
            QCOMPARE(int(counted), app::DotProductVarianceExtra::kSamples);
        }
    }

    void histogramFollowsTheLatestSlider()
    {
        // Moved twice while the first computation runs: the shown histogram is the last d's.
        app::DotProductVarianceExtra extra;
        extra.setDimension(1024);
        extra.setDimension(4);
        extra.waitForIdle();
        QCOMPARE(extra.shownDimension(), 4);
    }

    void memoryGrowsWithTheSquareOfTokens()
    {
        app::AttentionMemoryExtra extra;
        extra.setTokens(1024);
        extra.heads()->setValue(12);
        extra.layers()->setValue(1);
        // The lesson's numbers: 1024² × 12 × 4 bytes = 50,331,648 bytes = 48 MiB.
        QVERIFY2(extra.valueText()->text().contains(QStringLiteral("50,331,648")), qPrintable(extra.valueText()->text()));
        QVERIFY(extra.valueText()->text().contains(QStringLiteral("48 MiB")));
        extra.setTokens(2048);
        extra.layers()->setValue(12);
        QVERIFY(extra.valueText()->text().contains(QStringLiteral("2.25 GiB")));
        // The curve in GiB: at 8192 tokens, 8192² · 12 · 12 · 4 / 2³⁰ = 36 GiB.
        const QPointF last = extra.chart()->points().back();
        QCOMPARE(last.x(), 8192.0);
        QVERIFY(std::abs(last.y() - 36.0) < 1e-12);
    }

    void examComparisonFitsInPresentationMode()
    {
        // In the lesson pane at its narrowest, with the application font of presentation mode set before and
        // after the table is filled: every number and header is shown whole, without scroll bars.
        const auto lesson = app::builtInLesson(QStringLiteral("exam-softmax"));
        QVERIFY(lesson);
        const QFont normal = QApplication::font();
        QFont large = normal;
        large.setPointSizeF(16.0); // MainWindow's presentation font
        for (const bool largeFirst : {true, false}) {
            QApplication::setFont(largeFirst ? large : normal);
            app::LessonPanel panel;
            panel.setLesson(*lesson, QStringLiteral("en"));
            auto* extra = new app::ExamSoftmaxExtra(*lesson);
            panel.setExtra(extra);
            panel.resize(panel.minimumSizeHint().width(), 900);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            extra->toggle()->click();
            if (!largeFirst)
                QApplication::setFont(large);
            QTest::qWait(50);
            panel.resize(panel.minimumSizeHint().width(), 900);
            QCoreApplication::processEvents();
            QTableWidget* table = extra->table();
            QCOMPARE(table->font().pointSizeF(), 16.0);
            QVERIFY(!table->horizontalScrollBar()->isVisible() && !table->verticalScrollBar()->isVisible());
            const QFontMetrics metrics(table->font());
            const QRect viewport = table->viewport()->rect();
            for (int r = 0; r < table->rowCount(); ++r)
                for (int c = 0; c < table->columnCount(); ++c) {
                    const QRect cell = table->visualRect(table->model()->index(r, c));
                    QVERIFY2(viewport.contains(cell), qPrintable(QStringLiteral("cell %1, %2").arg(r).arg(c)));
                    QVERIFY(cell.width() > metrics.horizontalAdvance(table->item(r, c)->text()));
                }
            for (int c = 0; c < table->columnCount(); ++c)
                QVERIFY(table->columnWidth(c) > metrics.horizontalAdvance(table->horizontalHeaderItem(c)->text()));
            QVERIFY(table->verticalHeader()->width() > metrics.horizontalAdvance(QStringLiteral("y2[2]")));
            // The table lies inside the pane, under the toggle.
            const QRect inPanel(table->mapTo(&panel, QPoint(0, 0)), table->size());
            QVERIFY2(panel.rect().contains(inPanel), qPrintable(QStringLiteral("%1 × %2 in %3 × %4")
                .arg(inPanel.right()).arg(inPanel.bottom()).arg(panel.width()).arg(panel.height())));
            QVERIFY(inPanel.top() > extra->toggle()->mapTo(&panel, QPoint(0, 0)).y());
        }
        QApplication::setFont(normal);
    }

    void calculatorShowsTheExercise()
    {
        app::ShapeCalculatorExtra extra{model::TransformerShapeConfig{}};
        QVERIFY(extra.totals()->text().contains(QStringLiteral("46,645,248")));
        QVERIFY(extra.error()->isHidden());
        QTableWidget* table = extra.components();
        QVERIFY(table->rowCount() > 4);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("23,040,000")); // the token embedding, 30,000 × 768
        extra.biases()->setChecked(true);
        QVERIFY(!extra.totals()->text().contains(QStringLiteral("46,645,248")));
    }

    void calculatorRejectsInconsistentSizes()
    {
        app::ShapeCalculatorExtra extra{model::TransformerShapeConfig{}};
        extra.field(QStringLiteral("d_model"))->setValue(770);
        QVERIFY(!extra.error()->isHidden());
        QVERIFY2(extra.error()->text().contains(QStringLiteral("not divisible")), qPrintable(extra.error()->text()));
        QVERIFY(extra.components()->isHidden());
        extra.field(QStringLiteral("heads"))->setValue(10); // 770 = 10 · 77
        QVERIFY(extra.error()->isHidden());
        QVERIFY(extra.totals()->text().contains(QStringLiteral("d_k = 77")));
        extra.field(QStringLiteral("encoder_layers"))->setValue(0);
        extra.field(QStringLiteral("decoder_layers"))->setValue(0);
        QVERIFY(extra.error()->text().contains(QStringLiteral("no layer")));
    }
};

ATTNLAB_TEST_MAIN(TestLessonExtras)
} // namespace tst_lesson_extras
#include "tst_lesson_extras.moc"
