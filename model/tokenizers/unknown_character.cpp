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
        QList<int> droppedBefore; // token indices; tokens.size() = at the end
        bool droppedAtEnd = false;
        QList<int> became;
    };
    std::vector<Seen> seen; // in the order of first appearance
    for (const UnknownCharacter& u : unknown) {
        auto it = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) { return s.character == u.character; });
        if (it == seen.end()) it = seen.insert(seen.end(), Seen{u.character, {}, false, {}});
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
        parts << QStringLiteral("%1 %2").arg(quotedCharacter(s.character), where.join(QStringLiteral(" and ")));
    }
    if (seen.size() > kShown) parts << QStringLiteral("%1 more").arg(seen.size() - kShown);
    return QStringLiteral("%1 %2 not in the vocabulary: %3.")
        .arg(seen.size())
        .arg(seen.size() == 1 ? QStringLiteral("character is") : QStringLiteral("characters are"),
             parts.join(QStringLiteral("; ")));
}

} // namespace attnlab::model
