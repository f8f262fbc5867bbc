#pragma once

// Hugging Face tokenizers with exact ids: byte-level BPE (GPT-2), plain and byte-fallback BPE, WordPiece
// (BERT), WordLevel (whole words or single characters looked up, as the training lab's tasks write). Tokenizer::load() reads a tokenizer.json, or the older vocab.json + merges.txt / vocab.txt files,
// and picks the model. encode() follows HF's encode(text) with its defaults: added tokens are matched in the
// raw text first and kept whole, the rest is normalized, pre-tokenized and run through the model, then the
// post-processor's special tokens ([CLS] … [SEP], <s> …) are added.

#include "model/core/result.h"
#include "model/tokenizers/unknown_character.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace attnlab::model {

// ids[i] is the id of tokens[i]; tokens are the vocabulary strings (GPT-2's "ĠHello", BERT's "##ing").
// unknown: every character of the text that no token spells, in the order of the text.
struct Encoding {
    std::vector<int> ids;
    QStringList tokens;
    std::vector<UnknownCharacter> unknown;
};

// A token from tokenizer.json's added_tokens: matched in the text before anything else.
struct AddedToken {
    QString content;
    int id = -1;
    bool lstrip = false;     // swallow whitespace on its left
    bool rstrip = false;     // swallow whitespace on its right
    bool normalized = false; // matched in the normalized text rather than the raw text
};

// One step of a text normalizer (tokenizer.json "normalizer"); applied in order to each piece of text
// between added tokens.
struct NormalizerStep {
    enum class Kind { Bert, Lowercase, StripAccents, Nfc, Nfd, Nfkc, Nfkd, Prepend, Replace };
    Kind kind = Kind::Lowercase;
    QString a, b;          // Prepend: a; Replace: a -> b
    bool cleanText = true; // Bert only
    bool chineseChars = true;
    bool stripAccents = true;
    bool lowercase = true;
};

class Tokenizer {
public:
    // path: a tokenizer.json, a folder holding tokenizer.json (preferred), vocab.json + merges.txt, vocab.txt
    // or tokenizer.bin, one of those files directly, or any llama2.c tokenizer .bin (llama2c_tokenizer.h).
    static Result<std::shared_ptr<Tokenizer>> load(const QString& path);

    virtual ~Tokenizer();
    Tokenizer() = default;
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    virtual Encoding encode(const QString& text) const = 0;
    // The vocabulary string of id (added tokens included), "" for an id that has none.
    virtual QString tokenText(int id) const = 0;
    // The token as a reader sees it: GPT-2's "Ġanimal" as " animal", Llama's "▁it" as " it"; other
    // vocabularies show tokenText(id).
    virtual QString displayText(int id) const { return tokenText(id); }
    // One more than the largest id, added tokens included.
    virtual int vocabSize() const = 0;
    // The id of a vocabulary string, added tokens first (as transformers' convert_tokens_to_ids), or -1.
    virtual int tokenId(const QString& token) const;

    // Helpers shared by the concrete tokenizers' loaders (tokenizer.cpp).
    static Result<std::vector<AddedToken>> parseAddedTokens(const QJsonObject& root, const QString& file);
    // Special tokens the post-processor puts before and after the sequence.
    struct PostProcessor {
        Encoding prefix, suffix;
    };
    static Result<PostProcessor> parsePostProcessor(const QJsonObject& root, const QString& file);
    static Result<std::vector<NormalizerStep>> parseNormalizer(const QJsonObject& root, const QString& file);
    static QString normalize(const QString& text, const std::vector<NormalizerStep>& steps);
    // tokenizer_config.json beside a tokenizer.json: transformers' Llama and Gemma tokenizers rebuild the
    // post-processor from its add_bos_token / add_eos_token, so where one is a boolean it decides whether
    // bos_token (eos_token) starts (ends) every encoding, replacing what the post-processor puts there;
    // where it is absent the post-processor decides. (Llama 3's and Qwen 3's configs leave BOS to
    // tokenizer.json; Gemma 3's and SentencePiece-Llama's say true; Qwen 3's add_bos_token is false.)
    Result<void> applyTokenizerConfig(const QJsonObject& config, const QString& file);

protected:
    // Reads the sections every tokenizer.json shares (added_tokens, normalizer, post_processor) into this.
    Result<void> readCommonSections(const QJsonObject& root, const QString& file);
    // Splits text on the added tokens, normalizes and encodes the pieces between them with encodePiece,
    // and wraps the result in the post-processor's special tokens.
    Encoding encodeWithAddedTokens(const QString& text,
                                   const std::function<void(const QString&, Encoding&)>& encodePiece) const;
    // The same for pre-tokenizers that treat the text's start apart (a prefix space added there only): atStart
    // tells encodePiece whether the piece begins the original text, nothing (no added token) emitted before it.
    Encoding encodeMarkingStart(const QString& text,
                                const std::function<void(const QString&, bool atStart, Encoding&)>& encodePiece) const;
    // Appends the added tokens of the given kind found in text to out, and calls between for each
    // non-empty piece of text between them, in order.
    void splitOnAddedTokens(const QString& text, bool normalizedTokens, Encoding& out,
                            const std::function<void(const QString&)>& between) const;
    // The added token of id, or nullptr.
    const AddedToken* addedToken(int id) const;
    int maxAddedId() const;
    void addAddedToken(const AddedToken& token);
    // Rebuilds m_addedByFirstUnit after m_added changed.
    void indexAddedTokens();

    std::vector<AddedToken> m_added;
    // For each first UTF-16 unit, the indices of the added tokens starting with it, longest first (Gemma 3
    // has 6,415 added tokens; each text position looks at a handful instead of all).
    QHash<char16_t, std::vector<int>> m_addedByFirstUnit;
    QHash<int, int> m_addedById; // id -> index in m_added
    std::vector<NormalizerStep> m_normalizer;
    PostProcessor m_post;
};

// Code points of text with the UTF-16 offset of each; offsets has one extra entry, text.size().
void decodeUtf16(const QString& text, std::vector<char32_t>& cps, std::vector<qsizetype>& offsets);

// Ids above this are refused when loading: no real vocabulary comes near, and a corrupted file must not
// make us allocate for them.
inline constexpr int kMaxTokenId = (1 << 24) - 1;

} // namespace attnlab::model
