// Tests model/checkpoints/safetensors.cpp: hand-written files (header JSON + bytes) read back exactly, every rejection
// with its message, F16/BF16 bit patterns, sharded checkpoints, the shared trained models, and corrupted
// files that must never crash open().

#include "model/checkpoints/model_config.h"
#include "model/checkpoints/safetensors.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <qfloat16.h>

#include <bit>
#include <cmath>
#include <limits>

namespace tst_safetensors {

using namespace attnlab::model;

namespace {

// 8-byte little-endian header length + header + data; headerLength overrides the length field.
QByteArray safetensorsBytes(const QByteArray& header, const QByteArray& data, qint64 headerLength = -1)
{
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(quint64(headerLength < 0 ? header.size() : headerLength), out.data());
    return out + header + data;
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

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString modelPath(const QString& model, const QString& file)
{
    return attnlab::test::sharedDir() + QStringLiteral("/models/") + model + QLatin1Char('/') + file;
}

// Touches every tensor of a file that opened, so a bad bound would show up under a sanitizer.
void readEverything(const SafetensorsFile& file)
{
    for (const QString& name : file.names()) {
        const TensorInfo* info = file.info(name);
        QVERIFY(info);
        QVERIFY(info->end <= file.dataBytes());
        auto m = file.matrix(name);
        if (m) QCOMPARE(m->size(), Eigen::Index(info->elements()));
    }
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    void readsF32();
    void readsUnalignedAndPadded();
    void convertsHalfAndBfloat();
    void matrixRejects();
    void integersBooleansAndMetadata();
    void rejects_data();
    void rejects();
    void halfToFloat_data();
    void halfToFloat();
    void halfToFloatMatchesQFloat16();
    void bfloat16ToFloat_data();
    void bfloat16ToFloat();
    void sharded();
    void shardedRejects_data();
    void shardedRejects();
    void gptNanoSort();
    void aidreams();
    void corruptedNeverCrashes_data();
    void corruptedNeverCrashes();

private:
    QTemporaryDir m_dir;
};

void TestSafetensors::readsF32()
{
    const QByteArray header = R"({"__metadata__": {"format": "pt"},
        "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "b": {"dtype": "F32", "shape": [3], "data_offsets": [24, 36]},
        "empty": {"dtype": "F32", "shape": [0, 4], "data_offsets": [36, 36]}})";
    const QString path =
        writeFile(m_dir, "f32.safetensors",
                  safetensorsBytes(header, floatBytes({1, 2, 3, 4, 5, 6, -0.5f, 0.25f, 1e-30f})));
    auto file = SafetensorsFile::open(path);
    QVERIFY2(file, qPrintable(file.error()));
    QCOMPARE((*file)->names(), QStringList({"b", "empty", "w"}));
    QCOMPARE((*file)->dataBytes(), std::uint64_t(36));
    const TensorInfo* w = (*file)->info("w");
    QVERIFY(w);
    QCOMPARE(w->shape, std::vector<std::int64_t>({2, 3}));
    QCOMPARE(w->elements(), std::int64_t(6));
    QVERIFY(!(*file)->info("__metadata__"));
    QVERIFY(!(*file)->info("missing"));

