// Tests model/training/training_checkpoint.cpp: the shared reference GPT-2 read and compared with floats
// taken straight from its file's bytes (offsets from its header); a saved folder's files read back
// independently (config.json's keys, model.safetensors' names, shapes and bytes, the attention-only model's
// identity ln_2 and zero MLP); a hand-built model saved and run by AttnLab's own GPT-2 loader and through
// loadModel, against logits derived by hand; the training checkpoint's round trip, every field and float bit
// for bit; the refusals; and a save that fails leaving the previous folder's files as they were.

#include "file_size_limit.h"
#include "read_only_folder.h"
#include "model/checkpoints/gpt2_model.h"
#include "model/checkpoints/safetensors_writer.h"
#include "model/pipeline/loaded_model.h"
#include "model/training/training_checkpoint.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

namespace tst_training_checkpoint {

using namespace attnlab::model;
using attnlab::test::sharedDir;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

// A safetensors file read with nothing but its format: the 8-byte little-endian header length, the JSON
// header, and floats at data start + offset.
struct RawSafetensors {
    QByteArray bytes;
    QJsonObject header;
    qint64 dataStart = 0;

    explicit RawSafetensors(const QString& path) : bytes(readAll(path))
    {
        if (bytes.size() < 8) return;
        quint64 n = 0;
        for (int i = 7; i >= 0; --i)
            n = (n << 8) | quint8(bytes[i]);
        header = QJsonDocument::fromJson(bytes.mid(8, qsizetype(n))).object();
        dataStart = 8 + qint64(n);
    }
    QStringList tensorNames() const
    {
        QStringList names = header.keys();
        names.removeAll(QStringLiteral("__metadata__"));
        return names;
    }
    std::vector<std::int64_t> shape(const QString& name) const
    {
        std::vector<std::int64_t> s;
        for (const QJsonValue& d : header.value(name).toObject().value(QStringLiteral("shape")).toArray())
            s.push_back(d.toInteger());
        return s;
    }
    // Element k of the F32 tensor name.
    float at(const QString& name, qint64 k) const
    {
        const qint64 begin =
            header.value(name).toObject().value(QStringLiteral("data_offsets")).toArray()[0].toInteger();
        float v = 0;
        std::memcpy(&v, bytes.constData() + dataStart + begin + 4 * k, 4);
        return v;
    }
    qint64 elements(const QString& name) const
    {
        qint64 n = 1;
        for (std::int64_t d : shape(name))
            n *= d;
        return n;
    }
};

bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool sameBits(const ParameterBuffer<float>& a, const ParameterBuffer<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// A tokenizer.json over the five tokens A..E (ids 0..4), words split on whitespace, as the tokenizers library
// writes a word-level vocabulary in BPE form (no merges).
const QByteArray kTokenizerJson = R"({"version": "1.0", "added_tokens": [], "normalizer": null,
 "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null, "decoder": {"type": "Fuse"},
 "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
  "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
  "vocab": {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}, "merges": []}})";

// The hand-built model: 1 layer, 2 heads, d 4, context 8, vocabulary 5. ln_1 and ln_2 have γ = 0, so every
// position's normed stream is β: the queries and keys are the same at every position, so attention is uniform
// over the keys a query may see (1/(i + 1)), and the heads' output is the value β₁·W_v + b_v at every
// position. The attention sublayer therefore adds the constant a = (β₁·W_v + b_v)·W_o + b_o, the MLP the
// constant m = GELU_tanh(β₂·W_fc + b_fc)·W_mp + b_mp, and the stream leaving the block is wte[id] + wpe[t] +
// a + m.
struct HandModel {
    GptShape shape{1, 2, 4, 8, 5, false};
    Eigen::MatrixXd wte{5, 4}, wpe{8, 4}, attnW{4, 12}, projW{4, 4}, fcW{4, 16}, mlpProjW{16, 4};
    Eigen::RowVectorXd beta1{4}, attnB{12}, projB{4}, beta2{4}, fcB{16}, mlpProjB{4}, lnfGamma{4}, lnfBeta{4};

    explicit HandModel(bool attentionOnly)
    {
        shape.attentionOnly = attentionOnly;
        wte << 1, 0, 0, 0, //
            0, 2, 0, 0,    //
            0, 0, 3, 0,    //
            0, 0, 0, 4,    //
            1, 1, -1, -1;
        wpe.setZero();
        for (int t = 0; t < 8; ++t)
            wpe(t, t % 4) = 0.1 * t;
        // Fixed, unremarkable numbers: each entry a different one, so that a transposed or shifted tensor
        // shows.
        const auto fill = [](auto& m, double start) {
            for (Eigen::Index i = 0; i < m.size(); ++i)
                m(i / m.cols(), i % m.cols()) = std::sin(start + 0.37 * double(i)) * 0.5;
        };
        fill(attnW, 1.0);
        fill(projW, 2.0);
        fill(fcW, 3.0);
        fill(mlpProjW, 4.0);
        fill(attnB, 5.0);
        fill(projB, 6.0);
        fill(fcB, 7.0);
        fill(mlpProjB, 8.0);
        beta1 << 0.5, -0.5, 1, 0;
        beta2 << 1, 0, -1, 2;
        lnfGamma << 1, 2, 1, 0.5;
        lnfBeta << 0, 0.1, 0, 0;
    }

