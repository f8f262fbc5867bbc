#pragma once

// Which part of a trace a view shows: a layer, one head or an aggregate of the heads, a query token.
// The aggregation lives here, not in the widgets: widgets only draw what they are given.

#include "model/trace/trace.h"

#include <QSet>

namespace attnlab::model {

enum HeadChoice : int {
    AllHeads = -1,     // views that draw heads side by side (head view, arcs) show each visible head
    AverageHeads = -2, // the mean of the visible heads' weights
    MaxHeads = -3,     // the element-wise maximum over the visible heads
};

struct TraceSelection {
    int layer = 0;        // 0-based
    int head = 0;         // 0-based, or a HeadChoice
    int query = -1;       // 0-based query token, −1 = none selected
    QSet<int> hiddenHeads; // heads switched off by the user
};

// The selection clamped to what the trace has (layer and head in range, query < T).
TraceSelection clampSelection(const TraceSelection& selection, const Trace& trace);

// trace, selection -> weights (T, S) of the selected head, or the mean / max over the visible heads
// (all heads when every head is hidden). Empty when the trace has no layers.
Matrix selectedWeights(const Trace& trace, const TraceSelection& selection);

// The visible heads of the selected layer, ascending; all heads when every head is hidden (an average of
// nothing would be no picture at all).
std::vector<int> visibleHeads(const Trace& trace, const TraceSelection& selection);

// The heads that views drawing heads side by side (head view, arcs) show: the selected head, or every head
// not hidden — none when all are hidden, so that a switched-off swatch never has lines.
std::vector<int> drawnHeads(const Trace& trace, const TraceSelection& selection);

} // namespace attnlab::model
