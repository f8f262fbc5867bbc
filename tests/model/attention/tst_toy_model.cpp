// Tests model/attention/toy_model.cpp: config validation, deterministic weights, stable ids, the trace's shapes and
// masks in every layer, cross-attention, other scripts, and layer 0 recomputed from the drawn weights with a
// reference written here (LayerNorm, projections, softmax, FFN by loops, not by the model's kernels).

#include "test_support.h"
#include "model/attention/toy_model.h"
#include "model/tokenizers/word_tokenizer.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numbers>

namespace tst_toy_model {

using namespace attnlab::model;
using attnlab::test::compareMatrices;

namespace {

ToyConfig smallConfig()
{
    ToyConfig c;
    c.vocabSize = 512; // keeps the tests fast; ids only need to be in range
    return c;
}

// Every matrix of two traces, compared exactly; "" when equal.
QString traceDifference(const Trace& a, const Trace& b)
{
    if (a.tokens != b.tokens || a.tokenIds != b.tokenIds || a.layers.size() != b.layers.size())
        return QStringLiteral("tokens, ids or layer count differ");
    QString diff =
        compareMatrices(a.embeddings.toDouble(), b.embeddings.toDouble(), 0.0) + compareMatrices(a.output.toDouble(), b.output.toDouble(), 0.0);
    for (std::size_t l = 0; l < a.layers.size(); ++l)
        for (std::size_t h = 0; h < a.layers[l].heads.size(); ++h) {
            const HeadTrace& x = a.layers[l].heads[h];
            const HeadTrace& y = b.layers[l].heads[h];
            diff += compareMatrices(x.q.toDouble(), y.q.toDouble(), 0.0) + compareMatrices(x.k.toDouble(), y.k.toDouble(), 0.0) +
                    compareMatrices(x.v.toDouble(), y.v.toDouble(), 0.0) + compareMatrices(x.weights.toDouble(), y.weights.toDouble(), 0.0);
        }
    return diff;
}

// scores (T, S) -> row-wise softmax, by loops.
Matrix referenceSoftmax(const Matrix& scores)
{
    Matrix w(scores.rows(), scores.cols());
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
        double max = -INFINITY;
        for (Eigen::Index c = 0; c < scores.cols(); ++c)
            max = std::max(max, scores(r, c));
        double sum = 0.0;
        for (Eigen::Index c = 0; c < scores.cols(); ++c)
            sum += (w(r, c) = std::exp(scores(r, c) - max));
        for (Eigen::Index c = 0; c < scores.cols(); ++c)
            w(r, c) /= sum;
    }
    return w;
}

// x: (T, d) -> per-row (x − mean)/√(var + eps)·γ + β, biased variance, by loops.
Matrix referenceLayerNorm(const Matrix& x, const LayerNormParams& p)
{
    Matrix y(x.rows(), x.cols());
    const double d = double(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        double mean = 0.0, var = 0.0;
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            mean += x(r, c) / d;
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            var += (x(r, c) - mean) * (x(r, c) - mean) / d;
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            y(r, c) = (x(r, c) - mean) / std::sqrt(var + p.eps) * p.gamma(c) + p.beta(c);
    }
    return y;
}

// (T, n)·(n, m) + bias, by loops.
Matrix referenceAffine(const Matrix& x, const Matrix& w, const RowVector& b)
{
    Matrix y(x.rows(), w.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        for (Eigen::Index c = 0; c < w.cols(); ++c) {
            double s = b.size() ? b(c) : 0.0;
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                s += x(r, i) * w(i, c);
            y(r, c) = s;
        }
    return y;
}

void verifyRowsSumToOne(const Matrix& weights)
{
    for (Eigen::Index r = 0; r < weights.rows(); ++r)
        QVERIFY2(std::abs(weights.row(r).sum() - 1.0) < 1e-12, qPrintable(QString::number(r)));
    QVERIFY((weights.array() >= 0.0).all());
}

} // namespace

class TestToyModel : public QObject {
    Q_OBJECT

private slots:
    void invalidConfig_data();
    void invalidConfig();
    void invalidAttentionOptions();
    void determinism();
    void weightsFromIndependentStreams();
    void weightStatistics();
    void tokenId_data();
    void tokenId();
    void traceShapes_data();
    void traceShapes();
    void maskedUpperTriangle_data();
    void maskedUpperTriangle();
    void fullyMaskedRowsWarnOnce();
    void crossAttention();
    void otherScripts_data();
    void otherScripts();
    void runErrors_data();
    void runErrors();
    void longestText();
    void stopsBetweenLayers();
    void layerZeroMatchesReference_data();
    void layerZeroMatchesReference();
};

void TestToyModel::invalidConfig_data()
{
    QTest::addColumn<int>("dModel");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("dFf");
    QTest::addColumn<int>("vocab");
    QTest::addColumn<int>("positional");
    QTest::addColumn<QString>("message");

    const int sin = int(PositionalKind::Sinusoidal);
    QTest::newRow("zero width") << 0 << 2 << 2 << 64 << 512 << sin
                                << QStringLiteral("d_model = 0, but it must be at least 1");
    QTest::newRow("negative layers") << 16 << 2 << -1 << 64 << 512 << sin
                                     << QStringLiteral("layers = -1, but it must be at least 1");
    QTest::newRow("no heads") << 16 << 0 << 2 << 64 << 512 << sin << QStringLiteral("heads = 0");
    QTest::newRow("wide") << 2048 << 2 << 2 << 64 << 512 << sin
                          << QStringLiteral("d_model = 2048 exceeds the limit of 1024");
    QTest::newRow("many heads") << 1024 << 65 << 1 << 64 << 512 << sin
                                << QStringLiteral("heads = 65 exceeds the limit of 64");
    QTest::newRow("deep") << 16 << 2 << 25 << 64 << 512 << sin
                          << QStringLiteral("layers = 25 exceeds the limit of 24");
    QTest::newRow("wide ffn") << 16 << 2 << 2 << 9000 << 512 << sin
                              << QStringLiteral("d_ff = 9000 exceeds the limit of 8192");
    QTest::newRow("big vocab") << 16 << 2 << 2 << 64 << 70000 << sin
                               << QStringLiteral("vocabulary size = 70000 exceeds the limit of 65536");
    QTest::newRow("indivisible") << 16 << 3 << 2 << 64 << 512 << sin
                                 << QStringLiteral("d_model = 16 is not divisible by heads = 3");
    QTest::newRow("odd rope head") << 6 << 2 << 2 << 64 << 512 << int(PositionalKind::Rope)
                                   << QStringLiteral("d_model / heads = 6 / 2 = 3 must be even");
    QTest::newRow("everything at its limit")
        << 1024 << 64 << 24 << 8192 << 65536 << sin << QStringLiteral("parameters");
}

void TestToyModel::invalidConfig()
{
    QFETCH(int, dModel);
    QFETCH(int, heads);
    QFETCH(int, layers);
    QFETCH(int, dFf);
    QFETCH(int, vocab);
    QFETCH(int, positional);
    QFETCH(QString, message);

    ToyConfig c;
    c.dModel = dModel;
    c.heads = heads;
    c.layers = layers;
    c.dFf = dFf;
    c.vocabSize = vocab;
    c.positional = PositionalKind(positional);
    const Result<void> valid = validateToyConfig(c);
    QVERIFY(!valid);
    QVERIFY2(valid.error().contains(message), qPrintable(valid.error()));

    // A model built from it anyway draws nothing and says why instead of crashing.
    const ToyModel model(c);
    QVERIFY(model.blocks().empty());
    const Result<Trace> trace = model.run(QStringLiteral("hello world"));
    QVERIFY(!trace);
    QCOMPARE(trace.error(), valid.error());
}

void TestToyModel::invalidAttentionOptions()
{
    ToyConfig c = smallConfig();
    c.attention.scaling = {ScaleKind::Temperature, 0.0};
    QVERIFY(validateToyConfig(c).error().contains(QStringLiteral("temperature")));
    c = smallConfig();
    c.attention.mask = MaskSpec::slidingWindow(0);
    QVERIFY(validateToyConfig(c).error().contains(QStringLiteral("window is 0")));
    c = smallConfig();
    c.attention.mask = MaskSpec::fromMatrix(BoolMatrix::Constant(2, 2, true)); // 3 tokens need 3 × 3
    QVERIFY(validateToyConfig(c).ok());
    const Result<Trace> trace = ToyModel(c).run(QStringLiteral("one two three"));
    QVERIFY(!trace);
    QVERIFY(!trace.error().isEmpty());
    QVERIFY(ToyModel(c).run(QStringLiteral("one two")).ok());
    QVERIFY(validateToyConfig(smallConfig()).ok());
}

void TestToyModel::determinism()
{
    const QString text = QStringLiteral("The quick brown fox jumps over the lazy dog.");
    ToyConfig c = smallConfig();
    const Trace a = *ToyModel(c).run(text);
    const Trace b = *ToyModel(c).run(text);
    QCOMPARE(traceDifference(a, b), QString());

    c.seed = 43;
    const Trace other = *ToyModel(c).run(text);
    QCOMPARE(other.tokenIds, a.tokenIds); // ids hash the word, not the seed
    QVERIFY(!traceDifference(a, other).isEmpty());
    QVERIFY(!a.layers[0].heads[0].weights.toDouble().isApprox(other.layers[0].heads[0].weights.toDouble()));

    // The generator is fixed-algorithm (splitmix64 + Box–Muller): these values must never change, on any
    // compiler or standard library, or saved sessions would show different toy weights.
    const ToyModel pinned(smallConfig());
    const Matrix& e = pinned.embedding();
    // The tolerance allows for a last-bit difference in another libm's log, sin or cos.
    const Matrix expected =
        (Matrix(1, 3) << 1.6544612934903078, -1.9213302664336995, 0.62656162258254045).finished();
    ATTNLAB_COMPARE_MATRIX(Matrix(e.topLeftCorner(1, 3)), expected, 1e-14);
}

// E's rows do not depend on the vocabulary size and layer 0 does not depend on the number of layers.
void TestToyModel::weightsFromIndependentStreams()
{
    ToyConfig small = smallConfig();
    ToyConfig large = smallConfig();
    large.vocabSize = 2048;
    large.layers = 3;
    const ToyModel a(small), b(large);
    ATTNLAB_COMPARE_MATRIX(b.embedding().topRows(small.vocabSize), a.embedding(), 0.0);
    ATTNLAB_COMPARE_MATRIX(b.blocks()[0].attention.wq, a.blocks()[0].attention.wq, 0.0);
    ATTNLAB_COMPARE_MATRIX(b.blocks()[1].ffn.w2, a.blocks()[1].ffn.w2, 0.0);
    QVERIFY(!a.blocks()[0].attention.wq.isApprox(a.blocks()[1].attention.wq)); // layers differ
    QVERIFY(!a.blocks()[0].attention.wq.isApprox(a.blocks()[0].attention.wk)); // matrices differ
}

void TestToyModel::weightStatistics()
{
    ToyConfig c;
    c.dModel = 64;
    c.heads = 4;
    c.dFf = 256;
    c.vocabSize = 4096;
    c.positional = PositionalKind::Learned;
    const ToyModel model(c);

    const auto stddev = [](const Matrix& m) {
        const double mean = m.mean();
        return std::sqrt((m.array() - mean).square().mean());
    };
    const Matrix& e = model.embedding();
    QCOMPARE(e.rows(), 4096);
    QCOMPARE(e.cols(), 64);
    QVERIFY2(std::abs(e.mean()) < 0.01, qPrintable(QString::number(e.mean())));
    QVERIFY2(std::abs(stddev(e) - 1.0) < 0.01, qPrintable(QString::number(stddev(e))));
    const BlockWeights& b = model.blocks().at(0);
    for (const Matrix* w : {&b.attention.wq, &b.attention.wk, &b.attention.wv, &b.attention.wo, &b.ffn.w1})
        QVERIFY2(std::abs(stddev(*w) - 1.0 / 8.0) < 0.01, qPrintable(QString::number(stddev(*w))));
    QVERIFY(std::abs(stddev(b.ffn.w2) - 1.0 / 16.0) < 0.005);
    QVERIFY(b.attention.bq.isZero() && b.attention.bo.isZero() && b.ffn.b1.isZero() && b.ffn.b2.isZero());
    QVERIFY(b.norm1.gamma.isOnes() && b.norm2.beta.isZero());
    QCOMPARE(b.ffn.activation, Activation::Gelu);

    // The learned position table is not exposed; it shows as embeddings − E rows.
    const Trace t = *model.run(QStringLiteral("a b c d e f g h i j k l m n o p"));
    Matrix positions = t.embeddings.toDouble();
    for (int i = 0; i < positions.rows(); ++i)
        positions.row(i) -= e.row(t.tokenIds[std::size_t(i)]);
    QVERIFY2(std::abs(stddev(positions) - 0.1) < 0.02, qPrintable(QString::number(stddev(positions))));
}

void TestToyModel::tokenId_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("vocab");
    QTest::addColumn<int>("id");
    // Published FNV-1a 64 test vectors: "a" -> 0xaf63dc4c8601ec8c, "foobar" -> 0x85944171f73967e8.
    QTest::newRow("a") << QStringLiteral("a") << 65536 << 0xec8c;
    QTest::newRow("A folds to a") << QStringLiteral("A") << 65536 << 0xec8c;
    QTest::newRow("foobar") << QStringLiteral("foobar") << 65536 << 0x67e8;
    QTest::newRow("FooBar") << QStringLiteral("FooBar") << 65536 << 0x67e8;
    QTest::newRow("foobar mod 4096") << QStringLiteral("foobar") << 4096 << 0x7e8;
    QTest::newRow("the") << QStringLiteral("the") << 65536 << 54652;
    QTest::newRow("The") << QStringLiteral("The") << 65536 << 54652;
    QTest::newRow("THE") << QStringLiteral("THE") << 65536 << 54652;
    QTest::newRow("japanese utf-8") << QStringLiteral("得意") << 65536 << 37918;
    QTest::newRow("persian utf-8") << QStringLiteral("سلام") << 4096 << 2422;
    QTest::newRow("vocabulary of one") << QStringLiteral("anything") << 1 << 0;
}

