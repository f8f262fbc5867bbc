// Tests app/window/compute_status.cpp on a bare QStatusBar and a Workspace: the text for a trace (its model,
// token, layer and head counts, output width and warnings written out by hand), for an error with "⚠", for a
// stopped run, the busy indicator following busyChanged, the Stop button stopping a long run, and the
// run-the-first offers after a token or memory limit: their texts, when they show, and the one undo step each
// makes.

#include "app/window/compute_status.h"
#include "app/workspace/workspace.h"
#include "model/trace/trace.h"
#include "widgets/controls/busy_indicator.h"
#include "test_registry.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

namespace tst_compute_status {

using namespace attnlab;

namespace {

void settle(app::Workspace& workspace)
{
    for (int i = 0; i < 3; ++i) {
        workspace.waitForIdle();
        QCoreApplication::processEvents();
    }
}

// A trace of `layers` layers of `heads` heads over `tokens` tokens; ComputeStatus reads only these counts,
// the name, the output's width and the warnings.
model::Trace traceOf(const QString& name, int tokens, int layers, int heads, int outputWidth,
                     const QStringList& warnings = {})
{
    model::Trace trace;
    trace.modelName = name;
    for (int i = 0; i < tokens; ++i)
        trace.tokens << QStringLiteral("t%1").arg(i);
    trace.layers.resize(size_t(layers));
    for (model::LayerTrace& layer : trace.layers)
        layer.heads.resize(size_t(heads));
    trace.output = model::Matrix::Zero(tokens, outputWidth);
    trace.warnings = warnings;
    return trace;
}

struct Fixture {
    QStatusBar bar;
    app::Workspace workspace;
    app::ComputeStatus status{&workspace, &bar, nullptr};

    Fixture()
    {
        app::WorkspaceState state;
        state.input.text = QStringLiteral("a b c");
        workspace.start(state);
        settle(workspace);
    }
    ~Fixture() { settle(workspace); }

    QPushButton* firstTokens() const { return bar.findChild<QPushButton*>(QStringLiteral("runFirstTokens")); }
    QPushButton* firstLayers() const { return bar.findChild<QPushButton*>(QStringLiteral("runFirstLayers")); }
    widgets::BusyIndicator* busy() const { return bar.findChild<widgets::BusyIndicator*>(); }
};

// A text of `words` words through a toy model large enough that one run takes a while (as in tst_workspace).
app::WorkspaceState longRun(int words)
{
    QStringList list;
    for (int i = 0; i < words; ++i)
        list << QStringLiteral("w%1").arg(i);
    app::WorkspaceState state;
    state.input.text = list.join(QLatin1Char(' '));
    state.input.toyLayers = 24;
    state.input.toyHeads = 4;
    state.input.toyWidth = 128;
    return state;
}

} // namespace

class TestComputeStatus : public QObject {
    Q_OBJECT
private slots:
    void traceText()
    {
        Fixture f;
        QVERIFY(f.firstTokens() && f.firstLayers() && f.busy());
        f.status.showTrace(traceOf(QStringLiteral("toy"), 12, 2, 4, 32, {"untrained weights", "(random)"}));
        // Each warning is isolated (U+2068 … U+2069), so that an English one reads left to right in Persian.
        QCOMPARE(f.status.text(),
                 QStringLiteral("toy · 12 tokens · 2 layers × 4 heads · output width 32 · \u2068untrained "
                                "weights\u2069 \u2068(random)\u2069"));
        f.status.showTrace(traceOf(QStringLiteral("gpt2"), 5, 12, 12, 0));
        QCOMPARE(f.status.text(), QStringLiteral("gpt2 · 5 tokens · 12 layers × 12 heads"));
        // A trace without layers has no heads to count.
        f.status.showTrace(traceOf(QStringLiteral("matrices"), 3, 0, 0, 2));
        QCOMPARE(f.status.text(),
                 QStringLiteral("matrices · 3 tokens · 0 layers × 0 heads · output width 2"));
        // Matrix mode's single layer and head, one token: singular.
        f.status.showTrace(traceOf(QStringLiteral("matrices"), 1, 1, 1, 2));
        QCOMPARE(f.status.text(), QStringLiteral("matrices · 1 token · 1 layer × 1 head · output width 2"));
    }

