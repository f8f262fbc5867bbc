#include "trace_request.h"


#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace attnlab::app {

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
                .arg(request.matricesFile).arg(file.size()).arg(kMaxMatricesFileBytes));
    auto problem = model::parseMatrixProblem(file.readAll(), request.matricesFile);
    if (!problem)
        return model::Result<model::Trace>::failure(problem.error());
    if (request.mask)
        problem->options.mask = *request.mask;
    if (request.scaling)
        problem->options.scaling = *request.scaling;
    auto valid = model::validateMatrixProblem(*problem);
    if (!valid)
        return model::Result<model::Trace>::failure(QStringLiteral("%1: %2").arg(request.matricesFile, valid.error()));
    return model::runMatrixProblem(*problem);
}

model::Result<model::Trace> runToy(const TraceRequest& request)
{
    model::ToyConfig config = request.toy;
    if (request.mask)
        config.attention.mask = *request.mask;
    if (request.scaling)
        config.attention.scaling = *request.scaling;
    auto valid = model::validateToyConfig(config);
    if (!valid)
        return model::Result<model::Trace>::failure(QStringLiteral("toy model: ") + valid.error());
    return model::ToyModel(config).run(request.text, request.memory);
}

// A checkpoint and its tokenizer (loaded now unless the request carries them): tokenize, run, trace; the
// predictions get their tokens' texts.
model::Result<model::Trace> runCheckpoint(const TraceRequest& request)
{
    using Failure = model::Result<model::Trace>;
    LoadedModel loaded = request.checkpoint;
    if (!loaded.model) {
        auto fresh = loadModel(request.modelName, request.tokenizerPath);
        if (!fresh) return Failure::failure(fresh.error());
        loaded = std::move(fresh).value();
    }
    const model::Encoding encoding = loaded.tokenizer->encode(request.text);
    if (encoding.ids.empty())
        return Failure::failure(QStringLiteral("the tokenizer found no tokens in the text"));
    auto trace = loaded.model->run(encoding.ids, displayTokens(*loaded.tokenizer, encoding.ids));
    if (!trace) return trace;
    for (model::Prediction& prediction : trace->predictions)
        for (const auto& [id, probability] : prediction.top)
            prediction.texts << loaded.tokenizer->displayText(id);
    return trace;
}

} // namespace

model::Result<model::Trace> computeTrace(const TraceRequest& request)
{
    if (request.problem)
        return model::runMatrixProblem(*request.problem);
    if (!request.matricesFile.isEmpty())
        return runMatricesFile(request);
    if (request.checkpoint.model || request.modelName != QLatin1String("toy"))
        return runCheckpoint(request);
    return runToy(request);
}

} // namespace attnlab::app