    auto m = (*file)->matrix("w"); // (2, 3)
    QVERIFY2(m, qPrintable(m.error()));
    QCOMPARE(m->rows(), 2);
    QCOMPARE(m->cols(), 3);
    QCOMPARE((*m)(0, 0), 1.0f);
    QCOMPARE((*m)(0, 2), 3.0f);
    QCOMPARE((*m)(1, 0), 4.0f);
    QCOMPARE((*m)(1, 2), 6.0f);
    auto b = (*file)->matrix("b"); // (3) -> (1, 3)
    QVERIFY(b);
    QCOMPARE(b->rows(), 1);
    QCOMPARE(b->cols(), 3);
    QCOMPARE((*b)(0, 0), -0.5f);
    QCOMPARE((*b)(0, 2), 1e-30f);
    auto e = (*file)->matrix("empty");
    QVERIFY(e);
    QCOMPARE(e->rows(), 0);
    QCOMPARE(e->cols(), 4);
}

void TestSafetensors::readsUnalignedAndPadded()
{
    // Trailing spaces after the JSON (writers pad with them) put the data at an odd offset.
    QByteArray header = R"({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}} )";
    while ((8 + header.size()) % 4 != 1)
        header += ' ';
    auto file = SafetensorsFile::open(
        writeFile(m_dir, "odd.safetensors", safetensorsBytes(header, floatBytes({7, -8}))));
    QVERIFY2(file, qPrintable(file.error()));
    auto m = (*file)->matrix("x");
    QVERIFY(m);
    QCOMPARE((*m)(0, 0), 7.0f);
    QCOMPARE((*m)(0, 1), -8.0f);
}

void TestSafetensors::convertsHalfAndBfloat()
{
    const QByteArray header = R"({"h": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]},
        "bf": {"dtype": "BF16", "shape": [3], "data_offsets": [8, 14]}})";
    const QByteArray data = u16Bytes({0x3C00, 0xC000, 0x0001, 0x7C00}) + u16Bytes({0x3F80, 0xC000, 0x4049});
    auto file = SafetensorsFile::open(writeFile(m_dir, "half.safetensors", safetensorsBytes(header, data)));
    QVERIFY2(file, qPrintable(file.error()));
    QCOMPARE((*file)->info("h")->dtype, DType::F16);
    QCOMPARE((*file)->info("bf")->dtype, DType::BF16);
    auto h = (*file)->matrix("h");
    QVERIFY(h);
    QCOMPARE((*h)(0, 0), 1.0f);
    QCOMPARE((*h)(0, 1), -2.0f);
    QCOMPARE((*h)(1, 0), std::ldexp(1.0f, -24));
    QCOMPARE((*h)(1, 1), std::numeric_limits<float>::infinity());
    auto bf = (*file)->matrix("bf");
    QVERIFY(bf);
    QCOMPARE((*bf)(0, 0), 1.0f);
    QCOMPARE((*bf)(0, 1), -2.0f);
    QCOMPARE((*bf)(0, 2), 3.140625f);
}

void TestSafetensors::matrixRejects()
{
    const QByteArray header = R"({"cube": {"dtype": "F32", "shape": [1, 1, 2], "data_offsets": [0, 8]},
        "scalar": {"dtype": "F32", "shape": [], "data_offsets": [8, 12]}})";
    auto file = SafetensorsFile::open(
        writeFile(m_dir, "cube.safetensors", safetensorsBytes(header, floatBytes({1, 2, 3}))));
    QVERIFY2(file, qPrintable(file.error()));
    QCOMPARE((*file)->info("scalar")->elements(), std::int64_t(1));
    auto cube = (*file)->matrix("cube");
    QVERIFY(!cube);
    QVERIFY2(cube.error().contains(R"(tensor "cube" has shape [1, 1, 2]; expected 1-D or 2-D)"),
             qPrintable(cube.error()));
    auto scalar = (*file)->matrix("scalar");
    QVERIFY(!scalar);
    QVERIFY2(scalar.error().contains("shape []"), qPrintable(scalar.error()));
    auto missing = (*file)->matrix("nope");
    QVERIFY(!missing);
    QVERIFY2(missing.error().contains(R"(no tensor named "nope")"), qPrintable(missing.error()));
}

void TestSafetensors::integersBooleansAndMetadata()
{
    // I32 and BOOL open, with their sizes checked (4 and 1 bytes), and give their bytes; a matrix refuses them.
    // Metadata keeps its string values.
    const QByteArray header = R"({"__metadata__": {"model": "gpt2", "tokens": "[\"a\"]", "n": 3},
        "ids": {"dtype": "I32", "shape": [2], "data_offsets": [0, 8]},
        "mask": {"dtype": "BOOL", "shape": [1, 3], "data_offsets": [8, 11]}})";
    QByteArray data(8, '\0');
    qToLittleEndian<qint32>(-7, data.data());
    qToLittleEndian<qint32>(50256, data.data() + 4);
    data += QByteArray("\x01\x00\x01", 3);
    auto file = SafetensorsFile::open(writeFile(m_dir, "ints.safetensors", safetensorsBytes(header, data)));
    QVERIFY2(file, qPrintable(file.error()));
    QCOMPARE((*file)->info("ids")->dtype, DType::I32);
    QCOMPARE((*file)->info("mask")->dtype, DType::Bool);
    QCOMPARE(qFromLittleEndian<qint32>((*file)->data(*(*file)->info("ids")) + 4), 50256);
    QCOMPARE(int((*file)->data(*(*file)->info("mask"))[2]), 1);
    QVERIFY((*file)->metadata() == (std::map<QString, QString>{{"model", "gpt2"}, {"tokens", R"(["a"])"}}));
    auto ids = (*file)->matrix("ids");
    QVERIFY(!ids);
    QVERIFY2(ids.error().contains(R"(tensor "ids" is I32; a matrix must be F32, F16 or BF16)"), qPrintable(ids.error()));

    const QByteArray wrongSize = R"({"ids": {"dtype": "I32", "shape": [2], "data_offsets": [0, 2]}})";
    auto bad = SafetensorsFile::open(writeFile(m_dir, "short.safetensors", safetensorsBytes(wrongSize, data)));
    QVERIFY(!bad);
    QVERIFY2(bad.error().contains("span 2 bytes but the shape and dtype need 8"), qPrintable(bad.error()));
}

