// Tests app/lessons/lesson_editor.cpp in the whole window, driven with clicks and keys: a lesson written by hand
// (a title, two steps recorded after moving the window's view and selection, their texts, a number question
// 9/26, a reorder, a deleted step), undone and redone with Ctrl+Z / Ctrl+Shift+Z, saved and read back with
// readLesson field by field; a lesson with problems lists them before anything is written and writes nothing
// until Save Anyway; Preview opens the draft as the window's lesson; the editor starts from the open lesson; and
// closing it (or the window) with unsaved changes asks first.

#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_editor.h"
#include "app/lessons/lesson_panel.h"
#include "app/window/main_window.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/views/trace_view.h"
#include "test_registry.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

namespace tst_lesson_editor {

using namespace attnlab;

namespace {

void settleEditorWindow(app::MainWindow& window)
{
    for (int i = 0; i < 3; ++i) {
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
    }
}

void clickStep(app::LessonEditor* editor, int row)
{
    QListWidget* list = editor->stepList();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
}

// Presses a key in the window until pred holds (at most limit times).
template <typename Pred>
bool pressUntil(QWidget* target, Qt::Key key, Qt::KeyboardModifiers modifiers, app::MainWindow& window, Pred pred, int limit = 8)
{
    for (int i = 0; i < limit && !pred(); ++i) {
        QTest::keyClick(target, key, modifiers);
        settleEditorWindow(window);
    }
    return pred();
}

// The offscreen platform does not always follow activateWindow() between two windows: the keys of a window's
// shortcuts go to the active one.
void activate(QWidget* window)
{
    window->activateWindow();
    QApplication::setActiveWindow(window);
    if (!QTest::qWaitForWindowActive(window))
        qWarning("%s did not become the active window", qPrintable(window->objectName()));
}

} // namespace

class TestLessonEditor : public QObject {
    Q_OBJECT
private slots:
    void writeALessonByHandAndReadItBack()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        window.resize(1280, 720);
        window.show();
        activate(&window);
        settleEditorWindow(window);

        // Edit ▸ Lesson Editor… starts a new lesson on the window's input.
        auto* open = window.findChild<QAction*>(QStringLiteral("lessonEditorAction"));
        QVERIFY(open);
        open->trigger();
        app::LessonEditor* editor = window.lessonEditor();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->draft().stepCount(), 0);
        QCOMPARE(editor->draft().input().value("text").toString(), window.state().input.text);
        QCOMPARE(editor->draft().input().value("model").toString(), QStringLiteral("toy"));
        QVERIFY(!editor->isModified());

        // The title and the id, typed: each field's typing is one undo command.
        QTest::keyClicks(editor->titleEdit(), QStringLiteral("Where does it look?"));
        QCOMPARE(editor->draft().title("en"), QStringLiteral("Where does it look?"));
        QCOMPARE(editor->undoStack()->count(), 1);
        editor->idEdit()->selectAll();
        QTest::keyClicks(editor->idEdit(), QStringLiteral("it-and-animal"));
        QCOMPARE(editor->draft().id(), QStringLiteral("it-and-animal"));
        QCOMPARE(editor->undoStack()->count(), 2);
        QVERIFY(editor->isModified());

        // Step 1: the heatmap of layer 2, head 3, query "it", set with the window's keys.
        activate(&window);
        window.showView(QStringLiteral("heatmap"));
        settleEditorWindow(window);
        QWidget* heatmap = window.view(QStringLiteral("heatmap"));
        const QStringList tokens = window.trace()->tokens;
        const int it = int(tokens.indexOf(QStringLiteral("it")));
        QVERIFY(it > 0);
        QVERIFY(pressUntil(heatmap, Qt::Key_Down, Qt::ControlModifier, window, [&] { return window.selection().layer == 1; }));
        QVERIFY(pressUntil(heatmap, Qt::Key_Right, Qt::ControlModifier, window, [&] { return window.selection().head == 2; }));
        QVERIFY(pressUntil(heatmap, Qt::Key_Right, Qt::AltModifier, window, [&] { return window.selection().query == it; }, 20));
        QTest::mouseClick(editor->recordButton(), Qt::LeftButton);
        QCOMPARE(editor->draft().stepCount(), 1);
        QCOMPARE(editor->stepList()->count(), 1);
        QCOMPARE(editor->currentStep(), 0);

