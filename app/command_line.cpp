#include "command_line.h"

#include "main_window.h"
#include "memory_tuning.h"
#include "output_file.h"
#include "trace_json.h"
#include "trace_request.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace attnlab::app {

namespace {

const char* const kUsage =
    "usage: attnlab                       start the application\n"
    "       attnlab run INPUT [OPTIONS] --json FILE|-\n"
    "INPUT:   --matrices FILE.json | --text \"…\" [--model toy] [--memory \"…\"]\n"
    "OPTIONS: --mask none|causal|window:K|padding:N   --scaling sqrt|none|temperature:T\n"
    "         --layer L --head H --query Q (1-based, checked against the trace)\n"
    "         toy model: --layers N --heads H --d-model D --d-ff F --seed S\n"
    "                    --pe none|naive|sinusoidal|learned|rope|alibi --norm pre|post --activation relu|gelu|gelu_tanh\n";

int fail(const QString& message, int code = ExitBadInput)
{
    std::fprintf(stderr, "error: %s\n", qPrintable(message));
    if (code == ExitUsage)
        std::fprintf(stderr, "%s", kUsage);
    return code;
}

// "--heads 3" -> 3, with a usage error naming the option when it is not a whole number in range.
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

// The option values of `run` -> a request; "" error or a usage message.
std::optional<TraceRequest> requestFromOptions(const QCommandLineParser& parser, QString* error, int* code)
{
    TraceRequest request;
    *code = ExitUsage;
    request.matricesFile = parser.value(QStringLiteral("matrices"));
    request.text = parser.value(QStringLiteral("text"));
    request.memory = parser.value(QStringLiteral("memory"));
    if (parser.isSet(QStringLiteral("model")))
        request.modelName = parser.value(QStringLiteral("model"));
    if (request.matricesFile.isEmpty() == !parser.isSet(QStringLiteral("text"))) {
        *error = QStringLiteral("give exactly one input: --matrices FILE.json or --text \"…\"");
        return std::nullopt;
    }
    *code = ExitBadInput; // from here on the values themselves are wrong, not the usage
    if (parser.isSet(QStringLiteral("mask"))) {
        auto mask = model::parseMaskSpec(parser.value(QStringLiteral("mask")));
        if (!mask) {
            *error = mask.error();
            return std::nullopt;
        }
        request.mask = *mask;
    }
    if (parser.isSet(QStringLiteral("scaling"))) {
        auto scaling = model::parseScaling(parser.value(QStringLiteral("scaling")));
        if (!scaling) {
            *error = scaling.error();
            return std::nullopt;
        }
        request.scaling = *scaling;
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
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        toy.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok) {
            *error = QStringLiteral("--seed \"%1\": expected a whole number ≥ 0").arg(parser.value(QStringLiteral("seed")));
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("pe"))) {
        auto pe = model::parsePositionalKind(parser.value(QStringLiteral("pe")));
        if (!pe) {
            *error = pe.error();
            return std::nullopt;
        }
        toy.positional = *pe;
    }
    if (parser.isSet(QStringLiteral("norm"))) {
        auto norm = model::parseNormPlacement(parser.value(QStringLiteral("norm")));
        if (!norm) {
            *error = norm.error();
            return std::nullopt;
        }
        toy.placement = *norm;
    }
    if (parser.isSet(QStringLiteral("activation"))) {
        auto activation = model::parseActivation(parser.value(QStringLiteral("activation")));
        if (!activation) {
            *error = activation.error();
            return std::nullopt;
        }
        toy.activation = *activation;
    }
    return request;
}

// --layer/--head/--query (1-based) must name something in the trace.
QString checkSelection(const QCommandLineParser& parser, const model::Trace& trace)
{
    const struct {
        const char* name;
        qsizetype count;
        const char* what;
    } selections[] = {{"layer", qsizetype(trace.layers.size()), "layers"},
                      {"head", trace.layers.empty() ? 0 : qsizetype(trace.layers[0].heads.size()), "heads"},
                      {"query", trace.tokens.size(), "query tokens"}};
    for (const auto& s : selections) {
        if (!parser.isSet(QLatin1String(s.name)))
            continue;
        bool ok = false;
        const int value = parser.value(QLatin1String(s.name)).toInt(&ok);
        if (!ok || value < 1 || value > s.count)
            return QStringLiteral("--%1 %2 is out of range: the trace has %3 %4")
                .arg(QLatin1String(s.name), parser.value(QLatin1String(s.name))).arg(s.count).arg(QLatin1String(s.what));
    }
    return {};
}

int runRun(const QStringList& arguments)
{
    QCommandLineParser parser;
    for (const char* name : {"matrices", "text", "memory", "model", "mask", "scaling", "layer", "head", "query", "layers",
                             "heads", "d-model", "d-ff", "seed", "pe", "norm", "activation", "json", "theme"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    if (!parser.parse(QStringList{QStringLiteral("attnlab run")} + arguments))
        return fail(parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (!parser.isSet(QStringLiteral("json")))
        return fail(QStringLiteral("run needs --json FILE or --json - (standard output)"), ExitUsage);

    QString error;
    int code = ExitUsage;
    const auto request = requestFromOptions(parser, &error, &code);
    if (!request)
        return fail(error, code);
    const auto trace = computeTrace(*request);
    if (!trace)
        return fail(trace.error());
    if (const QString selection = checkSelection(parser, *trace); !selection.isEmpty())
        return fail(selection);

    const QByteArray json = QJsonDocument(model::traceToJson(*trace)).toJson(QJsonDocument::Indented);
    const auto written = writeOutput(parser.value(QStringLiteral("json")), json);
    return written ? ExitOk : fail(written.error());
}

} // namespace

bool isCommand(const QStringList& arguments)
{
    return !arguments.isEmpty();
}

int runCommand(const QStringList& arguments)
{
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("run"))
        return runRun(rest);
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        std::printf("AttnLab %s: see how transformer attention works.\n%s", ATTNLAB_VERSION, kUsage);
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        std::printf("attnlab %s\n", ATTNLAB_VERSION);
        return ExitOk;
    }
    return fail(QStringLiteral("unknown command \"%1\"").arg(command), ExitUsage);
}

int runMain(int argc, char* argv[])
{
    model::keepFreedMemoryForReuse();
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (isCommand(arguments)) {
        QCoreApplication app(argc, argv);
        return runCommand(arguments);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AttnLab"));
    QApplication::setOrganizationName(QStringLiteral("AttnLab"));
    MainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace attnlab::app
