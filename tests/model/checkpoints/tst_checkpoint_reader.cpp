// Tests model/checkpoints/checkpoint_reader.cpp with small files the test writes: shapeText; readModelConfig
// (a missing, oversized or malformed config.json, named); openCheckpointFolder (the model_type asked for, the
// config's problems before the weights'); TensorReader over one model.safetensors (its prefix, matrices and
// vectors with known values, the first problem kept and named with the file, NaN and infinities refused) and
// its views: in place for aligned F32 data, a converted copy kept by the WeightStore for F16, BF16 and
// unaligned F32, and valid for as long as the store lives. Shards are tested in tst_checkpoint_tensors.

#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/tiny_checkpoint.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <bit>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>

namespace tst_checkpoint_reader {

using namespace attnlab::model;
using attnlab::test::Tensor;
using attnlab::test::TensorMap;

namespace {

// A valid Llama config.json: d 8, 2 heads, 1 layer, vocabulary 5.
const QByteArray kLlamaConfig = R"({"model_type": "llama", "hidden_size": 8, "intermediate_size": 16,
    "num_hidden_layers": 1, "num_attention_heads": 2, "vocab_size": 5, "max_position_embeddings": 32})";

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray floatBytes(std::initializer_list<float> values)
{
    QByteArray out;
    for (float v : values) {
        char b[4];
        qToLittleEndian<quint32>(std::bit_cast<quint32>(v), b);
        out.append(b, 4);
    }
    return out;
}

QByteArray u16Bytes(std::initializer_list<quint16> values)
{
    QByteArray out;
    for (quint16 v : values) {
        char b[2];
        qToLittleEndian<quint16>(v, b);
        out.append(b, 2);
    }
    return out;
}

// header JSON, data -> a safetensors file whose data section starts at a multiple of 8 bytes (the header is
// padded with spaces, as writers do), so that an offset's alignment is the tensor's own.
QByteArray safetensorsFile(QByteArray header, const QByteArray& data)
{
    while (header.size() % 8)
        header += ' ';
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), out.data());
    return out + header + data;
}

// model.a (2, 3) = 1..6, model.b (3) = 7, 8, 9, model.c (2, 2, 2), model.n (2, 2) with a NaN, model.i (1, 2)
// = −∞, 1.
TensorMap someTensors()
{
    const float inf = std::numeric_limits<float>::infinity();
    return {{QStringLiteral("model.a"), Tensor{{2, 3}, {1, 2, 3, 4, 5, 6}}},
            {QStringLiteral("model.b"), Tensor{{3}, {7, 8, 9}}},
            {QStringLiteral("model.c"), Tensor{{2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}}},
            {QStringLiteral("model.n"), Tensor{{2, 2}, {1, std::nanf(""), 3, 4}}},
            {QStringLiteral("model.i"), Tensor{{1, 2}, {-inf, 1}}}};
}

} // namespace

class TestCheckpointReader : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void shapeTextWritesParentheses();
    void readsConfig();
    void configProblems_data();
    void configProblems();
    void opensAFolder();
    void folderProblems();
    void readsTensorsWithThePrefix();
    void keepsTheFirstProblem();
    void refusesNonFiniteValues();
    void failNamesAFile();
    void viewsF32InPlace();
    void viewsOtherDataAsOwnedCopies();
    void viewsOutliveTheReader();
    void weightViewAssignmentRepoints();

private:
    QTemporaryDir m_dir;
};

void TestCheckpointReader::shapeTextWritesParentheses()
{
    QCOMPARE(shapeText({}), QStringLiteral("()"));
    QCOMPARE(shapeText({3}), QStringLiteral("(3)"));
    QCOMPARE(shapeText({2, 64}), QStringLiteral("(2, 64)"));
    QCOMPARE(shapeText({1, 0, 7}), QStringLiteral("(1, 0, 7)"));
}

