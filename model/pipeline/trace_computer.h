#pragma once

// Runs computations off the GUI thread (Qt's mandelbrot pattern): at most one computation at a time. A request
// that arrives meanwhile waits, replacing any earlier waiting request, and cancels the computation it overtakes
// (a checkpoint stops after its current layer), whose result is dropped instead of shown.

#include "model/pipeline/trace_request.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace attnlab::model {

class TraceComputer : public QObject {
    Q_OBJECT
public:
    explicit TraceComputer(QObject* parent = nullptr);
    ~TraceComputer() override;

    void request(const TraceRequest& request);
    bool isBusy() const { return m_inFlight; }
    // Stops the computation in flight (a checkpoint stops after its current layer) and drops any waiting
    // request; cancelled() follows instead of a result, and the views keep the last trace.
    void cancel();
    // Like cancel(), but silently: neither cancelled() nor a result follows (the input it computed is gone).
    void discard();
    // Blocks until idle (tests, shutdown).
    void waitForIdle();

signals:
    void traceReady(std::shared_ptr<const model::Trace> trace);
    // limit.limit > 0 when the text has more tokens than can run and the first `limit` could.
    void failed(const QString& message, const TokenLimit& limit);
    void busyChanged(bool busy);
    void cancelled();
    // While a checkpoint runs: layer `layer` (1-based) of `layers` is being computed. Polled a few times a
    // second, so a fast computation may finish before any.
    void progress(int layer, int layers);

private:
    void start(const TraceRequest& request);
    void finished();
    void pollProgress();

    struct Outcome {
        model::Result<model::Trace> trace;
        TokenLimit limit;
    };
    QFutureWatcher<Outcome> m_watcher;
    std::optional<TraceRequest> m_pending;
    bool m_inFlight = false; // a computation runs or its result has not been handled yet
    std::shared_ptr<std::atomic<bool>> m_cancel; // the flag of the computation in flight
    std::shared_ptr<RunProgress> m_progress;     // how far it is
    QTimer m_progressTimer;
    int m_shownLayer = 0;                        // the layer progress() last said
    bool m_discarded = false;                    // discard() was called for the computation in flight
};

} // namespace attnlab::model
