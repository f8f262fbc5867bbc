// The precision a trace keeps: a checkpoint's matrices are float32, as its forward computed them; matrix mode's
// and the toy model's are double (exact fractions, hand-checked numbers). traceBytes counts what each holds,
// and the estimate made before a run agrees with it for both kinds.

#include "model/attention/toy_model.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/exact/matrix_problem.h"
#include "model/trace/trace_matrix.h"
#include "model/trace/trace_size.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

namespace tst_trace_precision {

using namespace attnlab::model;

// Every matrix of the trace, with a name for the failure message.
void forEachMatrix(const Trace& trace, const std::function<void(const QString&, const TraceMatrix&)>& f)
{
    f(QStringLiteral("embeddings"), trace.embeddings);
    f(QStringLiteral("output"), trace.output);
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const LayerTrace& layer = trace.layers[l];
        const QString at = QStringLiteral("layer %1 ").arg(l);
        f(at + QStringLiteral("attentionOutput"), layer.attentionOutput);
        f(at + QStringLiteral("outputProjection"), layer.outputProjection);
        for (size_t h = 0; h < layer.heads.size(); ++h) {
            const HeadTrace& head = layer.heads[h];
            const QString of = at + QStringLiteral("head %1 ").arg(h);
            f(of + QStringLiteral("q"), head.q);
            f(of + QStringLiteral("k"), head.k);
            f(of + QStringLiteral("v"), head.v);
            f(of + QStringLiteral("scores"), head.scores);
            f(of + QStringLiteral("scaled"), head.scaled);
            f(of + QStringLiteral("weights"), head.weights);
            f(of + QStringLiteral("output"), head.output);
            f(of + QStringLiteral("contribution"), head.contribution);
        }
        const ResidualTrace& r = layer.residual;
        f(at + QStringLiteral("residual input"), r.input);
        f(at + QStringLiteral("residual attentionOutput"), r.attentionOutput);
        f(at + QStringLiteral("residual afterAttention"), r.afterAttention);
        f(at + QStringLiteral("residual mlpOutput"), r.mlpOutput);
        f(at + QStringLiteral("residual output"), r.output);
    }
}

// (float32 matrices, double matrices) of the trace, empty ones not counted.
std::pair<int, int> precisions(const Trace& trace)
{
    int floats = 0, doubles = 0;
    forEachMatrix(trace, [&](const QString&, const TraceMatrix& m) {
        if (m.size() == 0) return;
        (m.isFloat() ? floats : doubles) += 1;
    });
    return {floats, doubles};
}

class TestTracePrecision : public QObject {
    Q_OBJECT
private slots:
    void keepsEachPrecision();
    void checkpointTraceIsFloat32();
    void toyAndMatrixTracesAreDouble();
    void estimatesMatchBothKinds();
    void headsShareTheirLayersMask();
};

void TestTracePrecision::keepsEachPrecision()
{
    Matrix d(2, 3);
    d << 1.0 / 3.0, -2.5, 0.0, 1e-300, 7.0, 9.0 / 26.0;
    const TraceMatrix exact = d;
    QVERIFY(!exact.isFloat());
    QCOMPARE(exact.rows(), Eigen::Index(2));
    QCOMPARE(exact.cols(), Eigen::Index(3));
    QCOMPARE(exact.bytes(), std::int64_t(6 * 8));
    QCOMPARE(exact(0, 0), 1.0 / 3.0); // not rounded through float32
    QCOMPARE(exact(1, 0), 1e-300);    // below float32's range, still there
    QVERIFY(exact.toDouble() == d);

    MatrixF f(2, 2);
    f << 0.1f, 1.0f / 3.0f, -4.0f, 3.0e38f;
    const TraceMatrix single = f;
    QVERIFY(single.isFloat());
    QCOMPARE(single.bytes(), std::int64_t(4 * 4));
    // A float32 entry reads as the double of that very float32: 0.1f is 0.100000001490116…, not 0.1.
    QCOMPARE(single(0, 0), double(0.1f));
    QVERIFY(single(0, 0) != 0.1);
    QCOMPARE(single(0, 1), double(1.0f / 3.0f));
    QCOMPARE(single(1, 1), double(3.0e38f)); // 3.0000000054977558e+38
    QVERIFY(single(1, 1) != 3.0e38);
    QCOMPARE(single.toDouble()(1, 0), -4.0);
    QCOMPARE(single.row(0)(1), double(1.0f / 3.0f));

    // An expression keeps its own scalar: a float32 product stays float32, a double one double.
    const TraceMatrix product = f * f;
    QVERIFY(product.isFloat());
    QCOMPARE(product(0, 0), double(0.1f * 0.1f + (1.0f / 3.0f) * -4.0f));
    const TraceMatrix zeros = Matrix::Zero(3, 1);
    QVERIFY(!zeros.isFloat());
    QCOMPARE(zeros.size(), Eigen::Index(3));
    QCOMPARE(TraceMatrix().size(), Eigen::Index(0));
}

