#include "app/lessons/lesson_catalog.h"

namespace attnlab::app {

QString lessonDirectory()
{
    return QStringLiteral(":/lessons");
}

model::Result<model::Lesson> builtInLesson(const QString& id)
{
    return model::loadLesson(lessonDirectory(), id);
}

} // namespace attnlab::app
