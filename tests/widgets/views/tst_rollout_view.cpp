// Tests widgets/views/rollout_view.cpp (with rollout_figure.cpp): the grid holds the trace's rollout or flow row
// of the followed token (the two-layer case derived by hand in tests/model/analysis), layer 1 at the bottom, each
// cell in the weight colour of its value; the view asks for the analyses its mode needs, says when they are being
// computed or refused, switches mode with its buttons, follows a clicked token, and exports.

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/analysis/trace_analyses.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/rollout_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"
#include "test_support.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace tst_rollout_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

model::Matrix viewRows2(double a, double b, double c, double d)
{
    model::Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

// Two tokens, two layers of one head attending [1/2, 1/2] at token 1 (tst_attention_rollout, tst_attention_flow):
// token 1's rollout [1/4, 3/4] after layer 1 and [7/16, 9/16] after layer 2, its flow [1/4, 3/4] and [2/5, 3/5].
model::Trace handTrace()
{
    model::Trace trace;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b")};
    for (int l = 0; l < 2; ++l) {
        model::LayerTrace layer;
        model::HeadTrace head;
        head.weights = viewRows2(1, 0, 0.5, 0.5);
        layer.heads.push_back(head);
        trace.layers.push_back(layer);
    }
    return trace;
}

std::shared_ptr<const model::Trace> analysed(model::AnalysisRequest request)
{
    model::Trace trace = handTrace();
    if (!model::addTraceAnalyses(trace, request).ok()) qFatal("analyses failed");
    return std::make_shared<const model::Trace>(std::move(trace));
}

} // namespace

class TestRolloutView : public QObject {
    Q_OBJECT

private slots:
    void registered()
    {
        QVERIFY(viewNames().contains(QStringLiteral("rollout")));
        QCOMPARE(viewTitle(QStringLiteral("rollout")), QStringLiteral("Rollout"));
        auto view = createView(QStringLiteral("rollout"));
        QVERIFY(dynamic_cast<RolloutView*>(view.get()));
        QCOMPARE(view->viewName(), QStringLiteral("rollout"));
    }

    void asksForWhatItsModeNeeds()
    {
        RolloutView view;
        QCOMPARE(view.analysesNeeded(), (model::AnalysisRequest::rolloutAndFlow(true, -1)));
        view.setTrace(std::make_shared<const model::Trace>(handTrace()));
        view.setMode(RolloutMode::Flow);
        QCOMPARE(view.analysesNeeded(), (model::AnalysisRequest::rolloutAndFlow(false, 1))); // no query selected: the last token
        model::TraceSelection selection;
        selection.query = 0;
        view.setSelection(selection);
        QCOMPARE(view.analysesNeeded(), (model::AnalysisRequest::rolloutAndFlow(false, 0)));
    }

    void showsTheRolloutRowOfTheToken()
    {
        RolloutView view;
        view.setTrace(analysed(model::AnalysisRequest::rolloutAndFlow(true, -1)));
        const RolloutData& data = view.data();
        QVERIFY2(data.message.isEmpty(), qPrintable(data.message));
        QCOMPARE(data.query, 1);
        QCOMPARE(test::compareMatrices(data.values, viewRows2(0.25, 0.75, 7.0 / 16, 9.0 / 16), 1e-15), QString());
        model::TraceSelection selection;
        selection.query = 0;
        view.setSelection(selection);
        QCOMPARE(test::compareMatrices(view.data().values, viewRows2(1, 0, 1, 0), 1e-15), QString());
    }

    void showsTheFlowOfTheToken()
    {
        RolloutView view;
        view.setMode(RolloutMode::Flow);
        view.setTrace(analysed(model::AnalysisRequest::rolloutAndFlow(false, 1)));
        QVERIFY2(view.data().message.isEmpty(), qPrintable(view.data().message));
        QCOMPARE(test::compareMatrices(view.data().values, viewRows2(0.25, 0.75, 0.4, 0.6), 1e-15), QString());
        // Another token's flow is not in this trace: it is being computed.
        model::TraceSelection selection;
        selection.query = 0;
        view.setSelection(selection);
        QVERIFY2(view.data().message.startsWith(QStringLiteral("Computing the attention flow of")),
                 qPrintable(view.data().message));
    }

