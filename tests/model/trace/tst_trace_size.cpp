// The trace's size: counted from a hand-built trace, and estimated before computing for checkpoints whose
// traces are then counted (the estimate must be exact, since memory is prepared and runs refused from it).

#include "model/checkpoints/language_model.h"
#include "model/core/memory_tuning.h"
#include "test_support.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/attention/toy_model.h"
#include "model/trace/trace_size.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace tst_trace_size {

using namespace attnlab::model;

class TestTraceSize : public QObject {
    Q_OBJECT
private slots:
    void countsEveryMatrix();
    void estimateMatchesLlamaWithGroupedQueries();
    void estimateMatchesGpt2();
    void estimateMatchesTheToyModel();
    void layersWithinABudget();
    void budgetFromTheEnvironment();
    void absurdTokenCountsDoNotWrapAround();
    void preparedHeapStillComputes();
};

void TestTraceSize::countsEveryMatrix()
{
    // One layer, one head, T = 3, d = 4, dh = 2: counted by hand. Each matrix is its own (zeros(…)), except
    // where a copy is made on purpose below.
    const auto zeros = [](Eigen::Index rows, Eigen::Index cols) { return TraceMatrix(Matrix(Matrix::Zero(rows, cols))); };
    Trace trace;
    trace.embeddings = zeros(3, 4); // 12 doubles
    trace.output = zeros(3, 4);     // 12
    LayerTrace layer;
    HeadTrace head;
    head.q = zeros(3, 2);
    head.k = zeros(3, 2);
    head.v = zeros(3, 2);
    head.output = zeros(3, 2);      // 4 × 6 = 24
    head.scores = zeros(3, 3);
    head.scaled = zeros(3, 3);
    head.weights = zeros(3, 3);     // 3 × 9 = 27
    head.allowed = BoolMatrix::Constant(3, 3, true); // 9 bytes
    head.contribution = zeros(3, 4); // 12
    layer.heads.push_back(head);
    layer.attentionOutput = zeros(3, 4);       // 12
    layer.outputProjection = zeros(2, 4);      // 8
    ResidualTrace& r = layer.residual;
    r.input = zeros(3, 4);
    r.attentionOutput = zeros(3, 4);
    r.afterAttention = zeros(3, 4);
    r.mlpOutput = zeros(3, 4);
    r.output = zeros(3, 4);                    // 60
    r.norm1.mean = r.norm1.variance = r.norm2.mean = r.norm2.variance = Vector::Zero(3); // 12
    trace.layers.push_back(layer);
    const std::int64_t doubles = 12 + 12 + 24 + 27 + 12 + 12 + 8 + 60 + 12;
    QCOMPARE(traceBytes(trace), doubles * 8 + 9);

    // A copy shares its stored matrix and is counted once: the layer's input as the embeddings, its residual
    // attention output as the layer's, a second head with the first head's q and weights.
    LayerTrace& shared = trace.layers.front();
    shared.residual.input = trace.embeddings;
    shared.residual.attentionOutput = shared.attentionOutput;
    HeadTrace second;
    second.q = shared.heads.front().q;
    second.weights = shared.heads.front().weights;
    second.allowed = shared.heads.front().allowed;
    shared.heads.push_back(second);
    QCOMPARE(traceBytes(trace), (doubles - 12 - 12) * 8 + 9);
}

void TestTraceSize::estimateMatchesLlamaWithGroupedQueries()
{
    QTemporaryDir dir;
    const attnlab::test::TinyLlama spec = attnlab::test::randomLlama({}, 3); // 4 heads reading 2 KV heads
    attnlab::test::writeHfLlama(dir.path(), spec);
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    for (int T : {1, 5, 16}) {
        std::vector<int> ids(static_cast<size_t>(T));
        for (int t = 0; t < T; ++t)
            ids[size_t(t)] = t % spec.vocab;
        auto trace = (*model)->run(ids, {});
        QVERIFY2(trace, qPrintable(trace.error()));
        QCOMPARE(trace->source, TraceSource::Checkpoint);
        QCOMPARE(estimatedTraceBytes((*model)->config(), T), traceBytes(*trace));
        QVERIFY(estimatedRunBytes((*model)->config(), T) > traceBytes(*trace));

        // The first layer only: the estimate for a one-layer shape is the trace's size again.
        auto first = (*model)->run(ids, {}, nullptr, nullptr, 1);
        QVERIFY2(first, qPrintable(first.error()));
        ModelConfig oneLayer = (*model)->config();
        oneLayer.layers = 1;
        QCOMPARE(estimatedTraceBytes(oneLayer, T), traceBytes(*first));
    }
}

