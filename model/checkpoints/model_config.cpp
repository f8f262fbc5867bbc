// config.json -> ModelConfig: each architecture names the same quantities differently; read them through one
// small reader that reports the file, the key, what was expected and what was found.

#include "model/checkpoints/model_config.h"

#include "model/core/json_describe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <optional>

namespace attnlab::model {

namespace {


// The spellings config.json files use for the activations AttnLab implements. GPT-2's "gelu_new",
// "gelu_pytorch_tanh" and "gelu_fast" are one function, the tanh approximation, written three ways.
struct ConfigActivation {
    const char* name;
    Activation activation;
};
constexpr ConfigActivation kConfigActivations[] = {
    {"gelu_new", Activation::GeluTanh},
    {"gelu_pytorch_tanh", Activation::GeluTanh},
    {"gelu_fast", Activation::GeluTanh},
    {"gelu", Activation::Gelu},
    {"relu", Activation::ReLU},
    {"silu", Activation::Silu},
    {"swish", Activation::Silu},
};

// "gpt2, bert, llama, …" with `last` before the final name.
QString supportedTypes(const char* separator, const char* last)
{
    QStringList names{QStringLiteral("gpt2"), QStringLiteral("gpt_neox"), QStringLiteral("bert"),
                      QStringLiteral("roberta"), QStringLiteral("distilbert")};
    for (const char* type : kLlamaFamilyTypes)
        names << QLatin1String(type);
    const QString tail = names.takeLast();
    return names.join(QLatin1String(separator)) + QLatin1String(last) + tail;
}

// Reads keys of one JSON object; the first problem is kept in m_error and later reads become no-ops.
class Reader {
public:
    Reader(const QJsonObject& object, const QString& fileName) : m_object(object), m_fileName(fileName) {}

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }
    bool isNull(const char* key) const { return m_object.value(QLatin1String(key)).isNull(); }

    QJsonValue value(const char* key) const { return m_object.value(QLatin1String(key)); }
    QString text(const char* key) const { return m_object.value(QLatin1String(key)).toString(); }
    QString describeKey(const char* key) const { return describeJson(m_object.value(QLatin1String(key))); }

    void fail(const QString& what)
    {
        if (!failed()) m_error = QStringLiteral("%1: %2").arg(m_fileName, what);
    }

    // Reads the object under key; its problems are named "file: key: …".
    Reader nested(const char* key) const
    {
        return Reader(value(key).toObject(), QStringLiteral("%1: %2").arg(m_fileName, QLatin1String(key)));
    }
    // Keeps the first problem of a nested reader as this one's.
    void takeError(const Reader& nested)
    {
        if (!failed() && nested.failed()) m_error = nested.error();
    }

    // An integer in [1, max]. Absent keys take fallback when given, else are an error.
    int positive(const char* key, int max, std::optional<int> fallback = std::nullopt)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() && fallback) return *fallback;
        if (v.isUndefined()) {
            fail(QStringLiteral("%1 is missing (expected a positive integer)").arg(QLatin1String(key)));
            return 0;
        }
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || !(d >= 1.0) || d != std::floor(d) || d > double(1ll << 53)) {
            fail(
                QStringLiteral("%1 must be a positive integer, got %2").arg(QLatin1String(key), describeJson(v)));
            return 0;
        }
        if (d > double(max)) {
            fail(QStringLiteral("%1 must be at most %2, got %3")
                     .arg(QLatin1String(key))
                     .arg(max)
                     .arg(describeJson(v)));
            return 0;
        }
        return int(d);
    }

    // A finite number in (0, max).
    double positiveReal(const char* key, double fallback, double max)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || !(d > 0.0 && d < max)) {
            fail(QStringLiteral("%1 must be a positive number below %2, got %3")
                     .arg(QLatin1String(key))
                     .arg(max, 0, 'g', 15)
                     .arg(describeJson(v)));
            return fallback;
        }
        return d;
    }

    bool boolean(const char* key, bool fallback)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isBool())
            fail(QStringLiteral("%1 must be true or false, got %2").arg(QLatin1String(key), describeJson(v)));
        return v.toBool(fallback);
    }

    // A Hugging Face activation name (transformers' ACT2FN) that AttnLab implements -> its Activation.
    Activation activation(const char* key, Activation fallback)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        QStringList supported;
        for (const ConfigActivation& entry : kConfigActivations) {
            if (v.isString() && v.toString() == QLatin1String(entry.name)) return entry.activation;
            supported << QLatin1String(entry.name);
        }
        fail(QStringLiteral("%1 %2 is not supported (%3)")
                 .arg(QLatin1String(key), describeJson(v), supported.join(QLatin1String(", "))));
        return fallback;
    }

