#pragma once

// A GPT that learns: the forward pass keeps what its backward needs, the backward fills one gradient per
// parameter (the same layout as the parameters, gpt_parameters.h). Scalar is float for training and double for
// the finite-difference checks.
//
// Per block (pre-LayerNorm, as GPT-2):  x ← x + c_proj(attn(ln_1(x)));  x ← x + mlp_c_proj(gelu(c_fc(ln_2(x))))
// (the second line is absent when attention only), then logits = ln_f(x)·wteᵀ and the mean cross-entropy over the
// graded targets (tasks/training_task.h: kIgnoredTarget is not graded).
//
// Memory: every activation lives in one arena sized once for the largest batch (B, T) the model is built for;
// a step allocates nothing.

#include "model/training/gpt_parameters.h"

#include <vector>

namespace attnlab::model {

template <typename Scalar> class TrainableGpt {
public:
    // shape must pass checkShape; maxBatch ≥ 1 and 1 ≤ maxLength ≤ shape.context. Parameters start at 0: fill
    // them with initializeParameters or a checkpoint's.
    TrainableGpt(const GptShape& shape, int maxBatch, int maxLength);

    const ParameterLayout& layout() const { return m_layout; }
    const GptShape& shape() const { return m_layout.shape(); }
    int maxBatch() const { return m_maxBatch; }
    int maxLength() const { return m_maxLength; }
    // The model's own parameters; empty in a replica that reads another model's (shareParameters).
    ParameterBuffer<Scalar>& parameters() { return m_parameters; }
    const ParameterBuffer<Scalar>& parameters() const { return m_parameters; }
    // Reads its parameters from source (another model's, which must outlive this one) instead of its own: the
    // replicas a data-parallel step runs on its shares of the batch (gpt_trainer.h).
    void shareParameters(const ParameterBuffer<Scalar>& source);
    const ParameterBuffer<Scalar>& gradients() const { return m_gradients; }
    ParameterBuffer<Scalar>& gradients() { return m_gradients; }
    // Bytes of the activation arena and the gradients of the activations.
    std::size_t activationBytes() const { return (m_arena.size() + m_gradArena.size()) * sizeof(Scalar); }

    // inputs (batch·length token ids in [0, vocab)), targets (the same count; < 0 is not graded) ->
    // the mean cross-entropy over the graded targets (0 when none is). Keeps every activation for backward()
    // and for the readers below. batch ≤ maxBatch, length ≤ maxLength.
    Scalar forward(const int* inputs, const int* targets, int batch, int length);
    // After forward: the gradient of its loss with respect to every parameter, written over gradients(). The
    // loss is the sum of the graded positions' losses divided by gradedTotal: this forward's graded() by default,
    // or the whole batch's when this forward saw one share of it (the shares' gradients then add up to the
    // batch's).
    void backward(int gradedTotal = 0);

    // After forward: the graded targets, and those the model's most probable token gets right.
    int graded() const { return m_graded; }
    // After forward: the sum of the graded positions' losses (in double).
    double lossSum() const { return m_lossSum; }
    int correct() const { return m_correct; }
    // After forward: softmax probabilities (vocab) at position t of sequence b. (Overwritten by backward.)
    const Scalar* probabilities(int b, int t) const;
    // After forward: head h of layer l's attention weights for sequence b, (length, length) row-major, zero above
    // the diagonal.
    const Scalar* attention(int layer, int b, int head) const;

private:
    // The arena's pieces for the current (batch, length), pointers recomputed by each forward.
    struct LayerActivations {
        Scalar *ln1, *ln1Mean, *ln1Rstd, *qkv, *att, *atty, *residual2;
        Scalar *ln2, *ln2Mean, *ln2Rstd, *fch, *fchGelu, *residual3;
    };
    void placeActivations(int batch, int length);
    const Scalar* param(ParameterKind kind, int layer = -1) const;
    Scalar* grad(ParameterKind kind, int layer = -1);

    ParameterLayout m_layout;
    int m_maxBatch, m_maxLength;
    ParameterBuffer<Scalar> m_parameters, m_gradients;
    ParameterBuffer<Scalar> m_arena, m_gradArena;

    // the current forward's
    int m_batch = 0, m_length = 0, m_graded = 0, m_correct = 0;
    double m_lossSum = 0;
    const ParameterBuffer<Scalar>* m_shared = nullptr;
    std::vector<int> m_inputs, m_targets;
    Scalar* m_encoded = nullptr;        // (N, C) embeddings
    std::vector<LayerActivations> m_layers;
    Scalar *m_lnf = nullptr, *m_lnfMean = nullptr, *m_lnfRstd = nullptr;
    Scalar* m_probs = nullptr;  // (N, V)
    Scalar* m_losses = nullptr; // (N)
};

} // namespace attnlab::model