// The config.json in the folder, parsed; exactly 1 MiB is still read (the limit is "more than 1 MiB").
void TestCheckpointReader::readsConfig()
{
    const QString folder = m_dir.filePath(QStringLiteral("config-ok"));
    write(folder + QStringLiteral("/config.json"), kLlamaConfig);
    Result<ModelConfig> config = readModelConfig(folder);
    QVERIFY2(config, qPrintable(config.error()));
    QCOMPARE(config->architecture, QStringLiteral("llama"));
    QCOMPARE(config->dModel, 8);
    QCOMPARE(config->heads, 2);
    QCOMPARE(config->kvHeads, 2); // num_key_value_heads defaults to the heads
    QCOMPARE(config->vocab, 5);

    QByteArray padded = kLlamaConfig;
    padded += QByteArray((1 << 20) - padded.size(), ' ');
    QCOMPARE(padded.size(), qsizetype(1 << 20));
    write(folder + QStringLiteral("/config.json"), padded);
    config = readModelConfig(folder);
    QVERIFY2(config, qPrintable(config.error()));
    QCOMPARE(config->dModel, 8);
}

void TestCheckpointReader::configProblems_data()
{
    QTest::addColumn<QByteArray>("bytes"); // of config.json; empty: no file
    QTest::addColumn<QString>("message");  // %1 = the path of config.json
    QTest::newRow("no config.json") << QByteArray() << "%1: cannot read (";
    QTest::newRow("1 MiB + 1 byte") << QByteArray((1 << 20) + 1, ' ')
                                    << "%1: 1048577 bytes is too large for a config.json";
    // parseModelConfig's messages, with the file's path.
    QTest::newRow("not JSON") << QByteArray("{\"model_type\": ") << "%1: not valid JSON (";
    QTest::newRow("no model_type") << QByteArray("{}")
                                   << "%1: model_type is missing (expected gpt2, gpt_neox, bert, roberta, distilbert, llama, mistral, qwen2, qwen3 or gemma3_text)";
}

void TestCheckpointReader::configProblems()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString folder = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/config.json");
    if (!bytes.isEmpty()) write(path, bytes);
    const Result<ModelConfig> config = readModelConfig(folder);
    QVERIFY(!config);
    QVERIFY2(config.error().startsWith(message.arg(path)), qPrintable(config.error()));
}

