#pragma once

// How much memory a checkpoint's full Trace takes, counted from a finished trace and estimated from the
// model's shape before computing (so that memory can be prepared, and a run that would not fit refused).

#include "model/checkpoints/model_config.h"
#include "model/trace/trace.h"

#include <QByteArray>
#include <cstdint>

namespace attnlab::model {

// The bytes held by the trace's matrices (q, k, v, scores, scaled, weights, mask, outputs, contributions,
// the residual stream and its norm statistics). Token texts and predictions are small and not counted.
std::int64_t traceBytes(const Trace& trace);

// traceBytes of the Trace a checkpoint of this shape produces for `tokens` tokens. Per layer and head:
// q, k, v, output (T, dh), scores, weights (T, T) and a contribution (T, d); per layer the mask (T, T)
// bytes its heads share, the attention output and five residual matrices (T, d) and two norms' statistics
// (T) × 2. A
// checkpoint's matrices are float32 (4 bytes), the toy model's (source Toy) double (8 bytes), and it also
// stores each head's scaled scores (T, T); the norm statistics are double in both.
std::int64_t estimatedTraceBytes(const ModelConfig& config, std::int64_t tokens,
                                 TraceSource source = TraceSource::Checkpoint);

// estimatedTraceBytes plus the float32 working memory of the forward pass that computes it: the logits
// (T, vocab) and the LM head's packed copy (vocab, d), the stream and its projections (T, d) and (T, d_ff), and the (T, T) scores of the heads that
// run at once. What a run needs on top of the weights.
std::int64_t estimatedRunBytes(const ModelConfig& config, std::int64_t tokens,
                               TraceSource source = TraceSource::Checkpoint);

// The largest token count T ≤ upTo whose estimatedRunBytes fits in budget bytes (0 when not even one does).
int maxTokensWithin(const ModelConfig& config, std::int64_t budget, int upTo,
                    TraceSource source = TraceSource::Checkpoint);

// The largest number of first layers L ≤ config.layers whose run for `tokens` tokens fits in budget bytes (0
// when not even one layer does): what to offer when the whole text must be shown.
int maxLayersWithin(const ModelConfig& config, std::int64_t budget, std::int64_t tokens,
                    TraceSource source = TraceSource::Checkpoint);

// The memory a trace may take on this machine: 3/4 of what the system reports available now (Linux's
// MemAvailable), leaving room for the views and other programs; 0 where that is unknown (no limit).
// ATTNLAB_MEMORY_LIMIT_MB, when set to a positive number, is the budget instead (a smaller machine, a
// shared one, or a test of the limit).
std::int64_t traceMemoryBudget();

// The rule of traceMemoryBudget on given inputs: limitMb is the environment variable's value (empty when unset),
// meminfo the text of /proc/meminfo (empty when unreadable). Pure, so it can be tested without the machine's
// ever-changing free memory.
std::int64_t traceMemoryBudgetFrom(const QByteArray& limitMb, const QByteArray& meminfo);

} // namespace attnlab::model
