#include "model/trace/trace_json.h"

#include "model/exact/exact_format.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// JSON has no infinity: −∞ (masked scores are not stored as −∞, but a user temperature may overflow) -> null.
QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

// M: Matrix or TraceMatrix (a float32 entry is written as the double it converts to exactly).
template <typename M>
QJsonArray matrixJson(const M& m)
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
template <typename M>
QJsonArray displayJson(const M& m, bool exact)
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

// Head `head` of the layer; `contribution` (T, d) only when asked. Scores and contributions a checkpoint's
// trace does not store are derived here (trace.h).
QJsonObject headJson(const LayerTrace& layer, int head, double scale, bool withContribution = true)
{
    const HeadTrace& h = layer.heads[size_t(head)];
    QJsonObject json{{QStringLiteral("q"), matrixJson(h.q)},
                       {QStringLiteral("k"), matrixJson(h.k)},
                       {QStringLiteral("v"), matrixJson(h.v)},
                       {QStringLiteral("scores"), matrixJson(headScores(h))},
                       {QStringLiteral("scaled"), matrixJson(scaledScores(h, scale))},
                       {QStringLiteral("mask"), maskJson(h.allowed)},
                       {QStringLiteral("weights"), matrixJson(h.weights)},
                       {QStringLiteral("output"), matrixJson(h.output)}};
    if (withContribution)
        json[QStringLiteral("contribution")] = matrixJson(headContribution(layer, head));
    return json;
}

QJsonObject normJson(const NormStats& s)
{
    return QJsonObject{{QStringLiteral("mean"), vectorJson(s.mean)}, {QStringLiteral("variance"), vectorJson(s.variance)}};
}

QJsonObject residualJson(const ResidualTrace& r)
{
    // Per-token L2 norms of the stream, the quantity the residual view plots.
    const auto norms = [](const TraceMatrix& m) { return vectorJson(m.toDouble().rowwise().norm()); };
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

// What both forms share: the tokens, ids and settings, the model's facts, the predictions and the warnings.
QJsonObject commonJson(const Trace& trace, int headCountLayer)
{
    QJsonObject json;
    json[QStringLiteral("model")] = trace.modelName;
    json[QStringLiteral("trained")] = trace.trained;
    json[QStringLiteral("exact")] = trace.exact;
    json[QStringLiteral("layer_count")] = int(trace.layers.size());
    json[QStringLiteral("head_count")] =
        trace.layers.empty() ? 0 : int(trace.layers[size_t(headCountLayer)].heads.size());
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
    if (!trace.ablation.empty()) {
        QJsonArray heads, mlps;
        for (const HeadRef& h : trace.ablation.heads)
            heads.append(QJsonArray{h.layer + 1, h.head + 1});
        for (int l : trace.ablation.mlps)
            mlps.append(l + 1);
        QJsonObject ablation{{QStringLiteral("heads"), heads},
                             {QStringLiteral("mlps"), mlps},
                             {QStringLiteral("mode"), enumName(kAblationModeNames, trace.ablation.mode)}};
        QJsonArray effects;
        for (const AblationEffect& e : trace.ablationEffects) {
            const auto token = [](int id, const QString& text, double before, double after) {
                QJsonObject o{{QStringLiteral("id"), id},
                              {QStringLiteral("log_prob_before"), before},
                              {QStringLiteral("log_prob_after"), after},
                              {QStringLiteral("delta"), after - before}};
                if (!text.isEmpty()) o[QStringLiteral("token")] = text;
                return o;
            };
            effects.append(QJsonObject{
                {QStringLiteral("position"), e.position},
                {QStringLiteral("original"), token(e.originalId, e.originalText, e.originalBefore, e.originalAfter)},
                {QStringLiteral("top"), token(e.topId, e.topText, e.topBefore, e.topAfter)}});
        }
        if (!trace.ablationEffects.empty()) ablation[QStringLiteral("effects")] = effects;
        json[QStringLiteral("ablation")] = ablation;
    }
    json[QStringLiteral("warnings")] = QJsonArray::fromStringList(trace.warnings);
    if (!trace.unknownCharacters.empty()) {
        QJsonArray unknown;
        for (const UnknownCharacter& u : trace.unknownCharacters) {
            QJsonObject entry{{QStringLiteral("character"), u.character},
                              {QStringLiteral("token"), u.token},
                              {QStringLiteral("dropped"), u.dropped}};
            if (u.wordLength > 0) entry[QStringLiteral("word_length")] = u.wordLength; // a word too long to tokenize
            unknown.append(entry);
        }
        json[QStringLiteral("unknown_characters")] = unknown;
    }
    return json;
}

// Heads of layer `layer` as a person reads them: "scores", "scaled", "weights" of the first of `heads`,
// "heads": [{weights, output}] for each of them, and the trace's output when asked.
QJsonObject displayOfHeads(const Trace& trace, size_t layer, const std::vector<int>& heads, bool withOutput)
{
    QJsonObject display;
    if (layer < trace.layers.size() && !heads.empty()) {
        const LayerTrace& l = trace.layers[layer];
        const HeadTrace& first = l.heads[size_t(heads.front())];
        display[QStringLiteral("scores")] = displayJson(headScores(first), trace.exact);
        display[QStringLiteral("scaled")] = displayJson(scaledScores(first, trace.scale), trace.exact);
        display[QStringLiteral("weights")] = displayJson(first.weights, trace.exact);
        QJsonArray shown;
        for (int h : heads)
            shown.append(QJsonObject{{QStringLiteral("weights"), displayJson(l.heads[size_t(h)].weights, trace.exact)},
                                     {QStringLiteral("output"), displayJson(l.heads[size_t(h)].output, trace.exact)}});
        display[QStringLiteral("heads")] = shown;
    }
    if (withOutput)
        display[QStringLiteral("output")] = displayJson(trace.output, trace.exact);
    return display;
}

} // namespace

