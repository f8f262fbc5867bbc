#pragma once

// The Trace: every intermediate of one attention computation, the value that flows from the model layer
// to the widgets and to the JSON writer. T = query tokens, S = key tokens (S = T for self-attention),
// d = d_model, d_k / d_v = per-head widths.

#include "model/attention/ablation.h"
#include "model/attention/mask.h"
#include "model/core/matrix_types.h"
#include "model/trace/patching_inputs.h"
#include "model/trace/trace_matrix.h"
#include "model/attention/scaling.h"
#include "model/attention/exp_overrides.h"
#include "model/kernels/norms.h"
#include "model/kernels/rope.h"
#include "model/tokenizers/unknown_character.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace attnlab::model {

struct HeadRoles; // model/trace/head_scores.h
struct AttentionRollout; // model/analysis/attention_rollout.h
struct AttentionFlow;    // model/analysis/attention_flow.h
struct LogitLens;        // model/analysis/logit_lens.h
struct HeadEffects;      // model/analysis/ablation_effects.h
struct ActivationPatching; // model/analysis/activation_patching.h

struct HeadTrace {
    // Double in matrix mode and the toy model, float32 in a checkpoint's trace (trace_matrix.h).
    TraceMatrix q;            // (T, d_k)  after RoPE when RoPE is on
    TraceMatrix k;            // (S, d_k)
    TraceMatrix v;            // (S, d_v)
    TraceMatrix scores;       // (T, S)    QKᵀ; empty in a checkpoint's trace, where it is q · kᵀ (read it with
                              //           headScores)
    TraceMatrix scaled;       // (T, S)    QKᵀ · scale (+ ALiBi bias), before the mask; empty in a checkpoint's
                              //           trace, where it is scores · scale (read it with scaledScores)
    TraceMask allowed;        // (T, S)    true where the query may attend the key; shared by a layer's heads
    TraceMatrix weights;      // (T, S)    masked softmax; rows sum to 1, or are all zero when fully masked
    TraceMatrix output;       // (T, d_v)  weights · V
    TraceMatrix contribution; // (T, d)    output · W_O^h: this head's share of the attention output; empty in a
                              //           checkpoint's trace (read it with headContribution)
};

// The residual stream of one layer, per token.
struct ResidualTrace {
    TraceMatrix input;           // (T, d) the stream entering the layer
    TraceMatrix attentionOutput; // (T, d) what attention adds (Σ_h head contributions + output bias)
    TraceMatrix afterAttention;  // (T, d) the stream after the attention sublayer (post-norm: after its LayerNorm)
    TraceMatrix mlpOutput;       // (T, d) what the feed-forward sublayer adds
    TraceMatrix output;          // (T, d) the stream leaving the layer
    NormStats norm1;             // LayerNorm before attention (pre-norm) or after it (post-norm)
    NormStats norm2;             // LayerNorm before the MLP (pre-norm) or after it (post-norm)
};

struct LayerTrace {
    std::vector<HeadTrace> heads;
    TraceMatrix attentionOutput; // (T, d_out) Concat(head outputs) · W_O (or the single head's output)
    // (heads·d_v, d_out): W_O as (in, out), kept when the heads do not store their contributions (a checkpoint's
    // trace: 12 heads' contributions at 1024 tokens are 150 MB a layer, W_O of GPT-2 small 2.4 MB).
    TraceMatrix outputProjection;
    bool hasResidual = false;
    ResidualTrace residual;
};

struct Prediction {
    int position = 0;
    std::vector<std::pair<int, double>> top; // (token id, probability), most probable first
    QStringList texts;                       // the tokens of top as a reader sees them, when a tokenizer is known
};

// What switching parts off did to the prediction at one position: the log-probabilities (natural log) of the
// token predicted without the ablation (original) and of the one predicted with it (top), before and after.
// Both are the same token when the prediction did not change.
struct AblationEffect {
    int position = 0;
    int originalId = 0;
    double originalBefore = 0.0; // log p(original) without the ablation
    double originalAfter = 0.0;  // log p(original) with it
    int topId = 0;
    double topBefore = 0.0;
    double topAfter = 0.0;
    QString originalText, topText; // the tokens as a reader sees them, when a tokenizer is known
};

// What a checkpoint's trace derives when it is read instead of storing it (trace.cpp). Each of these is as large
// as the attention weights or larger, and is a product of what the trace keeps: storing them made a GPT-2-small
// trace of 1024 tokens 1.9 GiB instead of 0.9 GiB.

// A head's raw scores QKᵀ: (T, S), stored, or q · kᵀ of the stored q and k (after RoPE and q/k norms) in the
// precision they are stored in.
TraceMatrix headScores(const HeadTrace& head);
// One entry of headScores without building the matrix: (query, key) must be in range.
double headScore(const HeadTrace& head, Eigen::Index query, Eigen::Index key);

// A head's scores after scaling, before the mask: (T, S), stored (the toy model adds ALiBi's bias) or
// headScores · scale. In double, as the views and the JSON read every entry.
Matrix scaledScores(const HeadTrace& head, double scale);
// One entry of scaledScores: (query, key) must be in range.
double scaledScore(const HeadTrace& head, double scale, Eigen::Index query, Eigen::Index key);

