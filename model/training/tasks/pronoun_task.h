#pragma once

// pronoun: "The ANIMAL didn't cross the OBSTACLE because it was too ADJECTIVE . it = NOUN", with 8 animals, 6
// obstacles (street, road, river, …) and 12 adjectives in two classes: tired, scared, … describe the animal;
// wide, busy, … the obstacle. NOUN, the answer, is the animal or the obstacle that "it" is, decided by the
// adjective's class alone: the model must attend from "=" (or from "it") to the adjective to know which noun,
// and to that noun to copy it. Graded on NOUN only (the prediction at "="). Word-level vocabulary, 36 words.
// Held out: a fixed 20% of the 576 (animal, obstacle, adjective) sentences, chosen by a shuffle with a seed
// of its own.

#include "model/training/tasks/generated_task.h"

namespace attnlab::model {

class PronounTask final : public GeneratedTask {
public:
    static constexpr int kAnimals = 8, kObstacles = 6, kAdjectivesPerClass = 6;
    PronounTask();

    // The words of each kind, in vocabulary order.
    static const QStringList& animals();
    static const QStringList& obstacles();
    static const QStringList& animalAdjectives();   // "it" is the animal
    static const QStringList& obstacleAdjectives(); // "it" is the obstacle

protected:
    int example(DataSplit split, SeededRandom& random, std::span<int> sequence) const override;

private:
    // Sentences as (animal · kObstacles + obstacle) · 2·kAdjectivesPerClass + adjective.
    std::vector<int> m_train, m_heldOut;
    int m_firstAnimal = 0, m_firstObstacle = 0, m_firstAdjective = 0; // ids of each kind's first word
};

} // namespace attnlab::model
