// Tests app/workspace/workspace.cpp: undo steps, the selection handed out with the next trace (and dropped when
// that run fails, is stopped or its model does not load), a newer request cancelling the run it overtakes, and
// the analyses the shown view needs: asked for with every request, computed once when missing, no undo step.

#include "app/workspace/workspace.h"
#include "model/pipeline/trace_computer.h"
#include "model/trace/trace.h"
#include "test_registry.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

namespace tst_workspace {

using namespace attnlab;

namespace {

app::WorkspaceState sentence(const QString& text)
{
    app::WorkspaceState state;
    state.input.text = text;
    return state;
}

// n words through a toy model large enough that one run takes a while.
app::WorkspaceState longRun(int words)
{
    QStringList list;
    for (int i = 0; i < words; ++i)
        list << QStringLiteral("w%1").arg(i);
    app::WorkspaceState state = sentence(list.join(QLatin1Char(' ')));
    state.input.toyLayers = 24;
    state.input.toyHeads = 4;
    state.input.toyWidth = 128;
    return state;
}

void settle(app::Workspace& workspace)
{
    for (int i = 0; i < 3; ++i) {
        workspace.waitForIdle();
        QCoreApplication::processEvents();
    }
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void editsAreUndoSteps()
    {
        app::Workspace workspace;
        workspace.start(sentence(QStringLiteral("a b")));
        QSignalSpy applied(&workspace, &app::Workspace::stateApplied);
        workspace.edit(sentence(QStringLiteral("a b c")), QStringLiteral("Typing"), true);
        workspace.edit(sentence(QStringLiteral("a b c d")), QStringLiteral("Typing"), true);
        QCOMPARE(workspace.undoStack()->count(), 1); // keystrokes merge
        QCOMPARE(applied.count(), 0);                // the panels already show an edit
        workspace.edit(sentence(QStringLiteral("a b c d")), QStringLiteral("Typing"));
        QCOMPARE(workspace.undoStack()->count(), 1); // no change, no step
        workspace.undoStack()->undo();
        QCOMPARE(workspace.state().input.text, QStringLiteral("a b"));
        QCOMPARE(applied.count(), 1);
        settle(workspace);
    }

    void theSelectionArrivesWithTheNextTrace()
    {
        app::Workspace workspace;
        QSignalSpy traces(&workspace, &app::Workspace::traceReady);
        QSignalSpy selections(&workspace, &app::Workspace::selectionRequested);
        workspace.start(sentence(QStringLiteral("a b c")));
        settle(workspace);
        app::SelectionRequest selection;
        selection.query = 2;
        workspace.selectOnNextTrace(selection);
        // The same state again still computes, so that the selection lands on its trace.
        workspace.load(workspace.state(), QStringLiteral("Load"));
        settle(workspace);
        QCOMPARE(traces.count(), 2);
        QCOMPARE(selections.count(), 1);
        QCOMPARE(selections.first().first().value<app::SelectionRequest>().query, 2);
        workspace.edit(sentence(QStringLiteral("d e")), QStringLiteral("Typing"));
        settle(workspace);
        QCOMPARE(selections.count(), 1); // handed out once
    }

    void aFailedRunDropsTheSelection()
    {
        app::Workspace workspace;
        workspace.start(sentence(QStringLiteral("a b c")));
        settle(workspace);
        QSignalSpy selections(&workspace, &app::Workspace::selectionRequested);
        QSignalSpy failed(&workspace, &app::Workspace::failed);
        workspace.selectOnNextTrace(app::SelectionRequest{});
        app::WorkspaceState bad = workspace.state();
        bad.input = app::examMatrices();
        bad.input.matrices[QStringLiteral("Q")][0][0] = QStringLiteral("1/");
        workspace.load(bad, QStringLiteral("Load"));
        settle(workspace);
        QCOMPARE(failed.count(), 1);
        workspace.edit(sentence(QStringLiteral("x y")), QStringLiteral("Typing"));
        settle(workspace);
        QCOMPARE(selections.count(), 0); // not on the later, unrelated trace
    }

    void aModelThatDoesNotLoadDropsTheSelection()
    {
        app::Workspace workspace;
        workspace.start(sentence(QStringLiteral("a b c")));
        settle(workspace);
        QSignalSpy selections(&workspace, &app::Workspace::selectionRequested);
        QSignalSpy modelFailed(&workspace, &app::Workspace::modelFailed);
        QSignalSpy traces(&workspace, &app::Workspace::traceReady);
        workspace.selectOnNextTrace(app::SelectionRequest{});
        app::WorkspaceState missing = workspace.state();
        missing.input.modelName = QStringLiteral("/nonexistent/model-folder");
        workspace.load(missing, QStringLiteral("Load"));
        QTRY_COMPARE(modelFailed.count(), 1);
        settle(workspace);
        // The workspace goes back to the toy model and computes it, without the session's selection.
        QCOMPARE(workspace.state().input.modelName, QStringLiteral("toy"));
        QVERIFY(traces.count() >= 1);
        QCOMPARE(selections.count(), 0);
    }

    void aStoppedRunDropsTheSelection()
    {
        app::Workspace workspace;
        workspace.start(sentence(QStringLiteral("a b c")));
        settle(workspace);
        QSignalSpy selections(&workspace, &app::Workspace::selectionRequested);
        QSignalSpy cancelled(&workspace, &app::Workspace::cancelled);
        workspace.selectOnNextTrace(app::SelectionRequest{});
        workspace.load(longRun(300), QStringLiteral("Load"));
        workspace.stop();
        settle(workspace);
        QCOMPARE(cancelled.count(), 1);
        workspace.edit(sentence(QStringLiteral("x y")), QStringLiteral("Typing"));
        settle(workspace);
        QCOMPARE(selections.count(), 0);
    }

    void analysesAreComputedOnceWhenMissing()
    {
        app::Workspace workspace;
        QSignalSpy traces(&workspace, &app::Workspace::traceReady);
        // Before the first state there is nothing to compute.
        model::AnalysisRequest roles;
        roles.headRoles = true;
        workspace.setAnalyses({});
        workspace.start(sentence(QStringLiteral("a b a b")));
        settle(workspace);
        QCOMPARE(traces.count(), 1);
        const auto first = traces.last().first().value<std::shared_ptr<const model::Trace>>();
        QVERIFY(!first->headRoles);

        // A view that needs head roles: the same state again, with them, and no undo step.
        workspace.setAnalyses(roles);
        settle(workspace);
        QCOMPARE(traces.count(), 2);
        const auto withRoles = traces.last().first().value<std::shared_ptr<const model::Trace>>();
        QVERIFY(withRoles->headRoles);
        QCOMPARE(withRoles->tokens, first->tokens);
        QCOMPARE(workspace.undoStack()->count(), 0);

        // Asking again, or for less, or back: the trace in hand has them, nothing is computed.
        workspace.setAnalyses(roles);
        workspace.setAnalyses({});
        workspace.setAnalyses(roles);
        settle(workspace);
        QCOMPARE(traces.count(), 2);

        // An edit while they are needed brings them along.
        workspace.edit(sentence(QStringLiteral("c d c")), QStringLiteral("Typing"));
        settle(workspace);
        QCOMPARE(traces.count(), 3);
        QVERIFY(traces.last().first().value<std::shared_ptr<const model::Trace>>()->headRoles);
        // Without them, an edit does not compute them.
        workspace.setAnalyses({});
        workspace.edit(sentence(QStringLiteral("c d c e")), QStringLiteral("Typing"));
        settle(workspace);
        QCOMPARE(traces.count(), 4);
        QVERIFY(!traces.last().first().value<std::shared_ptr<const model::Trace>>()->headRoles);
        QCOMPARE(workspace.undoStack()->count(), 2);
    }

    // A long run overtaken by a newer request stops after its current layer instead of finishing behind it.
    void aNewerRequestCancelsTheRunItOvertakes()
    {
        app::Workspace workspace;
        workspace.start(sentence(QStringLiteral("a")));
        settle(workspace);
        QSignalSpy traces(&workspace, &app::Workspace::traceReady);

        QElapsedTimer alone;
        alone.start();
        workspace.load(longRun(300), QStringLiteral("Load"));
        QTRY_COMPARE_WITH_TIMEOUT(traces.count(), 1, 120000);
        const qint64 longMs = alone.elapsed();
        if (longMs < 400)
            QSKIP("the long run is too fast on this machine to tell a cancelled run from a finished one");

        workspace.load(sentence(QStringLiteral("warm up")), QStringLiteral("Load"));
        QTRY_COMPARE_WITH_TIMEOUT(traces.count(), 2, 120000);
        workspace.load(longRun(299), QStringLiteral("Load"));
        QTest::qWait(int(longMs / 10));
        QElapsedTimer overtaken;
        overtaken.start();
        workspace.load(sentence(QStringLiteral("short")), QStringLiteral("Load"));
        QTRY_COMPARE_WITH_TIMEOUT(traces.count(), 3, 120000);
        const qint64 shortMs = overtaken.elapsed();
        QCOMPARE(traces.last().first().value<std::shared_ptr<const model::Trace>>()->tokens, QStringList{"short"});
        // Finishing the long run first would take about 0.9 × longMs; one layer of 24 takes a 24th.
        QVERIFY2(shortMs < longMs / 2, qPrintable(QStringLiteral("the short run waited %1 ms; the long run takes %2 ms")
                                                       .arg(shortMs)
                                                       .arg(longMs)));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestWorkspace)
} // namespace tst_workspace
#include "tst_workspace.moc"