        // Step 2: the arcs, head 2, query "because" (the token before "it").
        window.showView(QStringLiteral("arcs"));
        settleEditorWindow(window);
        QWidget* arcs = window.view(QStringLiteral("arcs"));
        QVERIFY(pressUntil(arcs, Qt::Key_Left, Qt::ControlModifier, window, [&] { return window.selection().head == 1; }));
        QVERIFY(pressUntil(arcs, Qt::Key_Left, Qt::AltModifier, window, [&] { return window.selection().query == it - 1; }));
        QTest::mouseClick(editor->recordButton(), Qt::LeftButton);
        // Step 3, recorded by mistake and deleted below.
        QTest::mouseClick(editor->recordButton(), Qt::LeftButton);
        QCOMPARE(editor->draft().stepCount(), 3);
        QCOMPARE(editor->currentStep(), 2);

        // The figures recorded: every field, 1-based; a query by its text.
        model::LessonDraftFigure first = editor->draft().stepFigure(0);
        QCOMPARE(first.view, QStringLiteral("heatmap"));
        QCOMPARE(first.layer, std::optional<int>(2));
        QCOMPARE(first.head, std::optional<int>(3));
        QCOMPARE(first.query, QStringLiteral("it"));
        QVERIFY(!first.stage);
        model::LessonDraftFigure second = editor->draft().stepFigure(1);
        QCOMPARE(second.view, QStringLiteral("arcs"));
        QCOMPARE(second.layer, std::optional<int>(2));
        QCOMPARE(second.head, std::optional<int>(2));
        QCOMPARE(second.query, tokens[it - 1]);

        // Texts: click a step, type.
        activate(editor);
        clickStep(editor, 0);
        QCOMPARE(editor->currentStep(), 0);
        QTest::keyClicks(editor->stepTextEdit(), QStringLiteral("Layer 2, head 3: where it looks."));
        clickStep(editor, 1);
        QTest::keyClicks(editor->stepTextEdit(), QStringLiteral("The weight is 9/26."));
        QTest::keyClicks(editor->notesEdit(), QStringLiteral("Take three guesses."));
        // A number question: kind chosen with the keyboard (None, key, head, number), prompt and answer typed.
        QComboBox* kind = editor->questionKindBox();
        kind->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(kind, Qt::Key_Down);
        QCOMPARE(editor->draft().stepQuestion(1).kind, QStringLiteral("number"));
        QVERIFY(editor->answerEdit()->isVisibleTo(editor));
        QVERIFY(!editor->keyEdit()->isVisibleTo(editor));
        QTest::keyClicks(editor->promptEdit(), QStringLiteral("What weight?"));
        QTest::keyClicks(editor->answerEdit(), QStringLiteral("9/26"));
        QCOMPARE(editor->draft().stepQuestion(1).answer, QStringLiteral("9/26"));
        QCOMPARE(editor->draft().stepText(1, "en"), QStringLiteral("The weight is 9/26."));
        QCOMPARE(editor->draft().version(), 2);

        // Reorder: step 2 up; then delete the third.
        QTest::mouseClick(editor->upButton(), Qt::LeftButton);
        QCOMPARE(editor->currentStep(), 0);
        QCOMPARE(editor->draft().stepFigure(0).view, QStringLiteral("arcs"));
        QCOMPARE(editor->draft().stepFigure(1).view, QStringLiteral("heatmap"));
        QCOMPARE(editor->stepTextEdit()->toPlainText(), QStringLiteral("The weight is 9/26."));
        clickStep(editor, 2);
        QTest::mouseClick(editor->deleteButton(), Qt::LeftButton);
        QCOMPARE(editor->draft().stepCount(), 2);
        QCOMPARE(editor->stepList()->count(), 2);
        const QJsonObject written = editor->draft().json();