void TestTraceSize::estimateMatchesTheToyModel()
{
    // The toy model's trace is double and also keeps each head's scaled scores (ALiBi may add a bias to them),
    // which a checkpoint's derives: its estimate counts one more (T, T) matrix per head.
    ToyConfig config;
    config.dModel = 32;
    config.heads = 4;
    config.dFf = 128;
    const ToyModel toy(config);
    ModelConfig shape;
    shape.layers = config.layers;
    shape.heads = shape.kvHeads = config.heads;
    shape.dModel = config.dModel;
    shape.dFf = config.dFf;
    for (int T : {1, 7, 20}) {
        QStringList words;
        for (int t = 0; t < T; ++t)
            words << QStringLiteral("w%1").arg(t);
        auto trace = toy.runTokens(words);
        QVERIFY2(trace, qPrintable(trace.error()));
        QCOMPARE(estimatedTraceBytes(shape, T, TraceSource::Toy), traceBytes(*trace));
    }
    // A checkpoint's matrices are float32, the toy model's double. Per head the toy keeps q, k, v, output, and three
    // (T, T) matrices (scores, scaled, weights) and its contribution (T, d); a checkpoint keeps the four and the
    // weights, deriving the rest. Per layer the toy stores 5 stream matrices, a checkpoint 4 (its input is the
    // layer before's output) and W_O (heads·dh, d). Masks (1 byte, one a layer) and norm statistics (double in
    // both) are the same.
    const std::int64_t layers = config.layers, heads = config.heads, T = 20, d = config.dModel, dh = d / heads;
    const std::int64_t perHead = 4 * T * dh * (8 - 4) + T * T * (3 * 8 - 4) + T * d * 8;
    const std::int64_t perLayer = heads * perHead + T * d * (5 * 8 - 4 * 4) - heads * dh * d * 4;
    QCOMPARE(estimatedTraceBytes(shape, T, TraceSource::Toy) - estimatedTraceBytes(shape, T, TraceSource::Checkpoint),
             layers * perLayer + T * d * (2 * 8 - 4));
}

void TestTraceSize::layersWithinABudget()
{
    ModelConfig c;
    c.layers = 12;
    c.heads = c.kvHeads = 12;
    c.dModel = 768;
    c.dFf = 3072;
    c.vocab = 50257;
    const auto bytesFor = [&c](int layers) {
        ModelConfig fewer = c;
        fewer.layers = layers;
        return estimatedRunBytes(fewer, 4096);
    };
    // Each layer adds the same bytes, so the count that fits is where the budget falls between two totals.
    QCOMPARE(bytesFor(5) - bytesFor(4), bytesFor(12) - bytesFor(11));
    QCOMPARE(maxLayersWithin(c, bytesFor(5), 4096), 5);
    QCOMPARE(maxLayersWithin(c, bytesFor(5) - 1, 4096), 4);
    QCOMPARE(maxLayersWithin(c, bytesFor(12), 4096), 12);
    QCOMPARE(maxLayersWithin(c, std::numeric_limits<std::int64_t>::max(), 4096), 12);
    QCOMPARE(maxLayersWithin(c, bytesFor(1) - 1, 4096), 0);
}

