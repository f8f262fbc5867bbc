// Tests widgets/views/residual_view.cpp (with residual_figure.cpp): the bars and the line hold the norms of the
// trace's rows, a click on a bar asks for its layer, matrix mode shows its message, and export works.

#include "widgets/drawing/figure_export.h"
#include "model/exact/matrix_problem.h"
#include "widgets/views/residual_view.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_residual_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

std::shared_ptr<const model::Trace> toyTrace(model::ToyConfig config = {})
{
    auto trace = model::ToyModel(config).run(QStringLiteral("the cat sat on the warm mat"));
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

std::shared_ptr<const model::Trace> matrixTrace()
{
    model::MatrixProblem problem;
    problem.q = model::Matrix{{1, 0}, {0, 1}};
    problem.k = problem.q;
    problem.v = problem.q;
    auto trace = model::runMatrixProblem(problem);
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

class TestResidualView : public QObject {
    Q_OBJECT
private slots:
    void barsHoldTheTracesNorms_data()
    {
        QTest::addColumn<int>("query");
        QTest::addColumn<int>("expectedToken");
        QTest::newRow("default is the last token") << -1 << 6;
        QTest::newRow("selected") << 2 << 2;
    }

    void barsHoldTheTracesNorms()
    {
        QFETCH(int, query);
        QFETCH(int, expectedToken);
        const auto trace = toyTrace();
        ResidualView view;
        QCOMPARE(view.viewName(), QStringLiteral("residual"));
        view.setTrace(trace);
        model::TraceSelection selection;
        selection.query = query;
        view.setSelection(selection);
        QCOMPARE(view.shownToken(), expectedToken);
        QVERIFY(view.message().isEmpty());

        const int t = expectedToken;
        QCOMPARE(view.streamNorms().size(), int(trace->layers.size()) + 1);
        QVERIFY(std::abs(view.streamNorms()[0] - trace->layers[0].residual.input.row(t).norm()) < 1e-9);
        for (size_t l = 0; l < trace->layers.size(); ++l) {
            const model::LayerTrace& layer = trace->layers[l];
            const QList<double> bars = view.barValues(int(l));
            QCOMPARE(bars.size(), int(layer.heads.size()) + 1);
            double sum = 0.0, expectedSum = 0.0;
            for (size_t h = 0; h < layer.heads.size(); ++h) {
                const double expected = layer.heads[h].contribution.row(t).norm();
                QVERIFY(std::abs(bars[int(h)] - expected) < 1e-9);
                expectedSum += expected;
            }
            QVERIFY(std::abs(bars.last() - layer.residual.mlpOutput.row(t).norm()) < 1e-9);
            expectedSum += layer.residual.mlpOutput.row(t).norm();
            for (const double v : bars)
                sum += v;
            QVERIFY(std::abs(sum - expectedSum) < 1e-9);
            QVERIFY(std::abs(view.streamNorms()[int(l) + 1] - layer.residual.output.row(t).norm()) < 1e-9);
        }
        QVERIFY(view.barValues(int(trace->layers.size())).isEmpty());
    }

    // A checkpoint's trace keeps W_O instead of each head's contribution (model/trace/trace.h): with the toy
    // trace's contributions replaced by a W_O of our own, the bars are the norms of output_h · W_O^h.
    void derivedContributionsGiveTheBars()
    {
        auto trace = std::make_shared<model::Trace>(*toyTrace());
        for (model::LayerTrace& layer : trace->layers) {
            const Eigen::Index dv = layer.heads.front().output.cols(), d = layer.attentionOutput.cols();
            model::Matrix wo(Eigen::Index(layer.heads.size()) * dv, d);
            for (Eigen::Index r = 0; r < wo.rows(); ++r)
                for (Eigen::Index c = 0; c < d; ++c)
                    wo(r, c) = double((r * 7 + c * 3) % 11) / 10.0 - 0.5;
            layer.outputProjection = wo;
            for (model::HeadTrace& head : layer.heads)
                head.contribution = model::TraceMatrix();
        }
        ResidualView view;
        view.setTrace(trace);
        model::TraceSelection selection;
        selection.query = 3;
        view.setSelection(selection);
        for (size_t l = 0; l < trace->layers.size(); ++l) {
            const model::LayerTrace& layer = trace->layers[l];
            const model::Matrix wo = layer.outputProjection.toDouble();
            const QList<double> bars = view.barValues(int(l));
            for (size_t h = 0; h < layer.heads.size(); ++h) {
                const Eigen::Index dv = layer.heads[h].output.cols();
                const double expected = (layer.heads[h].output.row(3) * wo.middleRows(Eigen::Index(h) * dv, dv)).norm();
                QVERIFY(expected > 0.0);
                QVERIFY(std::abs(bars[int(h)] - expected) < 1e-9);
            }
        }
    }

    void clickingABarSelectsItsLayer()
    {
        ResidualView view;
        view.setTrace(toyTrace());
        view.resize(1100, 760);
        QSignalSpy spy(&view, &TraceView::layerHeadSelected);
        const ResidualLayout layout = residualLayout(QSizeF(1100, 760), residualData(view.trace(), view.selection()),
                                                     view.viewStyle());
        const QPoint onLayer2 = residualBarRect(layout, residualData(view.trace(), view.selection()), 1)
                                    .center().toPoint();
        QCOMPARE(view.layerAt(onLayer2, QSizeF(1100, 760)), 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, onLayer2);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.last().at(0).toInt(), 1);
        QCOMPARE(spy.last().at(1).toInt(), int(model::AverageHeads));
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3)); // the margin: nothing
        QCOMPARE(spy.count(), 1);
    }

    void matrixModeShowsTheMessage()
    {
        ResidualView view;
        view.setTrace(matrixTrace());
        QCOMPARE(view.message(),
                 QStringLiteral("This trace has no residual stream (matrix mode computes one attention layer)"));
        QVERIFY(view.barValues(0).isEmpty());
        QCOMPARE(view.shownToken(), -1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("residual.svg"));
        QVERIFY(exportFigure(view, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(QStringLiteral("no residual stream")));
        const QImage image = renderImage(view);
        QVERIFY(inkPixels(image, view.viewStyle().background()) > 50);
    }

    void exports()
    {
        ResidualView view;
        model::ToyConfig config;
        config.layers = 4;
        config.heads = 4;
        view.setTrace(toyTrace(config));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString path = dir.filePath(QStringLiteral("residual.") + suffix);
            const auto result = exportFigure(view, path);
            QVERIFY2(result.ok(), qPrintable(result.error()));
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        QVERIFY(inkPixels(renderImage(view), view.viewStyle().background()) > 3000);

        const QString renderDir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (!renderDir.isEmpty()) {
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/residual-light.png")).ok());
            ViewStyle dark;
            dark.theme = Theme::Dark;
            view.setStyle(dark);
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/residual-dark.png")).ok());
            ViewStyle presentation;
            presentation.presentation = true;
            view.setStyle(presentation);
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/residual-presentation.png")).ok());
            view.setTrace(matrixTrace());
            QVERIFY(exportFigure(view, renderDir + QStringLiteral("/residual-matrix.png")).ok());
        }
    }
};

ATTNLAB_TEST_MAIN(TestResidualView)
} // namespace tst_residual_view
#include "tst_residual_view.moc"
