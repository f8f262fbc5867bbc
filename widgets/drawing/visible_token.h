#pragma once

// A token as a label. Whitespace-only tokens (a space, Llama's "▁" shown as a space, a newline byte) would be
// empty labels, and character models have one between every word: their characters become visible marks.

#include <QString>
#include <QStringList>

namespace attnlab::widgets {

// " " -> "␣", "\n" -> "↵", "\t" -> "⇥"; a token with any other character is returned as it is.
QString visibleToken(const QString& token);
QStringList visibleTokens(const QStringList& tokens);

} // namespace attnlab::widgets
