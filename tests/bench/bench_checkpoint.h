#pragma once

// What the checkpoint benchmarks share: writing a checkpoint of random weights once (streamed, one tensor at a
// time, F32 or BF16), the process's peak memory, and the program around them (benchMain): each token count
// loads and runs the checkpoint in a fresh child process, so that its peak RSS is its own.

#include "model/checkpoints/language_model.h"
#include "model/core/memory_tuning.h"
#include "model/trace/trace_size.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>

namespace attnlab::bench {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");

struct TensorSpec {
    QString name;
    std::vector<qint64> shape;
    float scale;       // entries uniform in ±scale; gains (norm weights) are 1 + that
    bool gain = false;
};

inline qint64 elements(const std::vector<qint64>& shape)
{
    qint64 n = 1;
    for (qint64 s : shape)
        n *= s;
    return n;
}

// folder/config.json and folder/model.safetensors with every tensor of specs, F32 or (bf16) BF16, from a fixed
// seed: the same file on every machine. xorshift64*: 1.2 billion values in seconds.
inline bool writeCheckpoint(const QString& folder, const QJsonObject& config, const std::vector<TensorSpec>& specs,
                            bool bf16)
{
    QDir().mkpath(folder);
    QFile c(folder + "/config.json");
    if (!c.open(QIODevice::WriteOnly) || c.write(QJsonDocument(config).toJson()) < 0) return false;
    const qint64 width = bf16 ? 2 : 4;
    QJsonObject header;
    qint64 offset = 0;
    for (const TensorSpec& t : specs) {
        QJsonArray shape;
        for (qint64 s : t.shape)
            shape.append(s);
        const qint64 bytes = elements(t.shape) * width;
        header.insert(t.name, QJsonObject{{"dtype", bf16 ? "BF16" : "F32"},
                                          {"shape", shape},
                                          {"data_offsets", QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    // Written under a temporary name and renamed at the end: an interrupted write leaves no checkpoint behind.
    const QString path = folder + "/model.safetensors", partial = path + ".part";
    QFile s(partial);
    if (!s.open(QIODevice::WriteOnly)) return false;
    const quint64 length = quint64(json.size());
    s.write(reinterpret_cast<const char*>(&length), 8);
    s.write(json);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    const auto uniform = [&state] { // in [−1, 1)
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return float(double((state * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-52 - 1.0);
    };
    std::vector<float> data;
    std::vector<std::uint16_t> halves;
    for (const TensorSpec& t : specs) {
        data.resize(size_t(elements(t.shape)));
        for (float& v : data)
            v = (t.gain ? 1.0f : 0.0f) + t.scale * uniform();
        bool ok;
        if (bf16) {
            halves.resize(data.size());
            for (size_t i = 0; i < data.size(); ++i)
                halves[i] = std::uint16_t(std::bit_cast<std::uint32_t>(data[i]) >> 16); // truncated: any BF16 will do
            ok = s.write(reinterpret_cast<const char*>(halves.data()), qint64(halves.size() * 2)) == qint64(halves.size() * 2);
        } else {
            ok = s.write(reinterpret_cast<const char*>(data.data()), qint64(data.size() * 4)) == qint64(data.size() * 4);
        }
        if (!ok) return false;
    }
    if (!s.flush()) return false;
    s.close();
    QFile::remove(path);
    return QFile::rename(partial, path);
}

// Peak resident set size of this process (VmHWM), in MiB.
inline double peakRssMiB()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

// One checkpoint benchmark: where it keeps its checkpoint, what it says while writing it, how it writes it,
// the token counts it runs by default, and the vocabulary its random ids are drawn from.
struct CheckpointBench {
    QString folderName;  // in the temporary folder, unless --dir says otherwise
    QString description; // "a GPT-2-small-shaped model"
    std::function<bool(const QString& folder)> write;
    QList<int> counts;
    int vocab = 0;
};

// Loads the checkpoint and runs `tokens` random ids with the full trace; prints one table row.
inline int runOnce(const CheckpointBench& bench, const QString& folder, int tokens)
{
    QElapsedTimer timer;
    timer.start();
    auto model = model::LanguageModel::load(folder);
    if (!model) {
        std::fprintf(stderr, "%s\n", qPrintable(model.error()));
        return 1;
    }
    const double loadMs = timer.nsecsElapsed() / 1e6;
    const double afterLoad = peakRssMiB();
    std::vector<int> ids(static_cast<size_t>(tokens));
    QRandomGenerator rng(7);
    for (int& id : ids)
        id = int(rng.bounded(bench.vocab));
    timer.restart();
    auto trace = (*model)->run(ids, {});
    const double runMs = timer.nsecsElapsed() / 1e6;
    if (!trace) {
        std::fprintf(stderr, "%s\n", qPrintable(trace.error()));
        return 1;
    }
    std::printf("| %d | %.0f ms | %.0f ms | %.0f ms | %.1f ms | %.0f | %.0f MiB | %.0f MiB | %.0f MiB |\n", tokens,
                loadMs, runMs, loadMs + runMs, runMs / (*model)->config().layers,
                tokens / ((loadMs + runMs) / 1000.0), afterLoad, double(model::traceBytes(*trace)) / (1024.0 * 1024.0),
                peakRssMiB());
    return 0;
}

//   PROGRAM [tokens…] [--dir DIR]   writes the checkpoint when missing, then a table row per token count
//   PROGRAM --run N [--dir DIR]     one count in this process (for perf record)
//   PROGRAM --write [--dir DIR]     only writes the checkpoint (for bench_vs_pytorch.py)
inline int benchMain(int argc, char* argv[], const CheckpointBench& bench)
{
    QCoreApplication app(argc, argv);
    model::keepFreedMemoryForReuse();
    QStringList args = app.arguments().mid(1);
    QString folder = QDir::temp().filePath(bench.folderName);
    if (const qsizetype i = args.indexOf("--dir"); i >= 0 && i + 1 < args.size()) {
        folder = args[i + 1];
        args.remove(i, 2);
    }
    const auto write = [&] {
        std::fprintf(stderr, "writing %s to %s …\n", qPrintable(bench.description), qPrintable(folder));
        return bench.write(folder);
    };
    if (args.value(0) == "--run") return runOnce(bench, folder, args.value(1).toInt());
    if (args.value(0) == "--write") return write() ? 0 : 1;

    QList<int> counts;
    for (const QString& a : args)
        counts << a.toInt();
    if (counts.isEmpty()) counts = bench.counts;
    if (!QFile::exists(folder + "/model.safetensors") && !write()) return 1;
    std::printf("| tokens | load | forward + trace | total | per layer | tokens/s | peak RSS after load | trace | peak RSS |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    std::fflush(stdout);
    for (int tokens : counts) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(app.applicationFilePath(), {"--dir", folder, "--run", QString::number(tokens)});
        child.waitForFinished(-1);
        if (child.exitCode() != 0) return 1;
    }
    return 0;
}

} // namespace attnlab::bench
