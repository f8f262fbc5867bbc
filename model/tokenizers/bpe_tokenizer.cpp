#include "model/tokenizers/bpe_tokenizer.h"

#include <QHash>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <array>
#include <climits>
#include <cmath>

namespace attnlab::model {

namespace {

using TokenizerResult = Result<std::shared_ptr<Tokenizer>>;
using Merge = std::pair<QString, QString>;

// Qt lists each general category's subcategories contiguously.
static_assert(QChar::Letter_Other - QChar::Letter_Uppercase == 4 &&
              QChar::Number_Other - QChar::Number_DecimalDigit == 2);
bool isLetter(char32_t c)
{
    const auto k = QChar::category(c);
    return k >= QChar::Letter_Uppercase && k <= QChar::Letter_Other;
}
bool isNumber(char32_t c)
{
    const auto k = QChar::category(c);
    return k >= QChar::Number_DecimalDigit && k <= QChar::Number_Other;
}

// \s in the regex engines HF uses is Unicode White_Space, which is exactly what QChar::isSpace tests.
bool isSpace(char32_t c)
{
    return QChar::isSpace(c);
}
bool isOther(char32_t c)
{
    return !isSpace(c) && !isLetter(c) && !isNumber(c);
}

const std::array<char16_t, 256>& byteToUnicodeTable()
{
    // GPT-2: printable Latin-1 bytes map to themselves, the other 68 to U+0100, U+0101, … in byte order.
    static const std::array<char16_t, 256> table = [] {
        std::array<char16_t, 256> t{};
        char16_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            t[b] = printable ? char16_t(b) : next++;
        }
        return t;
    }();
    return table;
}

Result<Merge> parseMergeValue(const QJsonValue& v)
{
    if (v.isString()) {
        const QStringList parts = v.toString().split(QLatin1Char(' '));
        if (parts.size() == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) return Merge{parts[0], parts[1]};
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (a.size() == 2 && a[0].isString() && a[1].isString())
            return Merge{a[0].toString(), a[1].toString()};
    }
    return Result<Merge>::failure(QString());
}

} // namespace

QStringList BpeTokenizer::splitGpt2(const QString& text)
{
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(text, cps, offsets);
    const size_t n = cps.size();
    auto runEnd = [&](size_t from, bool (*pred)(char32_t)) {
        while (from < n && pred(cps[from]))
            ++from;
        return from;
    };
    QStringList out;
    size_t i = 0;
    while (i < n) {
        const char32_t c = cps[i];
        size_t end = i;
        // 's|'t|'re|'ve|'m|'ll|'d (case-sensitive, as in GPT-2)
        if (c == U'\'' && i + 1 < n) {
            const char32_t d = cps[i + 1];
            const char32_t e = i + 2 < n ? cps[i + 2] : 0;
            if (d == U's' || d == U't' || d == U'm' || d == U'd')
                end = i + 2;
            else if ((d == U'r' && e == U'e') || (d == U'v' && e == U'e') || (d == U'l' && e == U'l'))
                end = i + 3;
        }
        if (end == i) {
            // " ?X+": an optional single space, then a run of letters, numbers or other symbols.
            const size_t start = (c == U' ' && i + 1 < n && !isSpace(cps[i + 1])) ? i + 1 : i;
            const char32_t d = cps[start];
            if (isLetter(d)) {
                end = runEnd(start, isLetter);
            } else if (isNumber(d)) {
                end = runEnd(start, isNumber);
            } else if (!isSpace(d)) {
                end = runEnd(start, isOther);
            } else {
                // \s+(?!\S) leaves the last space of a run for the next word; \s+ takes a lone one.
                const size_t j = runEnd(i, isSpace);
                end = (j == n || j - i == 1) ? j : j - 1;
            }
        }
        out.append(text.mid(offsets[i], offsets[end] - offsets[i]));
        i = end;
    }
    return out;
}

QString BpeTokenizer::bytesToUnicode(const QByteArray& bytes)
{
    const auto& table = byteToUnicodeTable();
    QString s;
    s.reserve(bytes.size());
    for (const char b : bytes)
        s.append(QChar(table[static_cast<unsigned char>(b)]));
    return s;
}

