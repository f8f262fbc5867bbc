// Tests app/lessons/lesson_controller.cpp with a bare QMainWindow, a Workspace and a StepView instead of the
// whole window: opening a lesson (its input as one undo step, its view, its selection with the next trace,
// the pane), a lesson that cannot open, the pane's paragraphs and the step view following each other (the
// exam has no mask: paragraphs 0-4 explain stages 0, 1, 3, 4, 4), the exam's exact-exp switch, and the lesson
// closing when the input leaves it (a lesson about training not when the model changes).

#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_extra_exam.h"
#include "app/lessons/lesson_panel.h"
#include "app/workspace/workspace.h"
#include "widgets/views/step_view.h"
#include "test_registry.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

namespace tst_lesson_controller {

using namespace attnlab;

namespace {

void settle(app::Workspace& workspace)
{
    for (int i = 0; i < 3; ++i) {
        workspace.waitForIdle();
        QCoreApplication::processEvents();
    }
}

// What the window would own: the workspace, the step view and the controller with the views it was asked to
// show.
struct Fixture {
    QMainWindow window;
    app::Workspace workspace;
    widgets::StepView steps;
    QStringList shown;
    app::LessonController controller{&window, &workspace, &steps,
                                     [this](const QString& view) { shown << view; }, nullptr};

