// Tests app/cli/output_file.cpp: "-" writes the bytes to standard output (here pointed at a file, or at
// /dev/full to make the flush fail), any other path is written whole or not at all, and every failure is one
// message.

#include "app/cli/output_file.h"
#include "file_size_limit.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace tst_output_file {

using attnlab::app::writeOutput;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// While it lives, file descriptor 1 (and so stdout) goes to `path`; QTest's own log must not be written
// meanwhile.
class StdoutTo {
public:
    explicit StdoutTo(const char* path)
    {
        std::fflush(stdout);
        m_saved = ::dup(1);
        const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        m_active = m_saved >= 0 && fd >= 0 && ::dup2(fd, 1) == 1;
        if (fd >= 0) ::close(fd);
    }
    ~StdoutTo()
    {
        // Whatever a failed flush left in stdout's buffer is dropped into /dev/null, not into the test log.
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::close(null);
        }
        std::fflush(stdout);
        std::clearerr(stdout);
        if (m_saved >= 0) {
            ::dup2(m_saved, 1);
            ::close(m_saved);
        }
    }
    StdoutTo(const StdoutTo&) = delete;
    StdoutTo& operator=(const StdoutTo&) = delete;
    bool active() const { return m_active; }

private:
    int m_saved = -1;
    bool m_active = false;
};

} // namespace

class TestOutputFile : public QObject {
    Q_OBJECT
private slots:
    void dashIsStandardOutput()
    {
        QTemporaryDir dir;
        const QByteArray captured = QDir(dir.path()).filePath(QStringLiteral("stdout.txt")).toLocal8Bit();
        const QByteArray json = "{\"weights\": [[\"9/26\", \"9/26\", \"2/13\", \"2/13\"]]}\n";
        bool active = false;
        bool ok = false;
        QByteArray written;
        const QString previous = QDir::currentPath();
        QDir::setCurrent(dir.path()); // a file called "-" would appear here
        {
            StdoutTo redirect(captured.constData());
            active = redirect.active();
            ok = writeOutput(QStringLiteral("-"), json).ok();
            // Read before the redirect ends (which flushes): writeOutput itself must have flushed.
            written = readAll(QString::fromLocal8Bit(captured));
        }
        QDir::setCurrent(previous);
        QVERIFY(active);
        QVERIFY(ok);
        QCOMPARE(written, json);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("stdout.txt")});
    }

    void aFullStandardOutputFails()
    {
        if (!QFile::exists(QStringLiteral("/dev/full"))) QSKIP("no /dev/full on this system");
        bool active = false;
        QString error;
        {
            StdoutTo redirect("/dev/full"); // every write: "No space left on device"
            active = redirect.active();
            const auto written = writeOutput(QStringLiteral("-"), QByteArray(100, 'x'));
            error = written.ok() ? QString() : written.error();
        }
        QVERIFY(active);
        QCOMPARE(error, QStringLiteral("cannot write to standard output"));
    }

    void aPathIsWrittenWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.json"));
        QVERIFY(writeOutput(path, "{\"first\": 1}").ok());
        QCOMPARE(readAll(path), QByteArray("{\"first\": 1}"));
        QVERIFY(writeOutput(path, "{}").ok()); // shorter: nothing of the first file remains
        QCOMPARE(readAll(path), QByteArray("{}"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("trace.json")});
    }

    void aFailedWriteKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("figure.json"));
        QVERIFY(writeOutput(path, "previous").ok());
        QString error;
        {
            attnlab::test::FileSizeLimit limit(1024);
            QVERIFY(limit.active());
            const auto written = writeOutput(path, QByteArray(50'000, 'y'));
            error = written.ok() ? QString() : written.error();
        }
        QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": ")),
                 qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(readAll(path), QByteArray("previous"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("figure.json")});
    }

    void aMissingFolderNamesThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no such folder/out.json"));
        const auto written = writeOutput(path, "{}");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": ")),
                 qPrintable(written.error()));
        QVERIFY(!QFile::exists(path));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestOutputFile)
} // namespace tst_output_file
#include "tst_output_file.moc"
