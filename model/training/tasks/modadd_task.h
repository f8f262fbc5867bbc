#pragma once

// modadd: "a + b = c" with c = (a + b) mod 59, a and b in 0..58, each number one token. Graded on c alone
// (the prediction at "="). 59 rather than the 113 of the grokking papers: 3,481 pairs and 61 tokens, so that
// a small model learns it in about a minute instead of many minutes, while still too many pairs to be worth
// memorising (the held-out pairs need the rule). Held out: a fixed 20% of the (a, b) pairs (696 of 3,481),
// chosen by a shuffle with a seed of its own, so that every run, whatever its seed, holds out the same pairs
// and never trains on them.

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
