#pragma once

// The analyses of an AnalysisRequest, computed on a finished trace and stored in it (Trace::rollout, Trace::flow),
// on the thread that computed the trace (computeTrace).

#include "model/analysis/analysis_request.h"
#include "model/core/result.h"

#include <atomic>

namespace attnlab::model {

struct Trace;

// Adds what `analyses` asks for to trace: its rollout, and the flow of analyses.flowQuery. One that cannot be
// computed (cross-attention, a flow over the work limit, a query out of range) leaves trace's rolloutError or
// flowError saying why, and the rest of the trace stands. Fails only when *cancelled turned true
// (cancelledMessage()), for the run was stopped.
Result<void> addTraceAnalyses(Trace& trace, const AnalysisRequest& analyses, const std::atomic<bool>* cancelled = nullptr);

} // namespace attnlab::model
