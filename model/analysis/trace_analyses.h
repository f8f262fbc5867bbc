#pragma once

// The analyses of a trace (analysis_request.h): which ones a trace carries, and computing those a request asks
// for into the trace, on the thread that computed it (computeTrace calls addAnalyses; the GUI thread never does).

#include "model/analysis/analysis_request.h"
#include "model/core/result.h"

namespace attnlab::model {

struct Trace;
struct TraceRequest;

// The analyses trace carries (set fields are computed, whatever they found).
AnalysisRequest analysesOf(const Trace& trace);

// Computes into trace every analysis request.analyses asks for that it does not carry yet. request is the one
// the trace was computed from, with its model loaded (request.checkpoint) when it names a checkpoint, so that a
// second run (the induction probe) does not load it again. Fails only when the run was cancelled
// (cancelledMessage()); an analysis that cannot be made is carried with the reason (HeadRoles::unavailable,
// HeadRoles::inductionNote).
Result<void> addAnalyses(const TraceRequest& request, Trace& trace);

} // namespace attnlab::model
