#include "model/training/training_presets.h"

#include <algorithm>

namespace attnlab::model {

PresetChoice trainingPreset(TrainingPreset preset, const QString& taskName, int sequenceLength)
{
    PresetChoice c;
    const bool tiny = preset == TrainingPreset::Tiny;
    c.shape.layers = 2;
    c.shape.heads = 4;
    c.shape.dModel = tiny ? 64 : 128;
    // The context holds the task's sequences: the position table has no rows the task never uses.
    c.shape.context = std::clamp(sequenceLength, 2, kMaxTrainingContext);
    c.shape.attentionOnly = taskName == QLatin1String("induction");
    c.settings.batch = 32;
    c.settings.steps = tiny ? 600 : 2500;
    c.settings.learningRate = tiny ? 3e-3 : 1e-3;
    c.settings.warmup = tiny ? 30 : 100;
    c.settings.schedule = LearningRateSchedule::Cosine;
    c.settings.weightDecay = 0.1;
    return c;
}

std::optional<TrainingPreset> trainingPresetNamed(const QString& name)
{
    if (name == QLatin1String("tiny")) return TrainingPreset::Tiny;
    if (name == QLatin1String("small")) return TrainingPreset::Small;
    return std::nullopt;
}

QStringList trainingPresetNames()
{
    return {QStringLiteral("tiny"), QStringLiteral("small")};
}

} // namespace attnlab::model