void TestSafetensors::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");

    const QByteArray d16 = QByteArray(16, '\0');
    const auto entry = [&](const char* name, const QByteArray& header, const char* message) {
        QTest::newRow(name) << safetensorsBytes(header, d16) << QString::fromUtf8(message);
    };
    QTest::newRow("empty file") << QByteArray() << "file is 0 bytes, shorter than the 8-byte header length";
    QTest::newRow("7 bytes") << QByteArray(7, '\x02')
                             << "file is 7 bytes, shorter than the 8-byte header length";
    QTest::newRow("header beyond file")
        << safetensorsBytes("{}", {}, 3) << "header length 3 exceeds the 2 bytes after the length field";
    QTest::newRow("header over 100 MB") << safetensorsBytes("{}", {}, 200ll * 1024 * 1024)
                                        << "header length 209715200 exceeds the 100 MB limit";
    QTest::newRow("huge header length")
        << safetensorsBytes("{}", {}, std::numeric_limits<qint64>::max()) << "exceeds the 100 MB limit";
    entry("not json", "{\"a\": ", "header is not valid JSON");
    entry("json array", "[1, 2]", "header must be a JSON object");
    entry("empty header", "", "header is not valid JSON");
    entry("entry not object", R"({"a": 3})", R"(tensor "a": entry must be an object, got 3)");
    entry("dtype missing", R"({"a": {"shape": [1], "data_offsets": [0, 4]}})",
          R"(tensor "a": dtype must be a string, got nothing)");
    entry("dtype number", R"({"a": {"dtype": 4, "shape": [1], "data_offsets": [0, 4]}})",
          R"(tensor "a": dtype must be a string, got 4)");
    entry("dtype F64", R"({"w": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}})",
          R"(tensor "w": dtype F64 is not supported (expected F32, F16, BF16, I32 or BOOL))");
    entry("dtype I64", R"({"ids": {"dtype": "I64", "shape": [2], "data_offsets": [0, 16]}})",
          R"(tensor "ids": dtype I64 is not supported)");
    entry("dtype lowercase", R"({"a": {"dtype": "f32", "shape": [1], "data_offsets": [0, 4]}})",
          "dtype f32 is not supported");
    entry("shape missing", R"({"a": {"dtype": "F32", "data_offsets": [0, 4]}})",
          R"(tensor "a": shape must be an array of non-negative integers, got nothing)");
    entry("shape object", R"({"a": {"dtype": "F32", "shape": {}, "data_offsets": [0, 4]}})",
          "shape must be an array of non-negative integers, got an object");
    entry("shape negative", R"({"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})",
          "shape entries must be non-negative integers, got -1");
    entry("shape fraction", R"({"a": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}})",
          "shape entries must be non-negative integers, got 1.5");
    entry("shape string", R"({"a": {"dtype": "F32", "shape": ["2"], "data_offsets": [0, 8]}})",
          R"(shape entries must be non-negative integers, got "2")");
    entry("shape above 2^53",
          R"({"a": {"dtype": "F32", "shape": [9007199254740993], "data_offsets": [0, 4]}})",
          "shape entries must be non-negative integers, got 9007199254740992");
    entry("shape 1e300", R"({"a": {"dtype": "F32", "shape": [1e300], "data_offsets": [0, 4]}})",
          "shape entries must be non-negative integers");
    entry("shape overflow",
          R"({"a": {"dtype": "F32", "shape": [4294967296, 4294967296, 4294967296], "data_offsets": [0, 4]}})",
          "shape [4294967296,4294967296,4294967296] has too many elements");
    entry(
        "shape overflow then zero",
        R"({"a": {"dtype": "F16", "shape": [4294967296, 4294967296, 4294967296, 0], "data_offsets": [0, 0]}})",
        "has too many elements");
    entry("bytes overflow",
          R"({"a": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 4]}})",
          "shape entries must be non-negative integers"); // above 2^53 already
    entry("offsets missing", R"({"a": {"dtype": "F32", "shape": [1]}})",
          "data_offsets must be two non-negative integers [begin, end], got nothing");
    entry("offsets three", R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 8]}})",
          "data_offsets must be two non-negative integers [begin, end], got [0,4,8]");
    entry("offsets fraction", R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4.5]}})",
          "data_offsets must be two non-negative integers");
    entry("offsets negative", R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [-4, 0]}})",
          "data_offsets must be two non-negative integers");
    entry("begin after end", R"({"a": {"dtype": "F32", "shape": [0], "data_offsets": [8, 4]}})",
          "data_offsets [8, 4] must satisfy begin <= end <= 16 (the data section size)");
    entry("end beyond data", R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [12, 20]}})",
          R"(tensor "a": data_offsets [12, 20] must satisfy begin <= end <= 16)");
    entry("length mismatch", R"({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})",
          R"(tensor "a": data_offsets [0, 8] span 8 bytes but the shape and dtype need 12)");
    entry("half length mismatch", R"({"a": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [0, 16]}})",
          "span 16 bytes but the shape and dtype need 8");
    entry("overlap", R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                         "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
          R"(tensors "a" [0, 8] and "b" [4, 12] overlap)");
    entry("same range", R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]},
                            "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})",
          "overlap");
}

