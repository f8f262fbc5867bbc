#pragma once

// A session file on the command line: `--session FILE` as an INPUT of `run` and `export` (its input and settings,
// and its view, layer, head, query and look as defaults that explicit options override), and
// `attnlab --session FILE` / `attnlab FILE.attnlab` to start the application with it.

#include "model/pipeline/trace_request.h"

#include <QStringList>

namespace attnlab::app {

// The session's workspace -> a request, exactly as the application computes it; an invalid matrix cell or a
// bad exp override fails with "<file>: Q: row 1, column 2: …". Warnings (a model that no longer exists, so
// the toy model is used) are appended to *warnings.
model::Result<model::TraceRequest> requestFromSession(const QString& path, QStringList* warnings);

// The arguments of `run` or `export` with `--session FILE`, plus those of `accepted` (view, layer, head, query,
// exact, theme, presentation, colormap; option names without "--") that the session sets and the arguments do
// not. Arguments without --session, or with an unreadable session, come back unchanged (the input reader
// reports the problem).
QStringList withSessionDefaults(const QStringList& arguments, const QStringList& accepted);

// `--session FILE`, `--session=FILE` or a lone `FILE.attnlab` -> FILE; otherwise a null string.
QString sessionToOpen(const QStringList& arguments);

} // namespace attnlab::app