void TestToyModel::tokenId()
{
    QFETCH(QString, word);
    QFETCH(int, vocab);
    QFETCH(int, id);
    ToyConfig c = smallConfig();
    c.vocabSize = vocab;
    c.dModel = 2; // the ids need no weights worth mentioning
    c.heads = 1;
    c.layers = 1;
    c.dFf = 2;
    QCOMPARE(ToyModel(c).tokenId(word), id);
    c.seed = 7;
    QCOMPARE(ToyModel(c).tokenId(word), id);
}

void TestToyModel::traceShapes_data()
{
    QTest::addColumn<int>("positional");
    QTest::addColumn<int>("placement");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("layers");

    const auto row = [](const char* name, PositionalKind p, NormPlacement n, Activation a, int heads,
                        int layers) { QTest::newRow(name) << int(p) << int(n) << int(a) << heads << layers; };
    row("default", PositionalKind::Sinusoidal, NormPlacement::Pre, Activation::Gelu, 2, 2);
    row("post-norm relu", PositionalKind::Sinusoidal, NormPlacement::Post, Activation::ReLU, 4, 3);
    row("no positions", PositionalKind::None, NormPlacement::Pre, Activation::GeluTanh, 1, 1);
    row("naive", PositionalKind::Naive, NormPlacement::Pre, Activation::Gelu, 8, 2);
    row("learned", PositionalKind::Learned, NormPlacement::Post, Activation::Gelu, 2, 2);
    row("rope", PositionalKind::Rope, NormPlacement::Pre, Activation::Gelu, 4, 2);
    row("alibi", PositionalKind::Alibi, NormPlacement::Pre, Activation::Gelu, 4, 2);
}

