// "Which heads matter here": the effect of switching off each of GPT-2 small's 144 heads on the prediction at the
// last of 32 tokens, as the app ranks them (LanguageModel::headAblationEffects: each rerun starts at the ablated
// head's layer, from the stream the trace kept, on the tokens up to the position), side by side with the plain
// way (144 full forward passes with one head switched off, each with its trace and predictions), in one run.
// The weights are random (the shape is what costs); both ways must agree on every effect.
//   build/tests/bench/bench_head_effects [tokens=32] [--dir DIR] [--mean] [--rank-only]
// (--rank-only: the ranking alone, best of three, without the plain way; for measuring a change quickly.)
// (the checkpoint is bench_gpt2's, written when missing.)

#include "bench_checkpoint.h"
#include "gpt2_small_shape.h"

#include "model/kernels/float_layers.h"

#include <QElapsedTimer>

#include <cmath>
#include <cstdio>

using namespace attnlab;
using namespace attnlab::model;
using namespace attnlab::bench;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    keepFreedMemoryForReuse();
    QStringList args = app.arguments().mid(1);
    QString folder = QDir::temp().filePath(QStringLiteral("attnlab-bench-gpt2"));
    if (const qsizetype i = args.indexOf("--dir"); i >= 0 && i + 1 < args.size()) {
        folder = args[i + 1];
        args.remove(i, 2);
    }
    const bool mean = args.removeAll(QStringLiteral("--mean")) > 0;
    const bool rankOnly = args.removeAll(QStringLiteral("--rank-only")) > 0;
    const int tokens = args.isEmpty() ? 32 : args.first().toInt();
    if (!QFile::exists(folder + "/model.safetensors")) {
        std::fprintf(stderr, "writing a GPT-2-small-shaped model to %s …\n", qPrintable(folder));
        if (!writeGpt2SmallShape(folder)) return 1;
    }
    auto model = LanguageModel::load(folder);
    if (!model) {
        std::fprintf(stderr, "%s\n", qPrintable(model.error()));
        return 1;
    }
    std::vector<int> ids(static_cast<size_t>(tokens));
    QRandomGenerator rng(7);
    for (int& id : ids)
        id = int(rng.bounded(kVocab));
    const AblationMode mode = mean ? AblationMode::Mean : AblationMode::Zero;
    const int position = tokens - 1;

    QElapsedTimer timer;
    timer.start();
    MatrixF logits;
    auto trace = (*model)->run(ids, {}, &logits);
    const double traceMs = timer.nsecsElapsed() / 1e6;
    if (!trace) {
        std::fprintf(stderr, "%s\n", qPrintable(trace.error()));
        return 1;
    }
    const int target = trace->predictions[size_t(position)].top.front().first;
    const auto logSoftmax = [](const MatrixF& l, int row, int id) {
        const Eigen::RowVectorXd x = l.row(row).cast<double>();
        const double max = x.maxCoeff();
        return x(id) - max - std::log((x.array() - max).exp().sum());
    };
    const double baseline = logSoftmax(logits, position, target);

    timer.restart();
    auto effects = (*model)->headAblationEffects(*trace, position, target, mode);
    const double rankMs = timer.nsecsElapsed() / 1e6;
    if (!effects) {
        std::fprintf(stderr, "%s\n", qPrintable(effects.error()));
        return 1;
    }

    if (rankOnly) {
        double best = rankMs;
        for (int i = 0; i < 2; ++i) {
            timer.restart();
            if (!(*model)->headAblationEffects(*trace, position, target, mode)) return 1;
            best = std::min(best, timer.nsecsElapsed() / 1e6);
        }
        std::printf("rank 144 heads at %d tokens (%s): %.0f ms (best of 3)\n", tokens, mean ? "mean" : "zero", best);
        return 0;
    }

    // The plain way: a whole forward with its trace per head.
    timer.restart();
    double worst = 0.0;
    for (int l = 0; l < kLayers; ++l)
        for (int h = 0; h < kHeads; ++h) {
            LanguageModel::RunOptions options;
            MatrixF ablated;
            options.logits = &ablated;
            options.ablation.heads = {{l, h}};
            options.ablation.mode = mode;
            auto run = (*model)->run(ids, {}, options);
            if (!run) return 1;
            worst = std::max(worst, std::abs(logSoftmax(ablated, position, target) - baseline - (*effects)(l, h)));
        }
    const double plainMs = timer.nsecsElapsed() / 1e6;

    std::printf("| tokens | ablation | trace | rank 144 heads | 144 full runs | ratio | max |difference| |\n");
    std::printf("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
    std::printf("| %d | %s | %.0f ms | %.0f ms | %.0f ms | %.1f× | %.1e |\n", tokens, mean ? "mean" : "zero", traceMs,
                rankMs, plainMs, plainMs / rankMs, worst);
    return worst < 1e-3 ? 0 : 1;
}
