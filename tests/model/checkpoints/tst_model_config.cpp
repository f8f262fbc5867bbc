// Tests model/checkpoints/model_config.cpp: the three architectures' key names and defaults, every rejection with a
// message that names the file and the key, and the shared models' config.json files.

#include "model/checkpoints/model_config.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(attnlab::model::Activation)

namespace tst_model_config {

using attnlab::model::Activation;
using attnlab::model::RopeScaling;
using attnlab::model::ModelConfig;
using attnlab::model::parseModelConfig;

namespace {

const QByteArray kGpt2 = R"({"model_type": "gpt2", "n_embd": 48, "n_layer": 3, "n_head": 3, "n_positions": 11,
    "vocab_size": 3, "layer_norm_epsilon": 1e-05, "activation_function": "gelu_new", "n_inner": null})";
const QByteArray kBert = R"({"model_type": "bert", "hidden_size": 768, "num_hidden_layers": 12,
    "num_attention_heads": 12, "intermediate_size": 3072, "max_position_embeddings": 512, "vocab_size": 30522,
    "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu"})";
const QByteArray kLlama = R"({"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 4,
    "num_attention_heads": 8, "num_key_value_heads": 2, "intermediate_size": 172, "max_position_embeddings": 128,
    "vocab_size": 512, "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "hidden_act": "silu"})";

// The configs of Mistral-7B-v0.1, Qwen2.5-0.5B, Qwen3-0.6B and Gemma-3-1b as their model cards publish them.
const QByteArray kMistral = R"({"architectures": ["MistralForCausalLM"], "bos_token_id": 1, "eos_token_id": 2,
    "hidden_act": "silu", "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
    "max_position_embeddings": 32768, "model_type": "mistral", "num_attention_heads": 32, "num_hidden_layers": 32,
    "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "sliding_window": 4096,
    "tie_word_embeddings": false, "torch_dtype": "bfloat16", "use_cache": true, "vocab_size": 32000})";
const QByteArray kQwen2 = R"({"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0,
    "bos_token_id": 151643, "eos_token_id": 151643, "hidden_act": "silu", "hidden_size": 896,
    "initializer_range": 0.02, "intermediate_size": 4864, "max_position_embeddings": 32768, "max_window_layers": 24,
    "model_type": "qwen2", "num_attention_heads": 14, "num_hidden_layers": 24, "num_key_value_heads": 2,
    "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768, "tie_word_embeddings": true,
    "torch_dtype": "bfloat16", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936})";
const QByteArray kQwen3 = R"({"architectures": ["Qwen3ForCausalLM"], "attention_bias": false,
    "attention_dropout": 0.0, "bos_token_id": 151643, "eos_token_id": 151645, "head_dim": 128, "hidden_act": "silu",
    "hidden_size": 1024, "initializer_range": 0.02, "intermediate_size": 3072, "max_position_embeddings": 40960,
    "max_window_layers": 28, "model_type": "qwen3", "num_attention_heads": 16, "num_hidden_layers": 28,
    "num_key_value_heads": 8, "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000,
    "sliding_window": null, "tie_word_embeddings": true, "torch_dtype": "bfloat16", "use_cache": true,
    "use_sliding_window": false, "vocab_size": 151936})";
const QByteArray kGemma3 = R"({"architectures": ["Gemma3ForCausalLM"], "attention_bias": false,
    "attention_dropout": 0.0, "attn_logit_softcapping": null, "bos_token_id": 2, "cache_implementation": "hybrid",
    "eos_token_id": [1, 106], "final_logit_softcapping": null, "head_dim": 256, "hidden_activation": "gelu_pytorch_tanh",
    "hidden_size": 1152, "initializer_range": 0.02, "intermediate_size": 6912, "max_position_embeddings": 32768,
    "model_type": "gemma3_text", "num_attention_heads": 4, "num_hidden_layers": 26, "num_key_value_heads": 1,
    "pad_token_id": 0, "query_pre_attn_scalar": 256, "rms_norm_eps": 1e-06, "rope_local_base_freq": 10000,
    "rope_scaling": null, "rope_theta": 1000000, "sliding_window": 512, "sliding_window_pattern": 6,
    "torch_dtype": "bfloat16", "use_cache": true, "vocab_size": 262144})";