    void saysWhenItIsComputingOrRefused()
    {
        RolloutView view;
        QVERIFY(view.data().message.startsWith(QStringLiteral("No trace yet")));
        view.setTrace(std::make_shared<const model::Trace>(handTrace()));
        QCOMPARE(view.data().message, QStringLiteral("Computing the attention rollout…"));
        model::Trace refused = handTrace();
        refused.flowError = QStringLiteral("attention flow of 512 tokens through 12 layers would take too long");
        view.setTrace(std::make_shared<const model::Trace>(refused));
        view.setMode(RolloutMode::Flow);
        QCOMPARE(view.data().message, QStringLiteral("Attention flow is not available: attention flow of 512 tokens "
                                                     "through 12 layers would take too long"));
        QImage image(600, 400, QImage::Format_ARGB32);
        QPainter painter(&image);
        view.paintFigure(painter, QSizeF(600, 400)); // the message, not a grid
    }

    void layerOneIsAtTheBottomInItsColours()
    {
        RolloutView view;
        view.setTrace(analysed(model::AnalysisRequest::rolloutAndFlow(true, -1)));
        const ViewStyle style;
        const QSizeF size(800, 500);
        const RolloutLayout layout = rolloutLayout(size, view.data(), style, true, false);
        const QRectF layer1 = rolloutCellRect(layout, view.data(), 0, 1), layer2 = rolloutCellRect(layout, view.data(), 1, 1);
        QVERIFY(layer1.top() > layer2.top());
        QImage image(size.toSize(), QImage::Format_ARGB32);
        QPainter painter(&image);
        view.paintFigureWith(painter, size, FigureParts{true, false});
        painter.end();
        // Near a cell's corner (the number is in its centre): the colour of its value on the fixed scale.
        const auto colourAt = [&image](const QRectF& cell) { return image.pixelColor((cell.topLeft() + QPointF(4, 4)).toPoint()); };
        QCOMPARE(colourAt(layer1).rgb(), style.weightColorAt(0.75).rgb());
        QCOMPARE(colourAt(layer2).rgb(), style.weightColorAt(9.0 / 16).rgb());
        QCOMPARE(colourAt(rolloutCellRect(layout, view.data(), 1, 0)).rgb(), style.weightColorAt(7.0 / 16).rgb());
    }

    void buttonsSwitchTheMode()
    {
        RolloutView view;
        view.resize(900, 500);
        QSignalSpy changed(&view, &RolloutView::modeChanged);
        auto* flow = view.findChild<QToolButton*>(QStringLiteral("flowMode"));
        auto* rollout = view.findChild<QToolButton*>(QStringLiteral("rolloutMode"));
        QVERIFY(flow && rollout);
        QVERIFY(rollout->isChecked());
        flow->click();
        QCOMPARE(view.mode(), RolloutMode::Flow);
        QCOMPARE(changed.count(), 1);
        rollout->click();
        QCOMPARE(view.mode(), RolloutMode::Rollout);
        view.setMode(RolloutMode::Flow);
        QVERIFY(flow->isChecked());
    }

    void clickingATokenFollowsIt()
    {
        RolloutView view;
        view.resize(900, 500);
        view.setTrace(analysed(model::AnalysisRequest::rolloutAndFlow(true, -1)));
        QSignalSpy selected(&view, &TraceView::querySelected);
        const RolloutLayout layout = rolloutLayout(QSizeF(view.size()), view.data(), view.viewStyle(), true, true, 100);
        const QPointF cell = rolloutCellRect(layout, view.data(), 0, 0).center();
        QTest::mouseClick(&view, Qt::LeftButton, {}, cell.toPoint());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), 0);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3)); // not a token
        QCOMPARE(selected.count(), 1);
    }

    void exports()
    {
        RolloutView view;
        view.setTrace(analysed(model::AnalysisRequest::rolloutAndFlow(true, -1)));
        QTemporaryDir dir;
        ExportOptions options;
        options.size = QSize(800, 500);
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("rollout.") + QLatin1String(suffix));
            QVERIFY(exportFigure(view, path, options).ok());
            QVERIFY(QFileInfo(path).size() > 1000);
        }
    }
};

ATTNLAB_TEST_MAIN(TestRolloutView)
} // namespace tst_rollout_view
#include "tst_rollout_view.moc"
