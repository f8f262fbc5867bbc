#include "model/teaching/parameter_count.h"

#include "model/core/json_describe.h"

#include <QJsonArray>

#include <cmath>
#include <initializer_list>
#include <limits>

namespace attnlab::model {

namespace {

constexpr qint64 kMaxNormsPerLayer = 16;

// 64-bit products and sums that remember the first quantity that overflowed, so that absurd sizes give one
// message naming it instead of a wrapped-around count.
class Checked {
public:
    QString context;   // the quantity being computed, for the message
    QString overflowed;

    qint64 product(std::initializer_list<qint64> factors)
    {
        qint64 result = 1;
        for (qint64 f : factors)
            if (__builtin_mul_overflow(result, f, &result))
                return fail();
        return result;
    }
    qint64 sum(std::initializer_list<qint64> terms)
    {
        qint64 result = 0;
        for (qint64 t : terms)
            if (__builtin_add_overflow(result, t, &result))
                return fail();
        return result;
    }

private:
    qint64 fail()
    {
        if (overflowed.isEmpty())
            overflowed = context;
        return 0;
    }
};

TensorShape tensor(Checked& c, const QString& name, std::vector<qint64> dims)
{
    c.context = name;
    qint64 elements = 1;
    for (qint64 d : dims)
        elements = c.product({elements, d});
    return {name, std::move(dims), elements};
}

// The four projections of one attention sublayer: (d, d) each, plus (d) biases.
std::vector<TensorShape> attentionShapes(Checked& c, qint64 d, bool biases)
{
    std::vector<TensorShape> shapes;
    for (const char* w : {"W_Q", "W_K", "W_V", "W_O"})
        shapes.push_back(tensor(c, QLatin1String(w), {d, d}));
    if (biases)
        for (const char* b : {"b_Q", "b_K", "b_V", "b_O"})
            shapes.push_back(tensor(c, QLatin1String(b), {d}));
    return shapes;
}

std::vector<TensorShape> ffnShapes(Checked& c, qint64 d, qint64 dFf, bool biases)
{
    std::vector<TensorShape> shapes{tensor(c, QStringLiteral("W_1"), {d, dFf}), tensor(c, QStringLiteral("W_2"), {dFf, d})};
    if (biases) {
        shapes.push_back(tensor(c, QStringLiteral("b_1"), {dFf}));
        shapes.push_back(tensor(c, QStringLiteral("b_2"), {d}));
    }
    return shapes;
}

// γ_1 (and β_1) … γ_n of the n LayerNorms of one layer, each (d).
std::vector<TensorShape> normShapes(Checked& c, qint64 d, qint64 norms, bool beta)
{
    std::vector<TensorShape> shapes;
    for (qint64 i = 1; i <= norms; ++i) {
        shapes.push_back(tensor(c, QStringLiteral("γ_%1").arg(i), {d}));
        if (beta)
            shapes.push_back(tensor(c, QStringLiteral("β_%1").arg(i), {d}));
    }
    return shapes;
}

// Adds up a component's shapes (one layer's parameters) and multiplies by its layer count.
ParameterComponent component(Checked& c, const QString& name, const QString& part, qint64 layers,
                             std::vector<TensorShape> shapes, qint64 copies = 1)
{
    c.context = name;
    qint64 perLayer = 0;
    for (const TensorShape& s : shapes)
        perLayer = c.sum({perLayer, s.elements});
    perLayer = c.product({perLayer, copies});
    return {name, part, perLayer, layers, c.product({perLayer, layers}), std::move(shapes), {}};
}

Result<void> checkSizes(const TransformerShapeConfig& k)
{
    const auto fail = [](const QString& message) { return Result<void>::failure(message); };
    const struct {
        const char* name;
        qint64 value;
    } positive[] = {{"batch", k.batch}, {"seq", k.seq},     {"d_model", k.dModel},
                    {"d_ff", k.dFf},    {"vocab", k.vocab}, {"heads", k.heads}};
    for (const auto& p : positive)
        if (p.value < 1)
            return fail(QStringLiteral("%1 must be at least 1, got %2").arg(QLatin1String(p.name)).arg(p.value));
    const struct {
        const char* name;
        qint64 value;
    } counts[] = {{"encoder_layers", k.encoderLayers},
                  {"decoder_layers", k.decoderLayers},
                  {"layer_norms_per_encoder_layer", k.layerNormsPerEncoderLayer},
                  {"layer_norms_per_decoder_layer", k.layerNormsPerDecoderLayer}};
    for (const auto& p : counts)
        if (p.value < 0)
            return fail(QStringLiteral("%1 cannot be negative, got %2").arg(QLatin1String(p.name)).arg(p.value));
    // Each norm is listed as its own tensors; no real layer has more than a handful.
    for (const auto& p : {counts[2], counts[3]})
        if (p.value > kMaxNormsPerLayer)
            return fail(QStringLiteral("%1 must be at most %2, got %3").arg(QLatin1String(p.name)).arg(kMaxNormsPerLayer).arg(p.value));
    if (k.encoderLayers + k.decoderLayers == 0)
        return fail(QStringLiteral("the model has no layer: give encoder_layers or decoder_layers ≥ 1"));
    if (k.dModel % k.heads != 0)
        return fail(QStringLiteral("d_model %1 is not divisible by heads %2: each head needs d_model / heads columns")
                        .arg(k.dModel).arg(k.heads));
    return Result<void>::success();
}

Result<ParameterCount> build(const TransformerShapeConfig& k)
{
    Checked c;
    ParameterCount count;
    count.config = k;
    count.headDim = k.dModel / k.heads;
    const qint64 d = k.dModel;
    const QString enc = QStringLiteral("encoder"), dec = QStringLiteral("decoder"), out = QStringLiteral("output");
    auto& parts = count.components;

    parts.push_back(component(c, QStringLiteral("token embedding"), enc, 1, {tensor(c, QStringLiteral("E"), {k.vocab, d})}));
    if (k.encoderLayers > 0) {
        parts.push_back(component(c, QStringLiteral("encoder self-attention"), enc, k.encoderLayers, attentionShapes(c, d, k.biases)));
        parts.push_back(component(c, QStringLiteral("encoder feed-forward"), enc, k.encoderLayers, ffnShapes(c, d, k.dFf, k.biases)));
        parts.push_back(component(c, QStringLiteral("encoder LayerNorm"), enc, k.encoderLayers,
                                  normShapes(c, d, k.layerNormsPerEncoderLayer, k.hasLayerNormBeta())));
    }
    if (k.decoderLayers > 0) {
        auto embedding = component(c, QStringLiteral("decoder token embedding"), dec, 1,
                                   {tensor(c, QStringLiteral("E_dec"), {k.vocab, d})}, k.sharedDecoderEmbedding ? 0 : 1);
        if (k.sharedDecoderEmbedding)
            embedding.note = QStringLiteral("shared with the token embedding");
        parts.push_back(embedding);
        parts.push_back(component(c, QStringLiteral("decoder self-attention"), dec, k.decoderLayers, attentionShapes(c, d, k.biases)));
        parts.push_back(component(c, QStringLiteral("decoder cross-attention"), dec, k.decoderLayers, attentionShapes(c, d, k.biases)));
        parts.push_back(component(c, QStringLiteral("decoder feed-forward"), dec, k.decoderLayers, ffnShapes(c, d, k.dFf, k.biases)));
        parts.push_back(component(c, QStringLiteral("decoder LayerNorm"), dec, k.decoderLayers,
                                  normShapes(c, d, k.layerNormsPerDecoderLayer, k.hasLayerNormBeta())));
    }
    std::vector<TensorShape> outShapes{tensor(c, QStringLiteral("W_out"), {d, k.vocab})};
    if (k.biases)
        outShapes.push_back(tensor(c, QStringLiteral("b_out"), {k.vocab}));
    auto projection = component(c, QStringLiteral("output projection"), out, 1, std::move(outShapes), k.tiedEmbeddings ? 0 : 1);
    if (k.tiedEmbeddings)
        projection.note = QStringLiteral("tied: the token embedding transposed");
    parts.push_back(projection);

    c.context = QStringLiteral("all parameters");
    for (const ParameterComponent& p : parts) {
        qint64& subtotal = p.part == enc ? count.encoderTotal : p.part == dec ? count.decoderTotal : count.outputTotal;
        subtotal = c.sum({subtotal, p.total});
    }
    count.total = c.sum({count.encoderTotal, count.decoderTotal, count.outputTotal});

    // One forward pass over a batch; decoder tensors have the same sizes with T target tokens = seq.
    const qint64 b = k.batch, t = k.seq, h = k.heads;
    count.activations = {tensor(c, QStringLiteral("input ids"), {b, t}),
                         tensor(c, QStringLiteral("embeddings"), {b, t, d}),
                         tensor(c, QStringLiteral("Q, K, V (per head)"), {b, h, t, count.headDim}),
                         tensor(c, QStringLiteral("attention weights"), {b, h, t, t}),
                         tensor(c, QStringLiteral("attention output (heads concatenated)"), {b, t, d}),
                         tensor(c, QStringLiteral("FFN hidden"), {b, t, k.dFf})};
    if (k.decoderLayers > 0 && k.encoderLayers > 0)
        count.activations.push_back(tensor(c, QStringLiteral("cross-attention weights"), {b, h, t, t}));
    count.activations.push_back(tensor(c, QStringLiteral("logits"), {b, t, k.vocab}));

    if (!c.overflowed.isEmpty())
        return Result<ParameterCount>::failure(
            QStringLiteral("the sizes are too large: the count of %1 exceeds the largest 64-bit integer (%2)")
                .arg(c.overflowed, withThousands(std::numeric_limits<qint64>::max())));
    return count;
}

QJsonArray shapesToJson(const std::vector<TensorShape>& shapes)
{
    QJsonArray array;
    for (const TensorShape& s : shapes) {
        QJsonArray dims;
        for (qint64 d : s.dims)
            dims.append(d);
        array.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("shape"), dims},
                                 {QStringLiteral("elements"), s.elements}});
    }
    return array;
}

} // namespace

