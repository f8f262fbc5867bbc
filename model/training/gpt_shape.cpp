#include "model/training/gpt_shape.h"

namespace attnlab::model {

namespace {

QString outOfRange(const char* name, int value, int low, int high)
{
    return QStringLiteral("%1: %2 is not between %3 and %4").arg(QLatin1String(name)).arg(value).arg(low).arg(high);
}

} // namespace

Result<void> checkShape(const GptShape& shape)
{
    if (shape.layers < 1 || shape.layers > kMaxTrainingLayers)
        return Result<void>::failure(outOfRange("layers", shape.layers, 1, kMaxTrainingLayers));
    if (shape.heads < 1 || shape.heads > kMaxTrainingHeads)
        return Result<void>::failure(outOfRange("heads", shape.heads, 1, kMaxTrainingHeads));
    if (shape.dModel < 1 || shape.dModel > kMaxTrainingDModel)
        return Result<void>::failure(outOfRange("d_model", shape.dModel, 1, kMaxTrainingDModel));
    if (shape.dModel % shape.heads != 0)
        return Result<void>::failure(
            QStringLiteral("d_model: %1 is not divisible by heads %2").arg(shape.dModel).arg(shape.heads));
    if (shape.context < 2 || shape.context > kMaxTrainingContext)
        return Result<void>::failure(outOfRange("context", shape.context, 2, kMaxTrainingContext));
    if (shape.vocab < 2 || shape.vocab > kMaxTrainingVocab)
        return Result<void>::failure(outOfRange("vocabulary size", shape.vocab, 2, kMaxTrainingVocab));
    return Result<void>::success();
}

} // namespace attnlab::model