// A two-layer Qwen3 whose upper layer slides (use_sliding_window, max_window_layers 1).
const QByteArray kQwen3Window = R"({"model_type": "qwen3", "hidden_size": 64, "num_hidden_layers": 2,
    "num_attention_heads": 4, "intermediate_size": 96, "max_position_embeddings": 64, "vocab_size": 100,
    "head_dim": 32, "use_sliding_window": true, "sliding_window": 8, "max_window_layers": 1})";

// base with key set to a raw JSON value ("" removes the key).
QByteArray with(const QByteArray& base, const char* key, const QByteArray& value)
{
    QJsonObject o = QJsonDocument::fromJson(base).object();
    if (value.isEmpty())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), QJsonDocument::fromJson("[" + value + "]").array().at(0));
    return QJsonDocument(o).toJson();
}

QString sharedConfig(const QString& model)
{
    return attnlab::test::sharedDir() + QStringLiteral("/models/") + model + QStringLiteral("/config.json");
}

} // namespace

class TestModelConfig : public QObject {
    Q_OBJECT

private slots:
    void gpt2();
    void gpt2Defaults();
    void bert();
    void llama();
    void llamaDefaults();
    void llamaFamily();
    void encoders();
    void aliases_data();
    void aliases();
    void rejects_data();
    void rejects();
    void sharedConfigs_data();
    void sharedConfigs();
};

