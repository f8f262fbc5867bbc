#include "app/lessons/lesson_catalog.h"

#include "app/download/download_source.h"
#include "app/download/model_catalog.h"
#include "model/core/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace attnlab::app {

QString lessonDirectory()
{
    return QStringLiteral(":/lessons");
}

QString userLessonDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lessons");
}

model::Result<model::Lesson> builtInLesson(const QString& id)
{
    auto builtIn = model::loadLesson(lessonDirectory(), id);
    if (builtIn)
        return builtIn;
    if (const QString path = model::lessonFilePath(userLessonDirectory(), id); !path.isEmpty())
        return model::readLesson(path);
    return builtIn;
}

bool isLessonFileArgument(const QString& argument)
{
    return argument.endsWith(QLatin1String(".attnlab-lesson")) || argument.endsWith(QLatin1String(".json")) ||
           argument.contains(QLatin1Char('/')) || argument.contains(QLatin1Char('\\'));
}

model::Result<model::Lesson> lessonFromArgument(const QString& argument)
{
    return isLessonFileArgument(argument) ? model::readLesson(argument) : builtInLesson(argument);
}

model::Result<QString> resolveLessonModel(const QString& model, const QString& lessonPath)
{
    auto path = model::resolveLessonModelPath(model, lessonPath);
    if (path)
        return path;
    // Not a file: the short name of a model `attnlab download` fetches, looked for in the Hugging Face cache.
    const auto source = resolveDownloadSource(model);
    if (!source)
        return path;
    for (const ModelEntry& entry : huggingFaceCacheModels())
        if (entry.title == source->repo || entry.title == model)
            return model::Result<QString>::success(entry.path);
    return model::Result<QString>::failure(
        QStringLiteral("model \"%1\" cannot be found: it is neither a path nor downloaded (attnlab download %1)").arg(model));
}

std::vector<model::LessonProblem> validateLessonFileWithModels(const QString& path)
{
    return model::validateLessonFile(path, resolveLessonModel);
}

std::vector<model::Lesson> userLessons()
{
    std::vector<model::Lesson> lessons;
    const QDir dir(userLessonDirectory());
    for (const QString& name : dir.entryList({QStringLiteral("*.attnlab-lesson")}, QDir::Files, QDir::Name))
        if (auto lesson = model::readLesson(dir.filePath(name)); lesson && lesson->id == QFileInfo(name).completeBaseName())
            lessons.push_back(std::move(lesson).value());
    std::stable_sort(lessons.begin(), lessons.end(),
                     [](const model::Lesson& a, const model::Lesson& b) { return a.order < b.order; });
    return lessons;
}

AddedLesson addUserLesson(const QString& path)
{
    AddedLesson added;
    added.problems = validateLessonFileWithModels(path);
    if (!added.problems.empty())
        return added;
    const auto lesson = model::readLesson(path);
    if (!lesson) {
        added.problems.push_back({QString(), lesson.error()});
        return added;
    }
    if (!model::lessonFilePath(lessonDirectory(), lesson->id).isEmpty()) {
        added.problems.push_back({QStringLiteral("id"), QStringLiteral("\"%1\" is the id of a built-in lesson: choose another").arg(lesson->id)});
        return added;
    }
    // A model path relative to the lesson file would point elsewhere from the copy: the copy names it absolutely.
    QByteArray bytes;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            added.problems.push_back({QString(), QStringLiteral("cannot read the file: %1").arg(file.errorString())});
            return added;
        }
        bytes = file.readAll();
    }
    if (!lesson->problem && !model::isToyModel(lesson->modelName) && QDir::isRelativePath(lesson->modelName) &&
        model::resolveLessonModelPath(lesson->modelName, path)) {
        QJsonObject object = QJsonDocument::fromJson(bytes).object();
        QJsonObject input = object.value(QLatin1String("input")).toObject();
        input[QStringLiteral("model")] = *model::resolveLessonModelPath(lesson->modelName, QFileInfo(path).absoluteFilePath());
        object[QStringLiteral("input")] = input;
        bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    }
    const QDir dir(userLessonDirectory());
    if (!dir.mkpath(QStringLiteral("."))) {
        added.problems.push_back({QString(), QStringLiteral("cannot create the folder %1").arg(dir.path())});
        return added;
    }
    const QString target = dir.filePath(lesson->id + QStringLiteral(".attnlab-lesson"));
    if (const auto written = model::writeFileAtomically(target, bytes); !written) {
        added.problems.push_back({QString(), written.error()});
        return added;
    }
    added.id = lesson->id;
    return added;
}

model::Result<void> removeUserLesson(const QString& id)
{
    const QString path = model::lessonFilePath(userLessonDirectory(), id);
    if (path.isEmpty())
        return model::Result<void>::failure(QStringLiteral("no lesson \"%1\" in %2").arg(id, userLessonDirectory()));
    QFile file(path);
    if (!file.remove())
        return model::Result<void>::failure(QStringLiteral("cannot delete %1: %2").arg(path, file.errorString()));
    return model::Result<void>::success();
}

} // namespace attnlab::app
