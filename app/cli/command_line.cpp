#include "app/cli/command_line.h"

#include "app/cli/cli_options.h"
#include "app/cli/compare_options.h"
#include "app/cli/deck_command.h"
#include "app/cli/download_command.h"
#include "widgets/drawing/figure_export.h"
#include "app/window/language.h"
#include "app/cli/lessons_command.h"
#include "app/window/main_window.h"
#include "model/core/memory_tuning.h"
#include "app/cli/output_file.h"
#include "app/cli/params_command.h"
#include "app/cli/patch_command.h"
#include "app/cli/train_command.h"
#include "app/cli/session_command.h"
#include "app/session/session_controller.h"
#include "model/analysis/ablation_effects.h"
#include "model/analysis/analysis_json.h"
#include "model/analysis/qk_projection.h"
#include "model/analysis/trace_analyses.h"
#include "model/trace/head_scores.h"
#include "model/trace/trace_json.h"
#include "model/trace/trace_safetensors.h"
#include "model/pipeline/trace_request.h"
#include "widgets/views/comparison_view.h"
#include "widgets/views/head_roles_view.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/views/rollout_view.h"
#include "widgets/views/step_view.h"
#include "model/tokenizers/tokenizer.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cstdio>

namespace attnlab::app {

namespace {

const char* const kUsage =
    "usage: attnlab [--lang en|ja|fa]     start the application (in English, Japanese or Persian)\n"
    "       attnlab [--session] FILE.attnlab  start the application with a saved session\n"
    "       attnlab run INPUT [OPTIONS] [--json FILE|- [--all] [--head-scores] [--rollout] [--flow] [--lens]\n"
    "                      [--head-effects] [--qk]] [--trace FILE.safetensors]\n"
    "                      (--head-scores: every head's previous_token, induction, first_token, diagonal,\n"
    "                      duplicate and entropy scores, [layer][head] arrays in layer order;\n"
    "                      --rollout: attention rollout, one T×T matrix per layer; --flow: attention flow of\n"
    "                      --query (or the last token) to every input token, per layer; --lens: the top\n"
    "                      predictions of every layer's stream; --head-effects: Δ log-probability of the\n"
    "                      prediction at --query (or the last token) with each head switched off in turn;\n"
    "                      --qk: the --layer/--head's queries and keys in one plane, AttentionViz's PCA)\n"
    "       attnlab export INPUT [OPTIONS] --view VIEW --out FILE.png|.svg|.pdf [--width W --height H --dpi D]\n"
    "                      [--theme light|dark] [--exact] [--presentation] [--step 1-5] [--no-title]\n"
    "                      [--flow] (--view rollout: attention flow instead of rollout)\n"
    "                      [--colormap viridis|magma|cividis] [--color-scale fixed|max|log]\n"
    "                      (PNG: --dpi 192 unless given)\n"
    "                      --view steps --all-steps --out FILE.pdf|FILE-%d.png|FILE-%d.svg: every step, one\n"
    "                      PDF page or one numbered file (from 1) each\n"
    "       attnlab export --lesson ID|FILE --deck --out FILE.pdf [--lang en|ja|fa] [--theme light|dark]\n"
    "                      [--presentation] [--width W --height H]   a lesson as slides: a page per step, a\n"
    "                      question's answer on the page after it\n"
    "       attnlab run|export INPUT … --compare-text \"…\" [--compare-model DIR|toy]   two inputs (or, with\n"
    "                      --compare-model alone, two models on one text) side by side: export draws A | B and,\n"
    "                      for the heatmap, A − B on a diverging scale; run --json adds \"comparison\" (A − B of\n"
    "                      the --layer/--head, aligned on the shorter input)\n"
    "       attnlab tokenize --tokenizer PATH --text \"…\" [--json FILE|-]\n"
    "       attnlab params [--d-model D --heads H --d-ff F --vocab V --encoder-layers N --decoder-layers N\n"
    "                      --batch B --seq T --bias|--no-bias --tied] [--json FILE|-]\n"
    "       attnlab lessons [--lang en|ja|fa] [--json FILE|-] [--show ID|FILE] | --validate FILE\n"
    "       attnlab download NAME|ORG/NAME [--dir CACHE_DIR] [--endpoint URL]   (NAME: attnlab download --help)\n"
    "                      [--revision REV]\n"
    "       attnlab train --task sort|reverse|induction|modadd|brackets|pronoun|text:FILE --out DIR [OPTIONS]\n"
    "                      (OPTIONS: attnlab train --help)\n"
    "       attnlab patch --clean \"…\" --corrupted \"…\" --model DIR --target TOKEN [--wrong TOKEN] [--query N]\n"
    "                      (--json FILE|- | --out FIGURE)   activation patching (attnlab patch --help)\n"
    "INPUT:   --matrices FILE.json | --text \"…\" [--model toy|DIR|FILE.bin] [--tokenizer PATH]\n"
    "         [--memory \"…\"] [--max-tokens N] [--max-layers L] | --lesson ID|FILE | --session FILE.attnlab\n"
    "OPTIONS: --mask none|causal|window:K|padding:N   --scaling sqrt|none|temperature:T\n"
    "         --layer L --head H|all|average|max --query N|token (1-based)\n"
    "         --ablate L.H[,L.H…] --ablate-mlp L[,L…] --ablation zero|mean   (heads and MLPs switched off)\n"
    "         toy model: --layers N --heads H --d-model D --d-ff F --seed S\n"
    "                    --pe none|naive|sinusoidal|learned|rope|alibi --norm pre|post --activation relu|gelu|gelu_tanh|silu\n";

// The command line promises one "error: …" line for bad input and nothing else on standard error, so Qt's own
// chatter (XDG_RUNTIME_DIR, font fallbacks) is dropped; ATTNLAB_VERBOSE=1 shows it.
void quietMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtFatalMsg || type == QtCriticalMsg || qEnvironmentVariableIsSet("ATTNLAB_VERBOSE"))
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

// The way out of a token limit on the command line: run the first tokens that fit.
QString tokenLimitHint(const model::TokenLimit& exceeded)
{
    QStringList ways;
    if (exceeded.limit > 0) ways << QStringLiteral("--max-tokens %1 runs the first %1").arg(exceeded.limit);
    if (exceeded.layers > 0)
        ways << (exceeded.layers == 1
                     ? QStringLiteral("--max-layers 1 runs every token through the first layer")
                     : QStringLiteral("--max-layers %1 runs every token through the first %1 layers").arg(exceeded.layers));
    return ways.isEmpty() ? QString() : QStringLiteral(" (") + ways.join(QLatin1String("; ")) + QLatin1Char(')');
}

// A (layers, heads) matrix -> [[…heads of layer 1…], …]: layers outer, heads inner.
QJsonArray layersByHeads(const model::Matrix& m)
{
    QJsonArray layers;
    for (Eigen::Index l = 0; l < m.rows(); ++l) {
        QJsonArray heads;
        for (Eigen::Index h = 0; h < m.cols(); ++h)
            heads.append(m(l, h));
        layers.append(heads);
    }
    return layers;
}

// --head-scores: json gets "head_scores" with the six scores of every head of the trace (Trace::headRoles, which
// computeTrace adds when the request asks for the analysis), induction measured on the induction probe (random
// tokens repeated, not the user's input), whose tokens go to "induction_probe". Typed matrices have no model to
// run the probe on: induction is null and a warning says why. Fails when the probe could not run.
model::Result<void> addHeadScores(QJsonObject& json, const model::Trace& trace)
{
    if (!trace.headRoles)
        return model::Result<void>::failure(QStringLiteral("the trace has no head scores"));
    const model::HeadRoles& roles = *trace.headRoles;
    if (!roles.unavailable.isEmpty()) return model::Result<void>::failure(roles.unavailable);
    QJsonObject object{{QStringLiteral("previous_token"), layersByHeads(roles.previousToken)},
                       {QStringLiteral("first_token"), layersByHeads(roles.firstToken)},
                       {QStringLiteral("diagonal"), layersByHeads(roles.diagonal)},
                       {QStringLiteral("duplicate"), layersByHeads(roles.duplicate)},
                       {QStringLiteral("entropy"), layersByHeads(roles.entropy)}};
    if (trace.source == model::TraceSource::Matrices) {
        object[QStringLiteral("induction")] = QJsonValue();
        QJsonArray warnings = json[QStringLiteral("warnings")].toArray();
        warnings.append(QStringLiteral("head_scores.induction is null: ") + roles.inductionNote);
        json[QStringLiteral("warnings")] = warnings;
    } else {
        if (!roles.hasInduction) return model::Result<void>::failure(roles.inductionNote);
        object[QStringLiteral("induction")] = layersByHeads(roles.induction);
        QJsonArray ids;
        for (int id : roles.probeTokenIds)
            ids.append(id);
        json[QStringLiteral("induction_probe")] = QJsonObject{
            {QStringLiteral("token_ids"), ids}, {QStringLiteral("tokens"), QJsonArray::fromStringList(roles.probeTokens)}};
    }
    json[QStringLiteral("head_scores")] = object;
    return model::Result<void>::success();
}

// --rollout, --flow: json gets "rollout" (computed with the trace) and "flow" of query (−1: the last token; −2: no
// flow), computed here, where the query a token names is known. Fails when either cannot be computed (the flow's
// work limit), with the reason.
model::Result<void> addAnalysesJson(QJsonObject& json, model::Trace& trace, bool rollout, int query)
{
    if (rollout) {
        if (!trace.rollout) return model::Result<void>::failure(trace.rolloutError);
        json[QStringLiteral("rollout")] = model::rolloutJson(*trace.rollout);
    }
    if (query > -2) {
        const int flowQuery = query >= 0 ? query : int(trace.tokens.size()) - 1;
        if (const auto added = model::addTraceAnalyses(trace, model::AnalysisRequest::rolloutAndFlow(false, flowQuery)); !added)
            return added;
        if (!trace.flow) return model::Result<void>::failure(trace.flowError);
        json[QStringLiteral("flow")] = model::flowJson(*trace.flow);
    }
    return model::Result<void>::success();
}

// --head-effects: for `position` (−1: the last token), each head switched off in turn (the request's --ablation
// mode), computed into the trace as the effects view has it (addAnalyses) -> {"position", "target": {id, token},
// "mode", "log_prob", "delta_log_prob": [[…heads…] per layer]}.
model::Result<QJsonObject> headEffectsJson(model::TraceRequest request, model::Trace& trace, int position)
{
    using R = model::Result<QJsonObject>;
    if (trace.predictions.empty())
        return R::failure(QStringLiteral("--head-effects needs the model's predictions: run every layer (no --max-layers)"));
    request.analyses = {};
    request.analyses.effectsQuery = position >= 0 ? position : int(trace.tokens.size()) - 1;
    if (const auto added = model::addAnalyses(request, trace); !added) return R::failure(added.error());
    if (!trace.headEffects) return R::failure(trace.headEffectsError);
    const model::HeadEffects& effects = *trace.headEffects;
    QJsonObject targetJson{{QStringLiteral("id"), effects.target}};
    if (!effects.targetText.isEmpty()) targetJson[QStringLiteral("token")] = effects.targetText;
    return QJsonObject{{QStringLiteral("position"), effects.position},
                       {QStringLiteral("target"), targetJson},
                       {QStringLiteral("mode"), model::enumName(model::kAblationModeNames, effects.mode)},
                       {QStringLiteral("log_prob"), effects.logProb},
                       {QStringLiteral("delta_log_prob"), layersByHeads(effects.delta)}};
}

// attnlab run INPUT … --json FILE: the selected layer and head (by default the last layer's first head) as
// JSON, or with --all the whole trace; --trace FILE.safetensors: the whole trace as float32 tensors.
int runRun(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("trace"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("all")));
    parser.addOption(QCommandLineOption(QStringLiteral("head-scores")));
    parser.addOption(QCommandLineOption(QStringLiteral("rollout")));
    parser.addOption(QCommandLineOption(QStringLiteral("flow")));
    parser.addOption(QCommandLineOption(QStringLiteral("lens")));
    parser.addOption(QCommandLineOption(QStringLiteral("head-effects")));
    parser.addOption(QCommandLineOption(QStringLiteral("qk")));
    addComparisonOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("attnlab run")} +
                      withSessionDefaults(withLessonDefaults(arguments, {"layer", "head", "query"}), {"layer", "head", "query"})))
        return fail(kUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    const bool json = parser.isSet(QStringLiteral("json")), binary = parser.isSet(QStringLiteral("trace"));
    if (!json && !binary)
        return fail(kUsage, QStringLiteral("run needs --json FILE, --json - (standard output) or --trace FILE.safetensors"),
                    ExitUsage);
    if (parser.isSet(QStringLiteral("all")) && !json)
        return fail(kUsage, QStringLiteral("--all chooses what --json writes; --trace always writes the whole trace"), ExitUsage);
    const bool headScores = parser.isSet(QStringLiteral("head-scores"));
    if (headScores && !json)
        return fail(kUsage, QStringLiteral("--head-scores adds to what --json writes; --trace writes the tensors only"),
                    ExitUsage);
    const bool rollout = parser.isSet(QStringLiteral("rollout")), flow = parser.isSet(QStringLiteral("flow"));
    if ((rollout || flow) && !json)
        return fail(kUsage, QStringLiteral("--rollout and --flow add to what --json writes; --trace writes the tensors only"),
                    ExitUsage);
    const bool lens = parser.isSet(QStringLiteral("lens")), headEffects = parser.isSet(QStringLiteral("head-effects"));
    if ((lens || headEffects) && !json)
        return fail(kUsage, QStringLiteral("--lens and --head-effects add to what --json writes; --trace writes the tensors only"),
                    ExitUsage);
    const bool qk = parser.isSet(QStringLiteral("qk"));
    if (qk && !json)
        return fail(kUsage, QStringLiteral("--qk adds to what --json writes; --trace writes the tensors only"), ExitUsage);
    const bool compare = comparing(parser);
    if (compare && !json)
        return fail(kUsage,
                    QStringLiteral("--compare-text and --compare-model add \"comparison\" to what --json writes; "
                                   "--trace writes the tensors of A only"),
                    ExitUsage);
    if (binary && (parser.value(QStringLiteral("trace")).isEmpty() || parser.value(QStringLiteral("trace")) == QLatin1String("-")))
        return fail(kUsage, QStringLiteral("--trace needs a file name: the tensors are binary, not for standard output"),
                    ExitUsage);
    // The file is safetensors and nothing else: "--trace out.json" would write binary tensors under a text name.
    if (binary && !parser.value(QStringLiteral("trace")).endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive))
        return fail(kUsage,
                    QStringLiteral("--trace \"%1\": the trace's tensors are written as safetensors; name the file "
                                   "*.safetensors (for JSON, use --json)")
                        .arg(parser.value(QStringLiteral("trace"))),
                    ExitUsage);

    QString error;
    bool usage = false;
    auto request = requestFromOptions(parser, &error, &usage);
    if (!request)
        return fail(kUsage, error, usage ? ExitUsage : ExitBadInput);
    if (headScores && !request->memory.trimmed().isEmpty())
        return fail(kUsage, QStringLiteral("--head-scores scores self-attention heads; leave out --memory"));
    request->analyses.headRoles = headScores;
    if ((rollout || flow) && !request->memory.trimmed().isEmpty())
        return fail(kUsage, QStringLiteral("--%1 follows the tokens through self-attention; leave out --memory")
                                .arg(rollout ? QStringLiteral("rollout") : QStringLiteral("flow")));
    request->analyses.rollout = rollout;
    request->analyses.lens = lens;
    const bool typed = request->problem || !request->matricesFile.isEmpty();
    if ((lens || headEffects) && (typed || (!request->checkpoint.model && model::isToyModel(request->modelName))))
        return fail(kUsage, QStringLiteral("--%1 reads the model's predictions; %2 (use --model with a trained model)")
                                .arg(lens ? QStringLiteral("lens") : QStringLiteral("head-effects"),
                                     typed ? QStringLiteral("typed matrices have none")
                                           : QStringLiteral("the toy model has no output layer")));
    if (headEffects && !request->ablation.empty())
        return fail(kUsage, QStringLiteral("--head-effects switches each head off in turn from the model as trained; "
                                           "leave out --ablate and --ablate-mlp"),
                    ExitUsage);
    // The head effects rerun the checkpoint: load it once for the trace and them.
    if (headEffects && !request->checkpoint.model) {
        auto loaded = model::loadModel(request->modelName, request->tokenizerPath);
        if (!loaded) return fail(kUsage, loaded.error());
        request->checkpoint = std::move(loaded).value();
    }
    model::TokenLimit exceeded;
    auto trace = model::computeTrace(*request, &exceeded);
    if (!trace)
        return fail(kUsage, trace.error() + tokenLimitHint(exceeded));
    model::TraceSelection lastLayer;
    lastLayer.layer = std::max(0, int(trace->layers.size()) - 1);
    const auto selection = selectionFromOptions(parser, *trace, &error, lastLayer);
    if (!selection)
        return fail(kUsage, error);
    // --compare-text / --compare-model: B's trace, and A − B for the selection.
    std::optional<model::TraceComparison> comparison;
    std::optional<model::Trace> traceB;
    if (compare) {
        auto b = computeComparisonTrace(parser, *request);
        if (!b) return fail(kUsage, b.error());
        // (the shapes first: two models' layers and heads say more than a layer out of B's range)
        if (const auto same = model::checkSameShape(*trace, *b); !same) return fail(kUsage, same.error());
        const auto selectionB = comparisonSelection(parser, *selection, *b);
        if (!selectionB) return fail(kUsage, selectionB.error());
        auto compared = model::compareTraces(*trace, *b, *selection);
        if (!compared) return fail(kUsage, compared.error());
        comparison = std::move(compared).value();
        traceB = std::move(b).value();
    }

    // (everything that can fail before anything is written)
    QJsonObject object;
    if (json) {
        object = parser.isSet(QStringLiteral("all")) ? model::traceToJson(*trace) : model::traceToJson(*trace, *selection);
        if (comparison) object[QStringLiteral("comparison")] = comparisonJson(*comparison, *traceB);
        if (headScores)
            if (const auto added = addHeadScores(object, *trace); !added)
                return fail(kUsage, added.error());
        if (const auto added = addAnalysesJson(object, *trace, rollout, flow ? selection->query : -2); !added)
            return fail(kUsage, added.error());
        if (lens) {
            if (!trace->lens) return fail(kUsage, trace->lensError);
            object[QStringLiteral("lens")] = model::lensJson(*trace->lens);
        }
        if (headEffects) {
            const auto effects = headEffectsJson(*request, *trace, parser.isSet(QStringLiteral("query")) ? selection->query : -1);
            if (!effects) return fail(kUsage, effects.error());
            object[QStringLiteral("head_effects")] = *effects;
        }
        if (qk) {
            // One head's queries and keys: an aggregate of heads has none of its own.
            const qsizetype heads = qsizetype(trace->layers[size_t(selection->layer)].heads.size());
            if (selection->head < 0)
                return fail(kUsage, QStringLiteral("--qk projects one head's queries and keys: --head expects %1 (layer %2 has %3 "
                                                   "head%4), not all, average or max")
                                        .arg(heads == 1 ? QStringLiteral("1") : QStringLiteral("1 to %1").arg(heads))
                                        .arg(selection->layer + 1)
                                        .arg(heads)
                                        .arg(heads == 1 ? QString() : QStringLiteral("s")));
            const model::HeadTrace& head = trace->layers[size_t(selection->layer)].heads[size_t(selection->head)];
            object[QStringLiteral("qk_projection")] =
                model::qkProjectionJson(model::projectHeadQueriesAndKeys(head), selection->layer, selection->head);
        }
    }
    if (binary) {
        const auto written = model::writeTraceSafetensors(*trace, parser.value(QStringLiteral("trace")));
        if (!written)
            return fail(kUsage, written.error());
    }
    if (json) {
        const auto written = writeOutput(parser.value(QStringLiteral("json")), model::jsonText(object));
        if (!written)
            return fail(kUsage, written.error());
    }
    return ExitOk;
}