void TestModelConfig::gpt2()
{
    auto c = parseModelConfig(kGpt2, "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->architecture, QString("gpt2"));
    QCOMPARE(c->dModel, 48);
    QCOMPARE(c->layers, 3);
    QCOMPARE(c->heads, 3);
    QCOMPARE(c->kvHeads, 3);
    QCOMPARE(c->headDim(), 16);
    QCOMPARE(c->maxPositions, 11);
    QCOMPARE(c->vocab, 3);
    QCOMPARE(c->dFf, 192); // n_inner null -> 4 · n_embd
    QCOMPARE(c->normEps, 1e-5);
    QCOMPARE(c->activation, Activation::GeluTanh);
    QVERIFY(c->tiedEmbeddings);
    QCOMPARE(c->ropeTheta, 0.0);
    QCOMPARE(c->typeVocab, 0);

    auto inner = parseModelConfig(with(kGpt2, "n_inner", "100"), "config.json");
    QVERIFY(inner);
    QCOMPARE(inner->dFf, 100);
    auto untied = parseModelConfig(with(kGpt2, "tie_word_embeddings", "false"), "config.json");
    QVERIFY(untied);
    QVERIFY(!untied->tiedEmbeddings);
}

void TestModelConfig::gpt2Defaults()
{
    QByteArray json = with(kGpt2, "n_inner", "");
    json = with(json, "layer_norm_epsilon", "");
    json = with(json, "activation_function", "");
    auto c = parseModelConfig(json, "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->dFf, 192);
    QCOMPARE(c->normEps, 1e-5);
    QCOMPARE(c->activation, Activation::GeluTanh);
    QVERIFY(c->tiedEmbeddings);
}

void TestModelConfig::bert()
{
    auto c = parseModelConfig(kBert, "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->architecture, QString("bert"));
    QCOMPARE(c->dModel, 768);
    QCOMPARE(c->layers, 12);
    QCOMPARE(c->heads, 12);
    QCOMPARE(c->kvHeads, 12);
    QCOMPARE(c->dFf, 3072);
    QCOMPARE(c->maxPositions, 512);
    QCOMPARE(c->vocab, 30522);
    QCOMPARE(c->typeVocab, 2);
    QCOMPARE(c->normEps, 1e-12);
    QCOMPARE(c->activation, Activation::Gelu);
    QVERIFY(c->tiedEmbeddings);

    auto defaults = parseModelConfig(
        with(with(with(kBert, "type_vocab_size", ""), "layer_norm_eps", ""), "hidden_act", ""),
        "config.json");
    QVERIFY2(defaults, qPrintable(defaults.error()));
    QCOMPARE(defaults->typeVocab, 2);
    QCOMPARE(defaults->normEps, 1e-12);
    QCOMPARE(defaults->activation, Activation::Gelu);
    QVERIFY(parseModelConfig(with(kBert, "position_embedding_type", "\"absolute\""), "config.json"));
}

void TestModelConfig::llama()
{
    auto c = parseModelConfig(kLlama, "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->architecture, QString("llama"));
    QCOMPARE(c->dModel, 64);
    QCOMPARE(c->layers, 4);
    QCOMPARE(c->heads, 8);
    QCOMPARE(c->kvHeads, 2);
    QCOMPARE(c->headDim(), 8);
    QCOMPARE(c->dFf, 172);
    QCOMPARE(c->maxPositions, 128);
    QCOMPARE(c->vocab, 512);
    QCOMPARE(c->normEps, 1e-5);
    QCOMPARE(c->ropeTheta, 500000.0);
    QCOMPARE(c->activation, Activation::Silu);
    QVERIFY(!c->tiedEmbeddings);
    QCOMPARE(c->typeVocab, 0);
    QVERIFY(parseModelConfig(with(kLlama, "head_dim", "8"), "config.json"));
    QVERIFY(parseModelConfig(with(kLlama, "rope_scaling", "null"), "config.json"));
    QCOMPARE(c->ropeScaling, RopeScaling{});

    // Llama 3.2's rope_scaling, as its config.json writes it.
    auto llama3 = parseModelConfig(
        with(kLlama, "rope_scaling",
             R"({"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                 "original_max_position_embeddings": 8192, "rope_type": "llama3"})"),
        "config.json");
    QVERIFY2(llama3, qPrintable(llama3.error()));
    QCOMPARE(llama3->ropeScaling.type, RopeScaling::Type::Llama3);
    QCOMPARE(llama3->ropeScaling.factor, 32.0);
    QCOMPARE(llama3->ropeScaling.lowFreqFactor, 1.0);
    QCOMPARE(llama3->ropeScaling.highFreqFactor, 4.0);
    QCOMPARE(llama3->ropeScaling.originalMaxPositions, 8192.0);
    // Older files name the type "type".
    auto linear = parseModelConfig(with(kLlama, "rope_scaling", R"({"type": "linear", "factor": 4})"), "config.json");
    QVERIFY2(linear, qPrintable(linear.error()));
    QCOMPARE(linear->ropeScaling.type, RopeScaling::Type::Linear);
    QCOMPARE(linear->ropeScaling.factor, 4.0);
    auto plain = parseModelConfig(with(kLlama, "rope_scaling", R"({"rope_type": "default"})"), "config.json");
    QVERIFY2(plain, qPrintable(plain.error()));
    QCOMPARE(plain->ropeScaling, RopeScaling{});
}

void TestModelConfig::llamaDefaults()
{
    QByteArray json = with(kLlama, "num_key_value_heads", "");
    for (const char* key : {"rms_norm_eps", "rope_theta", "hidden_act", "tie_word_embeddings"})
        json = with(json, key, "");
    auto c = parseModelConfig(json, "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->kvHeads, 8);
    QCOMPARE(c->normEps, 1e-6);
    QCOMPARE(c->ropeTheta, 10000.0);
    QCOMPARE(c->activation, Activation::Silu);
    QVERIFY(!c->tiedEmbeddings);
}

// roberta-base's and distilbert-base-uncased's configs as published: RoBERTa's 514 positions leave 512 tokens
// after pad_token_id + 1; DistilBERT's own key names, no token types, eps 1e-12.
void TestModelConfig::encoders()
{
    const QByteArray roberta = R"({"architectures": ["RobertaForMaskedLM"], "attention_probs_dropout_prob": 0.1,
        "bos_token_id": 0, "eos_token_id": 2, "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 768,
        "initializer_range": 0.02, "intermediate_size": 3072, "layer_norm_eps": 1e-05, "max_position_embeddings": 514,
        "model_type": "roberta", "num_attention_heads": 12, "num_hidden_layers": 12, "pad_token_id": 1,
        "type_vocab_size": 1, "vocab_size": 50265})";
    auto r = parseModelConfig(roberta, "config.json");
    QVERIFY2(r, qPrintable(r.error()));
    QCOMPARE(r->maxPositions, 512);
    QCOMPARE(r->positionOffset, 2);
    QCOMPARE(r->typeVocab, 1);
    QCOMPARE(r->normEps, 1e-5);
    QCOMPARE(r->headDim(), 64);
    auto noPad = parseModelConfig(with(roberta, "pad_token_id", ""), "config.json");
    QVERIFY2(noPad, qPrintable(noPad.error()));
    QCOMPARE(noPad->positionOffset, 2); // RobertaConfig's default pad_token_id is 1
    auto pad0 = parseModelConfig(with(roberta, "pad_token_id", "0"), "config.json");
    QCOMPARE(pad0->positionOffset, 1);
    QCOMPARE(pad0->maxPositions, 513);

    const QByteArray distil = R"({"activation": "gelu", "architectures": ["DistilBertForMaskedLM"],
        "attention_dropout": 0.1, "dim": 768, "dropout": 0.1, "hidden_dim": 3072, "initializer_range": 0.02,
        "max_position_embeddings": 512, "model_type": "distilbert", "n_heads": 12, "n_layers": 6, "pad_token_id": 0,
        "qa_dropout": 0.1, "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": false, "tie_weights_": true,
        "vocab_size": 30522})";
    auto d = parseModelConfig(distil, "config.json");
    QVERIFY2(d, qPrintable(d.error()));
    QCOMPARE(d->dModel, 768);
    QCOMPARE(d->layers, 6);
    QCOMPARE(d->heads, 12);
    QCOMPARE(d->dFf, 3072);
    QCOMPARE(d->maxPositions, 512);
    QCOMPARE(d->typeVocab, 0);
    QCOMPARE(d->positionOffset, 0);
    QCOMPARE(d->normEps, 1e-12);
    QCOMPARE(d->activation, Activation::Gelu);
    QVERIFY(d->tiedEmbeddings);
    auto notDivisible = parseModelConfig(with(distil, "n_heads", "7"), "config.json");
    QVERIFY(!notDivisible);
    QCOMPARE(notDivisible.error(), QStringLiteral("config.json: dim = 768 must be divisible by n_heads = 7"));
    auto padNegative = parseModelConfig(with(roberta, "pad_token_id", "-1"), "config.json");
    QVERIFY(!padNegative);
    QCOMPARE(padNegative.error(), QStringLiteral("config.json: pad_token_id must be a non-negative integer, got -1"));
    auto noRoom = parseModelConfig(with(roberta, "max_position_embeddings", "2"), "config.json");
    QVERIFY(!noRoom);
    QCOMPARE(noRoom.error(),
             QStringLiteral("config.json: max_position_embeddings 2 leaves no position after pad_token_id + 1 = 2"));
}