void TestSafetensors::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString path = writeFile(m_dir, "bad.safetensors", bytes);
    auto file = SafetensorsFile::open(path);
    QVERIFY(!file);
    QVERIFY2(file.error().startsWith(path + ": "), qPrintable(file.error()));
    QVERIFY2(file.error().contains(message), qPrintable(file.error()));
}

void TestSafetensors::halfToFloat_data()
{
    QTest::addColumn<quint16>("bits");
    QTest::addColumn<float>("expected");
    QTest::newRow("one") << quint16(0x3C00) << 1.0f;
    QTest::newRow("minus two") << quint16(0xC000) << -2.0f;
    QTest::newRow("smallest subnormal") << quint16(0x0001) << std::ldexp(1.0f, -24);
    QTest::newRow("largest subnormal") << quint16(0x03FF) << std::ldexp(1023.0f, -24);
    QTest::newRow("negative subnormal") << quint16(0x8200) << -std::ldexp(1.0f, -15);
    QTest::newRow("smallest normal") << quint16(0x0400) << std::ldexp(1.0f, -14);
    QTest::newRow("largest finite") << quint16(0x7BFF) << 65504.0f;
    QTest::newRow("one third") << quint16(0x3555) << 0.333251953125f;
    QTest::newRow("inf") << quint16(0x7C00) << std::numeric_limits<float>::infinity();
    QTest::newRow("minus inf") << quint16(0xFC00) << -std::numeric_limits<float>::infinity();
    QTest::newRow("zero") << quint16(0x0000) << 0.0f;
    QTest::newRow("minus zero") << quint16(0x8000) << -0.0f;
}

void TestSafetensors::halfToFloat()
{
    QFETCH(quint16, bits);
    QFETCH(float, expected);
    // Bit comparison: distinguishes -0 from 0.
    QCOMPARE(std::bit_cast<quint32>(attnlab::model::halfToFloat(bits)), std::bit_cast<quint32>(expected));
}

void TestSafetensors::halfToFloatMatchesQFloat16()
{
    // Every one of the 65536 patterns against Qt's own conversion (an independent implementation).
    for (quint32 bits = 0; bits <= 0xFFFF; ++bits) {
        const float ours = attnlab::model::halfToFloat(quint16(bits));
        const float qt = float(qFromLittleEndian<qfloat16>(u16Bytes({quint16(bits)}).constData()));
        if (std::isnan(qt)) {
            QVERIFY2(std::isnan(ours), qPrintable(QString::number(bits, 16)));
            // NaN keeps its sign and payload: float bits = sign | 0x7F800000 | mantissa << 13.
            QCOMPARE(std::bit_cast<quint32>(ours),
                     ((bits & 0x8000u) << 16) | 0x7F800000u | ((bits & 0x3FFu) << 13));
        } else if (std::bit_cast<quint32>(ours) != std::bit_cast<quint32>(qt)) {
            QFAIL(qPrintable(QStringLiteral("0x%1: %2 vs Qt %3").arg(bits, 4, 16).arg(ours).arg(qt)));
        }
    }
}

