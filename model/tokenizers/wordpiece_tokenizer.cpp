#include "model/tokenizers/wordpiece_tokenizer.h"

#include <QFile>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

using TokenizerResult = Result<std::shared_ptr<Tokenizer>>;

bool isBertWhitespace(char32_t c)
{
    return QChar::isSpace(c);
} // covers \t \n \r too

// HF's is_control: Unicode "Other" categories except the three whitespace controls.
bool isBertControl(char32_t c)
{
    if (c == U'\t' || c == U'\n' || c == U'\r') return false;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return true;
    default:
        return false;
    }
}

// The CJK ideograph blocks exactly as HF tokenizers lists them (its 0x2B920 differs from the original
// BERT code's 0x2B820; we follow HF). Kana and hangul are not included.
bool isChineseChar(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) ||
           (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// ASCII symbols count as punctuation for BERT ("$", "+", "^"), beside Unicode's P* categories.
bool isBertPunctuation(char32_t c)
{
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return true;
    switch (QChar::category(c)) {
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
        return true;
    default:
        return false;
    }
}

QString fromCodePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

} // namespace

QString removeNonspacingMarks(const QString& text)
{
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(text, cps, offsets);
    QString out;
    out.reserve(text.size());
    for (size_t i = 0; i < cps.size(); ++i)
        if (QChar::category(cps[i]) != QChar::Mark_NonSpacing)
            out.append(QStringView(text).mid(offsets[i], offsets[i + 1] - offsets[i]));
    return out;
}

QString bertNormalize(const QString& text, const NormalizerStep& step)
{
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(text, cps, offsets);
    QString s;
    s.reserve(text.size());
    for (const char32_t c : cps) {
        if (step.cleanText && (c == 0 || c == 0xFFFD || isBertControl(c))) continue;
        if (step.cleanText && isBertWhitespace(c)) {
            s.append(QLatin1Char(' '));
        } else if (step.chineseChars && isChineseChar(c)) {
            s.append(QLatin1Char(' '));
            s.append(fromCodePoint(c));
            s.append(QLatin1Char(' '));
        } else {
            s.append(fromCodePoint(c));
        }
    }
    if (step.stripAccents) s = removeNonspacingMarks(s.normalized(QString::NormalizationForm_D));
    if (step.lowercase) s = s.toLower();
    return s;
}

QStringList WordpieceTokenizer::splitBert(const QString& text)
{
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(text, cps, offsets);
    QStringList words;
    qsizetype wordStart = -1;
    auto endWord = [&](size_t i) {
        if (wordStart >= 0) words.append(text.mid(wordStart, offsets[i] - wordStart));
        wordStart = -1;
    };
    for (size_t i = 0; i < cps.size(); ++i) {
        if (isBertWhitespace(cps[i])) {
            endWord(i);
        } else if (isBertPunctuation(cps[i])) {
            endWord(i);
            words.append(text.mid(offsets[i], offsets[i + 1] - offsets[i]));
        } else if (wordStart < 0) {
            wordStart = offsets[i];
        }
    }
    endWord(cps.size());
    return words;
}

TokenizerResult WordpieceTokenizer::fromJson(const QJsonObject& root, const QString& file)
{
    return fromDocument(tokenizerJsonDocument(root), file);
}

TokenizerResult WordpieceTokenizer::fromDocument(const TokenizerJsonDocument& doc, const QString& file)
{
    const QJsonObject& root = doc.root;
    auto t = std::make_shared<WordpieceTokenizer>();
    if (auto common = t->readCommonSections(root, file); !common) return TokenizerResult::failure(common.error());

    const QJsonValue pre = root.value(QStringLiteral("pre_tokenizer"));
    const QString preType = pre.toObject().value(QStringLiteral("type")).toString();
    if (preType == QLatin1String("BertPreTokenizer"))
        t->m_bertPreTokenizer = true;
    else if (pre.isNull() || pre.isUndefined() || preType == QLatin1String("WhitespaceSplit"))
        t->m_bertPreTokenizer = false;
    else
        return TokenizerResult::failure(
            QStringLiteral(
                "%1: field \"pre_tokenizer.type\": expected BertPreTokenizer, WhitespaceSplit or null, "
                "found \"%2\"")
                .arg(file, preType));

    const QJsonObject model = root.value(QStringLiteral("model")).toObject();
    if (!doc.vocab)
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.vocab\": expected an object mapping tokens to ids").arg(file));
    int maxId = -1;
    t->m_vocab.reserve(qsizetype(doc.vocab->size()));
    for (const auto& [span, d] : *doc.vocab) {
        const QString token = doc.text(span).toString();
        if (!(d >= 0 && d <= kMaxTokenId && d == std::floor(d))) // NaN (not a number) fails too
            return TokenizerResult::failure(
                QStringLiteral("%1: field \"model.vocab\" entry \"%2\": expected an id in 0..%3")
                    .arg(file, token)
                    .arg(kMaxTokenId));
        t->m_vocab.insert(token, int(d));
        t->m_idToToken.insert(int(d), token);
        maxId = std::max(maxId, int(d));
    }
    t->m_unkToken = model.value(QStringLiteral("unk_token")).toString(QStringLiteral("[UNK]"));
    if (!t->m_vocab.contains(t->m_unkToken))
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.unk_token\": \"%2\" is not in model.vocab")
                .arg(file, t->m_unkToken));
    t->m_prefix = model.value(QStringLiteral("continuing_subword_prefix")).toString(QStringLiteral("##"));
    const double maxChars = model.value(QStringLiteral("max_input_chars_per_word")).toDouble(100);
    if (!(maxChars >= 1 && maxChars <= 1e6))
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.max_input_chars_per_word\": expected a positive integer")
                .arg(file));
    t->m_maxInputChars = int(maxChars);
    t->m_vocabSize = std::max(maxId, t->maxAddedId()) + 1;
    return std::shared_ptr<Tokenizer>(std::move(t));
}

