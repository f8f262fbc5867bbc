#pragma once

// The analyses a trace carries besides the forward pass: computed with it on the worker (computeTrace), asked for
// by the views that show them (TraceView::analysesNeeded) and by the command line. Each is a flag; a new
// analysis adds its flag here and a line to includesAnalyses and unitedAnalyses below.

namespace attnlab::model {

struct AnalysisRequest {
    bool headRoles = false; // Trace::headRoles: every head's pattern scores and its induction score on the probe

    bool operator==(const AnalysisRequest&) const = default;
};

// Every analysis `needed` asks for is in `have`.
constexpr bool includesAnalyses(const AnalysisRequest& have, const AnalysisRequest& needed)
{
    return have.headRoles || !needed.headRoles;
}

// The analyses either asks for.
constexpr AnalysisRequest unitedAnalyses(const AnalysisRequest& a, const AnalysisRequest& b)
{
    AnalysisRequest both;
    both.headRoles = a.headRoles || b.headRoles;
    return both;
}

} // namespace attnlab::model
