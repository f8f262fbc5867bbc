#pragma once

// A task that is one batch, given: `attnlab train --data FILE.json` trains on it at every step, for the exact
// checks against another implementation (the shared training reference gives its batch this way). Its tokens are
// the vocabulary's ids written as numbers ("0" … "V−1").

#include "model/training/tasks/training_task.h"

namespace attnlab::model {

// {"inputs": [[id, …], …], "targets": [[id, …], …]}: B rows of T ids each, targets of the same shape (−1: not
// graded) -> the batch, or a message naming the file and the entry ("FILE: inputs[1] has 11 ids, inputs[0] 12").
// Ids must lie in [0, vocab).
Result<TrainingBatch> readFixedBatch(const QString& file, int vocab);

class FixedBatchTask : public TrainingTask {
public:
    FixedBatchTask(TrainingBatch batch, int vocab);

    QString name() const override { return QStringLiteral("data"); }
    QString description() const override;
    const QStringList& vocabulary() const override { return m_vocabulary; }
    QByteArray tokenizerJson() const override;
    int sequenceLength() const override { return m_batch.length; }
    // The batch itself, whatever the split and size.
    TrainingBatch batch(DataSplit split, SeededRandom& random, int size) const override;
    std::vector<int> probe() const override;

private:
    TrainingBatch m_batch;
    QStringList m_vocabulary;
};

} // namespace attnlab::model
