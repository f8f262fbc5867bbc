#include "model/analysis/trace_analyses.h"

#include "model/analysis/ablation_effects.h"
#include "model/analysis/activation_patching.h"
#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/analysis/logit_lens.h"
#include "model/core/cancellation.h"
#include "model/pipeline/trace_request.h"
#include "model/trace/head_scores.h"
#include "model/tokenizers/single_token.h"
#include "model/tokenizers/tokenizer.h"
#include "model/trace/trace.h"

#include <cmath>
#include <memory>

namespace attnlab::model {

namespace {

// Head roles: the trace's own pattern scores, and induction on the probe run through the same model and layers.
Result<void> addHeadRoles(const TraceRequest& request, Trace& trace)
{
    if (!trace.memoryTokens.isEmpty()) {
        auto roles = std::make_shared<HeadRoles>();
        roles->unavailable = QStringLiteral("head roles score self-attention heads; this trace is cross-attention "
                                            "(a memory text)");
        trace.headRoles = std::move(roles);
        return Result<void>::success();
    }
    if (trace.source == TraceSource::Matrices) {
        trace.headRoles = std::make_shared<const HeadRoles>(headRolesOf(
            trace, nullptr,
            QStringLiteral("typed matrices have no model to run the induction probe (random tokens repeated) on")));
        return Result<void>::success();
    }
    const auto probe = computeInductionProbe(request);
    if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
    trace.headRoles = std::make_shared<const HeadRoles>(
        probe ? headRolesOf(trace, &*probe) : headRolesOf(trace, nullptr, QStringLiteral("induction probe: ") + probe.error()));
    return Result<void>::success();
}

// The effect of each head on the prediction at request.analyses.effectsQuery, switched off as request.ablation.mode
// says (zero unless asked); or the reason there is none.
Result<void> addHeadEffects(const TraceRequest& request, Trace& trace)
{
    const int query = request.analyses.effectsQuery;
    trace.headEffectsQuery = query;
    trace.headEffects.reset();
    trace.headEffectsError.clear();
    if (trace.source != TraceSource::Checkpoint || !request.checkpoint.model) {
        trace.headEffectsError = trace.source == TraceSource::Matrices
                                     ? QStringLiteral("typed matrices have no prediction to switch heads off for")
                                     : QStringLiteral("the toy model has no output layer: it predicts nothing");
        return Result<void>::success();
    }
    if (query >= int(trace.predictions.size())) {
        trace.headEffectsError = trace.predictions.empty()
                                     ? QStringLiteral("the prediction needs every layer of the model")
                                     : QStringLiteral("token %1 is outside the text (1 to %2)").arg(query + 1).arg(trace.predictions.size());
        return Result<void>::success();
    }
    const Prediction& prediction = trace.predictions[size_t(query)];
    HeadEffects effects;
    effects.position = query;
    effects.target = prediction.top.front().first;
    effects.targetText = prediction.texts.value(0);
    effects.logProb = std::log(prediction.top.front().second);
    effects.mode = request.ablation.mode;
    auto delta = request.checkpoint.model->headAblationEffects(trace, query, effects.target, effects.mode,
                                                               request.cancelled.get());
    if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
    if (!delta) {
        trace.headEffectsError = delta.error();
        return Result<void>::success();
    }
    effects.delta = std::move(delta).value();
    trace.headEffects = std::make_shared<const HeadEffects>(std::move(effects));
    return Result<void>::success();
}

// Activation patching with the trace as the clean run and request.analyses.patching's corrupted text, target and
// wrong token (the patching view); or the reason there is none.
Result<void> addPatching(const TraceRequest& request, Trace& trace)
{
    const PatchingInputs& inputs = request.analyses.patching;
    trace.patchingInputs = inputs;
    trace.patching.reset();
    trace.patchingError.clear();
    const auto refuse = [&trace](const QString& why) {
        trace.patchingError = why;
        return Result<void>::success();
    };
    if (trace.source != TraceSource::Checkpoint || !request.checkpoint.model || !request.checkpoint.tokenizer)
        return refuse(trace.source == TraceSource::Matrices
                          ? QStringLiteral("typed matrices have no prediction to restore")
                          : QStringLiteral("the toy model has no output layer: it predicts nothing"));
    if (inputs.corrupted.trimmed().isEmpty()) return refuse(QStringLiteral("type the corrupted input"));
    const Tokenizer& tokenizer = *request.checkpoint.tokenizer;
    const auto target = singleTokenId(tokenizer, inputs.target, QStringLiteral("the target"));
    if (!target) return refuse(target.error());
    PatchingQuery query;
    query.target = *target;
    query.position = inputs.position;
    if (!inputs.wrong.isEmpty()) {
        const auto wrong = singleTokenId(tokenizer, inputs.wrong, QStringLiteral("the wrong token"));
        if (!wrong) return refuse(wrong.error());
        query.wrong = *wrong;
    }
    // The corrupted input runs as the clean one did: the same model, limits and cancellation, no analyses.
    TraceRequest corruptedRequest = request;
    corruptedRequest.text = inputs.corrupted;
    corruptedRequest.analyses = {};
    corruptedRequest.progress.reset();
    const auto corrupted = computeTrace(corruptedRequest);
    if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
    if (!corrupted) return refuse(QStringLiteral("the corrupted input: ") + corrupted.error());
    if (corrupted->tokenIds.size() != trace.tokenIds.size())
        return refuse(QStringLiteral("the clean input has %1 tokens and the corrupted one %2; patching pairs them token "
                                     "by token, so both need the same number")
                          .arg(trace.tokenIds.size())
                          .arg(corrupted->tokenIds.size()));
    auto patched = activationPatching(*request.checkpoint.model, trace, *corrupted, query, request.cancelled.get());
    if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
    if (!patched) return refuse(patched.error());
    patched->corruptedTokens = corrupted->tokens;
    patched->targetText = tokenizer.displayText(query.target);
    if (query.wrong >= 0) patched->wrongText = tokenizer.displayText(query.wrong);
    trace.patching = std::make_shared<const ActivationPatching>(std::move(patched).value());
    return Result<void>::success();
}

} // namespace

AnalysisRequest analysesOf(const Trace& trace)
{
    AnalysisRequest carried;
    carried.headRoles = trace.headRoles != nullptr;
    carried.rollout = trace.rollout != nullptr || !trace.rolloutError.isEmpty();
    carried.lens = trace.lens != nullptr || !trace.lensError.isEmpty();
    carried.effectsQuery = trace.headEffectsQuery;
    carried.flowQuery = trace.flowQuery; // a refused flow is carried too: asking again would refuse again
    carried.patching = trace.patchingInputs;
    return carried;
}

Result<void> addAnalyses(const TraceRequest& request, Trace& trace)
{
    if (request.analyses.headRoles && !trace.headRoles)
        if (auto added = addHeadRoles(request, trace); !added) return added;
    if (request.analyses.lens && !trace.lens && trace.lensError.isEmpty()) {
        if (trace.source != TraceSource::Checkpoint || !request.checkpoint.model) {
            trace.lensError = trace.source == TraceSource::Matrices
                                  ? QStringLiteral("the logit lens needs a model with an output; typed matrices have none")
                                  : QStringLiteral("the logit lens needs a model with an output (unembedding); the toy "
                                                   "model has none");
        } else {
            auto lens = logitLens(*request.checkpoint.model, trace, request.checkpoint.tokenizer.get(),
                                  request.cancelled.get());
            if (cancelRequested(request.cancelled.get())) return Result<void>::failure(cancelledMessage());
            if (lens)
                trace.lens = std::make_shared<const LogitLens>(std::move(lens).value());
            else
                trace.lensError = lens.error();
        }
    }
    if (request.analyses.effectsQuery >= 0 && trace.headEffectsQuery != request.analyses.effectsQuery)
        if (auto added = addHeadEffects(request, trace); !added) return added;
    if (!request.analyses.patching.empty() && trace.patchingInputs != request.analyses.patching)
        if (auto added = addPatching(request, trace); !added) return added;
    AnalysisRequest traceOnly = request.analyses;
    traceOnly.headRoles = false;
    if (trace.rollout || !trace.rolloutError.isEmpty()) traceOnly.rollout = false;
    if (trace.flowQuery == traceOnly.flowQuery) traceOnly.flowQuery = -1;
    return addTraceAnalyses(trace, traceOnly, request.cancelled.get());
}

Result<void> addTraceAnalyses(Trace& trace, const AnalysisRequest& analyses, const std::atomic<bool>* cancelled)
{
    if (analyses.rollout) {
        auto rollout = attentionRollout(trace);
        if (rollout)
            trace.rollout = std::make_shared<const AttentionRollout>(std::move(rollout).value());
        else
            trace.rolloutError = rollout.error();
    }
    if (analyses.flowQuery >= 0) {
        trace.flowQuery = analyses.flowQuery;
        trace.flow.reset();
        trace.flowError.clear();
        auto flow = attentionFlow(trace, analyses.flowQuery, cancelled);
        if (cancelRequested(cancelled)) return Result<void>::failure(cancelledMessage());
        if (flow)
            trace.flow = std::make_shared<const AttentionFlow>(std::move(flow).value());
        else
            trace.flowError = flow.error();
    }
    return Result<void>::success();
}

QString missingAnalysisError(const AnalysisRequest& needed, const Trace& trace)
{
    if (needed.rollout && !trace.rollout) return trace.rolloutError;
    if (needed.flowQuery >= 0 && !trace.flow) return trace.flowError;
    if (needed.effectsQuery >= 0 && !trace.headEffects) return trace.headEffectsError;
    if (needed.lens && !trace.lens) return trace.lensError;
    return {};
}

} // namespace attnlab::model
