#include "model/tokenizers/llama2c_tokenizer.h"

#include <QFile>
#include <QtEndian>

#include <bit>
#include <cmath>
#include <cstdint>

namespace attnlab::model {

namespace {

using TokenizerResult = Result<std::shared_ptr<Tokenizer>>;

// Llama-2's tokenizer.bin is 424 kB; a file beyond this is not a tokenizer.
constexpr qint64 kMaxFileBytes = 64 << 20;
constexpr qint32 kMaxPieceBytes = 1 << 16;
// <unk>, <s>, </s>, then the 256 byte tokens that run.c's byte fallback addresses as byte + 3.
constexpr int kByteOffset = 3;
constexpr int kMinTokens = kByteOffset + 256;

const QChar kWordMark(0x2581); // SentencePiece's "▁"

} // namespace

TokenizerResult Llama2cTokenizer::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return TokenizerResult::failure(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return TokenizerResult::failure(
            QStringLiteral("%1: %2 bytes is too large for a llama2.c tokenizer.bin")
                .arg(path)
                .arg(file.size()));
    const QByteArray bytes = file.readAll();
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.constData());
    const qint64 size = bytes.size();
    if (size < 4)
        return TokenizerResult::failure(
            QStringLiteral("%1: %2 bytes, too short for the int32 max_token_length").arg(path).arg(size));

    auto t = std::make_shared<Llama2cTokenizer>();
    const qint32 maxLength = qFromLittleEndian<qint32>(data);
    if (maxLength < 1 || maxLength > kMaxPieceBytes)
        return TokenizerResult::failure(QStringLiteral("%1: max_token_length is %2, expected 1 to %3")
                                            .arg(path)
                                            .arg(maxLength)
                                            .arg(kMaxPieceBytes));
    t->m_maxTokenLength = maxLength;
    qint64 pos = 4;
    while (pos < size) {
        const int id = int(t->m_pieces.size());
        if (id > kMaxTokenId)
            return TokenizerResult::failure(
                QStringLiteral("%1: more than %2 tokens").arg(path).arg(qint64(kMaxTokenId) + 1));
        if (size - pos < 8)
            return TokenizerResult::failure(
                QStringLiteral("%1: token %2 is truncated at byte %3: %4 bytes left, a score and a length "
                               "need 8")
                    .arg(path)
                    .arg(id)
                    .arg(pos)
                    .arg(size - pos));
        const float score = std::bit_cast<float>(qFromLittleEndian<quint32>(data + pos));
        const qint32 length = qFromLittleEndian<qint32>(data + pos + 4);
        pos += 8;
        if (std::isnan(score))
            return TokenizerResult::failure(QStringLiteral("%1: token %2 has a NaN score").arg(path).arg(id));
        if (length < 0 || length > maxLength)
            return TokenizerResult::failure(
                QStringLiteral("%1: token %2 has length %3, expected 0 to max_token_length = %4")
                    .arg(path)
                    .arg(id)
                    .arg(length)
                    .arg(maxLength));
        if (length > size - pos)
            return TokenizerResult::failure(
                QStringLiteral("%1: token %2 has length %3 but only %4 bytes remain in the file")
                    .arg(path)
                    .arg(id)
                    .arg(length)
                    .arg(size - pos));
        const QByteArray piece(bytes.constData() + pos, length);
        pos += length;
        t->m_pieces.push_back(piece);
        t->m_scores.push_back(score);
        if (!t->m_lookup.contains(piece)) t->m_lookup.insert(piece, id);
    }
    if (t->m_pieces.size() < size_t(kMinTokens))
        return TokenizerResult::failure(
            QStringLiteral(
                "%1: %2 tokens, but byte fallback needs at least %3 (<unk>, <s>, </s> and 256 bytes)")
                .arg(path)
                .arg(t->m_pieces.size())
                .arg(kMinTokens));
    return std::shared_ptr<Tokenizer>(std::move(t));
}

