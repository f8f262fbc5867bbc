#include "app/cli/session_command.h"

#include "app/cli/command_line.h"
#include "app/session/session_file.h"
#include "model/trace/trace_selection.h"
#include "app/workspace/workspace_request.h"

#include <QFileInfo>

#include <optional>

namespace attnlab::app {

namespace {

// A head as --head takes it: 1-based, or all / average / max.
QString headOption(int head)
{
    switch (head) {
    case model::AllHeads: return QStringLiteral("all");
    case model::AverageHeads: return QStringLiteral("average");
    case model::MaxHeads: return QStringLiteral("max");
    default: return QString::number(head + 1);
    }
}

} // namespace

model::Result<model::TraceRequest> requestFromSession(const QString& path, QStringList* warnings)
{
    const auto session = readSessionFile(path);
    if (!session)
        return model::Result<model::TraceRequest>::failure(session.error());
    *warnings << session->warnings;
    const BuiltRequest built = buildRequest(session->workspace);
    if (!built.request)
        return model::Result<model::TraceRequest>::failure(QStringLiteral("%1: %2").arg(path, built.error));
    return *built.request;
}

QStringList withSessionDefaults(const QStringList& arguments, const QStringList& accepted)
{
    const auto path = rawOption(arguments, QStringLiteral("session"));
    if (!path)
        return arguments;
    const auto session = readSessionFile(*path);
    if (!session)
        return arguments;
    const std::pair<QString, QString> defaults[] = {
        {QStringLiteral("view"), session->view},
        {QStringLiteral("layer"), QString::number(session->layer + 1)},
        {QStringLiteral("head"), headOption(session->head)},
        {QStringLiteral("query"), session->query >= 0 ? QString::number(session->query + 1) : QString()},
        {QStringLiteral("theme"), !session->theme ? QString()
                                  : *session->theme == widgets::Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light")},
        {QStringLiteral("colormap"), session->colorMap ? widgets::colorMapName(*session->colorMap) : QString()},
        {QStringLiteral("color-scale"),
         session->colorScale ? model::enumName(widgets::kColorScaleNames, *session->colorScale) : QString()}};
    QStringList out = arguments;
    for (const auto& [name, value] : defaults)
        if (accepted.contains(name) && !value.isEmpty() && !rawOption(arguments, name))
            out << QStringLiteral("--") + name << value;
    for (const auto& [name, on] : {std::pair{QStringLiteral("exact"), session->exact},
                                   std::pair{QStringLiteral("presentation"), session->presentation.value_or(false)}})
        if (accepted.contains(name) && on && !arguments.contains(QStringLiteral("--") + name))
            out << QStringLiteral("--") + name;
    return out;
}

QString sessionToOpen(const QStringList& arguments)
{
    if (arguments.size() == 2 && arguments[0] == QLatin1String("--session"))
        return arguments[1];
    if (arguments.size() == 1 && arguments[0].startsWith(QLatin1String("--session=")))
        return arguments[0].mid(int(qstrlen("--session=")));
    if (arguments.size() == 1 && !arguments[0].startsWith(QLatin1Char('-')) &&
        QFileInfo(arguments[0]).suffix().compare(QLatin1String(kSessionSuffix), Qt::CaseInsensitive) == 0)
        return arguments[0];
    return {};
}

} // namespace attnlab::app
