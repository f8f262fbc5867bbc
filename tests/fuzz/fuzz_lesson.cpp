// Fuzzes the lesson JSON reader (titles in any languages, the input problem or sentence, the start view, the
// steps and the stated facts) and the validator (every problem with its path; the toy model's and the matrices'
// ranges, no file is read); a lesson whose matrices problem is small is also run, as `--lesson ID` does.

#include "fuzz_support.h"
#include "model/teaching/lesson.h"
#include "model/teaching/lesson_validator.h"

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
    if (lesson->problem && model::validateMatrixProblem(*lesson->problem)) {
        const model::MatrixProblem& p = *lesson->problem;
        const model::Matrix& rows = p.q ? *p.q : *p.x;
        if (p.heads <= 8 && rows.rows() <= 16 && rows.cols() <= 16) FUZZ_CHECK_OK(model::runMatrixProblem(p));
    }
    return 0;
}
