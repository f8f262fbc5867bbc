#pragma once

// Runs computations off the GUI thread (Qt's mandelbrot pattern): at most one computation at a time; a request
// that arrives meanwhile waits, replacing any earlier waiting request, and the result of a computation that
// a newer request has overtaken is dropped instead of shown.

#include "trace_request.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

namespace attnlab::app {

class TraceComputer : public QObject {
    Q_OBJECT
public:
    explicit TraceComputer(QObject* parent = nullptr);
    ~TraceComputer() override;

    void request(const TraceRequest& request);
    bool isBusy() const { return m_inFlight; }
    // Blocks until idle (tests, shutdown).
    void waitForIdle();

signals:
    void traceReady(std::shared_ptr<const model::Trace> trace);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void start(const TraceRequest& request);
    void finished();

    QFutureWatcher<model::Result<model::Trace>> m_watcher;
    std::optional<TraceRequest> m_pending;
    bool m_inFlight = false; // a computation runs or its result has not been handled yet
};

} // namespace attnlab::app