// What each Llama-family member's config sets, with its configuration class's defaults for the keys it omits.
void TestModelConfig::llamaFamily()
{
    const auto parse = [](const QByteArray& json) {
        auto c = parseModelConfig(json, "config.json");
        if (!c) qWarning("%s", qPrintable(c.error()));
        return c.ok() ? c.value() : ModelConfig{};
    };
    const ModelConfig mistral = parse(kMistral);
    QCOMPARE(mistral.architecture, QString("mistral"));
    QCOMPARE(mistral.headDim(), 128);
    QCOMPARE(mistral.slidingWindow, 4096);
    QCOMPARE(mistral.slidingLayers, std::vector<bool>(32, true));
    QVERIFY(!mistral.qkvBias && !mistral.outputBias && !mistral.qkNorm && !mistral.gemmaNorms);
    QCOMPARE(mistral.attentionScale(), 1.0 / std::sqrt(128.0));
    QCOMPARE(parse(with(kMistral, "sliding_window", "null")).slidingWindow, 0);
    QCOMPARE(parse(with(kMistral, "sliding_window", "")).slidingWindow, 0);

    const ModelConfig qwen2 = parse(kQwen2);
    QCOMPARE(qwen2.headDim(), 64);
    QVERIFY(qwen2.qkvBias && !qwen2.outputBias && !qwen2.qkNorm);
    QVERIFY(qwen2.tiedEmbeddings);
    QCOMPARE(qwen2.ropeTheta, 1e6);
    QCOMPARE(qwen2.slidingWindow, 0); // use_sliding_window false
    const ModelConfig qwen2Window = parse(with(with(kQwen2, "use_sliding_window", "true"), "max_window_layers", "21"));
    QCOMPARE(qwen2Window.slidingWindow, 32768);
    QVERIFY(!qwen2Window.slides(20) && qwen2Window.slides(21) && qwen2Window.slides(23));

    const ModelConfig qwen3 = parse(kQwen3);
    QCOMPARE(qwen3.headDim(), 128); // not 1024 / 16
    QCOMPARE(qwen3.dModel, 1024);
    QVERIFY(qwen3.qkNorm && !qwen3.qkvBias && !qwen3.outputBias && !qwen3.gemmaNorms);
    QCOMPARE(qwen3.slidingWindow, 0);
    QCOMPARE(parse(with(kQwen3, "head_dim", "")).headDim(), 128); // Qwen3Config's default
    const ModelConfig qwen3Bias = parse(with(kQwen3, "attention_bias", "true"));
    QVERIFY(qwen3Bias.qkvBias && qwen3Bias.outputBias);
    const ModelConfig qwen3Window = parse(kQwen3Window);
    QVERIFY(!qwen3Window.slides(0) && qwen3Window.slides(1));
    const ModelConfig qwen3Types =
        parse(with(kQwen3Window, "layer_types", R"(["sliding_attention", "full_attention"])"));
    QVERIFY(qwen3Types.slides(0) && !qwen3Types.slides(1));

    const ModelConfig gemma = parse(kGemma3);
    QCOMPARE(gemma.headDim(), 256);
    QVERIFY(gemma.qkNorm && gemma.gemmaNorms && !gemma.qkvBias);
    QVERIFY(gemma.tiedEmbeddings); // Gemma3TextConfig's default
    QCOMPARE(gemma.activation, Activation::GeluTanh);
    QCOMPARE(gemma.queryPreAttnScalar, 256.0);
    QCOMPARE(gemma.attentionScale(), 1.0 / 16.0);
    QCOMPARE(gemma.ropeTheta, 1e6);
    QCOMPARE(gemma.ropeLocalTheta, 10000.0);
    QCOMPARE(gemma.slidingWindow, 512);
    // Five sliding layers, then a global one: layers 5, 11, 17 and 23 see everything.
    for (int l = 0; l < 26; ++l)
        QCOMPARE(gemma.slides(l), (l + 1) % 6 != 0);
    const ModelConfig gemmaDefaults =
        parse(with(with(with(kGemma3, "sliding_window", ""), "sliding_window_pattern", ""), "head_dim", ""));
    QCOMPARE(gemmaDefaults.slidingWindow, 4096);
    QCOMPARE(gemmaDefaults.headDim(), 256);
    QVERIFY(!gemmaDefaults.slides(5) && gemmaDefaults.slides(6));

    // Llama: head_dim of its own (some derived models) and biases.
    const ModelConfig llama = parse(with(with(with(kLlama, "head_dim", "16"), "attention_bias", "true"), "mlp_bias", "true"));
    QCOMPARE(llama.headDim(), 16);
    QVERIFY(llama.qkvBias && llama.outputBias && llama.mlpBias);
    QCOMPARE(parse(kLlama).slidingWindow, 0);
}

