// Tests model/checkpoints/checkpoint_tensors.cpp (and TensorReader over shards, model/checkpoints/checkpoint_reader.cpp): which file
// a folder's tensors come from, and that every problem names the file at fault. The loaders' forward passes
// over sharded folders are checked against their reference forwards in tst_gpt2_model, tst_bert_model and
// tst_llama_model.

#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/checkpoint_tensors.h"
#include "model/checkpoints/tiny_checkpoint.h"
#include "test_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace tst_checkpoint_tensors {

using namespace attnlab::model;
using attnlab::test::Tensor;
using attnlab::test::TensorMap;

namespace {

const QByteArray kConfig = R"({"model_type": "gpt2"})";

// a (2, 3), b (3), c (1) with known values.
TensorMap threeTensors()
{
    return {{QStringLiteral("a"), Tensor{{2, 3}, {1, 2, 3, 4, 5, 6}}},
            {QStringLiteral("b"), Tensor{{3}, {7, 8, 9}}},
            {QStringLiteral("c"), Tensor{{1}, {10}}}};
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QString fileName(const QString& path)
{
    return path.section(QLatin1Char('/'), -1);
}

} // namespace

class TestCheckpointTensors : public QObject {
    Q_OBJECT

private slots:
    void findsTensorsInTheirShards();
    void prefersTheSingleFile();
    void rejectsAFolderWithoutWeights();
    void namesWeightsItDoesNotRead_data();
    void namesWeightsItDoesNotRead();
    void refusesPickles_data();
    void refusesPickles();
    void rejectsATensorStoredTwice();
    void rejectsABrokenShard();
    void problemsNameTheFileAtFault();
};

void TestCheckpointTensors::findsTensorsInTheirShards()
{
    QTemporaryDir dir;
    QVERIFY(attnlab::test::writeShardedCheckpoint(dir.path(), kConfig, threeTensors(), 2));
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY2(tensors, qPrintable(tensors.error()));
    QCOMPARE(fileName(tensors->path()), QStringLiteral("model.safetensors.index.json"));
    QCOMPARE(tensors->files().size(), size_t(2));
    // Dealt in turn: a and c in the first shard, b in the second.
    QCOMPARE(fileName(tensors->find("a").file->path()), QStringLiteral("model-00001-of-00002.safetensors"));
    QCOMPARE(fileName(tensors->find("b").file->path()), QStringLiteral("model-00002-of-00002.safetensors"));
    QCOMPARE(fileName(tensors->find("c").file->path()), QStringLiteral("model-00001-of-00002.safetensors"));
    QVERIFY(!tensors->find("d"));
    QVERIFY(!tensors->has("d"));

    TensorReader reader(*tensors, QString());
    WeightStore store;
    const WeightView a = reader.view("a", {2, 3}, store);
    const RowVectorF b = reader.vector("b", 3);
    QVERIFY2(!reader.failed(), qPrintable(reader.error()));
    QCOMPARE(a(1, 2), 6.0f);
    QCOMPARE(b(0), 7.0f);
    QCOMPARE(b(2), 9.0f);
}

void TestCheckpointTensors::prefersTheSingleFile()
{
    // Hugging Face reads model.safetensors when a folder holds both; so do we.
    QTemporaryDir dir;
    QVERIFY(attnlab::test::writeShardedCheckpoint(dir.path(), kConfig, threeTensors(), 3));
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), kConfig, {{QStringLiteral("z"), Tensor{{1}, {0}}}}));
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY2(tensors, qPrintable(tensors.error()));
    QCOMPARE(fileName(tensors->path()), QStringLiteral("model.safetensors"));
    QCOMPARE(tensors->files().size(), size_t(1));
    QVERIFY(tensors->has("z"));
    QVERIFY(!tensors->has("a"));
}

void TestCheckpointTensors::rejectsAFolderWithoutWeights()
{
    QTemporaryDir dir;
    write(dir.filePath("config.json"), kConfig);
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY(!tensors);
    QVERIFY2(tensors.error().startsWith(dir.path()), qPrintable(tensors.error()));
    QVERIFY2(tensors.error().contains("neither model.safetensors nor model.safetensors.index.json"),
             qPrintable(tensors.error()));
}

void TestCheckpointTensors::namesWeightsItDoesNotRead_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("PyTorch") << "pytorch_model.bin" << "pytorch_model.bin is a PyTorch pickle, which AttnLab never opens";
    QTest::newRow("sharded PyTorch") << "pytorch_model-00001-of-00002.bin" << "pytorch_model-00001-of-00002.bin is a PyTorch pickle";
    QTest::newRow("checkpoint") << "model.pt" << "model.pt is a PyTorch pickle";
    QTest::newRow("TensorFlow") << "tf_model.h5" << "tf_model.h5 is in a format AttnLab does not read";
    QTest::newRow("GGUF") << "model-q4.gguf" << "model-q4.gguf is in a format AttnLab does not read";
}

