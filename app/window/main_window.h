#pragma once

// The main window wires the panels, the token strip and the views to the Workspace (state, undo, the
// computation) and shows what it hands out: the trace, the selection, the look (ViewStyle). The status bar's
// account of the computation is ComputeStatus's, the lessons LessonController's, the session file
// SessionController's; what stays here is what the user selects and sees.

#include "app/session/session_host.h"
#include "app/workspace/selection_request.h"
#include "app/workspace/workspace_state.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QUndoStack;

namespace attnlab::model {
class ModelLoader;
class TraceComputer;
} // namespace attnlab::model

namespace attnlab::widgets {
class BusyIndicator;
class FadeOverlay;
class TokenStrip;
class TraceView;
} // namespace attnlab::widgets

namespace attnlab::app {

class AblationBar;
class ComputeStatus;
class ComparisonTab;
class ControlBar;
class InputPanel;
class LessonBrowser;
class LessonController;
class LessonEditor;
class LessonPanel;
class ModelInfoPanel;
class PresentationMode;
class TrainWindow;
class PresenterWindow;
class SessionController;
class Workspace;

class MainWindow : public QMainWindow, public SessionHost {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // For tests and the command line: the workspace, the shown trace, the views.
    Workspace* workspace() const { return m_workspace; }
    const WorkspaceState& state() const;
    // A state from elsewhere as one undo step ("Load"), recomputed.
    void setWorkspace(const WorkspaceState& state);
    std::shared_ptr<const model::Trace> trace() const { return m_trace; }
    const model::TraceSelection& selection() const { return m_selection; }
    // True while the views show the previous input's trace (the current input failed or was stopped).
    bool showsStaleTrace() const { return m_stale; }
    widgets::TraceView* view(const QString& name) const;
    // The figure File ▸ Export Figure and Copy Figure take: the shown view, or the Compare tab's comparison.
    widgets::TraceView* shownFigure() const;
    ComparisonTab* comparisonTab() const { return m_comparison; }
    void showView(const QString& name);
    InputPanel* inputPanel() const { return m_input; }
    ControlBar* controls() const { return m_controls; }
    widgets::TokenStrip* tokenStrip() const { return m_tokens; }
    QUndoStack* undoStack() const override;
    model::TraceComputer* computer() const;
    model::ModelLoader* modelLoader() const;
    ModelInfoPanel* modelInfo() const { return m_info; }
    ComputeStatus* computeStatus() const { return m_computeStatus; }
    // Loads a checkpoint (folder or .bin) and, once loaded, makes it the workspace's model (one undo step).
    // The current model stays in use while it loads and when it fails.
    void openModel(const QString& path);
    // Sessions (main_window_session.cpp; the file, autosave and recovery belong to SessionController).
    Session currentSession() const override;
    void applySession(const Session& session) override;
    QWidget* sessionWindow() override { return this; }
    void showStatusMessage(const QString& message, int milliseconds) override;
    QString currentViewName() const;
    SessionController* sessions() const { return m_sessions; }
    // Lessons (LessonController): opening one sets its input, view and selection as one undo step and shows
    // its pane; the browser lists them all and is shown once, at the first start.
    LessonController* lessons() const { return m_lessons; }
    bool openLesson(const QString& id);
    // File ▸ Open Lesson… after its file dialog: the lesson file opened and started, or its problems listed.
    bool openLessonFile(const QString& path);
    void showLessonBrowser();
    // Edit ▸ Lesson Editor… (created on first use): shown, starting from the open lesson or the current input
    // unless it is already open.
    LessonEditor* lessonEditor();
    void showLessonEditor();
    void showLessonsAtFirstStart();
    LessonPanel* lessonPanel() const;
    LessonBrowser* lessonBrowser() const;
    bool presentationMode() const { return m_style.presentation; }
    // The figure fills the window, its fonts and lines grow (presentation_mode.h); Esc leaves.
    void setPresentationMode(bool on);
    PresentationMode* presentation() const { return m_presentation; }
    // The Train window (created on first use), shown with a task and preset when given ("induction", "tiny").
    // View ▸ Presenter Notes (main_window_presenter.cpp): the presenter window, or with one screen while
    // presenting the notes strip over the figure.
    PresenterWindow* presenterWindow();
    void togglePresenterNotes();
    TrainWindow* trainWindow();
    void showTrainWindow(const QString& task = {}, const QString& preset = {});
    void setDarkTheme(bool dark);

