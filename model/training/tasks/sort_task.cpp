#include "model/training/tasks/sort_task.h"

#include <algorithm>

namespace attnlab::model {

SortTask::SortTask()
    : GeneratedTask(
          QStringLiteral("sort"),
          QStringLiteral("Sort: 6 letters of A, B, C, then the same letters sorted (no separator, as "
                         "gpt-nano-sort); graded on the sorted 6."),
          {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}, 2 * kCount - 1, Tokens::Words)
{
    m_probe = idsOf(QStringLiteral("C B A B C A A A B B C"));
}

int SortTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    // 3^6 = 729 inputs: each belongs to one split for good (held out: a fixed fifth, by their base-3 code).
    for (;;) {
        std::uint64_t code = 0;
        for (int i = 0; i < kCount; ++i) {
            sequence[size_t(i)] = int(random.below(kDigits));
            code = code * kDigits + std::uint64_t(sequence[size_t(i)]);
        }
        if (inHeldOutFifth(code, 0x736f7274 /* "sort" */) == (split == DataSplit::HeldOut)) break;
    }
    std::copy(sequence.begin(), sequence.begin() + kCount, sequence.begin() + kCount);
    std::sort(sequence.begin() + kCount, sequence.end());
    return kCount - 1; // the last input token predicts the first sorted one
}

} // namespace attnlab::model