void TestToyModel::traceShapes()
{
    QFETCH(int, positional);
    QFETCH(int, placement);
    QFETCH(int, activation);
    QFETCH(int, heads);
    QFETCH(int, layers);
    ToyConfig c = smallConfig();
    c.positional = PositionalKind(positional);
    c.placement = NormPlacement(placement);
    c.activation = Activation(activation);
    c.heads = heads;
    c.layers = layers;
    const int dk = c.dModel / heads;

    const QString text = QStringLiteral("The animal didn't cross the street because it was too tired.");
    const Result<Trace> result = ToyModel(c).run(text);
    QVERIFY2(result, qPrintable(result.error()));
    const Trace& t = *result;
    const int n = 12;
    QCOMPARE(t.tokens, tokenizeWords(text));
    QCOMPARE(int(t.tokenIds.size()), n);
    QCOMPARE(t.positions, std::vector<int>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
    QCOMPARE(t.tokenIds[0], t.tokenIds[4]); // "The" and "the"
    QVERIFY(t.memoryTokens.isEmpty());
    QCOMPARE(t.keyTokens(), t.tokens);
    QCOMPARE(t.modelName, QStringLiteral("toy"));
    QCOMPARE(t.source, TraceSource::Toy);
    QVERIFY(isToyModel(QStringLiteral("toy")) && !isToyModel(QStringLiteral("Toy")) && !isToyModel(QString()));
    QVERIFY(!t.trained && !t.exact);
    QCOMPARE(t.scale, 1.0 / std::sqrt(double(dk)));
    QCOMPARE(t.warnings, QStringList{untrainedWarning()});
    QVERIFY(untrainedWarning().contains(QStringLiteral("untrained")));
    QCOMPARE(t.embeddings.rows(), n);
    QCOMPARE(t.embeddings.cols(), c.dModel);

    QCOMPARE(int(t.layers.size()), layers);
    for (std::size_t l = 0; l < t.layers.size(); ++l) {
        const LayerTrace& layer = t.layers[l];
        QCOMPARE(int(layer.heads.size()), heads);
        QVERIFY(layer.hasResidual);
        const Matrix& input = l == 0 ? t.embeddings.toDouble() : t.layers[l - 1].residual.output.toDouble();
        ATTNLAB_COMPARE_MATRIX(layer.residual.input.toDouble(), input, 0.0);
        Matrix sum = Matrix::Zero(n, c.dModel);
        for (const HeadTrace& h : layer.heads) {
            QCOMPARE(h.q.rows(), n);
            QCOMPARE(h.q.cols(), dk);
            QCOMPARE(h.k.rows(), n);
            QCOMPARE(h.v.cols(), dk);
            QCOMPARE(h.weights.rows(), n);
            QCOMPARE(h.weights.cols(), n);
            QCOMPARE(h.contribution.cols(), c.dModel);
            verifyRowsSumToOne(h.weights.toDouble());
            // The recorded q and k (after RoPE) explain the recorded weights; ALiBi adds a bias on top.
            if (c.positional != PositionalKind::Alibi)
                ATTNLAB_COMPARE_MATRIX(h.weights.toDouble(), referenceSoftmax(h.q.toDouble() * h.k.toDouble().transpose() * t.scale), 1e-12);
            sum += h.contribution.toDouble();
        }
        ATTNLAB_COMPARE_MATRIX(layer.residual.attentionOutput.toDouble(), sum, 1e-12); // zero output bias
    }
    ATTNLAB_COMPARE_MATRIX(t.output.toDouble(), t.layers.back().residual.output.toDouble(), 0.0);
    QVERIFY(t.output.allFinite());
}

void TestToyModel::maskedUpperTriangle_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("positional");
    QTest::newRow("causal") << 0 << int(PositionalKind::Sinusoidal);
    QTest::newRow("causal rope") << 0 << int(PositionalKind::Rope);
    QTest::newRow("window 2") << 2 << int(PositionalKind::Alibi);
}

