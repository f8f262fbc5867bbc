// Tests app/window/comparison_tab.cpp in the main window: the Compare tab computes text B through the input's model
// and settings on its own worker, and its view shows A (the window's trace) beside B with A − B equal to A's
// selected weights minus those of B's own run; it follows the selection and the input, warns when the lengths
// differ, and says that typed matrices have no text B. Its view picker draws any view for A and B, each panel as
// the same view draws traces computed here with plain model calls; its model picker runs B through a checkpoint of
// ../shared (loaded on the tab's loader), of that model's shape, and says why two shapes have no A − B; File ▸
// Export Figure while the tab is shown writes the comparison as one figure, the command line's.

#include "app/window/comparison_tab.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "app/workspace/workspace_request.h"
#include "model/pipeline/trace_computer.h"
#include "model/trace/trace_selection.h"
#include "widgets/views/comparison_view.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/view_factory.h"
#include "model/analysis/trace_comparison.h"
#include "model/pipeline/model_loader.h"
#include "test_support.h"
#include "app/run_attnlab.h"
#include "test_registry.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QInputMethodEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include "app/window/export_dialog.h"
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTest>

namespace tst_comparison_tab {

using namespace attnlab;

namespace {

void settleComparison(app::MainWindow& window, app::ComparisonTab& tab)
{
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
    QTest::qWait(350); // the typing pause of text B
    tab.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

void typeSentenceA(app::MainWindow& window, const QString& text)
{
    QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

// The trace of text through the window's model and settings, computed here with plain model calls (and the
// analyses a view needs).
model::Trace independentTrace(const app::MainWindow& window, const QString& text, const model::AnalysisRequest& analyses)
{
    app::WorkspaceState state = window.state();
    state.input.text = text;
    const app::BuiltRequest built = app::buildRequest(state);
    if (!built.request) qFatal("the request does not build: %s", qPrintable(built.error));
    model::TraceRequest request = *built.request;
    request.analyses = analyses;
    auto trace = model::computeTrace(request);
    if (!trace) qFatal("the trace does not compute: %s", qPrintable(trace.error()));
    return std::move(trace).value();
}

// A view's figure at 640 × 480.
QImage renderedFigure(const widgets::TraceView& view)
{
    QImage image(640, 480, QImage::Format_ARGB32);
    QPainter painter(&image);
    view.paintFigure(painter, QSizeF(image.size()));
    return image;
}

// The same figure from a new view of that kind given trace, with the selection and style of `like`.
QImage renderedLike(const widgets::TraceView& like, model::Trace trace)
{
    auto view = widgets::createView(like.viewName());
    view->setStyle(like.viewStyle());
    view->setTrace(std::make_shared<const model::Trace>(std::move(trace)));
    view->setSelection(like.selection());
    return renderedFigure(*view);
}

// The user picks an item of a combo box (by its data).
void pick(QComboBox* box, const QString& data)
{
    const int index = box->findData(data);
    if (index < 0) qFatal("no item %s", qPrintable(data));
    box->setCurrentIndex(index);
    emit box->activated(index);
}

QTabWidget* tabsOf(app::ComparisonTab* tab)
{
    // the tab sits in the tab widget's page stack
    return qobject_cast<QTabWidget*>(tab->parentWidget()->parentWidget());
}

QString sharedModel(const char* name)
{
    return QDir(test::sharedDir()).filePath(QStringLiteral("models/") + QLatin1String(name));
}

} // namespace

class TestComparisonTab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_comparison_tab"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void comparesTheInputWithTextB()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.findChild<app::ComparisonTab*>();
        QVERIFY(tab);
        // hidden, the tab computes nothing
        typeSentenceA(window, QStringLiteral("the cat sat"));
        settleComparison(window, *tab);
        QVERIFY(!tab->view()->viewB()->trace());
        tabsOf(tab)->setCurrentWidget(tab);
        tab->textB()->setText(QStringLiteral("the dog sat"));
        settleComparison(window, *tab);
        const widgets::ComparisonView* view = tab->view();
        QVERIFY(view->viewB()->trace());
        QCOMPARE(view->viewB()->trace()->tokens, (QStringList{"the", "dog", "sat"}));
        QCOMPARE(view->trace(), window.trace().get());
        QVERIFY(view->comparison().has_value());
        QVERIFY(view->showsDifference());
        // B's own run, through the workspace's request with the text replaced
        app::WorkspaceState stateB = window.state();
        stateB.input.text = QStringLiteral("the dog sat");
        const app::BuiltRequest built = app::buildRequest(stateB);
        QVERIFY(built.request);
        const auto traceB = model::computeTrace(*built.request);
        QVERIFY(traceB);
        model::TraceSelection selection = view->selection();
        const model::Matrix expected = model::selectedWeights(*window.trace(), selection) - model::selectedWeights(*traceB, selection);
        QVERIFY((view->comparison()->difference - expected).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(expected.cwiseAbs().maxCoeff() > 0);
        QCOMPARE(view->notes().size(), 1);
        QCOMPARE(widgets::withoutIsolates(view->notes().first()), QStringLiteral("Tokens that differ: #2 cat → dog"));

        // a shorter B: aligned on it, and said
        tab->textB()->setText(QStringLiteral("the dog"));
        settleComparison(window, *tab);
        QCOMPARE(view->comparison()->alignment.tokens, 2);
        QVERIFY(view->notes().contains(QStringLiteral("A has 3 tokens and B 2: compared on the first 2")));
        // a new input A: B again, for it
        typeSentenceA(window, QStringLiteral("the dog"));
        settleComparison(window, *tab);
        QCOMPARE(view->trace(), window.trace().get());
        QVERIFY(view->notes().isEmpty());
        QCOMPARE(view->comparison()->largest, 0.0);
    }

    // Any view for A and B: each panel draws exactly what that view draws for the trace of its text, computed
    // here; the views that need an analysis (head roles) get it for both traces.
    void picksAnyViewForBoth_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("model view") << QStringLiteral("model");
        QTest::newRow("head roles") << QStringLiteral("roles");
        QTest::newRow("arcs") << QStringLiteral("arcs");
    }
    void picksAnyViewForBoth()
    {
        QFETCH(QString, name);
        app::MainWindow window;
        window.show();
        auto* tab = window.comparisonTab();
        QVERIFY(tab);
        tabsOf(tab)->setCurrentWidget(tab);
        typeSentenceA(window, QStringLiteral("the cat sat on the mat"));
        tab->textB()->setText(QStringLiteral("the dog sat"));
        settleComparison(window, *tab);
        QVERIFY(tab->viewChooser()->findData(QStringLiteral("patching")) < 0); // two inputs of its own
        pick(tab->viewChooser(), name);
        settleComparison(window, *tab); // A again when the view needs an analysis, then B
        settleComparison(window, *tab);
        const widgets::ComparisonView* view = tab->view();
        QCOMPARE(view->shownViewName(), name);
        QCOMPARE(view->viewA()->viewName(), name);
        QCOMPARE(view->viewB()->viewName(), name);
        QVERIFY(!view->showsDifference()); // A − B is the heatmap's
        const model::AnalysisRequest needed = widgets::createView(name)->analysesNeeded();
        const model::Trace a = independentTrace(window, QStringLiteral("the cat sat on the mat"), needed);
        const model::Trace b = independentTrace(window, QStringLiteral("the dog sat"), needed);
        QCOMPARE(view->viewA()->trace()->tokens, a.tokens);
        QCOMPARE(view->viewB()->trace()->tokens, b.tokens);
        QCOMPARE(bool(view->viewA()->trace()->headRoles), needed.headRoles);
        QCOMPARE(bool(view->viewB()->trace()->headRoles), needed.headRoles);
        QVERIFY(renderedFigure(*view->viewA()) == renderedLike(*view->viewA(), a));
        QVERIFY(renderedFigure(*view->viewB()) == renderedLike(*view->viewB(), b));
        QVERIFY(renderedFigure(*view->viewA()) != renderedFigure(*view->viewB()));
        // the shared selection reaches both: another layer and head
        window.controls()->setLayerHead(1, 2);
        QCoreApplication::processEvents();
        QCOMPARE(window.selection().layer, 1);
        QCOMPARE(window.selection().head, 2);
        for (const widgets::TraceView* side : {view->viewA(), view->viewB()}) {
            QCOMPARE(side->selection().layer, 1);
            QCOMPARE(side->selection().head, 2);
        }
        QVERIFY(renderedFigure(*view->viewB()) == renderedLike(*view->viewB(), b));
        // and back to the heatmap, with its difference
        pick(tab->viewChooser(), QStringLiteral("heatmap"));
        settleComparison(window, *tab);
        QVERIFY(view->showsDifference());
    }

