// Fuzzes the lesson JSON reader (titles in three languages, the input problem or sentence, the start view and
// the stated facts); a lesson whose matrices problem is small is also run, as `--lesson ID` does.

#include "fuzz_support.h"
#include "model/teaching/lesson.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto lesson = model::parseLesson(fuzz::bytes(data, size), QStringLiteral("l.json"));
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