        // Undo with the keys: the delete comes back, then the order, then all the way to the empty lesson.
        activate(editor);
        editor->stepTextEdit()->setFocus();
        QTest::keyClick(editor->stepTextEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->draft().stepCount(), 3);
        QCOMPARE(editor->stepList()->count(), 3);
        QTest::keyClick(editor->stepTextEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->draft().stepFigure(0).view, QStringLiteral("heatmap"));
        QCOMPARE(editor->draft().stepFigure(1).view, QStringLiteral("arcs"));
        // The answer's typing is one command: one more undo takes all of "9/26".
        QTest::keyClick(editor->stepTextEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->draft().stepQuestion(1).answer, QString());
        QCOMPARE(editor->draft().stepQuestion(1).prompt.value("en").toString(), QStringLiteral("What weight?"));
        while (editor->undoStack()->canUndo())
            QTest::keyClick(editor->stepList(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->draft().stepCount(), 0);
        QCOMPARE(editor->draft().title("en"), QString());
        QCOMPARE(editor->titleEdit()->text(), QString());
        QVERIFY(!editor->isModified());
        // Redo (Ctrl+Shift+Z) brings every change back, the texts in their fields.
        while (editor->undoStack()->canRedo())
            QTest::keyClick(editor->stepList(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->draft().json(), written);
        QCOMPARE(editor->titleEdit()->text(), QStringLiteral("Where does it look?"));
        QCOMPARE(editor->stepList()->count(), 2);
        clickStep(editor, 0);
        QCOMPARE(editor->stepTextEdit()->toPlainText(), QStringLiteral("The weight is 9/26."));
        QCOMPARE(editor->answerEdit()->text(), QStringLiteral("9/26"));

        // Save, and read the file back.
        const QString path = dir.filePath(QStringLiteral("it-and-animal.attnlab-lesson"));
        QVERIFY(editor->saveTo(path));
        QVERIFY(!editor->isModified());
        QVERIFY(!editor->problemsBox()->isVisible());
        const auto lesson = model::readLesson(path);
        QVERIFY2(lesson, qPrintable(lesson.error()));
        QCOMPARE(lesson->version, 2);
        QCOMPARE(lesson->id, QStringLiteral("it-and-animal"));
        QCOMPARE(lesson->languages, QStringList{"en"});
        QCOMPARE(lesson->title.get("en"), QStringLiteral("Where does it look?"));
        QVERIFY(lesson->summary.texts.empty());
        QCOMPARE(lesson->view, QStringLiteral("heatmap")); // the view the window showed at New
        QCOMPARE(lesson->text, window.state().input.text);
        QCOMPARE(lesson->modelName, QStringLiteral("toy"));
        QVERIFY(!lesson->problem);
        QCOMPARE(lesson->steps.size(), size_t(2));
        const model::LessonStep& asks = lesson->steps[0];
        QCOMPARE(asks.view, QStringLiteral("arcs"));
        QCOMPARE(asks.layer, std::optional<int>(2));
        QCOMPARE(asks.head, std::optional<int>(2));
        QCOMPARE(asks.query, tokens[it - 1]);
        QVERIFY(!asks.step);
        QCOMPARE(asks.text.get("en"), QStringLiteral("The weight is 9/26."));
        QCOMPARE(asks.notes.get("en"), QStringLiteral("Take three guesses."));
        QVERIFY(asks.question);
        QCOMPARE(int(asks.question->kind), int(model::LessonQuestion::Kind::Number));
        QCOMPARE(asks.question->prompt.get("en"), QStringLiteral("What weight?"));
        QCOMPARE(asks.question->answerWritten, QStringList{"9/26"});
        QCOMPARE(asks.question->answer, std::vector<double>{9.0 / 26.0});
        QCOMPARE(asks.question->tolerance, 0.005);
        const model::LessonStep& shows = lesson->steps[1];
        QCOMPARE(shows.view, QStringLiteral("heatmap"));
        QCOMPARE(shows.layer, std::optional<int>(2));
        QCOMPARE(shows.head, std::optional<int>(3));
        QCOMPARE(shows.query, QStringLiteral("it"));
        QCOMPARE(shows.text.get("en"), QStringLiteral("Layer 2, head 3: where it looks."));
        QVERIFY(shows.notes.texts.empty());
        QVERIFY(!shows.question);
        QVERIFY(lesson->facts.empty());

        // The file opens in the editor as it was written.
        app::LessonEditor other(&window);
        QVERIFY(other.openFile(path));
        QCOMPARE(other.draft().json(), written);
        QCOMPARE(other.stepList()->count(), 2);
        editor->close();
    }

    void aLessonWithProblemsIsNotSavedUnseen()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        window.show();
        settleEditorWindow(window);
        window.showView(QStringLiteral("steps"));
        settleEditorWindow(window);
        window.showLessonEditor();
        app::LessonEditor* editor = window.lessonEditor();
        // No title, and a key question in the step view, which cannot answer it.
        QTest::mouseClick(editor->recordButton(), Qt::LeftButton);
        QTest::keyClicks(editor->stepTextEdit(), QStringLiteral("Which key?"));
        editor->questionKindBox()->setFocus();
        QTest::keyClick(editor->questionKindBox(), Qt::Key_Down);
        QCOMPARE(editor->draft().stepQuestion(0).kind, QStringLiteral("key"));
        QTest::keyClicks(editor->promptEdit(), QStringLiteral("Which key does it attend to?"));

        const QString path = dir.filePath(QStringLiteral("broken.attnlab-lesson"));
        QVERIFY(!editor->saveTo(path));
        QVERIFY(!QFile::exists(path));
        QVERIFY(editor->problemsBox()->isVisible());
        QStringList problems;
        for (int i = 0; i < editor->problemList()->count(); ++i)
            problems << editor->problemList()->item(i)->text();
        QVERIFY2(problems.filter(QStringLiteral("title")).size() == 1, qPrintable(problems.join('\n')));
        QVERIFY2(problems.filter(QStringLiteral("steps[0].question")).size() >= 1, qPrintable(problems.join('\n')));
        QVERIFY(editor->isModified());
        // Cancelled (the author goes on editing): nothing is written, and Save Anyway no longer applies.
        QTest::keyClicks(editor->titleEdit(), QStringLiteral("Keys"));
        QVERIFY(!editor->saveAnywayButton()->isEnabled());
        QVERIFY(!editor->saveAnyway());
        QVERIFY(!QFile::exists(path));
        // Saving again lists the question's problem alone; Save Anyway then writes what was shown.
        QVERIFY(!editor->saveTo(path));
        problems.clear();
        for (int i = 0; i < editor->problemList()->count(); ++i)
            problems << editor->problemList()->item(i)->text();
        QVERIFY2(!problems.isEmpty() && problems.filter(QStringLiteral("steps[0].question")) == problems,
                 qPrintable(problems.join('\n')));
        QVERIFY(editor->saveAnywayButton()->isEnabled());
        QTest::mouseClick(editor->saveAnywayButton(), Qt::LeftButton);
        QVERIFY(QFile::exists(path));
        QVERIFY(!editor->isModified());
        QVERIFY(!editor->problemsBox()->isVisible());
        const model::LessonCheck check = model::checkLessonFile(path);
        QVERIFY(check.lesson);
        QCOMPARE(check.lesson->title.get("en"), QStringLiteral("Keys"));
    }