void TestSafetensors::bfloat16ToFloat_data()
{
    QTest::addColumn<quint16>("bits");
    QTest::addColumn<quint32>("floatBits");
    QTest::newRow("one") << quint16(0x3F80) << std::bit_cast<quint32>(1.0f);
    QTest::newRow("minus two") << quint16(0xC000) << std::bit_cast<quint32>(-2.0f);
    QTest::newRow("pi") << quint16(0x4049) << std::bit_cast<quint32>(3.140625f);
    QTest::newRow("subnormal") << quint16(0x0001) << quint32(0x00010000);
    QTest::newRow("inf") << quint16(0x7F80) << quint32(0x7F800000);
    QTest::newRow("minus inf") << quint16(0xFF80) << quint32(0xFF800000);
    QTest::newRow("nan") << quint16(0x7FC1) << quint32(0x7FC10000);
    QTest::newRow("minus zero") << quint16(0x8000) << quint32(0x80000000);
}

void TestSafetensors::bfloat16ToFloat()
{
    QFETCH(quint16, bits);
    QFETCH(quint32, floatBits);
    QCOMPARE(std::bit_cast<quint32>(attnlab::model::bfloat16ToFloat(bits)), floatBits);
}

void TestSafetensors::sharded()
{
    QTemporaryDir dir;
    writeFile(dir, "model-00001-of-00002.safetensors",
              safetensorsBytes(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})",
                               floatBytes({1})));
    writeFile(dir, "model-00002-of-00002.safetensors",
              safetensorsBytes(R"({"b": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                   "c": {"dtype": "F16", "shape": [1], "data_offsets": [8, 10]}})",
                               floatBytes({2, 3}) + u16Bytes({0x3C00})));
    const QString index = writeFile(dir, "model.safetensors.index.json", R"({"metadata": {"total_size": 14},
        "weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors",
                       "c": "model-00002-of-00002.safetensors"}})");
    auto files = openSharded(index);
    QVERIFY2(files, qPrintable(files.error()));
    QCOMPARE(files->size(), std::size_t(2));
    QVERIFY((*files)[0]->path().endsWith("model-00001-of-00002.safetensors"));
    QCOMPARE((*files)[0]->names(), QStringList({"a"}));
    QCOMPARE((*files)[1]->names(), QStringList({"b", "c"}));
    QCOMPARE((*(*files)[1]->matrix("c"))(0, 0), 1.0f);
}

void TestSafetensors::shardedRejects_data()
{
    QTest::addColumn<QByteArray>("index");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
    QTest::newRow("no weight_map") << QByteArray(R"({"metadata": {}})")
                                   << "weight_map must be an object {tensor name: shard file}, got nothing";
    QTest::newRow("array") << QByteArray("[]") << "weight_map must be an object";
    QTest::newRow("empty map") << QByteArray(R"({"weight_map": {}})") << "weight_map is empty";
    QTest::newRow("file not string") << QByteArray(R"({"weight_map": {"a": 1}})")
                                     << R"(weight_map["a"] must be a file name, got 1)";
    QTest::newRow("path traversal")
        << QByteArray(R"({"weight_map": {"a": "../secret.safetensors"}})")
        << R"(weight_map["a"] must be a file name beside the index, got "../secret.safetensors")";
    QTest::newRow("resource path") << QByteArray(R"({"weight_map": {"a": ":/lessons/exam.json"}})")
                                   << "must be a file name beside the index";
    QTest::newRow("resource name") << QByteArray(R"({"weight_map": {"a": ":one.safetensors"}})")
                                   << "must be a file name beside the index";
    QTest::newRow("NUL in the name") << QByteArray("{\"weight_map\": {\"a\": \"one\\u0000.safetensors\"}}")
                                     << "must be a file name beside the index";
    QTest::newRow("missing shard") << QByteArray(R"({"weight_map": {"a": "absent.safetensors"}})")
                                   << "absent.safetensors: cannot open";
    QTest::newRow("tensor not in shard")
        << QByteArray(R"({"weight_map": {"a": "one.safetensors", "z": "one.safetensors"}})")
        << R"(weight_map places "z" in one.safetensors, which has no such tensor)";
    QTest::newRow("bad shard") << QByteArray(R"({"weight_map": {"a": "bad.safetensors"}})")
                               << "bad.safetensors: file is 3 bytes";
}

