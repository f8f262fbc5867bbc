#include "model/tokenizers/unknown_character.h"

#include <QChar>
#include <QList>

#include <algorithm>

namespace attnlab::model {

QString quotedCharacter(const QString& character)
{
    QString shown;
    for (const char32_t c : character.toUcs4()) {
        const QChar::Category k = QChar::category(c);
        const bool invisible = c != U' ' && (k == QChar::Other_Control || k == QChar::Other_Format ||
                                             k == QChar::Separator_Space || k == QChar::Separator_Line ||
                                             k == QChar::Separator_Paragraph);
        shown += invisible ? QStringLiteral("U+%1").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'))
                           : QString::fromUcs4(&c, 1);
    }
    return QStringLiteral("\u00AB%1\u00BB").arg(shown);
}

namespace {

// "4", "4, 9", at most five numbers and then "…" (1-based).
QString tokenNumbers(const QList<int>& indices)
{
    QStringList numbers;
    for (qsizetype i = 0; i < indices.size() && i < 5; ++i)
        numbers << QString::number(indices[i] + 1);
    if (indices.size() > 5) numbers << QStringLiteral("\u2026");
    return numbers.join(QStringLiteral(", "));
}

} // namespace

QString unknownCharactersWarning(const std::vector<UnknownCharacter>& unknown, const QStringList& tokens)
{
    if (unknown.empty()) return {};
    struct Seen {
        QString character;
        int wordLength;
        QList<int> droppedBefore; // token indices; tokens.size() = at the end
        bool droppedAtEnd = false;
        QList<int> became;
    };
    std::vector<Seen> seen; // in the order of first appearance
    for (const UnknownCharacter& u : unknown) {
        auto it = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) {
            return s.character == u.character && s.wordLength == u.wordLength;
        });
        if (it == seen.end()) it = seen.insert(seen.end(), Seen{u.character, u.wordLength, {}, false, {}});
        if (u.dropped && u.token >= tokens.size())
            it->droppedAtEnd = true;
        else if (QList<int>& list = u.dropped ? it->droppedBefore : it->became; list.isEmpty() || list.last() != u.token)
            list << u.token; // a run fused into one unknown token, or dropped in one gap, is named once
    }
    constexpr size_t kShown = 12;
    QStringList parts;
    for (size_t i = 0; i < seen.size() && i < kShown; ++i) {
        const Seen& s = seen[i];
        QStringList where;
        if (!s.droppedBefore.isEmpty())
            where << QStringLiteral("dropped before token%1 %2")
                         .arg(s.droppedBefore.size() > 1 ? QStringLiteral("s") : QString(), tokenNumbers(s.droppedBefore));
        if (s.droppedAtEnd) where << (s.droppedBefore.isEmpty() ? QStringLiteral("dropped at the end") : QStringLiteral("at the end"));
        if (!s.became.isEmpty()) {
            const QString name = tokens.value(s.became.first());
            where << QStringLiteral("became token%1 %2%3")
                         .arg(s.became.size() > 1 ? QStringLiteral("s") : QString(), tokenNumbers(s.became),
                              name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(name));
        }
        // A word too long to tokenize: shortened, quoted as it is, with its length.
        const QString quoted = s.wordLength > 0 ? QStringLiteral("\u00AB%1\u00BB (%2 characters)").arg(s.character).arg(s.wordLength)
                                                : quotedCharacter(s.character);
        parts << QStringLiteral("%1 %2").arg(quoted, where.join(QStringLiteral(" and ")));
    }
    if (seen.size() > kShown) parts << QStringLiteral("%1 more").arg(seen.size() - kShown);
    const auto words = std::count_if(seen.begin(), seen.end(), [](const Seen& s) { return s.wordLength > 0; });
    const auto characters = qsizetype(seen.size()) - words;
    QStringList counts;
    if (characters > 0)
        counts << QStringLiteral("%1 %2 not in the vocabulary")
                      .arg(characters)
                      .arg(characters == 1 ? QStringLiteral("character is") : QStringLiteral("characters are"));
    if (words > 0)
        counts << QStringLiteral("%1 %2 too long to tokenize")
                      .arg(words)
                      .arg(words == 1 ? QStringLiteral("word is") : QStringLiteral("words are"));
    return QStringLiteral("%1: %2.").arg(counts.join(QStringLiteral(" and ")), parts.join(QStringLiteral("; ")));
}

} // namespace attnlab::model