// Every spelling transformers' ACT2FN uses for a function AttnLab implements, in each architecture's key: the
// three names of the tanh approximation are one activation.
void TestModelConfig::aliases_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("spelling");
    QTest::addColumn<Activation>("expected");
    QTest::newRow("gpt2 gelu_new") << kGpt2 << QByteArray("activation_function") << QByteArray("gelu_new")
                                   << Activation::GeluTanh;
    QTest::newRow("gpt2 gelu_pytorch_tanh") << kGpt2 << QByteArray("activation_function")
                                            << QByteArray("gelu_pytorch_tanh") << Activation::GeluTanh;
    QTest::newRow("gpt2 gelu_fast") << kGpt2 << QByteArray("activation_function") << QByteArray("gelu_fast")
                                    << Activation::GeluTanh;
    QTest::newRow("gpt2 gelu") << kGpt2 << QByteArray("activation_function") << QByteArray("gelu")
                               << Activation::Gelu;
    QTest::newRow("bert gelu_new") << kBert << QByteArray("hidden_act") << QByteArray("gelu_new")
                                   << Activation::GeluTanh;
    QTest::newRow("bert relu") << kBert << QByteArray("hidden_act") << QByteArray("relu") << Activation::ReLU;
    QTest::newRow("llama silu") << kLlama << QByteArray("hidden_act") << QByteArray("silu") << Activation::Silu;
    QTest::newRow("llama swish") << kLlama << QByteArray("hidden_act") << QByteArray("swish") << Activation::Silu;
}

