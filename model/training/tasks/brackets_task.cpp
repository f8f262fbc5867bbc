#include "model/training/tasks/brackets_task.h"

#include <array>

namespace attnlab::model {

namespace {

QStringList bracketsVocabulary()
{
    QStringList v;
    for (int d = 0; d <= BracketsTask::kCount; ++d)
        v.append(QString::number(d));
    v << QStringLiteral("(") << QStringLiteral(")") << QStringLiteral("=") << QStringLiteral("x");
    return v;
}

// Six "(" and six ")" in an order uniform among the 924 such strings.
void shuffledHalves(std::array<int, BracketsTask::kCount>& b, SeededRandom& random)
{
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = i < b.size() / 2 ? BracketsTask::kOpen : BracketsTask::kClose;
    for (size_t i = b.size(); i > 1; --i)
        std::swap(b[i - 1], b[random.below(std::uint32_t(i))]);
}

bool isBalanced(const std::array<int, BracketsTask::kCount>& b)
{
    int depth = 0;
    for (const int token : b) {
        depth += token == BracketsTask::kOpen ? 1 : -1;
        if (depth < 0) return false;
    }
    return depth == 0;
}

} // namespace

BracketsTask::BracketsTask()
    : GeneratedTask(
          QStringLiteral("brackets"),
          QStringLiteral("Brackets: 12 of ( and ), \"=\", then the depth after each prefix, or x once "
                         "more have closed than opened; balanced when the last answer is 0. Graded on the "
                         "12 answers."),
          bracketsVocabulary(), 2 * kCount, Tokens::Words)
{
    m_probe = idsOf(QStringLiteral("( ( ) ( ( ) ) ) ( ) ) ( = 1 2 1 2 3 2 1 0 1 0 x"));
}

int BracketsTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    std::array<int, kCount> b{};
    for (;;) {
        switch (random.below(3)) {
        case 0: // balanced: the arrangements of six and six that never go below zero (1 in 7 of them)
            do
                shuffledHalves(b, random);
            while (!isBalanced(b));
            break;
        case 1:
            shuffledHalves(b, random);
            break;
        default:
            for (int& token : b)
                token = random.below(2) ? kOpen : kClose;
            break;
        }
        std::uint64_t code = 0;
        for (const int token : b)
            code = code * 2 + (token == kOpen ? 1 : 0);
        if (inHeldOutFifth(code, 0x627261636b /* "brack" */) == (split == DataSplit::HeldOut)) break;
    }
    int depth = 0;
    for (size_t i = 0; i < size_t(kCount); ++i) {
        sequence[i] = b[i];
        if (depth >= 0) depth += b[i] == kOpen ? 1 : -1;
        sequence[size_t(kCount) + 1 + i] = depth >= 0 ? depth : kBroken;
    }
    sequence[size_t(kCount)] = kEquals;
    return kCount; // "=" predicts the first answer
}

} // namespace attnlab::model
