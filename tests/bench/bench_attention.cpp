// Times the model layer's hot paths: one transformer block (multi-head attention + FFN) and the toy model
// on a long sentence. Run it from a native and a portable build to compare (README "Performance"):
//   build/tests/bench/bench_attention [tokens=512] [d_model=512] [repeats=5]

#include "model/core/memory_tuning.h"
#include "model/core/random.h"
#include "model/attention/toy_model.h"
#include "model/attention/transformer_block.h"

#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace attnlab::model;

namespace {

// The fastest of `repeats` runs, in milliseconds: the least disturbed by the other core's work.
template <typename F>
double bestOf(int repeats, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

BlockWeights randomBlock(int d, int heads, int dFf, SeededRandom& random)
{
    BlockWeights b;
    const auto m = [&](int r, int c, double s) {
        Matrix x(r, c);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = s * random.normal();
        return x;
    };
    b.attention.heads = heads;
    b.attention.wq = m(d, d, 1 / std::sqrt(double(d)));
    b.attention.wk = m(d, d, 1 / std::sqrt(double(d)));
    b.attention.wv = m(d, d, 1 / std::sqrt(double(d)));
    b.attention.wo = m(d, d, 1 / std::sqrt(double(d)));
    b.norm1 = {RowVector::Ones(d), RowVector::Zero(d), 1e-5};
    b.norm2 = b.norm1;
    b.ffn = {m(d, dFf, 1 / std::sqrt(double(d))), RowVector::Zero(dFf), m(dFf, d, 1 / std::sqrt(double(dFf))),
             RowVector::Zero(d), Activation::Gelu};
    return b;
}

} // namespace

int main(int argc, char* argv[])
{
    // As the app does at start-up; ATTNLAB_BENCH_DEFAULT_MALLOC=1 measures without it.
    if (qgetenv("ATTNLAB_BENCH_DEFAULT_MALLOC") != "1")
        keepFreedMemoryForReuse();
    const int tokens = argc > 1 ? std::atoi(argv[1]) : 512;
    const int d = argc > 2 ? std::atoi(argv[2]) : 512;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 5;
    const int heads = 8;
    SeededRandom random(1);
    const BlockWeights block = randomBlock(d, heads, 4 * d, random);
    Matrix x(tokens, d);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = random.normal();
    std::vector<int> positions(static_cast<size_t>(tokens));
    for (int i = 0; i < tokens; ++i)
        positions[size_t(i)] = i;
    PositionalConfig rope;
    rope.kind = PositionalKind::Rope;
    AttentionOptions causal;
    causal.mask = MaskSpec::causal();

    const double blockMs = bestOf(repeats, [&] { (void)transformerBlock(x, block, causal, rope, positions); });
    const Matrix a = x, b = block.ffn.w1;
    const double gemmMs = bestOf(repeats, [&] { Matrix c = a * b; (void)c; });
    const double gflop = 2.0 * tokens * d * 4.0 * d / 1e9;

    ToyConfig toyConfig;
    toyConfig.dModel = 64;
    toyConfig.heads = 4;
    toyConfig.layers = 4;
    toyConfig.dFf = 256;
    const ToyModel toy(toyConfig);
    QStringList words;
    for (int i = 0; i < 256; ++i)
        words << QStringLiteral("word%1").arg(i % 50);
    const QString sentence = words.join(QLatin1Char(' '));
    const double toyMs = bestOf(repeats, [&] { (void)toy.run(sentence); /* only the time is measured */ });

    std::printf("transformer block  T=%d d=%d h=%d d_ff=%d: %8.2f ms\n", tokens, d, heads, 4 * d, blockMs);
    std::printf("matrix product     %dx%d · %dx%d:        %8.2f ms (%.1f GFLOP/s)\n", tokens, d, d, 4 * d, gemmMs,
                gflop / (gemmMs / 1e3));
    std::printf("toy model          256 tokens, 4 layers × 4 heads, d=64: %8.2f ms\n", toyMs);
    return 0;
}