    void previewOpensTheDraftInTheWindow()
    {
        app::MainWindow window;
        window.show();
        settleEditorWindow(window);
        window.showView(QStringLiteral("heatmap"));
        window.showLessonEditor();
        app::LessonEditor* editor = window.lessonEditor();
        QTest::keyClicks(editor->titleEdit(), QStringLiteral("Preview me"));
        window.showView(QStringLiteral("arcs"));
        QTest::mouseClick(editor->recordButton(), Qt::LeftButton);
        QTest::keyClicks(editor->stepTextEdit(), QStringLiteral("The arcs."));
        window.showView(QStringLiteral("model"));
        settleEditorWindow(window);
        QVERIFY(!window.lessons()->isOpen());
        editor->previewAction()->trigger();
        settleEditorWindow(window);
        QVERIFY(window.lessons()->isOpen());
        QCOMPARE(window.lessonPanel()->lesson().title.get("en"), QStringLiteral("Preview me"));
        QCOMPARE(window.lessonPanel()->paragraphCount(), 1);
        QCOMPARE(window.currentViewName(), QStringLiteral("arcs"));
        // Previewing is not saving.
        QVERIFY(editor->isModified());
        editor->undoStack()->setClean();
        editor->close();
    }

    void theEditorStartsFromTheOpenLessonAndAsksBeforeClosing()
    {
        app::MainWindow window;
        window.show();
        settleEditorWindow(window);
        QVERIFY(window.openLesson(QStringLiteral("causal-mask")));
        settleEditorWindow(window);
        window.showLessonEditor();
        app::LessonEditor* editor = window.lessonEditor();
        QCOMPARE(editor->draft().id(), QStringLiteral("causal-mask"));
        QCOMPARE(editor->draft().stepCount(), 4);
        QCOMPARE(editor->stepList()->count(), 4);
        QVERIFY(editor->path().isEmpty()); // a built-in lesson is saved as a file of one's own
        QCOMPARE(editor->languageBox()->count(), 3);
        editor->setEditedLanguage(QStringLiteral("ja"));
        QVERIFY(!editor->titleEdit()->text().isEmpty());
        QCOMPARE(editor->titleEdit()->text(), editor->draft().title("ja"));

        // Unsaved changes: closing asks; Cancel keeps the editor open, Discard closes it.
        QTest::mouseClick(editor->downButton(), Qt::LeftButton);
        QVERIFY(editor->isModified());
        QString asked;
        const auto answer = [&asked](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [&asked, button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box)
                    return;
                asked = box->text();
                box->button(button)->click();
            });
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!editor->close());
        QVERIFY(asked.contains(QStringLiteral("causal-mask")));
        QVERIFY(editor->isVisible());
        answer(QMessageBox::Discard);
        QVERIFY(editor->close());
        QVERIFY(!editor->isVisible());

        // Closing the window asks about the lesson being written first: Cancel keeps both open.
        window.showLessonEditor();
        QVERIFY(editor->isVisible());
        QVERIFY(!editor->isModified());
        QTest::mouseClick(editor->downButton(), Qt::LeftButton);
        asked.clear();
        answer(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(asked.contains(QStringLiteral("causal-mask")));
        QVERIFY(window.isVisible());
        QVERIFY(editor->isVisible());
        editor->undoStack()->setClean();
    }
};

ATTNLAB_TEST_MAIN(TestLessonEditor)
} // namespace tst_lesson_editor
#include "tst_lesson_editor.moc"