    ParameterBuffer<float> parameters() const
    {
        const ParameterLayout layout(shape);
        ParameterBuffer<float> p(layout.bufferSize(), 0.0f);
        const auto put = [&](ParameterKind kind, const auto& m) {
            const ParameterTensor& t = layout.tensor(
                kind, kind == ParameterKind::TokenEmbedding || kind == ParameterKind::PositionEmbedding ||
                              kind == ParameterKind::LnfWeight || kind == ParameterKind::LnfBias
                          ? -1
                          : 0);
            QCOMPARE(qint64(m.size()), qint64(t.size()));
            for (Eigen::Index i = 0; i < m.size(); ++i)
                p[t.offset + std::size_t(i)] = float(m(i / m.cols(), i % m.cols())); // row-major (in, out)
        };
        put(ParameterKind::TokenEmbedding, wte);
        put(ParameterKind::PositionEmbedding, wpe);
        put(ParameterKind::Ln1Bias, beta1); // ln_1 γ stays 0
        put(ParameterKind::AttnWeight, attnW);
        put(ParameterKind::AttnBias, attnB);
        put(ParameterKind::AttnProjWeight, projW);
        put(ParameterKind::AttnProjBias, projB);
        if (!shape.attentionOnly) {
            put(ParameterKind::Ln2Bias, beta2); // ln_2 γ stays 0
            put(ParameterKind::FcWeight, fcW);
            put(ParameterKind::FcBias, fcB);
            put(ParameterKind::FcProjWeight, mlpProjW);
            put(ParameterKind::FcProjBias, mlpProjB);
        }
        put(ParameterKind::LnfWeight, lnfGamma);
        put(ParameterKind::LnfBias, lnfBeta);
        return p;
    }

    // The logits (T, vocab), in double, as worked out above.
    Eigen::MatrixXd logits(const std::vector<int>& ids) const
    {
        const Eigen::RowVectorXd value = beta1 * attnW.rightCols(4) + attnB.tail(4);
        const Eigen::RowVectorXd a = value * projW + projB;
        Eigen::RowVectorXd hidden = beta2 * fcW + fcB;
        for (double& h : hidden)
            h = 0.5 * h * (1 + std::tanh(std::sqrt(2 / std::numbers::pi) * (h + 0.044715 * h * h * h)));
        const Eigen::RowVectorXd m = shape.attentionOnly ? Eigen::RowVectorXd::Zero(4)
                                                         : Eigen::RowVectorXd(hidden * mlpProjW + mlpProjB);
        Eigen::MatrixXd out(Eigen::Index(ids.size()), 5);
        for (int t = 0; t < int(ids.size()); ++t) {
            const Eigen::RowVectorXd x = wte.row(ids[std::size_t(t)]) + wpe.row(t) + a + m;
            const double mean = x.mean();
            const double variance = (x.array() - mean).square().mean();
            const Eigen::RowVectorXd normed =
                ((x.array() - mean) / std::sqrt(variance + 1e-5)).matrix().cwiseProduct(lnfGamma) + lnfBeta;
            out.row(t) = normed * wte.transpose();
        }
        return out;
    }
};

TrainingState unusualState(bool attentionOnly)
{
    TrainingState s;
    s.shape = {2, 4, 32, 16, 7, attentionOnly};
    s.settings.steps = 12345;
    s.settings.batch = 24;
    s.settings.learningRate = 3e-4 + 1e-19; // not a short decimal
    s.settings.warmup = 77;
    s.settings.schedule = LearningRateSchedule::Constant;
    s.settings.minLearningRateFraction = 1.0 / 3.0;
    s.settings.weightDecay = 0.0;
    s.settings.beta1 = 0.8999999999999999;
    s.settings.beta2 = 0.999;
    s.settings.eps = 1e-8;
    s.settings.clip = 0.0;
    s.settings.seed = std::numeric_limits<std::uint64_t>::max() - 6; // beyond a double's 2⁵³
    s.task = QStringLiteral("text:/tmp/a folder/ünïcode.txt");
    s.step = 4321;
    const ParameterLayout layout(s.shape);
    initializeParameters(layout, 99, s.parameters);
    s.firstMoment.assign(layout.bufferSize(), 0.0f);
    s.secondMoment.assign(layout.bufferSize(), 0.0f);
    SeededRandom random(7);
    for (const ParameterTensor& t : layout.tensors())
        for (std::size_t i = 0; i < t.size(); ++i) {
            s.firstMoment[t.offset + i] = float(1e-3 * random.normal());
            s.secondMoment[t.offset + i] = float(std::abs(1e-6 * random.normal()));
        }
    // Values a decimal round trip could lose: −0, a subnormal, the largest float.
    s.firstMoment[0] = -0.0f;
    s.firstMoment[1] = std::numeric_limits<float>::denorm_min();
    s.secondMoment[2] = std::numeric_limits<float>::max();
    s.parameters[3] = -0.0f;
    s.dataRandom.bits = 0xFEDCBA9876543210ull;
    s.dataRandom.spare = -0.12345678901234567;
    s.dataRandom.hasSpare = true;
    return s;
}

} // namespace

class TestTrainingCheckpoint : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void readsTheReferenceFolder();
    void savedFolderHasGpt2sFiles();
    void attentionOnlyIsSavedWithIdentityNormAndZeroMlp();
    void gpt2FolderRoundTripIsBitExact_data();
    void gpt2FolderRoundTripIsBitExact();
    void handBuiltModelRunsInAttnLabsGpt2_data();
    void handBuiltModelRunsInAttnLabsGpt2();
    void handBuiltModelOpensAsAModelWithItsTokenizer();
    void readsTransformersPrefixedNames();
    void refusesWhatTheLabCannotTrain_data();
    void refusesWhatTheLabCannotTrain();
    void trainingCheckpointRoundTripIsBitExact_data();
    void trainingCheckpointRoundTripIsBitExact();
    void trainingJsonKeepsDoublesAsBits();
    void plainModelIsNotATrainingCheckpoint();
    void weightsSavedOverACheckpointAreNotResumed();
    void damagedTrainingJsonIsNamed();
    void failedSaveLeavesThePreviousCheckpoint();
    void readOnlyFolderLeavesThePreviousFiles();
    void saveKilledBetweenRenamesIsNotResumed_data();
    void saveKilledBetweenRenamesIsNotResumed();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

