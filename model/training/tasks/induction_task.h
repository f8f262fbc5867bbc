#pragma once

// induction: a pattern of L distinct symbols (62: a–z, A–Z, 0–9), L drawn from 8..24 for each sequence,
// repeated over and over to fill 49 tokens (the model sees 48). From the second copy on, the next symbol is
// the one that followed the current symbol last time: predictable only by finding the symbol's previous
// occurrence and copying what came after it, which takes an induction head: a previous-token head in one
// layer composed with a head in a later layer. One layer cannot do it, and since L varies, no fixed
// positional offset can either.
//
// Graded: every prediction of a symbol of the second or a later copy, except the first symbol of the second
// copy: the symbol before it occurs for the first time, so nothing says that the pattern ends there (it
// might have gone on with a new symbol). Input position L - 1 is therefore the last ungraded one.
//
// Why 62 symbols rather than 26: trained in PyTorch on these batches (2 layers × 4 heads, attention only,
// d_model 64, batch 32, AdamW 3e-3), 62 symbols gave the sudden jump of an induction head forming (held-out
// accuracy 24% at step 800, 98% at 1,120, 99.8% at 1,600; with another initialisation the jump had not come
// by step 1,600, at 31%), where with 26 letters, most of them in every pattern, the model settled on guessing
// among the letters seen (45% after 3,000 steps, creeping up, in two runs). One layer stays at 15% (62
// symbols, 1,600 steps) to 19% (26 letters, 5,000 steps). Shorter periods (6..16 in 32 tokens) delayed the
// jump past 1,600 steps.

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class InductionTask final : public GeneratedTask {
public:
    static constexpr int kSymbols = 62;
    static constexpr int kMinPeriod = 8, kMaxPeriod = 24;
    static constexpr int kLength = 48;
    InductionTask();

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;
};

} // namespace attnlab::model
