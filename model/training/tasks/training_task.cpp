#include "model/training/tasks/training_task.h"

#include "model/training/tasks/brackets_task.h"
#include "model/training/tasks/induction_task.h"
#include "model/training/tasks/modadd_task.h"
#include "model/training/tasks/pronoun_task.h"
#include "model/training/tasks/reverse_task.h"
#include "model/training/tasks/sort_task.h"
#include "model/training/tasks/text_task.h"

namespace attnlab::model {

QStringList trainingTaskNames()
{
    return {QStringLiteral("sort"),   QStringLiteral("reverse"),  QStringLiteral("induction"),
            QStringLiteral("modadd"), QStringLiteral("brackets"), QStringLiteral("pronoun"),
            QStringLiteral("text:")};
}

Result<std::unique_ptr<TrainingTask>> makeTrainingTask(const QString& spec, int textSequenceLength)
{
    using R = Result<std::unique_ptr<TrainingTask>>;
    const QLatin1String textPrefix("text:");
    if (spec.startsWith(textPrefix)) {
        const QString file = spec.mid(textPrefix.size());
        if (file.isEmpty())
            return R::failure(QStringLiteral("task \"text:\": expected a file after \"text:\""));
        return TextTask::load(file, textSequenceLength);
    }
    if (spec == QLatin1String("sort")) return std::unique_ptr<TrainingTask>(new SortTask);
    if (spec == QLatin1String("reverse")) return std::unique_ptr<TrainingTask>(new ReverseTask);
    if (spec == QLatin1String("induction")) return std::unique_ptr<TrainingTask>(new InductionTask);
    if (spec == QLatin1String("modadd")) return std::unique_ptr<TrainingTask>(new ModAddTask);
    if (spec == QLatin1String("brackets")) return std::unique_ptr<TrainingTask>(new BracketsTask);
    if (spec == QLatin1String("pronoun")) return std::unique_ptr<TrainingTask>(new PronounTask);
    return R::failure(
        QStringLiteral("unknown task \"%1\": expected sort, reverse, induction, modadd, brackets, "
                       "pronoun or text:FILE")
            .arg(spec));
}

} // namespace attnlab::model
