// Fuzzes the lesson JSON reader (titles in any languages, the input problem or sentence, the start view, the
// steps with their questions, notes and presentation, and the stated facts), the reader of a learner's typed
// answer (fed each prompt) and the validator (every problem with its path; the toy model's and the matrices'
// ranges, no file is read); a lesson whose matrices problem is small is also run, as `--lesson ID` does.

#include "fuzz_support.h"
#include "model/teaching/lesson.h"
#include "model/teaching/lesson_validator.h"
#include "model/teaching/question_grading.h"

#include <algorithm>
#include <cmath>

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytes(data, size);
    const auto problems = model::validateLesson(bytes, QString(), [](const QString& name, const QString&) {
        return model::isToyModel(name) ? model::Result<QString>::success(model::toyModelName())
                                       : model::Result<QString>::failure(QStringLiteral("no models here"));
    });
    for (const model::LessonProblem& problem : problems)
        FUZZ_CHECK(!problem.message.isEmpty());
    const auto lesson = model::parseLesson(bytes, QStringLiteral("l.json"));
    FUZZ_CHECK(lesson.ok() == model::checkLesson(bytes).problems.empty());
    if (!lesson) {
        FUZZ_CHECK(lesson.error().contains(QLatin1String("l.json")));
        return 0;
    }
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("ja"), QStringLiteral("fa")})
        (void)lesson->title.text(language);
    for (const model::LessonFact& fact : lesson->facts)
        FUZZ_CHECK(lesson->fact(fact.name) != nullptr);
    for (int i = 0; i < int(lesson->steps.size()); ++i) {
        const model::LessonStep& step = lesson->steps[size_t(i)];
        const model::LessonPresentation at = model::presentationAt(*lesson, i);
        FUZZ_CHECK(!at.zoom || (*at.zoom >= 0.5 && *at.zoom <= 2));
        if (!step.question)
            continue;
        const model::LessonQuestion& q = *step.question;
        FUZZ_CHECK(q.answer.size() == size_t(q.answerWritten.size()));
        FUZZ_CHECK(q.kind != model::LessonQuestion::Kind::Choice ||
                   (q.options.size() >= 2 && q.correctOption >= 0 && q.correctOption < int(q.options.size())));
        const auto typed = model::parseTypedNumbers(q.prompt.text(QStringLiteral("en")));
        FUZZ_CHECK(typed.ok() ? !typed->empty() : !typed.error().isEmpty());
        if (q.kind == model::LessonQuestion::Kind::Number)
            FUZZ_CHECK(model::numberAnswerIsRight(q, q.answer) == (!q.answer.empty() && std::all_of(q.answer.begin(), q.answer.end(), [](double v) { return std::isfinite(v); })));
    }
    if (lesson->problem && model::validateMatrixProblem(*lesson->problem)) {
        const model::MatrixProblem& p = *lesson->problem;
        const model::Matrix& rows = p.q ? *p.q : *p.x;
        if (p.heads <= 8 && rows.rows() <= 16 && rows.cols() <= 16) FUZZ_CHECK_OK(model::runMatrixProblem(p));
    }
    return 0;
}
