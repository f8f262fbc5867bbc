#pragma once

// `attnlab params`: the shape and parameter calculator on the command line (model/teaching/parameter_count.h).

#include <QStringList>

namespace attnlab::app {

// argv after "params" -> exit status: a table on standard output, or --json FILE|- with the full breakdown.
// Bad values (heads not dividing d_model, sizes ≤ 0, overflow) exit 1 with one "error: …" line; unknown
// options or contradicting flags exit 2.
int runParams(const QStringList& arguments);

} // namespace attnlab::app
