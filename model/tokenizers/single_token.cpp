#include "model/tokenizers/single_token.h"

#include "model/tokenizers/tokenizer.h"

#include <QStringList>

#include <vector>

namespace attnlab::model {

namespace {

// The ids encode() gives for text, without the special tokens it adds around every text (those it gives for "").
std::vector<int> idsWithoutSpecials(const Tokenizer& tokenizer, const QString& text)
{
    const std::vector<int> specials = tokenizer.encode(QString()).ids;
    std::vector<int> ids = tokenizer.encode(text).ids;
    // The specials come before the text ([CLS], <s>) and after it ([SEP]): drop the longest run of them at the
    // start, then what is left of them at the end.
    size_t front = 0;
    while (front < specials.size() && front < ids.size() && ids[front] == specials[front])
        ++front;
    ids.erase(ids.begin(), ids.begin() + std::ptrdiff_t(front));
    size_t back = specials.size();
    while (back > front && !ids.empty() && ids.back() == specials[back - 1]) {
        ids.pop_back();
        --back;
    }
    return ids;
}

} // namespace

Result<int> singleTokenId(const Tokenizer& tokenizer, const QString& text, const QString& option)
{
    using R = Result<int>;
    if (text.isEmpty()) return R::failure(QStringLiteral("%1 is empty: name one token").arg(option));
    const std::vector<int> ids = idsWithoutSpecials(tokenizer, text);
    if (ids.size() == 1) return ids.front();
    const int asVocabulary = tokenizer.tokenId(text);
    if (asVocabulary >= 0) return asVocabulary;
    if (ids.empty()) return R::failure(QStringLiteral("%1 \"%2\": the tokenizer finds no token in it").arg(option, text));
    QStringList pieces;
    for (int id : ids)
        pieces << QStringLiteral("\"%1\"").arg(tokenizer.displayText(id));
    QString message = QStringLiteral("%1 \"%2\": the tokenizer splits it into %3 tokens (%4); name a single token")
                          .arg(option, text)
                          .arg(ids.size())
                          .arg(pieces.join(QStringLiteral(", ")));
    if (!text.startsWith(QLatin1Char(' ')) && idsWithoutSpecials(tokenizer, QLatin1Char(' ') + text).size() == 1)
        message += QStringLiteral(" (\" %1\", with a leading space as inside a sentence, is one token)").arg(text);
    return R::failure(message);
}

} // namespace attnlab::model