    // Switching parts of the model off (main_window_ablation.cpp): each change is one undo step and recomputes.
    // Heads and layers are 0-based; a head or MLP already off is switched back on.
    void setAblation(const model::Ablation& ablation, const QString& undoText);
    void toggleHeadAblation(int layer, int head);
    void toggleMlpAblation(int layer);
    // The context menu of a head (a grid cell, the head view's swatch, the heatmap): switch it, or its layer's
    // MLP, off or back on, and switch everything back on. The caller owns the menu.
    QMenu* headMenu(int layer, int head, QWidget* parent);
    AblationBar* ablationBar() const { return m_ablationBar; }
    QMenu* ablationMenu() const { return m_ablationMenu; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void inputEdited(bool typing);
    void computeEdited();
    void stateApplied(const WorkspaceState& state);
    void traceReady(std::shared_ptr<const model::Trace> trace);
    void applySelection(const SelectionRequest& selection);
    void setStale(bool stale);
    void selectionEdited();
    void selectQuery(int query);
    void toggleHead(int head, bool visible);
    void toggleMaskCell(int query, int key);
    void selectLayerHead(int layer, int head);
    // The shown view's analysesNeeded go with every request (Workspace::setAnalyses; no undo step).
    void requestViewAnalyses();
    void pushViews();
    void applyStyle();
    void exportFigure();
    void copyFigure();
    void exportMatrices();
    void stepHead(int delta);
    void stepLayer(int delta);
    // Page Down / Page Up: the open lesson's next paragraph, else the step view's next step.
    void stepLesson(int delta);
    QString presentationStatus() const; // "Heatmap · layer 2 of 12 · head 3 of 12 · query “it”"
    // main_window_models.cpp: the model list, the open dialog, "Loading … [Cancel]", the error box.
    void createModelLoading();
    void createTrainingMenu(); // main_window_training.cpp
    void createPresenterActions(QMenu* view); // main_window_presenter.cpp
    // The open lesson's step sets presentation mode's zoom and panels and the presenter notes (its notes, the
    // answer of its question in the figure shown).
    void updateLessonPresentation();
    void createAblationMenu(); // main_window_ablation.cpp
    void updateAblationActions(); // the menu's texts follow the selected head and the state
    void listAblatedParts();      // the menu's items of what is off, as it opens
    void showAblation();          // the bar and the menu show the state's ablation
    void showHeadMenu(int layer, int head, const QPoint& globalPos);
    // Whether heads and MLPs can be switched off now: a sentence with a trace of layers.
    bool canAblate() const;
    void chooseModelFile();
    void chooseModelFolder(); // File ▸ Add Models Folder…: its models join the model list
    void downloadModel(); // main_window_download.cpp
    void modelLoaded(const QString& path);
    void modelFailed(const QString& path, const QString& message);
    void loadingChanged(bool loading);
    void refreshModelChoices();
    void showModelInfo(); // the model panel, and what the control bar's settings apply to
    void readSettings();
    void writeSettings() const;

    Workspace* m_workspace = nullptr;
    InputPanel* m_input = nullptr;
    ControlBar* m_controls = nullptr;
    widgets::TokenStrip* m_tokens = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_staleNote = nullptr; // "The views show the previous input's result" over the dimmed views
    widgets::FadeOverlay* m_staleFade = nullptr; // dims the views while they show a stale trace
    std::vector<widgets::TraceView*> m_views;
    ComputeStatus* m_computeStatus = nullptr;
    ComparisonTab* m_comparison = nullptr; // the Compare tab: the input beside a text B
    ModelInfoPanel* m_info = nullptr;
    PresentationMode* m_presentation = nullptr;
    TrainWindow* m_train = nullptr;
    PresenterWindow* m_presenter = nullptr;
    widgets::BusyIndicator* m_loading = nullptr; // "Loading gpt2… [busy] [Cancel]" in the status bar
    SessionController* m_sessions = nullptr;
    LessonController* m_lessons = nullptr;
    LessonEditor* m_lessonEditor = nullptr;
    AblationBar* m_ablationBar = nullptr;
    QMenu* m_ablationMenu = nullptr;
    QAction* m_ablateShownHead = nullptr; // Ctrl+K
    QAction* m_ablateShownMlp = nullptr;
    QAction* m_ablateZero = nullptr;
    QAction* m_ablateMean = nullptr;
    QAction* m_ablationClear = nullptr;   // Ctrl+Shift+K
    QList<QAction*> m_ablatedItems;       // one per part switched off, unchecking switches it back on

    std::shared_ptr<const model::Trace> m_trace;
    model::TraceSelection m_selection;
    widgets::ViewStyle m_style;
    bool m_stale = false;
};

} // namespace attnlab::app
