#include "app/download/model_catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace attnlab::app {

namespace {

const QString kRecentKey = QStringLiteral("models/recent");

bool hasWeights(const QDir& snapshot)
{
    return snapshot.exists(QStringLiteral("config.json")) &&
           (snapshot.exists(QStringLiteral("model.safetensors")) ||
            snapshot.exists(QStringLiteral("model.safetensors.index.json")));
}

// models--openai-community--gpt2 -> "openai-community/gpt2"
QString repoName(const QString& cacheFolderName)
{
    return cacheFolderName.mid(QStringLiteral("models--").size()).replace(QStringLiteral("--"), QStringLiteral("/"));
}

// The snapshot of one cached repository to offer: refs/main's when it has weights, else the newest that does.
QString pickSnapshot(const QDir& repo)
{
    QFile ref(repo.filePath(QStringLiteral("refs/main")));
    if (ref.open(QIODevice::ReadOnly)) {
        const QString commit = QString::fromLatin1(ref.read(64)).trimmed();
        const QDir snapshot(repo.filePath(QStringLiteral("snapshots/") + commit));
        if (!commit.isEmpty() && !commit.contains(QLatin1Char('/')) && hasWeights(snapshot))
            return snapshot.absolutePath();
    }
    const QDir snapshots(repo.filePath(QStringLiteral("snapshots")));
    for (const QFileInfo& info : snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time))
        if (hasWeights(QDir(info.absoluteFilePath())))
            return info.absoluteFilePath();
    return {};
}

} // namespace

QString huggingFaceCacheDir()
{
    const QByteArray hubCache = qgetenv("HF_HUB_CACHE");
    if (!hubCache.isEmpty()) return QString::fromLocal8Bit(hubCache);
    const QByteArray home = qgetenv("HF_HOME");
    if (!home.isEmpty()) return QDir(QString::fromLocal8Bit(home)).filePath(QStringLiteral("hub"));
    return QDir::home().filePath(QStringLiteral(".cache/huggingface/hub"));
}

std::vector<ModelEntry> huggingFaceCacheModels(const QString& cacheDir)
{
    std::vector<ModelEntry> entries;
    const QDir cache(cacheDir);
    for (const QString& name : cache.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString snapshot = pickSnapshot(QDir(cache.filePath(name)));
        if (!snapshot.isEmpty()) entries.push_back({repoName(name), snapshot});
    }
    std::sort(entries.begin(), entries.end(),
              [](const ModelEntry& a, const ModelEntry& b) { return a.title.compare(b.title, Qt::CaseInsensitive) < 0; });
    return entries;
}

QStringList recentModels()
{
    QStringList recent;
    for (const QString& path : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo::exists(path) && !recent.contains(path) && recent.size() < kMaxRecentModels)
            recent << path;
    return recent;
}

void addRecentModel(const QString& path)
{
    QStringList recent = recentModels();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentModels)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

QString modelTitle(const QString& path)
{
    // Cleaned first: QFileInfo's file name of "…/gpt2/" (a folder typed with its slash) is empty.
    const QFileInfo info(QDir::cleanPath(path));
    if (!info.isDir()) return info.completeBaseName();
    // …/models--ORG--NAME/snapshots/<commit>
    QDir dir(info.absoluteFilePath());
    if (dir.cdUp() && dir.dirName() == QLatin1String("snapshots") && dir.cdUp() &&
        dir.dirName().startsWith(QLatin1String("models--")))
        return repoName(dir.dirName());
    return info.fileName();
}

} // namespace attnlab::app
