#include "model/trace/trace_json.h"

#include "model/exact/exact_format.h"

#include <QJsonArray>

#include <cmath>

namespace attnlab::model {

namespace {

// JSON has no infinity: −∞ (masked scores are not stored as −∞, but a user temperature may overflow) -> null.
QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray matrixJson(const Matrix& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(number(m(r, c)));
        rows.append(row);
    }
    return rows;
}

QJsonArray maskJson(const BoolMatrix& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(m(r, c) ? 1 : 0);
        rows.append(row);
    }
    return rows;
}

QJsonArray vectorJson(const Vector& v)
{
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        a.append(number(v[i]));
    return a;
}

// Strings as a person reads them: exact forms in matrix mode, decimals otherwise.
QJsonArray displayJson(const Matrix& m, bool exact)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(exact ? formatExact(m(r, c)) : formatDecimal(m(r, c)));
        rows.append(row);
    }
    return rows;
}

QJsonObject headJson(const HeadTrace& h, double scale)
{
    return QJsonObject{{QStringLiteral("q"), matrixJson(h.q)},
                       {QStringLiteral("k"), matrixJson(h.k)},
                       {QStringLiteral("v"), matrixJson(h.v)},
                       {QStringLiteral("scores"), matrixJson(h.scores)},
                       {QStringLiteral("scaled"), matrixJson(scaledScores(h, scale))},
                       {QStringLiteral("mask"), maskJson(h.allowed)},
                       {QStringLiteral("weights"), matrixJson(h.weights)},
                       {QStringLiteral("output"), matrixJson(h.output)},
                       {QStringLiteral("contribution"), matrixJson(h.contribution)}};
}

QJsonObject normJson(const NormStats& s)
{
    return QJsonObject{{QStringLiteral("mean"), vectorJson(s.mean)}, {QStringLiteral("variance"), vectorJson(s.variance)}};
}

QJsonObject residualJson(const ResidualTrace& r)
{
    // Per-token L2 norms of the stream, the quantity the residual view plots.
    const auto norms = [](const Matrix& m) { return vectorJson(m.rowwise().norm()); };
    return QJsonObject{{QStringLiteral("input"), matrixJson(r.input)},
                       {QStringLiteral("attention_output"), matrixJson(r.attentionOutput)},
                       {QStringLiteral("after_attention"), matrixJson(r.afterAttention)},
                       {QStringLiteral("mlp_output"), matrixJson(r.mlpOutput)},
                       {QStringLiteral("output"), matrixJson(r.output)},
                       {QStringLiteral("input_norms"), norms(r.input)},
                       {QStringLiteral("output_norms"), norms(r.output)},
                       {QStringLiteral("norm1"), normJson(r.norm1)},
                       {QStringLiteral("norm2"), normJson(r.norm2)}};
}

QJsonArray intArray(const std::vector<int>& v)
{
    QJsonArray a;
    for (int i : v)
        a.append(i);
    return a;
}

} // namespace

QJsonObject traceToJson(const Trace& trace)
{
    QJsonObject json;
    json[QStringLiteral("model")] = trace.modelName;
    json[QStringLiteral("trained")] = trace.trained;
    json[QStringLiteral("exact")] = trace.exact;
    json[QStringLiteral("tokens")] = QJsonArray::fromStringList(trace.tokens);
    if (!trace.memoryTokens.isEmpty())
        json[QStringLiteral("memory_tokens")] = QJsonArray::fromStringList(trace.memoryTokens);
    json[QStringLiteral("token_ids")] = intArray(trace.tokenIds);
    json[QStringLiteral("positions")] = intArray(trace.positions);
    json[QStringLiteral("scale")] = trace.scale;
    json[QStringLiteral("scaling")] = scalingName(trace.scaling);
    json[QStringLiteral("mask")] = maskSpecName(trace.mask);
    if (!trace.expOverrides.empty()) {
        QJsonObject overrides;
        for (const ExpOverride& o : trace.expOverrides)
            overrides[formatExact(o.x)] = formatExact(o.value);
        json[QStringLiteral("exp_overrides")] = overrides;
    }

    QJsonArray layers;
    for (const LayerTrace& layer : trace.layers) {
        QJsonArray heads;
        for (const HeadTrace& h : layer.heads)
            heads.append(headJson(h, trace.scale));
        QJsonObject l{{QStringLiteral("heads"), heads},
                      {QStringLiteral("attention_output"), matrixJson(layer.attentionOutput)}};
        if (layer.hasResidual)
            l[QStringLiteral("residual")] = residualJson(layer.residual);
        layers.append(l);
    }
    json[QStringLiteral("layers")] = layers;
    if (trace.embeddings.size() > 0)
        json[QStringLiteral("embeddings")] = matrixJson(trace.embeddings);
    json[QStringLiteral("output")] = matrixJson(trace.output);

    // The first layer's heads as a person reads them; "weights"/"scores" are head 1's for scripts that
    // expect a single head.
    QJsonObject display;
    if (!trace.layers.empty() && !trace.layers.front().heads.empty()) {
        const HeadTrace& first = trace.layers.front().heads.front();
        display[QStringLiteral("scores")] = displayJson(first.scores, trace.exact);
        display[QStringLiteral("scaled")] = displayJson(scaledScores(first, trace.scale), trace.exact);
        display[QStringLiteral("weights")] = displayJson(first.weights, trace.exact);
        QJsonArray heads;
        for (const HeadTrace& h : trace.layers.front().heads)
            heads.append(QJsonObject{{QStringLiteral("weights"), displayJson(h.weights, trace.exact)},
                                     {QStringLiteral("output"), displayJson(h.output, trace.exact)}});
        display[QStringLiteral("heads")] = heads;
    }
    display[QStringLiteral("output")] = displayJson(trace.output, trace.exact);
    json[QStringLiteral("display")] = display;

    QJsonArray predictions;
    for (const Prediction& p : trace.predictions) {
        QJsonArray top;
        for (const auto& [id, probability] : p.top)
            top.append(QJsonArray{id, probability});
        QJsonObject prediction{{QStringLiteral("position"), p.position}, {QStringLiteral("top"), top}};
        if (!p.texts.isEmpty()) prediction[QStringLiteral("tokens")] = QJsonArray::fromStringList(p.texts);
        predictions.append(prediction);
    }
    if (!trace.predictions.empty()) {
        json[QStringLiteral("predictions")] = predictions;
        json[QStringLiteral("predictions_kind")] = trace.predictsNextToken ? QStringLiteral("next_token")
                                                                          : QStringLiteral("masked_token");
    }
    json[QStringLiteral("warnings")] = QJsonArray::fromStringList(trace.warnings);
    return json;
}

} // namespace attnlab::model