void TestTraceSize::budgetFromTheEnvironment()
{
    qputenv("ATTNLAB_MEMORY_LIMIT_MB", "300");
    QCOMPARE(traceMemoryBudget(), std::int64_t(300) * 1024 * 1024);
    qunsetenv("ATTNLAB_MEMORY_LIMIT_MB");

    // The rule itself, on fixed inputs (the machine's free memory changes between two reads).
    const QByteArray meminfo = "MemTotal:       24576000 kB\nMemFree:         1000 kB\n"
                               "MemAvailable:   20000000 kB\nBuffers:          100 kB\n";
    const std::int64_t threeQuarters = std::int64_t(20000000) * 1024 / 4 * 3;
    QCOMPARE(traceMemoryBudgetFrom("", meminfo), threeQuarters);
    QCOMPARE(traceMemoryBudgetFrom("300", meminfo), std::int64_t(300) * 1024 * 1024);
    QCOMPARE(traceMemoryBudgetFrom("lots", meminfo), threeQuarters); // not a number: the machine's own budget
    QCOMPARE(traceMemoryBudgetFrom("-5", meminfo), threeQuarters);
    QCOMPARE(traceMemoryBudgetFrom("0", meminfo), threeQuarters);
    QCOMPARE(traceMemoryBudgetFrom("99999999999999999", meminfo), threeQuarters); // would overflow in bytes
    QCOMPARE(traceMemoryBudgetFrom("", ""), std::int64_t(0));                     // unknown: no limit
    QCOMPARE(traceMemoryBudgetFrom("", "MemAvailable: garbage kB\n"), std::int64_t(0));
}

void TestTraceSize::estimateMatchesGpt2()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable("gpt-nano-sort not found in " + folder + " (set ATTNLAB_SHARED)"));
    auto model = LanguageModel::load(folder);
    QVERIFY2(model, qPrintable(model.error()));
    const std::vector<int> ids = {2, 0, 1, 1, 0, 2};
    auto trace = (*model)->run(ids, {});
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(estimatedTraceBytes((*model)->config(), 6), traceBytes(*trace));
}

void TestTraceSize::absurdTokenCountsDoNotWrapAround()
{
    ModelConfig gpt2Small;
    gpt2Small.layers = gpt2Small.heads = 12;
    gpt2Small.kvHeads = 12;
    gpt2Small.dModel = 768;
    gpt2Small.dFf = 3072;
    gpt2Small.vocab = 50257;
    // 1024 tokens: 144 heads × 4 · 1024² bytes of float32 weights alone, over 0.56 GiB.
    QVERIFY(estimatedTraceBytes(gpt2Small, 1024) > std::int64_t(144) * 4 * 1024 * 1024);
    QCOMPARE(estimatedTraceBytes(gpt2Small, std::int64_t(1) << 40), std::numeric_limits<std::int64_t>::max());
    QCOMPARE(estimatedRunBytes(gpt2Small, std::int64_t(1) << 40), std::numeric_limits<std::int64_t>::max());
}

void TestTraceSize::preparedHeapStillComputes()
{
    // prepareHeap only grows and advises memory; asking for nothing, for a lot, or for more than exists
    // changes no result. More than the machine's memory is not even requested from malloc() (a sanitizer's
    // allocator aborts on 2 TiB or INT64_MAX instead of answering null).
    keepFreedMemoryForReuse();
    prepareHeap(0);
    prepareHeap(64 << 20);
    prepareHeap(std::int64_t(1) << 41);
    prepareHeap(std::numeric_limits<std::int64_t>::max());
    QTemporaryDir dir;
    const attnlab::test::TinyLlama spec = attnlab::test::randomLlama({}, 4);
    attnlab::test::writeHfLlama(dir.path(), spec);
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    auto first = (*model)->run({1, 2, 3}, {});
    prepareHeap(256 << 20);
    auto second = (*model)->run({1, 2, 3}, {});
    QVERIFY(first && second);
    QCOMPARE(first->layers[1].heads[3].weights, second->layers[1].heads[3].weights);
}

ATTNLAB_TEST_GUILESS_MAIN(TestTraceSize)
} // namespace tst_trace_size
#include "tst_trace_size.moc"
