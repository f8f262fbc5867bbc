// Tests model/core/atomic_file.cpp: a file is written whole or not at all, and a failure names the file and the
// system's reason, never "Unknown error".

#include "model/core/atomic_file.h"
#include "file_size_limit.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace tst_atomic_file {

using namespace attnlab::model;

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("figure.svg"));
        QVERIFY(writeFileAtomically(path, "first").ok());
        QCOMPARE(readAll(path), QByteArray("first"));
        QVERIFY(writeFileAtomically(path, "second, longer").ok());
        QCOMPARE(readAll(path), QByteArray("second, longer"));
        QVERIFY(writeFileAtomically(path, QByteArray()).ok());
        QCOMPARE(readAll(path), QByteArray());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("figure.svg")});
    }

    void aFullDiskKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("slides.pdf"));
        QVERIFY(writeFileAtomically(path, "the previous figure").ok());
        const QByteArray big(100'000, 'x');
        Result<void> written = Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            written = writeFileAtomically(path, big);
        }
        QVERIFY(!written.ok());
        QVERIFY2(written.error().startsWith(QStringLiteral("cannot write ") + path +
                                            QStringLiteral(": File too large")),
                 qPrintable(written.error()));
        QVERIFY2(written.error().contains(QStringLiteral("of 100000 bytes written")),
                 qPrintable(written.error()));
        QVERIFY2(!written.error().contains(QStringLiteral("Unknown error")), qPrintable(written.error()));
        QCOMPARE(readAll(path), QByteArray("the previous figure"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("slides.pdf")});
    }

    void aFullDiskLeavesNoNewFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.png"));
        Result<void> written = Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(10);
            written = writeFileAtomically(path, QByteArray(5000, 'p'));
        }
        QVERIFY(!written.ok());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void piecesMakeOneFile()
    {
        // A file written in pieces is the pieces in order; a writer that hands over fewer bytes than it announced,
        // or a write that fails half-way, leaves the previous file and no temporary one.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        const auto threePieces = [](const ByteSink& sink) {
            for (const char* piece : {"ab", "", "cde"})
                if (!sink(piece, qint64(qstrlen(piece)))) return;
        };
        QVERIFY(writeFileAtomically(path, 5, threePieces).ok());
        QCOMPARE(readAll(path), QByteArray("abcde"));

        const Result<void> short_ = writeFileAtomically(path, 6, threePieces);
        QVERIFY(!short_.ok());
        QCOMPARE(short_.error(), QStringLiteral("cannot write %1: the writer produced 5 bytes instead of 6 (5 of 6 bytes "
                                                "written; the previous file is unchanged)").arg(path));
        QCOMPARE(readAll(path), QByteArray("abcde"));

        int calls = 0;
        const QByteArray piece(3000, 'x');
        Result<void> written = Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(4096);
            written = writeFileAtomically(path, 3 * piece.size(), [&](const ByteSink& sink) {
                for (int i = 0; i < 3; ++i) {
                    ++calls;
                    if (!sink(piece.constData(), piece.size())) return;
                }
            });
        }
        QVERIFY(!written.ok());
        QCOMPARE(calls, 2); // the producer stopped at the first failed piece
        QVERIFY2(written.error().contains(QStringLiteral("File too large (4096 of 9000 bytes written")),
                 qPrintable(written.error()));
        QCOMPARE(readAll(path), QByteArray("abcde"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("trace.safetensors")});
    }

    void framesAreWrittenAllOrNone()
    {
        QTemporaryDir dir;
        const auto frame = [&dir](int n) { return dir.filePath(QStringLiteral("steps-%1.svg").arg(n)); };
        QVERIFY(writeFilesAtomically({{frame(1), "one"}, {frame(2), "two"}}).ok());
        QCOMPARE(readAll(frame(1)), QByteArray("one"));
        QCOMPARE(readAll(frame(2)), QByteArray("two"));
        // The third frame is too large for the disk: the first two keep their previous bytes, no third appears,
        // and no temporary file stays.
        Result<void> written = Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            written = writeFilesAtomically({{frame(1), "new one"}, {frame(2), "new two"}, {frame(3), QByteArray(100'000, 'x')}});
        }
        QVERIFY(!written.ok());
        QVERIFY2(written.error().startsWith(QStringLiteral("cannot write ") + frame(3) + QStringLiteral(": File too large")),
                 qPrintable(written.error()));
        QVERIFY2(written.error().contains(QStringLiteral("no file was changed")), qPrintable(written.error()));
        QCOMPARE(readAll(frame(1)), QByteArray("one"));
        QCOMPARE(readAll(frame(2)), QByteArray("two"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 (QStringList{QStringLiteral("steps-1.svg"), QStringLiteral("steps-2.svg")}));
    }

    void unwritablePlacesNameThePath()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no such folder/out.json"));
        Result<void> written = writeFileAtomically(missing, "{}");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().startsWith(QStringLiteral("cannot write ") + missing + QStringLiteral(": ")),
                 qPrintable(written.error()));
        QVERIFY2(!written.error().contains(QStringLiteral("Unknown error")), qPrintable(written.error()));

        // A folder where the file should be.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken.svg")));
        written = writeFileAtomically(dir.filePath(QStringLiteral("taken.svg")), "<svg/>");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(QStringLiteral("taken.svg")), qPrintable(written.error()));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("taken.svg"))).isDir());
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestAtomicFile)
} // namespace tst_atomic_file
#include "tst_atomic_file.moc"
