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
        "config.json: model_type is missing (expected gpt2, bert or llama)");
    row("t5", with(kGpt2, "model_type", "\"t5\""),
        R"(config.json: model_type "t5" is not supported (gpt2, bert, llama))");
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
    row("llama head_dim", with(kLlama, "head_dim", "16"),
        "head_dim 16 must equal hidden_size / num_attention_heads = 8");
    row("llama head_dim overflow",
        with(with(with(with(kLlama, "hidden_size", "65536"), "num_attention_heads", "65536"),
                  "num_key_value_heads", "65536"),
             "head_dim", "65536"),
        "head_dim 65536 must equal hidden_size / num_attention_heads = 1");
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
