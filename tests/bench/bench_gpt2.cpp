// Times a GPT-2-small-shaped checkpoint end to end, as the app runs it: load (memory-mapped safetensors),
// forward pass with the full trace (all 144 attention maps, the residual stream, top-5 predictions at every
// position). The weights are random, written once by this program; the arithmetic is what matters.
//   build/tests/bench/bench_gpt2 [tokens=256 1024] [--dir DIR]   (--write: only write the checkpoint)
// Each token count runs in a fresh child process so that its peak RSS is its own (README "Performance").

#include "model/checkpoints/gpt2_model.h"
#include "model/core/memory_tuning.h"
#include "model/trace/trace_size.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace attnlab::model;

namespace {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");

constexpr int kLayers = 12, kHeads = 12, kWidth = 768, kFf = 3072, kVocab = 50257, kPositions = 1024;

struct TensorSpec {
    QString name;
    std::vector<qint64> shape;
    float scale; // entries uniform in ±scale; LayerNorm gains are 1 + that
    bool gain = false;
};

std::vector<TensorSpec> gpt2Tensors()
{
    const qint64 d = kWidth, ff = kFf;
    std::vector<TensorSpec> specs = {{QStringLiteral("wte.weight"), {kVocab, d}, 0.02f},
                                     {QStringLiteral("wpe.weight"), {kPositions, d}, 0.01f},
                                     {QStringLiteral("ln_f.weight"), {d}, 0.1f, true},
                                     {QStringLiteral("ln_f.bias"), {d}, 0.1f}};
    for (int l = 0; l < kLayers; ++l) {
        const QString p = QStringLiteral("h.%1.").arg(l);
        specs.push_back({p + "ln_1.weight", {d}, 0.1f, true});
        specs.push_back({p + "ln_1.bias", {d}, 0.1f});
        specs.push_back({p + "attn.c_attn.weight", {d, 3 * d}, 0.06f});
        specs.push_back({p + "attn.c_attn.bias", {3 * d}, 0.02f});
        specs.push_back({p + "attn.c_proj.weight", {d, d}, 0.03f});
        specs.push_back({p + "attn.c_proj.bias", {d}, 0.02f});
        specs.push_back({p + "ln_2.weight", {d}, 0.1f, true});
        specs.push_back({p + "ln_2.bias", {d}, 0.1f});
        specs.push_back({p + "mlp.c_fc.weight", {d, ff}, 0.06f});
        specs.push_back({p + "mlp.c_fc.bias", {ff}, 0.02f});
        specs.push_back({p + "mlp.c_proj.weight", {ff, d}, 0.03f});
        specs.push_back({p + "mlp.c_proj.bias", {d}, 0.02f});
    }
    return specs;
}

qint64 elements(const std::vector<qint64>& shape)
{
    qint64 n = 1;
    for (qint64 s : shape)
        n *= s;
    return n;
}

// Writes folder/config.json and folder/model.safetensors (≈ 500 MB), streaming one tensor at a time.
bool writeModel(const QString& folder)
{
    QDir().mkpath(folder);
    const QJsonObject config{{"model_type", "gpt2"}, {"n_layer", kLayers},       {"n_head", kHeads},
                             {"n_embd", kWidth},     {"vocab_size", kVocab},     {"n_positions", kPositions},
                             {"n_inner", kFf},       {"activation_function", "gelu_new"}};
    QFile c(folder + "/config.json");
    if (!c.open(QIODevice::WriteOnly) || c.write(QJsonDocument(config).toJson()) < 0) return false;

    const std::vector<TensorSpec> specs = gpt2Tensors();
    QJsonObject header;
    qint64 offset = 0;
    for (const TensorSpec& t : specs) {
        QJsonArray shape;
        for (qint64 s : t.shape)
            shape.append(s);
        const qint64 bytes = elements(t.shape) * 4;
        header.insert(t.name, QJsonObject{{"dtype", "F32"}, {"shape", shape}, {"data_offsets", QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    QFile s(folder + "/model.safetensors");
    if (!s.open(QIODevice::WriteOnly)) return false;
    const quint64 length = quint64(json.size());
    s.write(reinterpret_cast<const char*>(&length), 8);
    s.write(json);
    QRandomGenerator rng(1234);
    std::vector<float> data;
    for (const TensorSpec& t : specs) {
        data.resize(size_t(elements(t.shape)));
        for (float& v : data)
            v = (t.gain ? 1.0f : 0.0f) + t.scale * float(2.0 * rng.generateDouble() - 1.0);
        if (s.write(reinterpret_cast<const char*>(data.data()), qint64(data.size() * 4)) != qint64(data.size() * 4))
            return false;
    }
    return s.flush();
}

// Peak resident set size of this process (VmHWM), in MiB.
double peakRssMiB()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

int runOnce(const QString& folder, int tokens)
{
    QElapsedTimer timer;
    timer.start();
    auto model = Gpt2Model::load(folder);
    if (!model) {
        std::fprintf(stderr, "%s\n", qPrintable(model.error()));
        return 1;
    }
    const double loadMs = timer.nsecsElapsed() / 1e6;
    const double afterLoad = peakRssMiB();
    std::vector<int> ids(static_cast<size_t>(tokens));
    QRandomGenerator rng(7);
    for (int& id : ids)
        id = int(rng.bounded(kVocab));
    timer.restart();
    auto trace = (*model)->run(ids, {});
    const double runMs = timer.nsecsElapsed() / 1e6;
    if (!trace) {
        std::fprintf(stderr, "%s\n", qPrintable(trace.error()));
        return 1;
    }
    std::printf("| %d | %.0f ms | %.0f ms | %.0f ms | %.1f ms | %.0f | %.0f MiB | %.0f MiB | %.0f MiB |\n", tokens,
                loadMs, runMs, loadMs + runMs, runMs / kLayers, tokens / ((loadMs + runMs) / 1000.0), afterLoad,
                double(traceBytes(*trace)) / (1024.0 * 1024.0), peakRssMiB());
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    keepFreedMemoryForReuse();
    QStringList args = app.arguments().mid(1);
    QString folder = QDir::temp().filePath("attnlab-bench-gpt2");
    if (const qsizetype i = args.indexOf("--dir"); i >= 0 && i + 1 < args.size()) {
        folder = args[i + 1];
        args.remove(i, 2);
    }
    if (args.value(0) == "--run") return runOnce(folder, args.value(1).toInt());
    if (args.value(0) == "--write") return writeModel(folder) ? 0 : 1; // for bench_vs_pytorch.py

    QList<int> counts;
    for (const QString& a : args)
        counts << a.toInt();
    if (counts.isEmpty()) counts = {256, 1024};
    if (!QFile::exists(folder + "/model.safetensors")) {
        std::fprintf(stderr, "writing a GPT-2-small-shaped model to %s …\n", qPrintable(folder));
        if (!writeModel(folder)) return 1;
    }
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
