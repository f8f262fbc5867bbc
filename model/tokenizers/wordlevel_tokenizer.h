#pragma once

// Hugging Face's WordLevel model: every word the pre-tokenizer cuts is looked up whole in the vocabulary, and
// a word that is not there becomes the unknown token (model.unk_token, "<unk>" by default) or, when the
// vocabulary has no such token, is dropped (Hugging Face's tokenizers then fail with MissingUnkToken; here
// the word is reported through Encoding::unknown, each of its characters, so that the usual warning names
// it). The training lab's tasks write such files: WhitespaceSplit for word vocabularies, and a Split on every
// character
// ("[\s\S]", Isolated) for character vocabularies. The pre-tokenizer steps are pre_tokenizer.h's.

#include "model/tokenizers/pre_tokenizer.h"
#include "model/tokenizers/token_table.h"
#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/tokenizer_json.h"

namespace attnlab::model {

class WordLevelTokenizer final : public Tokenizer {
public:
    static Result<std::shared_ptr<Tokenizer>> fromJson(const QJsonObject& root, const QString& file);
    // The same from tokenizer_json.h's document (how Tokenizer::load reads a tokenizer.json).
    static Result<std::shared_ptr<Tokenizer>> fromDocument(const TokenizerJsonDocument& doc,
                                                           const QString& file);

    Encoding encode(const QString& text) const override;
    QString tokenText(int id) const override;
    int vocabSize() const override;
    int tokenId(const QString& token) const override;

private:
    void encodePiece(const QString& piece, bool atStart, Encoding& out) const;

    TokenTable m_vocab; // model.vocab both ways (added tokens live in Tokenizer::m_added)
    std::vector<PreTokenizerStep> m_preSteps;
    int m_unkId = -1;
    int m_vocabSize = 0;
};

} // namespace attnlab::model
