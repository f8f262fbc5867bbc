#pragma once

// --compare-text "…" and --compare-model DIR of `attnlab run` and `attnlab export`: a second trace B, of another
// text through the same model, of the same text through another model, or both, compared with the trace A of
// INPUT (model/analysis/trace_comparison.h): `run --json` adds "comparison", `export` draws A | B (| A − B).

#include "model/analysis/trace_comparison.h"
#include "model/core/result.h"
#include "model/pipeline/trace_request.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace attnlab::app {

// Declares --compare-text and --compare-model on the parser.
void addComparisonOptions(QCommandLineParser& parser);

// Whether either is given.
bool comparing(const QCommandLineParser& parser);

// "--compare-text: " or, without it, "--compare-model: ": what B's errors start with.
QString comparisonPrefix(const QCommandLineParser& parser);

// A's request -> B's: the other text and/or model, everything else (mask, scaling, toy model, ablation, analyses)
// the same. Refuses typed matrices (they have no text), naming the option.
model::Result<model::TraceRequest> comparisonRequest(const QCommandLineParser& parser, const model::TraceRequest& a);

// B's trace through computeTrace; a failure carries comparisonPrefix. A loaded model A is shared when B runs the
// same model; another model is loaded when A's was (the views that rerun the model).
model::Result<model::Trace> computeComparisonTrace(const QCommandLineParser& parser, const model::TraceRequest& a);

// A's selection checked against B (the layer and head must exist in B; the query is dropped where B is shorter)
// -> the selection for B, or a message naming B's range.
model::Result<model::TraceSelection> comparisonSelection(const QCommandLineParser& parser,
                                                         const model::TraceSelection& selection, const model::Trace& b);

// What each panel is: the text (A's, B's), or when only the model differs the model's name.
QString comparisonLabel(const QCommandLineParser& parser, const model::Trace& trace, const model::TraceRequest& request);

// run --json's "comparison": {"tokens": T, "length_a", "length_b", "warning" (only when the lengths differ),
// "model_b", "b_tokens", "differing": [0-based positions], "largest": max |A − B|, "difference": (T, S) A − B}.
QJsonObject comparisonJson(const model::TraceComparison& comparison, const model::Trace& b);

} // namespace attnlab::app