Result<void> validateShapeConfig(const TransformerShapeConfig& config)
{
    auto sizes = checkSizes(config);
    if (!sizes)
        return sizes;
    auto count = build(config);
    if (!count)
        return Result<void>::failure(count.error());
    return Result<void>::success();
}

Result<ParameterCount> countParameters(const TransformerShapeConfig& config)
{
    auto sizes = checkSizes(config);
    if (!sizes)
        return Result<ParameterCount>::failure(sizes.error());
    return build(config);
}

Result<AttentionBreakdown> attentionBreakdown(qint64 dModel, qint64 heads, bool biases)
{
    TransformerShapeConfig config;
    config.dModel = dModel;
    config.heads = heads;
    config.biases = biases;
    config.encoderLayers = 1;
    config.decoderLayers = 0;
    auto count = countParameters(config);
    if (!count)
        return Result<AttentionBreakdown>::failure(count.error());
    // The sizes are valid and the layer's total fits, so its parts do too.
    const qint64 dk = count->headDim, extra = biases ? 1 : 0;
    AttentionBreakdown b;
    b.headDim = dk;
    b.headProjection = {QStringLiteral("W_Q of one head"), {dModel, dk}, dModel * dk};
    b.perHeadQkv = 3 * (dModel * dk + extra * dk);
    b.outputProjection = dModel * dModel + extra * dModel;
    b.total = count->components[1].perLayer;
    return b;
}

