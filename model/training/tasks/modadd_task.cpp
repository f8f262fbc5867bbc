#include "model/training/tasks/modadd_task.h"

namespace attnlab::model {

namespace {

constexpr int kModAddPlus = ModAddTask::kModulus, kModAddEquals = ModAddTask::kModulus + 1;

QStringList modaddVocabulary()
{
    QStringList v;
    for (int n = 0; n < ModAddTask::kModulus; ++n)
        v.append(QString::number(n));
    v.append(QStringLiteral("+"));
    v.append(QStringLiteral("="));
    return v;
}

} // namespace

ModAddTask::ModAddTask()
    : GeneratedTask(
          QStringLiteral("modadd"),
          QStringLiteral("Modular addition: \"a + b =\" then (a + b) mod 59; graded on the answer. 20% of "
                         "the pairs (a, b) are held out and never trained on."),
          modaddVocabulary(), 4, Tokens::Words)
{
    constexpr int pairs = kModulus * kModulus;
    SeededRandom split(0x6d6f64616464 /* "modadd" */, 59);
    std::vector<int> order = shuffledIndices(pairs, split);
    const int heldOut = pairs / 5;
    m_heldOut.assign(order.begin(), order.begin() + heldOut);
    m_train.assign(order.begin() + heldOut, order.end());
    // The probe: the first held-out pair, so that its prediction shows whether the rule was learned.
    const int a = m_heldOut.front() / kModulus, b = m_heldOut.front() % kModulus;
    m_probe = {a, kModAddPlus, b, kModAddEquals};
}

int ModAddTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    const std::vector<int>& pairs = split == DataSplit::HeldOut ? m_heldOut : m_train;
    const int pair = pairs[random.below(std::uint32_t(pairs.size()))];
    const int a = pair / kModulus, b = pair % kModulus;
    sequence[0] = a;
    sequence[1] = kModAddPlus;
    sequence[2] = b;
    sequence[3] = kModAddEquals;
    sequence[4] = (a + b) % kModulus;
    return 3;
}

} // namespace attnlab::model
