#include "app/cli/output_file.h"

#include "model/core/atomic_file.h"

#include <cstdio>

namespace attnlab::app {

model::Result<void> writeOutput(const QString& path, const QByteArray& data)
{
    if (path == QLatin1String("-")) {
        if (std::fwrite(data.constData(), 1, size_t(data.size()), stdout) != size_t(data.size()) || std::fflush(stdout) != 0)
            return model::Result<void>::failure(QStringLiteral("cannot write to standard output"));
        return model::Result<void>::success();
    }
    return model::writeFileAtomically(path, data);
}

} // namespace attnlab::app
