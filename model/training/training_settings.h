#pragma once

// The hyper-parameters of a training run, and the learning rate they give at each step.

#include "model/core/result.h"

#include <cstdint>

namespace attnlab::model {

enum class LearningRateSchedule {
    Cosine,   // linear warm-up from 0, then a half cosine from the peak down to minLearningRateFraction of it
    Constant, // linear warm-up from 0, then the peak
};

struct TrainingSettings {
    int steps = 2000;
    int batch = 16;
    double learningRate = 1e-3; // the peak
    int warmup = 100;           // steps of linear warm-up; 0: the peak from the first step
    LearningRateSchedule schedule = LearningRateSchedule::Cosine;
    double minLearningRateFraction = 0.1;
    // AdamW as PyTorch defines it (adamw.h)
    double weightDecay = 0.1;
    double beta1 = 0.9;
    double beta2 = 0.95;
    double eps = 1e-8;
    double clip = 1.0; // the gradients' largest global L2 norm; 0: no clipping
    std::uint64_t seed = 1; // the weights' initialisation and the batches both follow from it
};

// -> success, or one message naming the first bad value ("learning rate: 0 must be greater than 0").
Result<void> checkSettings(const TrainingSettings& settings);

// The learning rate of step (0-based): warm-up (step + 1) / warmup · peak for step < warmup, then constant, or
// cosine from the peak at step = warmup to minLearningRateFraction · peak at step = steps.
double learningRateAt(const TrainingSettings& settings, int step);

} // namespace attnlab::model
