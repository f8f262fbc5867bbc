#pragma once

// What the tests of the training tasks check on every task: a batch's rows as whole sequences, the rule that
// a graded target is the next input, and the task's tokenizer.json loaded by AttnLab's own loader.

#include "model/tokenizers/tokenizer.h"
#include "model/training/tasks/training_task.h"

#include <QFile>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace attnlab::test {

// One row of a batch: its T inputs, its T targets, and the T + 1 tokens of the sequence where the last target
// is known (the last input's target is graded) or -1.
struct TaskRow {
    std::vector<int> inputs, targets;
    // The first graded position, or T when none is.
    int firstGraded = 0;
    // inputs followed by the last target.
    std::vector<int> sequence() const
    {
        std::vector<int> s = inputs;
        s.push_back(targets.back());
        return s;
    }
};

inline std::vector<TaskRow> taskRows(const model::TrainingBatch& b)
{
    std::vector<TaskRow> rows;
    for (int r = 0; r < b.batch; ++r) {
        TaskRow row;
        row.inputs.assign(b.inputs.begin() + r * b.length, b.inputs.begin() + (r + 1) * b.length);
        row.targets.assign(b.targets.begin() + r * b.length, b.targets.begin() + (r + 1) * b.length);
        row.firstGraded = b.length;
        for (int t = b.length - 1; t >= 0; --t)
            if (row.targets[size_t(t)] != model::kIgnoredTarget) row.firstGraded = t;
        rows.push_back(std::move(row));
    }
    return rows;
}

// "" when every row of b has the shape of the task (B·T inputs and targets, ids in the vocabulary), its
// targets equal its inputs shifted by one wherever graded, and the graded positions are one run to the end of
// the row (kIgnoredTarget before it, none after it); else what is wrong, where.
inline QString checkShiftedTargets(const model::TrainingBatch& b, int batch, int length, int vocabulary)
{
    if (b.batch != batch || b.length != length || b.inputs.size() != size_t(batch * length) ||
        b.targets.size() != size_t(batch * length))
        return QStringLiteral("shape %1×%2 (%3 inputs, %4 targets), expected %5×%6")
            .arg(b.batch)
            .arg(b.length)
            .arg(b.inputs.size())
            .arg(b.targets.size())
            .arg(batch)
            .arg(length);
    for (int r = 0; r < batch; ++r)
        for (int t = 0; t < length; ++t) {
            const int i = r * length + t;
            const int input = b.inputs[size_t(i)], target = b.targets[size_t(i)];
            const auto where = QStringLiteral("row %1, position %2: ").arg(r).arg(t);
            if (input < 0 || input >= vocabulary)
                return where + QStringLiteral("input %1 out of range").arg(input);
            if (target == model::kIgnoredTarget) {
                if (t > 0 && b.targets[size_t(i - 1)] != model::kIgnoredTarget)
                    return where + QStringLiteral("ungraded after a graded position");
                continue;
            }
            if (target < 0 || target >= vocabulary)
                return where + QStringLiteral("target %1 out of range").arg(target);
            if (t + 1 < length && target != b.inputs[size_t(i + 1)])
                return where + QStringLiteral("target %1 is not the next input %2")
                                   .arg(target)
                                   .arg(b.inputs[size_t(i + 1)]);
        }
    return {};
}

// The task's tokenizer.json written to a file and read back by Tokenizer::load, or nullptr (with a warning).
inline std::shared_ptr<model::Tokenizer> loadTaskTokenizer(const model::TrainingTask& task)
{
    QTemporaryDir dir;
    if (!dir.isValid()) return nullptr;
    const QString file = dir.filePath(QStringLiteral("tokenizer.json"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(task.tokenizerJson()) < 0) return nullptr;
    f.close();
    auto t = model::Tokenizer::load(file);
    if (!t) {
        qWarning("%s", qPrintable(t.error()));
        return nullptr;
    }
    return *t;
}

// The words of ids, joined by single spaces (a word task's text for the tokenizer).
inline QString wordsOf(const model::TrainingTask& task, const std::vector<int>& ids)
{
    QStringList words;
    for (const int id : ids)
        words.append(task.vocabulary().value(id));
    return words.join(QLatin1Char(' '));
}

} // namespace attnlab::test
