#pragma once

// The model sizes the Train window and `attnlab train --preset` offer, named by how long they take on a 2-core
// laptop: "tiny" trains in about ten seconds, "small" in about a minute. The shape and the hyper-parameters
// depend on the task only where it needs it (the induction task is learnt by an attention-only model, which is
// what the induction lesson explains).

#include "model/training/gpt_shape.h"
#include "model/training/training_settings.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace attnlab::model {

enum class TrainingPreset { Tiny, Small };

struct PresetChoice {
    GptShape shape;             // vocab is left 0: the task sets it
    TrainingSettings settings;
};

// preset, the task's name ("induction", "text:…") and its sequence length -> the shape and hyper-parameters.
PresetChoice trainingPreset(TrainingPreset preset, const QString& taskName, int sequenceLength);

// "tiny" | "small" -> the preset; nullopt for another name.
std::optional<TrainingPreset> trainingPresetNamed(const QString& name);
QStringList trainingPresetNames();

} // namespace attnlab::model
