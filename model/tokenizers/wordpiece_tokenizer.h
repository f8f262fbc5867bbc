#pragma once

// BERT's WordPiece as Hugging Face's tokenizers run it: BertNormalizer (clean text, spaces around CJK
// ideographs, strip accents, lowercase), BertPreTokenizer (split on whitespace and punctuation), greedy
// longest-match-first WordPiece with "##" continuations, and [CLS] … [SEP] from the post-processor.

#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/tokenizer_json.h"

#include <QHash>

namespace attnlab::model {

class WordpieceTokenizer final : public Tokenizer {
public:
    static Result<std::shared_ptr<Tokenizer>> fromJson(const QJsonObject& root, const QString& file);
    // The same from tokenizer_json.h's document (how Tokenizer::load reads a tokenizer.json).
    static Result<std::shared_ptr<Tokenizer>> fromDocument(const TokenizerJsonDocument& doc, const QString& file);
    // A bare vocab.txt (one token a line, id = line index) with bert-base-uncased's settings: lowercase,
    // strip accents, [CLS] … [SEP], the bracketed special tokens matched whole.
    static Result<std::shared_ptr<Tokenizer>> fromVocabTxt(const QString& file);

    Encoding encode(const QString& text) const override;
    QString tokenText(int id) const override;
    int vocabSize() const override;
    int tokenId(const QString& token) const override;

    // BertPreTokenizer: words split on whitespace, each punctuation character a word of its own.
    static QStringList splitBert(const QString& text);

private:
    void encodeWord(const QString& word, Encoding& out) const;

    QHash<QString, int> m_vocab;
    QHash<int, QString> m_idToToken;
    QString m_unkToken = QStringLiteral("[UNK]");
    QString m_prefix = QStringLiteral("##");
    int m_maxInputChars = 100;
    bool m_bertPreTokenizer = true;
    int m_vocabSize = 0;
};

// BertNormalizer with step's settings (clean_text, handle_chinese_chars, strip_accents, lowercase).
QString bertNormalize(const QString& text, const NormalizerStep& step);
// HF's StripAccents: drops non-spacing marks (callers decompose with NFD first).
QString removeNonspacingMarks(const QString& text);

} // namespace attnlab::model
