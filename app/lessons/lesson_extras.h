#pragma once

// The interactive part a lesson's pane shows under its text, chosen by the lesson: the exam's exact-exp toggle,
// the orthogonal inputs' norm plot, the dot-product histogram, the attention-memory plot, or the shape
// calculator (every lesson that counts a model's parameters).

#include "model/teaching/lesson.h"
#include "app/lessons/lesson_extra_exam.h"

class QWidget;

namespace attnlab::app {

// lesson -> its extra (parented to parent), or nullptr when it has none.
QWidget* createLessonExtra(const model::Lesson& lesson, QWidget* parent);

} // namespace attnlab::app