QJsonObject parameterCountToJson(const ParameterCount& count)
{
    const TransformerShapeConfig& k = count.config;
    const QJsonObject config{{QStringLiteral("batch"), k.batch},
                             {QStringLiteral("seq"), k.seq},
                             {QStringLiteral("d_model"), k.dModel},
                             {QStringLiteral("d_ff"), k.dFf},
                             {QStringLiteral("vocab"), k.vocab},
                             {QStringLiteral("heads"), k.heads},
                             {QStringLiteral("encoder_layers"), k.encoderLayers},
                             {QStringLiteral("decoder_layers"), k.decoderLayers},
                             {QStringLiteral("biases"), k.biases},
                             {QStringLiteral("layer_norm_beta"), k.hasLayerNormBeta()},
                             {QStringLiteral("layer_norms_per_encoder_layer"), k.layerNormsPerEncoderLayer},
                             {QStringLiteral("layer_norms_per_decoder_layer"), k.layerNormsPerDecoderLayer},
                             {QStringLiteral("shared_decoder_embedding"), k.sharedDecoderEmbedding},
                             {QStringLiteral("tied_embeddings"), k.tiedEmbeddings}};
    QJsonArray components;
    for (const ParameterComponent& p : count.components) {
        QJsonObject o{{QStringLiteral("name"), p.name},       {QStringLiteral("part"), p.part},
                      {QStringLiteral("per_layer"), p.perLayer}, {QStringLiteral("layers"), p.layers},
                      {QStringLiteral("total"), p.total},     {QStringLiteral("shapes"), shapesToJson(p.shapes)}};
        if (!p.note.isEmpty())
            o[QStringLiteral("note")] = p.note;
        components.append(o);
    }
    return {{QStringLiteral("config"), config},
            {QStringLiteral("head_dim"), count.headDim},
            {QStringLiteral("components"), components},
            {QStringLiteral("encoder_total"), count.encoderTotal},
            {QStringLiteral("decoder_total"), count.decoderTotal},
            {QStringLiteral("output_total"), count.outputTotal},
            {QStringLiteral("total"), count.total},
            {QStringLiteral("shapes"), shapesToJson(count.activations)}};
}