TokenizerResult BpeTokenizer::fromJson(const QJsonObject& root, const QString& file)
{
    auto t = std::make_shared<BpeTokenizer>();
    if (auto common = t->readCommonSections(root, file); !common) return TokenizerResult::failure(common.error());

    const QJsonObject model = root.value(QStringLiteral("model")).toObject();
    for (const char* field : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (!model.value(QLatin1String(field)).toString().isEmpty())
            return TokenizerResult::failure(
                QStringLiteral("%1: field \"model.%2\": only empty or null is supported")
                    .arg(file, QLatin1String(field)));
    t->m_byteFallback = model.value(QStringLiteral("byte_fallback")).toBool();
    t->m_fuseUnk = model.value(QStringLiteral("fuse_unk")).toBool();
    t->m_ignoreMerges = model.value(QStringLiteral("ignore_merges")).toBool();

    auto steps = parsePreTokenizer(root.value(QStringLiteral("pre_tokenizer")), file);
    if (!steps) return TokenizerResult::failure(steps.error());
    t->m_preSteps = std::move(*steps);
    t->m_preTokenizer = PreTokenizer::None;
    for (const PreTokenizerStep& step : t->m_preSteps)
        if (step.kind == PreTokenizerStep::Kind::ByteLevel) t->m_preTokenizer = PreTokenizer::ByteLevel;

    const QJsonValue vocab = model.value(QStringLiteral("vocab"));
    if (!vocab.isObject())
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.vocab\": expected an object mapping tokens to ids").arg(file));
    const QJsonValue mergesValue = model.value(QStringLiteral("merges"));
    if (!mergesValue.isArray() && !mergesValue.isNull() && !mergesValue.isUndefined())
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.merges\": expected an array").arg(file));
    const QJsonArray mergeList = mergesValue.toArray();
    std::vector<Merge> merges;
    merges.reserve(size_t(mergeList.size()));
    for (qsizetype i = 0; i < mergeList.size(); ++i) {
        auto m = parseMergeValue(mergeList[i]);
        if (!m)
            return TokenizerResult::failure(
                QStringLiteral("%1: field \"model.merges[%2]\": expected \"a b\" or [\"a\", \"b\"]")
                    .arg(file)
                    .arg(i));
        merges.push_back(std::move(*m));
    }
    auto ok = t->setModel(vocab.toObject(), QStringLiteral("%1: field \"model.vocab\"").arg(file), merges,
                          QStringLiteral("%1: field \"model.merges\"").arg(file));
    if (!ok) return TokenizerResult::failure(ok.error());
    const QJsonValue unk = model.value(QStringLiteral("unk_token"));
    t->m_unkId = unk.isString() ? t->m_vocab.value(unk.toString(), -1) : -1;
    return std::shared_ptr<Tokenizer>(std::move(t));
}

TokenizerResult BpeTokenizer::fromVocabAndMerges(const QString& vocabFile, const QString& mergesFile)
{
    auto vocab = readJsonObject(vocabFile);
    if (!vocab) return TokenizerResult::failure(vocab.error());
    QFile f(mergesFile);
    if (!f.open(QIODevice::ReadOnly))
        return TokenizerResult::failure(
            QStringLiteral("%1: cannot read: %2").arg(mergesFile, f.errorString()));
    std::vector<Merge> merges;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]).remove(QLatin1Char('\r'));
        if (line.isEmpty() || (i == 0 && line.startsWith(QLatin1String("#version")))) continue;
        auto m = parseMergeValue(line);
        if (!m)
            return TokenizerResult::failure(
                QStringLiteral("%1: line %2: expected two tokens separated by one space")
                    .arg(mergesFile)
                    .arg(i + 1));
        merges.push_back(std::move(*m));
    }
    auto t = std::make_shared<BpeTokenizer>();
    auto ok = t->setModel(*vocab, vocabFile, merges, mergesFile);
    if (!ok) return TokenizerResult::failure(ok.error());
    const QString eos = QStringLiteral("<|endoftext|>");
    if (t->m_vocab.contains(eos))
        t->m_added.push_back(AddedToken{eos, t->m_vocab.value(eos), false, false, true});
    return std::shared_ptr<Tokenizer>(std::move(t));
}

Result<void> BpeTokenizer::setModel(const QJsonObject& vocab, const QString& vocabWhere,
                                    const std::vector<Merge>& merges, const QString& mergesWhere)
{
    int maxId = -1;
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const QJsonValue v = it.value();
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > kMaxTokenId || d != std::floor(d))
            return Result<void>::failure(QStringLiteral("%1 entry \"%2\": expected an id in 0..%3")
                                             .arg(vocabWhere, it.key())
                                             .arg(kMaxTokenId));
        const int id = int(d);
        m_vocab.insert(it.key(), id);
        m_idToToken.insert(id, it.key());
        maxId = std::max(maxId, id);
    }
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [a, b] = merges[rank];
        for (const QString& token : {a, b, a + b})
            if (!m_vocab.contains(token))
                return Result<void>::failure(
                    QStringLiteral("%1: merge %2 (\"%3 %4\"): token \"%5\" is not in the vocabulary")
                        .arg(mergesWhere)
                        .arg(rank)
                        .arg(a, b, token));
        const std::uint64_t key = (std::uint64_t(m_vocab.value(a)) << 32) | std::uint32_t(m_vocab.value(b));
        if (!m_merges.contains(key)) // the first (best-ranked) occurrence of a duplicate wins
            m_merges.insert(key, {int(rank), m_vocab.value(a + b)});
    }
    m_vocabSize = std::max(maxId, maxAddedId()) + 1;
    return Result<void>::success();
}

Encoding BpeTokenizer::encode(const QString& text) const
{
    // The first piece begins the original text when nothing (no added token) was emitted before it.
    bool first = true;
    const size_t prefixSize = m_post.prefix.ids.size();
    return encodeWithAddedTokens(text, [&](const QString& piece, Encoding& out) {
        const bool atStart = first && out.ids.size() == prefixSize;
        first = false;
        encodePiece(piece, atStart, out);
    });
}