private:
    QJsonObject m_object;
    QString m_fileName;
    QString m_error;
};

void readGpt2(Reader& r, ModelConfig& c)
{
    c.dModel = r.positive("n_embd", kMaxModelWidth);
    c.layers = r.positive("n_layer", kMaxLayers);
    c.heads = r.positive("n_head", kMaxModelWidth);
    c.maxPositions = r.positive("n_positions", kMaxPositions);
    c.vocab = r.positive("vocab_size", kMaxVocab);
    c.normEps = r.positiveReal("layer_norm_epsilon", 1e-5, 1.0);
    c.activation = r.activation("activation_function", Activation::GeluTanh);
    // n_inner: null or absent means 4 · n_embd.
    c.dFf = r.isNull("n_inner") ? 4 * c.dModel : r.positive("n_inner", kMaxFfWidth, 4 * c.dModel);
    c.tiedEmbeddings = r.boolean("tie_word_embeddings", true);
    c.kvHeads = c.heads;
}

void readBert(Reader& r, ModelConfig& c)
{
    c.dModel = r.positive("hidden_size", kMaxModelWidth);
    c.layers = r.positive("num_hidden_layers", kMaxLayers);
    c.heads = r.positive("num_attention_heads", kMaxModelWidth);
    c.dFf = r.positive("intermediate_size", kMaxFfWidth);
    c.maxPositions = r.positive("max_position_embeddings", kMaxPositions);
    c.vocab = r.positive("vocab_size", kMaxVocab);
    c.typeVocab = r.positive("type_vocab_size", kMaxTypeVocab, 2);
    c.normEps = r.positiveReal("layer_norm_eps", 1e-12, 1.0);
    c.activation = r.activation("hidden_act", Activation::Gelu);
    c.tiedEmbeddings = r.boolean("tie_word_embeddings", true);
    c.kvHeads = c.heads;
    // Only learned absolute positions are implemented ("relative_key" etc. would change every score).
    if (r.has("position_embedding_type") && !r.isNull("position_embedding_type") &&
        r.text("position_embedding_type") != QLatin1String("absolute"))
        r.fail(QStringLiteral("position_embedding_type %1 is not supported (absolute)")
                   .arg(r.describeKey("position_embedding_type")));
}

// RoBERTa's config is BERT's (RobertaConfig derives from it); its position ids count from pad_token_id + 1, so
// the text may have that many fewer tokens than max_position_embeddings.
void readRoberta(Reader& r, ModelConfig& c)
{
    readBert(r, c);
    const QJsonValue pad = r.value("pad_token_id");
    const double padId = pad.isUndefined() ? 1.0 : pad.toDouble(-1.0);
    if ((!pad.isUndefined() && !pad.isDouble()) || !(padId >= 0.0) || padId != std::floor(padId) ||
        padId > double(kMaxPositions)) {
        r.fail(QStringLiteral("pad_token_id must be a non-negative integer, got %1").arg(r.describeKey("pad_token_id")));
        return;
    }
    c.positionOffset = int(padId) + 1;
    if (!r.failed() && c.maxPositions <= c.positionOffset)
        r.fail(QStringLiteral("max_position_embeddings %1 leaves no position after pad_token_id + 1 = %2")
                   .arg(c.maxPositions)
                   .arg(c.positionOffset));
    else
        c.maxPositions -= c.positionOffset;
}

