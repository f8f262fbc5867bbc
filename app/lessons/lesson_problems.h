#pragma once

// The one dialog that lists everything wrong with a lesson file (Add lesson…, File ▸ Open Lesson…): the file's
// name, then each problem as "steps[3].head: head 9 of 4 (valid 1–4)", as `attnlab lessons --validate` prints them.

#include "model/teaching/lesson.h"

#include <QString>

#include <vector>

class QMessageBox;
class QWidget;

namespace attnlab::app {

// The problems as lines "FILE: path: message", the form `attnlab lessons --validate` prints.
QStringList lessonProblemLines(const QString& fileName, const std::vector<model::LessonProblem>& problems);

// Opens (window-modal, without blocking) a warning that lists every problem; it deletes itself when closed.
QMessageBox* showLessonProblems(QWidget* parent, const QString& path, const std::vector<model::LessonProblem>& problems);

} // namespace attnlab::app
