// Tests widgets/views/residual_view.cpp (with residual_figure.cpp): the bars hold the lengths of what attention
// and the MLP add (the trace's rows), labelled with their cosines with the stream, the line the stream's
// lengths; the figure says what it shows; a click on a bar asks for its layer, matrix mode shows its message,
// and export works.

#include "widgets/drawing/figure_export.h"
#include "model/exact/matrix_problem.h"
#include "widgets/views/residual_view.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QFile>
#include <QSignalSpy>
#include <QRegularExpression>
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
        QCOMPARE(view.steps().size(), int(trace->layers.size()));
        for (size_t l = 0; l < trace->layers.size(); ++l) {
            const model::ResidualTrace& r = trace->layers[l].residual;
            const model::LayerResidualSteps step = view.steps()[int(l)];
            QVERIFY(std::abs(step.attention.delta - r.attentionOutput.row(t).norm()) < 1e-9);
            QVERIFY(std::abs(step.mlp.delta - r.mlpOutput.row(t).norm()) < 1e-9);
            const model::RowVector x = r.afterAttention.row(t), m = r.mlpOutput.row(t);
            QVERIFY(std::abs(step.mlp.cosine - x.dot(m) / (x.norm() * m.norm())) < 1e-9);
            QVERIFY(std::abs(view.streamNorms()[int(l) + 1] - r.output.row(t).norm()) < 1e-9);
        }
    }

    // The bars are what joins the stream (the layer's attention output), never the heads' contributions: with
    // every head's contribution zeroed, the attention bars keep their lengths.
    void barsAreWhatJoinsTheStreamNotTheHeads()
    {
        auto trace = std::make_shared<model::Trace>(*toyTrace());
        ResidualView before;
        before.setTrace(trace);
        for (model::LayerTrace& layer : trace->layers)
            for (model::HeadTrace& head : layer.heads)
                head.contribution = model::Matrix::Zero(head.contribution.rows(), head.contribution.cols());
        ResidualView after;
        after.setTrace(trace);
        for (int l = 0; l < before.steps().size(); ++l) {
            QVERIFY(before.steps()[l].attention.delta > 0.1);
            QCOMPARE(after.steps()[l].attention.delta, before.steps()[l].attention.delta);
        }
    }

    // The figure says what it shows: lengths of updates beside their cosines, that lengths do not add up, and
    // for post-norm blocks that the stream is normalised after each addition.
    void figureSaysWhatIsShown()
    {
        for (const model::NormPlacement placement : {model::NormPlacement::Pre, model::NormPlacement::Post}) {
            model::ToyConfig config;
            config.placement = placement;
            const auto trace = toyTrace(config);
            const ResidualData data = residualData(trace.get(), {});
            const QString text = residualSubtitleLines(data, 5000, ViewStyle()).join(u'\n');
            QVERIFY2(text.contains(QStringLiteral("‖Δ‖")) && text.contains(QStringLiteral("do not add up")) &&
                         text.contains(QStringLiteral("cos(Δ, x)")),
                     qPrintable(text));
            QCOMPARE(text.contains(QStringLiteral("post-norm")), placement == model::NormPlacement::Post);
            QCOMPARE(data.postNorm, placement == model::NormPlacement::Post);
            // In the exported figure as text.
            ResidualView view;
            view.setTrace(trace);
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("residual.svg"));
            QVERIFY(exportFigure(view, path).ok());
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString svg = QString::fromUtf8(file.readAll());
            QVERIFY(svg.contains(QStringLiteral("do not add up")));
            // Numbers are drawn between left-to-right isolates (U+2066 … U+2069), which split the SVG's text into
            // runs ("cos ", "−", "0.19"): read the runs in order, without the isolates.
            QString runs;
            static const QRegularExpression run(QStringLiteral(">([^<]*)</text>"));
            for (const QRegularExpressionMatch& m : run.globalMatch(svg))
                runs += m.captured(1);
            runs.remove(QChar(0x2066)).remove(QChar(0x2069));
            const QString cosine = residualCosineText(data.steps[0].attention.cosine, false).toHtmlEscaped();
            QVERIFY2(runs.contains(cosine), qPrintable(cosine));
        }
    }

    void cosineText()
    {
        QCOMPARE(residualCosineText(0.316, false), QStringLiteral("cos 0.32"));
        QCOMPARE(residualCosineText(-0.124, true), QStringLiteral("\u22120.12"));
        QCOMPARE(residualCosineText(-0.001, true), QStringLiteral("0.00"));
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
        QVERIFY(view.steps().isEmpty());
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
