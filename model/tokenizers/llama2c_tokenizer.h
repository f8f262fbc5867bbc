#pragma once

// The tokenizer.bin files of karpathy/llama2.c (tokenizer.py's export of a SentencePiece model): an int32
// max_token_length, then for every token a float32 score, an int32 byte length and the piece's bytes. Pieces
// hold spaces where SentencePiece has "▁"; <s> and </s> are stored as "\n<s>\n" and "\n</s>\n"; the 256 byte
// tokens <0x00>…<0xFF> are ids 3…258. The vocabulary size is what the file holds (run.c takes it from the
// checkpoint instead; the two agree for a matching pair).

#include "model/tokenizers/tokenizer.h"

#include <QByteArray>
#include <QHash>

#include <vector>

namespace attnlab::model {

class Llama2cTokenizer final : public Tokenizer {
public:
    // path -> the tokenizer, or an error naming the file and the problem: max_token_length out of range, a
    // truncated record, a length beyond max_token_length or beyond the end of the file, a NaN score, fewer
    // than the 259 tokens byte fallback needs.
    static Result<std::shared_ptr<Tokenizer>> load(const QString& path);

    // text -> ids exactly as run.c's encode(text, bos=1, eos=0): <s>, a dummy-prefix " " token when text is
    // not empty, one token per UTF-8 code point (its bytes + 3 when the vocabulary lacks it), then the
    // adjacent pair whose concatenation is the best-scoring vocabulary entry is merged, repeatedly, until
    // no pair is in the vocabulary.
    Encoding encode(const QString& text) const override;
    // The piece in Hugging Face's spelling: "▁Echo" for " Echo", "<0x0A>", "<s>", "</s>".
    QString tokenText(int id) const override;
    // The piece as text: " Echo", "<0x0A>", "<s>".
    QString displayText(int id) const override;
    int vocabSize() const override { return int(m_pieces.size()); }

    int maxTokenLength() const { return m_maxTokenLength; }
    float score(int id) const { return m_scores[size_t(id)]; }

private:
    std::vector<QByteArray> m_pieces; // (vocab) raw bytes as stored
    std::vector<float> m_scores;      // (vocab)
    QHash<QByteArray, int> m_lookup;  // piece -> its lowest id
    int m_maxTokenLength = 0;
};

// SentencePiece pieces ("▁Echo", "es", "<0x0A>") -> the text they spell: "▁" becomes a space and runs of
// <0xNN> tokens become their bytes, decoded as UTF-8. The leading space of the first word is kept.
QString sentencePieceText(const QStringList& pieces);

} // namespace attnlab::model
