#pragma once

// modadd: "a + b = c" with c = (a + b) mod 59, a and b in 0..58, each number one token. Graded on c alone
// (the prediction at "=").
//
// 59 rather than the 113 of the grokking papers: 3,481 pairs and 61 tokens, few enough that a small model
// learns the rule in about a minute, still too many to be worth memorising (the held-out pairs need the
// rule). Trained in PyTorch on these batches (1 layer with its MLP, d_model 128, 4 heads, batch 64, AdamW
// 1e-3 with weight decay 1.0), held-out accuracy was 30% at step 600 and 99.8% at step 1,200 (35 s on one
// core).
//
// Held out: a fixed 20% of the (a, b) pairs (696 of 3,481), chosen by a shuffle with a seed of its own, so
// that every run, whatever its seed, holds out the same pairs and never trains on them.

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class ModAddTask final : public GeneratedTask {
public:
    static constexpr int kModulus = 59;
    ModAddTask();

    // The held-out pairs as a·p + b, in the order the shuffle left them; the training pairs are the others.
    const std::vector<int>& heldOutPairs() const { return m_heldOut; }

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;

private:
    std::vector<int> m_train, m_heldOut;
};

} // namespace attnlab::model
