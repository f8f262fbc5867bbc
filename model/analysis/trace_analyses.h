#pragma once

// The analyses of a trace (analysis_request.h): which ones a trace carries, and computing those a request asks
// for into the trace, on the thread that computed it (computeTrace calls addAnalyses; the GUI thread never does).

#include "model/analysis/analysis_request.h"
#include "model/core/result.h"

#include <atomic>

namespace attnlab::model {

struct Trace;
struct TraceRequest;

// The analyses trace carries (set fields are computed, whatever they found).
AnalysisRequest analysesOf(const Trace& trace);

// Computes into trace every analysis request.analyses asks for that it does not carry yet. request is the one
// the trace was computed from, with its model loaded (request.checkpoint) when it names a checkpoint, so that a
// second run (the induction probe) does not load it again. Fails only when the run was cancelled
// (cancelledMessage()); an analysis that cannot be made is carried with the reason (HeadRoles::unavailable,
// HeadRoles::inductionNote, Trace::rolloutError, Trace::flowError).
Result<void> addAnalyses(const TraceRequest& request, Trace& trace);

// Why trace lacks an analysis `needed` asks for (Trace::rolloutError, flowError, headEffectsError, lensError),
// or "" when it carries them all: an export fails with it rather than draw a figure without its content.
QString missingAnalysisError(const AnalysisRequest& needed, const Trace& trace);

// The analyses that need only the trace: its rollout, and the flow of analyses.flowQuery. One that cannot be
// computed (cross-attention, a flow over the work limit, a query out of range) leaves trace's rolloutError or
// flowError saying why, and the rest of the trace stands. Fails only when *cancelled turned true
// (cancelledMessage()), for the run was stopped.
Result<void> addTraceAnalyses(Trace& trace, const AnalysisRequest& analyses, const std::atomic<bool>* cancelled = nullptr);

} // namespace attnlab::model
