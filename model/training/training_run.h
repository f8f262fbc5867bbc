#pragma once

// A training run: a task's batches through a TrainableGpt<float>, one optimizer step at a time, with the
// held-out evaluation and the probe's attention maps the Train window and `attnlab train` show. The caller owns
// the loop (the command line runs it to the end, the window's worker between pauses), so stopping, pausing and
// changing the learning rate happen between two steps.
//
// Everything follows from the settings' seed: the initial weights (initializeParameters), the training batches
// (a SeededRandom stream whose state a checkpoint keeps) and the held-out set (a fixed stream, the same examples
// at every evaluation). On one machine with one thread count a run repeats bit for bit.

#include "model/core/random.h"
#include "model/training/adamw.h"
#include "model/training/tasks/training_task.h"
#include "model/training/gpt_trainer.h"
#include "model/training/training_state.h"

#include <memory>
#include <optional>
#include <vector>

namespace attnlab::model {

struct StepReport {
    int step = 0;           // the step just taken, 1-based (= optimizer steps so far)
    double loss = 0;        // the batch's mean loss before the update
    double accuracy = 0;    // the batch's graded targets the model got right before the update, in [0, 1]
    double gradientNorm = 0; // before clipping
    double learningRate = 0;
    int tokens = 0;         // positions the step processed (batch × length)
};

struct Evaluation {
    double loss = 0;
    double accuracy = 0; // graded targets predicted right (argmax), in [0, 1]
    int graded = 0;
};

// The attention maps of one input at one moment of training.
struct AttentionSnapshot {
    int step = 0;
    int layers = 0, heads = 0, length = 0;
    std::vector<int> tokens;    // (length)
    std::vector<float> weights; // (layers, heads, length, length), row-major; zero above the diagonal
    // (length, vocab) the model's next-token probabilities at every position
    std::vector<float> probabilities;

    const float* map(int layer, int head) const
    {
        return weights.data() + (std::size_t(layer) * heads + std::size_t(head)) * std::size_t(length) * length;
    }
    std::size_t bytes() const { return (weights.size() + probabilities.size()) * sizeof(float) + tokens.size() * sizeof(int); }
};

class TrainingRun {
public:
    // A fresh run: shape.vocab is set from the task's vocabulary, shape.context must hold the task's sequences.
    // -> the run, or the first bad value (checkShape, checkSettings, "context: 16 is shorter than the task's
    // sequences of 33 tokens").
    static Result<std::unique_ptr<TrainingRun>> start(std::unique_ptr<TrainingTask> task, GptShape shape,
                                                      const TrainingSettings& settings);
    // A run continuing a checkpoint's state; the task must be the checkpoint's (its vocabulary size must match).
    static Result<std::unique_ptr<TrainingRun>> resume(std::unique_ptr<TrainingTask> task, TrainingState state);

    // Starts from these weights (another model's, a GPT-2 folder's) instead of the random ones; the shapes must
    // be equal. Only before the first step.
    Result<void> setParameters(const GptShape& shape, const ParameterBuffer<float>& parameters);

    // One optimizer step on the next batch. A loss or gradient that is not finite stops with a message, and the
    // weights and moments stay those of the last good step.
    Result<StepReport> step();
    // The held-out set (batches × settings.batch sequences, the same at every call): mean loss and accuracy.
    Evaluation evaluate(int batches = 4);
    // The attention maps and predictions of a sequence (the task's probe by default), at the current weights.
    AttentionSnapshot snapshot(const std::vector<int>& tokens);
    AttentionSnapshot probeSnapshot() { return snapshot(m_task->probe()); }
    // Random tokens repeated (repeatedRandomTokens: min(16, length / 2) distinct tokens twice, the same at every
    // call): the input on which an induction head shows itself.
    std::vector<int> inductionProbe() const;

    // The peak learning rate from the next step on (the schedule keeps its shape around it). > 0.
    void setLearningRate(double peak) { m_settings.learningRate = peak; }

    int stepsTaken() const { return m_step; }
    bool finished() const { return m_step >= m_settings.steps; }
    const TrainingSettings& settings() const { return m_settings; }
    const GptShape& shape() const { return m_trainer->shape(); }
    const TrainingTask& task() const { return *m_task; }
    const ParameterLayout& layout() const { return m_trainer->layout(); }
    const ParameterBuffer<float>& parameters() const { return m_trainer->parameters(); }
    // Everything a checkpoint keeps to continue exactly here.
    TrainingState state() const;

private:
    TrainingRun(std::unique_ptr<TrainingTask> task, const GptShape& shape, const TrainingSettings& settings);

    std::unique_ptr<TrainingTask> m_task;
    TrainingSettings m_settings;
    std::unique_ptr<GptTrainer> m_trainer;
    AdamWMoments<float> m_moments;
    SeededRandom m_data;
    int m_step = 0;
};

} // namespace attnlab::model
