#pragma once

// Writing results without ever leaving a half-written file: "-" is standard output; anything else goes to
// a temporary file beside the target that is renamed over it only when complete (QSaveFile).

#include "model/core/result.h"

#include <QByteArray>
#include <QString>

namespace attnlab::app {

model::Result<void> writeOutput(const QString& path, const QByteArray& data);

} // namespace attnlab::app
