#include "model/training/tasks/induction_task.h"

#include <array>
#include <numeric>
#include <utility>

namespace attnlab::model {

namespace {

QStringList inductionSymbols()
{
    QStringList v;
    for (const auto& [first, count] : {std::pair{u'a', 26}, std::pair{u'A', 26}, std::pair{u'0', 10}})
        for (int i = 0; i < count; ++i)
            v.append(QString(QChar(char16_t(first + i))));
    return v;
}

} // namespace

InductionTask::InductionTask()
    : GeneratedTask(
          QStringLiteral("induction"),
          QStringLiteral("Induction: a pattern of 8 to 24 distinct symbols repeated to 48 tokens; graded "
                         "on the repeats (from the second symbol of the second copy), which only looking "
                         "back to the symbol's previous occurrence predicts."),
          inductionSymbols(), kLength, Tokens::Words)
{
    // The lesson's picture: 24 symbols exactly twice, so the induction stripe is one diagonal 24 back.
    const QString pattern = QStringLiteral("q w e r t y u i o p a s d f g h j k l z x c v b ");
    m_probe = idsOf(pattern + pattern);
}

int InductionTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    int period = 0;
    // Held out: a fixed fifth of the patterns, by their symbols.
    for (;;) {
        period = kMinPeriod + int(random.below(kMaxPeriod - kMinPeriod + 1));
        // The first `period` symbols of a Fisher–Yates shuffle of all of them: distinct symbols.
        std::array<int, kSymbols> alphabet;
        std::iota(alphabet.begin(), alphabet.end(), 0);
        std::uint64_t key = std::uint64_t(period);
        for (int i = 0; i < period; ++i) {
            const int j = i + int(random.below(std::uint32_t(kSymbols - i)));
            std::swap(alphabet[size_t(i)], alphabet[size_t(j)]);
            sequence[size_t(i)] = alphabet[size_t(i)];
            key = key * kSymbols + std::uint64_t(alphabet[size_t(i)]);
            key ^= key >> 29; // 24 symbols overflow 64 bits: keep mixing the high bits down
        }
        if (inHeldOutFifth(key, 0x696e64756374 /* "induct" */) == (split == DataSplit::HeldOut)) break;
    }
    for (size_t t = size_t(period); t < sequence.size(); ++t)
        sequence[t] = sequence[t - size_t(period)];
    return period; // input `period` (the second copy's first symbol) predicts its second symbol
}

} // namespace attnlab::model
