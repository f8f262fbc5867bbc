#pragma once

// The Trace as JSON: the contract of docs/ARCHITECTURE.md, "Trace JSON".

#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QJsonObject>

namespace attnlab::model {

// The whole trace (`attnlab run --json FILE --all`): { model, trained, exact, layer_count, head_count, tokens,
// token_ids, positions, scale, scaling, mask, layers: [{layer, heads: [{head, q, k, v, scores, scaled, mask,
// weights, output, contribution}], attention_output, residual}], embeddings, output, display, predictions,
// warnings }. Layer and head numbers are 1-based, as on the command line. `display` holds exact strings (matrix
// mode) or decimals for layer 1's heads and the output.
QJsonObject traceToJson(const Trace& trace);

// One layer's selected head (`attnlab run --json FILE`), with the keys of the whole trace for what it keeps: the
// top-level ones with `layer` and `head` (1-based; head is "all", "average" or "max" for those choices), `layers`
// holding only the selected layer with only the selected head (every head of it for all, average and max, and
// then the layer's combined `weights`) without its (T, d) `contribution`, and `display` of those heads. `output`
// only in matrix mode, where it is the attention output. No residual stream, embeddings or other layers: at 256
// tokens of GPT-2 small they are 99.9% of the whole. The selection is clamped to the trace.
QJsonObject traceToJson(const Trace& trace, const TraceSelection& selection);

// JSON text as `run --json` writes it: indented by four spaces like QJsonDocument::Indented, but an array of
// numbers or strings (a matrix row, the tokens) on one line. Indented, a 256 × 256 map put each number on a line
// of its own behind 28 spaces, more than half of the file.
QByteArray jsonText(const QJsonObject& json);

} // namespace attnlab::model
