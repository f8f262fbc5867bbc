#pragma once

// Writing a whole file or nothing: the bytes go to a temporary file beside the target, which replaces it only
// once every byte is on disk (QSaveFile). A full disk, a file-size limit or a folder that cannot be written
// leaves the previous file as it was and no temporary file behind. Sessions, exported figures and the command
// line's output all write this way.

#include "model/core/result.h"

#include <QByteArray>
#include <QString>

namespace attnlab::model {

// path, data -> true, or "cannot write PATH: REASON" (the reason as the system gives it: "No space left on
// device", "File too large", "Permission denied", …).
Result<void> writeFileAtomically(const QString& path, const QByteArray& data);

} // namespace attnlab::model
