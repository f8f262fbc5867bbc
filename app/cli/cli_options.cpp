#include "app/cli/cli_options.h"

#include "app/cli/lessons_command.h"
#include "app/lessons/lesson_catalog.h"
#include "app/cli/session_command.h"

#include <cstdio>

namespace attnlab::app {

namespace {

// "--heads 3" -> 3, with a message naming the option when it is not a whole number in range.
std::optional<int> intOption(const QCommandLineParser& parser, const QString& name, int min, int max, QString* error)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("--%1 \"%2\": expected a whole number from %3 to %4")
                     .arg(name, parser.value(name)).arg(min).arg(max);
        return std::nullopt;
    }
    return value;
}

// Parses an enumerated option with its model parser into *target; false with *error on a bad value.
template <typename T, typename Parse>
bool enumOption(const QCommandLineParser& parser, const char* name, Parse parse, T* target, QString* error)
{
    if (!parser.isSet(QLatin1String(name)))
        return true;
    auto value = parse(parser.value(QLatin1String(name)));
    if (!value) {
        *error = value.error();
        return false;
    }
    *target = *value;
    return true;
}

} // namespace

void addCommonOptions(QCommandLineParser& parser)
{
    for (const char* name : {"matrices", "text", "lesson", "session", "memory", "model", "mask", "scaling", "layer", "head",
                             "query", "layers", "heads", "d-model", "d-ff", "seed", "pe", "norm", "activation", "theme",
                             "tokenizer", "max-tokens", "max-layers", "ablate", "ablate-mlp", "ablation"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
}

std::optional<model::TraceRequest> requestFromOptions(const QCommandLineParser& parser, QString* error, bool* usage)
{
    model::TraceRequest request;
    *usage = true;
    request.matricesFile = parser.value(QStringLiteral("matrices"));
    request.text = parser.value(QStringLiteral("text"));
    request.memory = parser.value(QStringLiteral("memory"));
    if (parser.isSet(QStringLiteral("model")))
        request.modelName = parser.value(QStringLiteral("model"));
    request.tokenizerPath = parser.value(QStringLiteral("tokenizer"));
    if (int(parser.isSet(QStringLiteral("matrices"))) + int(parser.isSet(QStringLiteral("text"))) +
            int(parser.isSet(QStringLiteral("lesson"))) + int(parser.isSet(QStringLiteral("session"))) != 1) {
        *error = QStringLiteral("give exactly one input: --matrices FILE.json, --text \"…\", --lesson ID|FILE or --session FILE");
        return std::nullopt;
    }
    *usage = false; // from here on the values themselves are wrong, not the usage
    if (parser.isSet(QStringLiteral("lesson"))) {
        // The lesson's input; --memory, --model and --mask given explicitly override the lesson's.
        const auto lesson = lessonFromArgument(parser.value(QStringLiteral("lesson")));
        if (!lesson) {
            *error = lesson.error();
            return std::nullopt;
        }
        request.lesson = lesson->id;
        request.problem = lesson->problem;
        request.mask = lesson->mask;
        request.text = lesson->text;
        if (!parser.isSet(QStringLiteral("memory")))
            request.memory = lesson->memory;
        if (!parser.isSet(QStringLiteral("model")) && !lesson->problem) {
            // "gpt2", "../models/tiny" (beside the lesson file) -> what to load.
            const auto model = resolveLessonModel(lesson->modelName, lesson->sourcePath);
            if (!model) {
                *error = QStringLiteral("lesson %1: %2").arg(lesson->id, model.error());
                return std::nullopt;
            }
            request.modelName = *model;
        }
    }
    if (parser.isSet(QStringLiteral("session"))) {
        // The session's input and settings; --memory, --model, --tokenizer, --mask, --scaling and the toy
        // options given explicitly override them.
        QStringList warnings;
        const auto fromSession = requestFromSession(parser.value(QStringLiteral("session")), &warnings);
        if (!fromSession) {
            *error = fromSession.error();
            return std::nullopt;
        }
        for (const QString& warning : warnings)
            std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
        const model::TraceRequest given = request;
        request = *fromSession;
        for (const auto& [name, field] : {std::pair{"memory", &model::TraceRequest::memory}, std::pair{"model", &model::TraceRequest::modelName},
                                          std::pair{"tokenizer", &model::TraceRequest::tokenizerPath}})
            if (parser.isSet(QLatin1String(name)))
                request.*field = given.*field;
    }

    model::MaskSpec mask;
    if (parser.isSet(QStringLiteral("mask"))) {
        if (!enumOption(parser, "mask", model::parseMaskSpec, &mask, error))
            return std::nullopt;
        request.mask = mask;
    }
    model::Scaling scaling;
    if (parser.isSet(QStringLiteral("scaling"))) {
        if (!enumOption(parser, "scaling", model::parseScaling, &scaling, error))
            return std::nullopt;
        request.scaling = scaling;
    }
    model::ToyConfig& toy = request.toy;
    const struct {
        const char* name;
        int* target;
        int min, max;
    } ints[] = {{"layers", &toy.layers, 1, 24}, {"heads", &toy.heads, 1, 64},
                {"d-model", &toy.dModel, 1, 1024}, {"d-ff", &toy.dFf, 1, 8192}};
    for (const auto& option : ints) {
        if (!parser.isSet(QLatin1String(option.name)))
            continue;
        auto value = intOption(parser, QLatin1String(option.name), option.min, option.max, error);
        if (!value)
            return std::nullopt;
        *option.target = *value;
    }
    if (parser.isSet(QStringLiteral("max-tokens"))) {
        auto value = intOption(parser, QStringLiteral("max-tokens"), 1, 1 << 24, error);
        if (!value)
            return std::nullopt;
        request.maxTokens = *value;
    }
    if (parser.isSet(QStringLiteral("max-layers"))) {
        auto value = intOption(parser, QStringLiteral("max-layers"), 1, 1 << 16, error);
        if (!value)
            return std::nullopt;
        request.maxLayers = *value;
    }
    if (parser.isSet(QStringLiteral("ablate"))) {
        auto heads = model::parseHeadList(parser.value(QStringLiteral("ablate")));
        if (!heads) {
            *error = heads.error();
            return std::nullopt;
        }
        request.ablation.heads = *heads;
    }
    if (parser.isSet(QStringLiteral("ablate-mlp"))) {
        auto layers = model::parseLayerList(parser.value(QStringLiteral("ablate-mlp")));
        if (!layers) {
            *error = layers.error();
            return std::nullopt;
        }
        request.ablation.mlps = *layers;
    }
    if (parser.isSet(QStringLiteral("ablation"))) {
        const auto mode = model::enumValue(model::kAblationModeNames, parser.value(QStringLiteral("ablation")));
        if (!mode) {
            *error = QStringLiteral("--ablation \"%1\": expected %2")
                         .arg(parser.value(QStringLiteral("ablation")),
                              model::enumNames(model::kAblationModeNames).join(QStringLiteral(" or ")));
            return std::nullopt;
        }
        request.ablation.mode = *mode;
    }
    request.ablation = request.ablation.normalized();
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        toy.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok) {
            *error = QStringLiteral("--seed \"%1\": expected a whole number ≥ 0").arg(parser.value(QStringLiteral("seed")));
            return std::nullopt;
        }
    }
    if (!enumOption(parser, "pe", model::parsePositionalKind, &toy.positional, error) ||
        !enumOption(parser, "norm", model::parseNormPlacement, &toy.placement, error) ||
        !enumOption(parser, "activation", model::parseActivation, &toy.activation, error))
        return std::nullopt;
    if (request.problem && (!request.lesson.isEmpty() || parser.isSet(QStringLiteral("session")))) {
        // A lesson's matrices carry their own mask and scaling; explicit options replace them.
        if (request.mask)
            request.problem->options.mask = *request.mask;
        if (request.scaling)
            request.problem->options.scaling = *request.scaling;
        if (auto valid = model::validateMatrixProblem(*request.problem); !valid) {
            *error = request.lesson.isEmpty() ? QStringLiteral("%1: %2").arg(parser.value(QStringLiteral("session")), valid.error())
                                              : QStringLiteral("lesson %1: %2").arg(request.lesson, valid.error());
            return std::nullopt;
        }
    }
    if (!request.ablation.empty() && (request.problem || !request.matricesFile.isEmpty())) {
        *error = QStringLiteral("--ablate and --ablate-mlp switch off a model's heads and MLPs; typed matrices have no "
                                "model (use --text with --model)");
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("ablation")) && request.ablation.empty()) {
        *error = QStringLiteral("--ablation chooses how --ablate and --ablate-mlp switch parts off; name the heads or MLPs");
        return std::nullopt;
    }
    return request;
}

