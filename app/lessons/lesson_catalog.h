#pragma once

// The built-in lessons, compiled in from resources/lessons under ":/lessons" (app/CMakeLists.txt): where they
// are and how one is read. The GUI's lesson browser and the command line's `lessons` and `--lesson` share it.

#include "model/teaching/lesson.h"

#include <QString>

namespace attnlab::app {

// Where the built-in lessons live (a Qt resource directory).
QString lessonDirectory();

// The built-in lesson `id`; an unknown id fails with `unknown lesson "x" (known: …)`.
model::Result<model::Lesson> builtInLesson(const QString& id);

} // namespace attnlab::app