// DistilBERT names BERT's sizes its own way, has no token types and a LayerNorm epsilon fixed at 1e-12.
void readDistilbert(Reader& r, ModelConfig& c)
{
    c.dModel = r.positive("dim", kMaxModelWidth);
    c.layers = r.positive("n_layers", kMaxLayers);
    c.heads = r.positive("n_heads", kMaxModelWidth);
    c.dFf = r.positive("hidden_dim", kMaxFfWidth);
    c.maxPositions = r.positive("max_position_embeddings", kMaxPositions);
    c.vocab = r.positive("vocab_size", kMaxVocab);
    c.normEps = 1e-12;
    c.activation = r.activation("activation", Activation::Gelu);
    c.tiedEmbeddings = r.boolean("tie_word_embeddings", true);
    c.kvHeads = c.heads;
}

// rope_scaling -> RopeScaling (rope.h): "linear" (factor) and "llama3" (factor, low_freq_factor, high_freq_factor,
// original_max_position_embeddings), the type under "rope_type", or "type" in older files; "default" is plain
// RoPE. Any other type (dynamic, yarn, longrope, …) changes the rotations differently and is refused.
RopeScaling readRopeScaling(Reader& r)
{
    if (!r.value("rope_scaling").isObject()) {
        r.fail(QStringLiteral("rope_scaling must be an object or null, got %1").arg(r.describeKey("rope_scaling")));
        return {};
    }
    Reader s = r.nested("rope_scaling");
    const char* typeKey = s.has("rope_type") ? "rope_type" : "type";
    const QString type = s.text(typeKey);
    RopeScaling scaling;
    if (type == QLatin1String("default")) return scaling;
    if (type == QLatin1String("linear")) {
        scaling.type = RopeScaling::Type::Linear;
    } else if (type == QLatin1String("llama3")) {
        scaling.type = RopeScaling::Type::Llama3;
    } else {
        s.fail(QStringLiteral("%1 %2 is not supported (default, linear, llama3)")
                   .arg(QLatin1String(typeKey), s.describeKey(typeKey)));
        r.takeError(s);
        return {};
    }
    const auto required = [&s](const char* key) {
        if (!s.has(key)) s.fail(QStringLiteral("%1 is missing (expected a positive number)").arg(QLatin1String(key)));
        return s.positiveReal(key, 1.0, 1e6);
    };
    scaling.factor = required("factor");
    if (scaling.type == RopeScaling::Type::Llama3) {
        scaling.lowFreqFactor = required("low_freq_factor");
        scaling.highFreqFactor = required("high_freq_factor");
        scaling.originalMaxPositions = s.positive("original_max_position_embeddings", kMaxPositions);
        if (!s.failed() && !(scaling.highFreqFactor > scaling.lowFreqFactor))
            s.fail(QStringLiteral("high_freq_factor %1 must be greater than low_freq_factor %2")
                       .arg(scaling.highFreqFactor)
                       .arg(scaling.lowFreqFactor));
    }
    r.takeError(s);
    return s.failed() ? RopeScaling{} : scaling;
}

// An integer ≥ 1 or null (absent: null) -> 0 for null.
int optionalPositive(Reader& r, const char* key, int max)
{
    return r.has(key) && !r.isNull(key) ? r.positive(key, max) : 0;
}

