#include "trace_request.h"

#include "bpe_tokenizer.h"
#include "gpt2_model.h"
#include "model_config.h"
#include "tokenizer.h"

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

// A Hugging Face model folder (config.json, model.safetensors, a tokenizer): tokenize, run, trace.
model::Result<model::Trace> runCheckpoint(const TraceRequest& request)
{
    using Failure = model::Result<model::Trace>;
    const QString folder = request.modelName;
    if (!QFileInfo(folder).isDir())
        return Failure::failure(QStringLiteral("model \"%1\": expected toy or a model folder with config.json").arg(folder));
    QFile configFile(QDir(folder).filePath(QStringLiteral("config.json")));
    if (!configFile.open(QIODevice::ReadOnly))
        return Failure::failure(QStringLiteral("cannot read %1: %2").arg(configFile.fileName(), configFile.errorString()));
    const auto config = model::parseModelConfig(configFile.read(1 << 20), configFile.fileName());
    if (!config)
        return Failure::failure(config.error());
    if (config->architecture != QLatin1String("gpt2"))
        return Failure::failure(QStringLiteral("%1: the %2 architecture cannot be run yet (GPT-2 can)")
                                    .arg(configFile.fileName(), config->architecture));
    const auto tokenizer = model::Tokenizer::load(request.tokenizerPath.isEmpty() ? folder : request.tokenizerPath);
    if (!tokenizer)
        return Failure::failure(tokenizer.error());
    const auto gpt2 = model::Gpt2Model::load(folder);
    if (!gpt2)
        return Failure::failure(gpt2.error());
    const model::Encoding encoding = (*tokenizer)->encode(request.text);
    if (encoding.ids.empty())
        return Failure::failure(QStringLiteral("the tokenizer found no tokens in the text"));
    QStringList tokens;
    for (const QString& piece : encoding.tokens)
        tokens << model::BpeTokenizer::byteLevelToText(piece);
    return (*gpt2)->run(encoding.ids, tokens);
}

} // namespace

model::Result<model::Trace> computeTrace(const TraceRequest& request)
{
    if (request.problem)
        return model::runMatrixProblem(*request.problem);
    if (!request.matricesFile.isEmpty())
        return runMatricesFile(request);
    if (request.modelName != QLatin1String("toy"))
        return runCheckpoint(request);
    return runToy(request);
}

} // namespace attnlab::app
