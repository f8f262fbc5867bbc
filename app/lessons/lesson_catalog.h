#pragma once

// Where lessons come from: the built-in ones, compiled in from resources/lessons under ":/lessons"
// (app/CMakeLists.txt); the user's own, copied by the lesson browser's Add lesson… into the user lessons folder;
// and any lesson file named on the command line or opened with File ▸ Open Lesson…. Also how a lesson's
// "model" is found: "toy", a path (relative to the lesson file), or the short name of a downloaded model
// ("gpt2", "openai-community/gpt2") in the Hugging Face cache. The GUI's lesson browser and the command line's
// `lessons` and `--lesson` share it.

#include "model/teaching/lesson_validator.h"

#include <QString>

#include <vector>

namespace attnlab::app {

// Where the built-in lessons live (a Qt resource directory).
QString lessonDirectory();

// Where Add lesson… keeps the user's lessons: QStandardPaths::AppDataLocation + "/lessons" (tests redirect it
// with QStandardPaths::setTestModeEnabled).
QString userLessonDirectory();

// The built-in lesson `id`, else the user's lesson `id`; an unknown id fails with `unknown lesson "x" (known: …)`.
model::Result<model::Lesson> builtInLesson(const QString& id);

// Whether `--lesson ARG` names a file rather than an id: it ends in .attnlab-lesson or .json, or contains a slash.
bool isLessonFileArgument(const QString& argument);

// `--lesson ID|FILE` -> the lesson; a file's first problem is the message (`attnlab lessons --validate FILE` lists
// them all).
model::Result<model::Lesson> lessonFromArgument(const QString& argument);

// A lesson's "model" -> what to load ("toy" or a path): "toy"; a path that exists (relative to the lesson file's
// folder); or a downloaded model's short name or ORG/NAME. Otherwise an error naming the model and what to do.
model::Result<QString> resolveLessonModel(const QString& model, const QString& lessonPath);

// Every problem of a lesson file, with the models known to AttnLab (resolveLessonModel).
std::vector<model::LessonProblem> validateLessonFileWithModels(const QString& path);

// The user's lessons, in catalogue order (order, then id); files that no longer read are left out.
std::vector<model::Lesson> userLessons();

// What Add lesson… did: the id the lesson is kept under, or every problem that kept it out.
struct AddedLesson {
    QString id;
    std::vector<model::LessonProblem> problems;
};

// Validates the file and copies it into the user lessons folder as <id>.attnlab-lesson (replacing the user's
// lesson of the same id). A file with problems, or with the id of a built-in lesson, is not added.
AddedLesson addUserLesson(const QString& path);

// Deletes the user's lesson `id`; an error names the file when it cannot be deleted.
model::Result<void> removeUserLesson(const QString& id);

} // namespace attnlab::app
