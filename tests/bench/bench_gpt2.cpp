// Times a GPT-2-small-shaped checkpoint end to end, as the app runs it: load (memory-mapped safetensors),
// forward pass with the full trace (all 144 attention maps, the residual stream, top-5 predictions at every
// position). The weights are random, written once by this program; the arithmetic is what matters.
//   build/tests/bench/bench_gpt2 [tokens=256 1024] [--dir DIR]   (--write: only write the checkpoint)
// Each token count runs in a fresh child process so that its peak RSS is its own (README "Performance").

#include "model/checkpoints/gpt2_model.h"
#include "model/core/memory_tuning.h"
#include "model/trace/trace_size.h"
#include "bench_checkpoint.h"

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
using namespace attnlab::bench;

namespace {

constexpr int kLayers = 12, kHeads = 12, kWidth = 768, kFf = 3072, kVocab = 50257, kPositions = 1024;

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

// Writes folder/config.json and folder/model.safetensors (≈ 500 MB, F32).
bool writeModel(const QString& folder)
{
    const QJsonObject config{{"model_type", "gpt2"}, {"n_layer", kLayers},       {"n_head", kHeads},
                             {"n_embd", kWidth},     {"vocab_size", kVocab},     {"n_positions", kPositions},
                             {"n_inner", kFf},       {"activation_function", "gelu_new"}};
    return writeCheckpoint(folder, config, gpt2Tensors(), false);
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
