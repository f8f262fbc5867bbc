// Tests app/window/main_window_ablation.cpp and app/window/ablation_bar.cpp through the user's actions on the
// trained character model: a head switched off from its context menu recomputes with the ablation, and the token
// strip shows what that did to each prediction; the Ablation menu switches the shown head and its layer's MLP;
// the bar says what is off and chooses zero or mean; undo switches everything back on; a session keeps it.

#include "app/session/session_file.h"
#include "app/window/ablation_bar.h"
#include "app/window/main_window.h"
#include "app/window/control_bar.h"
#include "app/workspace/workspace.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/controls/token_strip.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/model_view.h"
#include "test_support.h"
#include "test_registry.h"

#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

namespace tst_main_window_ablation {

using namespace attnlab;

namespace {

QString charModel()
{
    return QDir(test::sharedDir()).filePath(QStringLiteral("models/char-gpt-slm"));
}

// Waits for a model being loaded and then for the trace computed with it.
void settleAblation(app::MainWindow& window)
{
    QTRY_VERIFY_WITH_TIMEOUT(!window.modelLoader()->isLoading(), 20000);
    for (int i = 0; i < 3; ++i) {
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
    }
}

QAction* actionNamed(QWidget* parent, const char* name)
{
    for (QAction* action : parent->findChildren<QAction*>(QLatin1String(name)))
        return action;
    return nullptr;
}

} // namespace

class TestMainWindowAblation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void switchingHeadsOffRecomputesAndUndoSwitchesThemOn();
    void theToyModelSwitchesHeadsOffWithoutPredictions();
};