// The reference tiny GPT-2 (../shared/training-reference/tiny-gpt2-step, written by PyTorch): its shape from
// config.json, and parameters equal to the floats at the offsets its header gives.
void TestTrainingCheckpoint::readsTheReferenceFolder()
{
    const QString folder = sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
    Result<LoadedGpt> loaded = loadGpt2Folder(folder);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->shape, (GptShape{2, 2, 16, 32, 11, false}));
    QVERIFY(loaded->tokenizerJson.isEmpty()); // the reference has no tokenizer.json

    const RawSafetensors raw(folder + QStringLiteral("/model.safetensors"));
    QCOMPARE(raw.dataStart, 8 + 2424);
    const ParameterLayout layout(loaded->shape);
    // Every tensor, every element: the layout's name, shape and the file's bytes.
    QCOMPARE(raw.tensorNames().size(), qsizetype(layout.tensors().size()));
    for (const ParameterTensor& t : layout.tensors()) {
        QCOMPARE(raw.shape(t.name), t.shape);
        for (qint64 k = 0; k < qint64(t.size()); ++k)
            QCOMPARE(loaded->parameters[t.offset + std::size_t(k)], raw.at(t.name, k));
    }
    // And a few by hand: the header puts h.0.attn.c_attn.bias at data bytes [5952, 6144), ln_f.bias at
    // [29056, 29120); wte (11, 16) at 0, so wte[3][5] is element 53.
    const auto floatAt = [&raw](qint64 byte) {
        float v = 0;
        std::memcpy(&v, raw.bytes.constData() + raw.dataStart + byte, 4);
        return v;
    };
    QCOMPARE(loaded->parameters[layout.tensor(ParameterKind::TokenEmbedding).offset + 53], floatAt(4 * 53));
    QCOMPARE(loaded->parameters[layout.tensor(ParameterKind::AttnBias, 0).offset + 7], floatAt(5952 + 4 * 7));
    QCOMPARE(loaded->parameters[layout.tensor(ParameterKind::LnfBias).offset + 15], floatAt(29056 + 4 * 15));
    QVERIFY(floatAt(4 * 53) != 0.0f);
    // The padding between tensors is 0.
    const ParameterTensor& wte = layout.tensor(ParameterKind::TokenEmbedding);
    for (std::size_t i = wte.offset + wte.size(); i < layout.tensor(ParameterKind::PositionEmbedding).offset;
         ++i)
        QCOMPARE(loaded->parameters[i], 0.0f);
}

// config.json as GPT2Config reads it, model.safetensors with GPT-2's names and shapes (no lm_head: tied) and
// the buffer's bytes, tokenizer.json as given.
void TestTrainingCheckpoint::savedFolderHasGpt2sFiles()
{
    const GptShape shape{3, 4, 32, 20, 9, false};
    const ParameterLayout layout(shape);
    ParameterBuffer<float> params;
    initializeParameters(layout, 5, params);
    const QString folder = path(QStringLiteral("new/model")); // created
    const Result<void> saved = saveGpt2Folder(folder, layout, params, kTokenizerJson);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));

    const QJsonObject config =
        QJsonDocument::fromJson(readAll(folder + QStringLiteral("/config.json"))).object();
    QCOMPARE(config.value(QStringLiteral("architectures")).toArray(),
             QJsonArray{QStringLiteral("GPT2LMHeadModel")});
    QCOMPARE(config.value(QStringLiteral("model_type")).toString(), QStringLiteral("gpt2"));
    QCOMPARE(config.value(QStringLiteral("n_layer")).toInt(), 3);
    QCOMPARE(config.value(QStringLiteral("n_head")).toInt(), 4);
    QCOMPARE(config.value(QStringLiteral("n_embd")).toInt(), 32);
    QCOMPARE(config.value(QStringLiteral("n_positions")).toInt(), 20);
    QCOMPARE(config.value(QStringLiteral("n_ctx")).toInt(), 20);
    QCOMPARE(config.value(QStringLiteral("vocab_size")).toInt(), 9);
    QCOMPARE(config.value(QStringLiteral("activation_function")).toString(), QStringLiteral("gelu_new"));
    QCOMPARE(config.value(QStringLiteral("layer_norm_epsilon")).toDouble(), 1e-5);
    QCOMPARE(config.value(QStringLiteral("tie_word_embeddings")).toBool(), true);
    for (const char* dropout : {"resid_pdrop", "embd_pdrop", "attn_pdrop"})
        QCOMPARE(config.value(QLatin1String(dropout)).toDouble(-1), 0.0);
    QCOMPARE(config.value(QStringLiteral("attnlab_attention_only")).toBool(true), false);

    const RawSafetensors raw(folder + QStringLiteral("/model.safetensors"));
    QCOMPARE(raw.header.value(QStringLiteral("__metadata__"))
                 .toObject()
                 .value(QStringLiteral("format"))
                 .toString(),
             QStringLiteral("pt"));
    QStringList expected{QStringLiteral("wte.weight"), QStringLiteral("wpe.weight"),
                         QStringLiteral("ln_f.weight"), QStringLiteral("ln_f.bias")};
    for (int l = 0; l < 3; ++l)
        for (const char* n : {"ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias",
                              "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
                              "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias"})
            expected << QStringLiteral("h.%1.%2").arg(l).arg(QLatin1String(n));
    expected.sort();
    QStringList names = raw.tensorNames();
    names.sort();
    QCOMPARE(names, expected);
    QCOMPARE(raw.shape(QStringLiteral("wte.weight")), (std::vector<std::int64_t>{9, 32}));
    QCOMPARE(raw.shape(QStringLiteral("wpe.weight")), (std::vector<std::int64_t>{20, 32}));
    QCOMPARE(raw.shape(QStringLiteral("h.2.attn.c_attn.weight")), (std::vector<std::int64_t>{32, 96}));
    QCOMPARE(raw.shape(QStringLiteral("h.1.mlp.c_fc.weight")), (std::vector<std::int64_t>{32, 128}));
    QCOMPARE(raw.shape(QStringLiteral("h.1.mlp.c_proj.weight")), (std::vector<std::int64_t>{128, 32}));
    QCOMPARE(raw.shape(QStringLiteral("h.0.mlp.c_fc.bias")), (std::vector<std::int64_t>{128}));
    for (const ParameterTensor& t : layout.tensors()) {
        QCOMPARE(raw.header.value(t.name).toObject().value(QStringLiteral("dtype")).toString(),
                 QStringLiteral("F32"));
        for (qint64 k = 0; k < qint64(t.size()); ++k)
            QCOMPARE(raw.at(t.name, k), params[t.offset + std::size_t(k)]);
    }
    QCOMPARE(readAll(folder + QStringLiteral("/tokenizer.json")), kTokenizerJson);
    QVERIFY(!QFile::exists(folder + QStringLiteral("/training.json")));
}

