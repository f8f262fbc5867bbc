#pragma once

// What each sublayer writes into one token's residual stream, as a class reads it: the length of the update
// ‖Δ‖ and the cosine between Δ and the stream it joins. Norms of updates do not add up (two updates of
// length 1 can make the stream longer by anything from 0 to 2), so the residual view shows each update's
// length beside its direction relative to the stream instead of stacking them.
//
// Δ is what the trace records as added to the stream: the attention sublayer's output (every head, the output
// bias, and in Gemma 3 the norm applied to the attention output before it is added, so not the sum of the
// heads' contributions there) and the MLP's output (Gemma 3: after its norm). Post-norm blocks (the toy
// model's "post", BERT) normalise the sum after each addition: then the stream after a sublayer is not the
// stream before plus Δ, and addedAsIs says so.

#include "model/core/matrix_types.h"
#include "model/trace/trace.h"

#include <vector>

namespace attnlab::model {

struct ResidualStep {
    double before = 0.0; // ‖x‖, the stream the update joins
    double delta = 0.0;  // ‖Δ‖, the update's length
    double cosine = 0.0; // cos(Δ, x) = Δ·x / (‖Δ‖ ‖x‖), in [−1, 1]; 0 when either is the zero vector
    double after = 0.0;  // ‖stream after the sublayer‖
    // The stream after is x + Δ (within rounding of the precision the trace was computed in): the update joins
    // the stream as it is. False when a norm follows the addition (post-norm).
    bool addedAsIs = true;
};

// x (the stream before), delta (what the sublayer adds), after (the stream after the sublayer), as rows of
// equal length -> the step. after is compared with x + Δ to a relative tolerance of 1e-4 (float32 traces).
ResidualStep residualStep(const RowVector& before, const RowVector& delta, const RowVector& after);

struct LayerResidualSteps {
    ResidualStep attention; // x -> x + attention output
    ResidualStep mlp;       // x after attention -> + MLP output
};

// One layer per entry for token `query` of a trace whose layers all have a residual stream (LayerTrace::
// hasResidual); empty otherwise or when query is out of range.
std::vector<LayerResidualSteps> residualSteps(const Trace& trace, int query);

} // namespace attnlab::model
