#pragma once

// What the user asked to compute, from the command line or the workspace (buildRequest): one of a matrices
// file, a sentence for a model, or a lesson; plus mask, scaling and the toy model's configuration.

#include "model/analysis/analysis_request.h"
#include "model/core/cancellation.h"
#include "model/pipeline/loaded_model.h"
#include "model/exact/matrix_problem.h"
#include "model/attention/toy_model.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

namespace attnlab::model {

struct TraceRequest {
    QString matricesFile;             // --matrices FILE.json
    std::optional<model::MatrixProblem> problem; // matrices typed in the app (takes precedence)
    QString lesson;                   // --lesson ID: the input came from this lesson (already in problem or text)
    QString text;                     // --text "…"
    QString memory;                   // --memory "…"
    QString modelName = toyModelName(); // --model: "toy", a Hugging Face model folder or a llama2.c .bin
    QString tokenizerPath;            // --tokenizer: defaults to the model folder
    LoadedModel checkpoint;           // the model already loaded (the app); else modelName is loaded here
    std::optional<model::MaskSpec> mask;       // --mask, overrides the file's
    std::optional<model::Scaling> scaling;     // --scaling
    model::ToyConfig toy;
    int maxTokens = 0;                // run only the first maxTokens tokens of the text (0: all of them)
    int maxLayers = 0;                // run only the first maxLayers layers of the model (0: all of them)
    // --ablate, --ablate-mlp, --ablation: heads and MLPs switched off (ablation.h). A checkpoint's trace then also
    // says what that did to each position's prediction (Trace::ablationEffects), from a second run without it.
    model::Ablation ablation;
    // The analyses the trace carries besides the forward pass (the views shown, --head-scores, --rollout and --flow
    // ask for them),
    // computed by computeTrace after it (model/analysis/trace_analyses.h).
    AnalysisRequest analyses;
    // Set from another thread to stop a checkpoint's run after its current layer (the app's Stop button).
    std::shared_ptr<const std::atomic<bool>> cancelled;
    // Written by a checkpoint's run as it goes through its layers, read by another thread (the status bar).
    std::shared_ptr<RunProgress> progress;
};

// Why a text cannot run in full: it has `tokens` tokens and at most `limit` can run, because of the model's
// context or of the memory its trace would take. limit is 0 when not even one token fits. When memory is the
// limit, every token may still fit through the first `layers` of the model's `totalLayers` layers (layers is
// 0 when that is not so, or not a way out).
struct TokenLimit {
    int tokens = 0;
    int limit = 0;
    int layers = 0;
    int totalLayers = 0;
};

// request -> trace, or one message naming what is wrong ("matrices.json: K has 2 columns but Q has 3").
// When the text has more tokens than can run (and maxTokens does not cut it short enough), the message says
// so and *exceeded, when given, receives the numbers, so that the caller can offer to run the first `limit`.
// A trace of the first maxTokens tokens warns that it is not the whole text. The analyses asked for
// (request.analyses) are computed into the trace; a checkpoint is loaded once for the trace and them.
model::Result<model::Trace> computeTrace(const TraceRequest& request, TokenLimit* exceeded = nullptr);

// The induction probe of the request's model (Olsson et al. 2022): repeatedRandomTokens of the model's
// vocabulary, kInductionProbeHalf (or, for a short context, context / 2) distinct random token ids and then the
// same ids again, drawn from SeededRandom(seed, kInductionProbeStream), so the same seed gives the same probe,
// run through the same layers as computeTrace would (maxLayers) -> its trace, whose token ids are the probe.
// The ids are any of the vocabulary's (special tokens too), as TransformerLens draws them; the toy model
// shows them as "#id". Typed matrices (problem or matricesFile) have no model: a failure says so.
constexpr int kInductionProbeHalf = 16;
constexpr std::uint64_t kInductionProbeStream = 0x696e64756374ull; // "induct"
model::Result<model::Trace> computeInductionProbe(const TraceRequest& request, std::uint64_t seed = 0);

} // namespace attnlab::model
