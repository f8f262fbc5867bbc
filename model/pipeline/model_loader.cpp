#include "model/pipeline/model_loader.h"

#include "model/core/background.h"

#include <QDir>
#include <QFileInfo>

namespace attnlab::model {

namespace {
QString canonical(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
} // namespace

ModelLoader::ModelLoader(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<model::Result<LoadedModel>>::finished, this, &ModelLoader::finished);
}

ModelLoader::~ModelLoader()
{
    waitForIdle();
}

bool ModelLoader::holds(const QString& path) const
{
    return m_current.model && m_current.model->path() == canonical(path);
}

void ModelLoader::load(const QString& path)
{
    const bool wasLoading = isLoading();
    m_loadingPath = canonical(path);
    if (m_watcher.isRunning()) {
        // The worker cannot be interrupted mid-file; start this one when it is done.
        m_queuedPath = m_loadingPath;
    } else {
        m_runningPath = m_loadingPath;
        m_watcher.setFuture(runInBackground([p = m_runningPath] { return loadModel(p); }));
    }
    if (!wasLoading) emit loadingChanged(true);
}

void ModelLoader::cancel()
{
    if (!isLoading()) return;
    m_loadingPath.clear();
    m_queuedPath.clear();
    emit loadingChanged(false);
}

void ModelLoader::waitForIdle()
{
    m_watcher.waitForFinished();
}

void ModelLoader::finished()
{
    model::Result<LoadedModel> result = m_watcher.result();
    const QString done = m_runningPath;
    m_runningPath.clear();
    if (!m_queuedPath.isEmpty()) {
        m_runningPath = std::exchange(m_queuedPath, QString());
        m_watcher.setFuture(runInBackground([p = m_runningPath] { return loadModel(p); }));
        return;
    }
    if (done != m_loadingPath) return; // cancelled: nobody waits for it
    m_loadingPath.clear();
    emit loadingChanged(false);
    if (!result) {
        emit failed(done, result.error());
        return;
    }
    m_current = std::move(result).value();
    emit loaded(done);
}

} // namespace attnlab::model

#include "moc_model_loader.cpp"
