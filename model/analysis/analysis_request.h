#pragma once

// The analyses a view needs beside the trace, computed with it on the worker thread (computeTrace) and carried by
// the Trace, so that the GUI thread only draws them. A request asks for them in TraceRequest::analyses.

namespace attnlab::model {

struct AnalysisRequest {
    // Attention rollout (attention_rollout.h): one (T, T) matrix per layer, Trace::rollout.
    bool rollout = false;
    // Attention flow (attention_flow.h) from this 0-based query token through every layer, Trace::flow; −1: none.
    int flowQuery = -1;

    bool operator==(const AnalysisRequest&) const = default;
};

} // namespace attnlab::model
