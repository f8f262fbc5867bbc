#include "model/pipeline/trace_request.h"

#include "model/analysis/ablation_effects.h"
#include "model/analysis/trace_analyses.h"
#include "model/trace/head_scores.h"
#include "model/trace/trace_size.h"
#include "model/tokenizers/word_tokenizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attnlab::model {

namespace {

// Matrices files are typed by hand; anything beyond a few MB is not one.
constexpr qint64 kMaxMatricesFileBytes = 16 * 1024 * 1024;

model::Result<model::Trace> runMatricesFile(const TraceRequest& request)
{
    QFile file(request.matricesFile);
    if (!file.open(QIODevice::ReadOnly))
        return model::Result<model::Trace>::failure(
            QStringLiteral("cannot read %1: %2").arg(request.matricesFile, file.errorString()));
    if (file.size() > kMaxMatricesFileBytes)
        return model::Result<model::Trace>::failure(
            QStringLiteral("%1: %2 bytes is too large for a matrices file (limit %3)")
                .arg(request.matricesFile)
                .arg(file.size())
                .arg(kMaxMatricesFileBytes));
    auto problem = model::parseMatrixProblem(file.readAll(), request.matricesFile);
    if (!problem) return model::Result<model::Trace>::failure(problem.error());
    if (request.mask) problem->options.mask = *request.mask;
    if (request.scaling) problem->options.scaling = *request.scaling;
    auto valid = model::validateMatrixProblem(*problem);
    if (!valid)
        return model::Result<model::Trace>::failure(
            QStringLiteral("%1: %2").arg(request.matricesFile, valid.error()));
    return model::runMatrixProblem(*problem);
}

// bytes -> "21.0 GiB", or "38 MiB" below a GiB.
QString memoryText(std::int64_t bytes)
{
    constexpr double mib = 1024.0 * 1024.0;
    if (bytes < std::int64_t(1) << 30)
        return QStringLiteral("%1 MiB").arg(std::max<std::int64_t>(1, std::llround(double(bytes) / mib)));
    return QStringLiteral("%1 GiB").arg(double(bytes) / (1024.0 * mib), 0, 'f', 1);
}

// How many of `tokens` tokens to run through the first `shape.layers` layers: all when they fit in the
// model's context (contextLimit) and in the memory the trace may take (the shape and the source give its
// size), else the first request.maxTokens, else a failure that names the limit and fills *exceeded.
model::Result<int> tokensToRun(int tokens, int contextLimit, const model::ModelConfig& shape,
                               model::TraceSource source, int totalLayers, const QString& modelName,
                               const TraceRequest& request, TokenLimit* exceeded)
{
    const std::int64_t budget = model::traceMemoryBudget();
    const int memoryLimit = budget > 0 ? model::maxTokensWithin(shape, budget, contextLimit, source) : contextLimit;
    const int limit = std::min(contextLimit, memoryLimit);
    if (tokens <= limit) return std::min(tokens, request.maxTokens > 0 ? request.maxTokens : tokens);
    if (request.maxTokens > 0 && request.maxTokens <= limit) return request.maxTokens;
    if (limit < contextLimit) {
        // Memory is the limit. Every token through fewer layers is the other way out, if the context allows.
        const int layers = tokens <= contextLimit ? model::maxLayersWithin(shape, budget, tokens, source) : 0;
        if (exceeded) *exceeded = TokenLimit{tokens, limit, layers < shape.layers ? layers : 0, totalLayers};
        const QString needed = memoryText(model::estimatedRunBytes(shape, tokens, source));
        const QString spare = memoryText(budget);
        if (limit == 0)
            return model::Result<int>::failure(
                QStringLiteral(
                    "%1 needs more memory for one token's trace than the %2 available")
                    .arg(modelName, spare));
        const QString fewerLayers =
            layers > 0 && layers < shape.layers
                ? (layers == 1
                       ? QStringLiteral(", or all of them through the first of %1 layers").arg(totalLayers)
                       : QStringLiteral(", or all of them through the first %1 of %2 layers")
                             .arg(layers)
                             .arg(totalLayers))
                : QString();
        return model::Result<int>::failure(
            QStringLiteral(
                "%1 tokens would need %2 for the full trace of %3, more than the %4 available; at most %5 "
                "tokens fit%6")
                .arg(tokens)
                .arg(needed, modelName, spare)
                .arg(limit)
                .arg(fewerLayers));
    }
    if (exceeded) *exceeded = TokenLimit{tokens, limit, 0, totalLayers};
    return model::Result<int>::failure(QStringLiteral("the text has %1 tokens, but %2 takes at most %3")
                                           .arg(tokens)
                                           .arg(modelName)
                                           .arg(limit));
}

// layers asked for (0: all), the model's -> how many run.
int layersToRun(int requested, int layers)
{
    return requested > 0 ? std::min(requested, layers) : layers;
}

QString firstTokensWarning(int shown, int tokens)
{
    return QStringLiteral("Showing the first %1 of %2 tokens.").arg(shown).arg(tokens);
}

// The request's toy model: its configuration with the request's mask and scaling; or why it is invalid.
model::Result<model::ToyConfig> requestedToyConfig(const TraceRequest& request)
{
    model::ToyConfig config = request.toy;
    if (request.mask) config.attention.mask = *request.mask;
    if (request.scaling) config.attention.scaling = *request.scaling;
    auto valid = model::validateToyConfig(config);
    if (!valid) return model::Result<model::ToyConfig>::failure(QStringLiteral("toy model: ") + valid.error());
    return config;
}

model::Result<model::Trace> runToy(const TraceRequest& request, TokenLimit* exceeded)
{
    auto requested = requestedToyConfig(request);
    if (!requested) return model::Result<model::Trace>::failure(requested.error());
    model::ToyConfig config = *requested;
    // The first layers of a toy model are those of the same model with fewer layers (each layer's weights
    // have their own random stream), so fewer layers is a smaller toy model.
    const int totalLayers = config.layers;
    config.layers = layersToRun(request.maxLayers, config.layers);
    const model::ToyModel toy(config);
    QStringList tokens = model::tokenizeWords(request.text);
    // The toy trace has the shape of a checkpoint's without logits.
    model::ModelConfig shape;
    shape.layers = config.layers;
    shape.heads = shape.kvHeads = config.heads;
    shape.dModel = config.dModel;
    shape.dFf = config.dFf;
    const int total = int(tokens.size());
    const auto count = tokensToRun(total, model::ToyModel::maxTokens(), shape, model::TraceSource::Toy, totalLayers,
                                   QStringLiteral("the toy model"), request, exceeded);
    if (!count) return model::Result<model::Trace>::failure(count.error());
    tokens = tokens.mid(0, *count);
    const QStringList memoryTokens = model::tokenizeWords(request.memory);
    if (!tokens.isEmpty() && !request.memory.trimmed().isEmpty() && memoryTokens.isEmpty())
        return model::Result<model::Trace>::failure(QStringLiteral("no tokens in the memory text"));
    if (const auto checked = model::checkAblation(request.ablation, totalLayers, config.heads); !checked)
        return model::Result<model::Trace>::failure(QStringLiteral("the toy model: ") + checked.error());
    // Of an ablation, the layers that run (--max-layers).
    model::Ablation ablation = request.ablation;
    std::erase_if(ablation.heads, [&](const model::HeadRef& h) { return h.layer >= config.layers; });
    std::erase_if(ablation.mlps, [&](int l) { return l >= config.layers; });
    auto trace = toy.runTokens(tokens, memoryTokens, request.cancelled.get(), &ablation);
    if (trace && *count < total) trace->warnings << firstTokensWarning(*count, total);
    if (trace && config.layers < totalLayers)
        trace->warnings
            << QStringLiteral("Showing the first %1 of %2 layers.").arg(config.layers).arg(totalLayers);
    return trace;
}

// A checkpoint and its tokenizer (loaded now unless the request carries them): tokenize, run, trace; the
// predictions get their tokens' texts.
model::Result<model::Trace> runCheckpoint(const TraceRequest& request, TokenLimit* exceeded)
{
    using Failure = model::Result<model::Trace>;
    LoadedModel loaded = request.checkpoint;
    if (!loaded.model) {
        auto fresh = loadModel(request.modelName, request.tokenizerPath);
        if (!fresh) return Failure::failure(fresh.error());
        loaded = std::move(fresh).value();
    }
    const model::Encoding encoding = loaded.tokenizer->encode(request.text);
    std::vector<int> ids = encoding.ids;
    if (ids.empty()) {
        const QString unknown = model::unknownCharactersWarning(encoding.unknown, encoding.tokens);
        return Failure::failure(QStringLiteral("the tokenizer found no tokens in the text") +
                                (unknown.isEmpty() ? QString() : QStringLiteral(": ") + unknown));
    }
    const model::ModelConfig& config = loaded.model->config();
    model::ModelConfig shape = config;
    shape.layers = layersToRun(request.maxLayers, config.layers);
    const int total = int(ids.size());
    const int context = config.maxPositions > 0 ? config.maxPositions : std::numeric_limits<int>::max() / 2;
    const auto count =
        tokensToRun(total, context, shape, model::TraceSource::Checkpoint, config.layers, loaded.model->name(),
                    request, exceeded);
    if (!count) return Failure::failure(count.error());
    ids.resize(size_t(*count));
    const QStringList tokens = displayTokens(*loaded.tokenizer, ids);
    model::LanguageModel::RunOptions options;
    options.cancelled = request.cancelled.get();
    options.layers = shape.layers;
    options.progress = request.progress.get();
    options.ablation = request.ablation;
    // With an ablation and every layer, the logits without it first (its trace is dropped), then with it.
    MatrixF before, after;
    const bool compares = !request.ablation.empty() && shape.layers == config.layers;
    if (compares) {
        if (const auto checked = checkAblation(request.ablation, config.layers, config.heads); !checked)
            return Failure::failure(QStringLiteral("%1: %2").arg(loaded.model->name(), checked.error()));
        model::LanguageModel::RunOptions plain = options;
        plain.ablation = {};
        plain.logits = &before;
        if (const auto baseline = loaded.model->run(ids, tokens, plain); !baseline) return baseline;
        options.logits = &after;
    }
    auto trace = loaded.model->run(ids, tokens, options);
    if (!trace) return trace;
    if (compares) {
        trace->ablationEffects = ablationEffects(before, after);
        for (model::AblationEffect& e : trace->ablationEffects) {
            e.originalText = loaded.tokenizer->displayText(e.originalId);
            e.topText = loaded.tokenizer->displayText(e.topId);
        }
    }
    if (*count < total) trace->warnings << firstTokensWarning(*count, total);
    // The unknown characters among the tokens that ran (one dropped right after the last of them only when
    // the whole text ran).
    for (const model::UnknownCharacter& u : encoding.unknown)
        if (u.token < *count || (u.token == *count && *count == total)) trace->unknownCharacters.push_back(u);
    if (!trace->unknownCharacters.empty())
        trace->warnings << model::unknownCharactersWarning(trace->unknownCharacters, encoding.tokens);
    for (model::Prediction& prediction : trace->predictions)
        for (const auto& [id, probability] : prediction.top)
            prediction.texts << loaded.tokenizer->displayText(id);
    return trace;
}

} // namespace

