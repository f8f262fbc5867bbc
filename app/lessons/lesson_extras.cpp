#include "app/lessons/lesson_extras.h"

#include "app/lessons/lesson_extra_curves.h"
#include "app/lessons/lesson_extra_shapes.h"
#include "app/lessons/lesson_extra_variance.h"

namespace attnlab::app {

QWidget* createLessonExtra(const model::Lesson& lesson, QWidget* parent)
{
    if (lesson.id == QLatin1String("exam-softmax") && lesson.problem)
        return new ExamSoftmaxExtra(lesson, parent);
    if (lesson.id == QLatin1String("orthogonal-inputs") && lesson.problem)
        return new OrthogonalInputsExtra(lesson, parent);
    if (lesson.id == QLatin1String("dot-product-variance"))
        return new DotProductVarianceExtra(parent);
    if (lesson.id == QLatin1String("causal-mask"))
        return new AttentionMemoryExtra(parent);
    if (lesson.params)
        return new ShapeCalculatorExtra(*lesson.params, parent);
    return nullptr;
}

} // namespace attnlab::app