void TestToyModel::maskedUpperTriangle()
{
    QFETCH(int, window);
    QFETCH(int, positional);
    ToyConfig c = smallConfig();
    c.layers = 3;
    c.heads = 4;
    c.positional = PositionalKind(positional);
    c.attention.mask = window > 0 ? MaskSpec::slidingWindow(window) : MaskSpec::causal();
    const Trace t = *ToyModel(c).run(QStringLiteral("one two three four five six"));
    QCOMPARE(t.mask.kind, c.attention.mask.kind);
    QCOMPARE(t.warnings.size(), 1);
    for (const LayerTrace& layer : t.layers)
        for (const HeadTrace& h : layer.heads) {
            verifyRowsSumToOne(h.weights.toDouble());
            for (Eigen::Index q = 0; q < h.weights.rows(); ++q)
                for (Eigen::Index k = 0; k < h.weights.cols(); ++k) {
                    const bool hidden = k > q || (window > 0 && k <= q - window);
                    if (hidden)
                        QCOMPARE(h.weights(q, k), 0.0);
                    else
                        QVERIFY(h.weights(q, k) > 0.0);
                }
            QCOMPARE(h.weights(0, 0), 1.0); // the first token sees only itself
        }
}

void TestToyModel::fullyMaskedRowsWarnOnce()
{
    ToyConfig c = smallConfig();
    c.layers = 3;
    c.attention.mask = MaskSpec::paddingLast(5); // more padding than keys: every row is fully masked
    const Trace t = *ToyModel(c).run(QStringLiteral("a b c"));
    QCOMPARE(t.warnings.size(), 2);
    QCOMPARE(t.warnings.first(), untrainedWarning());
    for (const LayerTrace& layer : t.layers)
        for (const HeadTrace& h : layer.heads)
            QVERIFY(h.weights.toDouble().isZero());
}