// GPT2LMHeadModel has ln_2 and an MLP in every block: an attention-only model writes them as γ = 1, β = 0 and
// zeros of GPT-2's shapes, and says so in config.json.
void TestTrainingCheckpoint::attentionOnlyIsSavedWithIdentityNormAndZeroMlp()
{
    const GptShape shape{2, 2, 8, 10, 6, true};
    const ParameterLayout layout(shape);
    ParameterBuffer<float> params;
    initializeParameters(layout, 11, params);
    const QString folder = path(QStringLiteral("attn-only"));
    QVERIFY(saveGpt2Folder(folder, layout, params, {}).ok());
    QVERIFY(!QFile::exists(folder + QStringLiteral("/tokenizer.json"))); // none given, none written
    const QJsonObject config =
        QJsonDocument::fromJson(readAll(folder + QStringLiteral("/config.json"))).object();
    QCOMPARE(config.value(QStringLiteral("attnlab_attention_only")).toBool(false), true);

    const RawSafetensors raw(folder + QStringLiteral("/model.safetensors"));
    QCOMPARE(raw.tensorNames().size(), qsizetype(4 + 2 * 12));
    for (int l = 0; l < 2; ++l) {
        const auto name = [l](const char* rest) {
            return QStringLiteral("h.%1.%2").arg(l).arg(QLatin1String(rest));
        };
        QCOMPARE(raw.shape(name("mlp.c_fc.weight")), (std::vector<std::int64_t>{8, 32}));
        QCOMPARE(raw.shape(name("mlp.c_proj.weight")), (std::vector<std::int64_t>{32, 8}));
        for (qint64 k = 0; k < 8; ++k) {
            QCOMPARE(raw.at(name("ln_2.weight"), k), 1.0f);
            QCOMPARE(raw.at(name("ln_2.bias"), k), 0.0f);
        }
        for (const char* zero : {"mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias"})
            for (qint64 k = 0; k < raw.elements(name(zero)); ++k)
                QCOMPARE(raw.at(name(zero), k), 0.0f);
        // The attention tensors around them are the buffer's.
        const ParameterTensor& proj = layout.tensor(ParameterKind::AttnProjWeight, l);
        QCOMPARE(raw.at(proj.name, 5), params[proj.offset + 5]);
    }
    const ParameterTensor& lnf = layout.tensor(ParameterKind::LnfWeight);
    QCOMPARE(raw.at(lnf.name, 0), 1.0f);
}

void TestTrainingCheckpoint::gpt2FolderRoundTripIsBitExact_data()
{
    QTest::addColumn<GptShape>("shape");
    QTest::newRow("GPT-2") << GptShape{2, 4, 16, 12, 13, false};
    QTest::newRow("attention only") << GptShape{3, 2, 8, 6, 5, true};
    QTest::newRow("one head, the largest context") << GptShape{1, 1, 4, kMaxTrainingContext, 2, false};
}

// Saved and loaded: the same shape and every float, padding included, bit for bit; the tokenizer as saved.
void TestTrainingCheckpoint::gpt2FolderRoundTripIsBitExact()
{
    QFETCH(GptShape, shape);
    const ParameterLayout layout(shape);
    ParameterBuffer<float> params;
    initializeParameters(layout, 3, params);
    params[layout.tensor(ParameterKind::LnfBias).offset] = -0.0f;
    const QString folder = path(QStringLiteral("round-trip"));
    QVERIFY(saveGpt2Folder(folder, layout, params, kTokenizerJson).ok());
    Result<LoadedGpt> loaded = loadGpt2Folder(folder);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->shape, shape);
    QVERIFY(sameBits(loaded->parameters, params));
    QCOMPARE(loaded->tokenizerJson, kTokenizerJson);
}

void TestTrainingCheckpoint::handBuiltModelRunsInAttnLabsGpt2_data()
{
    QTest::addColumn<bool>("attentionOnly");
    QTest::newRow("GPT-2") << false;
    QTest::newRow("attention only, saved with a zero MLP") << true;
}

// The hand-built model saved and loaded by AttnLab's GPT2LMHeadModel forward (Gpt2Model::load): logits as
// worked out by hand, and uniform causal attention. For the attention-only model this shows that the identity
// ln_2 and the zero MLP it is saved with add nothing.
void TestTrainingCheckpoint::handBuiltModelRunsInAttnLabsGpt2()
{
    QFETCH(bool, attentionOnly);
    const HandModel hand(attentionOnly);
    const QString folder = path(QStringLiteral("hand"));
    QVERIFY(saveGpt2Folder(folder, ParameterLayout(hand.shape), hand.parameters(), kTokenizerJson).ok());
    auto model = Gpt2Model::load(folder);
    QVERIFY2(model.ok(), qPrintable(model.error()));
    const std::vector<int> ids{0, 3, 1, 4, 2, 2};
    MatrixF logits;
    Result<Trace> trace = (*model)->run(ids, {}, &logits);
    QVERIFY2(trace.ok(), qPrintable(trace.error()));
    const Eigen::MatrixXd expected = hand.logits(ids);
    ATTNLAB_COMPARE_MATRIX(Eigen::MatrixXd(logits.cast<double>()), expected, 1e-4);
    // The MLP's constant matters in the full model: without it the logits differ.
    if (!attentionOnly) {
        HandModel withoutMlp(true);
        QVERIFY(!Eigen::MatrixXd(logits.cast<double>()).isApprox(withoutMlp.logits(ids), 1e-3));
    }
    for (const HeadTrace& head : trace->layers[0].heads)
        for (int i = 0; i < 6; ++i)
            for (int j = 0; j <= i; ++j)
                QVERIFY(std::abs(head.weights(i, j) - 1.0 / (i + 1)) < 1e-6);
}