void TestModelConfig::aliases()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, spelling);
    QFETCH(Activation, expected);
    auto c = parseModelConfig(with(base, key.constData(), '"' + spelling + '"'), "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->activation, expected);
}

void TestModelConfig::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const auto row = [](const char* name, const QByteArray& json, const char* message) {
        QTest::newRow(name) << json << QString::fromUtf8(message);
    };
    row("not json", "{", "config.json: not valid JSON");
    row("array", "[]", "config.json: expected a JSON object");
    row("no model_type", with(kGpt2, "model_type", ""),
        "config.json: model_type is missing (expected gpt2, gpt_neox, bert, roberta, distilbert, llama, mistral, qwen2, qwen3 or gemma3_text)");
    row("t5", with(kGpt2, "model_type", "\"t5\""),
        R"(config.json: model_type "t5" is not supported (gpt2, gpt_neox, bert, roberta, distilbert, llama, mistral, qwen2, qwen3, gemma3_text))");
    row("model_type number", with(kGpt2, "model_type", "2"), "config.json: model_type 2 is not supported");
    row("n_head string", with(kGpt2, "n_head", "\"x\""),
        R"(config.json: n_head must be a positive integer, got "x")");
    row("n_head zero", with(kGpt2, "n_head", "0"), "config.json: n_head must be a positive integer, got 0");
    row("n_head negative", with(kGpt2, "n_head", "-3"), "n_head must be a positive integer, got -3");
    row("n_head fraction", with(kGpt2, "n_head", "1.5"), "n_head must be a positive integer, got 1.5");
    row("n_head bool", with(kGpt2, "n_head", "true"), "n_head must be a positive integer, got true");
    row("n_head null", with(kGpt2, "n_head", "null"), "n_head must be a positive integer, got null");
    row("n_embd missing", with(kGpt2, "n_embd", ""),
        "config.json: n_embd is missing (expected a positive integer)");
    row("n_embd too wide", with(kGpt2, "n_embd", "131072"), "n_embd must be at most 65536, got 131072");
    row("n_embd 1e300", with(kGpt2, "n_embd", "1e300"),
        "n_embd must be a positive integer, got 1.0000000000000001e+300");
    row("n_layer 257", with(kGpt2, "n_layer", "257"), "n_layer must be at most 256, got 257");
    row("vocab too big", with(kGpt2, "vocab_size", "1000001"),
        "vocab_size must be at most 1000000, got 1000001");
    row("n_inner string", with(kGpt2, "n_inner", "\"big\""),
        R"(n_inner must be a positive integer, got "big")");
    row("eps negative", with(kGpt2, "layer_norm_epsilon", "-1e-5"),
        "layer_norm_epsilon must be a positive number below 1, got -1.0000000000000001e-05");
    row("eps string", with(kGpt2, "layer_norm_epsilon", "\"small\""),
        "layer_norm_epsilon must be a positive number");
    row("activation unknown", with(kGpt2, "activation_function", "\"tanh\""),
        R"(config.json: activation_function "tanh" is not supported (gelu_new, gelu_pytorch_tanh, gelu_fast, gelu, relu, silu, swish))");
    row("activation number", with(kGpt2, "activation_function", "1"),
        "activation_function 1 is not supported");
    row("tie string", with(kGpt2, "tie_word_embeddings", "\"yes\""),
        R"(tie_word_embeddings must be true or false, got "yes")");
    row("width not divisible", with(kGpt2, "n_head", "5"),
        "config.json: n_embd = 48 must be divisible by n_head = 5");
    row("bert hidden not divisible", with(kBert, "num_attention_heads", "7"),
        "hidden_size = 768 must be divisible by num_attention_heads = 7");
    row("bert missing intermediate", with(kBert, "intermediate_size", ""), "intermediate_size is missing");
    row("bert type vocab zero", with(kBert, "type_vocab_size", "0"),
        "type_vocab_size must be a positive integer, got 0");
    row("bert relative positions", with(kBert, "position_embedding_type", "\"relative_key\""),
        R"(position_embedding_type "relative_key" is not supported (absolute))");
    row("llama kv not dividing", with(kLlama, "num_key_value_heads", "3"),
        "num_attention_heads = 8 must be a multiple of num_key_value_heads = 3");
    row("llama kv above heads", with(kLlama, "num_key_value_heads", "16"),
        "must be a multiple of num_key_value_heads = 16");
    row("llama rope theta zero", with(kLlama, "rope_theta", "0"), "rope_theta must be a positive number");
    row("llama3 scaling without its factors", with(kLlama, "rope_scaling", R"({"rope_type": "llama3", "factor": 8.0})"),
        "config.json: rope_scaling: low_freq_factor is missing (expected a positive number)");
    row("rope scaling yarn", with(kLlama, "rope_scaling", R"({"rope_type": "yarn", "factor": 4.0})"),
        R"(config.json: rope_scaling: rope_type "yarn" is not supported (default, linear, llama3))");
    row("rope scaling without a type", with(kLlama, "rope_scaling", R"({"factor": 4.0})"),
        "rope_scaling: type");
    row("rope scaling a number", with(kLlama, "rope_scaling", "8"),
        "config.json: rope_scaling must be an object or null, got 8");
    row("linear scaling factor zero", with(kLlama, "rope_scaling", R"({"type": "linear", "factor": 0})"),
        "config.json: rope_scaling: factor must be a positive number below 1000000, got 0");
    row("llama3 frequency factors crossed",
        with(kLlama, "rope_scaling",
             R"({"rope_type": "llama3", "factor": 8, "low_freq_factor": 4, "high_freq_factor": 1,
                 "original_max_position_embeddings": 8192})"),
        "rope_scaling: high_freq_factor 1 must be greater than low_freq_factor 4");
    row("llama head_dim overflow",
        with(with(with(with(kLlama, "hidden_size", "65536"), "num_attention_heads", "65536"),
                  "num_key_value_heads", "65536"),
             "head_dim", "65536"),
        "config.json: num_attention_heads × head_dim = 65536 × 65536 must be at most 65536");
    row("llama odd head_dim", with(kLlama, "head_dim", "7"), "config.json: the head size head_dim = 7 must be even");
    row("gemma3 soft-capping", with(kGemma3, "final_logit_softcapping", "30.0"),
        "config.json: final_logit_softcapping 30 is not supported (null)");
    row("gemma3 attention soft-capping", with(kGemma3, "attn_logit_softcapping", "50.0"),
        "config.json: attn_logit_softcapping 50 is not supported (null)");
    row("gemma3 bidirectional", with(kGemma3, "use_bidirectional_attention", "true"),
        "use_bidirectional_attention true is not supported");
    row("layer_types too short", with(kGemma3, "layer_types", R"(["full_attention"])"),
        "config.json: layer_types must list 26 layer types, got 1");
    row("layer_types a string", with(kGemma3, "layer_types", R"("full_attention")"),
        R"(config.json: layer_types must list 26 layer types, got "full_attention")");
    row("layer_types unknown", with(kQwen3Window, "layer_types", R"(["full_attention", "chunked_attention"])"),
        R"(config.json: layer_types[1] "chunked_attention" is not supported (sliding_attention, full_attention))");
    row("sliding_window zero", with(kMistral, "sliding_window", "0"),
        "config.json: sliding_window must be a positive integer, got 0");
    row("query_pre_attn_scalar negative", with(kGemma3, "query_pre_attn_scalar", "-1"),
        "query_pre_attn_scalar must be a positive number");
    row("bert null positions ok but vocab missing",
        with(with(kBert, "position_embedding_type", "null"), "vocab_size", ""), "vocab_size is missing");
    row("llama odd head size", with(with(kLlama, "num_attention_heads", "64"), "num_key_value_heads", "64"),
        "must be even for RoPE");
    row("llama missing rms eps ok but vocab missing", with(kLlama, "vocab_size", ""),
        "vocab_size is missing");
}

