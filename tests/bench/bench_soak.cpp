// Memory stays flat under real use (README "Robustness checks"). As typing does, through the window's own path
// (model::TraceComputer on the worker, the latest trace kept while the next one computes):
//   - the toy model recomputes 2,000 times, alternating two inputs;
//   - a GPT-2-small-shaped checkpoint (random weights, bench_gpt2's, written when missing) with the GPT-2
//     tokenizer of ../shared recomputes its full trace at 256 tokens 200 times, alternating two inputs.
// Each passes when its RSS after the last run is within 10% of its RSS after the 10th (the first runs grow the
// heap to its working size, which glibc then keeps for reuse: memory_tuning.h).
// Then every checkpoint of ../shared/models (and the GPT-2-shaped one) is opened through the app's loader
// (model::loadModel: the safetensors file memory-mapped) and closed 50 times: no mapping of a checkpoint file
// may remain after the last close, and the process's virtual size must stay where it was after the first cycle.
//   build/tests/bench/bench_soak [--gpt2-runs N] [--toy-runs N] [--cycles N] [--dir DIR]
// Prints a table and one summary line; exits 1 when memory grows or a mapping stays, 2 for bad usage.

#include "gpt2_small_shape.h"

#include "model/pipeline/loaded_model.h"
#include "model/pipeline/trace_computer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>

#include <cstdio>
#include <memory>

using namespace attnlab;
using namespace attnlab::bench;

namespace {

// The shared test material: $ATTNLAB_SHARED, else ../shared beside the source tree (as the tests find it).
QString soakSharedDir()
{
    const QByteArray env = qgetenv("ATTNLAB_SHARED");
    return env.isEmpty() ? QString::fromUtf8(ATTNLAB_SHARED_DIR) : QString::fromLocal8Bit(env);
}

// A field of /proc/self/status ("VmRSS", "VmSize"), in MiB; 0 when unreadable.
double statusMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(key)) return line.mid(key.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

// What this process maps of the files under any of folders (/proc/self/maps): the number of mappings and
// their bytes.
struct Mapped {
    int mappings = 0;
    double mib = 0;
};
Mapped mappedUnder(const QStringList& folders)
{
    Mapped m;
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly)) return m;
    for (const QByteArray& line : maps.readAll().split('\n')) {
        // "begin-end perms offset dev inode   path"
        const qsizetype slash = line.indexOf('/');
        if (slash < 0) continue;
        const QString path = QString::fromLocal8Bit(line.mid(slash));
        bool under = false;
        for (const QString& f : folders)
            under = under || path.startsWith(f + QLatin1Char('/'));
        if (!under) continue;
        const QList<QByteArray> range = line.left(line.indexOf(' ')).split('-');
        ++m.mappings;
        m.mib += double(range.value(1).toULongLong(nullptr, 16) - range.value(0).toULongLong(nullptr, 16)) / (1024.0 * 1024.0);
    }
    return m;
}

