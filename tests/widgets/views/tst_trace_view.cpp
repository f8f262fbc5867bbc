// Tests widgets/views/trace_view.cpp's answers-hidden state (FigureParts::answers, a lesson's question) in each
// family of views: a figure painted without its answers keeps its layout and labels but carries no weight
// numbers (its SVG text) and no colours of the weight map or the heads (its pixels), while the same figure with
// its answers carries both, so that each check can fail. The exam matrices give weights 9/26 and 2/13 (exact
// display), whose text is easy to look for.

#include "widgets/drawing/figure_export.h"
#include "widgets/views/arc_view.h"
#include "widgets/views/head_grid_figure.h"
#include "widgets/views/head_view.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_test_traces.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/model_view.h"
#include "widgets/views/step_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QBuffer>
#include <QPainter>
#include <QSvgGenerator>
#include <QTest>

namespace tst_trace_view {

using namespace attnlab;
using namespace attnlab::test;
using widgets::FigureParts;
using widgets::ViewStyle;

namespace {

const QSize kSize(1000, 700);

ViewStyle exactStyle()
{
    ViewStyle style;
    style.exact = true; // 9/26, not 0.35
    return style;
}

// view with the exam trace, query 2 (row 1) selected, one head.
void showExam(widgets::TraceView& view)
{
    view.setStyle(exactStyle());
    view.setTrace(examTrace());
    model::TraceSelection s;
    s.query = 1;
    view.setSelection(s);
    view.resize(kSize);
}

QString svgOf(const widgets::TraceView& view, bool answers)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(kSize);
    svg.setViewBox(QRect(QPoint(0, 0), kSize));
    QPainter painter(&svg);
    view.paintFigureWith(painter, QSizeF(kSize), FigureParts{true, false, answers});
    painter.end();
    return QString::fromUtf8(buffer.data());
}

QImage imageOf(const widgets::TraceView& view, bool answers)
{
    QImage image(kSize, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view.paintFigureWith(painter, QSizeF(kSize), FigureParts{true, false, answers});
    painter.end();
    return image;
}

// Pixels (every other row and column) at or below y whose colour is within 4 of one of colors and not grey: the
// colour map's colours or a head's, never the neutral colour or the text.
int pixelsOf(const QImage& image, const QList<QColor>& colors, int fromY = 0)
{
    int count = 0;
    for (int y = std::max(0, fromY); y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (isGreyish(c, 20)) continue;
            for (const QColor& m : colors)
                if (colorDistance(c, m) <= 4) {
                    ++count;
                    break;
                }
        }
    return count;
}

// Pixels at or below y that are coloured at all (a channel 30 apart from another): the heads' lines, blended.
int colouredPixels(const QImage& image, int fromY)
{
    int count = 0;
    for (int y = std::max(0, fromY); y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            count += !isGreyish(image.pixelColor(x, y), 30);
    return count;
}

QList<QColor> mapColors(const ViewStyle& style)
{
    QList<QColor> colors;
    const QList<QRgb> table = widgets::colorTable(style);
    for (int i = 0; i < table.size(); i += 4)
        colors << QColor(table[i]);
    return colors;
}

} // namespace

class TestTraceView : public QObject {
    Q_OBJECT
private slots:
    void heatmapHidesCellsNumbersAndBar()
    {
        widgets::HeatmapView view;
        showExam(view);
        QVERIFY(!view.answersHidden());
        view.setAnswersHidden(true);
        QVERIFY(view.answersHidden());
        const QString hidden = svgOf(view, false), shown = svgOf(view, true);
        QVERIFY(shown.contains(QStringLiteral("9/26")));
        QVERIFY(!hidden.contains(QStringLiteral("9/26")));
        QVERIFY(!hidden.contains(QStringLiteral("2/13")));
        QVERIFY(hidden.contains(QStringLiteral("query"))); // the labels stay
        const QImage without = imageOf(view, false), with = imageOf(view, true);
        // Every cell the one neutral colour.
        for (int q = 0; q < 4; ++q)
            for (int k = 0; k < 4; ++k)
                QCOMPARE(without.pixelColor(view.cellRect(q, k, QSizeF(kSize)).center().toPoint()),
                         exactStyle().hiddenAnswer());
        QVERIFY(with.pixelColor(view.cellRect(1, 0, QSizeF(kSize)).center().toPoint()) != exactStyle().hiddenAnswer());
        // No colour of the map anywhere, the colour bar included.
        QCOMPARE(pixelsOf(without, mapColors(exactStyle())), 0);
        QVERIFY(pixelsOf(with, mapColors(exactStyle())) > 500);
        // The exported figure of a view hidden on screen stays hidden.
        widgets::ExportOptions options;
        options.size = kSize;
        QCOMPARE(pixelsOf(widgets::renderImage(view, options), mapColors(exactStyle())), 0);
    }

    void arcsAreNeutralAndUnlabelled()
    {
        widgets::ArcView view;
        showExam(view);
        const QString hidden = svgOf(view, false), shown = svgOf(view, true);
        QVERIFY(shown.contains(QLatin1Char('%')));
        QVERIFY(!hidden.contains(QLatin1Char('%')));
        const int below = int(view.headerRect(QSizeF(kSize)).bottom()) + 2;
        QCOMPARE(colouredPixels(imageOf(view, false), below), 0);
        QVERIFY(colouredPixels(imageOf(view, true), below) > 50);
    }

    void headViewLinesAreNeutral()
    {
        widgets::HeadView view;
        showExam(view);
        const int below = int(view.tokenRect(0, true, QSizeF(kSize)).top());
        QCOMPARE(colouredPixels(imageOf(view, false), below), 0);
        QVERIFY(colouredPixels(imageOf(view, true), below) > 50);
        // The hidden lines are drawn: the neutral colour between the columns.
        const QImage without = imageOf(view, false);
        int neutral = 0;
        for (int y = below; y < kSize.height(); ++y)
            for (int x = 0; x < kSize.width(); ++x)
                neutral += colorDistance(without.pixelColor(x, y), exactStyle().hiddenAnswer()) <= 2;
        QVERIFY(neutral > 100);
    }

    void modelViewMapsAreNeutral()
    {
        widgets::ModelView view;
        view.setTrace(toyTrace(kEnglish, true, 2, 2));
        view.resize(kSize);
        const QImage without = imageOf(view, false), with = imageOf(view, true);
        for (int layer = 0; layer < 2; ++layer)
            for (int head = 0; head < 2; ++head)
                QCOMPARE(without.pixelColor(view.mapRect(layer, head, QSizeF(kSize)).center().toPoint()),
                         ViewStyle().hiddenAnswer());
        QCOMPARE(pixelsOf(without, mapColors(ViewStyle())), 0);
        QVERIFY(pixelsOf(with, mapColors(ViewStyle())) > 500);
        const QString hidden = svgOf(view, false);
        QVERIFY(hidden.contains(QStringLiteral("H2"))); // the labels stay
        QVERIFY(!hidden.contains(QStringLiteral(">0.5<")) && !hidden.contains(QStringLiteral(">1<"))); // no ticks
    }

    void headGridHidesValuesAndList()
    {
        // The figure of the head-roles, head-effects and patching grids.
        widgets::HeadGridData data;
        data.values = model::Matrix(2, 2);
        data.values << 0.10, 0.35, 0.65, 0.90;
        data.title = QStringLiteral("Scores");
        data.listTitle = QStringLiteral("highest");
        data.scaleTitle = QStringLiteral("score");
        const auto render = [&data](bool answers, QImage* image, QString* svgText) {
            widgets::HeadGridData d = data;
            d.answers = answers;
            *image = QImage(kSize, QImage::Format_ARGB32);
            QPainter p(image);
            widgets::paintHeadGrid(p, QSizeF(kSize), d, ViewStyle());
            p.end();
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(kSize);
            QPainter sp(&svg);
            widgets::paintHeadGrid(sp, QSizeF(kSize), d, ViewStyle());
            sp.end();
            *svgText = QString::fromUtf8(buffer.data());
        };
        QImage without, with;
        QString hidden, shown;
        render(false, &without, &hidden);
        render(true, &with, &shown);
        QVERIFY(shown.contains(QStringLiteral("0.90")));
        QVERIFY(!hidden.contains(QStringLiteral("0.90")));
        QVERIFY(!hidden.contains(QStringLiteral("0.35")));
        QVERIFY(!hidden.contains(QStringLiteral("L2 H2"))); // the sorted list is the answer
        QVERIFY(hidden.contains(QStringLiteral("H2")));    // the grid's labels stay
        const widgets::HeadGridLayout l = widgets::headGridLayout(QSizeF(kSize), data, ViewStyle());
        QCOMPARE(without.pixelColor(widgets::headGridCellRect(l, 1, 1).center().toPoint()), ViewStyle().hiddenAnswer());
        QCOMPARE(pixelsOf(without, mapColors(ViewStyle())), 0);
        QVERIFY(pixelsOf(with, mapColors(ViewStyle())) > 500);
    }

    void stepViewHidesEveryStage()
    {
        auto view = std::make_unique<widgets::StepView>();
        showExam(*view);
        view->setStep(3); // the softmax: 9/26 in the weights
        QVERIFY(view->drawsHiddenAnswers());
        const QString hidden = svgOf(*view, false), shown = svgOf(*view, true);
        QVERIFY(shown.contains(QStringLiteral("9/26")));
        QVERIFY(!hidden.contains(QStringLiteral("9/26")));
        QVERIFY(!hidden.contains(QStringLiteral("2/13")));
        QVERIFY(!hidden.contains(QStringLiteral("1/2<"))); // the scaled scores
        QVERIFY(hidden.contains(QStringLiteral("Step"))); // the headline stays
        QCOMPARE(pixelsOf(imageOf(*view, false), mapColors(exactStyle())), 0);
    }

    void otherViewsAreVeiledOnce()
    {
        // The views without a figure of their own for hidden answers: TraceView veils them (export and screen).
        std::unique_ptr<widgets::TraceView> view = widgets::createView(QStringLiteral("qk"));
        showExam(*view);
        QVERIFY(!view->drawsHiddenAnswers());
        QVERIFY(svgOf(*view, false).contains(QStringLiteral("Answer hidden")));
        QVERIFY(!svgOf(*view, true).contains(QStringLiteral("Answer hidden")));
        const QImage without = imageOf(*view, false);
        QCOMPARE(without.pixelColor(kSize.width() / 2, kSize.height() * 3 / 4), exactStyle().hiddenAnswer());
        // On screen: a veil on top of the view's children, shown only while hidden.
        view->setAnswersHidden(true);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        const QImage screen = view->grab().toImage();
        QCOMPARE(screen.pixelColor(kSize.width() / 2, kSize.height() * 3 / 4), exactStyle().hiddenAnswer());
        view->setAnswersHidden(false);
        QCoreApplication::processEvents();
        QVERIFY(view->grab().toImage().pixelColor(kSize.width() / 2, kSize.height() * 3 / 4) !=
                exactStyle().hiddenAnswer());
    }
};

ATTNLAB_TEST_MAIN(TestTraceView)
} // namespace tst_trace_view
#include "tst_trace_view.moc"
