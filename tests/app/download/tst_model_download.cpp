// ModelDownload, `attnlab download` and the download dialog against a local HTTP server that plays the Hub
// (local_hub_server.h), serving the small sorting model of ../shared: full download, redirects, resume after a
// cut connection, cancel, size mismatch, 404, a corrupted checkpoint, unknown names.

#include "app/download/download_dialog.h"
#include "app/download/download_source.h"
#include "model/pipeline/loaded_model.h"
#include "app/download/local_hub_server.h"
#include "app/download/model_catalog.h"
#include "app/download/model_download.h"
#include "model/checkpoints/tiny_llama.h"
#include "test_support.h"
#include "test_registry.h"

#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

namespace tst_model_download {

using namespace attnlab;
using namespace attnlab::app;
using attnlab::test::HubRoute;
using attnlab::test::LocalHubServer;

namespace {

const QByteArray kRepo = "openai-community/gpt2";
const QByteArray kWeightsUrlPath = "/openai-community/gpt2/resolve/main/model.safetensors";
const QByteArray kCdnPath = "/cdn/openai-community/gpt2/model.safetensors";

struct Outcome {
    enum Kind { Finished, Failed, Cancelled, TimedOut } kind = TimedOut;
    QString text; // the snapshot path or the message
};

// Runs the event loop until the download ends (or 30 s pass).
Outcome waitFor(ModelDownload& download)
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(&download, &ModelDownload::finished, &loop, [&](const QString& path) {
        outcome = {Outcome::Finished, path};
        loop.quit();
    });
    QObject::connect(&download, &ModelDownload::failed, &loop, [&](const QString& message) {
        outcome = {Outcome::Failed, message};
        loop.quit();
    });
    QObject::connect(&download, &ModelDownload::cancelled, &loop, [&] {
        outcome = {Outcome::Cancelled, {}};
        loop.quit();
    });
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    return outcome;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestModelDownload : public QObject {
    Q_OBJECT

private:
    QHash<QByteArray, QByteArray> m_files; // file name -> bytes of the shared sorting model
    std::unique_ptr<LocalHubServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cache;

    DownloadOptions options() const { return {m_cache->path(), m_server->endpoint(), QStringLiteral("main")}; }
    // A partial file as an earlier, interrupted download leaves it.
    bool writePart(const QString& name, const QByteArray& bytes) const
    {
        QFile part(QDir(snapshot()).filePath(name));
        return QDir().mkpath(snapshot()) && part.open(QIODevice::WriteOnly) && part.write(bytes) == bytes.size();
    }
    QString snapshot() const { return m_cache->filePath(QStringLiteral("models--openai-community--gpt2/snapshots/main")); }

private slots:
    void initTestCase()
    {
        const QDir model(test::sharedDir() + QStringLiteral("/models/gpt-nano-sort"));
        for (const char* name : {"config.json", "model.safetensors", "tokenizer.json"}) {
            const QByteArray bytes = readAll(model.filePath(QLatin1String(name)));
            if (bytes.isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is missing: the download tests serve that model").arg(model.filePath(QLatin1String(name)))));
            m_files.insert(name, bytes);
        }
    }

    void init()
    {
        m_server = std::make_unique<LocalHubServer>();
        QVERIFY(m_server->listen());
        m_server->serveModel(kRepo, m_files);
        m_cache = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cache->isValid());
    }

    void fullDownloadLoadsAndRuns()
    {
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Finished);
        QCOMPARE(outcome.text, snapshot());

        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            QVERIFY2(readAll(QDir(snapshot()).filePath(QString::fromLatin1(it.key()))) == it.value(), it.key().constData());
        // The optional GPT-2 tokenizer files were 404 and skipped; no partial file is left.
        QCOMPARE(QDir(snapshot()).entryList(QDir::Files).size(), qsizetype(3));
        QCOMPARE(readAll(m_cache->filePath(QStringLiteral("models--openai-community--gpt2/refs/main"))), QByteArray("main"));
        bool redirected = false;
        for (const auto& request : m_server->requests())
            redirected = redirected || request.path == kCdnPath;
        QVERIFY(redirected);

        // The catalogue finds it, and it loads and runs.
        const auto cached = huggingFaceCacheModels(m_cache->path());
        QCOMPARE(cached.size(), size_t(1));
        QCOMPARE(cached[0].title, QStringLiteral("openai-community/gpt2"));
        QCOMPARE(cached[0].path, snapshot());
        const auto loaded = model::loadModel(snapshot());
        QVERIFY2(loaded, qPrintable(loaded.error()));
        const model::Encoding encoding = loaded->tokenizer->encode(QStringLiteral("B A C C A B"));
        const auto trace = loaded->model->run(encoding.ids, encoding.tokens);
        QVERIFY2(trace.ok(), qPrintable(QStringLiteral("ids %1: %2").arg(encoding.ids.size()).arg(trace.error())));
        QVERIFY(!trace->predictions.empty());
    }

