#include "model/core/atomic_file.h"

#include <QSaveFile>

#include <algorithm>
#include <memory>
#include <vector>
#include <cerrno>
#include <cstring>

namespace attnlab::model {

namespace {
// QFileDevice says "Unknown error" for some failures (a flush at commit); errno still knows.
QString reasonFor(const QFileDevice& file, int error)
{
    const QString said = file.errorString();
    if (!said.isEmpty() && said != QLatin1String("Unknown error")) return said;
    if (error != 0) return QString::fromLocal8Bit(std::strerror(error));
    return QStringLiteral("the system gave no reason");
}
} // namespace

Result<void> writeFileAtomically(const QString& path, const QByteArray& data)
{
    return writeFileAtomically(path, data.size(), [&data](const ByteSink& sink) { sink(data.constData(), data.size()); });
}

Result<void> writeFileAtomically(const QString& path, qint64 totalBytes,
                                 const std::function<void(const ByteSink& sink)>& produce)
{
    const auto fail = [&path](const QString& reason) {
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, reason));
    };
    QSaveFile file(path);
    // Unbuffered, so that a short write (disk full, file-size limit) shows in write()'s count: a buffered
    // QSaveFile flushes at commit() and may take a partial write for success, renaming a truncated file into
    // place.
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) return fail(reasonFor(file, errno));
    qint64 done = 0;
    QString reason; // of the first failed write; the sink refuses every piece after it
    produce([&](const char* bytes, qint64 size) {
        if (!reason.isNull()) return false;
        errno = 0;
        const qint64 written = file.write(bytes, size);
        done += std::max<qint64>(written, 0);
        if (written != size) reason = reasonFor(file, errno);
        return reason.isNull();
    });
    if (reason.isNull() && done != totalBytes)
        reason = QStringLiteral("the writer produced %1 bytes instead of %2").arg(done).arg(totalBytes);
    if (!reason.isNull()) {
        file.cancelWriting(); // removes the temporary file
        return fail(QStringLiteral("%1 (%2 of %3 bytes written; the previous file is unchanged)")
                        .arg(reason)
                        .arg(done)
                        .arg(totalBytes));
    }
    errno = 0;
    if (!file.commit())
        return fail(
            QStringLiteral("%1 (the finished file could not replace it; the previous file is unchanged)")
                .arg(reasonFor(file, errno)));
    return Result<void>::success();
}

Result<void> writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files)
{
    std::vector<std::unique_ptr<QSaveFile>> saves;
    for (const auto& [path, data] : files) {
        const auto fail = [&path = path](const QString& reason) {
            return Result<void>::failure(QStringLiteral("cannot write %1: %2 (no file was changed)").arg(path, reason));
        };
        auto file = std::make_unique<QSaveFile>(path);
        errno = 0;
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered)) return fail(reasonFor(*file, errno));
        errno = 0;
        const qint64 written = file->write(data);
        if (written != data.size()) {
            const QString reason = reasonFor(*file, errno);
            file->cancelWriting();
            return fail(QStringLiteral("%1 (%2 of %3 bytes written)").arg(reason).arg(std::max<qint64>(written, 0)).arg(data.size()));
        }
        saves.push_back(std::move(file));
    }
    // Every temporary file is complete: the ones not committed are removed by QSaveFile's destructor.
    for (size_t i = 0; i < saves.size(); ++i) {
        errno = 0;
        if (!saves[i]->commit())
            return Result<void>::failure(QStringLiteral("cannot write %1: %2 (the finished file could not replace it; "
                                                        "%3 of the %4 files were replaced)")
                                             .arg(files[qsizetype(i)].first, reasonFor(*saves[i], errno))
                                             .arg(i)
                                             .arg(saves.size()));
    }
    return Result<void>::success();
}

} // namespace attnlab::model
