#pragma once

// induction: a pattern of L distinct letters (a–z), L drawn from 8..24 for each sequence, repeated over and
// over to fill 49 tokens (the model sees 48). From the second copy on, the next letter is the one that
// followed the current letter last time: predictable only by finding the letter's previous occurrence and
// copying what came after it, which takes an induction head: a previous-token head in one layer composed with
// a head in a later layer. One layer cannot do it, and since L varies, no fixed positional offset can either.
// Graded: every prediction of a letter of the second or a later copy, except the first letter of the second
// copy: the letter before it occurs for the first time, so nothing says that the pattern ends there (it might
// have gone on with a new letter). Input position L - 1 is therefore the last ungraded one.

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class InductionTask final : public GeneratedTask {
public:
    static constexpr int kLetters = 26;
    static constexpr int kMinPeriod = 8, kMaxPeriod = 24;
    static constexpr int kLength = 48;
    InductionTask();

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;
};

} // namespace attnlab::model
