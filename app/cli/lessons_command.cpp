#include "app/cli/lessons_command.h"

#include "app/cli/command_line.h"
#include "app/cli/output_file.h"
#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_problems.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace attnlab::app {

namespace {

const char* const kLessonsUsage =
    "usage: attnlab lessons [--lang en|ja|fa] [--json FILE|-] [--show ID|FILE]\n"
    "       attnlab lessons --validate FILE   (every problem as FILE: path: message; exit 1 on any)\n";

// Title, summary and the numbered steps, as plain text for a terminal.
QString lessonText(const model::Lesson& lesson, const QString& language)
{
    QString out = lesson.title.text(language) + QLatin1Char('\n') + lesson.summary.text(language) + QLatin1Char('\n');
    for (size_t i = 0; i < lesson.steps.size(); ++i)
        out += QStringLiteral("\n%1. %2\n").arg(i + 1).arg(lesson.steps[i].text.text(language));
    return out;
}

// `--validate FILE` (may be given more than once): every problem of each file on standard output, or that it is
// valid; exit 1 when any file has a problem.
int validateLessonFiles(const QCommandLineParser& parser)
{
    for (const char* name : {"lang", "json", "show"})
        if (parser.isSet(QLatin1String(name)))
            return fail(kLessonsUsage, QStringLiteral("--validate takes no --%1").arg(QLatin1String(name)), ExitUsage);
    bool valid = true;
    QString out;
    for (const QString& path : parser.values(QStringLiteral("validate"))) {
        const std::vector<model::LessonProblem> problems = validateLessonFileWithModels(path);
        if (problems.empty()) {
            const auto lesson = model::readLesson(path);
            const size_t steps = lesson ? lesson->steps.size() : 0;
            out += QStringLiteral("%1: valid (%2 step%3)\n").arg(path).arg(steps).arg(steps == 1 ? "" : "s");
        } else {
            valid = false;
            out += lessonProblemLines(path, problems).join(QLatin1Char('\n')) + QLatin1Char('\n');
        }
    }
    std::fputs(out.toUtf8().constData(), stdout);
    return valid ? ExitOk : ExitBadInput;
}

} // namespace

int runLessons(const QStringList& arguments)
{
    QCommandLineParser parser;
    for (const char* name : {"lang", "json", "show", "validate"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    if (!parser.parse(QStringList{QStringLiteral("attnlab lessons")} + arguments))
        return fail(kLessonsUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kLessonsUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (parser.isSet(QStringLiteral("validate")))
        return validateLessonFiles(parser);
    const QString language = parser.isSet(QStringLiteral("lang")) ? parser.value(QStringLiteral("lang")) : QStringLiteral("en");
    if (language != QLatin1String("en") && language != QLatin1String("ja") && language != QLatin1String("fa"))
        return fail(kLessonsUsage, QStringLiteral("--lang \"%1\": expected en, ja or fa").arg(language));

    QByteArray data;
    if (parser.isSet(QStringLiteral("show"))) {
        const auto lesson = lessonFromArgument(parser.value(QStringLiteral("show")));
        if (!lesson)
            return fail(kLessonsUsage, lesson.error());
        data = lessonText(*lesson, language).toUtf8();
    } else {
        const auto catalogue = model::lessonCatalogue(lessonDirectory());
        if (!catalogue)
            return fail(kLessonsUsage, catalogue.error());
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray list;
            for (const model::LessonEntry& entry : *catalogue)
                list.append(QJsonObject{{QStringLiteral("id"), entry.id}, {QStringLiteral("title"), entry.title.text(language)}});
            data = QJsonDocument(list).toJson(QJsonDocument::Indented);
        } else {
            qsizetype width = 0;
            for (const model::LessonEntry& entry : *catalogue)
                width = std::max(width, entry.id.size());
            QString text;
            for (const model::LessonEntry& entry : *catalogue)
                text += entry.id.leftJustified(width + 3) + entry.title.text(language) + QLatin1Char('\n');
            data = text.toUtf8();
        }
    }
    const QString out = parser.isSet(QStringLiteral("json")) ? parser.value(QStringLiteral("json")) : QStringLiteral("-");
    const auto written = writeOutput(out, data);
    return written ? ExitOk : fail(kLessonsUsage, written.error());
}

QStringList withLessonDefaults(const QStringList& arguments, const QStringList& accepted)
{
    const auto id = rawOption(arguments, QStringLiteral("lesson"));
    if (!id)
        return arguments;
    const auto lesson = lessonFromArgument(*id);
    if (!lesson)
        return arguments; // the input reader reports the unknown lesson
    const std::pair<QString, QString> defaults[] = {
        {QStringLiteral("view"), lesson->view},
        {QStringLiteral("query"), lesson->query},
        {QStringLiteral("layer"), lesson->layer ? QString::number(*lesson->layer) : QString()},
        {QStringLiteral("head"), lesson->head ? QString::number(*lesson->head) : QString()},
        {QStringLiteral("step"), lesson->step ? QString::number(*lesson->step) : QString()}};
    QStringList out = arguments;
    for (const auto& [name, value] : defaults)
        if (accepted.contains(name) && !value.isEmpty() && !rawOption(arguments, name))
            out << QStringLiteral("--") + name << value;
    if (accepted.contains(QStringLiteral("exact")) && lesson->exact && !arguments.contains(QStringLiteral("--exact")))
        out << QStringLiteral("--exact");
    return out;
}

} // namespace attnlab::app