// The saved folder is a model the app opens (config.json and model.safetensors make a folder a model for the
// Model list; the tokenizer beside it is found): loadModel reads both, the tokenizer encodes the task's
// words, and the model runs on them with the logits worked out by hand.
void TestTrainingCheckpoint::handBuiltModelOpensAsAModelWithItsTokenizer()
{
    const HandModel hand(false);
    const QString folder = path(QStringLiteral("opens"));
    QVERIFY(saveGpt2Folder(folder, ParameterLayout(hand.shape), hand.parameters(), kTokenizerJson).ok());
    QVERIFY(QFile::exists(folder + QStringLiteral("/config.json")));
    QVERIFY(QFile::exists(folder + QStringLiteral("/model.safetensors")));
    Result<LoadedModel> loaded = loadModel(folder);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->model->config().architecture, QStringLiteral("gpt2"));
    QCOMPARE(loaded->model->config().layers, 1);
    QCOMPARE(loaded->model->parameterCount(), std::int64_t(ParameterLayout(hand.shape).parameterCount()));
    const Encoding encoding = loaded->tokenizer->encode(QStringLiteral("A D B E C"));
    QCOMPARE(encoding.ids, (std::vector<int>{0, 3, 1, 4, 2}));
    MatrixF logits;
    Result<Trace> trace = loaded->model->run(encoding.ids, encoding.tokens, &logits);
    QVERIFY2(trace.ok(), qPrintable(trace.error()));
    ATTNLAB_COMPARE_MATRIX(Eigen::MatrixXd(logits.cast<double>()), hand.logits(encoding.ids), 1e-4);
    QCOMPARE(trace->tokens, (QStringList{"A", "D", "B", "E", "C"}));
}

// transformers' save_pretrained names the tensors of GPT2LMHeadModel "transformer.wte.weight", …: the same
// weights under those names load the same.
void TestTrainingCheckpoint::readsTransformersPrefixedNames()
{
    const QString reference = sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
    Result<LoadedGpt> original = loadGpt2Folder(reference);
    QVERIFY(original.ok());
    const QString folder = path(QStringLiteral("prefixed"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(reference + QStringLiteral("/config.json"), folder + QStringLiteral("/config.json")));
    const ParameterLayout layout(original->shape);
    std::vector<TensorToWrite> tensors;
    for (const ParameterTensor& t : layout.tensors()) {
        const float* source = original->parameters.data() + t.offset;
        const std::size_t bytes = t.size() * 4;
        tensors.push_back({QStringLiteral("transformer.") + t.name, DType::F32, t.shape,
                           [source, bytes](std::uint8_t* out) { std::memcpy(out, source, bytes); }});
    }
    QVERIFY(writeSafetensors(folder + QStringLiteral("/model.safetensors"), tensors).ok());
    Result<LoadedGpt> loaded = loadGpt2Folder(folder);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->shape, original->shape);
    QVERIFY(sameBits(loaded->parameters, original->parameters));
}

void TestTrainingCheckpoint::refusesWhatTheLabCannotTrain_data()
{
    QTest::addColumn<QByteArray>("configEdit"); // "key=json value"; "" keeps config.json
    QTest::addColumn<QString>("removedTensor");
    QTest::addColumn<QString>("message");
    QTest::newRow("not gpt2") << QByteArray("model_type=\"llama\"") << QString()
                              << "model_type is \"llama\": the training lab reads GPT-2 models";
    QTest::newRow("too many heads") << QByteArray("n_head=16") << QString()
                                    << "heads: 16 is not between 1 and 8";
    QTest::newRow("too long a context")
        << QByteArray("n_positions=1024") << QString() << "context: 1024 is not between 2 and 256";
    QTest::newRow("other activation")
        << QByteArray("activation_function=\"relu\"") << QString() << "gelu_new";
    QTest::newRow("untied") << QByteArray("tie_word_embeddings=false") << QString() << "tie_word_embeddings";
    QTest::newRow("other epsilon") << QByteArray("layer_norm_epsilon=1e-6") << QString()
                                   << "layer_norm_epsilon";
    QTest::newRow("other n_inner") << QByteArray("n_inner=20") << QString() << "n_inner 20";
    QTest::newRow("bad attention-only flag")
        << QByteArray("attnlab_attention_only=\"yes\"") << QString() << "attnlab_attention_only";
    QTest::newRow("attention-only with an MLP")
        << QByteArray("attnlab_attention_only=true") << QString() << "h.0.mlp.c_proj.weight is not zero";
    QTest::newRow("missing tensor") << QByteArray() << QStringLiteral("h.1.attn.c_proj.bias")
                                    << "h.1.attn.c_proj.bias";
    QTest::newRow("wrong shape") << QByteArray("n_embd=8") << QString() << "wte.weight";
}

// The reference folder, its config.json edited or one tensor left out: loading fails naming the problem.
void TestTrainingCheckpoint::refusesWhatTheLabCannotTrain()
{
    QFETCH(QByteArray, configEdit);
    QFETCH(QString, removedTensor);
    QFETCH(QString, message);
    const QString reference = sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
    Result<LoadedGpt> original = loadGpt2Folder(reference);
    QVERIFY(original.ok());
    const QString folder = path(QStringLiteral("refused"));
    QVERIFY(QDir().mkpath(folder));
    QJsonObject config =
        QJsonDocument::fromJson(readAll(reference + QStringLiteral("/config.json"))).object();
    if (!configEdit.isEmpty()) {
        const qsizetype eq = configEdit.indexOf('=');
        const QJsonDocument value = QJsonDocument::fromJson("[" + configEdit.mid(eq + 1) + "]");
        config.insert(QString::fromUtf8(configEdit.left(eq)), value.array().at(0));
    }
    writeAll(folder + QStringLiteral("/config.json"), QJsonDocument(config).toJson());
    // The reference's tensors, less the one removed, written with the repository's writer.
    const ParameterLayout layout(original->shape);
    std::vector<TensorToWrite> tensors;
    for (const ParameterTensor& t : layout.tensors()) {
        if (t.name == removedTensor) continue;
        const float* source = original->parameters.data() + t.offset;
        const std::size_t bytes = t.size() * 4;
        tensors.push_back({t.name, DType::F32, t.shape,
                           [source, bytes](std::uint8_t* out) { std::memcpy(out, source, bytes); }});
    }
    QVERIFY(writeSafetensors(folder + QStringLiteral("/model.safetensors"), tensors).ok());
    Result<LoadedGpt> loaded = loadGpt2Folder(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(message), qPrintable(loaded.error()));
}

