#pragma once

// sort, in the format of minGPT's SortDataset (and so of ../shared/models/gpt-nano-sort, whose tokenizer
// writes the digits 0, 1, 2 as A, B, C): 6 tokens of {A, B, C}, then the same tokens sorted, no separator;
// the model sees the first 11 of the 12 and is graded on the 6 sorted ones (minGPT's y[:length-1] = -1).

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class SortTask final : public GeneratedTask {
public:
    static constexpr int kDigits = 3; // vocabulary: A B C
    static constexpr int kCount = 6;  // tokens to sort
    SortTask();

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;
};

} // namespace attnlab::model
