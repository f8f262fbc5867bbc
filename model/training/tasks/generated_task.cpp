#include "model/training/tasks/generated_task.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <numeric>
#include <utility>

namespace attnlab::model {

GeneratedTask::GeneratedTask(QString name, QString description, QStringList vocabulary, int length,
                             Tokens tokens)
    : m_name(std::move(name)), m_description(std::move(description)), m_vocabulary(std::move(vocabulary)),
      m_length(length), m_tokens(tokens)
{
}

QByteArray GeneratedTask::tokenizerJson() const
{
    return wordLevelTokenizerJson(m_vocabulary, m_tokens);
}

TrainingBatch GeneratedTask::batch(DataSplit split, SeededRandom& random, int size) const
{
    TrainingBatch out;
    out.batch = std::max(size, 0);
    out.length = m_length;
    const size_t T = size_t(m_length);
    out.inputs.resize(size_t(out.batch) * T);
    out.targets.resize(size_t(out.batch) * T);
    std::vector<int> sequence(T + 1);
    for (size_t b = 0; b < size_t(out.batch); ++b) {
        const size_t graded = size_t(example(split, random, sequence));
        int* inputs = out.inputs.data() + b * T;
        int* targets = out.targets.data() + b * T;
        for (size_t t = 0; t < T; ++t) {
            inputs[t] = sequence[t];
            targets[t] = t >= graded ? sequence[t + 1] : kIgnoredTarget;
        }
    }
    return out;
}

std::vector<int> GeneratedTask::idsOf(const QString& words) const
{
    std::vector<int> ids;
    for (const QString& w : words.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        ids.push_back(int(m_vocabulary.indexOf(w)));
    return ids;
}

QByteArray wordLevelTokenizerJson(const QStringList& vocabulary, GeneratedTask::Tokens tokens)
{
    QJsonObject vocab;
    for (qsizetype i = 0; i < vocabulary.size(); ++i)
        vocab.insert(vocabulary[i], int(i));
    const bool characters = tokens == GeneratedTask::Tokens::Characters;
    QJsonObject preTokenizer;
    if (characters) {
        preTokenizer.insert(QStringLiteral("type"), QStringLiteral("Split"));
        preTokenizer.insert(QStringLiteral("pattern"),
                            QJsonObject{{QStringLiteral("Regex"), QStringLiteral("[\\s\\S]")}});
        preTokenizer.insert(QStringLiteral("behavior"), QStringLiteral("Isolated"));
        preTokenizer.insert(QStringLiteral("invert"), false);
    } else {
        preTokenizer.insert(QStringLiteral("type"), QStringLiteral("WhitespaceSplit"));
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), QStringLiteral("1.0"));
    root.insert(QStringLiteral("truncation"), QJsonValue::Null);
    root.insert(QStringLiteral("padding"), QJsonValue::Null);
    root.insert(QStringLiteral("added_tokens"), QJsonArray());
    root.insert(QStringLiteral("normalizer"), QJsonValue::Null);
    root.insert(QStringLiteral("pre_tokenizer"), preTokenizer);
    root.insert(QStringLiteral("post_processor"), QJsonValue::Null);
    // Words decode joined by spaces (no decoder); characters joined as they are.
    root.insert(QStringLiteral("decoder"),
                characters ? QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("Fuse")}})
                           : QJsonValue(QJsonValue::Null));
    root.insert(QStringLiteral("model"), QJsonObject{{QStringLiteral("type"), QStringLiteral("WordLevel")},
                                                     {QStringLiteral("vocab"), vocab},
                                                     {QStringLiteral("unk_token"), QStringLiteral("<unk>")}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool inHeldOutFifth(std::uint64_t key, std::uint64_t salt)
{
    std::uint64_t state = key ^ splitmix64(salt);
    return splitmix64(state) % 5 == 0;
}

std::vector<int> shuffledIndices(int n, SeededRandom& random)
{
    std::vector<int> order(size_t(std::max(n, 0)));
    std::iota(order.begin(), order.end(), 0);
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[random.below(std::uint32_t(i))]);
    return order;
}

} // namespace attnlab::model