void TestTrainingCheckpoint::trainingCheckpointRoundTripIsBitExact_data()
{
    QTest::addColumn<bool>("attentionOnly");
    QTest::newRow("GPT-2") << false;
    QTest::newRow("attention only") << true;
}

// Every field of the state and every float of the three buffers come back bit for bit.
void TestTrainingCheckpoint::trainingCheckpointRoundTripIsBitExact()
{
    QFETCH(bool, attentionOnly);
    const TrainingState saved = unusualState(attentionOnly);
    const QString folder = path(QStringLiteral("checkpoint"));
    const Result<void> written = saveTrainingCheckpoint(folder, saved, kTokenizerJson);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QVERIFY(isTrainingCheckpoint(folder));
    for (const char* file : {"config.json", "model.safetensors", "tokenizer.json",
                             "training_state.safetensors", "training.json"})
        QVERIFY2(QFile::exists(folder + QLatin1Char('/') + QLatin1String(file)), file);

    Result<TrainingState> loaded = loadTrainingCheckpoint(folder);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    const TrainingState& s = *loaded;
    QCOMPARE(s.shape, saved.shape);
    QCOMPARE(s.task, saved.task);
    QCOMPARE(s.step, saved.step);
    QCOMPARE(s.settings.steps, saved.settings.steps);
    QCOMPARE(s.settings.batch, saved.settings.batch);
    QCOMPARE(s.settings.warmup, saved.settings.warmup);
    QCOMPARE(s.settings.schedule, saved.settings.schedule);
    QCOMPARE(s.settings.seed, saved.settings.seed);
    QVERIFY(sameBits(s.settings.learningRate, saved.settings.learningRate));
    QVERIFY(sameBits(s.settings.minLearningRateFraction, saved.settings.minLearningRateFraction));
    QVERIFY(sameBits(s.settings.weightDecay, saved.settings.weightDecay));
    QVERIFY(sameBits(s.settings.beta1, saved.settings.beta1));
    QVERIFY(sameBits(s.settings.beta2, saved.settings.beta2));
    QVERIFY(sameBits(s.settings.eps, saved.settings.eps));
    QVERIFY(sameBits(s.settings.clip, saved.settings.clip));
    QCOMPARE(s.dataRandom.bits, saved.dataRandom.bits);
    QVERIFY(sameBits(s.dataRandom.spare, saved.dataRandom.spare));
    QCOMPARE(s.dataRandom.hasSpare, saved.dataRandom.hasSpare);
    QVERIFY(s.dataRandom == saved.dataRandom);
    QVERIFY(sameBits(s.parameters, saved.parameters));
    QVERIFY(sameBits(s.firstMoment, saved.firstMoment));
    QVERIFY(sameBits(s.secondMoment, saved.secondMoment));
    QVERIFY(std::signbit(s.firstMoment[0]));

    // The moments are stored under PyTorch's names beside the parameters' (read independently).
    const RawSafetensors raw(folder + QStringLiteral("/training_state.safetensors"));
    const ParameterLayout layout(saved.shape);
    QCOMPARE(raw.tensorNames().size(), qsizetype(2 * layout.tensors().size()));
    const ParameterTensor& attn = layout.tensor(ParameterKind::AttnWeight, 1);
    QCOMPARE(raw.shape(QStringLiteral("exp_avg.h.1.attn.c_attn.weight")), attn.shape);
    QCOMPARE(raw.at(QStringLiteral("exp_avg.h.1.attn.c_attn.weight"), 17),
             saved.firstMoment[attn.offset + 17]);
    QCOMPARE(raw.at(QStringLiteral("exp_avg_sq.h.1.attn.c_attn.weight"), 17),
             saved.secondMoment[attn.offset + 17]);
    // A second save of the loaded state writes the same bytes.
    const QString again = path(QStringLiteral("again"));
    QVERIFY(saveTrainingCheckpoint(again, s, kTokenizerJson).ok());
    for (const char* file : {"model.safetensors", "training_state.safetensors", "training.json"})
        QCOMPARE(readAll(again + QLatin1Char('/') + QLatin1String(file)),
                 readAll(folder + QLatin1Char('/') + QLatin1String(file)));
}

// training.json is readable and exact: the doubles as numbers and as their IEEE-754 bits, the seed as a
// decimal string, the random state in hex.
void TestTrainingCheckpoint::trainingJsonKeepsDoublesAsBits()
{
    const TrainingState state = unusualState(false);
    const QString folder = path(QStringLiteral("json"));
    QVERIFY(saveTrainingCheckpoint(folder, state, {}).ok());
    const QJsonObject root =
        QJsonDocument::fromJson(readAll(folder + QStringLiteral("/training.json"))).object();
    QCOMPARE(root.value(QStringLiteral("step")).toInt(), 4321);
    const QJsonObject settings = root.value(QStringLiteral("settings")).toObject();
    // 0.1 + 0.2's neighbour would not do: 1/3's bits, worked out: 0x3FD5555555555555.
    QCOMPARE(settings.value(QStringLiteral("min_learning_rate_fraction_bits")).toString(),
             QStringLiteral("3fd5555555555555"));
    QCOMPARE(settings.value(QStringLiteral("clip_bits")).toString(), QStringLiteral("0000000000000000"));
    QCOMPARE(settings.value(QStringLiteral("schedule")).toString(), QStringLiteral("constant"));
    QCOMPARE(settings.value(QStringLiteral("seed")).toString(), QStringLiteral("18446744073709551609"));
    const QJsonObject random = root.value(QStringLiteral("data_random")).toObject();
    QCOMPARE(random.value(QStringLiteral("state")).toString(), QStringLiteral("fedcba9876543210"));
    QCOMPARE(random.value(QStringLiteral("has_spare")).toBool(), true);
    QCOMPARE(root.value(QStringLiteral("shape")).toObject().value(QStringLiteral("d_model")).toInt(), 32);
}

