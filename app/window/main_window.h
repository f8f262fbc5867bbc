#pragma once

// The main window wires the input panel, the controls, the token strip and the views together. It owns the
// workspace state and the undo stack; traces are computed by TraceComputer off the GUI thread.

#include "model/trace/trace.h"
#include "model/pipeline/trace_computer.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"
#include "app/workspace/workspace_state.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QDockWidget;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;
class QUndoStack;

namespace attnlab::model {
class ModelLoader;
} // namespace attnlab::model

namespace attnlab::widgets {
class BusyIndicator;
class TokenStrip;
class TraceView;
} // namespace attnlab::widgets

namespace attnlab::app {

class ControlBar;
class InputPanel;
class ModelInfoPanel;
class SessionController;
struct Session;
class LessonBrowser;
class LessonPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // For tests and the command line: the state, the shown trace, the views.
    const WorkspaceState& workspace() const { return m_state; }
    void setWorkspace(const WorkspaceState& state); // pushes an undo step and recomputes
    std::shared_ptr<const model::Trace> trace() const { return m_trace; }
    const model::TraceSelection& selection() const { return m_selection; }
    widgets::TraceView* view(const QString& name) const;
    void showView(const QString& name);
    InputPanel* inputPanel() const { return m_input; }
    ControlBar* controls() const { return m_controls; }
    widgets::TokenStrip* tokenStrip() const { return m_tokens; }
    QUndoStack* undoStack() const { return m_undo; }
    model::TraceComputer* computer() const { return m_computer; }
    model::ModelLoader* modelLoader() const { return m_loader; }
    ModelInfoPanel* modelInfo() const { return m_info; }
    // Loads a checkpoint (folder or .bin) and, once loaded, makes it the workspace's model (one undo step).
    // The current model stays in use while it loads and when it fails.
    void openModel(const QString& path);
    // Sessions (main_window_session.cpp; the file, autosave and recovery belong to SessionController): the whole
    // setup as a Session, and back — the workspace as one undo step, the view, and the selection once traced.
    Session currentSession() const;
    void applySession(const Session& session);
    QString currentViewName() const;
    SessionController* sessions() const { return m_sessions; }
    // Lessons (main_window_lessons.cpp): opening one sets its input, view and selection as one undo step and
    // shows its pane; the browser lists them all and is shown once, at the first start.
    bool openLesson(const QString& id);
    void showLessonBrowser();
    void showLessonsAtFirstStart();
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    LessonBrowser* lessonBrowser() const { return m_lessonBrowser; }
    bool presentationMode() const { return m_style.presentation; }
    void setPresentationMode(bool on);
    void setDarkTheme(bool dark);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void inputEdited(bool typing);
    void computeEdited();
    void applyState(const WorkspaceState& state); // from undo/redo: no new undo step
    void recompute();
    void traceReady(std::shared_ptr<const model::Trace> trace);
    // main_window_compute.cpp: the status bar's busy indicator with Stop, and the offer to run the first
    // tokens of a text that has too many.
    void createComputeStatus(); // main_window_compute.cpp
    void createModelLoading(); // main_window_models.cpp
    void computeFailed(const QString& message, const model::TokenLimit& limit = {});
    void computeCancelled();
    void runFirstTokens();
    void runFirstLayers();
    void pushLimitedRun(const WorkspaceState& state, const QString& undoText); // one undo step
    static QString firstTokensText(int count);             // "Run the first 512 tokens"
    static QString firstLayersText(int count, int total);  // "Run only the first 4 of 12 layers"
    void selectionEdited();
    void selectQuery(int query);
    void toggleHead(int head, bool visible);
    void toggleMaskCell(int query, int key);
    void selectLayerHead(int layer, int head);
    void pushViews();
    void applyStyle();
    void exportFigure();
    void copyFigure();
    void exportMatrices();
    void stepHead(int delta);
    void stepLayer(int delta);
    void chooseModelFile();
    void downloadModel(); // main_window_download.cpp
    void modelLoaded(const QString& path);
    void modelFailed(const QString& path, const QString& message);
    void loadingChanged(bool loading);
    void refreshModelChoices();
    void showModelInfo(); // the model panel, and what the control bar's settings apply to
    void readSettings();
    void writeSettings() const;
    void createLessonDock();
    void addLessonActions(QMenu* help);
    void applyLessonSelection();
    void lessonParagraphChanged(int paragraph);
    void setExactExp(bool exact);

    InputPanel* m_input = nullptr;
    ControlBar* m_controls = nullptr;
    widgets::TokenStrip* m_tokens = nullptr;
    QTabWidget* m_tabs = nullptr;
    std::vector<widgets::TraceView*> m_views;
    model::TraceComputer* m_computer = nullptr;
    QUndoStack* m_undo = nullptr;
    QLabel* m_status = nullptr;
    widgets::BusyIndicator* m_busy = nullptr; // "[busy] [Stop]" while a trace is computed
    QPushButton* m_firstTokens = nullptr; // "Run the first N tokens" after a token limit
    QPushButton* m_firstLayers = nullptr; // "Run only the first L of M layers" after a memory limit
    model::TokenLimit m_limit;                   // the last limit met
    model::ModelLoader* m_loader = nullptr;
    ModelInfoPanel* m_info = nullptr;
    widgets::BusyIndicator* m_loading = nullptr; // "Loading gpt2… [busy] [Cancel]" in the status bar

    WorkspaceState m_state;
    std::shared_ptr<const model::Trace> m_trace;
    model::TraceSelection m_selection;
    widgets::ViewStyle m_style;
    bool m_applying = false;
    SessionController* m_sessions = nullptr;
    QMetaObject::Connection m_pendingSessionSelection; // applies an opened session's selection to its trace
    LessonPanel* m_lessonPanel = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    LessonBrowser* m_lessonBrowser = nullptr;
    bool m_lessonSelectionPending = false; // the open lesson's query/layer/head wait for its trace
};

} // namespace attnlab::app
