#include "model/training/tasks/pronoun_task.h"

namespace attnlab::model {

namespace {

// The sentence's fixed words, in vocabulary order (ids 0..9).
const QStringList& frameWords()
{
    static const QStringList words{QStringLiteral("The"), QStringLiteral("didn't"),  QStringLiteral("cross"),
                                   QStringLiteral("the"), QStringLiteral("because"), QStringLiteral("it"),
                                   QStringLiteral("was"), QStringLiteral("too"),     QStringLiteral("."),
                                   QStringLiteral("=")};
    return words;
}

enum FrameWord {
    kWordThe,
    kWordDidnt,
    kWordCross,
    kWordLowerThe,
    kWordBecause,
    kWordIt,
    kWordWas,
    kWordToo,
    kWordStop,
    kWordEquals
};

QStringList pronounVocabulary()
{
    return frameWords() + PronounTask::animals() + PronounTask::obstacles() +
           PronounTask::animalAdjectives() + PronounTask::obstacleAdjectives();
}

constexpr int kPronounAdjectives = 2 * PronounTask::kAdjectivesPerClass;

} // namespace

const QStringList& PronounTask::animals()
{
    static const QStringList words{QStringLiteral("animal"),  QStringLiteral("cat"), QStringLiteral("dog"),
                                   QStringLiteral("horse"),   QStringLiteral("fox"), QStringLiteral("deer"),
                                   QStringLiteral("chicken"), QStringLiteral("cow")};
    return words;
}

const QStringList& PronounTask::obstacles()
{
    static const QStringList words{QStringLiteral("street"), QStringLiteral("road"),
                                   QStringLiteral("river"),  QStringLiteral("highway"),
                                   QStringLiteral("bridge"), QStringLiteral("canal")};
    return words;
}

const QStringList& PronounTask::animalAdjectives()
{
    static const QStringList words{QStringLiteral("tired"),  QStringLiteral("scared"),
                                   QStringLiteral("sleepy"), QStringLiteral("slow"),
                                   QStringLiteral("weak"),   QStringLiteral("old")};
    return words;
}

const QStringList& PronounTask::obstacleAdjectives()
{
    static const QStringList words{QStringLiteral("wide"),  QStringLiteral("busy"),
                                   QStringLiteral("long"),  QStringLiteral("icy"),
                                   QStringLiteral("steep"), QStringLiteral("dangerous")};
    return words;
}

PronounTask::PronounTask()
    : GeneratedTask(
          QStringLiteral("pronoun"),
          QStringLiteral("Pronoun: \"The ANIMAL didn't cross the OBSTACLE because it was too ADJECTIVE . "
                         "it =\" then the noun \"it\" is, which the adjective decides (tired: the animal; "
                         "wide: the obstacle); graded on that noun. 20% of the sentences are held out."),
          pronounVocabulary(), 14, Tokens::Words)
{
    m_firstAnimal = int(frameWords().size());
    m_firstObstacle = m_firstAnimal + kAnimals;
    m_firstAdjective = m_firstObstacle + kObstacles;
    constexpr int sentences = kAnimals * kObstacles * kPronounAdjectives;
    SeededRandom split(0x70726f6e6f756e /* "pronoun" */, 576);
    const std::vector<int> order = shuffledIndices(sentences, split);
    const int heldOut = sentences / 5;
    m_heldOut.assign(order.begin(), order.begin() + heldOut);
    m_train.assign(order.begin() + heldOut, order.end());
    m_probe = idsOf(QStringLiteral("The animal didn't cross the street because it was too tired . it ="));
}

int PronounTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    const std::vector<int>& sentences = split == DataSplit::HeldOut ? m_heldOut : m_train;
    const int s = sentences[random.below(std::uint32_t(sentences.size()))];
    const int adjective = s % kPronounAdjectives;
    const int obstacle = (s / kPronounAdjectives) % kObstacles;
    const int animal = s / (kPronounAdjectives * kObstacles);
    const int animalId = m_firstAnimal + animal, obstacleId = m_firstObstacle + obstacle;
    const int words[15] = {kWordThe,
                           animalId,
                           kWordDidnt,
                           kWordCross,
                           kWordLowerThe,
                           obstacleId,
                           kWordBecause,
                           kWordIt,
                           kWordWas,
                           kWordToo,
                           m_firstAdjective + adjective,
                           kWordStop,
                           kWordIt,
                           kWordEquals,
                           adjective < kAdjectivesPerClass ? animalId : obstacleId};
    std::copy(std::begin(words), std::end(words), sequence.begin());
    return 13; // "=" predicts the noun
}

} // namespace attnlab::model