void TestToyModel::crossAttention()
{
    ToyConfig c = smallConfig();
    c.layers = 2;
    c.heads = 4;
    const ToyModel model(c);
    const Result<Trace> result =
        model.run(QStringLiteral("得意 な スポーツ は ？"), QStringLiteral("I like baseball"));
    QVERIFY2(result, qPrintable(result.error()));
    const Trace& t = *result;
    QCOMPARE(t.memoryTokens, QStringList({"I", "like", "baseball"}));
    QCOMPARE(t.keyTokens(), t.memoryTokens);
    QCOMPARE(t.tokens.size(), 5);
    QCOMPARE(t.embeddings.rows(), 5);
    for (const LayerTrace& layer : t.layers) {
        QCOMPARE(layer.residual.output.rows(), 5);
        for (const HeadTrace& h : layer.heads) {
            QCOMPARE(h.weights.rows(), 5);
            QCOMPARE(h.weights.cols(), 3);
            QCOMPARE(h.k.rows(), 3);
            QCOMPARE(h.v.rows(), 3);
            verifyRowsSumToOne(h.weights.toDouble());
        }
    }
    // Keys come from the memory's own embedding at positions 0..S−1 (not normalised): check layer 0 head 0.
    const BlockWeights& b = model.blocks()[0];
    const int dk = c.dModel / c.heads;
    Matrix memory(3, c.dModel);
    const QStringList words = {"I", "like", "baseball"};
    for (int s = 0; s < 3; ++s)
        memory.row(s) =
            model.embedding().row(model.tokenId(words[s])) + sinusoidalEncoding(3, c.dModel).row(s);
    ATTNLAB_COMPARE_MATRIX(t.layers[0].heads[0].k.toDouble(), referenceAffine(memory, b.attention.wk.leftCols(dk), {}),
                           1e-12);

    // Without memory text it is self-attention again; blank memory counts as none.
    QVERIFY(model.run(QStringLiteral("a b"), QStringLiteral("  ")).value().memoryTokens.isEmpty());
}

