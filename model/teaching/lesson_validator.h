#pragma once

// Checking a lesson file completely, for `attnlab lessons --validate FILE` and the lesson browser's Add lesson…:
// every problem checkLesson finds in its fields, then what needs the model the lesson runs: the model can be
// found, and the lesson's and each step's layer, head and query exist in it and in the lesson's input. The model
// is measured from its config.json (or a llama2.c header) and its tokenizer; its weights are never read.

#include "model/teaching/lesson.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace attnlab::model {

// What the checks need of the model a lesson runs: its layers and heads, and the tokens of the lesson's text
// (the queries), when they can be known without running it.
struct LessonModelShape {
    int layers = 0;
    int heads = 0;
    std::optional<QStringList> tokens;
};

// A lesson's "model" as written, and the lesson file's path -> what to load: "toy", or the path of a model
// folder or llama2.c .bin; an error says why it cannot be found. The application passes one that also knows
// the short names of downloaded models ("gpt2").
using LessonModelResolver = std::function<Result<QString>(const QString& model, const QString& lessonPath)>;

// "toy", an absolute path, or a path relative to the lesson file's folder that exists.
Result<QString> resolveLessonModelPath(const QString& model, const QString& lessonPath);

// The shape of what a lesson runs: its matrices (1 layer, its heads, its rows), the toy model (its default size,
// the words of the text), or the checkpoint at resolvedModel (config.json or the .bin header; the tokens from
// the tokenizer beside it when there is one).
Result<LessonModelShape> lessonModelShape(const Lesson& lesson, const QString& resolvedModel);

// Every problem of a lesson file's bytes, in the order checkLesson reports them, then the model's.
std::vector<LessonProblem> validateLesson(const QByteArray& json, const QString& lessonPath,
                                          const LessonModelResolver& resolve = resolveLessonModelPath);

// The same for a file on disk (a file that cannot be read is one problem with an empty path).
std::vector<LessonProblem> validateLessonFile(const QString& path,
                                              const LessonModelResolver& resolve = resolveLessonModelPath);

} // namespace attnlab::model
