#pragma once

// Writing a whole file or nothing: the bytes go to a temporary file beside the target, which replaces it only
// once every byte is on disk (QSaveFile). A full disk, a file-size limit or a folder that cannot be written
// leaves the previous file as it was and no temporary file behind. Sessions, exported figures and the command
// line's output all write this way.

#include "model/core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace attnlab::model {

// path, data -> true, or "cannot write PATH: REASON" (the reason as the system gives it: "No space left on
// device", "File too large", "Permission denied", …).
Result<void> writeFileAtomically(const QString& path, const QByteArray& data);

// Takes one piece of the file; false when it could not be written (the producer should then stop).
using ByteSink = std::function<bool(const char* data, qint64 size)>;

// The same for a file too large to assemble in memory first (a trace's tensors): produce(sink) hands the file's
// totalBytes bytes to sink piece by piece, in order. The file replaces PATH only when every write succeeded and
// exactly totalBytes were written; otherwise the previous file stays and the message says how far it got.
Result<void> writeFileAtomically(const QString& path, qint64 totalBytes,
                                 const std::function<void(const ByteSink& sink)>& produce);

// Several files as one (the numbered frames of a figure): every file is written to its temporary file first,
// and they replace their targets only when all were written; when one fails, no target changes and the
// message names the file. (The renames at the end follow one another: a rename that fails there, after
// others succeeded, is reported but cannot undo them.)
Result<void> writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files);

} // namespace attnlab::model
