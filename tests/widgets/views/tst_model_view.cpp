// Tests widgets/views/model_view.cpp: every (layer, head) gets a small map whose pixels are the colour map of its
// weights, masked cells grey (also after a theme change), the selected head outlined, clicks emit
// layerHeadSelected, and 12 × 12 heads of a 256-token trace render quickly.
// With ATTNLAB_GALLERY=DIR set, gallery() writes the figures as PNGs into DIR for looking at them.

#include "widgets/drawing/figure_export.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_test_traces.h"
#include "widgets/views/model_view.h"
#include "test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace tst_model_view {

using namespace attnlab;
using namespace attnlab::test;
using widgets::ModelView;
using widgets::Theme;
using widgets::ViewStyle;

namespace {

const QSize kFigure(1000, 700);

widgets::ExportOptions figureOptions(QSize size = kFigure)
{
    widgets::ExportOptions options;
    options.size = size;
    return options;
}

// The centre of token cell (q, k) inside a small map drawn for a (T, S) weight matrix.
QPoint cellCentre(const QRectF& map, int q, int k, int rows, int cols)
{
    return QPointF(map.left() + (k + 0.5) * map.width() / cols, map.top() + (q + 0.5) * map.height() / rows)
        .toPoint();
}

} // namespace

class TestModelView : public QObject {
    Q_OBJECT
private slots:
    void mapsShowEveryHeadsWeights()
    {
        ModelView view;
        const auto trace = toyTrace(kEnglish, true, 3, 4);
        view.setTrace(trace);
        const QImage image = widgets::renderImage(view, figureOptions());
        QVERIFY(distinctColors(image) > 50);
        for (int layer = 0; layer < 3; ++layer) {
            for (int head = 0; head < 4; ++head) {
                const QRectF map = view.mapRect(layer, head, kFigure);
                QVERIFY(!map.isNull());
                const auto& h = trace->layers[size_t(layer)].heads[size_t(head)];
                const int rows = int(h.weights.rows());
                const int cols = int(h.weights.cols());
                for (int q = 0; q < rows; q += 3) {
                    for (int k = 0; k < cols; k += 2) {
                        const QColor actual = image.pixelColor(cellCentre(map, q, k, rows, cols));
                        const QColor expected =
                            h.allowed(q, k)
                                ? widgets::colorAt(widgets::ColorMapKind::Viridis, h.weights(q, k))
                                : view.viewStyle().masked();
                        QVERIFY2(colorDistance(actual, expected) <= 3,
                                 qPrintable(QStringLiteral("L%1 H%2 (%3, %4): %5 instead of %6")
                                                .arg(layer + 1)
                                                .arg(head + 1)
                                                .arg(q)
                                                .arg(k)
                                                .arg(actual.name(), expected.name())));
                    }
                }
            }
        }
        QVERIFY(view.mapRect(3, 0, kFigure).isNull());
        QVERIFY(view.mapRect(0, 4, kFigure).isNull());
    }

    void themeChangeRebuildsTheMaps()
    {
        ModelView view;
        const auto trace = toyTrace(kEnglish, true, 2, 2);
        view.setTrace(trace);
        const QRectF map = view.mapRect(0, 0, kFigure);
        const int n = int(trace->tokens.size());
        const QPoint masked = cellCentre(map, 0, n - 1, n, n);
        QCOMPARE(widgets::renderImage(view, figureOptions()).pixelColor(masked), ViewStyle().masked());
        ViewStyle dark;
        dark.theme = Theme::Dark;
        view.setStyle(dark);
        QCOMPARE(widgets::renderImage(view, figureOptions()).pixelColor(masked), dark.masked());
        ViewStyle magma;
        magma.weightMap = widgets::ColorMapKind::Magma;
        view.setStyle(magma);
        const QColor first =
            widgets::renderImage(view, figureOptions()).pixelColor(cellCentre(map, 0, 0, n, n));
        QVERIFY(colorDistance(first, widgets::colorAt(widgets::ColorMapKind::Magma,
                                                      trace->layers[0].heads[0].weights(0, 0))) <= 3);
    }

    void selectedHeadIsOutlined_data()
    {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("head");
        QTest::newRow("L1 H1") << 0 << 0;
        QTest::newRow("L2 H3") << 1 << 2;
        QTest::newRow("L3 average") << 2 << int(model::AverageHeads);
    }
    void selectedHeadIsOutlined()
    {
        QFETCH(int, layer);
        QFETCH(int, head);
        ModelView view;
        view.setTrace(toyTrace(kJapanese, false, 3, 4));
        model::TraceSelection s;
        s.layer = layer;
        s.head = head;
        view.setSelection(s);
        const QImage image = widgets::renderImage(view, figureOptions());
        const QColor accent = widgets::heatmapAccent(view.viewStyle());
        const auto outlined = [&](int l, int h) {
            const QRectF map = view.mapRect(l, h, kFigure);
            // The outline's stroke is centred 2.5 units outside the map.
            return colorDistance(image.pixelColor(QPointF(map.center().x(), map.top() - 2.5).toPoint()),
                                 accent) < 40;
        };
        for (int l = 0; l < 3; ++l)
            for (int h = 0; h < 4; ++h)
                QCOMPARE(outlined(l, h), l == layer && (head < 0 || h == head));
    }

