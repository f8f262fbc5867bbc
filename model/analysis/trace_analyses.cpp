#include "model/analysis/trace_analyses.h"

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/core/cancellation.h"
#include "model/trace/trace.h"

namespace attnlab::model {

Result<void> addTraceAnalyses(Trace& trace, const AnalysisRequest& analyses, const std::atomic<bool>* cancelled)
{
    if (analyses.rollout) {
        auto rollout = attentionRollout(trace);
        if (rollout)
            trace.rollout = std::make_shared<const AttentionRollout>(std::move(rollout).value());
        else
            trace.rolloutError = rollout.error();
    }
    if (analyses.flowQuery >= 0) {
        auto flow = attentionFlow(trace, analyses.flowQuery, cancelled);
        if (cancelRequested(cancelled)) return Result<void>::failure(cancelledMessage());
        if (flow)
            trace.flow = std::make_shared<const AttentionFlow>(std::move(flow).value());
        else
            trace.flowError = flow.error();
    }
    return Result<void>::success();
}

} // namespace attnlab::model