void TestTracePrecision::checkpointTraceIsFloat32()
{
    QTemporaryDir dir;
    const attnlab::test::TinyLlama spec = attnlab::test::randomLlama({}, 3);
    attnlab::test::writeHfLlama(dir.path(), spec);
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    auto trace = (*model)->run({1, 2, 3, 4}, {});
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->source, TraceSource::Checkpoint);
    forEachMatrix(*trace, [](const QString& name, const TraceMatrix& m) {
        if (m.size() > 0 && !m.isFloat()) QFAIL(qPrintable(name + QStringLiteral(" is double")));
    });
    const auto [floats, doubles] = precisions(*trace);
    QCOMPARE(doubles, 0);
    // embeddings, output; per layer the attention output and W_O, 5 matrices per head (q, k, v, weights, output:
    // scores, scaled scores and contributions are derived), 5 residual.
    QCOMPARE(floats, 2 + int(trace->layers.size()) * (2 + 5 * int(trace->layers.front().heads.size()) + 5));
    for (const LayerTrace& layer : trace->layers)
        for (const HeadTrace& head : layer.heads) {
            QCOMPARE(head.scores.size(), Eigen::Index(0));
            QCOMPARE(head.contribution.size(), Eigen::Index(0));
        }
    // The stream entering a layer is the one that left the layer before, stored once; so are the attention
    // output and its residual copy, and the trace's output and the last layer's.
    QVERIFY(trace->layers.front().residual.input.sharesWith(trace->embeddings));
    for (size_t l = 1; l < trace->layers.size(); ++l)
        QVERIFY(trace->layers[l].residual.input.sharesWith(trace->layers[l - 1].residual.output));
    for (const LayerTrace& layer : trace->layers)
        QVERIFY(layer.residual.attentionOutput.sharesWith(layer.attentionOutput));
    QVERIFY(trace->output.sharesWith(trace->layers.back().residual.output));

    // Its weights are the softmax, read back in double: each row still sums to 1 within float32's precision.
    const TraceMatrix& w = trace->layers.front().heads.front().weights;
    for (Eigen::Index r = 0; r < w.rows(); ++r)
        QVERIFY(std::abs(w.row(r).sum() - 1.0) < 1e-5);
}