    Fixture()
    {
        app::WorkspaceState start;
        start.input.text = QStringLiteral("a b c");
        workspace.start(start);
        settle(workspace);
    }
    ~Fixture() { settle(workspace); }
};

} // namespace

class TestLessonController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lesson_controller"));
    }

    void opensTheExam()
    {
        Fixture f;
        QVERIFY(!f.controller.isOpen());
        QVERIFY(f.controller.dock()->isHidden());
        QVERIFY(!f.controller.dock()->toggleViewAction()->isEnabled());
        QSignalSpy selections(&f.workspace, &app::Workspace::selectionRequested);
        QSignalSpy failures(&f.controller, &app::LessonController::failed);

        QVERIFY(f.controller.openLesson(QStringLiteral("exam-softmax")));
        QVERIFY(f.controller.isOpen());
        QCOMPARE(f.shown, QStringList{QStringLiteral("steps")});
        QVERIFY(!f.controller.dock()->isHidden());
        QVERIFY(f.controller.dock()->toggleViewAction()->isEnabled());
        QCOMPARE(f.controller.panel()->lesson().id, QStringLiteral("exam-softmax"));
        QCOMPARE(f.controller.panel()->paragraph(), 0);
        // The input is one undo step.
        QCOMPARE(f.workspace.undoStack()->count(), 1);
        QCOMPARE(f.workspace.undoStack()->text(0), QStringLiteral("Open lesson"));
        QCOMPARE(f.workspace.state().input.mode, app::InputMode::Matrices);
        QCOMPARE(f.workspace.state().input.expOverrides, QStringLiteral("1/2 = 3/2"));

        // The selection arrives with the lesson's trace: query "2", exact, and (a steps lesson) the stage of
        // the first paragraph, QKᵀ, rather than the lesson file's "step": 5.
        settle(f.workspace);
        QCOMPARE(selections.count(), 1);
        const auto selection = selections.first().first().value<app::SelectionRequest>();
        QCOMPARE(selection.queryToken, QStringLiteral("2"));
        QCOMPARE(selection.exact, std::optional<bool>(true));
        QCOMPARE(selection.step, std::optional<int>(0));
        QVERIFY(!selection.layer && !selection.head);
        QCOMPARE(failures.count(), 0);
    }

    void aLessonThatCannotOpenChangesNothing()
    {
        Fixture f;
        QSignalSpy failures(&f.controller, &app::LessonController::failed);
        const app::WorkspaceState before = f.workspace.state();
        QVERIFY(!f.controller.openLesson(QStringLiteral("nope")));
        QCOMPARE(failures.count(), 1);
        QVERIFY2(failures.first().first().toString().startsWith(
                     QStringLiteral("unknown lesson \"nope\" (known: ")),
                 qPrintable(failures.first().first().toString()));
        QVERIFY(!f.controller.isOpen());
        QVERIFY(f.controller.dock()->isHidden());
        QVERIFY(f.shown.isEmpty());
        QVERIFY(f.workspace.state() == before);
        QCOMPARE(f.workspace.undoStack()->count(), 0);
    }

    void paragraphsAndStepsFollowEachOther()
    {
        Fixture f;
        QVERIFY(f.controller.openLesson(QStringLiteral("exam-softmax")));
        settle(f.workspace);
        app::LessonPanel* panel = f.controller.panel();
        QCOMPARE(panel->paragraphCount(), 5);
        panel->setParagraph(2); // the third paragraph explains the softmax (no mask stage in the exam)
        QCOMPARE(f.steps.step(), 3);
        panel->setParagraph(1);
        QCOMPARE(f.steps.step(), 1);
        // The step view moved by the keys: the first paragraph about that stage.
        f.steps.setStep(4);
        QCOMPARE(panel->paragraph(), 3);
        f.steps.setStep(0);
        QCOMPARE(panel->paragraph(), 0);
        // The mask stage has no paragraph in an unmasked lesson: the text stays where it is.
        f.steps.setStep(2);
        QCOMPARE(panel->paragraph(), 0);
    }

    void exactExpSwitchesTheOverrides()
    {
        Fixture f;
        QVERIFY(f.controller.openLesson(QStringLiteral("exam-softmax")));
        settle(f.workspace);
        auto* exam = f.controller.panel()->findChild<app::ExamSoftmaxExtra*>();
        QVERIFY(exam);
        exam->toggle()->setChecked(true);
        QCOMPARE(f.workspace.state().input.expOverrides, QString());
        QCOMPARE(f.workspace.undoStack()->count(), 2);
        QCOMPARE(f.workspace.undoStack()->text(1), QStringLiteral("Exact exp"));
        QVERIFY(f.controller.isOpen()); // still the lesson's matrices
        exam->toggle()->setChecked(false);
        QCOMPARE(f.workspace.state().input.expOverrides, QStringLiteral("1/2 = 3/2"));
        QCOMPARE(f.workspace.undoStack()->count(), 3);
        settle(f.workspace);
    }

    void closesWhenTheInputLeavesIt()
    {
        Fixture f;
        // A sentence lesson: typing another sentence keeps it; another model closes it.
        QVERIFY(f.controller.openLesson(QStringLiteral("animal-it")));
        app::WorkspaceState state = f.workspace.state();
        QCOMPARE(state.input.mode, app::InputMode::Sentence);
        state.input.text = QStringLiteral("The dog didn't cross the road because it was too tired.");
        f.workspace.edit(state, QStringLiteral("Typing"), true);
        QVERIFY(f.controller.isOpen());
        state.input.modelName = QStringLiteral("/models/gpt2");
        f.workspace.edit(state, QStringLiteral("Model"));
        QVERIFY(!f.controller.isOpen());
        QVERIFY(f.controller.dock()->isHidden());
        QVERIFY(!f.controller.dock()->toggleViewAction()->isEnabled());
        settle(f.workspace);

        // A matrices lesson: switching to sentence mode closes it, and coming back by undo does not reopen
        // it.
        QVERIFY(f.controller.openLesson(QStringLiteral("causal-mask")));
        QVERIFY(f.controller.isOpen());
        state = f.workspace.state();
        state.input.mode = app::InputMode::Sentence;
        f.workspace.edit(state, QStringLiteral("Mode"));
        QVERIFY(!f.controller.isOpen());
        f.workspace.undoStack()->undo();
        QCOMPARE(f.workspace.state().input.mode, app::InputMode::Matrices);
        QVERIFY(!f.controller.isOpen());
        settle(f.workspace);

        // Undoing back to before the lesson (the first sentence) closes it.
        QVERIFY(f.controller.openLesson(QStringLiteral("causal-mask")));
        settle(f.workspace);
        f.workspace.undoStack()->setIndex(0);
        QCOMPARE(f.workspace.state().input.text, QStringLiteral("a b c"));
        QVERIFY(!f.controller.isOpen());
        settle(f.workspace);
    }

    void trainingLessonKeepsTheTrainedModel()
    {
        Fixture f;
        // A lesson about training ends with the trained model opened in the workspace: another model keeps it,
        // another kind of input still closes it.
        QVERIFY(f.controller.openLesson(QStringLiteral("sorting-head")));
        QVERIFY(f.controller.panel()->trainButton()->isVisibleTo(f.controller.panel()));
        app::WorkspaceState state = f.workspace.state();
        state.input.modelName = QStringLiteral("/trained/sort-step1000");
        f.workspace.edit(state, QStringLiteral("Model"));
        QVERIFY(f.controller.isOpen());
        QVERIFY(!f.controller.dock()->isHidden());
        state.input.mode = app::InputMode::Matrices;
        f.workspace.edit(state, QStringLiteral("Mode"));
        QVERIFY(!f.controller.isOpen());
        settle(f.workspace);
    }

    void menuAndFirstStart()
    {
        Fixture f;
        QMenu help;
        f.controller.addActions(&help);
        QStringList texts;
        for (QAction* action : help.actions())
            texts << action->text();
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("&Lessons…"), QStringLiteral("Lesson &Pane"), QString()}));
        QCOMPARE(help.actions()[0]->shortcuts().first(), QKeySequence(Qt::Key_F1));
        // Never a dialog nobody can close under the offscreen platform.
        f.controller.showAtFirstStart();
        QVERIFY(!f.controller.browser());
    }
};

ATTNLAB_TEST_MAIN(TestLessonController)
} // namespace tst_lesson_controller
#include "tst_lesson_controller.moc"