void TestMainWindowAblation::switchingHeadsOffRecomputesAndUndoSwitchesThemOn()
{
    if (!QFileInfo::exists(charModel() + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable(QStringLiteral("char-gpt-slm not found in %1 (set ATTNLAB_SHARED)").arg(charModel())));
    app::MainWindow window;
    window.resize(1280, 720);
    window.show();
    settleAblation(window);
    app::WorkspaceState state = window.state();
    state.input.text = QStringLiteral("the cat sat on the mat");
    window.setWorkspace(state);
    window.openModel(charModel());
    settleAblation(window);
    QCOMPARE(window.trace()->modelName, QStringLiteral("char-gpt-slm"));
    const std::shared_ptr<const model::Trace> plain = window.trace();
    QVERIFY(plain->ablation.empty() && plain->ablationEffects.empty());
    QVERIFY(!window.ablationBar()->isVisible());
    const int tokens = int(plain->tokens.size());
    QCOMPARE(tokens, 22);

    // Right click on layer 1's head 3 in the model view: its menu switches it off.
    window.showView(QStringLiteral("model"));
    auto* grid = qobject_cast<widgets::ModelView*>(window.view(QStringLiteral("model")));
    QVERIFY(grid);
    const QPoint cell = grid->mapRect(0, 2, QSizeF(grid->size())).center().toPoint();
    QContextMenuEvent click(QContextMenuEvent::Mouse, cell, grid->mapToGlobal(cell));
    QCoreApplication::sendEvent(grid, &click);
    auto* menu = window.findChild<QMenu*>(QStringLiteral("headMenu"));
    QVERIFY(menu);
    QAction* off = actionNamed(menu, "ablateHeadAction");
    QVERIFY(off && off->isEnabled());
    QCOMPARE(widgets::withoutIsolates(off->text()), QStringLiteral("Switch Head 1.3 Off"));
    QCOMPARE(widgets::withoutIsolates(actionNamed(menu, "ablateMlpAction")->text()),
             QStringLiteral("Switch the MLP of Layer 1 Off"));
    const int steps = window.undoStack()->count();
    off->trigger();
    menu->close();
    settleAblation(window);
    QCOMPARE(window.undoStack()->count(), steps + 1);
    QCOMPARE(window.state().compute.ablation.heads, (std::vector<model::HeadRef>{{0, 2}}));
    const std::shared_ptr<const model::Trace> ablated = window.trace();
    QVERIFY(ablated != plain);
    QCOMPARE(ablated->ablation.heads, (std::vector<model::HeadRef>{{0, 2}}));
    QCOMPARE(ablated->ablationEffects.size(), size_t(tokens));

    // Each position's effect against the two runs' own predictions (softmax of their logits): the token predicted
    // without the ablation and its log p there, the token predicted with it and its log p there.
    bool anyChange = false;
    for (int i = 0; i < tokens; ++i) {
        const model::AblationEffect& e = ablated->ablationEffects[size_t(i)];
        const model::Prediction& before = plain->predictions[size_t(i)];
        const model::Prediction& after = ablated->predictions[size_t(i)];
        QCOMPARE(e.position, i);
        QCOMPARE(e.originalId, before.top.front().first);
        QVERIFY2(std::abs(e.originalBefore - std::log(before.top.front().second)) < 1e-4, qPrintable(QString::number(i)));
        QCOMPARE(e.topId, after.top.front().first);
        QVERIFY2(std::abs(e.topAfter - std::log(after.top.front().second)) < 1e-4, qPrintable(QString::number(i)));
        QVERIFY(e.topAfter >= e.originalAfter - 1e-9);
        anyChange = anyChange || std::abs(e.originalAfter - e.originalBefore) > 1e-3;
        // Under the chip: the Δ of the token predicted before, two decimals, with a true minus sign.
        QLabel* line = window.tokenStrip()->effectLabel(i);
        QVERIFY(line);
        const double delta = e.originalAfter - e.originalBefore;
        const QString expected = std::abs(delta) < 0.005 ? QStringLiteral("0.00")
                                 : (delta < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) +
                                       QString::number(std::abs(delta), 'f', 2);
        QCOMPARE(widgets::withoutIsolates(line->text()).section(QLatin1Char('\n'), 0, 0), expected);
    }
    QVERIFY(anyChange);
    QVERIFY(window.ablationBar()->isVisible());
    QCOMPARE(widgets::withoutIsolates(window.ablationBar()->label()->text()), QStringLiteral("⊘ Switched off: head 1.3"));

    // The Ablation menu: Ctrl+K's action switches the head shown (layer 2, head 1) off, the next its layer's MLP.
    window.controls()->setLayerHead(1, 0);
    QAction* shownHead = actionNamed(&window, "ablateShownHeadAction");
    QCOMPARE(shownHead->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    QCOMPARE(window.selection().head, 0);
    QCOMPARE(window.selection().layer, 1);
    QVERIFY(shownHead->isEnabled());
    shownHead->trigger();
    settleAblation(window);
    QCOMPARE(window.state().compute.ablation.heads.size(), size_t(2));
    actionNamed(&window, "ablateShownMlpAction")->trigger();
    settleAblation(window);
    // The bar's mode: the mean over the input's positions.
    QComboBox* mode = window.ablationBar()->modeBox();
    mode->setCurrentIndex(mode->findData(int(model::AblationMode::Mean)));
    emit mode->activated(mode->currentIndex());
    settleAblation(window);
    const model::Ablation expected{{{0, 2}, {1, 0}}, {1}, model::AblationMode::Mean};
    QVERIFY2(window.state().compute.ablation == expected, qPrintable(model::describeAblation(window.state().compute.ablation)));
    QVERIFY(window.trace()->ablation == expected);
    QCOMPARE(window.trace()->ablationEffects.size(), size_t(tokens));
    QCOMPARE(widgets::withoutIsolates(window.ablationBar()->label()->text()),
             QStringLiteral("⊘ Switched off: heads 1.3, 2.1 and the MLP of layer 2"));
    QCOMPARE(window.undoStack()->count(), steps + 4);

    // The session keeps it, 1-based, and brings it back.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ablated.attnlab"));
    QVERIFY(app::writeSessionFile(path, window.currentSession()).ok());
    const auto read = app::readSessionFile(path);
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QVERIFY(read->workspace.compute.ablation == expected);

    // Undo, four times: everything back on, the trace is the plain one again and the lines are gone.
    for (int i = 0; i < 4; ++i)
        window.undoStack()->undo();
    settleAblation(window);
    QVERIFY(window.state().compute.ablation.empty());
    QVERIFY(window.trace()->ablation.empty());
    QVERIFY(window.trace()->ablationEffects.empty());
    QVERIFY(!window.tokenStrip()->effectLabel(0));
    QVERIFY(!window.ablationBar()->isVisible());
    QCOMPARE(window.trace()->predictions.front().top.front(), plain->predictions.front().top.front());

    // Opening the saved session switches them off again; "Switch All Back On" on the bar, one undo step.
    window.applySession(*read);
    settleAblation(window);
    QVERIFY(window.trace()->ablation == expected);
    const int before = window.undoStack()->count();
    window.ablationBar()->clearButton()->click();
    settleAblation(window);
    QVERIFY(window.state().compute.ablation.empty());
    QCOMPARE(window.undoStack()->count(), before + 1);
}

// The toy model applies an ablation too (its later layers see the change) but predicts nothing: no effect lines.
// Another model starts with everything on.
void TestMainWindowAblation::theToyModelSwitchesHeadsOffWithoutPredictions()
{
    app::MainWindow window;
    window.show();
    settleAblation(window);
    const auto plain = window.trace();
    QCOMPARE(plain->modelName, QStringLiteral("toy"));
    // A right click on the heatmap's plot offers the head shown (the plot hands the event to the view).
    window.showView(QStringLiteral("heatmap"));
    window.controls()->setLayerHead(0, 0);
    QWidget* plot = nullptr;
    for (QWidget* child : window.view(QStringLiteral("heatmap"))->findChildren<QWidget*>())
        if (QLatin1String(child->metaObject()->className()) == QLatin1String("QCustomPlot")) plot = child;
    QVERIFY(plot);
    QContextMenuEvent click(QContextMenuEvent::Mouse, QPoint(100, 100), plot->mapToGlobal(QPoint(100, 100)));
    QCoreApplication::sendEvent(plot, &click);
    auto* menu = window.findChild<QMenu*>(QStringLiteral("headMenu"));
    QVERIFY(menu);
    QAction* off = actionNamed(menu, "ablateHeadAction");
    QVERIFY(off);
    QCOMPARE(widgets::withoutIsolates(off->text()), QStringLiteral("Switch Head 1.1 Off"));
    off->trigger();
    menu->close();
    settleAblation(window);
    QCOMPARE(window.trace()->ablation.heads, (std::vector<model::HeadRef>{{0, 0}}));
    QVERIFY(window.trace()->ablationEffects.empty());
    QVERIFY(!window.tokenStrip()->effectLabel(0));
    // Layer 1's attention weights are those of the plain run; layer 2 reads a stream without head 1.1.
    QVERIFY(window.trace()->layers[0].heads[0].weights.toDouble().isApprox(plain->layers[0].heads[0].weights.toDouble()));
    QVERIFY(!window.trace()->layers[1].heads[0].weights.toDouble().isApprox(plain->layers[1].heads[0].weights.toDouble()));

    app::WorkspaceState smaller = window.state();
    smaller.input.toyHeads = 2;
    window.workspace()->edit(smaller, QStringLiteral("Edit input"));
    settleAblation(window);
    QVERIFY(window.state().compute.ablation.empty());
    QVERIFY(window.trace()->ablation.empty());
    QVERIFY(!window.ablationBar()->isVisible());
}

} // namespace tst_main_window_ablation

ATTNLAB_TEST_MAIN(tst_main_window_ablation::TestMainWindowAblation)

#include "tst_main_window_ablation.moc"
