#include "model/training/tasks/fixed_batch_task.h"

#include "model/training/tasks/generated_task.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace attnlab::model {

Result<TrainingBatch> readFixedBatch(const QString& file, int vocab)
{
    using R = Result<TrainingBatch>;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return R::failure(QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 << 20), &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(QStringLiteral("%1: not valid JSON at offset %2: %3").arg(file).arg(error.offset).arg(error.errorString()));
    if (!doc.isObject()) return R::failure(QStringLiteral("%1: expected an object with \"inputs\" and \"targets\"").arg(file));
    TrainingBatch batch;
    for (const char* key : {"inputs", "targets"}) {
        const QJsonValue value = doc.object().value(QLatin1String(key));
        if (!value.isArray() || value.toArray().isEmpty())
            return R::failure(QStringLiteral("%1: \"%2\" must be a non-empty array of rows of token ids").arg(file, QLatin1String(key)));
        const QJsonArray rows = value.toArray();
        std::vector<int>& out = QLatin1String(key) == QLatin1String("inputs") ? batch.inputs : batch.targets;
        for (qsizetype b = 0; b < rows.size(); ++b) {
            const QJsonArray row = rows[b].toArray();
            if (batch.length == 0) batch.length = int(row.size());
            if (row.isEmpty() || row.size() != batch.length)
                return R::failure(QStringLiteral("%1: %2[%3] has %4 ids, %2[0] %5")
                                      .arg(file, QLatin1String(key)).arg(b).arg(row.size()).arg(batch.length));
            for (qsizetype t = 0; t < row.size(); ++t) {
                const double id = row[t].toDouble(-2.5);
                const bool target = &out == &batch.targets;
                const double lowest = target ? -1 : 0;
                if (id != double(qint64(id)) || id < lowest || id >= vocab)
                    return R::failure(QStringLiteral("%1: %2[%3][%4] is not a token id in [%5, %6)")
                                          .arg(file, QLatin1String(key)).arg(b).arg(t).arg(lowest).arg(vocab));
                out.push_back(id < 0 ? kIgnoredTarget : int(id));
            }
        }
        if (QLatin1String(key) == QLatin1String("inputs")) batch.batch = int(rows.size());
        else if (rows.size() != batch.batch)
            return R::failure(QStringLiteral("%1: %2 rows of targets for %3 rows of inputs").arg(file).arg(rows.size()).arg(batch.batch));
    }
    return batch;
}

FixedBatchTask::FixedBatchTask(TrainingBatch batch, int vocab) : m_batch(std::move(batch))
{
    for (int i = 0; i < vocab; ++i)
        m_vocabulary << QString::number(i);
}

QString FixedBatchTask::description() const
{
    return QStringLiteral("one fixed batch of %1 × %2 tokens, the same at every step").arg(m_batch.batch).arg(m_batch.length);
}

QByteArray FixedBatchTask::tokenizerJson() const
{
    return wordLevelTokenizerJson(m_vocabulary, GeneratedTask::Tokens::Words);
}

TrainingBatch FixedBatchTask::batch(DataSplit, SeededRandom&, int) const
{
    return m_batch;
}

std::vector<int> FixedBatchTask::probe() const
{
    return {m_batch.inputs.begin(), m_batch.inputs.begin() + m_batch.length};
}

} // namespace attnlab::model