void TestModelConfig::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    auto c = parseModelConfig(json, "config.json");
    QVERIFY(!c);
    QVERIFY2(c.error().startsWith("config.json: "), qPrintable(c.error()));
    QVERIFY2(c.error().contains(message), qPrintable(c.error()));
}

void TestModelConfig::sharedConfigs_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QList<int>>("sizes"); // layers, heads, kvHeads, dModel, dFf, vocab, maxPositions
    QTest::addColumn<double>("normEps");
    QTest::addColumn<QString>("activation");
    QTest::addColumn<bool>("tied");
    QTest::addColumn<double>("ropeTheta");
    QTest::newRow("gpt-nano-sort") << "gpt-nano-sort"
                                   << "gpt2" << QList<int>{3, 3, 3, 48, 192, 3, 11} << 1e-5 << "gelu_tanh"
                                   << false << 0.0;
    QTest::newRow("char-gpt-slm") << "char-gpt-slm"
                                  << "gpt2" << QList<int>{4, 4, 4, 64, 256, 54, 128} << 1e-5 << "gelu" << true
                                  << 0.0;
    QTest::newRow("aidreams260K") << "aidreams260K"
                                  << "llama" << QList<int>{4, 4, 4, 64, 172, 512, 128} << 1e-5 << "silu"
                                  << true << 10000.0;
}