void TestSafetensors::shardedRejects()
{
    QFETCH(QByteArray, index);
    QFETCH(QString, message);
    QTemporaryDir dir;
    writeFile(dir, "one.safetensors",
              safetensorsBytes(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})",
                               floatBytes({1})));
    writeFile(dir, "bad.safetensors", "abc");
    auto files = openSharded(writeFile(dir, "model.safetensors.index.json", index));
    QVERIFY(!files);
    QVERIFY2(files.error().contains(message), qPrintable(files.error()));
}

void TestSafetensors::gptNanoSort()
{
    QFile configFile(modelPath("gpt-nano-sort", "config.json"));
    if (!configFile.exists())
        QSKIP(qPrintable("shared test models not found at " + attnlab::test::sharedDir() +
                         " (set ATTNLAB_SHARED)"));
    QVERIFY(configFile.open(QIODevice::ReadOnly));
    auto config = parseModelConfig(configFile.readAll(), "config.json");
    QVERIFY2(config, qPrintable(config.error()));
    auto file = SafetensorsFile::open(modelPath("gpt-nano-sort", "model.safetensors"));
    QVERIFY2(file, qPrintable(file.error()));

    const std::int64_t d = config->dModel, ff = config->dFf;
    std::map<QString, std::vector<std::int64_t>> expected = {
        {"transformer.wte.weight", {config->vocab, d}},
        {"transformer.wpe.weight", {config->maxPositions, d}},
        {"transformer.ln_f.weight", {d}},
        {"transformer.ln_f.bias", {d}},
        {"lm_head.weight", {config->vocab, d}}};
    for (int l = 0; l < config->layers; ++l) {
        const QString p = QStringLiteral("transformer.h.%1.").arg(l);
        for (const char* ln : {"ln_1", "ln_2"}) {
            expected[p + ln + ".weight"] = {d};
            expected[p + ln + ".bias"] = {d};
        }
        expected[p + "attn.c_attn.weight"] = {d, 3 * d}; // Conv1D layout: (in, out)
        expected[p + "attn.c_attn.bias"] = {3 * d};
        expected[p + "attn.c_proj.weight"] = {d, d};
        expected[p + "attn.c_proj.bias"] = {d};
        expected[p + "mlp.c_fc.weight"] = {d, ff};
        expected[p + "mlp.c_fc.bias"] = {ff};
        expected[p + "mlp.c_proj.weight"] = {ff, d};
        expected[p + "mlp.c_proj.bias"] = {d};
    }
    QCOMPARE((*file)->names().size(), qsizetype(expected.size()));
    for (const auto& [name, shape] : expected) {
        const TensorInfo* info = (*file)->info(name);
        QVERIFY2(info, qPrintable(name));
        QCOMPARE(info->dtype, DType::F32);
        QVERIFY2(info->shape == shape, qPrintable(name));
    }
    QCOMPARE((*file)->info("transformer.wte.weight")->shape, std::vector<std::int64_t>({3, 48}));
    QCOMPARE((*file)->info("transformer.h.0.attn.c_attn.weight")->shape,
             std::vector<std::int64_t>({48, 144}));
    auto wte = (*file)->matrix("transformer.wte.weight");
    QVERIFY(wte);
    QCOMPARE((*wte)(0, 0), 0.05984091758728027f);
    QCOMPARE((*wte)(0, 1), 0.0015325188869610429f);
    auto head = (*file)->matrix("lm_head.weight");
    QVERIFY(head);
    QCOMPARE((*head)(2, 47), -0.2251800149679184f);
}

