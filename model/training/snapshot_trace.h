#pragma once

// A training snapshot as a Trace, so that the Train window draws the probe's attention with the views every
// model uses (the model grid, the heatmap): the tokens, each head's weights under the causal mask, and the
// model's top predictions. The snapshot keeps no q, k or v, so the views that need them are not offered for it;
// the whole model opens in the workspace for those.

#include "model/trace/trace.h"
#include "model/training/training_run.h"

namespace attnlab::model {

// snapshot, the task's vocabulary (token strings by id), a title ("sort · step 300") -> the trace.
Trace snapshotTrace(const AttentionSnapshot& snapshot, const QStringList& vocabulary, const QString& title);

} // namespace attnlab::model
