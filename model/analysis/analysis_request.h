#pragma once

// The analyses a trace carries besides the forward pass: computed with it on the worker (computeTrace), asked for
// by the views that show them (TraceView::analysesNeeded) and by the command line, and carried by the Trace, so
// that the GUI thread only draws them. A new analysis adds its field here and a line to includesAnalyses and
// unitedAnalyses below.

#include "model/trace/patching_inputs.h"

namespace attnlab::model {

struct AnalysisRequest {
    // Attention rollout (attention_rollout.h): one (T, T) matrix per layer, Trace::rollout.
    bool rollout = false;
    // Attention flow (attention_flow.h) from this 0-based query token through every layer, Trace::flow; −1: none.
    int flowQuery = -1;
    bool headRoles = false; // Trace::headRoles: every head's pattern scores and its induction score on the probe
    // Trace::headEffects: each head switched off in turn, its effect on the prediction at this 0-based token; −1: none.
    int effectsQuery = -1;
    bool lens = false;      // Trace::lens: the logit lens, every layer's stream read as the output (logit_lens.h)
    // Trace::patching: activation patching with the trace as the clean run and these inputs; empty: none.
    PatchingInputs patching;

    bool operator==(const AnalysisRequest&) const = default;

    // Rollout and flow alone.
    static AnalysisRequest rolloutAndFlow(bool rollout, int flowQuery)
    {
        AnalysisRequest request;
        request.rollout = rollout;
        request.flowQuery = flowQuery;
        return request;
    }
};

// Every analysis `needed` asks for is in `have`.
inline bool includesAnalyses(const AnalysisRequest& have, const AnalysisRequest& needed)
{
    return (have.headRoles || !needed.headRoles) && (have.rollout || !needed.rollout) && (have.lens || !needed.lens) &&
           (needed.flowQuery < 0 || have.flowQuery == needed.flowQuery) &&
           (needed.effectsQuery < 0 || have.effectsQuery == needed.effectsQuery) &&
           (needed.patching.empty() || have.patching == needed.patching);
}

// The analyses either asks for; of two flows, b's query.
inline AnalysisRequest unitedAnalyses(const AnalysisRequest& a, const AnalysisRequest& b)
{
    AnalysisRequest both;
    both.headRoles = a.headRoles || b.headRoles;
    both.rollout = a.rollout || b.rollout;
    both.lens = a.lens || b.lens;
    both.flowQuery = b.flowQuery >= 0 ? b.flowQuery : a.flowQuery;
    both.effectsQuery = b.effectsQuery >= 0 ? b.effectsQuery : a.effectsQuery;
    both.patching = b.patching.empty() ? a.patching : b.patching;
    return both;
}

} // namespace attnlab::model
