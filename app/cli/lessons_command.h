#pragma once

// `attnlab lessons` (the catalogue of built-in lessons) and `--lesson ID` as an input of `run` and `export`.
// The lessons themselves are app/lessons/lesson_catalog.h's.

#include <QStringList>

namespace attnlab::app {

// argv after "lessons" -> exit status. `attnlab lessons [--lang en|ja|fa] [--json FILE|-]` lists ids and titles
// ([{"id", "title"}] as JSON); `--show ID` prints one lesson's title, summary and steps.
int runLessons(const QStringList& arguments);

// A lesson's view, query, layer, head, step and exact flag are defaults that explicit options override: the
// arguments of `run` or `export` with `--lesson ID` get those of `accepted` (option names without "--") that
// they do not give themselves. Arguments without a known lesson are returned unchanged.
QStringList withLessonDefaults(const QStringList& arguments, const QStringList& accepted);

} // namespace attnlab::app
