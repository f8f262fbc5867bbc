#pragma once

// `attnlab download NAME [--dir CACHE_DIR] [--endpoint URL] [--revision REV]`: fetches a model into the
// Hugging Face cache (model_download.h), reports each file's progress on standard error in steps of 10 %,
// and prints the snapshot folder on standard output. Ctrl+C stops it and keeps the partial file, so the same
// command resumes it.

#include <QStringList>

namespace attnlab::app {

// argv after "download" -> exit status (0, 1 with one "error: …" line, 2 for bad usage). Needs a
// QCoreApplication; runs its event loop until the download ends.
int runDownload(const QStringList& arguments);

} // namespace attnlab::app
