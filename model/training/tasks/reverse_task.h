#pragma once

// reverse: 8 digits, the separator "|", the 8 digits in reverse order; graded on the reversed 8 (the first is
// predicted at "|").

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class ReverseTask final : public GeneratedTask {
public:
    static constexpr int kCount = 8;
    ReverseTask();

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;
};

} // namespace attnlab::model
