#pragma once

// The logit lens (nostalgebraist 2020): what the residual stream would predict if the model stopped after a layer,
// read with the model's own final norm and unembedding (LanguageModel::lensPredictions), at every layer and
// position. The last layer's row is the model's predictions.

#include "model/core/cancellation.h"
#include "model/core/result.h"
#include "model/trace/trace.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace attnlab::model {

class LanguageModel;
class Tokenizer;

struct LogitLens {
    // layers[l − 1][t]: the top predictions of the stream after layer l at position t (the top 5 as
    // Prediction::top, with texts when a tokenizer is known).
    std::vector<std::vector<Prediction>> layers;
};

// The most multiply-adds the lens may take (T · L · V · d): GPT-2 small's 12 layers × 50257 tokens of 768 at 256
// tokens, about 3 s on two cores.
inline constexpr double kLogitLensWorkLimit = 1.2e11;

// trace: the model's trace of every layer -> the lens; tokenizer, when given, names the predicted tokens. Fails
// for an encoder without an LM head, a trace of fewer layers than the model has, more work than the limit (the
// message says how many tokens fit), or when *cancelled turns true (cancelledMessage()).
Result<LogitLens> logitLens(const LanguageModel& model, const Trace& trace, const Tokenizer* tokenizer = nullptr,
                            const std::atomic<bool>* cancelled = nullptr);

} // namespace attnlab::model
