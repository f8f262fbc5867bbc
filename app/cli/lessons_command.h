#pragma once

// `attnlab lessons` (the catalogue of built-in lessons, the check of a lesson file) and `--lesson ID|FILE` as an
// input of `run` and `export`.
// The lessons themselves are app/lessons/lesson_catalog.h's.

#include <QStringList>

namespace attnlab::app {

// argv after "lessons" -> exit status. `attnlab lessons [--lang en|ja|fa] [--json FILE|-]` lists ids and titles
// ([{"id", "title"}] as JSON); `--show ID|FILE` prints one lesson's title, summary and steps; `--validate FILE`
// prints every problem of a lesson file as "FILE: steps[3].head: head 9 of 4 (valid 1–4)" (exit 1), or
// "FILE: valid (N steps)" (exit 0).
int runLessons(const QStringList& arguments);

// A lesson's view, query, layer, head, step and exact flag are defaults that explicit options override: the
// arguments of `run` or `export` with `--lesson ID` get those of `accepted` (option names without "--") that
// they do not give themselves. Arguments without a known lesson (id or file) are returned unchanged.
QStringList withLessonDefaults(const QStringList& arguments, const QStringList& accepted);

} // namespace attnlab::app
