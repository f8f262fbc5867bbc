// Tests model/checkpoints/safetensors_writer.cpp: a small file's every byte against the header, offsets and data
// worked out by hand; the file read back by the repository's reader; the refusals; and no file after a failure.

#include "model/checkpoints/safetensors_writer.h"
#include "file_size_limit.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstring>

namespace tst_safetensors_writer {

using namespace attnlab::model;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// a: F32 [2] = 1.5, −2; i: I32 [1, 2] = 7, −1; b: BOOL [3] = true, false, true; given in the order b, a, i.
std::vector<TensorToWrite> smallTensors()
{
    return {{QStringLiteral("b"), DType::Bool, {3}, [](std::uint8_t* out) { std::memcpy(out, "\x01\x00\x01", 3); }},
            {QStringLiteral("a"), DType::F32, {2},
             [](std::uint8_t* out) {
                 const float v[] = {1.5f, -2.0f};
                 std::memcpy(out, v, sizeof v);
             }},
            {QStringLiteral("i"), DType::I32, {1, 2}, [](std::uint8_t* out) {
                 const std::int32_t v[] = {7, -1};
                 std::memcpy(out, v, sizeof v);
             }}};
}

} // namespace

class TestSafetensorsWriter : public QObject {
    Q_OBJECT
private slots:
    void bytesAsWorkedOutByHand()
    {
        // The 4-byte tensors come first, in the order given (a, then i), the 1-byte one last:
        //   a [0, 8), i [8, 16), b [16, 19).
        // QJsonObject writes keys sorted: "__metadata__" < "a" < "b" < "i"; data_offsets < dtype < shape.
        // The JSON is 195 bytes; 5 spaces pad it to 200 = 0xC8, a multiple of 8, so the data start at 8 + 200.
        const QByteArray json = R"({"__metadata__":{"model":"m"},)"
                                R"("a":{"data_offsets":[0,8],"dtype":"F32","shape":[2]},)"
                                R"("b":{"data_offsets":[16,19],"dtype":"BOOL","shape":[3]},)"
                                R"("i":{"data_offsets":[8,16],"dtype":"I32","shape":[1,2]}})";
        QCOMPARE(json.size(), 195);
        const QByteArray expected = QByteArray("\xC8\0\0\0\0\0\0\0", 8) + json + QByteArray(5, ' ') +
                                    QByteArray("\x00\x00\xC0\x3F" "\x00\x00\x00\xC0", 8) + // 1.5f, −2.0f
                                    QByteArray("\x07\x00\x00\x00" "\xFF\xFF\xFF\xFF", 8) + // 7, −1
                                    QByteArray("\x01\x00\x01", 3);
        QCOMPARE(expected.size(), 227);

        const std::map<QString, QString> metadata{{QStringLiteral("model"), QStringLiteral("m")}};
        QCOMPARE(safetensorsHeader(smallTensors(), metadata), expected.left(208));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("small.safetensors"));
        const Result<void> written = writeSafetensors(path, smallTensors(), metadata);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(readAll(path), expected);
    }

    void readBackByTheReader()
    {
        // A (3, 2) matrix in Eigen's column-major storage comes back row-major, as the reader gives it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("round.safetensors"));
        Eigen::Matrix<float, 3, 2> m;
        m << 1, 2, 3, 4, 5, 6;
        std::vector<TensorToWrite> tensors = smallTensors();
        tensors.push_back({QStringLiteral("m"), DType::F32, {3, 2}, [&m](std::uint8_t* out) {
                               Eigen::Map<MatrixF>(reinterpret_cast<float*>(out), 3, 2) = m;
                           }});
        tensors.push_back({QStringLiteral("empty"), DType::F32, {0, 4}, {}});
        QVERIFY(writeSafetensors(path, tensors, {{QStringLiteral("tokens"), QStringLiteral("[\"a\",\"b\"]")}}).ok());
        auto file = SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        QCOMPARE((*file)->names(), (QStringList{"a", "b", "empty", "i", "m"}));
        const auto back = (*file)->matrix(QStringLiteral("m"));
        QVERIFY(back);
        QVERIFY(*back == MatrixF(m));
        QCOMPARE((*file)->info(QStringLiteral("m"))->begin, std::uint64_t(16)); // after a and i, before b
        QCOMPARE((*file)->info(QStringLiteral("empty"))->begin, (*file)->info(QStringLiteral("empty"))->end);
        QCOMPARE(qFromLittleEndian<qint32>((*file)->data(*(*file)->info(QStringLiteral("i"))) + 4), -1);
        QCOMPARE((*file)->metadata().at(QStringLiteral("tokens")), QStringLiteral("[\"a\",\"b\"]"));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("dimension");
        QTest::addColumn<QString>("message");
        QTest::newRow("repeated") << "a" << qint64(2) << "tensor \"a\" is named twice";
        QTest::newRow("empty name") << "" << qint64(2) << "tensor \"\" is not a tensor name";
        QTest::newRow("metadata") << "__metadata__" << qint64(2) << "tensor \"__metadata__\" is not a tensor name";
        QTest::newRow("negative") << "n" << qint64(-1) << "tensor \"n\" has a negative dimension";
    }

    void refusals()
    {
        QFETCH(QString, name);
        QFETCH(qint64, dimension);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.safetensors"));
        std::vector<TensorToWrite> tensors = smallTensors();
        tensors.push_back({name, DType::F32, {dimension}, {}});
        const Result<void> written = writeSafetensors(path, tensors);
        QVERIFY(!written.ok());
        QCOMPARE(written.error(), QStringLiteral("cannot write %1: %2").arg(path, message));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void aFailedWriteLeavesThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        QVERIFY(writeSafetensors(path, smallTensors()).ok());
        const QByteArray before = readAll(path);
        Result<void> written = Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            written = writeSafetensors(path, {{QStringLiteral("big"), DType::F32, {4096}, {}}});
        }
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(QStringLiteral("File too large")), qPrintable(written.error()));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("trace.safetensors")});
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestSafetensorsWriter)
} // namespace tst_safetensors_writer
#include "tst_safetensors_writer.moc"