void TestCheckpointTensors::namesWeightsItDoesNotRead()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    write(dir.filePath("config.json"), kConfig);
    write(dir.filePath(file), QByteArray(64, 'x'));
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY(!tensors);
    QVERIFY2(tensors.error().contains("neither model.safetensors nor model.safetensors.index.json"),
             qPrintable(tensors.error()));
    QVERIFY2(tensors.error().contains(expected), qPrintable(tensors.error()));
    QVERIFY2(tensors.error().endsWith("save the model as safetensors"), qPrintable(tensors.error()));
}

void TestCheckpointTensors::refusesPickles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("refused");
    const QByteArray zip("PK\x03\x04", 4);
    const QByteArray llama2c = QByteArray::fromHex("20010000"); // dim 288, as llama2.c's header starts
    QTest::newRow("pytorch_model.bin") << "pytorch_model.bin" << llama2c << true;
    QTest::newRow("a shard of one") << "pytorch_model-00002-of-00003.bin" << llama2c << true;
    QTest::newRow(".pth") << "weights.pth" << llama2c << true;
    QTest::newRow(".ckpt") << "last.ckpt" << llama2c << true;
    QTest::newRow("a zip archive named .bin") << "model.bin" << zip << true;
    QTest::newRow("llama2.c") << "stories15M.bin" << llama2c << false;
    QTest::newRow("safetensors") << "model.safetensors" << QByteArray::fromHex("0200000000000000") << false;
    QTest::newRow("empty") << "model.bin" << QByteArray() << false;
}

void TestCheckpointTensors::refusesPickles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, refused);
    QTemporaryDir dir;
    write(dir.filePath(name), bytes);
    const QString refusal = pickleRefusal(dir.filePath(name));
    QCOMPARE(!refusal.isEmpty(), refused);
    if (refused)
        QCOMPARE(refusal, name + " is a PyTorch pickle, which AttnLab never opens because loading one can run code: "
                                 "save the model as safetensors");
}

void TestCheckpointTensors::rejectsATensorStoredTwice()
{
    QTemporaryDir dir;
    QVERIFY(attnlab::test::writeShardedCheckpoint(dir.path(), kConfig, threeTensors(), 2));
    // The second shard also holds "a"; the index still places "a" in the first.
    write(dir.filePath("model-00002-of-00002.safetensors"),
          attnlab::test::safetensorsBytes({{QStringLiteral("a"), Tensor{{2, 3}, {0, 0, 0, 0, 0, 0}}},
                                           {QStringLiteral("b"), Tensor{{3}, {7, 8, 9}}}}));
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY(!tensors);
    QCOMPARE(tensors.error(),
             dir.filePath("model.safetensors.index.json") +
                 ": tensor \"a\" is stored twice, in model-00001-of-00002.safetensors and in "
                 "model-00002-of-00002.safetensors");
}

void TestCheckpointTensors::rejectsABrokenShard()
{
    QTemporaryDir dir;
    QVERIFY(attnlab::test::writeShardedCheckpoint(dir.path(), kConfig, threeTensors(), 2));
    write(dir.filePath("model-00002-of-00002.safetensors"), "abc");
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY(!tensors);
    QVERIFY2(tensors.error().startsWith(dir.filePath("model-00002-of-00002.safetensors") + ": "),
             qPrintable(tensors.error()));

    QFile::remove(dir.filePath("model-00002-of-00002.safetensors"));
    tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY(!tensors);
    QVERIFY2(tensors.error().startsWith(dir.filePath("model-00002-of-00002.safetensors") + ": cannot open"),
             qPrintable(tensors.error()));
}

void TestCheckpointTensors::problemsNameTheFileAtFault()
{
    QTemporaryDir dir;
    TensorMap weights = threeTensors();
    weights[QStringLiteral("b")].data[1] = std::numeric_limits<float>::quiet_NaN();
    QVERIFY(attnlab::test::writeShardedCheckpoint(dir.path(), kConfig, weights, 2));
    auto tensors = CheckpointTensors::openFolder(dir.path());
    QVERIFY2(tensors, qPrintable(tensors.error()));
    const QString index = dir.filePath("model.safetensors.index.json");
    const QString second = dir.filePath("model-00002-of-00002.safetensors");
    const QString first = dir.filePath("model-00001-of-00002.safetensors");

    // A tensor no shard holds: the index is at fault.
    TensorReader missing(*tensors, QStringLiteral("transformer."));
    missing.vector("b", 3);
    QCOMPARE(missing.error(), index + ": tensor transformer.b is missing (expected shape (3))");

    // A NaN: the shard that holds it.
    TensorReader nan(*tensors, QString());
    nan.vector("b", 3);
    QCOMPARE(nan.error(), second + ": tensor b holds NaN or infinite values");

    // A wrong shape: the shard again.
    TensorReader shape(*tensors, QString());
    WeightStore store;
    shape.view("a", {3, 2}, store);
    QCOMPARE(shape.error(), first + ": tensor a has shape (2, 3), expected (3, 2)");
}

ATTNLAB_TEST_GUILESS_MAIN(TestCheckpointTensors)
} // namespace tst_checkpoint_tensors
#include "tst_checkpoint_tensors.moc"
