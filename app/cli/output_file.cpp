#include "app/cli/output_file.h"

#include "model/core/atomic_file.h"

#include <cstdio>

namespace attnlab::app {

model::Result<bool> writeOutput(const QString& path, const QByteArray& data)
{
    if (path == QLatin1String("-")) {
        if (std::fwrite(data.constData(), 1, size_t(data.size()), stdout) != size_t(data.size()) || std::fflush(stdout) != 0)
            return model::Result<bool>::failure(QStringLiteral("cannot write to standard output"));
        return true;
    }
    return model::writeFileAtomically(path, data);
}

} // namespace attnlab::app
