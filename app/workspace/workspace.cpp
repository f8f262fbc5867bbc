#include "app/workspace/workspace.h"

#include "app/workspace/workspace_command.h"
#include "model/analysis/trace_analyses.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"

#include <QFileInfo>
#include <QSignalBlocker>
#include <QUndoStack>

namespace attnlab::app {

Workspace::Workspace(QObject* parent) : QObject(parent)
{
    m_undo = new QUndoStack(this);
    m_computer = new model::TraceComputer(this);
    m_loader = new model::ModelLoader(this);
    connect(m_computer, &model::TraceComputer::traceReady, this, &Workspace::traceComputed);
    connect(m_computer, &model::TraceComputer::failed, this,
            [this](const QString& message, const model::TokenLimit& limit) {
                m_pendingSelection.reset();
                m_covered = m_shown;
                emit failed(message, limit);
            });
    connect(m_computer, &model::TraceComputer::cancelled, this, [this] {
        m_pendingSelection.reset();
        m_covered = m_shown;
        emit cancelled();
    });
    connect(m_computer, &model::TraceComputer::busyChanged, this, &Workspace::busyChanged);
    connect(m_computer, &model::TraceComputer::progress, this, &Workspace::progress);
    connect(m_loader, &model::ModelLoader::loaded, this, &Workspace::checkpointLoaded);
    connect(m_loader, &model::ModelLoader::failed, this, &Workspace::checkpointFailed);
}

Workspace::~Workspace()
{
    // The undo stack's commands call back into this object: clear them while it is whole. A run in flight
    // stops after its current layer; the computer's and the loader's destructors wait for their threads
    // without processing events (the window around may be half destroyed).
    // Nothing is told: the window that listens may be half destroyed around this object.
    const QSignalBlocker quietUndo(m_undo);
    const QSignalBlocker quietComputer(m_computer);
    const QSignalBlocker quietLoader(m_loader);
    m_undo->clear();
    m_computer->discard();
    m_loader->cancel();
}

bool Workspace::usesCheckpoint() const
{
    return m_state.input.mode == InputMode::Sentence && !model::isToyModel(m_state.input.modelName);
}

void Workspace::push(const WorkspaceState& before, const QString& text, bool typing)
{
    m_undo->push(new WorkspaceCommand(text, before, m_state, typing, [this](const WorkspaceState& s) { apply(s); }));
}

namespace {

// Heads and MLPs switched off belong to the model they were chosen in: another model (or its size, or typed
// matrices) starts with everything on, rather than with a head that may not exist there.
bool sameAblatedModel(const InputState& a, const InputState& b)
{
    return a.mode == b.mode && a.modelName == b.modelName && a.toyLayers == b.toyLayers && a.toyHeads == b.toyHeads;
}

} // namespace

void Workspace::edit(const WorkspaceState& edited, const QString& text, bool typing)
{
    WorkspaceState state = edited;
    if (!sameAblatedModel(state.input, m_state.input))
        state.compute.ablation = {};
    if (state == m_state)
        return;
    const WorkspaceState before = m_state;
    m_state = state;
    push(before, text, typing);
    recompute();
}

void Workspace::load(const WorkspaceState& state, const QString& text)
{
    m_started = true;
    const WorkspaceState before = m_state;
    m_state = state;
    emit stateApplied(m_state);
    if (m_state != before)
        push(before, text, false);
    recompute();
}

void Workspace::start(const WorkspaceState& state)
{
    m_started = true;
    m_state = state;
    recompute();
}

void Workspace::apply(const WorkspaceState& state)
{
    m_state = state;
    emit stateApplied(m_state);
    recompute();
}

void Workspace::selectOnNextTrace(const SelectionRequest& selection)
{
    m_pendingSelection = selection;
}

void Workspace::setAnalyses(const model::AnalysisRequest& analyses)
{
    m_analyses = analyses;
    if (m_started && !model::includesAnalyses(m_covered, analyses))
        recompute();
}

void Workspace::recompute()
{
    const BuiltRequest built = buildRequest(m_state);
    emit inputChecked(built.cellErrors);
    // Until a run starts, what is covered is what the trace in hand carries.
    m_covered = m_shown;
    if (!built.request) {
        m_pendingSelection.reset();
        // A run still in flight computes an input that is no longer there: its result must not be shown.
        m_computer->discard();
        emit failed(built.error, {});
        return;
    }
    model::TraceRequest request = *built.request;
    if (usesCheckpoint()) {
        if (!m_loader->holds(request.modelName)) {
            // Undo, redo or a session brought back a model that is not in memory: load it, then compute. A run
            // still in flight computes the previous input: it must not arrive as this one's.
            m_computer->discard();
            if (m_loader->loadingPath() != QFileInfo(request.modelName).absoluteFilePath())
                m_loader->load(request.modelName);
            return;
        }
        request.checkpoint = m_loader->current();
    }
    request.analyses = m_analyses;
    m_covered = m_analyses;
    m_computer->request(request);
}

void Workspace::stop()
{
    m_computer->cancel();
}

void Workspace::waitForIdle()
{
    m_loader->waitForIdle();
    m_computer->waitForIdle();
}

void Workspace::traceComputed(std::shared_ptr<const model::Trace> trace)
{
    m_shown = model::analysesOf(*trace);
    // A newer run may already be underway (this result was queued before it was asked for): it covers its own.
    if (!m_computer->isBusy()) m_covered = m_shown;
    emit traceReady(std::move(trace));
    if (const auto selection = std::exchange(m_pendingSelection, std::nullopt))
        emit selectionRequested(*selection);
}

void Workspace::openModel(const QString& path)
{
    m_loader->load(path);
}

void Workspace::checkpointLoaded(const QString& path)
{
    emit modelLoaded(path);
    if (m_state.input.mode == InputMode::Sentence && m_state.input.modelName == path) {
        recompute(); // undo or a session asked for this model: the state already names it
        return;
    }
    WorkspaceState state = m_state;
    state.input.mode = InputMode::Sentence;
    state.input.modelName = path;
    state.compute.ablation = {}; // sameAblatedModel
    load(state, tr("Open model"));
}

void Workspace::cancelLoad()
{
    if (!m_loader->isLoading())
        return;
    m_loader->cancel();
    m_pendingSelection.reset();
    // The state may name the abandoned model (undo, a session): it would be loaded again at the next recompute.
    if (usesCheckpoint() && !m_loader->holds(m_state.input.modelName)) {
        m_state.input.modelName = model::toyModelName();
        emit stateApplied(m_state);
        recompute();
    }
}

void Workspace::checkpointFailed(const QString& path, const QString& message)
{
    m_pendingSelection.reset();
    emit failed(message, {});
    emit modelFailed(path, message);
    // The workspace keeps the model it had; if the state named the failed one (undo, session), go back to toy.
    if (m_state.input.modelName == path && !m_loader->holds(path)) {
        m_state.input.modelName = model::toyModelName();
        emit stateApplied(m_state);
        recompute();
    }
}

} // namespace attnlab::app

#include "moc_workspace.cpp"
