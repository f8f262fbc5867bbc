#include "app/cli/patch_command.h"

#include "app/cli/command_line.h"
#include "app/cli/output_file.h"
#include "model/analysis/activation_patching.h"
#include "model/analysis/analysis_json.h"
#include "model/checkpoints/language_model.h"
#include "model/pipeline/loaded_model.h"
#include "model/pipeline/trace_request.h"
#include "model/tokenizers/single_token.h"
#include "model/tokenizers/tokenizer.h"
#include "model/trace/trace_json.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/drawing/visible_token.h"
#include "widgets/views/patching_view.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace attnlab::app {

namespace {

const char* const kPatchUsage =
    "usage: attnlab patch --clean \"…\" --corrupted \"…\" --model DIR --target TOKEN [--wrong TOKEN]\n"
    "                     [--query N] [--tokenizer PATH] (--json FILE|- | --out FIGURE.png|.svg|.pdf)\n"
    "                     [--width W --height H --theme light|dark --presentation --no-title]\n"
    "Puts the clean run's activations into the corrupted run one at a time (each head's output, the stream\n"
    "entering each layer and each MLP output at each token) and reports the restored fraction of\n"
    "logit(TARGET) − logit(WRONG) at token N (default: the last), or of log p(TARGET) without --wrong:\n"
    "0 nothing restored, 1 the clean value. Both inputs must have the same number of tokens. TOKEN is one token\n"
    "of the model's tokenizer as text (\" tired\", with the space a word inside a sentence has).\n";

// "Q|:|␣|A|↵": the tokens as the views show them, one line.
QString tokenList(const QStringList& tokens)
{
    QStringList shown;
    for (const QString& token : tokens)
        shown << widgets::visibleToken(token);
    return shown.join(QLatin1Char('|'));
}

} // namespace