void TestTracePrecision::toyAndMatrixTracesAreDouble()
{
    ToyConfig config;
    config.dModel = 8;
    config.heads = 2;
    config.dFf = 16;
    const ToyModel toy(config);
    auto toyTrace = toy.runTokens({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QVERIFY2(toyTrace, qPrintable(toyTrace.error()));
    const auto [toyFloats, toyDoubles] = precisions(*toyTrace);
    QCOMPARE(toyFloats, 0);
    QVERIFY(toyDoubles > 0);

    // Matrix mode: weights of one query over two keys with scores 0 and ln 2 are exactly 1/3 and 2/3 only in
    // double; float32 would give 0.3333333432674408.
    MatrixProblem problem;
    problem.q = Matrix::Constant(1, 1, 1.0);
    problem.k = Matrix(2, 1);
    *problem.k << 0.0, std::log(2.0);
    problem.v = Matrix::Identity(2, 2);
    problem.options.scaling.kind = ScaleKind::None;
    auto matrices = runMatrixProblem(problem);
    QVERIFY2(matrices, qPrintable(matrices.error()));
    const auto [matrixFloats, matrixDoubles] = precisions(*matrices);
    QCOMPARE(matrixFloats, 0);
    QVERIFY(matrixDoubles > 0);
    const TraceMatrix& w = matrices->layers.front().heads.front().weights;
    QVERIFY(std::abs(w(0, 0) - 1.0 / 3.0) < 1e-15);
    QVERIFY(std::abs(w(0, 1) - 2.0 / 3.0) < 1e-15);
}

void TestTracePrecision::estimatesMatchBothKinds()
{
    // A checkpoint's trace: 4 bytes an entry, and the estimate made from its shape says so.
    QTemporaryDir dir;
    const attnlab::test::TinyLlama spec = attnlab::test::randomLlama({}, 5);
    attnlab::test::writeHfLlama(dir.path(), spec);
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    const ModelConfig& shape = (*model)->config();
    auto checkpoint = (*model)->run({1, 2, 3, 4, 5, 6, 7}, {});
    QVERIFY2(checkpoint, qPrintable(checkpoint.error()));
    QCOMPARE(estimatedTraceBytes(shape, 7, TraceSource::Checkpoint), traceBytes(*checkpoint));
    std::int64_t entries = 0, bytes = 0;
    forEachMatrix(*checkpoint, [&](const QString&, const TraceMatrix& m) {
        entries += m.size();
        bytes += m.bytes();
    });
    QCOMPARE(bytes, 4 * entries);

    // The toy model of the same shape: 8 bytes an entry, one more (T, T) matrix a head (its scaled scores).
    ToyConfig config;
    config.layers = shape.layers;
    config.heads = shape.heads;
    config.dModel = shape.dModel;
    config.dFf = shape.dFf;
    const ToyModel toy(config);
    QStringList words;
    for (int t = 0; t < 7; ++t)
        words << QStringLiteral("w%1").arg(t);
    auto toyTrace = toy.runTokens(words);
    QVERIFY2(toyTrace, qPrintable(toyTrace.error()));
    ModelConfig toyShape;
    toyShape.layers = config.layers;
    toyShape.heads = toyShape.kvHeads = config.heads;
    toyShape.dModel = config.dModel;
    toyShape.dFf = config.dFf;
    QCOMPARE(estimatedTraceBytes(toyShape, 7, TraceSource::Toy), traceBytes(*toyTrace));
    entries = bytes = 0;
    forEachMatrix(*toyTrace, [&](const QString&, const TraceMatrix& m) {
        entries += m.size();
        bytes += m.bytes();
    });
    QCOMPARE(bytes, 8 * entries);
}

void TestTracePrecision::headsShareTheirLayersMask()
{
    // Counted by hand: two heads of one layer with one stored (3, 3) mask hold 9 mask bytes, not 18.
    const TraceMask mask = BoolMatrix::Constant(3, 3, true);
    Trace shared;
    LayerTrace layer;
    layer.heads.resize(2);
    layer.heads[0].allowed = layer.heads[1].allowed = mask;
    shared.layers.push_back(layer);
    QCOMPARE(traceBytes(shared), std::int64_t(9));
    // The same entries stored twice are two masks.
    Trace separate = shared;
    separate.layers[0].heads[1].allowed = BoolMatrix::Constant(3, 3, true);
    QVERIFY(separate.layers[0].heads[1].allowed == separate.layers[0].heads[0].allowed);
    QCOMPARE(traceBytes(separate), std::int64_t(18));

    // What the models produce: every head of a layer holds the layer's one mask.
    QTemporaryDir dir;
    const attnlab::test::TinyLlama spec = attnlab::test::randomLlama({}, 3);
    attnlab::test::writeHfLlama(dir.path(), spec);
    auto model = LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    auto checkpoint = (*model)->run({1, 2, 3}, {});
    QVERIFY2(checkpoint, qPrintable(checkpoint.error()));
    ToyConfig config;
    config.heads = 4;
    auto toy = ToyModel(config).runTokens({QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY2(toy, qPrintable(toy.error()));
    for (const Trace* trace : {&*checkpoint, &*toy})
        for (const LayerTrace& l : trace->layers) {
            QVERIFY(l.heads.size() > 1);
            QVERIFY(l.heads.front().allowed.size() > 0);
            for (const HeadTrace& head : l.heads)
                QVERIFY(head.allowed.sharesWith(l.heads.front().allowed));
        }
}

ATTNLAB_TEST_GUILESS_MAIN(TestTracePrecision)
} // namespace tst_trace_precision
#include "tst_trace_precision.moc"