    void errorsAndOffers()
    {
        Fixture f;
        f.status.showError(QStringLiteral("lesson x: no such lesson"));
        QCOMPARE(f.status.text(), QStringLiteral("⚠ lesson x: no such lesson"));
        QVERIFY(f.firstTokens()->isHidden());
        QVERIFY(f.firstLayers()->isHidden());

        // A token limit: 3000 tokens, 1024 can run.
        f.status.showError(QStringLiteral("too long"), {3000, 1024, 0, 0});
        QVERIFY(!f.firstTokens()->isHidden());
        QCOMPARE(f.firstTokens()->text(), QStringLiteral("Run the first 1024 tokens"));
        QVERIFY(f.firstLayers()->isHidden());
        // Memory the limit, every token fits through 4 of 12 layers: both offers.
        f.status.showError(QStringLiteral("too much memory"), {3000, 700, 4, 12});
        QCOMPARE(f.firstTokens()->text(), QStringLiteral("Run the first 700 tokens"));
        QVERIFY(!f.firstLayers()->isHidden());
        QCOMPARE(f.firstLayers()->text(), QStringLiteral("Run only the first 4 of 12 layers"));
        // Not even one token fits: only the layers.
        f.status.showError(QStringLiteral("too much memory"), {3000, 0, 1, 12});
        QVERIFY(f.firstTokens()->isHidden());
        QCOMPARE(f.firstLayers()->text(), QStringLiteral("Run only the first of 12 layers"));
        // A trace hides the offers.
        f.status.showTrace(traceOf(QStringLiteral("toy"), 2, 2, 2, 16));
        QVERIFY(f.firstTokens()->isHidden());
        QVERIFY(f.firstLayers()->isHidden());
    }

    void offerTexts()
    {
        QCOMPARE(app::ComputeStatus::firstTokensText(1), QStringLiteral("Run the first token"));
        QCOMPARE(app::ComputeStatus::firstTokensText(2), QStringLiteral("Run the first 2 tokens"));
        QCOMPARE(app::ComputeStatus::firstLayersText(1, 6), QStringLiteral("Run only the first of 6 layers"));
        QCOMPARE(app::ComputeStatus::firstLayersText(3, 6),
                 QStringLiteral("Run only the first 3 of 6 layers"));
    }

    void offersAreUndoSteps()
    {
        Fixture f;
        f.status.showError(QStringLiteral("too much memory"), {3000, 700, 4, 12});
        const int steps = f.workspace.undoStack()->count();
        f.firstTokens()->click();
        QCOMPARE(f.workspace.state().compute.maxTokens, 700);
        QCOMPARE(f.workspace.state().compute.maxLayers, 0);
        QCOMPARE(f.workspace.undoStack()->count(), steps + 1);
        QCOMPARE(f.workspace.undoStack()->text(steps), QStringLiteral("Run the first 700 tokens"));
        QVERIFY(f.firstTokens()->isHidden());
        QVERIFY(f.firstLayers()->isHidden());
        settle(f.workspace);

        f.status.showError(QStringLiteral("too much memory"), {3000, 700, 4, 12});
        f.firstLayers()->click();
        QCOMPARE(f.workspace.state().compute.maxLayers, 4);
        QCOMPARE(f.workspace.undoStack()->text(steps + 1),
                 QStringLiteral("Run only the first 4 of 12 layers"));
        QVERIFY(f.firstLayers()->isHidden());
        settle(f.workspace);
    }

    void workspaceSignals()
    {
        Fixture f;
        // An input that cannot run: the workspace's message with "⚠".
        app::WorkspaceState bad = f.workspace.state();
        bad.input = app::examMatrices();
        bad.input.matrices[QStringLiteral("Q")][0][0] = QStringLiteral("1/");
        f.workspace.load(bad, QStringLiteral("Load"));
        settle(f.workspace);
        QVERIFY2(f.status.text().startsWith(QStringLiteral("⚠ Q: row 1, column 1: ")),
                 qPrintable(f.status.text()));
        QVERIFY(f.firstTokens()->isHidden());

        emit f.workspace.cancelled();
        QCOMPARE(f.status.text(), QStringLiteral("Stopped: the views still show the last result"));

        emit f.workspace.busyChanged(true);
        QVERIFY(!f.busy()->isHidden());
        // A checkpoint in its fifth layer of 16: four are done.
        emit f.workspace.progress(5, 16);
        QCOMPARE(f.status.progressText(), QStringLiteral("Layer 5 of 16"));
        QCOMPARE(f.busy()->progressValue(), 4);
        QCOMPARE(f.busy()->progressMaximum(), 16);
        emit f.workspace.busyChanged(false);
        QVERIFY(f.busy()->isHidden());
        // The next computation starts without a layer, indeterminate.
        emit f.workspace.busyChanged(true);
        QCOMPARE(f.status.progressText(), QString());
        QCOMPARE(f.busy()->progressMaximum(), 0);
        emit f.workspace.busyChanged(false);
    }

    void stopStopsALongRun()
    {
        Fixture f;
        QSignalSpy cancelled(&f.workspace, &app::Workspace::cancelled);
        f.workspace.load(longRun(300), QStringLiteral("Load"));
        QTRY_VERIFY(!f.busy()->isHidden()); // busy while it runs
        auto* stop = f.busy()->findChild<QPushButton*>(QStringLiteral("stopCompute"));
        QVERIFY(stop);
        stop->click();
        settle(f.workspace);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(f.status.text(), QStringLiteral("Stopped: the views still show the last result"));
        QVERIFY(f.busy()->isHidden());
    }
};

ATTNLAB_TEST_MAIN(TestComputeStatus)
} // namespace tst_compute_status
#include "tst_compute_status.moc"
