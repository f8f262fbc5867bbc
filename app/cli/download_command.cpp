#include "app/cli/download_command.h"

#include "app/cli/command_line.h"
#include "app/download/download_source.h"
#include "app/download/model_download.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace attnlab::app {

namespace {

const char* const kDownloadUsage =
    "usage: attnlab download NAME [--dir CACHE_DIR] [--endpoint URL] [--revision REV]\n"
    "NAME: gpt2, distilgpt2, bert-base-uncased, distilbert-base-uncased, roberta-base, pythia-70m, smollm2-135m,\n"
    "      qwen2.5-0.5b, llama-3.2-1b, gemma-3-1b (the last two are gated: accept their terms on the Hub first),\n"
    "      or a Hub repository ORG/NAME\n";

// Set by SIGINT; polled on the event loop, since a signal handler may do nothing else safely.
std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

constexpr qint64 kSmallFile = 1 << 20;

// One stderr line per file per 10 % step, so a log of a 500 MB download stays short.
class ProgressPrinter {
public:
    void update(const QString& file, int index, int count, qint64 done, qint64 total)
    {
        if (file != m_file) {
            m_file = file;
            m_lastStep = -1;
        }
        if (total <= 0)
            return;
        const int step = int(done * 10 / total);
        // Small files get one line, when they are complete.
        if (step == m_lastStep || (total < kSmallFile && done < total))
            return;
        m_lastStep = step;
        std::fprintf(stderr, "[%d/%d] %s: %3d%% of %s\n", index + 1, count, qPrintable(file), step * 10,
                     qPrintable(sizeText(total)));
    }

private:
    QString m_file;
    int m_lastStep = -1;
};

} // namespace

int runDownload(const QStringList& arguments)
{
    QCommandLineParser parser;
    for (const char* name : {"dir", "endpoint", "revision"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    if (!parser.parse(QStringList{QStringLiteral("attnlab download")} + arguments))
        return fail(kDownloadUsage, parser.errorText(), ExitUsage);
    const QStringList names = parser.positionalArguments();
    if (names.size() != 1)
        return fail(kDownloadUsage, names.isEmpty() ? QStringLiteral("download needs a model name")
                                    : QStringLiteral("unexpected argument \"%1\"").arg(names[1]),
                    ExitUsage);

    DownloadOptions options;
    options.cacheDir = parser.value(QStringLiteral("dir"));
    options.endpoint = parser.value(QStringLiteral("endpoint"));
    if (parser.isSet(QStringLiteral("revision")))
        options.revision = parser.value(QStringLiteral("revision"));

    ModelDownload download;
    ProgressPrinter printer;
    QObject::connect(&download, &ModelDownload::progress, &download,
                     [&printer](const QString& file, int index, int count, qint64 done, qint64 total) {
                         printer.update(file, index, count, done, total);
                     });
    QObject::connect(&download, &ModelDownload::validating, &download,
                     [] { std::fprintf(stderr, "checking the files…\n"); });
    QObject::connect(&download, &ModelDownload::finished, &download, [](const QString& path) {
        std::printf("%s\n", qPrintable(path));
        QCoreApplication::exit(ExitOk);
    });
    QObject::connect(&download, &ModelDownload::failed, &download,
                     [](const QString& message) { QCoreApplication::exit(fail(kDownloadUsage, message)); });
    QObject::connect(&download, &ModelDownload::cancelled, &download, [] {
        QCoreApplication::exit(
            fail(kDownloadUsage, QStringLiteral("download interrupted; the partial file is kept, run the same command to resume")));
    });

    g_interrupted = false;
    const auto previousHandler = std::signal(SIGINT, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &download, [&download] {
        if (g_interrupted)
            download.cancel();
    });
    interruptPoll.start(100);

    download.start(names.first(), options);
    const int code = QCoreApplication::exec();
    std::signal(SIGINT, previousHandler);
    std::fflush(stdout);
    return code;
}

} // namespace attnlab::app
