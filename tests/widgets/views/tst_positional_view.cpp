// Tests widgets/views/positional_view.cpp (with positional_figure.cpp): the drawn waves follow the closed form,
// the panels follow the trace's width and length, and the figure exports as PNG, SVG and PDF.

#include "widgets/drawing/figure_export.h"
#include "widgets/views/positional_view.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>

namespace tst_positional_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

std::shared_ptr<const model::Trace> toyTrace(const QString& text)
{
    auto trace = model::ToyModel(model::ToyConfig{}).run(text);
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

int inkPixels(const QImage& image, const QColor& background)
{
    int count = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            count += image.pixelColor(x, y) != background ? 1 : 0;
    return count;
}

} // namespace

class TestPositionalView : public QObject {
    Q_OBJECT
private slots:
    void defaultsWithoutATrace()
    {
        PositionalView view;
        QCOMPARE(view.viewName(), QStringLiteral("pe"));
        QCOMPARE(view.encodingWidth(), 64);
        QCOMPARE(view.positionCount(), 50);
        QCOMPARE(view.dimensions(), (QList<int>{0, 1, 4, 5, 32, 33}));
    }

    void followsTheTrace()
    {
        PositionalView view;
        view.setTrace(toyTrace(QStringLiteral("the cat sat on the mat")));
        QCOMPARE(view.encodingWidth(), model::ToyConfig{}.dModel);
        QCOMPARE(view.positionCount(), 50);
        // d = 32: the two fast pairs and the pair at d/2 = 16.
        QCOMPARE(view.dimensions(), (QList<int>{0, 1, 4, 5, 16, 17}));
        // Dimensions beyond d = 32 are dropped, duplicates once.
        view.setDimensions({2, 3, 3, 31, 32, 200});
        QCOMPARE(view.dimensions(), (QList<int>{2, 3, 31}));
        QCOMPARE(view.wavePlot()->graphCount(), 6); // per dimension its faint curve and its dots

        QString longText;
        for (int i = 0; i < 70; ++i)
            longText += QStringLiteral("w%1 ").arg(i);
        view.setTrace(toyTrace(longText));
        QCOMPARE(view.positionCount(), 70);
    }

    void dimensionZeroIsSinOfPosition_data()
    {
        QTest::addColumn<QSize>("figure");
        QTest::newRow("default") << QSize(1400, 900);
        QTest::newRow("small") << QSize(640, 420);
        QTest::newRow("wide") << QSize(2000, 700);
    }