namespace {

model::Result<model::Trace> computeForwardTrace(const TraceRequest& request, TokenLimit* exceeded)
{
    if (request.problem) return model::runMatrixProblem(*request.problem);
    if (!request.matricesFile.isEmpty()) return runMatricesFile(request);
    if (request.checkpoint.model || !isToyModel(request.modelName))
        return runCheckpoint(request, exceeded);
    return runToy(request, exceeded);
}

} // namespace

model::Result<model::Trace> computeTrace(const TraceRequest& request, TokenLimit* exceeded)
{
    if (request.analyses == AnalysisRequest{}) return computeForwardTrace(request, exceeded);
    // An analysis may run the model again (the induction probe): load a checkpoint once for both.
    TraceRequest loaded = request;
    if (!loaded.problem && loaded.matricesFile.isEmpty() && !loaded.checkpoint.model && !isToyModel(loaded.modelName)) {
        auto fresh = loadModel(loaded.modelName, loaded.tokenizerPath);
        if (!fresh) return model::Result<model::Trace>::failure(fresh.error());
        loaded.checkpoint = std::move(fresh).value();
    }
    auto trace = computeForwardTrace(loaded, exceeded);
    if (!trace) return trace;
    if (auto added = addAnalyses(loaded, *trace); !added) return model::Result<model::Trace>::failure(added.error());
    return trace;
}

