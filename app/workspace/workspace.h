#pragma once

// The workspace: what the user has set up (WorkspaceState), its undo history, the checkpoint it uses, and the
// computation of its trace off the GUI thread. Every change of the state goes through here as one undo step and
// recomputes; a newer request cancels the run it overtakes. The panels show state(); the views draw the traces
// it hands out. It owns no widget.
//
// A selection asked for with selectOnNextTrace (a session's layer, head and query; a lesson's) is handed out with
// the next trace and forgotten when that run fails, is stopped, or its model fails to load: it never lands on a
// later, unrelated trace.

#include "app/workspace/selection_request.h"
#include "app/workspace/workspace_request.h"
#include "app/workspace/workspace_state.h"

#include <QObject>

#include <memory>
#include <optional>

class QUndoStack;

namespace attnlab::model {
class ModelLoader;
class TraceComputer;
struct Trace;
} // namespace attnlab::model

namespace attnlab::app {

class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    const WorkspaceState& state() const { return m_state; }
    QUndoStack* undoStack() const { return m_undo; }
    model::TraceComputer* computer() const { return m_computer; }
    model::ModelLoader* loader() const { return m_loader; }
    // The checkpoint in use is the one the state names (false for the toy model and matrices).
    bool usesCheckpoint() const;

    // An edit the panels already show (typing, a control): one undo step named text; consecutive typing
    // steps merge. Nothing happens when state equals the current one. An edit to another model (or toy size, or
    // to typed matrices) switches every head and MLP back on: the ablation belongs to the model it was chosen in.
    void edit(const WorkspaceState& state, const QString& text, bool typing = false);
    // A state from elsewhere (a session, a lesson, the exam problem, a limited run): one undo step, and the
    // panels are told (stateApplied). When it equals the current state, it is computed again all the same, so
    // that a selection asked for with it applies to its trace.
    void load(const WorkspaceState& state, const QString& text);
    // The state of the first run without an undo step (the panels' initial state).
    void start(const WorkspaceState& state);
    void selectOnNextTrace(const SelectionRequest& selection);

    // The analyses the view shown draws from (TraceView::analysesNeeded), asked for with every trace from now on.
    // Not part of the state: no undo step. Recomputes only when neither the trace in hand nor the run underway
    // carries one of them, so that switching between views that need nothing new computes nothing.
    void setAnalyses(const model::AnalysisRequest& analyses);
    const model::AnalysisRequest& analyses() const { return m_analyses; }

    // Loads a checkpoint (folder or .bin); once loaded it becomes the state's model as one undo step. The current
    // model stays in use while it loads and when it fails.
    void openModel(const QString& path);
    // Stops waiting for the model being loaded: the current one stays in use, and a selection waiting for the
    // abandoned model's trace is dropped.
    void cancelLoad();
    void recompute();
    // Stops the computation in flight; the last trace stays.
    void stop();
    // Blocks until no computation or load runs (tests, shutdown).
    void waitForIdle();

signals:
    // The state changed by undo, redo, load or a failed model: the panels show it.
    void stateApplied(const WorkspaceState& state);
    // Every recomputation first checks the input: the invalid matrix cells (none when valid).
    void inputChecked(const std::vector<CellError>& cellErrors);
    void traceReady(std::shared_ptr<const model::Trace> trace);
    // After traceReady, the selection asked for with selectOnNextTrace.
    void selectionRequested(const SelectionRequest& selection);
    // The input cannot run, or the run failed; limit.limit > 0 when the text has more tokens than can run.
    void failed(const QString& message, const model::TokenLimit& limit);
    void cancelled();
    void busyChanged(bool busy);
    // A checkpoint's computation is at layer `layer` of `layers` (TraceComputer::progress).
    void progress(int layer, int layers);
    void modelLoaded(const QString& path);
    void modelFailed(const QString& path, const QString& message);

private:
    void apply(const WorkspaceState& state); // from undo and redo
    void push(const WorkspaceState& before, const QString& text, bool typing);
    void traceComputed(std::shared_ptr<const model::Trace> trace);
    void checkpointLoaded(const QString& path);
    void checkpointFailed(const QString& path, const QString& message);

    WorkspaceState m_state;
    QUndoStack* m_undo = nullptr;
    model::TraceComputer* m_computer = nullptr;
    model::ModelLoader* m_loader = nullptr;
    std::optional<SelectionRequest> m_pendingSelection;
    bool m_started = false;            // start() or load() ran: there is a state to compute
    model::AnalysisRequest m_analyses; // what the shown view needs
    model::AnalysisRequest m_covered;  // what the run underway, else the trace in hand, carries
    model::AnalysisRequest m_shown;    // what the trace in hand (the last one handed out) carries
};

} // namespace attnlab::app