// Recomputes `runs` times through a TraceComputer, alternating requests a and b, keeping the latest trace as
// the window does (the previous one is released when the next arrives). -> RSS after the 10th and the last
// run, or a message.
struct SoakResult {
    double rssAt10 = 0, rssAtEnd = 0, seconds = 0;
    QString error;
    double growth() const { return rssAt10 > 0 ? (rssAtEnd - rssAt10) / rssAt10 : 0; }
};
SoakResult soak(const model::TraceRequest& a, const model::TraceRequest& b, int runs)
{
    SoakResult result;
    model::TraceComputer computer;
    std::shared_ptr<const model::Trace> latest;
    QEventLoop loop;
    QObject::connect(&computer, &model::TraceComputer::traceReady, &loop,
                     [&](std::shared_ptr<const model::Trace> trace) {
                         latest = std::move(trace);
                         loop.quit();
                     });
    QObject::connect(&computer, &model::TraceComputer::failed, &loop, [&](const QString& message) {
        result.error = message;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= runs && result.error.isEmpty(); ++i) {
        computer.request(i % 2 ? a : b);
        loop.exec();
        if (i == std::min(10, runs)) result.rssAt10 = statusMiB("VmRSS");
    }
    computer.waitForIdle();
    result.rssAtEnd = statusMiB("VmRSS");
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

QString repeated(const QString& sentence, int times)
{
    QStringList parts;
    for (int i = 0; i < times; ++i)
        parts << sentence;
    return parts.join(QLatin1Char(' '));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    model::keepFreedMemoryForReuse(); // as the application does at start-up
    QStringList args = app.arguments().mid(1);
    QString folder = QDir::temp().filePath(QStringLiteral("attnlab-bench-gpt2"));
    int gpt2Runs = 200, toyRuns = 2000, cycles = 50;
    for (qsizetype i = 0; i < args.size(); i += 2) {
        const QString value = args.value(i + 1);
        bool ok = true;
        if (args[i] == QLatin1String("--dir") && !value.isEmpty())
            folder = value;
        else if (args[i] == QLatin1String("--gpt2-runs"))
            gpt2Runs = value.toInt(&ok);
        else if (args[i] == QLatin1String("--toy-runs"))
            toyRuns = value.toInt(&ok);
        else if (args[i] == QLatin1String("--cycles"))
            cycles = value.toInt(&ok);
        else
            ok = false;
        if (!ok || gpt2Runs < 0 || toyRuns < 0 || cycles < 0) {
            std::fprintf(stderr, "error: usage: bench_soak [--gpt2-runs N] [--toy-runs N] [--cycles N] [--dir DIR]\n");
            return 2;
        }
    }
    const QString shared = soakSharedDir();
    const QString gpt2Tokenizer = shared + QStringLiteral("/tokenizers/gpt2/tokenizer.json");
    bool failed = false;
    std::printf("| soak | runs | time | RSS after run 10 | RSS after the last | growth |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    std::fflush(stdout);
    const auto row = [&](const char* name, int runs, const SoakResult& r) {
        std::printf("| %s | %d | %.1f s | %.0f MiB | %.0f MiB | %+.1f%% |\n", name, runs, r.seconds, r.rssAt10, r.rssAtEnd,
                    100.0 * r.growth());
        std::fflush(stdout);
        failed = failed || r.growth() > 0.10;
    };

    // The toy model, as a sentence is typed: two versions of it, one word apart.
    model::TraceRequest toyA, toyB;
    toyA.text = QStringLiteral("The animal didn't cross the street because it was too tired");
    toyB.text = QStringLiteral("The animal didn't cross the street because it was too wide");
    SoakResult toy;
    if (toyRuns > 0) {
        toy = soak(toyA, toyB, toyRuns);
        if (!toy.error.isEmpty()) {
            std::fprintf(stderr, "error: toy model: %s\n", qPrintable(toy.error));
            return 1;
        }
        row("toy model (2 layers × 4 heads, d 32)", toyRuns, toy);
    }

    // GPT-2 small's shape at 256 tokens (the texts are longer; the first 256 tokens run, as --max-tokens 256).
    SoakResult gpt2;
    const bool haveTokenizer = QFileInfo::exists(gpt2Tokenizer);
    if (gpt2Runs > 0 && !haveTokenizer) {
        std::printf("| GPT-2 small shape, 256 tokens | skipped: no GPT-2 tokenizer at %s | | | | |\n",
                    qPrintable(gpt2Tokenizer));
    } else if (gpt2Runs > 0) {
        if (!QFile::exists(folder + QStringLiteral("/model.safetensors"))) {
            std::fprintf(stderr, "writing a GPT-2-small-shaped model to %s …\n", qPrintable(folder));
            if (!writeGpt2SmallShape(folder)) {
                std::fprintf(stderr, "error: cannot write %s\n", qPrintable(folder));
                return 1;
            }
        }
        auto loaded = model::loadModel(folder, gpt2Tokenizer);
        if (!loaded) {
            std::fprintf(stderr, "error: %s\n", qPrintable(loaded.error()));
            return 1;
        }
        model::TraceRequest a, b;
        a.modelName = b.modelName = folder;
        a.checkpoint = b.checkpoint = *loaded; // loaded once, as the window's ModelLoader does
        a.maxTokens = b.maxTokens = 256;
        a.text = repeated(QStringLiteral("The animal didn't cross the street because it was too tired."), 24);
        b.text = repeated(QStringLiteral("The animal didn't cross the river because it was too wide."), 24);
        gpt2 = soak(a, b, gpt2Runs);
        if (!gpt2.error.isEmpty()) {
            std::fprintf(stderr, "error: GPT-2 small shape: %s\n", qPrintable(gpt2.error));
            return 1;
        }
        row("GPT-2 small shape, 256 tokens", gpt2Runs, gpt2);
    }

    // Opening and closing checkpoints: every model of ../shared/models, and the GPT-2-shaped one.
    QStringList checkpoints;
    const QDir models(shared + QStringLiteral("/models"));
    for (const QString& name : models.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        checkpoints << QFileInfo(models.filePath(name)).canonicalFilePath();
    const bool withGpt2 = haveTokenizer && QFile::exists(folder + QStringLiteral("/model.safetensors"));
    if (withGpt2) checkpoints << QFileInfo(folder).canonicalFilePath();
    bool returned = true;
    if (checkpoints.isEmpty()) {
        std::printf("\ncheckpoints: skipped: no models in %s\n", qPrintable(models.path()));
    } else {
        // The worker's task holds a copy of the last request (and so the GPT-2-shaped model) until the pool thread
        // deletes it, just after handing over the result: wait for that before counting.
        QThreadPool::globalInstance()->waitForDone();
        double smallest = 0; // MiB: the smallest checkpoint file
        for (const QString& path : checkpoints) {
            const double mib = double(QFileInfo(path + QStringLiteral("/model.safetensors")).size()) / (1024.0 * 1024.0);
            smallest = smallest == 0 ? mib : std::min(smallest, mib);
        }
        // Measured after the first cycle, whose tokenizers grow the heap to its working size (as the 10th run
        // is the soak's reference).
        double sizeBefore = statusMiB("VmSize"), rssBefore = statusMiB("VmRSS");
        double mappedWhileOpen = 0;
        QElapsedTimer timer;
        timer.start();
        for (int cycle = 0; cycle < cycles; ++cycle) {
            std::vector<model::LoadedModel> open;
            for (const QString& path : checkpoints) {
                auto loaded = model::loadModel(path, withGpt2 && path == checkpoints.last() ? gpt2Tokenizer : QString());
                if (!loaded) {
                    std::fprintf(stderr, "error: %s\n", qPrintable(loaded.error()));
                    return 1;
                }
                open.push_back(std::move(*loaded));
            }
            mappedWhileOpen = std::max(mappedWhileOpen, mappedUnder(checkpoints).mib);
            open.clear(); // every model closed
            if (cycle == 0) {
                sizeBefore = statusMiB("VmSize");
                rssBefore = statusMiB("VmRSS");
            }
        }
        const Mapped after = mappedUnder(checkpoints);
        const double sizeAfter = statusMiB("VmSize"), rssAfter = statusMiB("VmRSS");
        // No checkpoint file may stay mapped. The virtual size may move a little (the heap, which is never
        // trimmed, after the tokenizers' allocations); keeping even the smallest file's mapping from every cycle
        // would move it by (cycles − 1) × that file's size after the first, and half of that fails.
        returned = after.mappings == 0 && sizeAfter - sizeBefore <= 0.5 * (cycles - 1) * smallest;
        failed = failed || !returned;
        std::printf("\n| checkpoints | open/close cycles | time | mapped while open | mapped after | virtual size after "
                    "cycle 1 → after the last | RSS after cycle 1 → after the last |\n");
        std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        std::printf("| %lld | %d | %.1f s | %.1f MiB | %d mappings, %.1f MiB | %.0f → %.0f MiB | %.0f → %.0f MiB |\n",
                    static_cast<long long>(checkpoints.size()), cycles, timer.nsecsElapsed() / 1e9, mappedWhileOpen,
                    after.mappings, after.mib, sizeBefore, sizeAfter, rssBefore, rssAfter);
    }

    const double worst = std::max(toy.growth(), gpt2.growth());
    std::printf("\nsoak: RSS growth %.1f%% after %d runs (toy %+.1f%% after %d, GPT-2 small shape %+.1f%% after %d); "
                "checkpoints opened/closed %d times, mapped memory returned: %s\n",
                100.0 * worst, haveTokenizer && gpt2Runs > 0 ? gpt2Runs : toyRuns, 100.0 * toy.growth(), toyRuns,
                100.0 * gpt2.growth(), haveTokenizer ? gpt2Runs : 0, cycles,
                checkpoints.isEmpty() ? "skipped" : (returned ? "yes" : "no"));
    return failed ? 1 : 0;
}
