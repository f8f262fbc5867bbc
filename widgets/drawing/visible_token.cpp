#include "widgets/drawing/visible_token.h"

namespace attnlab::widgets {

QString visibleToken(const QString& token)
{
    if (!token.trimmed().isEmpty()) return token;
    QString shown = token;
    shown.replace(QLatin1Char('\n'), QChar(0x21B5)); // ↵
    shown.replace(QLatin1Char('\t'), QChar(0x21E5)); // ⇥
    shown.replace(QLatin1Char(' '), QChar(0x2423));   // ␣
    return shown;
}

QStringList visibleTokens(const QStringList& tokens)
{
    QStringList shown;
    shown.reserve(tokens.size());
    for (const QString& token : tokens)
        shown << visibleToken(token);
    return shown;
}

} // namespace attnlab::widgets
