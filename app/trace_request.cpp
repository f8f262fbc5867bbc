#include "trace_request.h"

#include <QFile>

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

} // namespace

model::Result<model::Trace> computeTrace(const TraceRequest& request)
{
    if (request.problem)
        return model::runMatrixProblem(*request.problem);
    if (!request.matricesFile.isEmpty())
        return runMatricesFile(request);
    if (request.modelName != QLatin1String("toy"))
        return model::Result<model::Trace>::failure(
            QStringLiteral("model \"%1\": only the built-in toy model is available in this version").arg(request.modelName));
    return runToy(request);
}

} // namespace attnlab::app
