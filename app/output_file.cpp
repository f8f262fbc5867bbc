#include "output_file.h"

#include <QSaveFile>

#include <cstdio>

namespace attnlab::app {

model::Result<bool> writeOutput(const QString& path, const QByteArray& data)
{
    if (path == QLatin1String("-")) {
        if (std::fwrite(data.constData(), 1, size_t(data.size()), stdout) != size_t(data.size()) || std::fflush(stdout) != 0)
            return model::Result<bool>::failure(QStringLiteral("cannot write to standard output"));
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return model::Result<bool>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(data) != data.size() || !file.commit())
        return model::Result<bool>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace attnlab::app