Encoding Llama2cTokenizer::encode(const QString& text) const
{
    const QByteArray utf8 = text.toUtf8();
    std::vector<int> ids;
    ids.reserve(size_t(utf8.size()) + 2);
    ids.push_back(1); // <s>
    if (!utf8.isEmpty()) {
        const int prefix = m_lookup.value(QByteArrayLiteral(" "), -1);
        if (prefix >= 0) ids.push_back(prefix);
    }
    // One code point at a time: a leading byte and up to 3 continuation bytes (10xxxxxx), as run.c reads.
    QByteArray codePoint;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if ((c & 0xC0) != 0x80) codePoint.clear();
        codePoint.append(c);
        const bool nextContinues = i + 1 < utf8.size() && (utf8[i + 1] & 0xC0) == 0x80;
        if (nextContinues && codePoint.size() < 4) continue;
        const int id = m_lookup.value(codePoint, -1);
        if (id >= 0) {
            ids.push_back(id);
        } else {
            for (const char b : codePoint)
                ids.push_back(static_cast<unsigned char>(b) + kByteOffset);
        }
        codePoint.clear();
    }
    // Merge the best-scoring adjacent pair (the leftmost on ties) until no concatenation is a piece.
    // merged[i] is the piece ids[i] + ids[i + 1] spell, or -1; a merge changes only its two neighbours.
    QByteArray pair;
    const auto pairPiece = [&](size_t i) {
        pair = m_pieces[size_t(ids[i])];
        pair += m_pieces[size_t(ids[i + 1])];
        return m_lookup.value(pair, -1);
    };
    std::vector<int> merged(ids.size() - 1);
    for (size_t i = 0; i < merged.size(); ++i)
        merged[i] = pairPiece(i);
    for (;;) {
        float bestScore = -1e10f; // run.c's floor: pieces scored lower never merge
        int bestId = -1;
        size_t bestAt = 0;
        for (size_t i = 0; i < merged.size(); ++i) {
            if (merged[i] >= 0 && m_scores[size_t(merged[i])] > bestScore) {
                bestScore = m_scores[size_t(merged[i])];
                bestId = merged[i];
                bestAt = i;
            }
        }
        if (bestId < 0) break;
        ids[bestAt] = bestId;
        ids.erase(ids.begin() + std::ptrdiff_t(bestAt) + 1);
        merged.erase(merged.begin() + std::ptrdiff_t(bestAt));
        if (bestAt > 0) merged[bestAt - 1] = pairPiece(bestAt - 1);
        if (bestAt < merged.size()) merged[bestAt] = pairPiece(bestAt);
    }
    Encoding out;
    out.ids = ids;
    for (int id : ids)
        out.tokens.append(tokenText(id));
    return out;
}

QString Llama2cTokenizer::displayText(int id) const
{
    if (id < 0 || id >= vocabSize()) return {};
    const QByteArray& piece = m_pieces[size_t(id)];
    // tokenizer.py writes <s> and </s> between newlines; show them as the names they are.
    if (piece == "\n<s>\n" || piece == "\n</s>\n") return QString::fromUtf8(piece.trimmed());
    return QString::fromUtf8(piece);
}

QString Llama2cTokenizer::tokenText(int id) const
{
    return displayText(id).replace(QLatin1Char(' '), kWordMark);
}

QString sentencePieceText(const QStringList& pieces)
{
    QByteArray bytes;
    for (const QString& piece : pieces) {
        bool ok = false;
        if (piece.size() == 6 && piece.startsWith(QLatin1String("<0x")) && piece.endsWith(QLatin1Char('>'))) {
            const uint byte = piece.mid(3, 2).toUInt(&ok, 16);
            if (ok) bytes.append(char(byte));
        }
        if (!ok) bytes += QString(piece).replace(kWordMark, QLatin1Char(' ')).toUtf8();
    }
    return QString::fromUtf8(bytes);
}

} // namespace attnlab::model