std::optional<model::TraceSelection> selectionFromOptions(const QCommandLineParser& parser, const model::Trace& trace,
                                                          QString* error, const model::TraceSelection& defaults)
{
    model::TraceSelection selection = defaults;
    // "expected 1 to 12 (the trace has 12 layers)": the range first, then where it comes from.
    const auto outOfRange = [&](const char* name, const QString& range, const QString& why) {
        *error = QStringLiteral("--%1 %2 is out of range: expected %3 (%4)")
                     .arg(QLatin1String(name), parser.value(QLatin1String(name)), range, why);
        return std::nullopt;
    };
    const auto numbers = [](qsizetype count) {
        return count == 1 ? QStringLiteral("1") : QStringLiteral("1 to %1").arg(count);
    };
    const qsizetype layers = qsizetype(trace.layers.size());
    bool ok = false;
    if (parser.isSet(QStringLiteral("layer"))) {
        const int layer = parser.value(QStringLiteral("layer")).toInt(&ok);
        if (!ok || layer < 1 || layer > layers)
            return outOfRange("layer", numbers(layers),
                              layers == 1 ? QStringLiteral("the trace has 1 layer")
                                          : QStringLiteral("the trace has %1 layers").arg(layers));
        selection.layer = layer - 1;
    }
    if (parser.isSet(QStringLiteral("head"))) {
        const QString head = parser.value(QStringLiteral("head")).toLower();
        const qsizetype heads = trace.layers.empty() ? 0 : qsizetype(trace.layers[size_t(selection.layer)].heads.size());
        if (head == QLatin1String("all"))
            selection.head = model::AllHeads;
        else if (head == QLatin1String("average"))
            selection.head = model::AverageHeads;
        else if (head == QLatin1String("max"))
            selection.head = model::MaxHeads;
        else if (const int h = head.toInt(&ok); ok && h >= 1 && h <= heads)
            selection.head = h - 1;
        else
            return outOfRange("head", numbers(heads) + QStringLiteral(", all, average or max"),
                              QStringLiteral("layer %1 has %2 head%3")
                                  .arg(selection.layer + 1)
                                  .arg(heads)
                                  .arg(heads == 1 ? QString() : QStringLiteral("s")));
    }
    if (parser.isSet(QStringLiteral("query"))) {
        // A 1-based index, or a token's text ("it"): the first token equal to it, ignoring case.
        const QString query = parser.value(QStringLiteral("query"));
        const int index = query.toInt(&ok);
        if (ok && index >= 1 && index <= trace.tokens.size()) {
            selection.query = index - 1;
        } else {
            selection.query = -1;
            for (int i = 0; i < trace.tokens.size() && selection.query < 0; ++i)
                if (trace.tokens[i].compare(query, Qt::CaseInsensitive) == 0)
                    selection.query = i;
            if (selection.query < 0) {
                *error = QStringLiteral("--query \"%1\" is neither a position from 1 to %2 nor one of the tokens")
                             .arg(query).arg(trace.tokens.size());
                return std::nullopt;
            }
        }
    }
    return selection;
}

} // namespace attnlab::app
