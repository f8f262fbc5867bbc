#include "model/tokenizers/pre_tokenizer.h"

#include "model/tokenizers/bpe_tokenizer.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <utility>

namespace attnlab::model {

namespace {

using Steps = std::vector<PreTokenizerStep>;
using Behavior = PreTokenizerStep::Behavior;

// A word, where it starts in the word it was cut from, and whether it starts the original text (Metaspace's
// "first" prepends only there).
struct Word {
    qsizetype start = 0;
    QString text;
    bool atOrigin = false;
};

// text -> its segments as HF's split(pattern, behavior) forms them: the text is cut into alternating
// non-matches and (non-empty) matches, invert swaps the two, then the behaviour decides where each match
// goes.
std::vector<Word> splitSegments(const QString& text, const QRegularExpression& pattern, Behavior behavior,
                                bool invert)
{
    struct Segment {
        qsizetype begin, end;
        bool match;
    };
    std::vector<Segment> segments;
    qsizetype previous = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() == 0) continue;
        if (m.capturedStart() > previous) segments.push_back({previous, m.capturedStart(), invert});
        segments.push_back({m.capturedStart(), m.capturedEnd(), !invert});
        previous = m.capturedEnd();
    }
    if (previous < text.size()) segments.push_back({previous, text.size(), invert});

    // The folds of HF's SplitDelimiterBehavior, on (begin, end) ranges.
    std::vector<Segment> merged;
    bool previousMatch = false;
    switch (behavior) {
    case Behavior::Removed:
        for (const Segment& s : segments)
            if (!s.match) merged.push_back(s);
        break;
    case Behavior::Isolated:
        merged = segments;
        break;
    case Behavior::MergedWithPrevious:
        for (const Segment& s : segments) {
            if (s.match && !previousMatch && !merged.empty())
                merged.back().end = s.end;
            else
                merged.push_back(s);
            previousMatch = s.match;
        }
        break;
    case Behavior::MergedWithNext:
        // Right to left: a match joins the word after it unless that is a match too.
        for (auto s = segments.rbegin(); s != segments.rend(); ++s) {
            if (s->match && !previousMatch && !merged.empty())
                merged.back().begin = s->begin;
            else
                merged.push_back(*s);
            previousMatch = s->match;
        }
        std::reverse(merged.begin(), merged.end());
        break;
    case Behavior::Contiguous:
        for (const Segment& s : segments) {
            if (s.match == previousMatch && !merged.empty())
                merged.back().end = s.end;
            else
                merged.push_back(s);
            previousMatch = s.match;
        }
        break;
    }
    std::vector<Word> words;
    for (const Segment& s : merged)
        words.push_back({s.begin, text.mid(s.begin, s.end - s.begin), false});
    return words;
}

// One step on one word; atOrigin: the word starts the original text.
void applyStep(const PreTokenizerStep& step, const QString& word, bool atOrigin, std::vector<Word>& out)
{
    switch (step.kind) {
    case PreTokenizerStep::Kind::ByteLevel: {
        const QString s =
            step.addPrefixSpace && !word.startsWith(QLatin1Char(' ')) ? QLatin1Char(' ') + word : word;
        qsizetype start = 0;
        for (const QString& part : step.useRegex ? BpeTokenizer::splitGpt2(s) : QStringList{s}) {
            out.push_back({start, BpeTokenizer::bytesToUnicode(part.toUtf8()), false});
            start += part.size();
        }
        return;
    }
    case PreTokenizerStep::Kind::WhitespaceSplit: {
        static const QRegularExpression spaces(QStringLiteral("\\s+"),
                                               QRegularExpression::UseUnicodePropertiesOption);
        for (Word& w : splitSegments(word, spaces, Behavior::Removed, false))
            out.push_back(std::move(w));
        return;
    }
    case PreTokenizerStep::Kind::Metaspace: {
        QString s = word;
        s.replace(QLatin1Char(' '), step.replacement);
        const bool prepend = step.prepend == PreTokenizerStep::Prepend::Always ||
                             (step.prepend == PreTokenizerStep::Prepend::First && atOrigin);
        if (prepend && !s.startsWith(step.replacement)) s.prepend(step.replacement);
        if (!step.split) {
            out.push_back({0, s, false});
            return;
        }
        const QRegularExpression mark = step.pattern.pattern().isEmpty()
                                            ? QRegularExpression(QRegularExpression::escape(step.replacement))
                                            : step.pattern;
        for (Word& w : splitSegments(s, mark, Behavior::MergedWithNext, false))
            out.push_back(std::move(w));
        return;
    }
    case PreTokenizerStep::Kind::Split:
        for (Word& w : splitSegments(word, step.pattern, step.behavior, step.invert))
            out.push_back(std::move(w));
        return;
    }
}