// Which layers slide: config.json's layer_types when it has them ("sliding_attention" / "full_attention"),
// else what the family's configuration class derives: mistral every layer; qwen2 and qwen3 the layers from
// max_window_layers on, when use_sliding_window; gemma3 all but every sliding_window_pattern-th.
void readSlidingLayers(Reader& r, ModelConfig& c)
{
    const QString& a = c.architecture;
    const bool qwen = a == QLatin1String("qwen2") || a == QLatin1String("qwen3");
    const bool gemma = a == QLatin1String("gemma3_text");
    c.slidingWindow = gemma ? (r.has("sliding_window") ? optionalPositive(r, "sliding_window", kMaxPositions) : 4096)
                            : optionalPositive(r, "sliding_window", kMaxPositions);
    if (qwen && !r.boolean("use_sliding_window", false)) c.slidingWindow = 0;
    if (c.slidingWindow == 0 || r.failed()) return;
    c.slidingLayers.assign(size_t(c.layers), true);
    if (r.has("layer_types") && !r.isNull("layer_types")) {
        const QJsonArray types = r.value("layer_types").toArray();
        if (!r.value("layer_types").isArray() || types.size() != c.layers) {
            r.fail(QStringLiteral("layer_types must list %1 layer types, got %2")
                       .arg(c.layers)
                       .arg(r.value("layer_types").isArray() ? QString::number(types.size())
                                                             : r.describeKey("layer_types")));
            return;
        }
        for (int l = 0; l < c.layers; ++l) {
            const QString type = types[l].toString();
            if (type != QLatin1String("sliding_attention") && type != QLatin1String("full_attention")) {
                r.fail(QStringLiteral("layer_types[%1] %2 is not supported (sliding_attention, full_attention)")
                           .arg(l)
                           .arg(describeJson(types[l])));
                return;
            }
            c.slidingLayers[size_t(l)] = type == QLatin1String("sliding_attention");
        }
    } else if (qwen) {
        const int from = r.positive("max_window_layers", kMaxLayers, c.layers);
        for (int l = 0; l < c.layers; ++l)
            c.slidingLayers[size_t(l)] = l >= from;
    } else if (gemma) {
        const int pattern = r.positive("sliding_window_pattern", kMaxLayers, 6);
        for (int l = 0; l < c.layers; ++l)
            c.slidingLayers[size_t(l)] = (l + 1) % pattern != 0;
    }
}

// gpt_neox (GPTNeoXConfig's keys and defaults): rotary_pct of each head's features turned by RoPE of base
// rotary_emb_base, the parallel residual, biases on the attention projections (attention_bias), untied output.
void readGptNeox(Reader& r, ModelConfig& c)
{
    c.dModel = r.positive("hidden_size", kMaxModelWidth);
    c.layers = r.positive("num_hidden_layers", kMaxLayers);
    c.heads = r.positive("num_attention_heads", kMaxModelWidth);
    c.kvHeads = c.heads;
    c.dFf = r.positive("intermediate_size", kMaxFfWidth);
    c.maxPositions = r.positive("max_position_embeddings", kMaxPositions);
    c.vocab = r.positive("vocab_size", kMaxVocab);
    c.normEps = r.positiveReal("layer_norm_eps", 1e-5, 1.0);
    c.activation = r.activation("hidden_act", Activation::Gelu);
    c.tiedEmbeddings = r.boolean("tie_word_embeddings", false);
    c.parallelResidual = r.boolean("use_parallel_residual", true);
    c.qkvBias = c.outputBias = r.boolean("attention_bias", true);
    c.ropeTheta = r.positiveReal(r.has("rotary_emb_base") ? "rotary_emb_base" : "rope_theta", 10000.0, 1e12);
    if (r.has("rope_scaling") && !r.isNull("rope_scaling")) c.ropeScaling = readRopeScaling(r);
    const QJsonValue pct = r.value("rotary_pct");
    const double fraction = pct.isUndefined() ? 0.25 : pct.toDouble(-1.0);
    if (!(fraction > 0.0 && fraction <= 1.0)) {
        r.fail(QStringLiteral("rotary_pct must be a number in (0, 1], got %1").arg(r.describeKey("rotary_pct")));
        return;
    }
    // GPTNeoXAttention: rotary_ndims = int(head_size * rotary_pct), which RoPE needs even.
    if (c.heads > 0 && c.dModel % c.heads == 0) {
        c.ropeDims = int(double(c.dModel / c.heads) * fraction);
        if (c.ropeDims < 2 || c.ropeDims % 2 != 0)
            r.fail(QStringLiteral("rotary_pct %1 of the head size %2 gives %3 rotary features; RoPE needs an even "
                                  "number of at least 2")
                       .arg(fraction)
                       .arg(c.dModel / c.heads)
                       .arg(c.ropeDims));
    }
}