    void clickEmitsLayerHead_data()
    {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("head");
        QTest::newRow("L1 H1") << 0 << 0;
        QTest::newRow("L2 H4") << 1 << 3;
        QTest::newRow("L3 H2") << 2 << 1;
    }
    void clickEmitsLayerHead()
    {
        QFETCH(int, layer);
        QFETCH(int, head);
        ModelView view;
        view.setTrace(toyTrace(kPersian, false, 3, 4));
        view.resize(900, 650);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &ModelView::layerHeadSelected);
        QTest::mouseClick(&view, Qt::LeftButton, {},
                          view.mapRect(layer, head, QSizeF(view.size())).center().toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), layer);
        QCOMPARE(spy.at(0).at(1).toInt(), head);
    }

    void clickOutsideTheMapsEmitsNothing()
    {
        ModelView view;
        view.setTrace(toyTrace(kPersian, false, 3, 4));
        view.resize(900, 650);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &ModelView::layerHeadSelected);
        const QRectF a = view.mapRect(0, 0, QSizeF(view.size()));
        const QRectF b = view.mapRect(0, 1, QSizeF(view.size()));
        QTest::mouseClick(&view, Qt::LeftButton, {},
                          QPointF((a.right() + b.left()) / 2, a.center().y()).toPoint());
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(spy.count(), 0);
    }

    void manyHeadsOfALongTraceRenderQuickly()
    {
        ModelView view;
        const auto trace = toyTrace(wordSentence(256), true, 12, 12, 48);
        QElapsedTimer timer;
        timer.start();
        view.setTrace(trace);
        const QImage first = widgets::renderImage(view, figureOptions(QSize(1400, 1100)));
        const qint64 firstMs = timer.restart();
        for (int i = 0; i < 5; ++i)
            widgets::renderImage(view, figureOptions(QSize(1400, 1100)));
        const qint64 repaintMs = timer.elapsed() / 5;
        qInfo("12 x 12 heads of 256 tokens: first paint %lld ms, repaint %lld ms", firstMs, repaintMs);
        QVERIFY(!first.isNull());
        QVERIFY2(firstMs < 3000, qPrintable(QString::number(firstMs)));
        QVERIFY2(repaintMs < 400, qPrintable(QString::number(repaintMs)));
        QVERIFY(!view.mapRect(11, 11, QSizeF(1400, 1100)).isNull());
    }

    void emptyViewRenders()
    {
        ModelView view;
        QVERIFY(!widgets::renderImage(view, figureOptions(QSize(400, 300))).isNull());
        QVERIFY(view.mapRect(0, 0, QSizeF(400, 300)).isNull());
        QCOMPARE(view.mapAt(QPointF(200, 150), QSizeF(400, 300)), std::make_pair(-1, -1));
    }

    void gallery()
    {
        const QString dir = qEnvironmentVariable("ATTNLAB_GALLERY");
        if (dir.isEmpty()) QSKIP("set ATTNLAB_GALLERY=DIR to write the figures for looking at them");
        QDir().mkpath(dir);
        ModelView view;
        view.setTrace(toyTrace(kEnglish, true, 3, 4));
        model::TraceSelection s;
        s.layer = 1;
        s.head = 2;
        view.setSelection(s);
        QVERIFY(widgets::exportFigure(view, dir + QStringLiteral("/model-3x4.png"), figureOptions()).ok());
        ViewStyle dark;
        dark.theme = Theme::Dark;
        dark.presentation = true;
        view.setStyle(dark);
        QVERIFY(widgets::exportFigure(view, dir + QStringLiteral("/model-3x4-dark-presentation.png"),
                                      figureOptions())
                    .ok());
        view.setStyle(ViewStyle());
        view.setTrace(toyTrace(wordSentence(256), true, 12, 12, 48));
        QVERIFY(widgets::exportFigure(view, dir + QStringLiteral("/model-12x12-256.png"),
                                      figureOptions(QSize(1400, 1100)))
                    .ok());
    }
};

ATTNLAB_TEST_MAIN(TestModelView)
} // namespace tst_model_view
#include "tst_model_view.moc"
