#include "model/pipeline/trace_computer.h"

#include "model/core/background.h"

#include <QCoreApplication>

namespace attnlab::model {

TraceComputer::TraceComputer(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &TraceComputer::finished);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &TraceComputer::pollProgress);
}

void TraceComputer::pollProgress()
{
    if (!m_progress) return;
    const int layer = m_progress->layer.load(), layers = m_progress->layers.load();
    if (layer == m_shownLayer || layers <= 0) return;
    m_shownLayer = layer;
    emit progress(layer, layers);
}

TraceComputer::~TraceComputer()
{
    m_watcher.waitForFinished();
}

void TraceComputer::request(const TraceRequest& request)
{
    // In flight, not isRunning(): a computation that has ended but whose finished() is still queued must not be
    // overtaken, or its stale result would be shown after this one.
    if (m_inFlight) {
        // The running one is stale: stop it early; its result is dropped when it ends.
        m_pending = request;
        m_cancel->store(true);
        return;
    }
    start(request);
}

void TraceComputer::cancel()
{
    m_pending.reset();
    if (m_inFlight && m_cancel) m_cancel->store(true);
}

void TraceComputer::discard()
{
    cancel();
    if (m_inFlight) m_discarded = true;
}

void TraceComputer::start(const TraceRequest& original)
{
    const bool wasBusy = m_inFlight; // a waiting request that starts as the stale one ends
    m_inFlight = true;
    m_discarded = false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_progress = std::make_shared<RunProgress>();
    m_shownLayer = 0;
    m_progressTimer.start();
    TraceRequest request = original;
    request.cancelled = m_cancel;
    request.progress = m_progress;
    m_watcher.setFuture(runInBackground([request] {
        TokenLimit limit;
        auto trace = computeTrace(request, &limit);
        return Outcome{std::move(trace), limit};
    }));
    if (!wasBusy) emit busyChanged(true);
}

void TraceComputer::finished()
{
    if (m_pending) {
        // Stale: the inputs changed while it ran. Compute the latest request instead.
        const TraceRequest next = *m_pending;
        m_pending.reset();
        start(next);
        return;
    }
    m_inFlight = false;
    m_progressTimer.stop();
    emit busyChanged(false);
    Outcome outcome = m_watcher.result();
    if (m_discarded)
        return;
    if (m_cancel->load())
        emit cancelled(); // whatever it produced: the user asked not to see it
    else if (!outcome.trace)
        emit failed(outcome.trace.error(), outcome.limit);
    else
        emit traceReady(std::make_shared<const model::Trace>(std::move(outcome.trace).value()));
}

void TraceComputer::waitForIdle()
{
    // The watcher's finished() arrives through the event loop: process events until it has been handled.
    while (m_inFlight) {
        m_watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

} // namespace attnlab::model

#include "moc_trace_computer.cpp"
