#pragma once

// Edit ▸ Lesson Editor…: a window for writing a lesson by hand. It starts from the lesson open in the main
// window (its file) or a new lesson on the window's input; Record Step takes the window's view and selection as
// a step (lesson_recording.h); the author writes each step's text, presenter notes and question in each of the
// lesson's languages, moves and deletes steps, previews the lesson in the main window and saves it as a
// .attnlab-lesson file. The lesson itself is a model::LessonDraft; every change is one command of the editor's
// own undo stack (typing on in the same field is one command). Saving validates first, with the models AttnLab
// knows: a lesson with problems is not written until the author, having seen the problems listed, chooses Save
// Anyway.

#include "model/teaching/lesson_draft.h"
#include "model/teaching/lesson.h"

#include <QMainWindow>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QUndoStack;
class QFormLayout;

namespace attnlab::app {

class MainWindow;

class LessonEditor : public QMainWindow {
    Q_OBJECT
public:
    // window: where steps are recorded from and the lesson is previewed; it outlives the editor.
    explicit LessonEditor(MainWindow* window);

    // The lesson open in the window (read again from its file) when there is one, else a new lesson on the
    // window's input. Asks first when the draft has unsaved changes; false when the author cancelled.
    bool startFromWindow();
    // A new lesson: the window's input and view, no steps.
    bool newLesson();
    // A lesson file into the editor; false (with a message) when it is not a JSON object.
    bool openFile(const QString& path);
    // Save: to the lesson's file, else Save As. saveTo validates first: with problems it lists them, writes
    // nothing and returns false (Save Anyway then writes). Writes atomically.
    bool save();
    bool saveTo(const QString& path);
    bool saveAnyway();
    // Record Step: the window's view and selection as a new step after the last, selected.
    void recordStep();
    // Takes the window's input (and its view as the lesson's) into the lesson.
    void takeInput();
    // Opens the draft in the main window as its lesson; problems that keep it from opening are listed.
    bool preview();
    // Checks the draft as saving would and lists its problems (or says there are none).
    std::vector<model::LessonProblem> check();

    const model::LessonDraft& draft() const { return m_draft; }
    QString path() const { return m_path; }
    QUndoStack* undoStack() const { return m_undo; }
    bool isModified() const;
    int currentStep() const;
    void selectStep(int step);
    QString editedLanguage() const;
    void setEditedLanguage(const QString& language);

    // The controls, for tests.
    QLineEdit* idEdit() const { return m_id; }
    QLineEdit* languagesEdit() const { return m_languages; }
    QComboBox* languageBox() const { return m_language; }
    QLineEdit* titleEdit() const { return m_title; }
    QPlainTextEdit* summaryEdit() const { return m_summary; }
    QListWidget* stepList() const { return m_steps; }
    QPushButton* recordButton() const { return m_record; }
    QPushButton* upButton() const { return m_up; }
    QPushButton* downButton() const { return m_down; }
    QPushButton* deleteButton() const { return m_delete; }
    QPlainTextEdit* stepTextEdit() const { return m_text; }
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QComboBox* questionKindBox() const { return m_kind; }
    QLineEdit* promptEdit() const { return m_prompt; }
    QLineEdit* keyEdit() const { return m_key; }
    QLineEdit* answerEdit() const { return m_answer; }
    QLineEdit* toleranceEdit() const { return m_tolerance; }
    QPlainTextEdit* optionsEdit() const { return m_options; }
    QSpinBox* correctOptionBox() const { return m_correct; }
    QGroupBox* problemsBox() const { return m_problemsBox; }
    QListWidget* problemList() const { return m_problems; }
    QPushButton* saveAnywayButton() const { return m_saveAnyway; }
    QAction* previewAction() const { return m_previewAction; }
    QAction* saveAction() const { return m_saveAction; }

    // Restores a state of the draft (the undo commands).
    void restore(const model::LessonDraft& draft, int step);

protected:
    void closeEvent(QCloseEvent* event) override;
    // Ctrl+Z in a text field is the editor's undo, not the field's own.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createWidgets();
    void createActions();
    // One change of the draft as one undo command; a mergeKey joins consecutive changes with the same key.
    void change(const QString& text, const QString& mergeKey, int stepAfter,
                const std::function<void(model::LessonDraft&)>& edit);
    void changeStep(const QString& text, const QString& field, const std::function<void(model::LessonDraft&, int)>& edit);
    void refresh();
    void refreshStepList();
    void refreshStep();
    void setTitleBar();
    void showProblems(const std::vector<model::LessonProblem>& problems, bool offerSave);
    bool writeTo(const QString& path);
    bool saveAs();
    bool maybeSave();
    void start(const model::LessonDraft& draft, const QString& path);
    QString stepLabel(int step) const;

    MainWindow* m_window;
    model::LessonDraft m_draft;
    QString m_path;        // the file the lesson is saved in; "" until it is
    QString m_pendingPath; // where Save Anyway writes, after a save that found problems
    QUndoStack* m_undo;
    QWidget* m_source = nullptr; // the control being typed in, which refresh() leaves as typed
    int m_step = -1;

    QGroupBox* m_lessonBox = nullptr;
    QFormLayout* m_lessonForm = nullptr;
    QLineEdit* m_id = nullptr;
    QLineEdit* m_languages = nullptr;
    QComboBox* m_language = nullptr;
    QLineEdit* m_title = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QLabel* m_input = nullptr;
    QPushButton* m_takeInput = nullptr;
    QGroupBox* m_stepsBox = nullptr;
    QListWidget* m_steps = nullptr;
    QPushButton* m_record = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QPushButton* m_delete = nullptr;
    QGroupBox* m_stepBox = nullptr;
    QFormLayout* m_stepForm = nullptr;
    QLabel* m_figure = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QGroupBox* m_questionBox = nullptr;
    QFormLayout* m_questionForm = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_prompt = nullptr;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_answer = nullptr;
    QLineEdit* m_tolerance = nullptr;
    QPlainTextEdit* m_options = nullptr;
    QSpinBox* m_correct = nullptr;
    QGroupBox* m_problemsBox = nullptr;
    QLabel* m_problemsNote = nullptr;
    QListWidget* m_problems = nullptr;
    QPushButton* m_saveAnyway = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_previewAction = nullptr;
    QAction* m_checkAction = nullptr;
    QAction* m_closeAction = nullptr;
};

} // namespace attnlab::app