void TestSafetensors::aidreams()
{
    QFile configFile(modelPath("aidreams260K", "config.json"));
    if (!configFile.exists())
        QSKIP(qPrintable("shared test models not found at " + attnlab::test::sharedDir() +
                         " (set ATTNLAB_SHARED)"));
    QVERIFY(configFile.open(QIODevice::ReadOnly));
    auto config = parseModelConfig(configFile.readAll(), "config.json");
    QVERIFY2(config, qPrintable(config.error()));
    auto file = SafetensorsFile::open(modelPath("aidreams260K", "model.safetensors"));
    QVERIFY2(file, qPrintable(file.error()));

    const std::int64_t d = config->dModel, ff = config->dFf, kv = config->kvHeads * config->headDim();
    std::map<QString, std::vector<std::int64_t>> expected = {
        {"model.embed_tokens.weight", {config->vocab, d}}, {"model.norm.weight", {d}}};
    for (int l = 0; l < config->layers; ++l) {
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        expected[p + "input_layernorm.weight"] = {d};
        expected[p + "post_attention_layernorm.weight"] = {d};
        expected[p + "self_attn.q_proj.weight"] = {d, d}; // nn.Linear layout: (out, in)
        expected[p + "self_attn.k_proj.weight"] = {kv, d};
        expected[p + "self_attn.v_proj.weight"] = {kv, d};
        expected[p + "self_attn.o_proj.weight"] = {d, d};
        expected[p + "mlp.gate_proj.weight"] = {ff, d};
        expected[p + "mlp.up_proj.weight"] = {ff, d};
        expected[p + "mlp.down_proj.weight"] = {d, ff};
    }
    QVERIFY(config->tiedEmbeddings); // so no lm_head.weight
    QCOMPARE((*file)->names().size(), qsizetype(expected.size()));
    for (const auto& [name, shape] : expected) {
        const TensorInfo* info = (*file)->info(name);
        QVERIFY2(info, qPrintable(name));
        QVERIFY2(info->shape == shape, qPrintable(name));
    }
    readEverything(**file);
}

void TestSafetensors::corruptedNeverCrashes_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("hand-written") << QString();
    QTest::newRow("gpt-nano-sort") << modelPath("gpt-nano-sort", "model.safetensors");
}

void TestSafetensors::corruptedNeverCrashes()
{
    QFETCH(QString, source);
    QByteArray valid;
    if (source.isEmpty()) {
        // Compact, so that most changed bytes land in names and numbers rather than in whitespace.
        valid = safetensorsBytes(
            R"({"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},)"
            R"("h":{"dtype":"F16","shape":[4],"data_offsets":[24,32]},)"
            R"("b":{"dtype":"BF16","shape":[2,1],"data_offsets":[32,36]}})",
            floatBytes({1, 2, 3, 4, 5, 6}) + u16Bytes({1, 2, 3, 4, 5, 6}));
    } else {
        QFile f(source);
        if (!f.open(QIODevice::ReadOnly))
            QSKIP(qPrintable("shared test models not found at " + attnlab::test::sharedDir() +
                             " (set ATTNLAB_SHARED)"));
        valid = f.readAll();
    }
    const QString path = m_dir.filePath("fuzz.safetensors");
    const qint64 headerEnd = 8 + qFromLittleEndian<quint64>(valid.constData());

    // Truncations: the first 20 bytes one by one, then 30 lengths spread over the rest of the file.
    QList<qint64> lengths;
    for (qint64 n = 0; n < 20; ++n)
        lengths << n;
    for (int i = 0; i < 30; ++i)
        lengths << 20 + (valid.size() - 21) * i / 29;
    QCOMPARE(lengths.size(), 50);
    for (qint64 n : lengths) {
        writeFile(m_dir, "fuzz.safetensors", valid.left(n));
        auto file = SafetensorsFile::open(path);
        QVERIFY2(n >= headerEnd || !file, qPrintable(QString::number(n))); // a cut header never parses
        if (file) readEverything(**file);
    }

    // Random byte changes in the length field and the header, seeded so a failure reproduces.
    QRandomGenerator rng(20261123);
    int opened = 0;
    for (int round = 0; round < 400; ++round) {
        QByteArray bytes = valid;
        const int flips = 1 + int(rng.bounded(4));
        for (int k = 0; k < flips; ++k) {
            const qint64 at = rng.bounded(headerEnd);
            bytes[at] = char(rng.bounded(2) ? bytes[at] ^ char(1 << rng.bounded(8)) : char(rng.bounded(256)));
        }
        writeFile(m_dir, "fuzz.safetensors", bytes);
        auto file = SafetensorsFile::open(path);
        if (file) {
            ++opened;
            readEverything(**file);
        } else {
            QVERIFY(file.error().startsWith(path + ": "));
        }
    }
    qDebug("%d of 400 corrupted headers still opened", opened);
}

ATTNLAB_TEST_APPLESS_MAIN(TestSafetensors)
} // namespace tst_safetensors
#include "tst_safetensors.moc"