// attnlab tokenize --tokenizer PATH --text "…" [--json FILE|-] -> {"ids": […], "tokens": […]}
int runTokenize(const QStringList& arguments)
{
    QCommandLineParser parser;
    for (const char* name : {"tokenizer", "text", "json"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    if (!parser.parse(QStringList{QStringLiteral("attnlab tokenize")} + arguments))
        return fail(kUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (!parser.isSet(QStringLiteral("tokenizer")) || !parser.isSet(QStringLiteral("text")))
        return fail(kUsage, QStringLiteral("tokenize needs --tokenizer PATH and --text \"…\""), ExitUsage);
    const auto tokenizer = model::Tokenizer::load(parser.value(QStringLiteral("tokenizer")));
    if (!tokenizer)
        return fail(kUsage, tokenizer.error());
    const model::Encoding encoding = (*tokenizer)->encode(parser.value(QStringLiteral("text")));
    QJsonArray ids;
    for (int id : encoding.ids)
        ids.append(id);
    QJsonObject json{{QStringLiteral("ids"), ids},
                     {QStringLiteral("tokens"), QJsonArray::fromStringList(encoding.tokens)}};
    // What the vocabulary could not spell, as `run --json` reports it.
    if (!encoding.unknown.empty()) {
        QJsonArray unknown;
        for (const model::UnknownCharacter& u : encoding.unknown) {
            QJsonObject entry{{QStringLiteral("character"), u.character},
                              {QStringLiteral("token"), u.token},
                              {QStringLiteral("dropped"), u.dropped}};
            if (u.wordLength > 0) entry[QStringLiteral("word_length")] = u.wordLength; // a word too long to tokenize
            unknown.append(entry);
        }
        json[QStringLiteral("unknown_characters")] = unknown;
        json[QStringLiteral("warnings")] =
            QJsonArray{model::unknownCharactersWarning(encoding.unknown, encoding.tokens)};
    }
    const QString out = parser.isSet(QStringLiteral("json")) ? parser.value(QStringLiteral("json")) : QStringLiteral("-");
    const auto written = writeOutput(out, QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n');
    return written ? ExitOk : fail(kUsage, written.error());
}

int runExport(const QStringList& arguments)
{
    if (asksForDeck(arguments))
        return runDeckExport(arguments);
    QCommandLineParser parser;
    addCommonOptions(parser);
    for (const char* name : {"view", "out", "width", "height", "dpi", "step", "colormap", "color-scale", "score"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    for (const char* flag : {"exact", "presentation", "no-title", "all-steps", "flow"})
        parser.addOption(QCommandLineOption(QLatin1String(flag)));
    addComparisonOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("attnlab export")} +
                      withSessionDefaults(withLessonDefaults(arguments, {"view", "layer", "head", "query", "step", "exact"}),
                                          {"view", "layer", "head", "query", "exact", "theme", "presentation", "colormap",
                                           "color-scale"})))
        return fail(kUsage, parser.errorText(), ExitUsage);
    if (!parser.positionalArguments().isEmpty())
        return fail(kUsage, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()), ExitUsage);
    if (!parser.isSet(QStringLiteral("out")))
        return fail(kUsage, QStringLiteral("export needs --out FILE.png|.svg|.pdf"), ExitUsage);
    const QString viewName = parser.isSet(QStringLiteral("view")) ? parser.value(QStringLiteral("view")) : QStringLiteral("heatmap");
    auto view = widgets::createView(viewName);
    if (!view)
        return fail(kUsage, QStringLiteral("unknown view \"%1\" (expected %2)")
                        .arg(viewName, widgets::viewNames().join(QStringLiteral(", "))),
                    ExitUsage);

    if (viewName == QLatin1String("patching"))
        return fail(kUsage, QStringLiteral("the patching figure compares two inputs: attnlab patch --clean \"…\" --corrupted "
                                           "\"…\" --model DIR --target TOKEN --out FILE"),
                    ExitUsage);
    const bool flowMode = parser.isSet(QStringLiteral("flow"));
    if (flowMode && viewName != QLatin1String("rollout"))
        return fail(kUsage, QStringLiteral("--flow shows attention flow in --view rollout, not in --view %1").arg(viewName),
                    ExitUsage);
    // --compare-text / --compare-model: the same view of B beside A's (comparison_view.h).
    std::unique_ptr<widgets::TraceView> viewB = comparing(parser) ? widgets::createView(viewName) : nullptr;
    for (widgets::TraceView* v : {view.get(), viewB.get()})
        if (auto* rolloutView = dynamic_cast<widgets::RolloutView*>(v))
            rolloutView->setMode(flowMode ? widgets::RolloutMode::Flow : widgets::RolloutMode::Rollout);
    const bool allSteps = parser.isSet(QStringLiteral("all-steps"));
    if (allSteps && viewB)
        return fail(kUsage, QStringLiteral("--all-steps exports the steps of one input: leave out --compare-text and "
                                           "--compare-model"),
                    ExitUsage);
    if (allSteps && viewName != QLatin1String("steps"))
        return fail(kUsage, QStringLiteral("--all-steps exports the steps of --view steps, not of --view %1").arg(viewName),
                    ExitUsage);
    // (a lesson's own step is a default, not a request: only a --step given here conflicts)
    if (allSteps && rawOption(arguments, QStringLiteral("step")))
        return fail(kUsage, QStringLiteral("--all-steps exports every step: leave out --step"), ExitUsage);
    const QString out = parser.value(QStringLiteral("out"));
    if (allSteps && !out.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive) && !out.contains(QLatin1String("%d")))
        return fail(kUsage,
                    QStringLiteral("--all-steps writes one file per step: put %d in the name for the step's number "
                                   "(e.g. --out steps-%d.png), or write one PDF with a page per step (--out steps.pdf)"),
                    ExitUsage);

    // --score NAME: which head-role score the roles view draws.
    auto* roles = dynamic_cast<widgets::HeadRolesView*>(view.get());
    if (parser.isSet(QStringLiteral("score"))) {
        if (!roles)
            return fail(kUsage, QStringLiteral("--score chooses the score of --view roles, not of --view %1").arg(viewName),
                        ExitUsage);
        const QString name = parser.value(QStringLiteral("score"));
        const auto score = model::enumValue(model::kHeadRoleNames, name);
        if (!score)
            return fail(kUsage, QStringLiteral("--score \"%1\": expected one of %2")
                                    .arg(name, model::enumNames(model::kHeadRoleNames).join(QStringLiteral(", "))),
                        ExitUsage);
        roles->setScore(*score);
        if (auto* rolesB = dynamic_cast<widgets::HeadRolesView*>(viewB.get())) rolesB->setScore(*score);
    }

    QString error;
    bool usage = false;
    auto request = requestFromOptions(parser, &error, &usage);
    if (!request)
        return fail(kUsage, error, usage ? ExitUsage : ExitBadInput);
    // What the view draws besides the forward pass (the roles view: the heads' scores; the rollout view: rollout,
    // and the flow, whose query follows below) is computed with the trace.
    request->analyses = view->analysesNeeded();
    widgets::ExportOptions options;
    // The export dialog's resolution: the same figure from the command line and the window.
    options.dpi = 192;
    options.title = !parser.isSet(QStringLiteral("no-title"));
    const struct {
        const char* name;
        int* target;
        int min, max;
    } sizes[] = {{"width", nullptr, 16, 16384}, {"height", nullptr, 16, 16384}, {"dpi", &options.dpi, 24, 1200}};
    int width = 0, height = 0;
    for (const auto& s : sizes) {
        if (!parser.isSet(QLatin1String(s.name)))
            continue;
        bool ok = false;
        const int value = parser.value(QLatin1String(s.name)).toInt(&ok);
        if (!ok || value < s.min || value > s.max)
            return fail(kUsage, QStringLiteral("--%1 \"%2\": expected a whole number from %3 to %4")
                            .arg(QLatin1String(s.name), parser.value(QLatin1String(s.name))).arg(s.min).arg(s.max));
        if (s.target)
            *s.target = value;
        else
            (qstrcmp(s.name, "width") == 0 ? width : height) = value;
    }
    widgets::ViewStyle style;
    const QString theme = parser.value(QStringLiteral("theme"));
    if (!theme.isEmpty() && theme != QLatin1String("light") && theme != QLatin1String("dark"))
        return fail(kUsage, QStringLiteral("--theme \"%1\": expected light or dark").arg(theme));
    style.theme = theme == QLatin1String("dark") ? widgets::Theme::Dark : widgets::Theme::Light;
    style.presentation = parser.isSet(QStringLiteral("presentation"));
    if (parser.isSet(QStringLiteral("colormap"))) {
        const QString map = parser.value(QStringLiteral("colormap"));
        bool known = false;
        for (const widgets::ColorMapKind kind :
             {widgets::ColorMapKind::Viridis, widgets::ColorMapKind::Magma, widgets::ColorMapKind::Cividis})
            if (widgets::colorMapName(kind) == map) {
                style.weightMap = kind;
                known = true;
            }
        if (!known)
            return fail(kUsage, QStringLiteral("--colormap \"%1\": expected viridis, magma or cividis").arg(map));
    }
    if (parser.isSet(QStringLiteral("color-scale"))) {
        const QString name = parser.value(QStringLiteral("color-scale"));
        const auto scale = model::enumValue(widgets::kColorScaleNames, name);
        if (!scale)
            return fail(kUsage, QStringLiteral("--color-scale \"%1\": expected one of %2")
                                    .arg(name, model::enumNames(widgets::kColorScaleNames).join(QStringLiteral(", "))));
        style.weightScale = *scale;
    }

    // The effects view reruns the checkpoint once the token is known: load it once for the trace and the reruns.
    if (viewName == QLatin1String("effects") && !request->problem && request->matricesFile.isEmpty() &&
        !request->checkpoint.model && !model::isToyModel(request->modelName)) {
        auto loaded = model::loadModel(request->modelName, request->tokenizerPath);
        if (!loaded) return fail(kUsage, loaded.error());
        request->checkpoint = std::move(loaded).value();
    }
    model::TokenLimit exceeded;
    auto trace = model::computeTrace(*request, &exceeded);
    if (!trace)
        return fail(kUsage, trace.error() + tokenLimitHint(exceeded));
    // Matrix mode is about exact values: show them unless the trace has none.
    style.exact = parser.isSet(QStringLiteral("exact")) || trace->exact;
    const auto selection = selectionFromOptions(parser, *trace, &error);
    if (!selection)
        return fail(kUsage, error);
    model::TraceSelection shown = *selection;
    // The head and arc views exist to compare heads: without --head they draw all of them.
    if (!parser.isSet(QStringLiteral("head")) && (viewName == QLatin1String("heads") || viewName == QLatin1String("arcs")))
        shown.head = model::AllHeads;
    bool stepOk = true;
    const int step = parser.isSet(QStringLiteral("step")) ? parser.value(QStringLiteral("step")).toInt(&stepOk) : 5;
    if (dynamic_cast<widgets::StepView*>(view.get()) && (!stepOk || step < 1 || step > 5))
        return fail(kUsage, QStringLiteral("--step \"%1\": expected a whole number from 1 to 5").arg(parser.value(QStringLiteral("step"))));
    // The view with its trace, selection and style, and the analyses that depend on the selection (the flow of
    // the selected query, which a token may name), known once the trace and the selection are -> the trace
    // shown, or the error.
    const auto showTrace = [&](widgets::TraceView& v, model::Trace t, const model::TraceSelection& chosen,
                               const model::TraceRequest& asked) -> model::Result<std::shared_ptr<const model::Trace>> {
        using R = model::Result<std::shared_ptr<const model::Trace>>;
        v.setStyle(style);
        auto current = std::make_shared<const model::Trace>(std::move(t));
        v.setTrace(current);
        v.setSelection(chosen);
        const model::AnalysisRequest needed = v.analysesNeeded();
        if (needed != asked.analyses) {
            model::Trace analysed = *v.trace();
            model::TraceRequest more = asked;
            more.analyses = needed;
            if (const auto added = model::addAnalyses(more, analysed); !added) return R::failure(added.error());
            current = std::make_shared<const model::Trace>(std::move(analysed));
            v.setTrace(current);
        }
        // An analysis the trace cannot have (cross-attention, a flow over the work limit) is an error here, as in run.
        if (const QString missing = model::missingAnalysisError(needed, *v.trace()); !missing.isEmpty())
            return R::failure(missing);
        // A figure for a slide shows the whole chain unless a step is asked for.
        if (auto* steps = dynamic_cast<widgets::StepView*>(&v)) steps->setStep(step - 1);
        return R::success(std::move(current));
    };
    const auto shownA = showTrace(*view, std::move(trace).value(), shown, *request);
    if (!shownA) return fail(kUsage, shownA.error());
    if (viewB) {
        // B: the other text or model, its selection checked against it; A − B when the shapes match.
        auto traceB = computeComparisonTrace(parser, *request);
        if (!traceB) return fail(kUsage, traceB.error());
        const auto selectionB = comparisonSelection(parser, shown, *traceB);
        if (!selectionB) return fail(kUsage, selectionB.error());
        auto requestB = comparisonRequest(parser, *request);
        const auto shownB = showTrace(*viewB, std::move(traceB).value(), *selectionB, *requestB);
        if (!shownB) return fail(kUsage, comparisonPrefix(parser) + shownB.error());
        auto compared = model::compareTraces(**shownA, **shownB, *selection);
        if (!compared.error().isEmpty() && viewName == QLatin1String("heatmap"))
            std::fprintf(stderr, "warning: %s\n", qPrintable(compared.error()));
        if (const model::TraceAlignment aligned = model::alignTraces(**shownA, **shownB); !aligned.warning.isEmpty())
            std::fprintf(stderr, "warning: %s\n", qPrintable(aligned.warning));
        auto comparisonView = std::make_unique<widgets::ComparisonView>(std::move(view), std::move(viewB));
        comparisonView->setStyle(style);
        comparisonView->setSelection(shown);
        comparisonView->setTraces(*shownA, *shownB,
                                  compared ? std::optional<model::TraceComparison>(std::move(compared).value()) : std::nullopt,
                                  compared ? QString() : compared.error(), comparisonLabel(parser, **shownA, *request),
                                  comparisonLabel(parser, **shownB, *requestB));
        view = std::move(comparisonView);
    }
    const QSize preferred = view->preferredFigureSize();
    options.size = QSize(width > 0 ? width : preferred.width(), height > 0 ? height : preferred.height());
    if (allSteps) {
        auto* steps = static_cast<widgets::StepView*>(view.get());
        const auto written = widgets::exportFrames(*view, out, options,
                                                   {widgets::kAttentionStepCount, [steps](int step) { steps->setStep(step); }});
        return written ? ExitOk : fail(kUsage, written.error());
    }
    const auto written = widgets::exportFigure(*view, out, options);
    return written ? ExitOk : fail(kUsage, written.error());
}

} // namespace