// config.json parsed for the architecture asked for, and model.safetensors opened beside it.
void TestCheckpointReader::opensAFolder()
{
    const QString folder = m_dir.filePath(QStringLiteral("folder-ok"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("llama"));
    QVERIFY2(opened, qPrintable(opened.error()));
    QCOMPARE(opened->config.architecture, QStringLiteral("llama"));
    QCOMPARE(opened->config.layers, 1);
    QCOMPARE(opened->configPath, folder + QStringLiteral("/config.json"));
    QCOMPARE(opened->tensors.path(), folder + QStringLiteral("/model.safetensors"));
    QVERIFY(opened->tensors.has(QStringLiteral("model.a")));
}

// The model_type must be the one asked for; a config that cannot be read is reported before missing weights;
// then the weights.
void TestCheckpointReader::folderProblems()
{
    const QString folder = m_dir.filePath(QStringLiteral("folder-bad"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    const QString config = folder + QStringLiteral("/config.json");
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("gpt2"));
    QVERIFY(!opened);
    QCOMPARE(opened.error(), config + QStringLiteral(": model_type is \"llama\", expected \"gpt2\""));

    QVERIFY(QFile::remove(folder + QStringLiteral("/model.safetensors")));
    opened = openCheckpointFolder(folder, QStringLiteral("llama"));
    QVERIFY(!opened);
    QVERIFY2(
        opened.error().startsWith(folder + QStringLiteral(": the folder has neither model.safetensors nor "
                                                          "model.safetensors.index.json")),
        qPrintable(opened.error()));

    QVERIFY(QFile::remove(config));
    opened = openCheckpointFolder(folder, QStringLiteral("llama"));
    QVERIFY(!opened);
    QVERIFY2(opened.error().startsWith(config + QStringLiteral(": cannot read (")),
             qPrintable(opened.error()));
}

// Names are the prefix + the name; a 2-D tensor comes back as it is stored (row-major), a 1-D one (n) as (1,
// n) from matrix() and as (n) from vector().
void TestCheckpointReader::readsTensorsWithThePrefix()
{
    const QString folder = m_dir.filePath(QStringLiteral("prefix"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    TensorReader reader(*tensors, QStringLiteral("model."));
    QVERIFY(reader.has(QStringLiteral("a")));
    QVERIFY(!reader.has(QStringLiteral("model.a")));
    QVERIFY(!reader.has(QStringLiteral("z")));

    const MatrixF a = reader.matrix(QStringLiteral("a"), {2, 3});
    QCOMPARE(a.rows(), Eigen::Index(2));
    QCOMPARE(a.cols(), Eigen::Index(3));
    QCOMPARE(a(0, 0), 1.0f);
    QCOMPARE(a(0, 2), 3.0f);
    QCOMPARE(a(1, 0), 4.0f);
    QCOMPARE(a(1, 2), 6.0f);
    const MatrixF bRow = reader.matrix(QStringLiteral("b"), {3});
    QCOMPARE(bRow.rows(), Eigen::Index(1));
    QCOMPARE(bRow(0, 2), 9.0f);
    const RowVectorF b = reader.vector(QStringLiteral("b"), 3);
    QCOMPARE(b.size(), Eigen::Index(3));
    QCOMPARE(b(0), 7.0f);
    QCOMPARE(b(1), 8.0f);
    QCOMPARE(b(2), 9.0f);
    QVERIFY2(!reader.failed(), qPrintable(reader.error()));
    QVERIFY(reader.error().isEmpty());
}

// The first problem is kept, named with model.safetensors; from then on every read gives an empty result,
// even of a good tensor, so a loader reads everything and asks failed() once.
void TestCheckpointReader::keepsTheFirstProblem()
{
    const QString folder = m_dir.filePath(QStringLiteral("first"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    const QString file = folder + QStringLiteral("/model.safetensors");

    TensorReader missing(*tensors, QStringLiteral("model."));
    QCOMPARE(missing.matrix(QStringLiteral("x"), {2, 3}).size(), Eigen::Index(0));
    QVERIFY(missing.failed());
    QCOMPARE(missing.error(), file + QStringLiteral(": tensor model.x is missing (expected shape (2, 3))"));
    QCOMPARE(missing.matrix(QStringLiteral("a"), {3, 2}).size(), Eigen::Index(0));
    QCOMPARE(missing.matrix(QStringLiteral("a"), {2, 3}).size(), Eigen::Index(0));
    QCOMPARE(missing.vector(QStringLiteral("b"), 3).size(), Eigen::Index(0));
    QCOMPARE(missing.error(), file + QStringLiteral(": tensor model.x is missing (expected shape (2, 3))"));

    // The shape must be the expected one exactly: transposed, or (3) asked as (1, 3), is refused.
    TensorReader transposed(*tensors, QStringLiteral("model."));
    (void)transposed.matrix(QStringLiteral("a"), {3, 2}); // the error is what is looked at
    QCOMPARE(transposed.error(), file + QStringLiteral(": tensor model.a has shape (2, 3), expected (3, 2)"));
    TensorReader rank(*tensors, QStringLiteral("model."));
    (void)rank.matrix(QStringLiteral("b"), {1, 3});
    QCOMPARE(rank.error(), file + QStringLiteral(": tensor model.b has shape (3), expected (1, 3)"));
    TensorReader vectorLength(*tensors, QStringLiteral("model."));
    QCOMPARE(vectorLength.vector(QStringLiteral("b"), 4).size(), Eigen::Index(0));
    QCOMPARE(vectorLength.error(), file + QStringLiteral(": tensor model.b has shape (3), expected (4)"));

    // A tensor of the expected shape that is not a matrix: safetensors' own message, which names the file.
    TensorReader cube(*tensors, QStringLiteral("model."));
    QCOMPARE(cube.matrix(QStringLiteral("c"), {2, 2, 2}).size(), Eigen::Index(0));
    QVERIFY2(cube.error().startsWith(file + QStringLiteral(": tensor \"model.c\" has shape")) &&
                 cube.error().endsWith(QStringLiteral("expected 1-D or 2-D")),
             qPrintable(cube.error()));
}

// NaN, +∞ and −∞ are refused by the tensor's full name, from matrix(), vector() and view() alike.
void TestCheckpointReader::refusesNonFiniteValues()
{
    const QString folder = m_dir.filePath(QStringLiteral("finite"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    const QString file = folder + QStringLiteral("/model.safetensors");

    TensorReader nan(*tensors, QStringLiteral("model."));
    QCOMPARE(nan.matrix(QStringLiteral("n"), {2, 2}).size(), Eigen::Index(0));
    QCOMPARE(nan.error(), file + QStringLiteral(": tensor model.n holds NaN or infinite values"));

    TensorReader infinite(*tensors, QStringLiteral("model."));
    QCOMPARE(infinite.matrix(QStringLiteral("i"), {1, 2}).size(), Eigen::Index(0));
    QCOMPARE(infinite.error(), file + QStringLiteral(": tensor model.i holds NaN or infinite values"));

    WeightStore store;
    TensorReader view(*tensors, QStringLiteral("model."));
    QCOMPARE(view.view(QStringLiteral("n"), {2, 2}, store).size(), Eigen::Index(0));
    QCOMPARE(view.error(), file + QStringLiteral(": tensor model.n holds NaN or infinite values"));
}

// fail() keeps the first problem too, naming the checkpoint (or the given file).
void TestCheckpointReader::failNamesAFile()
{
    const QString folder = m_dir.filePath(QStringLiteral("fail"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    const QString file = folder + QStringLiteral("/model.safetensors");

    TensorReader reader(*tensors, QString());
    reader.fail(QStringLiteral("lm_head.weight is missing and the embeddings are not tied"));
    QVERIFY(reader.failed());
    reader.fail(QStringLiteral("a later problem"));
    QCOMPARE(reader.error(),
             file + QStringLiteral(": lm_head.weight is missing and the embeddings are not tied"));

    TensorReader other(*tensors, QString());
    other.fail(*tensors->files().front(), QStringLiteral("in this file"));
    QCOMPARE(other.error(), file + QStringLiteral(": in this file"));
}

// Aligned F32 is used where it lies in the mapped file, without a copy; the values are the file's.
void TestCheckpointReader::viewsF32InPlace()
{
    const QString folder = m_dir.filePath(QStringLiteral("in-place"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    TensorReader reader(*tensors, QStringLiteral("model."));
    WeightStore store;
    const WeightView a = reader.view(QStringLiteral("a"), {2, 3}, store);
    QVERIFY2(!reader.failed(), qPrintable(reader.error()));
    const CheckpointTensors::Found found = tensors->find(QStringLiteral("model.a"));
    QVERIFY(found);
    QCOMPARE(static_cast<const void*>(a.data()), static_cast<const void*>(found.file->data(*found.info)));
    QCOMPARE(a.rows(), Eigen::Index(2));
    QCOMPARE(a.cols(), Eigen::Index(3));
    QCOMPARE(a(1, 1), 5.0f);
}

// F16, BF16, F32 at an offset that is not a multiple of 4, and a 1-D tensor are converted into a copy the
// store owns (not the file's bytes), with the values written.
void TestCheckpointReader::viewsOtherDataAsOwnedCopies()
{
    // Data section: h (2, 2) F16 = 1, −2, 0.5, 65504 (0x3C00, 0xC000, 0x3800, 0x7BFF) at [0, 8); bf (1, 3)
    // BF16 = 1, −2, 3.140625 (0x3F80, 0xC000, 0x4049) at [8, 14); odd (1, 2) F32 = 7, −8 at [18, 26), 2 bytes
    // past a multiple of 4; v (2) F32 = 0.25, 0.75 at [28, 36), aligned but 1-D; hinf (1, 1) F16 = +∞
    // (0x7C00).
    const QByteArray header = R"({"h": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]},
        "bf": {"dtype": "BF16", "shape": [1, 3], "data_offsets": [8, 14]},
        "odd": {"dtype": "F32", "shape": [1, 2], "data_offsets": [18, 26]},
        "v": {"dtype": "F32", "shape": [2], "data_offsets": [28, 36]},
        "hinf": {"dtype": "F16", "shape": [1, 1], "data_offsets": [36, 38]}})";
    const QByteArray data = u16Bytes({0x3C00, 0xC000, 0x3800, 0x7BFF}) + u16Bytes({0x3F80, 0xC000, 0x4049}) +
                            QByteArray(4, '\0') + floatBytes({7, -8}) + QByteArray(2, '\0') +
                            floatBytes({0.25f, 0.75f}) + u16Bytes({0x7C00});
    QCOMPARE(data.size(), qsizetype(38));
    const QString folder = m_dir.filePath(QStringLiteral("copies"));
    write(folder + QStringLiteral("/model.safetensors"), safetensorsFile(header, data));
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    QVERIFY2(tensors, qPrintable(tensors.error()));
    const auto fileBytes = [&](const QString& name) {
        const CheckpointTensors::Found found = tensors->find(name);
        return static_cast<const void*>(found.file->data(*found.info));
    };

    TensorReader reader(*tensors, QString());
    WeightStore store;
    const WeightView h = reader.view(QStringLiteral("h"), {2, 2}, store);
    const WeightView bf = reader.view(QStringLiteral("bf"), {1, 3}, store);
    const WeightView odd = reader.view(QStringLiteral("odd"), {1, 2}, store);
    const WeightView v = reader.view(QStringLiteral("v"), {2}, store);
    QVERIFY2(!reader.failed(), qPrintable(reader.error()));
    QCOMPARE(h(0, 0), 1.0f);
    QCOMPARE(h(0, 1), -2.0f);
    QCOMPARE(h(1, 0), 0.5f);
    QCOMPARE(h(1, 1), 65504.0f);
    QCOMPARE(bf(0, 0), 1.0f);
    QCOMPARE(bf(0, 1), -2.0f);
    QCOMPARE(bf(0, 2), 3.140625f);
    QCOMPARE(odd(0, 0), 7.0f);
    QCOMPARE(odd(0, 1), -8.0f);
    QCOMPARE(v.rows(), Eigen::Index(1));
    QCOMPARE(v(0, 1), 0.75f);
    for (const auto& [view, name] : {std::pair{&h, "h"}, std::pair{&bf, "bf"}, std::pair{&odd, "odd"}})
        QVERIFY2(static_cast<const void*>(view->data()) != fileBytes(QLatin1String(name)), name);
    QVERIFY(reinterpret_cast<std::uintptr_t>(odd.data()) % alignof(float) == 0);

    // A converted copy is checked as well: F16's infinity is refused.
    TensorReader infinite(*tensors, QString());
    QCOMPARE(infinite.view(QStringLiteral("hinf"), {1, 1}, store).size(), Eigen::Index(0));
    QCOMPARE(infinite.error(),
             folder + QStringLiteral("/model.safetensors: tensor hinf holds NaN or infinite values"));
}

// A view in place needs the file mapped, a copy needs the store: both stay valid once the reader and the
// opened tensors are gone, as long as the store that keeps the files lives; and copies owned later do not
// move the earlier ones.
void TestCheckpointReader::viewsOutliveTheReader()
{
    const QString folder = m_dir.filePath(QStringLiteral("outlive"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, kLlamaConfig, someTensors()));
    WeightStore store;
    WeightView inPlace, copy;
    {
        Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
        QVERIFY2(tensors, qPrintable(tensors.error()));
        TensorReader reader(*tensors, QStringLiteral("model."));
        inPlace = reader.view(QStringLiteral("a"), {2, 3}, store);
        copy = store.own(MatrixF::Constant(2, 2, 2.5f));
        QVERIFY(!reader.failed());
        store.keep(*tensors);
    }
    for (int i = 0; i < 100; ++i)
        (void)store.own(MatrixF::Constant(64, 64, float(i))); // only to make the store grow
    QCOMPARE(inPlace(0, 0), 1.0f);
    QCOMPARE(inPlace(1, 2), 6.0f);
    QCOMPARE(copy(1, 1), 2.5f);
}

// Assigning a WeightView points it at the other's data; nothing is copied. A default view is empty.
void TestCheckpointReader::weightViewAssignmentRepoints()
{
    const WeightView empty;
    QCOMPARE(empty.size(), Eigen::Index(0));
    const float first[] = {1, 2, 3, 4, 5, 6};
    const float second[] = {9, 8};
    WeightView view(first, 2, 3);
    const WeightView other(second, 1, 2);
    view = other;
    QCOMPARE(view.data(), static_cast<const float*>(second));
    QCOMPARE(view.rows(), Eigen::Index(1));
    QCOMPARE(view.cols(), Eigen::Index(2));
    QCOMPARE(first[0], 1.0f); // the first array was not written over
    const WeightView copied(view);
    QCOMPARE(copied.data(), static_cast<const float*>(second));
}

ATTNLAB_TEST_APPLESS_MAIN(TestCheckpointReader)
} // namespace tst_checkpoint_reader
#include "tst_checkpoint_reader.moc"
