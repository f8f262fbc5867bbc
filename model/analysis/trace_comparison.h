#pragma once

// Two traces side by side: two inputs through one model, or one input through two models. The traces are aligned
// on their shorter token list (T = min(T_A, T_B), and likewise the keys), and when both have the same layers and
// heads, the selected layer and head's attention weights are subtracted, A − B. The comparison view and
// `attnlab export/run --compare-text/--compare-model` draw and write what this computes.

#include "model/core/matrix_types.h"
#include "model/core/result.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace attnlab::model {

// How two traces line up: the tokens compared and the positions whose tokens differ.
struct TraceAlignment {
    int tokens = 0;        // T = min(T_A, T_B): the queries compared
    int keys = 0;          // S = min(S_A, S_B): the keys compared (= tokens for self-attention)
    int tokensA = 0;       // T_A
    int tokensB = 0;       // T_B
    // "A has 13 tokens and B 12: compared on the first 12", or empty when both have as many tokens (and keys).
    QString warning;
    std::vector<int> differing; // 0-based positions t < tokens where A's token text is not B's, ascending
};

// a, b -> how they line up.
TraceAlignment alignTraces(const Trace& a, const Trace& b);

// "2 layers × 4 heads": the shape a difference needs to match (a model whose layers have different head counts
// lists them: "2 layers (4, 2 heads)").
QString traceShapeText(const Trace& trace);

// Success when a and b have as many layers, each with as many heads; else a message naming both shapes:
// "A has 2 layers × 4 heads and B 4 layers × 4 heads: A − B needs the same layers and heads (side by side only)".
Result<void> checkSameShape(const Trace& a, const Trace& b);

struct TraceComparison {
    TraceAlignment alignment;
    // (T, S) of the aligned block: A's selected weights minus B's (selectedWeights: one head, or the mean or
    // maximum of the visible heads, each trace aggregated first), in [−1, 1].
    Matrix difference;
    // (T, S): where A or B lets the query attend the key (the selected layer's first visible head's mask).
    BoolMatrix allowed;
    double largest = 0.0; // max |difference| over the allowed cells: the diverging scale's symmetric limit
};

// a, b, one selection for both (clamped to each trace) -> the comparison of the selected layer and head. Fails
// with checkSameShape's message when the shapes differ, and when either trace has no layers.
Result<TraceComparison> compareTraces(const Trace& a, const Trace& b, const TraceSelection& selection);

// The differing tokens as a reader sees them: "12: tired → wide" for each position (1-based), joined by ", ";
// empty when none differ.
QString differingTokensText(const Trace& a, const Trace& b, const TraceAlignment& alignment);

} // namespace attnlab::model