model::Result<model::Trace> computeInductionProbe(const TraceRequest& request, std::uint64_t seed)
{
    using Failure = model::Result<model::Trace>;
    if (request.problem || !request.matricesFile.isEmpty())
        return Failure::failure(QStringLiteral("typed matrices have no model to run the induction probe on"));
    SeededRandom random(seed, kInductionProbeStream);
    if (!request.checkpoint.model && isToyModel(request.modelName)) {
        auto requested = requestedToyConfig(request);
        if (!requested) return Failure::failure(requested.error());
        model::ToyConfig config = *requested;
        config.layers = layersToRun(request.maxLayers, config.layers);
        const model::ToyModel toy(config);
        const int half = std::min(kInductionProbeHalf, model::ToyModel::maxTokens() / 2);
        return toy.runIds(repeatedRandomTokens(config.vocabSize, half, random), request.cancelled.get());
    }
    LoadedModel loaded = request.checkpoint;
    if (!loaded.model) {
        auto fresh = loadModel(request.modelName, request.tokenizerPath);
        if (!fresh) return Failure::failure(fresh.error());
        loaded = std::move(fresh).value();
    }
    const model::ModelConfig& config = loaded.model->config();
    const int context = config.maxPositions > 0 ? config.maxPositions : 2 * kInductionProbeHalf;
    const int half = std::min(kInductionProbeHalf, context / 2);
    if (half < 1 || config.vocab < 1)
        return Failure::failure(QStringLiteral("%1 has no room for the induction probe").arg(loaded.model->name()));
    const std::vector<int> ids = repeatedRandomTokens(config.vocab, half, random);
    return loaded.model->run(ids, displayTokens(*loaded.tokenizer, ids), nullptr, request.cancelled.get(),
                             layersToRun(request.maxLayers, config.layers));
}

} // namespace attnlab::model
