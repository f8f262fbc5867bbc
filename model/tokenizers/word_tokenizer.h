#pragma once

// The toy model's tokenizer: words, split on whitespace and punctuation, Unicode-aware. Punctuation marks
// become tokens of their own ("tired" "."), an apostrophe between letters stays inside its word ("didn't"),
// and words of scripts without case or spaces (得意, スポーツ, سلام, می‌خواهم with its zero-width
// non-joiner) are kept whole.

#include <QString>
#include <QStringList>

namespace attnlab::model {

QStringList tokenizeWords(const QString& text);

} // namespace attnlab::model
