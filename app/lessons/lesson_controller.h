#pragma once

// The window's lessons: the lesson pane (a dock), Help ▸ Lessons…, the browser shown at the first start, and
// opening a lesson: its input as one undo step, its view, and its selection once its trace exists. The pane's
// paragraph and the step view's stage follow each other. The lesson closes when the input leaves it (another
// input mode or model, a session), so that its text never stands beside an unrelated input; a lesson about
// training stays open when the model changes, since it ends by opening the model it trained.

#include "model/trace/patching_inputs.h"
#include "app/workspace/selection_request.h"
#include "app/workspace/workspace_state.h"
#include "model/teaching/lesson.h"

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QMessageBox;

namespace attnlab::widgets {
class StepView;
class TraceView;
}

namespace attnlab::app {

class LessonBrowser;
class LessonPanel;
class Workspace;

class LessonController : public QObject {
    Q_OBJECT
public:
    // Adds the pane's dock to window; workspace and steps (the step view) outlive it. showView shows a view by
    // name.
    LessonController(QMainWindow* window, Workspace* workspace, widgets::StepView* steps,
                     std::function<void(const QString&)> showView, QObject* parent);

    // A built-in or user lesson by id.
    bool openLesson(const QString& id);
    // A lesson file (File ▸ Open Lesson…): checked first; a file with problems is not opened and
    // problemsShown lists them in one dialog.
    bool openLessonFile(const QString& path);
    bool openLesson(const model::Lesson& lesson);
    bool isOpen() const { return m_open; }
    void close();
    void showBrowser();
    void showAtFirstStart();
    // Help ▸ Lessons… and the pane's toggle (enabled while a lesson is open).
    void addActions(QMenu* help);

    // The views a step's question hides its answers on and takes its clicks from (the window's views; without
    // them, the step view alone).
    void setViews(const std::vector<widgets::TraceView*>& views);
    // Presentation mode: the pane hides the score.
    void setPresenting(bool presenting);

    LessonPanel* panel() const { return m_panel; }
    QDockWidget* dock() const { return m_dock; }
    LessonBrowser* browser() const { return m_browser; }
    // The open lesson's current paragraph as a caption (presentation mode shows it under the figure); empty
    // when no lesson is open.
    QString captionHtml() const;

signals:
    // A lesson could not be opened: the message names it and the problem.
    void failed(const QString& message);
    // A lesson opened or closed, or its current paragraph changed: captionHtml() has something new.
    void captionChanged();
    // The lesson fills the patching view's fields (Lesson::patching).
    void patchingInputsChosen(const attnlab::model::PatchingInputs& inputs);
    // A step of the lesson moves the figure (its layer, head, query or stage; LessonStep).
    void selectionChosen(const attnlab::app::SelectionRequest& selection);
    // A lesson file could not be opened: the dialog that lists its problems.
    void problemsShown(QMessageBox* dialog);

private:
    void paragraphChanged(int paragraph);
    void stepChanged(int step);
    void workspaceChanged(const WorkspaceState& state);
    void setExactExp(bool exact);
    SelectionRequest stepSelection(const model::LessonStep& step, int paragraph) const;
    // While the current step's question waits: every view hides its answers and clicks answer a key or head
    // question; otherwise the views are as always.
    void updateQuestion();
    // The view the current step shows (its view, or the last one a step before it or the lesson chose).
    widgets::TraceView* questionView() const;
    void keyClicked(int key);
    void headClicked(int layer, int head);
    // The right answer of the current key or head question as the pane says it, read from the figure's trace,
    // and whether a clicked key or head is one of them.
    QString figureAnswerText() const;

    QMainWindow* m_window;
    Workspace* m_workspace;
    widgets::StepView* m_steps;
    std::function<void(const QString&)> m_showView;
    LessonPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
    LessonBrowser* m_browser = nullptr;
    bool m_open = false;
    InputState m_lessonInput; // the input the lesson opened, to tell when the workspace leaves it
    std::vector<widgets::TraceView*> m_views;
};

} // namespace attnlab::app
