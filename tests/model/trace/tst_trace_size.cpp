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
    // One layer, one head, T = 3, d = 4, dh = 2: counted by hand.
    Trace trace;
    trace.embeddings = Matrix::Zero(3, 4); // 12 doubles
    trace.output = Matrix::Zero(3, 4);     // 12
    LayerTrace layer;
    HeadTrace head;
    head.q = head.k = head.v = head.output = Matrix::Zero(3, 2);                 // 4 × 6 = 24
    head.scores = head.scaled = head.weights = Matrix::Zero(3, 3);               // 3 × 9 = 27
    head.allowed = BoolMatrix::Constant(3, 3, true);                             // 9 bytes
    head.contribution = Matrix::Zero(3, 4);                                      // 12
    layer.heads.push_back(head);
    layer.attentionOutput = Matrix::Zero(3, 4);                                  // 12
    ResidualTrace& r = layer.residual;
    r.input = r.attentionOutput = r.afterAttention = r.mlpOutput = r.output = Matrix::Zero(3, 4); // 60
    r.norm1.mean = r.norm1.variance = r.norm2.mean = r.norm2.variance = Vector::Zero(3);           // 12
    trace.layers.push_back(layer);
    const std::int64_t doubles = 12 + 12 + 24 + 27 + 12 + 12 + 60 + 12;
    QCOMPARE(traceBytes(trace), doubles * 8 + 9);
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
    // A checkpoint's matrices are float32, the toy model's double: the toy trace holds the checkpoint's matrices
    // again (double is twice float32) plus the scaled scores; the masks (1 byte, one a layer) and the norm statistics
    // (double in both) are the same.
    const std::int64_t layers = config.layers, heads = config.heads, T = 20;
    const std::int64_t checkpoint = estimatedTraceBytes(shape, T, TraceSource::Checkpoint);
    const std::int64_t floats = checkpoint - layers * T * T - layers * 4 * T * 8;
    QCOMPARE(estimatedTraceBytes(shape, T, TraceSource::Toy) - checkpoint, floats + layers * heads * T * T * 8);
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
    qputenv("ATTNLAB_MEMORY_LIMIT_MB", "lots"); // not a number: the machine's own budget
    const std::int64_t machine = traceMemoryBudget();
    qunsetenv("ATTNLAB_MEMORY_LIMIT_MB");
    QCOMPARE(machine, traceMemoryBudget());
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
    // 1024 tokens: 144 heads × 2 · 4 · 1024² bytes of float32 scores and weights alone, over 1.1 GiB.
    QVERIFY(estimatedTraceBytes(gpt2Small, 1024) > std::int64_t(144) * 8 * 1024 * 1024);
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
