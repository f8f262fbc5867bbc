#pragma once

// BPE as Hugging Face's tokenizers run it: byte-level BPE with GPT-2's pre-tokenizer (GPT-2, RoBERTa, …),
// plain BPE over characters (a character vocabulary without merges, as char-gpt-slm), and BPE with byte
// fallback (<0xE5> tokens for characters outside the vocabulary, as Llama-2's SentencePiece export). The
// pre-tokenizer steps (ByteLevel, Metaspace, Split, …) are pre_tokenizer.h's.

#include "model/tokenizers/pre_tokenizer.h"
#include "model/tokenizers/token_table.h"
#include "model/tokenizers/tokenizer.h"
#include "model/tokenizers/tokenizer_json.h"

#include <QHash>

#include <cstdint>
#include <mutex>

namespace attnlab::model {

class BpeTokenizer final : public Tokenizer {
public:
    static Result<std::shared_ptr<Tokenizer>> fromJson(const QJsonObject& root, const QString& file);
    // The same from tokenizer_json.h's document (how Tokenizer::load reads a tokenizer.json).
    static Result<std::shared_ptr<Tokenizer>> fromDocument(const TokenizerJsonDocument& doc, const QString& file);
    // GPT-2's original files: byte-level, <|endoftext|> as an added token when the vocabulary has it.
    static Result<std::shared_ptr<Tokenizer>> fromVocabAndMerges(const QString& vocabFile,
                                                                 const QString& mergesFile);

    Encoding encode(const QString& text) const override;
    QString tokenText(int id) const override;
    QString displayText(int id) const override;
    int vocabSize() const override;

    // GPT-2's pre-tokenizer regex 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    // (the pieces concatenate back to text).
    static QStringList splitGpt2(const QString& text);
    // GPT-2's bytes_to_unicode: each byte as a printable character ("Ġ" for a space).
    static QString bytesToUnicode(const QByteArray& bytes);
    // The inverse, for showing a byte-level piece as text: "Ġanimal" -> " animal". A piece holding part of a
    // multi-byte character shows U+FFFD for it; characters outside the table pass through unchanged.
    static QString byteLevelToText(const QString& piece);

    enum class PreTokenizer { None, ByteLevel, WhitespaceSplit };

private:
    // vocabWhere / mergesWhere start error messages ("file: field \"model.vocab\"", "merges.txt").
    // doc's vocab (required) and merges (optional).
    Result<void> setModel(const TokenizerJsonDocument& doc, const QString& vocabWhere, const QString& mergesWhere);
    int tokenId(const QString& token) const override;
    // piece: text between added tokens, normalized; atStart: it begins the original text.
    void encodePiece(const QString& piece, bool atStart, Encoding& out) const;
    // A word's tokens, and the characters of it no token spells (UnknownCharacter::token counts from the
    // word's first token).
    struct WordTokens {
        std::vector<int> ids;
        std::vector<UnknownCharacter> unknown;
    };
    WordTokens bpeWord(const QString& word) const;
    WordTokens initialSymbols(const QString& word) const;
    // Applies the merges to symbols (ids) by rank, the leftmost first among equals, until none applies.
    // *starts, when given, receives the index in symbols of each result's first symbol.
    std::vector<int> mergeSymbols(std::vector<int> symbols, std::vector<int>* starts = nullptr) const;

    TokenTable m_vocab; // model.vocab both ways (added tokens live in Tokenizer::m_added)
    // (left id << 32 | right id) -> (rank, merged id)
    QHash<std::uint64_t, std::pair<int, int>> m_merges;
    PreTokenizer m_preTokenizer = PreTokenizer::ByteLevel; // how displayText shows a token
    std::vector<PreTokenizerStep> m_preSteps{PreTokenizerStep::byteLevel()};
    bool m_byteFallback = false;
    bool m_fuseUnk = false;
    bool m_ignoreMerges = false; // a word that is itself in the vocabulary is one token (Llama-3's files)
    int m_unkId = -1;
    int m_vocabSize = 0;

    // Words repeat in running text; BPE on a word is quadratic, so remember results.
    mutable std::mutex m_cacheMutex;
    mutable QHash<QString, WordTokens> m_cache;
};

} // namespace attnlab::model
