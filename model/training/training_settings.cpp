#include "model/training/training_settings.h"

#include <cmath>
#include <numbers>

namespace attnlab::model {

namespace {

Result<void> fail(const QString& message)
{
    return Result<void>::failure(message);
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

Result<void> checkSettings(const TrainingSettings& s)
{
    if (s.steps < 1) return fail(QStringLiteral("steps: %1 must be at least 1").arg(s.steps));
    if (s.batch < 1 || s.batch > 4096) return fail(QStringLiteral("batch: %1 is not between 1 and 4096").arg(s.batch));
    if (!(s.learningRate > 0) || !std::isfinite(s.learningRate))
        return fail(QStringLiteral("learning rate: %1 must be greater than 0").arg(number(s.learningRate)));
    if (s.warmup < 0) return fail(QStringLiteral("warm-up: %1 must not be negative").arg(s.warmup));
    if (!(s.minLearningRateFraction >= 0 && s.minLearningRateFraction <= 1))
        return fail(QStringLiteral("final learning-rate fraction: %1 is not between 0 and 1")
                        .arg(number(s.minLearningRateFraction)));
    if (!(s.weightDecay >= 0) || !std::isfinite(s.weightDecay))
        return fail(QStringLiteral("weight decay: %1 must not be negative").arg(number(s.weightDecay)));
    if (!(s.beta1 >= 0 && s.beta1 < 1)) return fail(QStringLiteral("beta1: %1 is not in [0, 1)").arg(number(s.beta1)));
    if (!(s.beta2 >= 0 && s.beta2 < 1)) return fail(QStringLiteral("beta2: %1 is not in [0, 1)").arg(number(s.beta2)));
    if (!(s.eps > 0) || !std::isfinite(s.eps))
        return fail(QStringLiteral("eps: %1 must be greater than 0").arg(number(s.eps)));
    if (!(s.clip >= 0) || !std::isfinite(s.clip))
        return fail(QStringLiteral("clip: %1 must not be negative").arg(number(s.clip)));
    return Result<void>::success();
}

double learningRateAt(const TrainingSettings& s, int step)
{
    if (step < s.warmup) return s.learningRate * double(step + 1) / double(s.warmup);
    if (s.schedule == LearningRateSchedule::Constant || s.steps <= s.warmup) return s.learningRate;
    const double progress = std::min(1.0, double(step - s.warmup) / double(s.steps - s.warmup));
    const double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    const double floor = s.minLearningRateFraction * s.learningRate;
    return floor + (s.learningRate - floor) * cosine;
}

} // namespace attnlab::model
