#include "model/training/tasks/text_task.h"

#include "model/tokenizers/tokenizer.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace attnlab::model {

namespace {

using TaskResult = Result<std::unique_ptr<TrainingTask>>;

} // namespace

TaskResult TextTask::load(const QString& file, int sequenceLength)
{
    const QFileInfo info(file);
    if (!info.exists()) return TaskResult::failure(QStringLiteral("%1: no such file").arg(file));
    if (info.isDir()) return TaskResult::failure(QStringLiteral("%1: a folder, not a text file").arg(file));
    if (info.size() > kMaxBytes)
        return TaskResult::failure(QStringLiteral("%1: %2 MiB is too large to train on: at most %3 MiB")
                                       .arg(file)
                                       .arg(double(info.size()) / double(1 << 20), 0, 'f', 1)
                                       .arg(kMaxBytes >> 20));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return TaskResult::failure(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    const QByteArray bytes = f.read(kMaxBytes + 1);
    if (f.error() != QFileDevice::NoError)
        return TaskResult::failure(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    return fromBytes(bytes, file, sequenceLength);
}

TaskResult TextTask::fromBytes(const QByteArray& bytes, const QString& file, int sequenceLength)
{
    if (sequenceLength < 1 || sequenceLength > kMaxSequenceLength)
        return TaskResult::failure(QStringLiteral("%1: sequence length %2 must be between 1 and %3")
                                       .arg(file)
                                       .arg(sequenceLength)
                                       .arg(kMaxSequenceLength));
    if (bytes.isEmpty()) return TaskResult::failure(QStringLiteral("%1: the file is empty").arg(file));
    if (bytes.size() > kMaxBytes)
        return TaskResult::failure(
            QStringLiteral("%1: too large to train on: at most %2 MiB").arg(file).arg(kMaxBytes >> 20));
    // NUL is valid UTF-8 but no text has it; any invalid sequence (Latin-1, UTF-16, a binary) is refused
    // whole rather than trained on as U+FFFD.
    const QString notText = QStringLiteral("%1: not UTF-8 text (a binary file?)").arg(file);
    if (std::memchr(bytes.constData(), 0, size_t(bytes.size()))) return TaskResult::failure(notText);
    // Stateless: a sequence cut off by the end of the file is an error, not kept for more bytes to come. A
    // leading byte-order mark is skipped.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) return TaskResult::failure(notText);

    std::vector<char32_t> cps;
    std::vector<qsizetype> offsets;
    cps.reserve(size_t(text.size()));
    offsets.reserve(size_t(text.size()) + 1);
    decodeUtf16(text, cps, offsets);
    if (cps.empty()) return TaskResult::failure(QStringLiteral("%1: the file is empty").arg(file));
    const qsizetype minimum = minimumCharacters(sequenceLength);
    if (qsizetype(cps.size()) < minimum)
        return TaskResult::failure(
            QStringLiteral(
                "%1: %2 characters is too short to train on: at least %3 are needed (the held-out last "
                "10% must hold one window of %4 + 1 characters)")
                .arg(file)
                .arg(cps.size())
                .arg(minimum)
                .arg(sequenceLength));

    std::vector<char32_t> distinct = cps;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() > size_t(kMaxVocabulary))
        return TaskResult::failure(
            QStringLiteral("%1: %2 distinct characters are too many for a character vocabulary: at most %3")
                .arg(file)
                .arg(distinct.size())
                .arg(kMaxVocabulary));
    QStringList vocabulary;
    vocabulary.reserve(qsizetype(distinct.size()));
    for (const char32_t c : distinct)
        vocabulary.append(QString::fromUcs4(&c, 1));
    std::vector<int> ids(cps.size());
    for (size_t i = 0; i < cps.size(); ++i)
        ids[i] = int(std::lower_bound(distinct.begin(), distinct.end(), cps[i]) - distinct.begin());
    return std::unique_ptr<TrainingTask>(
        new TextTask(file, std::move(vocabulary), std::move(ids), sequenceLength));
}

TextTask::TextTask(const QString& file, QStringList vocabulary, std::vector<int> text, int sequenceLength)
    : GeneratedTask(QStringLiteral("text:") + file, QString(), std::move(vocabulary), sequenceLength,
                    Tokens::Characters),
      m_text(std::move(text))
{
    const qsizetype n = qsizetype(m_text.size());
    m_heldOutStart = n - n / 10;
    m_description =
        QStringLiteral("Text: the next character of %1 (%2 characters, %3 distinct), in windows of %4; "
                       "graded on every character. The last 10% is held out.")
            .arg(QFileInfo(file).fileName())
            .arg(n)
            .arg(m_vocabulary.size())
            .arg(sequenceLength);
    m_probe.assign(m_text.begin() + m_heldOutStart, m_text.begin() + m_heldOutStart + sequenceLength);
}

int TextTask::example(DataSplit split, SeededRandom& random, std::span<int> sequence) const
{
    const qsizetype window = qsizetype(sequence.size()); // T + 1
    const qsizetype begin = split == DataSplit::HeldOut ? m_heldOutStart : 0;
    const qsizetype end = split == DataSplit::HeldOut ? qsizetype(m_text.size()) : m_heldOutStart;
    const qsizetype start = begin + qsizetype(random.below(std::uint32_t(end - begin - window + 1)));
    std::copy(m_text.begin() + start, m_text.begin() + start + window, sequence.begin());
    return 0;
}

} // namespace attnlab::model
