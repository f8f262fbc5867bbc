#pragma once

// Everything a training run needs to continue exactly where it stopped: the model's shape and weights, the
// AdamW moments and step, the hyper-parameters, the task and the state of the random stream that draws its
// batches. A training checkpoint (training_checkpoint.h) stores one; the trainer (gpt_trainer.h) fills one.

#include "model/core/random.h"
#include "model/training/gpt_parameters.h"
#include "model/training/training_settings.h"

#include <QString>

namespace attnlab::model {

struct TrainingState {
    GptShape shape;
    TrainingSettings settings;
    QString task;  // as makeTrainingTask takes it: "sort", "text:/path/file.txt"
    int step = 0;  // optimizer steps taken; the next step is number `step` (0-based)
    ParameterBuffer<float> parameters;         // ParameterLayout(shape)'s buffer
    ParameterBuffer<float> firstMoment;        // AdamW's m, the same layout
    ParameterBuffer<float> secondMoment;       // AdamW's v
    SeededRandom::State dataRandom;            // the training batches' stream, before step `step`'s batch
};

} // namespace attnlab::model
