#include "model/tokenizers/bpe_tokenizer.h"

#include <QHash>

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
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

// A merges.txt line: two tokens separated by exactly one space.
Result<Merge> parseMergeLine(const QString& line)
{
    const QStringList parts = line.split(QLatin1Char(' '));
    if (parts.size() == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) return Merge{parts[0], parts[1]};
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
    return fromDocument(tokenizerJsonDocument(root), file);
}

TokenizerResult BpeTokenizer::fromDocument(const TokenizerJsonDocument& doc, const QString& file)
{
    const QJsonObject& root = doc.root;
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

    if (!doc.vocab)
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.vocab\": expected an object mapping tokens to ids").arg(file));
    const QJsonValue mergesValue = model.value(QStringLiteral("merges"));
    if (!doc.merges && !mergesValue.isNull() && !mergesValue.isUndefined())
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.merges\": expected an array").arg(file));
    if (doc.firstBadMerge >= 0)
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.merges[%2]\": expected \"a b\" or [\"a\", \"b\"]")
                .arg(file)
                .arg(doc.firstBadMerge));
    auto ok = t->setModel(doc, QStringLiteral("%1: field \"model.vocab\"").arg(file),
                          QStringLiteral("%1: field \"model.merges\"").arg(file));
    if (!ok) return TokenizerResult::failure(ok.error());
    const QJsonValue unk = model.value(QStringLiteral("unk_token"));
    t->m_unkId = unk.isString() ? t->m_vocab.id(unk.toString()) : -1;
    return std::shared_ptr<Tokenizer>(std::move(t));
}

TokenizerResult BpeTokenizer::fromVocabAndMerges(const QString& vocabFile, const QString& mergesFile)
{
    auto vocab = readVocabJson(vocabFile);
    if (!vocab) return TokenizerResult::failure(vocab.error());
    QFile f(mergesFile);
    if (!f.open(QIODevice::ReadOnly))
        return TokenizerResult::failure(
            QStringLiteral("%1: cannot read: %2").arg(mergesFile, f.errorString()));
    TokenizerJsonDocument doc = std::move(*vocab);
    doc.merges.emplace();
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = utf8ToString(lines[i]).remove(QLatin1Char('\r'));
        if (line.isEmpty() || (i == 0 && line.startsWith(QLatin1String("#version")))) continue;
        auto m = parseMergeLine(line);
        if (!m)
            return TokenizerResult::failure(
                QStringLiteral("%1: line %2: expected two tokens separated by one space")
                    .arg(mergesFile)
                    .arg(i + 1));
        const TextSpan left = doc.addText(m->first);
        doc.merges->emplace_back(left, doc.addText(m->second));
    }
    auto t = std::make_shared<BpeTokenizer>();
    auto ok = t->setModel(doc, vocabFile, mergesFile);
    if (!ok) return TokenizerResult::failure(ok.error());
    const QString eos = QStringLiteral("<|endoftext|>");
    if (const int id = t->m_vocab.id(eos); id >= 0) t->addAddedToken(AddedToken{eos, id, false, false, true});
    return std::shared_ptr<Tokenizer>(std::move(t));
}