// llama, mistral, qwen2, qwen3 and gemma3_text: Llama's keys, and what each family's configuration class adds
// (transformers' configuration_<family>.py, with its defaults).
void readLlamaFamily(Reader& r, ModelConfig& c)
{
    const QString& a = c.architecture;
    const bool gemma = a == QLatin1String("gemma3_text");
    c.dModel = r.positive("hidden_size", kMaxModelWidth);
    c.layers = r.positive("num_hidden_layers", kMaxLayers);
    c.heads = r.positive("num_attention_heads", kMaxModelWidth);
    c.kvHeads = r.positive("num_key_value_heads", kMaxModelWidth, c.heads > 0 ? c.heads : 1);
    c.dFf = r.positive("intermediate_size", kMaxFfWidth);
    c.maxPositions = r.positive("max_position_embeddings", kMaxPositions);
    c.vocab = r.positive("vocab_size", kMaxVocab);
    c.normEps = r.positiveReal("rms_norm_eps", 1e-6, 1.0);
    c.ropeTheta = r.positiveReal("rope_theta", gemma ? 1e6 : 10000.0, 1e12);
    c.activation = gemma ? r.activation("hidden_activation", Activation::GeluTanh)
                         : r.activation("hidden_act", Activation::Silu);
    c.tiedEmbeddings = r.boolean("tie_word_embeddings", gemma);
    if (r.has("rope_scaling") && !r.isNull("rope_scaling")) c.ropeScaling = readRopeScaling(r);
    // head_dim: Qwen3Config and Gemma3TextConfig default it (128, 256); Llama and Mistral use d / heads.
    const int defaultHeadDim = a == QLatin1String("qwen3") ? 128 : gemma ? 256 : 0;
    c.headDimension = r.has("head_dim") && !r.isNull("head_dim") ? r.positive("head_dim", kMaxModelWidth)
                                                                : defaultHeadDim;

    const bool attentionBias = r.boolean("attention_bias", false);
    if (a == QLatin1String("qwen2")) {
        c.qkvBias = true; // Qwen2Attention: q/k/v_proj with biases, o_proj without
    } else if (a != QLatin1String("mistral")) {
        c.qkvBias = c.outputBias = attentionBias;
    }
    if (a == QLatin1String("llama")) c.mlpBias = r.boolean("mlp_bias", false);
    c.qkNorm = a == QLatin1String("qwen3") || gemma;
    if (gemma) {
        c.gemmaNorms = true;
        c.queryPreAttnScalar = r.positiveReal("query_pre_attn_scalar", 256.0, 1e12);
        c.ropeLocalTheta = r.positiveReal("rope_local_base_freq", 10000.0, 1e12);
        // Gemma 2's soft-capping (tanh of the scores and the logits) and EmbeddingGemma's bidirectional
        // attention change the numbers; Gemma 3 checkpoints have none of them.
        for (const char* key : {"attn_logit_softcapping", "final_logit_softcapping"})
            if (r.has(key) && !r.isNull(key))
                r.fail(QStringLiteral("%1 %2 is not supported (null)").arg(QLatin1String(key), r.describeKey(key)));
        if (r.boolean("use_bidirectional_attention", false))
            r.fail(QStringLiteral("use_bidirectional_attention true is not supported (causal attention)"));
    }
    readSlidingLayers(r, c);
}

} // namespace

