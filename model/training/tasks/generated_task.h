#pragma once

// What the built-in tasks share: a fixed vocabulary and sequence length, examples written one at a time into
// a buffer of T + 1 tokens (batch() cuts each into inputs and next-token targets), the tokenizer.json of the
// vocabulary, and a held-out set chosen by a fixed hash where a task's examples are few enough to repeat.

#include "model/training/tasks/training_task.h"

#include <cstdint>
#include <span>

namespace attnlab::model {

class GeneratedTask : public TrainingTask {
public:
    QString name() const override { return m_name; }
    QString description() const override { return m_description; }
    const QStringList& vocabulary() const override { return m_vocabulary; }
    QByteArray tokenizerJson() const override;
    int sequenceLength() const override { return m_length; }
    // Each row: example() writes T + 1 tokens; inputs are the first T, targets the last T where t ≥ the
    // graded position example() returned, kIgnoredTarget before it.
    TrainingBatch batch(DataSplit split, SeededRandom& random, int size) const override;
    std::vector<int> probe() const override { return m_probe; }

    // How the vocabulary is cut into tokens: words between whitespace, or every character.
    enum class Tokens { Words, Characters };

protected:
    GeneratedTask(QString name, QString description, QStringList vocabulary, int length, Tokens tokens);
    // One example of the split: sequence[0..T] (T + 1 tokens); returns the first input position whose next
    // token is graded (every later one is graded too).
    virtual int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const = 0;
    // The token ids of words separated by single spaces ("C B A | A B C"), for probes written as text.
    std::vector<int> idsOf(const QString& words) const;

    QString m_name, m_description;
    QStringList m_vocabulary;
    int m_length = 0;
    Tokens m_tokens = Tokens::Words;
    std::vector<int> m_probe;
};

// The tokenizer.json (Hugging Face's format, loaded by AttnLab's Tokenizer, by the tokenizers library and by
// tokenizers.js) of a WordLevel model over vocabulary, id = index: a WhitespaceSplit pre-tokenizer for words;
// a Split on every character ("[\s\S]", Isolated: also newlines, which "." would not match; a character
// outside the BMP is one code point there) and the Fuse decoder for characters. unk_token is Hugging Face's
// default
// "<unk>", which the vocabulary does not hold: the model was never trained on one, so an unknown word fails
// to encode there (MissingUnkToken) and is dropped with a warning in AttnLab.
QByteArray wordLevelTokenizerJson(const QStringList& vocabulary, GeneratedTask::Tokens tokens);

// Whether an example whose content hashes to key belongs to the held-out fifth of the task named by salt: the
// same on every run and platform, whatever the training seed, so the two splits never share an example.
bool inHeldOutFifth(std::uint64_t key, std::uint64_t salt);

// The order of 0..n-1 after a Fisher–Yates shuffle driven by random (a fixed held-out subset: its first
// part).
std::vector<int> shuffledIndices(int n, SeededRandom& random);

} // namespace attnlab::model