void TestTrainingCheckpoint::plainModelIsNotATrainingCheckpoint()
{
    const QString reference = sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
    QVERIFY(!isTrainingCheckpoint(reference));
    Result<TrainingState> loaded = loadTrainingCheckpoint(reference);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QStringLiteral("model without training state")),
             qPrintable(loaded.error()));
    Result<TrainingState> empty = loadTrainingCheckpoint(path(QStringLiteral("nothing")));
    QVERIFY(!empty.ok());
    QVERIFY2(empty.error().contains(QStringLiteral("not a training checkpoint")), qPrintable(empty.error()));
}

// A plain save of other weights over a training checkpoint leaves its training files, which no longer belong
// to the weights: loading says so instead of resuming with the wrong moments.
void TestTrainingCheckpoint::weightsSavedOverACheckpointAreNotResumed()
{
    const TrainingState state = unusualState(false);
    const QString folder = path(QStringLiteral("overwritten"));
    QVERIFY(saveTrainingCheckpoint(folder, state, {}).ok());
    ParameterBuffer<float> other = state.parameters;
    other[5] += 1.0f;
    QVERIFY(saveGpt2Folder(folder, ParameterLayout(state.shape), other, {}).ok());
    Result<TrainingState> loaded = loadTrainingCheckpoint(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QStringLiteral("model.safetensors was changed")),
             qPrintable(loaded.error()));
}

void TestTrainingCheckpoint::damagedTrainingJsonIsNamed()
{
    const TrainingState state = unusualState(false);
    const QString folder = path(QStringLiteral("damaged"));
    QVERIFY(saveTrainingCheckpoint(folder, state, {}).ok());
    const QString jsonPath = folder + QStringLiteral("/training.json");
    const QJsonObject good = QJsonDocument::fromJson(readAll(jsonPath)).object();

    QJsonObject noBits = good;
    QJsonObject settings = noBits.value(QStringLiteral("settings")).toObject();
    settings.remove(QStringLiteral("beta2_bits"));
    noBits.insert(QStringLiteral("settings"), settings);
    writeAll(jsonPath, QJsonDocument(noBits).toJson());
    Result<TrainingState> loaded = loadTrainingCheckpoint(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QStringLiteral("\"settings.beta2_bits\"")), qPrintable(loaded.error()));

    QJsonObject otherShape = good;
    QJsonObject shape = otherShape.value(QStringLiteral("shape")).toObject();
    shape.insert(QStringLiteral("attention_only"), true);
    otherShape.insert(QStringLiteral("shape"), shape);
    writeAll(jsonPath, QJsonDocument(otherShape).toJson());
    loaded = loadTrainingCheckpoint(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QStringLiteral("shape differs")), qPrintable(loaded.error()));

    writeAll(jsonPath, "{not json");
    loaded = loadTrainingCheckpoint(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QStringLiteral("training.json")), qPrintable(loaded.error()));
}

// A disk that fills during a save (a file-size limit below model.safetensors' size): the save fails, and
// every file of the previous checkpoint is as it was, with no temporary file left beside them.
void TestTrainingCheckpoint::failedSaveLeavesThePreviousCheckpoint()
{
    const TrainingState first = unusualState(false);
    const QString folder = path(QStringLiteral("kept"));
    QVERIFY(saveTrainingCheckpoint(folder, first, kTokenizerJson).ok());
    const QStringList names = QDir(folder).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 5);
    std::vector<QByteArray> before;
    for (const QString& name : names)
        before.push_back(readAll(folder + QLatin1Char('/') + name));

    TrainingState second = first;
    second.step += 1;
    for (float& p : second.parameters)
        p *= 2.0f;
    const qint64 modelBytes = QFileInfo(folder + QStringLiteral("/model.safetensors")).size();
    Result<void> failed = Result<void>::success();
    {
        attnlab::test::FileSizeLimit limit(rlim_t(modelBytes / 2));
        QVERIFY(limit.active());
        failed = saveTrainingCheckpoint(folder, second, kTokenizerJson);
    }
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(QStringLiteral("no file was changed")), qPrintable(failed.error()));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name), names);
    for (qsizetype i = 0; i < names.size(); ++i)
        QCOMPARE(readAll(folder + QLatin1Char('/') + names[i]), before[std::size_t(i)]);
    QVERIFY(loadTrainingCheckpoint(folder).ok());

    // A plain GPT-2 save that fails the same way leaves the model too.
    {
        attnlab::test::FileSizeLimit limit(rlim_t(modelBytes / 2));
        QVERIFY(
            !saveGpt2Folder(folder, ParameterLayout(second.shape), second.parameters, kTokenizerJson).ok());
    }
    QCOMPARE(readAll(folder + QStringLiteral("/model.safetensors")),
             before[std::size_t(names.indexOf("model.safetensors"))]);
    // With the limit gone the same save succeeds.
    QVERIFY(saveTrainingCheckpoint(folder, second, kTokenizerJson).ok());
    QCOMPARE(loadTrainingCheckpoint(folder)->step, first.step + 1);
}