    // Model B: a checkpoint of ../shared on A's text (text B empty), loaded on the tab's own loader; B's trace has
    // that model's layers and heads (its config.json), and the toy model's A has other ones: no A − B, and the
    // status line says why with trace_comparison's message.
    void runsTheTextThroughAnotherModel()
    {
        const QString path = sharedModel("char-gpt-slm");
        if (!QFileInfo::exists(path)) QSKIP("../shared/models/char-gpt-slm is absent (set ATTNLAB_SHARED)");
        QFile configFile(QDir(path).filePath(QStringLiteral("config.json")));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        const QJsonObject config = QJsonDocument::fromJson(configFile.readAll()).object();
        const int layers = config.value(QStringLiteral("n_layer")).toInt();
        const int heads = config.value(QStringLiteral("n_head")).toInt();
        QCOMPARE(layers, 4);

        app::MainWindow window;
        window.show();
        auto* tab = window.comparisonTab();
        tabsOf(tab)->setCurrentWidget(tab);
        typeSentenceA(window, QStringLiteral("the cat"));
        tab->textB()->clear();
        settleComparison(window, *tab);
        QVERIFY2(tab->status().contains(QStringLiteral("Type a text B")), qPrintable(tab->status()));
        tab->setModelChoices({{QStringLiteral("char-gpt-slm"), path}});
        pick(tab->modelChooser(), path);
        QVERIFY(tab->loaderB()->isLoading()); // on its worker, not on the GUI thread
        tab->loaderB()->waitForIdle();
        QCoreApplication::processEvents();
        settleComparison(window, *tab);
        const widgets::ComparisonView* view = tab->view();
        const model::Trace* b = view->viewB()->trace();
        QVERIFY(b);
        QCOMPARE(b->modelName, QFileInfo(path).fileName());
        QCOMPARE(int(b->layers.size()), layers);
        for (const model::LayerTrace& layer : b->layers)
            QCOMPARE(int(layer.heads.size()), heads);
        // character tokens of A's text
        QCOMPARE(b->tokens, (QStringList{"t", "h", "e", " ", "c", "a", "t"}));
        QCOMPARE(int(view->trace()->layers.size()), 2); // the toy model
        // the shapes differ: side by side, no difference, and the status line says why
        QVERIFY(!view->comparison().has_value());
        QVERIFY(!view->showsDifference());
        const model::Trace a = independentTrace(window, QStringLiteral("the cat"), {});
        const QString refusal = model::checkSameShape(a, *b).error();
        QVERIFY(refusal.contains(QStringLiteral("2 layers × 4 heads")));
        QVERIFY2(tab->status().contains(refusal), qPrintable(tab->status()));
        // the same model as A again: B is A's text through the toy model, and there is nothing to compare
        pick(tab->modelChooser(), QString());
        settleComparison(window, *tab);
        QVERIFY2(tab->status().contains(QStringLiteral("Type a text B")), qPrintable(tab->status()));
    }