int runPatch(const QStringList& arguments)
{
    QCommandLineParser parser;
    for (const char* name : {"clean", "corrupted", "model", "tokenizer", "target", "wrong", "query", "json", "out",
                             "width", "height", "theme"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    for (const char* flag : {"presentation", "no-title"})
        parser.addOption(QCommandLineOption(QLatin1String(flag)));
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        std::printf("%s", kPatchUsage);
        return ExitOk;
    }
    if (!parser.parse(QStringList{QStringLiteral("attnlab patch")} + arguments))
        return fail(kPatchUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kPatchUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()),
                    ExitUsage);
    for (const char* required : {"clean", "corrupted", "model", "target"})
        if (!parser.isSet(QLatin1String(required)))
            return fail(kPatchUsage, QStringLiteral("patch needs --%1").arg(QLatin1String(required)), ExitUsage);
    const bool json = parser.isSet(QStringLiteral("json")), figure = parser.isSet(QStringLiteral("out"));
    if (!json && !figure)
        return fail(kPatchUsage, QStringLiteral("patch needs --json FILE, --json - (standard output) or --out FIGURE"),
                    ExitUsage);
    const QString theme = parser.value(QStringLiteral("theme"));
    if (!theme.isEmpty() && theme != QLatin1String("light") && theme != QLatin1String("dark"))
        return fail(kPatchUsage, QStringLiteral("--theme \"%1\": expected light or dark").arg(theme));
    int width = 0, height = 0;
    for (const auto& [name, target] : {std::pair{"width", &width}, std::pair{"height", &height}}) {
        if (!parser.isSet(QLatin1String(name))) continue;
        bool ok = false;
        *target = parser.value(QLatin1String(name)).toInt(&ok);
        if (!ok || *target < 16 || *target > 16384)
            return fail(kPatchUsage, QStringLiteral("--%1 \"%2\": expected a whole number from 16 to 16384")
                                         .arg(QLatin1String(name), parser.value(QLatin1String(name))));
    }

    const QString modelName = parser.value(QStringLiteral("model"));
    if (model::isToyModel(modelName))
        return fail(kPatchUsage, QStringLiteral("--model %1: patching measures a prediction, and the toy model has no "
                                                "output layer; give a trained model's folder")
                                     .arg(modelName));
    auto loaded = model::loadModel(modelName, parser.value(QStringLiteral("tokenizer")));
    if (!loaded) return fail(kPatchUsage, loaded.error());
    const model::Tokenizer& tokenizer = *loaded->tokenizer;
    const auto target = model::singleTokenId(tokenizer, parser.value(QStringLiteral("target")), QStringLiteral("--target"));
    if (!target) return fail(kPatchUsage, target.error());
    model::PatchingQuery query;
    query.target = *target;
    if (parser.isSet(QStringLiteral("wrong"))) {
        const auto wrong = model::singleTokenId(tokenizer, parser.value(QStringLiteral("wrong")), QStringLiteral("--wrong"));
        if (!wrong) return fail(kPatchUsage, wrong.error());
        query.wrong = *wrong;
    }

    // Both inputs run as `attnlab run --text` would run them: the same tokenizer, limits and messages.
    const auto traceOf = [&](const char* option) -> model::Result<model::Trace> {
        model::TraceRequest request;
        request.text = parser.value(QLatin1String(option));
        request.modelName = modelName;
        request.checkpoint = *loaded;
        model::TokenLimit exceeded;
        auto trace = model::computeTrace(request, &exceeded);
        if (!trace) return model::Result<model::Trace>::failure(QStringLiteral("--%1: %2").arg(QLatin1String(option), trace.error()));
        if (trace->layers.size() != size_t(loaded->model->config().layers) || trace->tokens.size() < qsizetype(trace->tokenIds.size()))
            return model::Result<model::Trace>::failure(
                QStringLiteral("--%1: the text is too long to run every layer of the model").arg(QLatin1String(option)));
        return trace;
    };
    auto clean = traceOf("clean");
    if (!clean) return fail(kPatchUsage, clean.error());
    auto corrupted = traceOf("corrupted");
    if (!corrupted) return fail(kPatchUsage, corrupted.error());
    if (clean->tokenIds.size() != corrupted->tokenIds.size())
        return fail(kPatchUsage, QStringLiteral("--clean has %1 tokens and --corrupted %2: patching pairs the inputs token by "
                                                "token, so both need the same number (clean: %3; corrupted: %4)")
                                     .arg(clean->tokenIds.size())
                                     .arg(corrupted->tokenIds.size())
                                     .arg(tokenList(clean->tokens), tokenList(corrupted->tokens)));
    if (parser.isSet(QStringLiteral("query"))) {
        bool ok = false;
        const int n = parser.value(QStringLiteral("query")).toInt(&ok);
        const int T = int(clean->tokenIds.size());
        if (!ok || n < 1 || n > T)
            return fail(kPatchUsage, QStringLiteral("--query \"%1\": expected a token number from 1 to %2")
                                         .arg(parser.value(QStringLiteral("query")))
                                         .arg(T));
        query.position = n - 1;
    }

    auto patched = model::activationPatching(*loaded->model, *clean, *corrupted, query);
    if (!patched) return fail(kPatchUsage, patched.error());
    patched->corruptedTokens = corrupted->tokens;
    patched->targetText = tokenizer.displayText(query.target);
    if (query.wrong >= 0) patched->wrongText = tokenizer.displayText(query.wrong);

    if (json) {
        QJsonObject object{{QStringLiteral("model"), clean->modelName},
                           {QStringLiteral("tokens"), QJsonArray::fromStringList(clean->tokens)},
                           {QStringLiteral("patching"), model::patchingJson(*patched)}};
        const auto written = writeOutput(parser.value(QStringLiteral("json")), model::jsonText(object));
        if (!written) return fail(kPatchUsage, written.error());
    }
    if (figure) {
        model::Trace shown = std::move(clean).value();
        shown.patching = std::make_shared<const model::ActivationPatching>(std::move(patched).value());
        widgets::PatchingView view;
        widgets::ViewStyle style;
        style.theme = theme == QLatin1String("dark") ? widgets::Theme::Dark : widgets::Theme::Light;
        style.presentation = parser.isSet(QStringLiteral("presentation"));
        view.setStyle(style);
        view.setTrace(std::make_shared<const model::Trace>(std::move(shown)));
        widgets::ExportOptions options;
        options.dpi = 192;
        options.title = !parser.isSet(QStringLiteral("no-title"));
        const QSize preferred = view.preferredFigureSize();
        options.size = QSize(width > 0 ? width : preferred.width(), height > 0 ? height : preferred.height());
        const auto written = widgets::exportFigure(view, parser.value(QStringLiteral("out")), options);
        if (!written) return fail(kPatchUsage, written.error());
    }
    return ExitOk;
}

} // namespace attnlab::app