Result<void> BpeTokenizer::setModel(const TokenizerJsonDocument& doc, const QString& vocabWhere,
                                    const QString& mergesWhere)
{
    int maxId = -1;
    m_vocab.reserve(doc.vocab->size(), doc.units.size());
    for (const auto& [token, d] : *doc.vocab) {
        if (!(d >= 0 && d <= kMaxTokenId && d == std::floor(d))) // NaN (not a number) fails too
            return Result<void>::failure(QStringLiteral("%1 entry \"%2\": expected an id in 0..%3")
                                             .arg(vocabWhere, doc.text(token).toString())
                                             .arg(kMaxTokenId));
        const int id = int(d);
        m_vocab.insert(doc.text(token), id);
        maxId = std::max(maxId, id);
    }
    m_vocab.finish();
    const size_t mergeCount = doc.merges ? doc.merges->size() : 0;
    m_merges.reserve(qsizetype(mergeCount));
    for (size_t rank = 0; rank < mergeCount; ++rank) {
        const QStringView a = doc.text((*doc.merges)[rank].first);
        const QStringView b = doc.text((*doc.merges)[rank].second);
        const int ia = m_vocab.id(a);
        const int ib = m_vocab.id(b);
        const int iab = m_vocab.idOfJoined(a, b);
        if (ia < 0 || ib < 0 || iab < 0) {
            const QString missing = ia < 0 ? a.toString() : ib < 0 ? b.toString() : a.toString() + b.toString();
            return Result<void>::failure(
                QStringLiteral("%1: merge %2 (\"%3 %4\"): token \"%5\" is not in the vocabulary")
                    .arg(mergesWhere)
                    .arg(rank)
                    .arg(a.toString(), b.toString(), missing));
        }
        const std::uint64_t key = (std::uint64_t(ia) << 32) | std::uint32_t(ib);
        if (!m_merges.contains(key)) // the first (best-ranked) occurrence of a duplicate wins
            m_merges.insert(key, {int(rank), iab});
    }
    m_vocabSize = std::max(maxId, maxAddedId()) + 1;
    return Result<void>::success();
}

Encoding BpeTokenizer::encode(const QString& text) const
{
    return encodeMarkingStart(text, [this](const QString& piece, bool atStart, Encoding& out) {
        encodePiece(piece, atStart, out);
    });
}

void BpeTokenizer::encodePiece(const QString& piece, bool atStart, Encoding& out) const
{
    for (const QString& w : preTokenize(piece, atStart, m_preSteps)) {
        const WordTokens word = bpeWord(w);
        const int first = int(out.ids.size());
        for (UnknownCharacter u : word.unknown) {
            u.token += first;
            out.unknown.push_back(u);
        }
        for (const int id : word.ids) {
            out.ids.push_back(id);
            out.tokens.append(m_vocab.text(id).value_or(QStringView()).toString());
        }
    }
}

