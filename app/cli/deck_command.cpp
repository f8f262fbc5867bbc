#include "app/cli/deck_command.h"

#include "app/cli/cli_options.h"
#include "app/cli/command_line.h"
#include "app/cli/lessons_command.h"
#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_deck.h"
#include "app/window/language.h"
#include "model/core/atomic_file.h"
#include "model/pipeline/trace_request.h"

#include <QCommandLineParser>

namespace attnlab::app {

namespace {

const char* const kDeckUsage =
    "usage: attnlab export --lesson ID|FILE --deck --out FILE.pdf [--lang en|ja|fa] [--theme light|dark]\n"
    "                      [--presentation] [--width W --height H]   (the page, in points at 96 DPI; 1280 × 720)\n"
    "       one page per step: its figure and its text; a question on one page, its answer on the next\n";

} // namespace

bool asksForDeck(const QStringList& arguments)
{
    return arguments.contains(QLatin1String("--deck"));
}

int runDeckExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    for (const char* name : {"out", "lang", "width", "height"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    for (const char* flag : {"deck", "presentation"})
        parser.addOption(QCommandLineOption(QLatin1String(flag)));
    if (!parser.parse(QStringList{QStringLiteral("attnlab export")} + arguments))
        return fail(kDeckUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kDeckUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (!parser.isSet(QStringLiteral("lesson")))
        return fail(kDeckUsage, QStringLiteral("--deck exports a lesson: give --lesson ID|FILE"), ExitUsage);
    const QString out = parser.value(QStringLiteral("out"));
    if (!out.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return fail(kDeckUsage, out.isEmpty() ? QStringLiteral("--deck needs --out FILE.pdf")
                                              : QStringLiteral("--out \"%1\": a deck is a PDF (FILE.pdf)").arg(out),
                    ExitUsage);
    DeckOptions options;
    options.language = parser.isSet(QStringLiteral("lang")) ? parser.value(QStringLiteral("lang")) : QStringLiteral("en");
    if (!supportedLanguages().contains(options.language))
        return fail(kDeckUsage, QStringLiteral("--lang \"%1\": expected %2").arg(options.language, supportedLanguages().join(QStringLiteral(", "))));
    const QString theme = parser.value(QStringLiteral("theme"));
    if (!theme.isEmpty() && theme != QLatin1String("light") && theme != QLatin1String("dark"))
        return fail(kDeckUsage, QStringLiteral("--theme \"%1\": expected light or dark").arg(theme));
    options.style.theme = theme == QLatin1String("dark") ? widgets::Theme::Dark : widgets::Theme::Light;
    options.style.presentation = parser.isSet(QStringLiteral("presentation"));
    for (const char* name : {"width", "height"}) {
        if (!parser.isSet(QLatin1String(name)))
            continue;
        bool ok = false;
        const int value = parser.value(QLatin1String(name)).toInt(&ok);
        if (!ok || value < 320 || value > 16384)
            return fail(kDeckUsage, QStringLiteral("--%1 \"%2\": expected a whole number from 320 to 16384")
                                        .arg(QLatin1String(name), parser.value(QLatin1String(name))));
        (qstrcmp(name, "width") == 0 ? options.pageSize.rwidth() : options.pageSize.rheight()) = value;
    }

    const auto lesson = lessonFromArgument(parser.value(QStringLiteral("lesson")));
    if (!lesson)
        return fail(kDeckUsage, lesson.error());
    QString error;
    bool usage = false;
    auto request = requestFromOptions(parser, &error, &usage);
    if (!request)
        return fail(kDeckUsage, error, usage ? ExitUsage : ExitBadInput);
    const auto trace = model::computeTrace(*request);
    if (!trace)
        return fail(kDeckUsage, trace.error());
    options.style.exact = lesson->exact || trace->exact;
    // The deck's own words ("Question", "Answer: …") in the deck's language.
    installLanguage(lesson->language(options.language));
    const auto deck = renderLessonDeck(*lesson, *trace, *request, options);
    if (!deck)
        return fail(kDeckUsage, QStringLiteral("lesson %1: %2").arg(lesson->id, deck.error()));
    const auto written = model::writeFileAtomically(out, *deck);
    return written ? ExitOk : fail(kDeckUsage, written.error());
}

} // namespace attnlab::app