void TestToyModel::otherScripts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("japanese") << QStringLiteral("「野球 が 得意」")
                              << QStringList({QStringLiteral("「"), QStringLiteral("野球"),
                                              QStringLiteral("が"), QStringLiteral("得意"),
                                              QStringLiteral("」")});
    QTest::newRow("persian") << QStringLiteral("می\u200Cخواهم بروم.")
                             << QStringList({QStringLiteral("می\u200Cخواهم"), QStringLiteral("بروم"), "."});
    QTest::newRow("emoji") << QStringLiteral("I ❤ 🇯🇵")
                           << QStringList({"I", QStringLiteral("❤"), QStringLiteral("🇯🇵")});
}

void TestToyModel::otherScripts()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const ToyModel model(smallConfig());
    const Result<Trace> result = model.run(text);
    QVERIFY2(result, qPrintable(result.error()));
    QCOMPARE(result->tokens, tokens);
    for (int i = 0; i < tokens.size(); ++i)
        QCOMPARE(result->tokenIds[std::size_t(i)], model.tokenId(tokens[i]));
    for (const LayerTrace& layer : result->layers)
        for (const HeadTrace& h : layer.heads)
            verifyRowsSumToOne(h.weights.toDouble());
    QVERIFY(result->output.allFinite());
}