BpeTokenizer::WordTokens BpeTokenizer::initialSymbols(const QString& word) const
{
    WordTokens out;
    std::vector<int>& ids = out.ids;
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(word, cps, offsets);
    bool lastWasUnk = false;
    for (size_t i = 0; i < cps.size(); ++i) {
        const QStringView ch = QStringView(word).mid(offsets[i], offsets[i + 1] - offsets[i]);
        if (const int id = m_vocab.id(ch); id >= 0) {
            ids.push_back(id);
            lastWasUnk = false;
            continue;
        }
        if (m_byteFallback) {
            // SentencePiece byte fallback: <0xE5><0xBE><0x97>, only if every byte has a token.
            std::vector<int> bytes;
            for (const char b : ch.toUtf8()) {
                const QString hex = QString::number(static_cast<unsigned char>(b), 16).toUpper();
                const QString name = QStringLiteral("<0x%1>").arg(hex.rightJustified(2, QLatin1Char('0')));
                const int id = m_vocab.id(name);
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
        // Without an unknown token HF drops the character; fuse_unk makes a run of them one unknown token.
        if (m_unkId < 0) {
            out.unknown.push_back({ch.toString(), int(ids.size()), true});
            continue;
        }
        if (!(m_fuseUnk && lastWasUnk)) ids.push_back(m_unkId);
        out.unknown.push_back({ch.toString(), int(ids.size()) - 1, false});
        lastWasUnk = true;
    }
    return out;
}

BpeTokenizer::WordTokens BpeTokenizer::bpeWord(const QString& word) const
{
    const bool cacheable = word.size() <= 256;
    if (cacheable) {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto it = m_cache.constFind(word);
        if (it != m_cache.constEnd()) return *it;
    }
    if (m_ignoreMerges) {
        if (const int whole = m_vocab.id(word); whole >= 0) return {{whole}, {}};
    }
    WordTokens symbols = initialSymbols(word);
    const int symbolCount = int(symbols.ids.size());
    std::vector<int> starts;
    symbols.ids = mergeSymbols(std::move(symbols.ids), &starts);
    // Symbol index -> the merged token holding it. A character dropped before symbol s is before the token
    // that starts at s or, when a merge spans the gap, inside the token that holds s.
    for (UnknownCharacter& u : symbols.unknown) {
        if (u.dropped && u.token >= symbolCount) {
            u.token = int(symbols.ids.size());
            continue;
        }
        const auto after = std::upper_bound(starts.begin(), starts.end(), u.token);
        u.token = std::max(0, int(after - starts.begin()) - 1);
    }
    if (cacheable) {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        if (m_cache.size() > 50000) // bound memory on long sessions
            m_cache.clear();
        m_cache.insert(word, symbols);
    }
    return symbols;
}

std::vector<int> BpeTokenizer::mergeSymbols(std::vector<int> symbols, std::vector<int>* starts) const
{
    // As Hugging Face's BPE (word.rs merge_all, tokenizers.js bpe): a min-queue of the possible merges of
    // neighbours, ordered by (rank, position of the left symbol); the best is applied, the merged symbol
    // keeps the left position and its new pairs with both neighbours join the queue. An entry whose pair has
    // changed since it was queued is skipped: its rank no longer matches the pair now at its position (a
    // rank names one pair of tokens). O(n log n) for a word of n symbols: Gemma 3's and SentencePiece's
    // files have no pre-tokenizer that cuts text at spaces, so a whole text can be one word.
    const int n = int(symbols.size());
    if (n < 2) {
        if (starts) starts->assign(size_t(n), 0);
        return symbols;
    }
    struct Candidate {
        int rank, pos, mergedId;
    };
    const auto later = [](const Candidate& x, const Candidate& y) {
        return x.rank != y.rank ? x.rank > y.rank : x.pos > y.pos;
    };
    std::vector<Candidate> queue; // a heap under `later`
    std::vector<int> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        prev[size_t(i)] = i - 1;
        next[size_t(i)] = i + 1; // n: none
    }
    const auto pairAt = [&](int left) {
        const int right = next[size_t(left)];
        const std::uint64_t key =
            (std::uint64_t(std::uint32_t(symbols[size_t(left)])) << 32) | std::uint32_t(symbols[size_t(right)]);
        return m_merges.constFind(key);
    };
    const auto offer = [&](int left) {
        if (left < 0 || next[size_t(left)] >= n) return;
        const auto it = pairAt(left);
        if (it == m_merges.constEnd()) return;
        queue.push_back({it->first, left, it->second});
        std::push_heap(queue.begin(), queue.end(), later);
    };
    for (int i = 0; i + 1 < n; ++i)
        offer(i);
    while (!queue.empty()) {
        std::pop_heap(queue.begin(), queue.end(), later);
        const Candidate c = queue.back();
        queue.pop_back();
        if (symbols[size_t(c.pos)] < 0 || next[size_t(c.pos)] >= n) continue; // merged away, or now last
        const auto it = pairAt(c.pos);
        if (it == m_merges.constEnd() || it->first != c.rank) continue; // stale
        const int right = next[size_t(c.pos)];
        symbols[size_t(c.pos)] = c.mergedId;
        symbols[size_t(right)] = -1;
        next[size_t(c.pos)] = next[size_t(right)];
        if (next[size_t(right)] < n) prev[size_t(next[size_t(right)])] = c.pos;
        offer(prev[size_t(c.pos)]);
        offer(c.pos);
    }
    std::vector<int> out;
    if (starts) starts->clear();
    for (int i = 0; i < n; i = next[size_t(i)]) { // position 0 is never merged away: merges keep the left one
        out.push_back(symbols[size_t(i)]);
        if (starts) starts->push_back(i);
    }
    return out;
}

int BpeTokenizer::tokenId(const QString& token) const
{
    const int added = Tokenizer::tokenId(token);
    return added >= 0 ? added : m_vocab.id(token);
}

QString BpeTokenizer::tokenText(int id) const
{
    if (const auto token = m_vocab.text(id)) return token->toString();
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
    return utf8ToString(bytes); // QString::fromUtf8 would drop a leading U+FEFF (tokenizer_json.h)
}

} // namespace attnlab::model
