#include "model/training/tasks/reverse_task.h"

namespace attnlab::model {

namespace {

QStringList reverseVocabulary()
{
    QStringList v;
    for (int d = 0; d < 10; ++d)
        v.append(QString::number(d));
    v.append(QStringLiteral("|"));
    return v;
}

} // namespace

ReverseTask::ReverseTask()
    : GeneratedTask(
          QStringLiteral("reverse"),
          QStringLiteral("Reverse: 8 digits, \"|\", the same digits in reverse order; graded on the "
                         "reversed 8."),
          reverseVocabulary(), 2 * kCount, Tokens::Words)
{
    m_probe = idsOf(QStringLiteral("3 1 4 1 5 9 2 6 | 6 2 9 5 1 4 1"));
}

int ReverseTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    constexpr int kSeparator = 10;
    // 10^8 inputs; held out: a fixed fifth of them, by their decimal value.
    for (;;) {
        std::uint64_t code = 0;
        for (int i = 0; i < kCount; ++i) {
            sequence[size_t(i)] = int(random.below(10));
            code = code * 10 + std::uint64_t(sequence[size_t(i)]);
        }
        if (inHeldOutFifth(code, 0x72657665727365 /* "reverse" */) == (split == DataSplit::HeldOut)) break;
    }
    sequence[kCount] = kSeparator;
    for (int i = 0; i < kCount; ++i)
        sequence[size_t(kCount + 1 + i)] = sequence[size_t(kCount - 1 - i)];
    return kCount; // "|" predicts the last digit
}

} // namespace attnlab::model