void TestToyModel::runErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<QString>("message");
    const QString many = QStringLiteral("w ").repeated(513);
    QTest::newRow("empty") << QString() << QString() << QStringLiteral("no tokens in the text");
    QTest::newRow("blank") << QStringLiteral(" \t\u3000\n") << QString()
                           << QStringLiteral("no tokens in the text");
    QTest::newRow("too long") << many << QString()
                              << QStringLiteral(
                                     "the text has 513 tokens, more than the toy model's limit of 512");
    QTest::newRow("memory too long") << QStringLiteral("a") << many
                                     << QStringLiteral("the memory text has 513 tokens");
    QTest::newRow("invisible memory")
        << QStringLiteral("a") << QStringLiteral("\u200D") << QStringLiteral("no tokens in the memory");
}

void TestToyModel::runErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, memory);
    QFETCH(QString, message);
    const Result<Trace> result = ToyModel(smallConfig()).run(text, memory);
    QVERIFY(!result);
    QVERIFY2(result.error().contains(message), qPrintable(result.error()));
}

// The limit itself is allowed, for the text and for the memory.
void TestToyModel::longestText()
{
    const QString longest = QStringLiteral("w ").repeated(512);
    const Result<Trace> trace = ToyModel(smallConfig()).run(longest, longest);
    QVERIFY2(trace, qPrintable(trace.error()));
    QCOMPARE(trace->layers[0].heads[0].weights.rows(), 512);
}

void TestToyModel::layerZeroMatchesReference_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("heads");
    QTest::newRow("seed 42, 2 heads") << 42 << 2;
    QTest::newRow("seed 7, 4 heads") << 7 << 4;
}

