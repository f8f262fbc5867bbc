// Tests widgets/training/training_chart.cpp: the points it is given are the points it draws (step 0 at 1, where the
// logarithmic step axis starts), fixed and fitted value ranges, the highlighted series drawn thicker, the marker,
// and line colours that stay apart.

#include "widgets/training/training_chart.h"
#include "test_registry.h"

#include <qcustomplot.h>

#include <QTest>

namespace tst_training_chart {

using namespace attnlab::widgets;

class TestTrainingChart : public QObject {
    Q_OBJECT

private slots:
    void pointsAndLogarithmicSteps()
    {
        TrainingChart chart(QStringLiteral("Loss"), QStringLiteral("cross-entropy"));
        const int train = chart.addSeries(QStringLiteral("train"), Qt::blue);
        const int heldOut = chart.addSeries(QStringLiteral("held out"), Qt::red, true);
        QCOMPARE(chart.seriesCount(), 2);
        chart.addPoint(train, 0, 2.5);
        chart.addPoint(train, 10, 1.0);
        chart.addPoint(heldOut, 10, 1.2);
        chart.addPoint(heldOut, 20, std::nan("")); // not finite: not drawn
        QCOMPARE(chart.points(train), (QList<QPointF>{{0, 2.5}, {10, 1.0}}));
        QCOMPARE(chart.points(heldOut).size(), 1);
        QCPGraph* g = chart.plot()->graph(train);
        QCOMPARE(g->dataCount(), 2);
        QCOMPARE(g->data()->at(0)->key, 1.0); // step 0 at the axis' start
        QCOMPARE(chart.plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(g->pen().style(), Qt::SolidLine);
        QCOMPARE(chart.plot()->graph(heldOut)->pen().style(), Qt::DashLine);
        chart.setStepRange(600);
        chart.refresh();
        QCOMPARE(chart.plot()->xAxis->range().upper, 600.0);
    }

    void ranges()
    {
        TrainingChart chart(QStringLiteral("Accuracy"), QStringLiteral("accuracy"));
        const int s = chart.addSeries(QStringLiteral("a"), Qt::blue);
        chart.addPoint(s, 1, 0.2);
        chart.addPoint(s, 2, 0.6);
        chart.refresh();
        // Fitted: the data with a margin of 6% of its span on each side.
        QVERIFY(std::abs(chart.plot()->yAxis->range().lower - (0.2 - 0.024)) < 1e-9);
        QVERIFY(std::abs(chart.plot()->yAxis->range().upper - (0.6 + 0.024)) < 1e-9);
        chart.setValueRange(0, 1);
        QCOMPARE(chart.plot()->yAxis->range().lower, 0.0);
        QCOMPARE(chart.plot()->yAxis->range().upper, 1.0);
    }

    void highlightMarkerAndTitle()
    {
        TrainingChart chart(QStringLiteral("Head scores"), QStringLiteral("score"));
        const int a = chart.addSeries(QStringLiteral("L1 H1"), Qt::blue, false, false);
        const int b = chart.addSeries(QStringLiteral("L1 H2"), Qt::red, false, false);
        QVERIFY(!chart.plot()->legend->visible()); // no series is named in a legend
        chart.setHighlighted(b, true);
        QVERIFY(chart.plot()->graph(b)->pen().widthF() > 1.5 * chart.plot()->graph(a)->pen().widthF());
        chart.setTitle(QStringLiteral("Induction: highest L1 H2, 0.91"));
        QCOMPARE(chart.title(), QStringLiteral("Induction: highest L1 H2, 0.91"));
        chart.setMarker(300);
        chart.clearSeries();
        QCOMPARE(chart.seriesCount(), 0);
        QCOMPARE(chart.plot()->graphCount(), 0);
    }

    void coloursStayApart()
    {
        for (Theme theme : {Theme::Light, Theme::Dark})
            for (int i = 0; i < 10; ++i)
                for (int j = i + 1; j < 10; ++j)
                    QVERIFY(seriesColor(i, theme) != seriesColor(j, theme));
        QVERIFY(seriesColor(12, Theme::Light) != seriesColor(2, Theme::Light));
    }
};

ATTNLAB_TEST_MAIN(TestTrainingChart)
} // namespace tst_training_chart
#include "tst_training_chart.moc"