bool isLlamaFamily(const QString& architecture)
{
    for (const char* type : kLlamaFamilyTypes)
        if (architecture == QLatin1String(type)) return true;
    return false;
}

double ModelConfig::attentionScale() const
{
    return 1.0 / std::sqrt(queryPreAttnScalar > 0.0 ? queryPreAttnScalar : double(headDim()));
}

Result<ModelConfig> parseModelConfig(const QByteArray& json, const QString& fileName)
{
    using R = Result<ModelConfig>;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return R::failure(QStringLiteral("%1: not valid JSON (%2 at byte %3)")
                              .arg(fileName, parseError.errorString())
                              .arg(parseError.offset));
    if (!doc.isObject()) return R::failure(QStringLiteral("%1: expected a JSON object").arg(fileName));
    const QJsonObject object = doc.object();

    const QJsonValue type = object.value(QLatin1String("model_type"));
    if (type.isUndefined())
        return R::failure(
            QStringLiteral("%1: model_type is missing (expected %2)").arg(fileName, supportedTypes(", ", " or ")));
    ModelConfig c;
    c.architecture = type.toString();
    Reader r(object, fileName);
    if (c.architecture == QLatin1String("gpt2"))
        readGpt2(r, c);
    else if (c.architecture == QLatin1String("gpt_neox"))
        readGptNeox(r, c);
    else if (c.architecture == QLatin1String("bert"))
        readBert(r, c);
    else if (c.architecture == QLatin1String("roberta"))
        readRoberta(r, c);
    else if (c.architecture == QLatin1String("distilbert"))
        readDistilbert(r, c);
    else if (isLlamaFamily(c.architecture))
        readLlamaFamily(r, c);
    else
        return R::failure(QStringLiteral("%1: model_type %2 is not supported (%3)")
                              .arg(fileName, describeJson(type), supportedTypes(", ", ", ")));
    if (r.failed()) return R::failure(r.error());

    const bool gpt2 = c.architecture == QLatin1String("gpt2"), distil = c.architecture == QLatin1String("distilbert");
    const char* headsKey = gpt2 ? "n_head" : distil ? "n_heads" : "num_attention_heads";
    const char* widthKey = gpt2 ? "n_embd" : distil ? "dim" : "hidden_size";
    if (c.headDimension == 0 && c.dModel % c.heads != 0)
        return R::failure(QStringLiteral("%1: %2 = %3 must be divisible by %4 = %5")
                              .arg(fileName, QLatin1String(widthKey))
                              .arg(c.dModel)
                              .arg(QLatin1String(headsKey))
                              .arg(c.heads));
    // The queries' width heads · head_dim bounds every per-layer buffer, as d_model does.
    if (qint64(c.heads) * c.headDim() > kMaxModelWidth)
        return R::failure(QStringLiteral("%1: num_attention_heads × head_dim = %2 × %3 must be at most %4")
                              .arg(fileName)
                              .arg(c.heads)
                              .arg(c.headDim())
                              .arg(kMaxModelWidth));
    if (c.kvHeads > c.heads || c.heads % c.kvHeads != 0)
        return R::failure(
            QStringLiteral("%1: num_attention_heads = %2 must be a multiple of num_key_value_heads = %3")
                .arg(fileName)
                .arg(c.heads)
                .arg(c.kvHeads));
    if (isLlamaFamily(c.architecture) && c.headDim() % 2 != 0)
        return R::failure(QStringLiteral("%1: the head size %2 = %3 must be even for RoPE")
                              .arg(fileName,
                                   c.headDimension > 0 ? QStringLiteral("head_dim")
                                                       : QStringLiteral("hidden_size / num_attention_heads"))
                              .arg(c.headDim()));
    return c;
}

} // namespace attnlab::model