// Pre-norm layer 0 from scratch: X = E[ids] + PE, LN, per-head projections, softmax(q kᵀ/√d_k), A·V, W_O,
// residual, LN, GELU FFN, residual.
void TestToyModel::layerZeroMatchesReference()
{
    QFETCH(int, seed);
    QFETCH(int, heads);
    ToyConfig c = smallConfig();
    c.seed = quint32(seed);
    c.heads = heads;
    const ToyModel model(c);
    const QStringList words = {"The", "cat", "sat", "on", "the", "mat"};
    const Trace t = *model.run(words.join(QLatin1Char(' ')));
    const int n = int(words.size()), d = c.dModel, dk = d / heads;

    // Embeddings: E row of the word's id plus the sinusoid written out from the paper.
    Matrix x(n, d);
    for (int p = 0; p < n; ++p)
        for (int j = 0; j < d; ++j) {
            const double angle = p / std::pow(10000.0, double(j - j % 2) / d);
            x(p, j) =
                model.embedding()(model.tokenId(words[p]), j) + (j % 2 ? std::cos(angle) : std::sin(angle));
        }
    ATTNLAB_COMPARE_MATRIX(t.embeddings.toDouble(), x, 1e-12);

    const BlockWeights& b = model.blocks()[0];
    const Matrix normed = referenceLayerNorm(x, b.norm1);
    const LayerTrace& layer = t.layers[0];
    Matrix attention = Matrix::Zero(n, d);
    for (int h = 0; h < heads; ++h) {
        const auto slice = [&](const Matrix& w, const RowVector& bias) {
            return referenceAffine(normed, w.middleCols(h * dk, dk), bias.segment(h * dk, dk));
        };
        const Matrix q = slice(b.attention.wq, b.attention.bq);
        const Matrix k = slice(b.attention.wk, b.attention.bk);
        const Matrix v = slice(b.attention.wv, b.attention.bv);
        const Matrix weights =
            referenceSoftmax(referenceAffine(q, k.transpose(), {}) / std::sqrt(double(dk)));
        const HeadTrace& head = layer.heads[std::size_t(h)];
        ATTNLAB_COMPARE_MATRIX(head.q.toDouble(), q, 1e-12);
        ATTNLAB_COMPARE_MATRIX(head.k.toDouble(), k, 1e-12);
        ATTNLAB_COMPARE_MATRIX(head.weights.toDouble(), weights, 1e-12);
        const Matrix output = referenceAffine(weights, v, {});
        ATTNLAB_COMPARE_MATRIX(head.output.toDouble(), output, 1e-12);
        attention += referenceAffine(output, b.attention.wo.middleRows(h * dk, dk), {});
    }
    const Matrix after = x + attention;
    ATTNLAB_COMPARE_MATRIX(layer.residual.afterAttention.toDouble(), after, 1e-12);

    Matrix hidden = referenceAffine(referenceLayerNorm(after, b.norm2), b.ffn.w1, b.ffn.b1);
    for (Eigen::Index i = 0; i < hidden.size(); ++i)
        hidden(i) = 0.5 * hidden(i) * (1.0 + std::erf(hidden(i) / std::numbers::sqrt2));
    ATTNLAB_COMPARE_MATRIX(layer.residual.output.toDouble(), after + referenceAffine(hidden, b.ffn.w2, b.ffn.b2), 1e-11);
}

// The app's Stop button: a run stops before its next layer, and runs again once the flag is clear.
void TestToyModel::stopsBetweenLayers()
{
    ToyConfig config;
    config.layers = 3;
    const ToyModel toy(config);
    std::atomic<bool> stop = true;
    const auto stopped = toy.runTokens({QStringLiteral("a"), QStringLiteral("b")}, {}, &stop);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), cancelledMessage());
    stop = false;
    const auto finished = toy.runTokens({QStringLiteral("a"), QStringLiteral("b")}, {}, &stop);
    QVERIFY2(finished, qPrintable(finished.error()));
    QCOMPARE(finished->layers.size(), size_t(3));
}

ATTNLAB_TEST_APPLESS_MAIN(TestToyModel)
} // namespace tst_toy_model
#include "tst_toy_model.moc"
