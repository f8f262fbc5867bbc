#pragma once

// The main window wires the input panel, the controls, the token strip and the views together. It owns the
// workspace state and the undo stack; traces are computed by TraceComputer off the GUI thread.

#include "trace.h"
#include "trace_computer.h"
#include "trace_selection.h"
#include "view_style.h"
#include "workspace_state.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QLabel;
class QProgressBar;
class QTabWidget;
class QUndoStack;

namespace attnlab::widgets {
class TokenStrip;
class TraceView;
} // namespace attnlab::widgets

namespace attnlab::app {

class ControlBar;
class InputPanel;
class ModelInfoPanel;
class ModelLoader;

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
    TraceComputer* computer() const { return m_computer; }
    ModelLoader* modelLoader() const { return m_loader; }
    ModelInfoPanel* modelInfo() const { return m_info; }
    // Loads a checkpoint (folder or .bin) and, once loaded, makes it the workspace's model (one undo step).
    // The current model stays in use while it loads and when it fails.
    void openModel(const QString& path);
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
    void computeFailed(const QString& message);
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
    void modelLoaded(const QString& path);
    void modelFailed(const QString& path, const QString& message);
    void loadingChanged(bool loading);
    void refreshModelChoices();
    void showModelInfo();
    void readSettings();
    void writeSettings() const;

    InputPanel* m_input = nullptr;
    ControlBar* m_controls = nullptr;
    widgets::TokenStrip* m_tokens = nullptr;
    QTabWidget* m_tabs = nullptr;
    std::vector<widgets::TraceView*> m_views;
    TraceComputer* m_computer = nullptr;
    QUndoStack* m_undo = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_busy = nullptr;
    ModelLoader* m_loader = nullptr;
    ModelInfoPanel* m_info = nullptr;
    QWidget* m_loading = nullptr; // "Loading gpt2… [Cancel]" in the status bar
    QLabel* m_loadingLabel = nullptr;

    WorkspaceState m_state;
    std::shared_ptr<const model::Trace> m_trace;
    model::TraceSelection m_selection;
    widgets::ViewStyle m_style;
    bool m_applying = false;
};

} // namespace attnlab::app