Result<Steps> parseStep(const QJsonValue& value, const QString& file, const QString& field)
{
    using R = Result<Steps>;
    const QJsonObject o = value.toObject();
    const QString type = o.value(QStringLiteral("type")).toString();
    PreTokenizerStep step;
    const auto fail = [&](const QString& key, const QString& expected) {
        return R::failure(QStringLiteral("%1: field \"%2.%3\": expected %4").arg(file, field, key, expected));
    };
    if (type == QLatin1String("ByteLevel")) {
        step.addPrefixSpace = o.value(QStringLiteral("add_prefix_space")).toBool();
        step.useRegex = o.value(QStringLiteral("use_regex")).toBool(true);
    } else if (type == QLatin1String("WhitespaceSplit")) {
        step.kind = PreTokenizerStep::Kind::WhitespaceSplit;
    } else if (type == QLatin1String("Metaspace")) {
        step.kind = PreTokenizerStep::Kind::Metaspace;
        const QJsonValue replacement = o.value(QStringLiteral("replacement"));
        if (!replacement.isUndefined()) {
            if (!replacement.isString() || replacement.toString().isEmpty())
                return fail(QStringLiteral("replacement"), QStringLiteral("a character such as \"\u2581\""));
            step.replacement = replacement.toString();
        }
        // prepend_scheme replaced the boolean add_prefix_space (true = "always") in tokenizers 0.19.
        const QJsonValue scheme = o.value(QStringLiteral("prepend_scheme"));
        const QString name = scheme.toString();
        const bool prefixSpace = o.value(QStringLiteral("add_prefix_space")).toBool(true);
        if (scheme.isUndefined() || scheme.isNull())
            step.prepend = prefixSpace ? PreTokenizerStep::Prepend::Always : PreTokenizerStep::Prepend::Never;
        else if (!prefixSpace && name != QLatin1String("never"))
            return fail(QStringLiteral("prepend_scheme"),
                        QStringLiteral("\"never\" when add_prefix_space is false, found \"%1\"").arg(name));
        else if (name == QLatin1String("always"))
            step.prepend = PreTokenizerStep::Prepend::Always;
        else if (name == QLatin1String("first"))
            step.prepend = PreTokenizerStep::Prepend::First;
        else if (name == QLatin1String("never"))
            step.prepend = PreTokenizerStep::Prepend::Never;
        else
            return fail(QStringLiteral("prepend_scheme"),
                        QStringLiteral("\"always\", \"first\" or \"never\""));
        step.split = o.value(QStringLiteral("split")).toBool(true);
        step.pattern.setPattern(QRegularExpression::escape(step.replacement)); // compiled once, not per word
    } else if (type == QLatin1String("Split")) {
        step.kind = PreTokenizerStep::Kind::Split;
        const QJsonObject pattern = o.value(QStringLiteral("pattern")).toObject();
        if (pattern.value(QStringLiteral("String")).isString())
            step.pattern.setPattern(
                QRegularExpression::escape(pattern.value(QStringLiteral("String")).toString()));
        else if (pattern.value(QStringLiteral("Regex")).isString())
            step.pattern.setPattern(pattern.value(QStringLiteral("Regex")).toString());
        else
            return fail(QStringLiteral("pattern"), QStringLiteral("{\"String\": …} or {\"Regex\": …}"));
        step.pattern.setPatternOptions(QRegularExpression::UseUnicodePropertiesOption);
        if (!step.pattern.isValid())
            return fail(QStringLiteral("pattern"),
                        QStringLiteral("a valid regular expression (%1)").arg(step.pattern.errorString()));
        static const std::pair<const char*, Behavior> behaviors[] = {
            {"Removed", Behavior::Removed},
            {"Isolated", Behavior::Isolated},
            {"MergedWithPrevious", Behavior::MergedWithPrevious},
            {"MergedWithNext", Behavior::MergedWithNext},
            {"Contiguous", Behavior::Contiguous}};
        const QString behavior = o.value(QStringLiteral("behavior")).toString();
        bool known = false;
        for (const auto& [spelling, kind] : behaviors)
            if (behavior == QLatin1String(spelling)) {
                step.behavior = kind;
                known = true;
            }
        if (!known)
            return fail(
                QStringLiteral("behavior"),
                QStringLiteral("Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous"));
        step.invert = o.value(QStringLiteral("invert")).toBool();
    } else if (type == QLatin1String("Sequence")) {
        Steps steps;
        const QJsonArray list = o.value(QStringLiteral("pretokenizers")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto inner = parseStep(list[i], file, QStringLiteral("%1.pretokenizers[%2]").arg(field).arg(i));
            if (!inner) return inner;
            steps.insert(steps.end(), inner->begin(), inner->end());
        }
        return steps;
    } else {
        return fail(
            QStringLiteral("type"),
            QStringLiteral("ByteLevel, WhitespaceSplit, Metaspace, Split, Sequence or null, found \"%1\"")
                .arg(type));
    }
    return Steps{step};
}

} // namespace

Result<Steps> parsePreTokenizer(const QJsonValue& value, const QString& file)
{
    if (value.isNull() || value.isUndefined()) return Steps{};
    return parseStep(value, file, QStringLiteral("pre_tokenizer"));
}

QStringList preTokenize(const QString& piece, bool atStart, const Steps& steps)
{
    if (piece.isEmpty()) return {};
    std::vector<Word> words{{0, piece, atStart}};
    for (const PreTokenizerStep& step : steps) {
        std::vector<Word> next;
        for (const Word& word : words) {
            const size_t first = next.size();
            applyStep(step, word.text, word.atOrigin, next);
            for (size_t j = first; j < next.size(); ++j)
                next[j].atOrigin = word.atOrigin && next[j].start == 0;
        }
        words.swap(next);
    }
    QStringList out;
    for (const Word& w : words)
        if (!w.text.isEmpty()) out.append(w.text);
    return out;
}

QStringList splitWithBehavior(const QString& text, const QRegularExpression& pattern, Behavior behavior,
                              bool invert)
{
    QStringList out;
    for (const Word& w : splitSegments(text, pattern, behavior, invert))
        out.append(w.text);
    return out;
}

} // namespace attnlab::model
