#pragma once

// A task the training lab generates examples for on the fly: sequences of token ids over a small vocabulary,
// the next-token targets, and which targets are the answer (the part a model can only get right by having
// learned the task: the sorted half of `sort`, the repeated half of `induction`). The loss and the accuracy are
// taken over the answer targets; a target of kIgnoredTarget (PyTorch's ignore_index) counts for neither.

#include "model/core/random.h"
#include "model/core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace attnlab::model {

inline constexpr int kIgnoredTarget = -1;

// B sequences of T tokens, row-major: inputs[b·T + t] is token t of sequence b, targets[b·T + t] the token that
// should follow it (inputs shifted by one), or kIgnoredTarget where the task does not grade the prediction.
struct TrainingBatch {
    int batch = 0, length = 0;
    std::vector<int> inputs, targets;
};

// Which examples: the training stream, or the held-out set: examples the training stream never draws. Every
// built-in task sets a fixed part of its examples apart, the same whatever the seed (modadd's and pronoun's by a
// shuffle of their pairs and sentences, the others by a hash of each example's content; text:FILE its last 10%).
enum class DataSplit { Train, HeldOut };

class TrainingTask {
public:
    virtual ~TrainingTask() = default;

    // "sort", "reverse", "induction", "modadd", "brackets", "pronoun", "text:/path/to/file.txt"
    virtual QString name() const = 0;
    // One line for the Train window and the README: what the model sees and what it must answer.
    virtual QString description() const = 0;
    // The tokens by id.
    virtual const QStringList& vocabulary() const = 0;
    // A Hugging Face tokenizer.json (WordLevel for word tasks, characters for text) over exactly vocabulary():
    // the trained model's folder carries it, so that AttnLab and the transformers library both tokenize a text
    // the way the task did.
    virtual QByteArray tokenizerJson() const = 0;
    // T, the length of every sequence a batch holds (the model's context must be at least this).
    virtual int sequenceLength() const = 0;
    // B fresh sequences of sequenceLength() tokens drawn from random. The same random state gives the same
    // batch on every platform.
    virtual TrainingBatch batch(DataSplit split, SeededRandom& random, int size) const = 0;
    // A fixed example shown while training (its attention maps, its predictions): input tokens as ids.
    virtual std::vector<int> probe() const = 0;
};

// "sort" | "reverse" | "induction" | "modadd" | "brackets" | "pronoun" | "text:FILE" -> the task, or one message
// ("unknown task "sorting": expected sort, reverse, …"; "FILE: not UTF-8 text (a binary file?)";
// "FILE: 40 characters is too short to train on: at least 650 are needed (…)"). textSequenceLength: T of
// text:FILE (the other tasks have their own fixed length); the file needs at least 10·(T + 1) characters.
// Each task's format is described beside its class (model/training/tasks/*_task.h).
Result<std::unique_ptr<TrainingTask>> makeTrainingTask(const QString& spec, int textSequenceLength = 64);

// The task names makeTrainingTask knows, "text:" last (the one that takes a file).
QStringList trainingTaskNames();

} // namespace attnlab::model
