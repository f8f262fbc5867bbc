#pragma once

// The Trace as JSON: the contract of docs/ARCHITECTURE.md, "Trace JSON".

#include "model/trace/trace.h"

#include <QJsonObject>

namespace attnlab::model {

// trace -> { tokens, token_ids, positions, scale, mask, layers: [{heads: [{q,k,v,scores,scaled,mask,weights,
// output}], attention_output, residual}], output, display, predictions, warnings, model, trained }.
// `display` holds exact strings (matrix mode) or decimals for the first head's weights, scores, scaled
// scores and the output.
QJsonObject traceToJson(const Trace& trace);

} // namespace attnlab::model
