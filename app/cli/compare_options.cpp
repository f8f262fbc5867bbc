#include "app/cli/compare_options.h"

#include "model/trace/trace_json.h"

#include <QJsonArray>

namespace attnlab::app {

void addComparisonOptions(QCommandLineParser& parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("compare-text"), QString(), QStringLiteral("text")));
    parser.addOption(QCommandLineOption(QStringLiteral("compare-model"), QString(), QStringLiteral("model")));
}

bool comparing(const QCommandLineParser& parser)
{
    return parser.isSet(QStringLiteral("compare-text")) || parser.isSet(QStringLiteral("compare-model"));
}

QString comparisonPrefix(const QCommandLineParser& parser)
{
    return parser.isSet(QStringLiteral("compare-text")) ? QStringLiteral("--compare-text: ")
                                                        : QStringLiteral("--compare-model: ");
}

model::Result<model::TraceRequest> comparisonRequest(const QCommandLineParser& parser, const model::TraceRequest& a)
{
    using R = model::Result<model::TraceRequest>;
    const QString option = parser.isSet(QStringLiteral("compare-text")) ? QStringLiteral("--compare-text")
                                                                        : QStringLiteral("--compare-model");
    if (a.problem || !a.matricesFile.isEmpty())
        return R::failure(QStringLiteral("%1 compares two runs of a model on a text; typed matrices have neither "
                                         "(use --text \"…\" with --model)")
                              .arg(option));
    model::TraceRequest b = a;
    if (parser.isSet(QStringLiteral("compare-text"))) b.text = parser.value(QStringLiteral("compare-text"));
    if (parser.isSet(QStringLiteral("compare-model"))) {
        b.modelName = parser.value(QStringLiteral("compare-model"));
        // B's tokenizer is its own model's.
        b.tokenizerPath.clear();
        b.checkpoint = {};
    }
    return b;
}

model::Result<model::Trace> computeComparisonTrace(const QCommandLineParser& parser, const model::TraceRequest& a)
{
    using R = model::Result<model::Trace>;
    auto b = comparisonRequest(parser, a);
    if (!b) return R::failure(b.error());
    if (a.checkpoint.model && !b->checkpoint.model && !model::isToyModel(b->modelName)) {
        auto loaded = model::loadModel(b->modelName);
        if (!loaded) return R::failure(comparisonPrefix(parser) + loaded.error());
        b->checkpoint = std::move(loaded).value();
    }
    auto trace = model::computeTrace(*b);
    if (!trace) return R::failure(comparisonPrefix(parser) + trace.error());
    return trace;
}

model::Result<model::TraceSelection> comparisonSelection(const QCommandLineParser& parser,
                                                         const model::TraceSelection& selection, const model::Trace& b)
{
    using R = model::Result<model::TraceSelection>;
    const int layers = int(b.layers.size());
    if (selection.layer >= layers)
        return R::failure(comparisonPrefix(parser) + QStringLiteral("--layer %1 is out of range for B: expected 1 to %2")
                                                         .arg(selection.layer + 1)
                                                         .arg(layers));
    const int heads = int(b.layers[size_t(selection.layer)].heads.size());
    if (selection.head >= heads)
        return R::failure(comparisonPrefix(parser) +
                          QStringLiteral("--head %1 is out of range for B: expected 1 to %2, all, average or max "
                                         "(B's layer %3 has %2 heads)")
                              .arg(selection.head + 1)
                              .arg(heads)
                              .arg(selection.layer + 1));
    model::TraceSelection s = selection;
    if (s.query >= b.tokens.size()) s.query = -1;
    return s;
}

QString comparisonLabel(const QCommandLineParser& parser, const model::Trace& trace, const model::TraceRequest& request)
{
    if (!parser.isSet(QStringLiteral("compare-text"))) return trace.modelName;
    return request.text;
}

QJsonObject comparisonJson(const model::TraceComparison& comparison, const model::Trace& b)
{
    const model::TraceAlignment& alignment = comparison.alignment;
    QJsonArray rows;
    for (Eigen::Index i = 0; i < comparison.difference.rows(); ++i) {
        QJsonArray row;
        for (Eigen::Index j = 0; j < comparison.difference.cols(); ++j)
            row.append(comparison.difference(i, j));
        rows.append(row);
    }
    QJsonArray differing;
    for (int t : alignment.differing)
        differing.append(t);
    QJsonObject json{{QStringLiteral("tokens"), alignment.tokens},
                     {QStringLiteral("length_a"), alignment.tokensA},
                     {QStringLiteral("length_b"), alignment.tokensB},
                     {QStringLiteral("model_b"), b.modelName},
                     {QStringLiteral("b_tokens"), QJsonArray::fromStringList(b.tokens)},
                     {QStringLiteral("differing"), differing},
                     {QStringLiteral("largest"), comparison.largest},
                     {QStringLiteral("difference"), rows}};
    if (!alignment.warning.isEmpty()) json[QStringLiteral("warning")] = alignment.warning;
    return json;
}

} // namespace attnlab::app