bool isCommand(const QStringList& arguments)
{
    return !arguments.isEmpty() && sessionToOpen(arguments).isNull();
}

int runCommand(const QStringList& arguments)
{
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if ((command == QLatin1String("run") || command == QLatin1String("export") || command == QLatin1String("tokenize")) &&
        (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h")))) {
        std::printf("%s", kUsage);
        return ExitOk;
    }
    if (command == QLatin1String("run"))
        return runRun(rest);
    if (command == QLatin1String("export"))
        return runExport(rest);
    if (command == QLatin1String("tokenize"))
        return runTokenize(rest);
    if (command == QLatin1String("params"))
        return runParams(rest);
    if (command == QLatin1String("lessons"))
        return runLessons(rest);
    if (command == QLatin1String("download"))
        return runDownload(rest);
    if (command == QLatin1String("train"))
        return runTrain(rest);
    if (command == QLatin1String("patch"))
        return runPatch(rest);
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        std::printf("AttnLab %s: see how transformer attention works.\n%s", ATTNLAB_VERSION, kUsage);
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        std::printf("attnlab %s\n", ATTNLAB_VERSION);
        return ExitOk;
    }
    return fail(kUsage, QStringLiteral("unknown command \"%1\"").arg(command), ExitUsage);
}

int runMain(int argc, char* argv[])
{
    model::keepFreedMemoryForReuse();
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // `attnlab --lang ja` is the application in Japanese; what follows --lang is parsed as if it were absent.
    const auto language = takeLanguageOption(arguments);
    if (!language)
        return fail(kUsage, language.error(), ExitUsage);
    // The command line and the window share the user's lessons folder (QStandardPaths::AppDataLocation).
    QCoreApplication::setApplicationName(QStringLiteral("AttnLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("AttnLab"));
    if (isCommand(arguments))
        qInstallMessageHandler(quietMessages);
    if (arguments.value(0) == QLatin1String("export") || arguments.value(0) == QLatin1String("patch")) {
        // Figures render through the widgets, which need a QApplication; no window is ever shown, so no
        // display is needed either.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return runCommand(arguments);
    }
    if (isCommand(arguments)) {
        QCoreApplication app(argc, argv);
        return runCommand(arguments);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AttnLab"));
    QApplication::setOrganizationName(QStringLiteral("AttnLab"));
    QApplication::setApplicationVersion(QStringLiteral(ATTNLAB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/attnlab.svg")));
    installLanguage(chooseLanguage(*language, savedLanguage(), QLocale::system().uiLanguages()));
    SessionController::setInteractive(true);
    MainWindow window;
    window.show();
    window.sessions()->offerRecovery();
    if (const QString session = sessionToOpen(arguments); !session.isNull())
        window.sessions()->openFile(session);
    window.showLessonsAtFirstStart();
    return QApplication::exec();
}

int fail(const char* usage, const QString& message, int code)
{
    std::fprintf(stderr, "error: %s\n", qPrintable(message));
    if (code == ExitUsage)
        std::fprintf(stderr, "%s", usage);
    return code;
}

std::optional<QString> rawOption(const QStringList& arguments, const QString& name)
{
    const QString flag = QStringLiteral("--") + name;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == flag)
            return arguments.value(i + 1);
        if (arguments[i].startsWith(flag + QLatin1Char('=')))
            return arguments[i].mid(flag.size() + 1);
    }
    return std::nullopt;
}

} // namespace attnlab::app