// A folder path that is a file cannot be made; a file that cannot be written (its name taken by a folder)
// fails the save before any file changes; a read-only folder likewise (not as root, who writes into read-only
// folders: the file-size limit above and the folder in a file's place cover root).
void TestTrainingCheckpoint::readOnlyFolderLeavesThePreviousFiles()
{
    const TrainingState state = unusualState(true);
    const QString notAFolder = path(QStringLiteral("a-file"));
    writeAll(notAFolder, "x");
    const Result<void> refused = saveTrainingCheckpoint(notAFolder, state, {});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(notAFolder), qPrintable(refused.error()));
    QCOMPARE(readAll(notAFolder), QByteArray("x"));

    // A file that cannot be written even by root: training.json's name taken by a folder. Every file is
    // written to its temporary file before any replaces its target, so config.json and model.safetensors stay
    // too.
    const QString blocked = path(QStringLiteral("blocked"));
    const ParameterLayout layout(state.shape);
    QVERIFY(saveGpt2Folder(blocked, layout, state.parameters, kTokenizerJson).ok());
    const QByteArray blockedConfig = readAll(blocked + QStringLiteral("/config.json"));
    const QByteArray blockedModel = readAll(blocked + QStringLiteral("/model.safetensors"));
    QVERIFY(QDir().mkpath(blocked + QStringLiteral("/training.json")));
    TrainingState other = state;
    other.shape.heads = 2; // another config.json
    initializeParameters(ParameterLayout(other.shape), 1, other.parameters);
    const Result<void> notWritten = saveTrainingCheckpoint(blocked, other, {});
    QVERIFY(!notWritten.ok());
    QVERIFY2(notWritten.error().contains(QStringLiteral("training.json")), qPrintable(notWritten.error()));
    QCOMPARE(readAll(blocked + QStringLiteral("/config.json")), blockedConfig);
    QCOMPARE(readAll(blocked + QStringLiteral("/model.safetensors")), blockedModel);
    QVERIFY(!QFile::exists(blocked + QStringLiteral("/training_state.safetensors")));
    QCOMPARE(QDir(blocked).entryList(QDir::Files | QDir::Hidden).size(), 3); // no temporary file left

    // A read-only folder holding a training checkpoint (mode 0555; as root, without the capability to write
    // anyway): the next save fails naming the first file and the system's reason, and every file is as it was.
    const QString folder = path(QStringLiteral("read-only"));
    QVERIFY(saveTrainingCheckpoint(folder, state, kTokenizerJson).ok());
    const QStringList names = QDir(folder).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 5);
    std::vector<QByteArray> before;
    for (const QString& name : names)
        before.push_back(readAll(folder + QLatin1Char('/') + name));
    TrainingState next = state;
    next.step += 10;
    next.parameters[0] += 1.0f;
    Result<void> failed = Result<void>::success();
    {
        attnlab::test::ReadOnlyFolder readOnly(folder);
        if (!readOnly.active()) QSKIP(readOnly.why());
        failed = saveTrainingCheckpoint(folder, next, kTokenizerJson);
    }
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error(), QStringLiteral("cannot write %1/config.json: Permission denied (no file was changed)").arg(folder));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name), names);
    for (qsizetype i = 0; i < names.size(); ++i)
        QCOMPARE(readAll(folder + QLatin1Char('/') + names[i]), before[std::size_t(i)]);
    QCOMPARE(loadTrainingCheckpoint(folder)->step, state.step);
}

void TestTrainingCheckpoint::saveKilledBetweenRenamesIsNotResumed_data()
{
    QTest::addColumn<int>("renamed");
    QTest::addColumn<QString>("named");
    // The order in which writeFilesAtomically renames them; training.json is last.
    QTest::newRow("config.json") << 1 << QStringLiteral("config.json");
    QTest::newRow("and model.safetensors") << 2 << QStringLiteral("config.json");
    QTest::newRow("and tokenizer.json") << 3 << QStringLiteral("config.json");
    QTest::newRow("and training_state.safetensors") << 4 << QStringLiteral("config.json");
    QTest::newRow("the same shape: model.safetensors") << -2 << QStringLiteral("model.safetensors");
    QTest::newRow("the same shape: and training_state") << -4 << QStringLiteral("model.safetensors");
}

// A save killed after `renamed` of its five renames: those files are the new save's, the others and
// training.json the previous one's. Loading names the first new file instead of resuming with moments that
// belong to other weights; with every file renamed the new checkpoint loads.
void TestTrainingCheckpoint::saveKilledBetweenRenamesIsNotResumed()
{
    QFETCH(int, renamed);
    QFETCH(QString, named);
    const TrainingState previous = unusualState(false);
    TrainingState next = previous;
    next.step += 7;
    next.firstMoment[3] += 1.0f;
    next.parameters[1] += 1.0f;
    if (renamed > 0) { // another shape: another config.json
        next.shape.heads = 2;
        ParameterBuffer<float> params;
        initializeParameters(ParameterLayout(next.shape), 3, params);
        next.parameters = params;
        next.firstMoment.assign(params.size(), 0.5f);
        next.secondMoment.assign(params.size(), 0.25f);
    }
    const QString folder = path(QStringLiteral("killed"));
    const QString newer = path(QStringLiteral("newer"));
    QVERIFY(saveTrainingCheckpoint(folder, previous, kTokenizerJson).ok());
    QVERIFY(saveTrainingCheckpoint(newer, next, kTokenizerJson).ok());
    const QStringList order{QStringLiteral("config.json"), QStringLiteral("model.safetensors"),
                            QStringLiteral("tokenizer.json"), QStringLiteral("training_state.safetensors"),
                            QStringLiteral("training.json")};
    for (int i = 0; i < std::abs(renamed); ++i)
        writeAll(folder + QLatin1Char('/') + order[i], readAll(newer + QLatin1Char('/') + order[i]));
    const Result<TrainingState> loaded = loadTrainingCheckpoint(folder);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().startsWith(folder + QLatin1Char('/') + named +
                                       QStringLiteral(" was changed after training.json was written")),
             qPrintable(loaded.error()));

    for (const QString& name : order)
        writeAll(folder + QLatin1Char('/') + name, readAll(newer + QLatin1Char('/') + name));
    const Result<TrainingState> whole = loadTrainingCheckpoint(folder);
    QVERIFY2(whole.ok(), qPrintable(whole.error()));
    QCOMPARE(whole->step, next.step);
    QCOMPARE(whole->shape.heads, next.shape.heads);
}

ATTNLAB_TEST_GUILESS_MAIN(TestTrainingCheckpoint)
} // namespace tst_training_checkpoint
#include "tst_training_checkpoint.moc"
