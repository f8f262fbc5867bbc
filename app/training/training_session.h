#pragma once

// The Train window's training, off the GUI thread. A worker thread owns the TrainingRun and loops over its steps;
// the window talks to it only through this object: commands (pause, resume, stop, a new learning rate, a copy of
// the current state) are picked up between two steps, and what the window shows arrives as TrainingUpdate
// signals, at most ten a second, however fast the steps go. The weights themselves never cross: the window gets
// copies (snapshots of the probe's attention, a TrainingState to save).

#include "model/training/training_head_scores.h"
#include "model/training/training_run.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace attnlab::app {

struct TrainingUpdate {
    std::vector<model::StepReport> steps;                 // every step since the last update, in order
    std::optional<std::pair<int, model::Evaluation>> evaluation; // the held-out set at that step, when evaluated
    std::shared_ptr<const model::AttentionSnapshot> probe; // the probe's maps at the last evaluation, when new
    std::optional<model::HeadScoreSample> scores;                // with probe
    double tokensPerSecond = 0;
    int step = 0, totalSteps = 0;
    bool running = false;  // false once paused, stopped, finished or failed
    bool finished = false; // every step taken
    QString error;         // the run stopped: a loss that was not finite
};

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override; // stops the worker and waits for it

    // Takes the run and starts stepping it on the worker thread; evaluates, snapshots the probe and scores the
    // heads every evalEvery steps. A session runs one run at a time: start() stops the one before.
    void start(std::unique_ptr<model::TrainingRun> run, int evalEvery);
    void pause();
    void resume();
    // Stops after the step in progress; the run is kept (its state can still be saved).
    void stop();
    void setLearningRate(double peak);
    // Asks for a copy of the run's state; stateReady brings it (queued, from between two steps).
    void requestState();

    bool hasRun() const { return m_hasRun; }

signals:
    void updated(const attnlab::app::TrainingUpdate& update);
    void stateReady(const attnlab::model::TrainingState& state, const QByteArray& tokenizerJson);

private:
    void loop(int evalEvery, int generation);
    void shutdown();
    // Worker -> GUI thread: call runs on the GUI thread. It crosses in m_outbox under m_outboxMutex, and the queued
    // event that says so carries nothing, so that what the worker built is read only after that mutex orders it
    // (Qt's own event-queue lock is invisible to ThreadSanitizer: README "Robustness checks").
    void post(std::function<void()> call);
    Q_INVOKABLE void deliverPosted();

    std::unique_ptr<model::TrainingRun> m_run; // touched by the worker only while it runs
    std::thread m_worker;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    // commands, under m_mutex
    bool m_paused = false, m_stopped = false, m_stateWanted = false;
    std::optional<double> m_newLearningRate;
    bool m_hasRun = false;
    int m_generation = 0; // of the current run; GUI thread only
    std::atomic<bool> m_workerDone{false}; // the loop has returned: the run is this thread's again
    std::mutex m_outboxMutex;
    std::vector<std::function<void()>> m_outbox; // posted by the worker, run by deliverPosted(); under m_outboxMutex
};

} // namespace attnlab::app

Q_DECLARE_METATYPE(attnlab::app::TrainingUpdate)
Q_DECLARE_METATYPE(attnlab::model::TrainingState)
