#include "model/analysis/trace_analyses.h"

#include "model/core/cancellation.h"
#include "model/pipeline/trace_request.h"
#include "model/trace/head_scores.h"
#include "model/trace/trace.h"

#include <memory>

namespace attnlab::model {

namespace {

// Head roles: the trace's own pattern scores, and induction on the probe run through the same model and layers.
Result<void> addHeadRoles(const TraceRequest& request, Trace& trace)
{
    if (!trace.memoryTokens.isEmpty()) {
        auto roles = std::make_shared<HeadRoles>();
        roles->unavailable = QStringLiteral("head roles score self-attention heads; this trace is cross-attention "
                                            "(a memory text)");
        trace.headRoles = std::move(roles);
        return Result<void>::success();
    }
    if (trace.source == TraceSource::Matrices) {
        trace.headRoles = std::make_shared<const HeadRoles>(headRolesOf(
            trace, nullptr,
            QStringLiteral("typed matrices have no model to run the induction probe (random tokens repeated) on")));
        return Result<void>::success();
    }
    const auto probe = computeInductionProbe(request);
    if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
    trace.headRoles = std::make_shared<const HeadRoles>(
        probe ? headRolesOf(trace, &*probe) : headRolesOf(trace, nullptr, QStringLiteral("induction probe: ") + probe.error()));
    return Result<void>::success();
}

} // namespace

AnalysisRequest analysesOf(const Trace& trace)
{
    AnalysisRequest carried;
    carried.headRoles = trace.headRoles != nullptr;
    return carried;
}

Result<void> addAnalyses(const TraceRequest& request, Trace& trace)
{
    if (request.analyses.headRoles && !trace.headRoles)
        if (auto added = addHeadRoles(request, trace); !added) return added;
    return Result<void>::success();
}

} // namespace attnlab::model