void BpeTokenizer::encodePiece(const QString& piece, bool atStart, Encoding& out) const
{
    for (const QString& w : preTokenize(piece, atStart, m_preSteps)) {
        for (const int id : bpeWord(w)) {
            out.ids.push_back(id);
            out.tokens.append(m_idToToken.value(id));
        }
    }
}

std::vector<int> BpeTokenizer::initialSymbols(const QString& word) const
{
    std::vector<int> ids;
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(word, cps, offsets);
    bool lastWasUnk = false;
    for (size_t i = 0; i < cps.size(); ++i) {
        const QString ch = word.mid(offsets[i], offsets[i + 1] - offsets[i]);
        const auto it = m_vocab.constFind(ch);
        if (it != m_vocab.constEnd()) {
            ids.push_back(*it);
            lastWasUnk = false;
            continue;
        }
        if (m_byteFallback) {
            // SentencePiece byte fallback: <0xE5><0xBE><0x97>, only if every byte has a token.
            std::vector<int> bytes;
            for (const char b : ch.toUtf8()) {
                const QString hex = QString::number(static_cast<unsigned char>(b), 16).toUpper();
                const QString name = QStringLiteral("<0x%1>").arg(hex.rightJustified(2, QLatin1Char('0')));
                const int id = m_vocab.value(name, -1);
                if (id < 0) {
                    bytes.clear();
                    break;
                }
                bytes.push_back(id);
            }
            if (!bytes.empty()) {
                ids.insert(ids.end(), bytes.begin(), bytes.end());
                lastWasUnk = false;
                continue;
            }
        }
        // Without an unknown token HF drops the character.
        if (m_unkId >= 0 && !(m_fuseUnk && lastWasUnk)) {
            ids.push_back(m_unkId);
            lastWasUnk = true;
        }
    }
    return ids;
}

std::vector<int> BpeTokenizer::bpeWord(const QString& word) const
{
    const bool cacheable = word.size() <= 256;
    if (cacheable) {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto it = m_cache.constFind(word);
        if (it != m_cache.constEnd()) return *it;
    }
    if (m_ignoreMerges) {
        const auto whole = m_vocab.constFind(word);
        if (whole != m_vocab.constEnd()) return {*whole};
    }
    std::vector<int> symbols = initialSymbols(word);
    // Merge the best-ranked adjacent pair everywhere (left to right), until no pair has a merge; this
    // gives the same result as HF's one-merge-at-a-time priority queue.
    while (symbols.size() > 1) {
        int bestRank = INT_MAX;
        std::uint64_t bestKey = 0;
        int bestId = -1;
        for (size_t i = 0; i + 1 < symbols.size(); ++i) {
            const std::uint64_t key = (std::uint64_t(symbols[i]) << 32) | std::uint32_t(symbols[i + 1]);
            const auto it = m_merges.constFind(key);
            if (it != m_merges.constEnd() && it->first < bestRank) {
                bestRank = it->first;
                bestKey = key;
                bestId = it->second;
            }
        }
        if (bestId < 0) break;
        std::vector<int> next;
        next.reserve(symbols.size());
        for (size_t i = 0; i < symbols.size(); ++i) {
            if (i + 1 < symbols.size() &&
                ((std::uint64_t(symbols[i]) << 32) | std::uint32_t(symbols[i + 1])) == bestKey) {
                next.push_back(bestId);
                ++i;
            } else {
                next.push_back(symbols[i]);
            }
        }
        symbols.swap(next);
    }
    if (cacheable) {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        if (m_cache.size() > 50000) // bound memory on long sessions
            m_cache.clear();
        m_cache.insert(word, symbols);
    }
    return symbols;
}

QString BpeTokenizer::tokenText(int id) const
{
    const auto it = m_idToToken.constFind(id);
    if (it != m_idToToken.constEnd()) return *it;
    const AddedToken* t = addedToken(id);
    return t ? t->content : QString();
}

int BpeTokenizer::vocabSize() const
{
    return m_vocabSize;
}

} // namespace attnlab::model

namespace attnlab::model {

QString BpeTokenizer::displayText(int id) const
{
    const QString text = tokenText(id);
    if (addedToken(id)) return text;
    if (m_preTokenizer == PreTokenizer::ByteLevel) return byteLevelToText(text);
    QString shown = text;
    return shown.replace(QChar(0x2581), QLatin1Char(' ')); // SentencePiece's word-start mark
}

QString BpeTokenizer::byteLevelToText(const QString& piece)
{
    static const QHash<QChar, char> table = [] {
        QHash<QChar, char> inverse;
        for (int b = 0; b < 256; ++b) {
            const QString c = bytesToUnicode(QByteArray(1, char(b)));
            inverse.insert(c.at(0), char(b));
        }
        return inverse;
    }();
    QByteArray bytes;
    for (const QChar c : piece) {
        const auto it = table.constFind(c);
        if (it == table.constEnd())
            bytes += QString(c).toUtf8();
        else
            bytes += *it;
    }
    return QString::fromUtf8(bytes);
}

} // namespace attnlab::model