// Head h's share of the layer's attention output, output_h · W_O^h: (T, d_out), stored or derived from
// layer.outputProjection's rows h·d_v … (h+1)·d_v − 1. Empty when neither is kept.
TraceMatrix headContribution(const LayerTrace& layer, int head);
// (d_out): row `query` of headContribution, without building the matrix.
RowVector headContributionRow(const LayerTrace& layer, int head, Eigen::Index query);

// How a checkpoint with rotary positions turned its queries and keys: the first `dims` features of each head,
// in pairs of frequency θ_i = ropeFrequency(i, dims, base, scaling) (rope.h). gemma3's sliding layers use
// localBase, unscaled. dims = 0: no RoPE (learned or no positions, matrix mode, the toy model).
struct RopeSpec {
    int dims = 0;
    double base = 0.0;
    RopeScaling scaling;
    double localBase = 0.0;

    bool operator==(const RopeSpec&) const = default;
};

// Where a trace came from: typed matrices, the toy model (random, untrained weights) or a trained checkpoint.
enum class TraceSource { Matrices, Toy, Checkpoint };

struct Trace {
    QString modelName;          // the title the views and the JSON give it: "matrices", "toy", a checkpoint's name
    // Matrices and the toy model set theirs; a checkpoint's trace (startTrace, model/kernels) keeps the default.
    TraceSource source = TraceSource::Checkpoint;
    bool trained = false;       // false for matrices and the toy model's random weights
    bool exact = false;         // matrix mode: values are shown as fractions where they are
    QStringList tokens;         // (T) query tokens
    QStringList memoryTokens;   // (S) key/value tokens for cross-attention; empty for self-attention
    std::vector<int> tokenIds;  // (T)
    std::vector<int> positions; // (T)
    double scale = 1.0;         // the factor applied to QKᵀ
    Scaling scaling;
    MaskSpec mask;
    RopeSpec rope;              // the checkpoint's RoPE, for the positional view
    bool queryKeyNorm = false;  // qwen3, gemma3: each head's q and k were RMS-normed before RoPE
    // Grouped-query attention: the key/value heads the query heads share, heads / kvHeads consecutive query heads
    // each (their k and v are the same); 0 when every head has its own.
    int kvHeads = 0;
    ExpOverrides expOverrides;
    std::vector<LayerTrace> layers;
    TraceMatrix embeddings;     // (T, d) token embedding + additive positional encoding, when a model ran
    TraceMatrix output;         // (T, d_out) final output: attention output (matrix mode) or the last stream
    std::vector<Prediction> predictions;
    // The heads and MLPs that were switched off for this trace (ablation.h); empty for the model as trained.
    Ablation ablation;
    // With an ablation, what it did to each position's prediction (computeTrace; empty when the trace has no
    // predictions): the token the model predicted without the ablation and the one it predicts with it.
    std::vector<AblationEffect> ablationEffects;
    // Decoders predict the token after each position; BERT's MLM head guesses the token at the position.
    bool predictsNextToken = true;
    QStringList warnings;       // fully masked rows, "untrained weights", unknown characters, …
    // The characters of the text the tokenizer had no token for (UnknownCharacter::token indexes tokens; it is
    // tokens.size() for one dropped at the end), for the token strip to mark; named in warnings too.
    std::vector<UnknownCharacter> unknownCharacters;
    // Analyses asked for with the request (TraceRequest::analyses), computed on the worker with the trace and
    // shared read-only, as the trace itself; null when not asked for.
    std::shared_ptr<const HeadRoles> headRoles; // analyses.headRoles: every head's scores, induction on the probe
    // The analyses the request asked for (TraceRequest::analyses, model/analysis/analysis_request.h), computed
    // with the trace on the worker thread. Null when not asked for or impossible; then the error says why, when
    // it was asked for (cross-attention, a flow too large to compute, a query out of range).
    std::shared_ptr<const AttentionRollout> rollout; // attention rollout, one (T, T) matrix per layer
    QString rolloutError;
    std::shared_ptr<const AttentionFlow> flow;       // attention flow of one query (AttentionFlow::query)
    QString flowError;
    std::shared_ptr<const LogitLens> lens; // the logit lens (a checkpoint with an LM head), or lensError says why not
    QString lensError;
    // Activation patching with this trace as the clean run (attnlab patch, the patching view), or patchingError
    // says why not; patchingInputs: what was asked (empty: nothing).
    std::shared_ptr<const ActivationPatching> patching;
    QString patchingError;
    PatchingInputs patchingInputs;
    // Each head's effect on the prediction at headEffectsQuery (analyses.effectsQuery), or the error says why not.
    std::shared_ptr<const HeadEffects> headEffects;
    QString headEffectsError;
    int headEffectsQuery = -1;
    int flowQuery = -1; // the query the flow was asked for, computed or refused (flowError); −1: none asked

    const QStringList& keyTokens() const { return memoryTokens.isEmpty() ? tokens : memoryTokens; }
};

} // namespace attnlab::model