    void dimensionZeroIsSinOfPosition()
    {
        QFETCH(QSize, figure);
        PositionalView view;
        view.setTrace(toyTrace(QStringLiteral("a b c d")));
        const PlotAxes axes = view.waveAxes(QSizeF(figure));
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(figure)).contains(axes.area));
        QCOMPARE(axes.xMin, 0.0);
        QCOMPARE(axes.xMax, double(view.positionCount() - 1));
        for (int p = 0; p < view.positionCount(); ++p) {
            const QPointF point = view.curvePoint(0, p, QSizeF(figure));
            // Back through the panel's axes: x is the position, y is sin(p) (dimension 0: sin(p / 10000^0)).
            const double position = axes.xMin + (point.x() - axes.area.left()) / axes.area.width() * (axes.xMax - axes.xMin);
            const double value = axes.yMin + (axes.area.bottom() - point.y()) / axes.area.height() * (axes.yMax - axes.yMin);
            QVERIFY2(std::abs(position - p) < 1e-9, qPrintable(QString::number(position)));
            QVERIFY2(std::abs(value - std::sin(double(p))) < 1e-9, qPrintable(QStringLiteral("p=%1: %2").arg(p).arg(value)));
            QVERIFY(axes.area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(point));
        }
        // Dimension 1 is the cosine of the same frequency.
        const QPointF cos3 = view.curvePoint(1, 3, QSizeF(figure));
        QVERIFY(std::abs(cos3.y() - axes.map(3, std::cos(3.0)).y()) < 1e-9);
        QVERIFY(view.curvePoint(2, 3, QSizeF(figure)).isNull()); // not drawn
    }

    // A checkpoint with RoPE: the waves are the cos and sin of p·θ_i with its θ_i. Llama 3.2's RoPE on heads of 16
    // features: pair 2 (λ = 2π·500000^¼ ≈ 167, below 8192/4) keeps θ_2 = 500000^−¼; pair 4 (λ = 2π·500000^½
    // ≈ 4443, between 8192/4 and 8192) is smoothed: s = (8192/λ − 1)/(4 − 1), θ = (1 − s)·θ_4/32 + s·θ_4.
    void followsTheCheckpointsRope()
    {
        auto trace = std::make_shared<model::Trace>(*toyTrace(QStringLiteral("a b c d")));
        trace->rope.dims = 16;
        trace->rope.base = 500000.0;
        trace->rope.scaling = {model::RopeScaling::Type::Llama3, 32.0, 1.0, 4.0, 8192.0};
        PositionalView view;
        view.setTrace(trace);
        QCOMPARE(view.encodingWidth(), 16);
        QCOMPARE(view.dimensions(), (QList<int>{0, 1, 4, 5, 8, 9}));
        const double theta2 = std::pow(500000.0, -0.25);
        const double theta4 = std::pow(500000.0, -0.5);
        const double smooth = (8192.0 / (2 * M_PI / theta4) - 1.0) / 3.0;
        const double scaled4 = (1.0 - smooth) * theta4 / 32.0 + smooth * theta4;
        const QSizeF figure(1400, 900);
        const PlotAxes axes = view.waveAxes(figure);
        for (int p : {1, 7, 30, 49}) {
            QVERIFY(std::abs(view.curvePoint(4, p, figure).y() - axes.map(p, std::sin(p * theta2)).y()) < 1e-6);
            QVERIFY(std::abs(view.curvePoint(9, p, figure).y() - axes.map(p, std::cos(p * scaled4)).y()) < 1e-6);
        }
        // The unscaled pair 4 would be elsewhere by now.
        QVERIFY(std::abs(view.curvePoint(8, 49, figure).y() - axes.map(49, std::sin(49 * theta4)).y()) > 1.0);
    }

    void screenPlotMatchesTheFigure()
    {
        PositionalView view;
        view.setTrace(toyTrace(QStringLiteral("the cat sat on the mat")));
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QCustomPlot* plot = view.wavePlot();
        QCOMPARE(plot->graphCount(), 2 * view.dimensions().size());
        // Dimension 0 (θ = 1): its continuous curve, 8 samples per position, faint and in the legend; then its
        // dots at the integer positions, without a line. The curve passes through the dots and between them
        // follows sin p: at p = 2.5 it is sin 2.5, which no straight line from sin 2 to sin 3 gives.
        const QCPGraph* curve = plot->graph(0);
        const QCPGraph* dots = plot->graph(1);
        QCOMPARE(curve->data()->size(), (view.positionCount() - 1) * kWaveSamplesPerPosition + 1);
        QCOMPARE(curve->data()->at(2 * kWaveSamplesPerPosition)->value, std::sin(2.0));
        QVERIFY(std::abs(curve->data()->at(2 * kWaveSamplesPerPosition + 4)->value - std::sin(2.5)) < 1e-12);
        QVERIFY(std::abs(std::sin(2.5) - (std::sin(2.0) + std::sin(3.0)) / 2) > 0.05);
        QVERIFY(curve->pen().color().alphaF() < 0.5);
        QCOMPARE(dots->lineStyle(), QCPGraph::lsNone);
        QCOMPARE(dots->data()->size(), view.positionCount());
        QCOMPARE(dots->data()->at(2)->value, std::sin(2.0));
        QCOMPARE(plot->legend->itemCount(), view.dimensions().size());
        // The on-screen axis rectangle sits where the export draws the axes.
        const QRectF area = view.waveAxes(QSizeF(1400, 900)).area;
        const QRect screenArea = plot->axisRect()->rect().translated(plot->geometry().topLeft());
        QVERIFY2(std::abs(screenArea.left() - area.left()) <= 2 && std::abs(screenArea.right() - area.right()) <= 2,
                 qPrintable(QStringLiteral("%1–%2 vs %3–%4").arg(screenArea.left()).arg(screenArea.right())
                                .arg(area.left()).arg(area.right())));
    }

    void exports()
    {
        PositionalView view;
        view.setTrace(toyTrace(QStringLiteral("得意 な スポーツ は ？ سلام دنیا")));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString path = dir.filePath(QStringLiteral("pe.") + suffix);
            const auto result = exportFigure(view, path);
            QVERIFY2(result.ok(), qPrintable(result.error()));
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        QFile svg(dir.filePath(QStringLiteral("pe.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("Sinusoidal encoding"));  // text stays text
        QVERIFY(text.contains("<polyline") || text.contains("<path")); // the waves stay vector
        const QImage image = renderImage(view);
        QVERIFY(inkPixels(image, view.viewStyle().background()) > 5000);

        // Looking at the figures: ATTNLAB_RENDER_DIR=/tmp/x keeps them in three styles, and the screen.
        const QString renderDir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (!renderDir.isEmpty()) {
            view.setTrace(toyTrace(QStringLiteral("the quick brown fox jumps over the lazy dog")));
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/pe-light.png")).ok());
            ViewStyle dark;
            dark.theme = Theme::Dark;
            view.setStyle(dark);
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/pe-dark.png")).ok());
            ViewStyle presentation;
            presentation.presentation = true;
            view.setStyle(presentation);
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/pe-presentation.png")).ok());
            view.setStyle({});
            view.resize(1400, 900);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVERIFY(view.grab().save(renderDir + QStringLiteral("/pe-screen.png")));
        }
    }
};

ATTNLAB_TEST_MAIN(TestPositionalView)
} // namespace tst_positional_view
#include "tst_positional_view.moc"