QJsonObject traceToJson(const Trace& trace)
{
    QJsonObject json = commonJson(trace, 0);
    QJsonArray layers;
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const LayerTrace& layer = trace.layers[l];
        QJsonArray heads;
        for (size_t h = 0; h < layer.heads.size(); ++h) {
            QJsonObject head = headJson(layer, int(h), trace.scale);
            head[QStringLiteral("head")] = int(h) + 1;
            heads.append(head);
        }
        QJsonObject entry{{QStringLiteral("layer"), int(l) + 1},
                          {QStringLiteral("heads"), heads},
                          {QStringLiteral("attention_output"), matrixJson(layer.attentionOutput)}};
        if (layer.hasResidual)
            entry[QStringLiteral("residual")] = residualJson(layer.residual);
        layers.append(entry);
    }
    json[QStringLiteral("layers")] = layers;
    if (trace.embeddings.size() > 0)
        json[QStringLiteral("embeddings")] = matrixJson(trace.embeddings);
    json[QStringLiteral("output")] = matrixJson(trace.output);

    // The first layer's heads as a person reads them; "weights"/"scores" are head 1's for scripts that
    // expect a single head.
    std::vector<int> all;
    for (int h = 0; !trace.layers.empty() && h < int(trace.layers.front().heads.size()); ++h)
        all.push_back(h);
    json[QStringLiteral("display")] = displayOfHeads(trace, 0, all, true);
    return json;
}

QJsonObject traceToJson(const Trace& trace, const TraceSelection& selection)
{
    const TraceSelection s = clampSelection(selection, trace);
    QJsonObject json = commonJson(trace, s.layer);
    json[QStringLiteral("layer")] = s.layer + 1;
    json[QStringLiteral("head")] = s.head >= 0                 ? QJsonValue(s.head + 1)
                                   : s.head == AverageHeads ? QJsonValue(QStringLiteral("average"))
                                   : s.head == MaxHeads     ? QJsonValue(QStringLiteral("max"))
                                                            : QJsonValue(QStringLiteral("all"));
    // One head, or every head of the layer for all / average / max (the command line hides none).
    std::vector<int> shown;
    if (!trace.layers.empty()) {
        const int count = int(trace.layers[size_t(s.layer)].heads.size());
        for (int h = s.head >= 0 ? s.head : 0; h < (s.head >= 0 ? s.head + 1 : count); ++h)
            shown.push_back(h);
        const LayerTrace& layer = trace.layers[size_t(s.layer)];
        QJsonArray heads;
        for (int h : shown) {
            // The head's contribution is (T, d), a residual-stream matrix: --all and --trace have it.
            QJsonObject head = headJson(layer, h, trace.scale, false);
            head[QStringLiteral("head")] = h + 1;
            heads.append(head);
        }
        QJsonObject entry{{QStringLiteral("layer"), s.layer + 1}, {QStringLiteral("heads"), heads}};
        if (s.head == AverageHeads || s.head == MaxHeads)
            entry[QStringLiteral("weights")] = matrixJson(selectedWeights(trace, s));
        json[QStringLiteral("layers")] = QJsonArray{entry};
    }
    // In matrix mode `output` is the attention output, what the exercise asks for; a model's is its last stream,
    // (T, d), left to --all and --trace with the rest of the stream.
    const bool stream =
        std::any_of(trace.layers.begin(), trace.layers.end(), [](const LayerTrace& l) { return l.hasResidual; });
    if (!stream)
        json[QStringLiteral("output")] = matrixJson(trace.output);
    json[QStringLiteral("display")] = displayOfHeads(trace, size_t(s.layer), shown, !stream);
    return json;
}

namespace {

// A value with no inner structure, or an array of such, as compact JSON (QJsonDocument escapes the strings).
QByteArray compactJson(const QJsonValue& value)
{
    if (value.isArray()) return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool scalarsOnly(const QJsonArray& array)
{
    return std::none_of(array.begin(), array.end(), [](const QJsonValue& v) { return v.isArray() || v.isObject(); });
}

void appendJson(QByteArray& out, const QJsonValue& value, int depth)
{
    const QByteArray inner((depth + 1) * 4, ' ');
    if (value.isObject() && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        out += "{\n";
        for (auto it = object.begin(); it != object.end(); ++it) {
            out += inner + compactJson(it.key()) + ": ";
            appendJson(out, it.value(), depth + 1);
            out += std::next(it) == object.end() ? "\n" : ",\n";
        }
        out += QByteArray(depth * 4, ' ') + '}';
    } else if (value.isArray() && !scalarsOnly(value.toArray())) {
        const QJsonArray array = value.toArray();
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += inner;
            appendJson(out, array[i], depth + 1);
            out += i + 1 == array.size() ? "\n" : ",\n";
        }
        out += QByteArray(depth * 4, ' ') + ']';
    } else {
        out += compactJson(value);
    }
}

} // namespace

QByteArray jsonText(const QJsonObject& json)
{
    QByteArray out;
    appendJson(out, json, 0);
    return out + '\n';
}

} // namespace attnlab::model