    // A model B that cannot be loaded: the status line says so, naming model B, and the window's own model stays.
    void modelBThatFailsToLoadIsSaid()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.comparisonTab();
        tabsOf(tab)->setCurrentWidget(tab);
        typeSentenceA(window, QStringLiteral("the cat"));
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no-such-model"));
        tab->setModelB(missing);
        QCOMPARE(tab->modelB(), missing);
        QVERIFY2(tab->status().startsWith(QStringLiteral("Loading model B (no-such-model)")), qPrintable(tab->status()));
        tab->loaderB()->waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY2(tab->status().startsWith(QStringLiteral("Model B: ")), qPrintable(tab->status()));
        QVERIFY2(tab->status().contains(QStringLiteral("no-such-model")), qPrintable(tab->status()));
        QCOMPARE(window.state().input.modelName, QStringLiteral("toy"));
    }

    // File ▸ Export Figure (Ctrl+Shift+S) while the tab is shown writes the comparison: A's and B's labels and the
    // difference panel in one SVG, the very file `attnlab export --compare-text` writes for the same inputs.
    void exportsTheComparison()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.comparisonTab();
        tabsOf(tab)->setCurrentWidget(tab);
        typeSentenceA(window, QStringLiteral("the cat sat"));
        tab->textB()->setText(QStringLiteral("the dog sat"));
        settleComparison(window, *tab);
        QCOMPARE(window.shownFigure(), tab->view());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("comparison.svg"));
        bool exported = false;
        QTimer::singleShot(0, &window, [&] {
            auto* dialog = qobject_cast<app::ExportDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            exported = dialog->exportTo(path);
            dialog->reject();
        });
        QAction* action = nullptr;
        for (QAction* a : window.actions())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)) action = a;
        QVERIFY(action);
        action->trigger();
        QVERIFY(exported);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // The text as read: Qt writes a line in pieces ("A ", "−", " B") where its layout splits it.
        const QString svg = QString::fromUtf8(file.readAll())
                                .remove(QRegularExpression(QStringLiteral("<[^>]*>")))
                                .remove(QLatin1Char('\n'));
        QVERIFY(svg.contains(QStringLiteral("A − B")));
        QVERIFY(svg.contains(QStringLiteral("A: the cat sat")));
        QVERIFY(svg.contains(QStringLiteral("B: the dog sat")));
        // the figure the command line writes for the same two inputs: the same text in the same places
        const QString cliPath = dir.filePath(QStringLiteral("cli.svg"));
        const test::Run cli = test::runAttnlab({QStringLiteral("export"), QStringLiteral("--text"), QStringLiteral("the cat sat"),
                                                QStringLiteral("--compare-text"), QStringLiteral("the dog sat"),
                                                QStringLiteral("--head"), QStringLiteral("average"), // the window's
                                                QStringLiteral("--out"), cliPath});
        QCOMPARE(cli.exitCode, 0);
        QFile cliFile(cliPath);
        QVERIFY(cliFile.open(QIODevice::ReadOnly));
        file.seek(0);
        // (the painter's initial font, which draws nothing, is the application's: 10 pt in the window)
        const QRegularExpression initialFont(QStringLiteral("font-family=\"Sans Serif\" font-size=\"[0-9.]+\""));
        QCOMPARE(QString::fromUtf8(file.readAll()).remove(initialFont), QString::fromUtf8(cliFile.readAll()).remove(initialFont));
    }

    void typedMatricesHaveNoTextB()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.findChild<app::ComparisonTab*>();
        QVERIFY(tab);
        tabsOf(tab)->setCurrentWidget(tab);
        window.inputPanel()->findChild<QTabWidget*>()->setCurrentIndex(1);
        settleComparison(window, *tab);
        QVERIFY2(tab->status().contains(QStringLiteral("typed matrices")), qPrintable(tab->status()));
    }
};

ATTNLAB_TEST_MAIN(TestComparisonTab)
} // namespace tst_comparison_tab

#include "tst_comparison_tab.moc"
