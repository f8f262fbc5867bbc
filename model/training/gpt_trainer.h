#pragma once

// A data-parallel training step: the batch is cut into a fixed number of shares of whole sequences, each run
// forward and backward by its own replica of the model (its activations and gradients, the shared parameters)
// on whichever core is free, then the shares' gradients are added in share order. One synchronisation per step,
// and a core another program holds only means the other core takes more shares. The shares do not depend on the
// thread count, and neither does the order of every sum, so a step gives the same bits on any number of cores.
//
// The loss of a batch is the mean over all its graded positions, so each share's backward divides by the
// batch's graded count (TrainableGpt::backward(gradedTotal)), and the shares' gradients add up to the batch's.

#include "model/training/tasks/training_task.h"
#include "model/training/trainable_gpt.h"

#include <memory>
#include <vector>

namespace attnlab::model {

// What a batch gave: the mean loss over its graded targets, how many there were and how many the model's top
// token got right.
struct BatchResult {
    double loss = 0;
    int graded = 0, correct = 0;
};

class GptTrainer {
public:
    // The parameters start at 0. maxBatch sequences of up to maxLength tokens per step.
    GptTrainer(const GptShape& shape, int maxBatch, int maxLength);

    const ParameterLayout& layout() const { return m_layout; }
    const GptShape& shape() const { return m_layout.shape(); }
    int maxLength() const { return m_maxLength; }
    int shares() const { return int(m_replicas.size()); }
    ParameterBuffer<float>& parameters() { return m_parameters; }
    const ParameterBuffer<float>& parameters() const { return m_parameters; }
    ParameterBuffer<float>& gradients() { return m_gradients; }

    // Forward and backward over the batch: gradients() holds the gradient of its mean loss.
    BatchResult trainStep(const TrainingBatch& batch);
    // Forward only.
    BatchResult evaluate(const TrainingBatch& batch);
    // One sequence forward on the first replica, whose attention() and probabilities() then describe it.
    const TrainableGpt<float>& runOne(const std::vector<int>& tokens);

private:
    BatchResult run(const TrainingBatch& batch, bool backward);

    ParameterLayout m_layout;
    int m_maxLength;
    ParameterBuffer<float> m_parameters, m_gradients;
    std::vector<std::unique_ptr<TrainableGpt<float>>> m_replicas;
    std::vector<int> m_rowsPerShare;
};

} // namespace attnlab::model
