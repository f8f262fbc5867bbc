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