void TestModelConfig::sharedConfigs()
{
    QFETCH(QString, model);
    QFETCH(QString, architecture);
    QFETCH(QList<int>, sizes);
    QFETCH(double, normEps);
    QFETCH(QString, activation);
    QFETCH(bool, tied);
    QFETCH(double, ropeTheta);
    QFile file(sharedConfig(model));
    if (!file.exists())
        QSKIP(qPrintable("shared test models not found at " + attnlab::test::sharedDir() +
                         " (set ATTNLAB_SHARED)"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto c = parseModelConfig(file.readAll(), "config.json");
    QVERIFY2(c, qPrintable(c.error()));
    QCOMPARE(c->architecture, architecture);
    QCOMPARE((QList<int>{c->layers, c->heads, c->kvHeads, c->dModel, c->dFf, c->vocab, c->maxPositions}),
             sizes);
    QCOMPARE(c->normEps, normEps);
    QCOMPARE(activationName(c->activation), activation);
    QCOMPARE(c->tiedEmbeddings, tied);
    QCOMPARE(c->ropeTheta, ropeTheta);
    QCOMPARE(c->typeVocab, 0);
}

ATTNLAB_TEST_APPLESS_MAIN(TestModelConfig)
} // namespace tst_model_config
#include "tst_model_config.moc"