QString withThousands(qint64 value)
{
    // Digits of |value| grouped by three; the magnitude of the minimum is handled as unsigned.
    const bool negative = value < 0;
    QString digits = QString::number(negative ? 0 - quint64(value) : quint64(value));
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return negative ? QLatin1Char('-') + digits : digits;
}

Result<TransformerShapeConfig> shapeConfigFromJson(const QJsonObject& object, const QString& where)
{
    using R = Result<TransformerShapeConfig>;
    TransformerShapeConfig k;
    const struct {
        const char* key;
        qint64* target;
    } ints[] = {{"batch", &k.batch},
                {"seq", &k.seq},
                {"d_model", &k.dModel},
                {"d_ff", &k.dFf},
                {"vocab", &k.vocab},
                {"heads", &k.heads},
                {"encoder_layers", &k.encoderLayers},
                {"decoder_layers", &k.decoderLayers},
                {"layer_norms_per_encoder_layer", &k.layerNormsPerEncoderLayer},
                {"layer_norms_per_decoder_layer", &k.layerNormsPerDecoderLayer}};
    const struct {
        const char* key;
        bool* target;
    } bools[] = {{"biases", &k.biases}, {"shared_decoder_embedding", &k.sharedDecoderEmbedding},
                 {"tied_embeddings", &k.tiedEmbeddings}};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        const QJsonValue value = it.value();
        bool known = false;
        for (const auto& i : ints) {
            if (key != QLatin1String(i.key))
                continue;
            known = true;
            // JSON numbers are doubles: whole values up to 2^53 are exact.
            const double v = value.toDouble(std::nan(""));
            if (!value.isDouble() || v != std::floor(v) || std::abs(v) > 9007199254740992.0)
                return R::failure(QStringLiteral("%1: %2: expected a whole number, got %3").arg(where, key, describeJson(value)));
            *i.target = qint64(v);
        }
        for (const auto& b : bools) {
            if (key != QLatin1String(b.key))
                continue;
            known = true;
            if (!value.isBool())
                return R::failure(QStringLiteral("%1: %2: expected true or false, got %3").arg(where, key, describeJson(value)));
            *b.target = value.toBool();
        }
        if (key == QLatin1String("layer_norm_beta")) {
            known = true;
            if (!value.isBool())
                return R::failure(QStringLiteral("%1: %2: expected true or false, got %3").arg(where, key, describeJson(value)));
            k.layerNormBeta = value.toBool();
        }
        if (!known)
            return R::failure(QStringLiteral("%1: unknown key \"%2\"").arg(where, key));
    }
    auto valid = validateShapeConfig(k);
    if (!valid)
        return R::failure(QStringLiteral("%1: %2").arg(where, valid.error()));
    return k;
}

} // namespace attnlab::model
