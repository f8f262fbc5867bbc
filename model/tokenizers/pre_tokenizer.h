#pragma once

// Hugging Face pre-tokenizers for the BPE and WordLevel tokenizers: tokenizer.json's "pre_tokenizer" cuts
// each piece of normalized text into the words BPE runs on (or WordLevel looks up). Supported: ByteLevel (GPT-2's regex and byte-to-character
// mapping), WhitespaceSplit, Metaspace (SentencePiece's "▁" for spaces, as Llama-2 / Mistral export it),
// Split (a string or regex with one of HF's five delimiter behaviours) and a Sequence of these.

#include "model/core/result.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace attnlab::model {

struct PreTokenizerStep {
    enum class Kind { ByteLevel, WhitespaceSplit, Metaspace, Split };
    // Where a delimiter found by Split (or Metaspace's "▁") goes: dropped, a word of its own, glued to the
    // word before or after, or runs of delimiters as one word.
    enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
    // Metaspace: when to put "▁" in front of a word that lacks one.
    enum class Prepend { Always, First, Never };

    Kind kind = Kind::ByteLevel;
    bool addPrefixSpace = false;                    // ByteLevel
    bool useRegex = true;                           // ByteLevel
    QString replacement = QStringLiteral("\u2581"); // Metaspace
    Prepend prepend = Prepend::Always;              // Metaspace
    bool split = true;                              // Metaspace
    QRegularExpression pattern;                     // Split: the delimiter; Metaspace: the replacement
    Behavior behavior = Behavior::Isolated;         // Split
    bool invert = false; // Split: the pattern matches the words, not the delimiters

    static PreTokenizerStep byteLevel() { return {}; }
};

// tokenizer.json's "pre_tokenizer" value (null or absent: no steps) -> the steps, in order; an error names
// the file and the field ("pre_tokenizer.pretokenizers[1].behavior").
Result<std::vector<PreTokenizerStep>> parsePreTokenizer(const QJsonValue& value, const QString& file);

// piece (text between added tokens, normalized) -> the words BPE runs on, in order. atStart: the piece begins
// the original text (Metaspace's "first" prepends only there). Byte-level words come out mapped to GPT-2's
// printable characters.
QStringList preTokenize(const QString& piece, bool atStart, const std::vector<PreTokenizerStep>& steps);

// text, delimiter matches of pattern -> the pieces HF's split(pattern, behavior) gives (never empty pieces).
QStringList splitWithBehavior(const QString& text, const QRegularExpression& pattern,
                              PreTokenizerStep::Behavior behavior, bool invert = false);

} // namespace attnlab::model
