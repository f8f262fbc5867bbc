#pragma once

// Loads checkpoints off the GUI thread and holds the one in use. A load can be cancelled: the window goes
// back to the model it had at once, and the abandoned load's result is dropped when it finishes. A failed
// load leaves the current model as it was.

#include "model/pipeline/loaded_model.h"

#include <QFutureWatcher>
#include <QObject>

namespace attnlab::model {

class ModelLoader : public QObject {
    Q_OBJECT
public:
    explicit ModelLoader(QObject* parent = nullptr);
    ~ModelLoader() override;

    // Starts loading path (a folder or .bin); a load already running is abandoned.
    void load(const QString& path);
    void cancel();
    bool isLoading() const { return !m_loadingPath.isEmpty(); }
    const QString& loadingPath() const { return m_loadingPath; }

    // The model in use (empty before the first successful load) and whether it is the one at path.
    const LoadedModel& current() const { return m_current; }
    bool holds(const QString& path) const;

    // Blocks until no load runs (tests, shutdown).
    void waitForIdle();

signals:
    void loadingChanged(bool loading);
    void loaded(const QString& path);
    void failed(const QString& path, const QString& message);

private:
    void finished();

    QFutureWatcher<model::Result<LoadedModel>> m_watcher;
    QString m_loadingPath;  // what the user waits for; "" when nothing or when cancelled
    QString m_runningPath;  // what the worker is loading (may be an abandoned load)
    QString m_queuedPath;   // asked for while an abandoned load still runs
    LoadedModel m_current;
};

} // namespace attnlab::model
