#pragma once

// text:FILE: character-level language modelling on a UTF-8 text file. The vocabulary is the file's distinct
// characters (code points, in code point order: a character outside the BMP, an emoji, is one token, never
// two UTF-16 halves), the last 10% of the characters are held out, and a batch is random windows of T + 1
// consecutive characters from the first 90% (training) or the last 10% (held out), every prediction graded.
// A leading byte-order mark is not part of the text. The probe: the first T characters of the held-out part.

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class TextTask final : public GeneratedTask {
public:
    static constexpr int kMaxVocabulary = 4096;
    static constexpr qint64 kMaxBytes = 64ll << 20;
    static constexpr int kMaxSequenceLength = 4096;
    // The fewest characters a file of T-token windows needs: the held-out tenth must hold one window.
    static qsizetype minimumCharacters(int sequenceLength) { return 10 * (qsizetype(sequenceLength) + 1); }

    // file -> the task, or one message that names the file.
    static Result<std::unique_ptr<TrainingTask>> load(const QString& file, int sequenceLength);
    // The same from the text itself (file only names it in messages and in name()).
    static Result<std::unique_ptr<TrainingTask>> fromBytes(const QByteArray& bytes, const QString& file,
                                                           int sequenceLength);

    // Number of characters (code points) of the text, and where the held-out part starts.
    qsizetype characters() const { return qsizetype(m_text.size()); }
    qsizetype heldOutStart() const { return m_heldOutStart; }

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;

private:
    TextTask(const QString& file, QStringList vocabulary, std::vector<int> text, int sequenceLength);

    std::vector<int> m_text; // the token id of each character
    qsizetype m_heldOutStart = 0;
};

} // namespace attnlab::model
