#include "app/download/model_catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QSettings>

#include <algorithm>

namespace attnlab::app {

namespace {

const QString kRecentKey = QStringLiteral("models/recent");
const QString kFoldersKey = QStringLiteral("models/folders");

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

bool isModelPath(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return hasWeights(QDir(info.absoluteFilePath()));
    const QString name = info.fileName().toLower();
    return info.isFile() && name.endsWith(QLatin1String(".bin")) && !name.startsWith(QLatin1String("tok"));
}

std::vector<ModelEntry> modelsInFolder(const QString& folder)
{
    std::vector<ModelEntry> entries;
    const auto addBins = [&entries](const QDir& dir) {
        for (const QFileInfo& bin : dir.entryInfoList({QStringLiteral("*.bin")}, QDir::Files))
            if (isModelPath(bin.absoluteFilePath()))
                entries.push_back({QObject::tr("%1 (llama2.c)").arg(bin.completeBaseName()), bin.absoluteFilePath()});
    };
    const QDir root(folder);
    if (!root.exists())
        return entries;
    if (hasWeights(root))
        entries.push_back({modelTitle(root.absolutePath()), root.absolutePath()});
    addBins(root);
    const QFileInfoList subfolders = root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (qsizetype i = 0; i < std::min<qsizetype>(subfolders.size(), kMaxFolderEntries); ++i) {
        const QDir sub(subfolders[i].absoluteFilePath());
        if (hasWeights(sub))
            entries.push_back({sub.dirName(), sub.absolutePath()});
        addBins(sub);
        for (const QFileInfo& inner : sub.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
            addBins(QDir(inner.absoluteFilePath()));
    }
    std::sort(entries.begin(), entries.end(),
              [](const ModelEntry& a, const ModelEntry& b) { return a.title.compare(b.title, Qt::CaseInsensitive) < 0; });
    return entries;
}

QStringList modelFolders()
{
    QStringList folders;
    for (const QString& folder : QSettings().value(kFoldersKey).toStringList())
        if (QFileInfo(folder).isDir() && !folders.contains(folder))
            folders << folder;
    for (const QString& model : recentModels()) {
        QDir around = QFileInfo(QDir::cleanPath(model)).dir();
        // A .bin beside a model's safetensors, or in its llama2c/ folder: the folder around that model is
        // the course's.
        if (!QFileInfo(model).isDir()) {
            QDir parent = around;
            if (hasWeights(around))
                around.cdUp();
            else if (parent.cdUp() && hasWeights(parent) && parent.cdUp())
                around = parent;
        }
        // A cached snapshot's folder holds other snapshots of the same model, not other models.
        if (around.dirName() == QLatin1String("snapshots"))
            continue;
        if (!folders.contains(around.absolutePath()))
            folders << around.absolutePath();
    }
    return folders;
}

void addModelFolder(const QString& folder)
{
    QStringList folders = QSettings().value(kFoldersKey).toStringList();
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    folders.removeAll(clean);
    folders.prepend(clean);
    QSettings().setValue(kFoldersKey, folders);
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
