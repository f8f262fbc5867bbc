#include "model/core/atomic_file.h"

#include <QSaveFile>

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
    const auto fail = [&path](const QString& reason) {
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, reason));
    };
    QSaveFile file(path);
    // Unbuffered, so that a short write (disk full, file-size limit) shows in write()'s count: a buffered
    // QSaveFile flushes at commit() and may take a partial write for success, renaming a truncated file into
    // place.
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) return fail(reasonFor(file, errno));
    errno = 0;
    const qint64 written = file.write(data);
    if (written != data.size()) {
        const QString reason = reasonFor(file, errno);
        file.cancelWriting(); // removes the temporary file
        return fail(QStringLiteral("%1 (%2 of %3 bytes written; the previous file is unchanged)")
                        .arg(reason)
                        .arg(std::max<qint64>(written, 0))
                        .arg(data.size()));
    }
    errno = 0;
    if (!file.commit())
        return fail(
            QStringLiteral("%1 (the finished file could not replace it; the previous file is unchanged)")
                .arg(reasonFor(file, errno)));
    return Result<void>::success();
}

} // namespace attnlab::model
