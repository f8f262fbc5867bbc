#include "model/tokenizers/wordlevel_tokenizer.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

using TokenizerResult = Result<std::shared_ptr<Tokenizer>>;

} // namespace

TokenizerResult WordLevelTokenizer::fromJson(const QJsonObject& root, const QString& file)
{
    return fromDocument(tokenizerJsonDocument(root), file);
}

TokenizerResult WordLevelTokenizer::fromDocument(const TokenizerJsonDocument& doc, const QString& file)
{
    const QJsonObject& root = doc.root;
    auto t = std::make_shared<WordLevelTokenizer>();
    if (auto common = t->readCommonSections(root, file); !common)
        return TokenizerResult::failure(common.error());
    auto steps = parsePreTokenizer(root.value(QStringLiteral("pre_tokenizer")), file);
    if (!steps) return TokenizerResult::failure(steps.error());
    t->m_preSteps = std::move(*steps);

    if (!doc.vocab)
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.vocab\": expected an object mapping tokens to ids").arg(file));
    size_t units = 0;
    for (const auto& entry : *doc.vocab)
        units += entry.first.length;
    t->m_vocab.reserve(doc.vocab->size(), units);
    int maxId = -1;
    for (const auto& [span, d] : *doc.vocab) {
        if (!(d >= 0 && d <= kMaxTokenId && d == std::floor(d))) // NaN (not a number) fails too
            return TokenizerResult::failure(
                QStringLiteral("%1: field \"model.vocab\" entry \"%2\": expected an id in 0..%3")
                    .arg(file, doc.text(span).toString())
                    .arg(kMaxTokenId));
        t->m_vocab.insert(doc.text(span), int(d));
        maxId = std::max(maxId, int(d));
    }
    t->m_vocab.finish();

    // As Hugging Face's WordLevelBuilder: "<unk>" when the field is absent; a name the vocabulary lacks is
    // accepted (the file loads there too) and only matters when a word is unknown.
    const QJsonValue unk =
        doc.root.value(QStringLiteral("model")).toObject().value(QStringLiteral("unk_token"));
    if (!unk.isUndefined() && !unk.isNull() && !unk.isString())
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model.unk_token\": expected a token or null").arg(file));
    t->m_unkId = t->m_vocab.id(unk.isString() ? unk.toString() : QStringLiteral("<unk>"));
    t->m_vocabSize = std::max(maxId, t->maxAddedId()) + 1;
    return std::shared_ptr<Tokenizer>(std::move(t));
}

Encoding WordLevelTokenizer::encode(const QString& text) const
{
    return encodeMarkingStart(text, [this](const QString& piece, bool atStart, Encoding& out) {
        encodePiece(piece, atStart, out);
    });
}

void WordLevelTokenizer::encodePiece(const QString& piece, bool atStart, Encoding& out) const
{
    for (const QString& word : preTokenize(piece, atStart, m_preSteps)) {
        if (const int id = m_vocab.id(word); id >= 0) {
            out.ids.push_back(id);
            out.tokens.append(word);
            continue;
        }
        // An unknown word: its characters are reported (the warning names characters), at the unknown token
        // it became or, without one, before the token that follows the dropped word. Characters that are
        // words of the vocabulary on their own are left out, unless that would leave none ("AB" where A and B
        // are words).
        std::vector<char32_t> cps;
        std::vector<qsizetype> offsets;
        decodeUtf16(word, cps, offsets);
        const bool dropped = m_unkId < 0;
        const int at = int(out.ids.size());
        const auto character = [&](size_t i) { return word.mid(offsets[i], offsets[i + 1] - offsets[i]); };
        const size_t before = out.unknown.size();
        for (size_t i = 0; i < cps.size(); ++i)
            if (!m_vocab.contains(character(i))) out.unknown.push_back({character(i), at, dropped});
        if (out.unknown.size() == before)
            for (size_t i = 0; i < cps.size(); ++i)
                out.unknown.push_back({character(i), at, dropped});
        if (dropped) continue;
        out.ids.push_back(m_unkId);
        out.tokens.append(m_vocab.text(m_unkId).value_or(QStringView()).toString());
    }
}

QString WordLevelTokenizer::tokenText(int id) const
{
    if (const auto text = m_vocab.text(id)) return text->toString();
    const AddedToken* t = addedToken(id);
    return t ? t->content : QString();
}

int WordLevelTokenizer::tokenId(const QString& token) const
{
    const int added = Tokenizer::tokenId(token);
    return added >= 0 ? added : m_vocab.id(token);
}

int WordLevelTokenizer::vocabSize() const
{
    return m_vocabSize;
}

} // namespace attnlab::model