TokenizerResult WordpieceTokenizer::fromVocabTxt(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return TokenizerResult::failure(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    QList<QByteArray> lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    if (lines.size() > kMaxTokenId)
        return TokenizerResult::failure(QStringLiteral("%1: more than %2 lines").arg(file).arg(kMaxTokenId));
    auto t = std::make_shared<WordpieceTokenizer>();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString token = utf8ToString(lines[i]).remove(QLatin1Char('\r'));
        if (token.isEmpty()) continue; // an empty line still takes an id, as in HF's vocab.txt loader
        // A repeated line takes the later id: HF's read_file and transformers' load_vocab insert every line
        // into a map.
        t->m_vocab.insert(token, int(i));
        t->m_idToToken.insert(int(i), token);
    }
    if (!t->m_vocab.contains(t->m_unkToken))
        return TokenizerResult::failure(QStringLiteral("%1: expected a \"[UNK]\" line").arg(file));
    t->m_normalizer.push_back(NormalizerStep{NormalizerStep::Kind::Bert, {}, {}, true, true, true, true});
    for (const char* special : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
        const QString token = QLatin1String(special);
        if (t->m_vocab.contains(token))
            t->addAddedToken(AddedToken{token, t->m_vocab.value(token), false, false, false});
    }
    for (const char* special : {"[CLS]", "[SEP]"}) {
        const QString token = QLatin1String(special);
        if (!t->m_vocab.contains(token)) continue;
        Encoding& e = token == QLatin1String("[CLS]") ? t->m_post.prefix : t->m_post.suffix;
        e.ids.push_back(t->m_vocab.value(token));
        e.tokens.append(token);
    }
    t->m_vocabSize = int(lines.size());
    return std::shared_ptr<Tokenizer>(std::move(t));
}

Encoding WordpieceTokenizer::encode(const QString& text) const
{
    return encodeWithAddedTokens(text, [this](const QString& piece, Encoding& out) {
        const QStringList words = m_bertPreTokenizer
                                      ? splitBert(piece)
                                      : piece.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& w : words)
            encodeWord(w, out);
    });
}

// Greedy longest-match-first; a word with any unmatched rest becomes a single [UNK].
void WordpieceTokenizer::encodeWord(const QString& word, Encoding& out) const
{
    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    decodeUtf16(word, cps, offsets);
    const size_t n = cps.size();
    std::vector<int> ids;
    bool bad = n > size_t(m_maxInputChars);
    size_t failedAt = n;
    for (size_t start = 0; start < n && !bad;) {
        int found = -1;
        size_t end = n;
        for (; end > start; --end) {
            QString sub = word.mid(offsets[start], offsets[end] - offsets[start]);
            if (start > 0) sub.prepend(m_prefix);
            found = m_vocab.value(sub, -1);
            if (found >= 0) break;
        }
        if (found < 0) {
            bad = true;
            failedAt = start;
        } else {
            ids.push_back(found);
        }
        start = end;
    }
    if (bad) {
        ids.assign(1, m_vocab.value(m_unkToken));
        // The characters of the word that no token spells, neither alone nor as a continuation; else (every
        // character has a token, but no split of the word does) the one where the longest match failed.
        const auto character = [&](size_t i) { return word.mid(offsets[i], offsets[i + 1] - offsets[i]); };
        const int token = int(out.ids.size());
        const size_t before = out.unknown.size();
        for (size_t i = 0; i < n && n <= size_t(m_maxInputChars); ++i)
            if (!m_vocab.contains(character(i)) && !m_vocab.contains(m_prefix + character(i)))
                out.unknown.push_back({character(i), token, false});
        if (out.unknown.size() == before && failedAt < n) out.unknown.push_back({character(failedAt), token, false});
        if (n > size_t(m_maxInputChars)) { // too long to split: the whole word is unknown, named shortened
            const size_t shown = std::min(n, size_t(UnknownCharacter::kWordShown));
            out.unknown.push_back({word.left(offsets[shown]) + QStringLiteral("\u2026"), token, false, int(n)});
        }
    }
    for (const int id : ids) {
        out.ids.push_back(id);
        out.tokens.append(m_idToToken.value(id));
    }
}

QString WordpieceTokenizer::tokenText(int id) const
{
    const auto it = m_idToToken.constFind(id);
    if (it != m_idToToken.constEnd()) return *it;
    const AddedToken* t = addedToken(id);
    return t ? t->content : QString();
}

int WordpieceTokenizer::tokenId(const QString& token) const
{
    const int added = Tokenizer::tokenId(token);
    return added >= 0 ? added : m_vocab.value(token, -1);
}

int WordpieceTokenizer::vocabSize() const
{
    return m_vocabSize;
}

} // namespace attnlab::model
