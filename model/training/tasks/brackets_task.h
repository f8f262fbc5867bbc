#pragma once

// brackets: 12 brackets, "=", then after each prefix of them its depth (opened minus closed: "0" … "12"), or
// "x" from the first ")" that closes more than was opened on (such a prefix can never be completed to a
// balanced string, so "x" stays). The string is balanced exactly when the last answer is "0". Graded on the
// 12 answers. The brackets are drawn three ways, a third each: a balanced string (uniform among them), the
// same six "(" and six ")" in a random order (balanced in count, mostly not in order), and independent coin
// flips. Held out: a fixed fifth of the 4,096 bracket strings. Example: ( ( ) ) ) ( = 1 2 1 0 x x  (6
// brackets shown; the task has 12).

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class BracketsTask final : public GeneratedTask {
public:
    static constexpr int kCount = 12;
    // Token ids: the depths 0..12 are their own ids.
    static constexpr int kOpen = kCount + 1, kClose = kCount + 2, kEquals = kCount + 3, kBroken = kCount + 4;
    BracketsTask();

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;
};

} // namespace attnlab::model
