#include "app/training/training_session.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace attnlab::app {

namespace {

// The window redraws at most this often, however fast the steps are.
constexpr qint64 kUpdateIntervalNs = 100'000'000;

} // namespace

TrainingSession::TrainingSession(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<TrainingUpdate>();
    qRegisterMetaType<model::TrainingState>();
}

TrainingSession::~TrainingSession()
{
    shutdown();
}

void TrainingSession::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable()) m_worker.join();
}

void TrainingSession::start(std::unique_ptr<model::TrainingRun> run, int evalEvery)
{
    shutdown();
    m_run = std::move(run);
    m_paused = m_stopped = m_stateWanted = false;
    m_newLearningRate.reset();
    m_hasRun = true;
    m_workerDone = false;
    ++m_generation;
    m_worker = std::thread([this, evalEvery, generation = m_generation] { loop(std::max(1, evalEvery), generation); });
}

void TrainingSession::pause()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
    }
}

void TrainingSession::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_wake.notify_all();
}

void TrainingSession::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wake.notify_all();
}

void TrainingSession::setLearningRate(double peak)
{
    {
        std::lock_guard lock(m_mutex);
        m_newLearningRate = peak;
    }
    m_wake.notify_all();
}

void TrainingSession::requestState()
{
    if (!m_hasRun) return;
    // A worker that has returned (stopped) leaves the run to this thread: a copy of its state, no computation.
    if (m_workerDone) {
        if (m_worker.joinable()) m_worker.join();
        emit stateReady(m_run->state(), m_run->task().tokenizerJson());
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_stateWanted = true;
    }
    m_wake.notify_all();
}

void TrainingSession::post(std::function<void()> call)
{
    {
        std::lock_guard lock(m_outboxMutex);
        m_outbox.push_back(std::move(call));
    }
    QMetaObject::invokeMethod(this, "deliverPosted", Qt::QueuedConnection);
}

void TrainingSession::deliverPosted()
{
    std::vector<std::function<void()>> calls;
    {
        std::lock_guard lock(m_outboxMutex);
        calls.swap(m_outbox);
    }
    for (const auto& call : calls)
        call();
}

void TrainingSession::loop(int evalEvery, int generation)
{
    model::TrainingRun& run = *m_run;
    TrainingUpdate pending;
    pending.totalSteps = run.settings().steps;
    QElapsedTimer sinceUpdate, clock;
    sinceUpdate.start();
    clock.start();
    qint64 tokens = 0, tokenNs = 0;

    // What the worker posts runs on the GUI thread, where a newer run (a higher generation) makes it moot.
    auto send = [this, &pending, &sinceUpdate, &run, generation](bool running) {
        pending.step = run.stepsTaken();
        pending.totalSteps = run.settings().steps;
        pending.running = running;
        pending.finished = run.finished();
        post([this, update = std::move(pending), generation] {
            if (generation == m_generation) emit updated(update);
        });
        pending = TrainingUpdate();
        sinceUpdate.restart();
    };
    auto observe = [&run, &pending] {
        pending.evaluation = std::pair{run.stepsTaken(), run.evaluate()};
        auto probe = std::make_shared<model::AttentionSnapshot>(run.probeSnapshot());
        const model::AttentionSnapshot repeated = run.snapshot(run.inductionProbe());
        pending.scores = model::scoreSnapshotHeads(*probe, repeated);
        pending.probe = std::move(probe);
    };

    auto postState = [this, &run, generation] {
        post([this, state = run.state(), json = run.task().tokenizerJson(), generation] {
            if (generation == m_generation) emit stateReady(state, json);
        });
    };

    // The untrained model first, so that the curves and maps start at step 0.
    if (run.stepsTaken() == 0) observe();
    send(true);
    bool announcedIdle = false;
    for (;;) {
        bool stateWanted = false, stop = false, idle = false;
        {
            std::unique_lock lock(m_mutex);
            if (m_newLearningRate) run.setLearningRate(*std::exchange(m_newLearningRate, std::nullopt));
            // Idle: paused (by the window, or by a failed step), or every step taken. The window hears of it once.
            idle = m_paused || run.finished();
            if (idle && !announcedIdle && !m_stopped) {
                lock.unlock();
                send(false);
                lock.lock();
                announcedIdle = true;
            }
            if (idle)
                m_wake.wait(lock, [this, &run] { return m_stopped || m_stateWanted || !(m_paused || run.finished()); });
            idle = m_paused || run.finished();
            if (!idle) announcedIdle = false;
            stateWanted = std::exchange(m_stateWanted, false);
            stop = m_stopped;
        }
        if (stateWanted) postState();
        if (stop) {
            send(false);
            m_workerDone = true;
            return;
        }
        if (idle) continue;
        clock.restart();
        const auto report = run.step();
        if (!report) {
            // The weights stay those of the last good step; a lower learning rate and Resume may go on.
            pending.error = report.error();
            std::lock_guard lock(m_mutex);
            m_paused = true;
            continue;
        }
        tokenNs += clock.nsecsElapsed();
        tokens += report->tokens;
        pending.tokensPerSecond = tokenNs > 0 ? double(tokens) * 1e9 / double(tokenNs) : 0.0;
        pending.steps.push_back(*report);
        if (report->step % evalEvery == 0 || run.finished()) observe();
        if (sinceUpdate.nsecsElapsed() >= kUpdateIntervalNs && !run.finished()) send(true);
    }
}

} // namespace attnlab::app