    // A family of today by its short name: a tiny Qwen2 checkpoint (config.json and model.safetensors as the
    // family writes them) with a Llama-kind tokenizer.json, served as Qwen/Qwen2.5-0.5B; the optional
    // tokenizer_config.json is 404 and skipped. It loads as a Qwen2 and runs.
    void newFamilyByShortName()
    {
        test::TinyLlama spec;
        spec.family = QStringLiteral("qwen2");
        spec.vocab = 512; // aidreams260K's tokenizer
        spec.positions = 64;
        QTemporaryDir written;
        QVERIFY(written.isValid());
        test::writeHfLlama(written.path(), test::randomLlama(spec, 7));
        const QByteArray tokenizer = readAll(test::sharedDir() + QStringLiteral("/models/aidreams260K/tokenizer.json"));
        if (tokenizer.isEmpty()) QSKIP("the shared aidreams260K tokenizer is absent (set ATTNLAB_SHARED)");
        const QHash<QByteArray, QByteArray> files{
            {"config.json", readAll(written.filePath(QStringLiteral("config.json")))},
            {"model.safetensors", readAll(written.filePath(QStringLiteral("model.safetensors")))},
            {"tokenizer.json", tokenizer}};
        m_server->serveModel("Qwen/Qwen2.5-0.5B", files);

        ModelDownload download;
        download.start(QStringLiteral("qwen2.5-0.5b"), options());
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Finished);
        QCOMPARE(outcome.text, m_cache->filePath(QStringLiteral("models--Qwen--Qwen2.5-0.5B/snapshots/main")));
        QCOMPARE(QDir(outcome.text).entryList(QDir::Files), (QStringList{"config.json", "model.safetensors", "tokenizer.json"}));
        const auto loaded = model::loadModel(outcome.text);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->model->config().architecture, QStringLiteral("qwen2"));
        const model::Encoding encoding = loaded->tokenizer->encode(QStringLiteral("a gentle hum"));
        const auto trace = loaded->model->run(encoding.ids, encoding.tokens);
        QVERIFY2(trace.ok(), qPrintable(trace.ok() ? QString() : trace.error()));
        QCOMPARE(trace->predictions.size(), encoding.ids.size());
    }

    void resumesAfterACutConnection()
    {
        const qint64 cut = 100'000;
        m_server->route(kCdnPath).cutAfter = cut;
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        const Outcome first = waitFor(download);
        QCOMPARE(first.kind, Outcome::Failed);
        QVERIFY2(first.text.startsWith(QStringLiteral("model.safetensors: ")), qPrintable(first.text));
        const QString part = QDir(snapshot()).filePath(QStringLiteral("model.safetensors.part"));
        const qint64 kept = QFileInfo(part).size();
        QVERIFY2(kept > 0 && kept <= cut, qPrintable(QString::number(kept)));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))));

        download.start(QStringLiteral("gpt2"), options());
        const Outcome second = waitFor(download);
        QCOMPARE(second.kind, Outcome::Finished);
        QByteArray resumedRange;
        for (const auto& request : m_server->requests())
            if (request.path == kCdnPath)
                resumedRange = request.range; // the last request for the weights
        QCOMPARE(resumedRange, "bytes=" + QByteArray::number(kept) + "-");
        QVERIFY(readAll(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))) == m_files["model.safetensors"]);
        QVERIFY(!QFile::exists(part));
    }

    void serverIgnoringRangeRestartsTheFile()
    {
        // A stale .part, and a server that answers its Range request with 200 and the whole file.
        QVERIFY(writePart(QStringLiteral("config.json.part"), "garbage"));
        m_server->route("/openai-community/gpt2/resolve/main/config.json").ignoreRange = true;
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        QCOMPARE(waitFor(download).kind, Outcome::Finished);
        QCOMPARE(m_server->requests().at(0).range, QByteArray("bytes=7-"));
        QVERIFY(readAll(QDir(snapshot()).filePath(QStringLiteral("config.json"))) == m_files["config.json"]);
    }

    void unsatisfiableRangeRestartsTheFile()
    {
        // A .part longer than the file (the file changed on the Hub): 416, then the whole file again.
        QVERIFY(writePart(QStringLiteral("config.json.part"), QByteArray(1000, 'x')));
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        QCOMPARE(waitFor(download).kind, Outcome::Finished);
        QCOMPARE(m_server->requests().at(0).range, QByteArray("bytes=1000-"));
        QCOMPARE(m_server->requests().at(1).range, QByteArray());
        QVERIFY(readAll(QDir(snapshot()).filePath(QStringLiteral("config.json"))) == m_files["config.json"]);
    }

    void cancelKeepsThePartialFile()
    {
        m_server->route(kCdnPath).stallAfter = 50'000;
        ModelDownload download;
        QObject::connect(&download, &ModelDownload::progress, &download,
                         [&download](const QString& file, int, int, qint64 done, qint64) {
                             if (file == QLatin1String("model.safetensors") && done >= 50'000)
                                 download.cancel();
                         });
        download.start(QStringLiteral("gpt2"), options());
        QCOMPARE(waitFor(download).kind, Outcome::Cancelled);
        QVERIFY(!download.isRunning());
        QCOMPARE(QFileInfo(QDir(snapshot()).filePath(QStringLiteral("model.safetensors.part"))).size(), qint64(50'000));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))));
    }

    void sizeMismatchNamesTheFile()
    {
        // The redirect announces 1000 bytes more than the CDN sends.
        const qint64 size = m_files["model.safetensors"].size();
        m_server->route(kWeightsUrlPath).linkedSize = QByteArray::number(size + 1000);
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Failed);
        QVERIFY2(outcome.text.startsWith(QStringLiteral("model.safetensors: the server sent %1 bytes, expected %2")
                                             .arg(size)
                                             .arg(size + 1000)),
                 qPrintable(outcome.text));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))));
    }

    void notFoundNamesTheUrl()
    {
        ModelDownload download;
        download.start(QStringLiteral("someone/missing"), options());
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Failed);
        QCOMPARE(outcome.text, QStringLiteral("HTTP 404 for %1/someone/missing/resolve/main/config.json").arg(m_server->endpoint()));
    }

    void corruptedCheckpointFailsValidation()
    {
        // Garbage with a header length far beyond the file.
        m_server->route(kCdnPath).body = QByteArray(4000, '\x7f');
        m_server->route(kWeightsUrlPath).linkedSize = "4000";
        ModelDownload download;
        download.start(QStringLiteral("gpt2"), options());
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Failed);
        QVERIFY2(outcome.text.contains(QStringLiteral("model.safetensors: header length")), qPrintable(outcome.text));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors.part"))));
        QVERIFY(huggingFaceCacheModels(m_cache->path()).empty());
    }

    void badNamesFail_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << "gpt3" << "main"
                                 << "unknown model \"gpt3\" (known: gpt2, distilgpt2, bert-base-uncased, distilbert-base-uncased, "
                                    "roberta-base, pythia-70m, smollm2-135m, qwen2.5-0.5b, llama-3.2-1b, gemma-3-1b; or give "
                                    "a Hub repository as ORG/NAME)";
        QTest::newRow("path in repo") << "../etc" << "main"
                                      << "repository \"../etc\": ORG and NAME may hold only letters, digits, '.', '_' and '-'";
        QTest::newRow("path in revision") << "gpt2" << "../x"
                                          << "revision \"../x\": expected a branch, tag or commit of letters, digits, '.', '_' and '-'";
    }

    void badNamesFail()
    {
        QFETCH(QString, name);
        QFETCH(QString, revision);
        QFETCH(QString, message);
        ModelDownload download;
        download.start(name, {m_cache->path(), m_server->endpoint(), revision});
        const Outcome outcome = waitFor(download);
        QCOMPARE(outcome.kind, Outcome::Failed);
        QCOMPARE(outcome.text, message);
        QVERIFY(m_server->requests().isEmpty());
    }

    void endpointDefaults()
    {
        QCOMPARE(resolveUrl(QStringLiteral("http://h:1/"), QStringLiteral("a/b"), QStringLiteral("main"), QStringLiteral("f.json")),
                 QUrl(QStringLiteral("http://h:1/a/b/resolve/main/f.json")));
        qputenv("HF_ENDPOINT", "http://mirror.example");
        QCOMPARE(hubEndpoint(), QStringLiteral("http://mirror.example"));
        QCOMPARE(hubEndpoint(QStringLiteral("http://given")), QStringLiteral("http://given"));
        qunsetenv("HF_ENDPOINT");
        QCOMPARE(hubEndpoint(), QStringLiteral("https://huggingface.co"));
    }

    void commandLineDownloads()
    {
        QProcess process;
        QSignalSpy done(&process, &QProcess::finished);
        process.start(QStringLiteral(ATTNLAB_EXECUTABLE),
                      {QStringLiteral("download"), QStringLiteral("gpt2"), QStringLiteral("--dir"), m_cache->path(),
                       QStringLiteral("--endpoint"), m_server->endpoint()});
        QVERIFY(done.wait(60'000)); // the server answers on this thread's event loop
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(), snapshot());
        QVERIFY2(err.contains(QStringLiteral("model.safetensors: 100%")), qPrintable(err));
        QVERIFY2(err.count(QLatin1Char('\n')) < 20, qPrintable(err)); // a line per file and 10 % step, no more
        QVERIFY(readAll(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))) == m_files["model.safetensors"]);
    }

    void commandLineFailures_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown model") << QStringList{QStringLiteral("gpt3")} << "error: unknown model \"gpt3\"";
        QTest::newRow("404") << QStringList{QStringLiteral("someone/missing")} << "error: HTTP 404 for ";
    }

    void commandLineFailures()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QProcess process;
        QSignalSpy done(&process, &QProcess::finished);
        process.start(QStringLiteral(ATTNLAB_EXECUTABLE), QStringList{QStringLiteral("download")} + arguments +
                                                              QStringList{QStringLiteral("--dir"), m_cache->path(),
                                                                          QStringLiteral("--endpoint"), m_server->endpoint()});
        QVERIFY(done.wait(60'000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.startsWith(error), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), qsizetype(1));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }

    void commandLineInterruptKeepsThePartialFile()
    {
        m_server->route(kCdnPath).stallAfter = 30'000;
        QProcess process;
        QSignalSpy done(&process, &QProcess::finished);
        process.start(QStringLiteral(ATTNLAB_EXECUTABLE),
                      {QStringLiteral("download"), QStringLiteral("gpt2"), QStringLiteral("--dir"), m_cache->path(),
                       QStringLiteral("--endpoint"), m_server->endpoint()});
        const QString part = QDir(snapshot()).filePath(QStringLiteral("model.safetensors.part"));
        // QFile buffers 16 KB: the first bytes on disk show the download has reached the stall.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 0, 20'000);
        QTest::qWait(500); // the rest of the 30,000 bytes arrive
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(done.wait(20'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("error: download interrupted")));
        QCOMPARE(QFileInfo(part).size(), qint64(30'000));
        QVERIFY(!QFile::exists(QDir(snapshot()).filePath(QStringLiteral("model.safetensors"))));
    }

    void dialogDownloadsAndReportsFailures()
    {
        DownloadDialog dialog(options());
        QSignalSpy downloaded(&dialog, &DownloadDialog::downloaded);
        dialog.show();
        dialog.modelChoice()->setEditText(QStringLiteral("someone/missing"));
        dialog.downloadButton()->click();
        QTRY_VERIFY(dialog.downloadButton()->isEnabled());
        QVERIFY(dialog.isVisible()); // a failure keeps the dialog open, with the message
        QVERIFY2(dialog.statusLabel()->text().startsWith(QStringLiteral("HTTP 404 for ")), qPrintable(dialog.statusLabel()->text()));
        if (qEnvironmentVariableIsSet("ATTNLAB_GRAB_DIR")) // to look at the dialog: ATTNLAB_GRAB_DIR=/tmp
            dialog.grab().save(QDir(qEnvironmentVariable("ATTNLAB_GRAB_DIR")).filePath(QStringLiteral("download_dialog.png")));

        dialog.modelChoice()->setEditText(QStringLiteral("gpt2"));
        dialog.downloadButton()->click();
        QVERIFY(downloaded.wait(30'000));
        QCOMPARE(downloaded.first().first().toString(), snapshot());
        QVERIFY(!dialog.isVisible());
    }
};

ATTNLAB_TEST_MAIN(TestModelDownload)
} // namespace tst_model_download
#include "tst_model_download.moc"
