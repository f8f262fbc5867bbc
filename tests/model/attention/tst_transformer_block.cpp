// LayerNorm, activations, the feed-forward network and whole transformer blocks, against references written
// here with explicit loops (their own LayerNorm, softmax and rotation), never against the code's own output.

#include "test_support.h"
#include "model/attention/transformer_block.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

Q_DECLARE_METATYPE(attnlab::model::Activation)
Q_DECLARE_METATYPE(attnlab::model::NormPlacement)

namespace tst_transformer_block {

using namespace attnlab::model;

namespace {

Matrix randomMatrix(int rows, int cols, unsigned seed, double scale = 1.0)
{
    std::mt19937 generator(seed);
    std::uniform_real_distribution<double> uniform(-scale, scale);
    Matrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = uniform(generator);
    return m;
}

Matrix rowOf(std::initializer_list<double> values)
{
    Matrix m(1, Eigen::Index(values.size()));
    int j = 0;
    for (double v : values)
        m(0, j++) = v;
    return m;
}

Matrix matmul(const Matrix& a, const Matrix& b)
{
    Matrix c = Matrix::Zero(a.rows(), b.cols());
    for (int i = 0; i < a.rows(); ++i)
        for (int j = 0; j < b.cols(); ++j)
            for (int k = 0; k < a.cols(); ++k)
                c(i, j) += a(i, k) * b(k, j);
    return c;
}

void addRow(Matrix& m, const RowVector& bias)
{
    for (int i = 0; i < m.rows(); ++i)
        for (int j = 0; j < m.cols() && bias.size(); ++j)
            m(i, j) += bias(j);
}

// Row by row: mean, biased variance, (x − mean)/√(var + eps)·γ + β.
Matrix refLayerNorm(const Matrix& x, const LayerNormParams& p, Vector* means = nullptr,
                    Vector* vars = nullptr)
{
    Matrix out(x.rows(), x.cols());
    if (means) means->resize(x.rows());
    if (vars) vars->resize(x.rows());
    for (int t = 0; t < x.rows(); ++t) {
        double mean = 0.0;
        for (int j = 0; j < x.cols(); ++j)
            mean += x(t, j);
        mean /= double(x.cols());
        double var = 0.0;
        for (int j = 0; j < x.cols(); ++j)
            var += (x(t, j) - mean) * (x(t, j) - mean);
        var /= double(x.cols());
        for (int j = 0; j < x.cols(); ++j)
            out(t, j) = (x(t, j) - mean) / std::sqrt(var + p.eps) * p.gamma(j) + p.beta(j);
        if (means) (*means)(t) = mean;
        if (vars) (*vars)(t) = var;
    }
    return out;
}

double refActivate(double v, Activation a)
{
    switch (a) {
    case Activation::ReLU:
        return v > 0 ? v : 0.0;
    case Activation::Gelu:
        return 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
    case Activation::GeluTanh:
        return 0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (v + 0.044715 * v * v * v)));
    case Activation::Silu:
        return v / (1.0 + std::exp(-v));
    }
    return v;
}

Matrix refFeedForward(const Matrix& x, const FeedForwardWeights& w)
{
    Matrix hidden = matmul(x, w.w1);
    addRow(hidden, w.b1);
    for (int i = 0; i < hidden.rows(); ++i)
        for (int j = 0; j < hidden.cols(); ++j)
            hidden(i, j) = refActivate(hidden(i, j), w.activation);
    Matrix out = matmul(hidden, w.w2);
    addRow(out, w.b2);
    return out;
}

// Multi-head attention by hand: project, per head scores/√d_k (after turning each (q0, q1) pair of a d_k = 2
// head by position radians when rope), causal mask by index, softmax with its own max, Concat · W_O + b_O.
Matrix refAttention(const Matrix& queries, const Matrix& keysValues, const MultiHeadWeights& w, bool causal,
                    bool rope, const std::vector<int>& qPos, const std::vector<int>& kPos)
{
    Matrix q = matmul(queries, w.wq), k = matmul(keysValues, w.wk), v = matmul(keysValues, w.wv);
    const int dk = int(w.wq.cols()) / w.heads, dv = int(w.wv.cols()) / w.heads;
    const auto turn = [](Matrix& m, int row, int col, double angle) {
        const double a = m(row, col), b = m(row, col + 1);
        m(row, col) = a * std::cos(angle) - b * std::sin(angle);
        m(row, col + 1) = b * std::cos(angle) + a * std::sin(angle);
    };
    Matrix concat = Matrix::Zero(queries.rows(), w.wv.cols());
    for (int h = 0; h < w.heads; ++h) {
        if (rope) {
            for (int t = 0; t < q.rows(); ++t)
                turn(q, t, h * dk, qPos[std::size_t(t)]);
            for (int s = 0; s < k.rows(); ++s)
                turn(k, s, h * dk, kPos[std::size_t(s)]);
        }
        for (int t = 0; t < q.rows(); ++t) {
            std::vector<double> scores(std::size_t(k.rows()), -std::numeric_limits<double>::infinity());
            double maximum = -std::numeric_limits<double>::infinity();
            for (int s = 0; s < k.rows(); ++s) {
                if (causal && s > t) continue;
                double dot = 0.0;
                for (int j = 0; j < dk; ++j)
                    dot += q(t, h * dk + j) * k(s, h * dk + j);
                scores[std::size_t(s)] = dot / std::sqrt(double(dk));
                maximum = std::max(maximum, scores[std::size_t(s)]);
            }
            double total = 0.0;
            for (double& score : scores) {
                score = std::exp(score - maximum);
                total += score;
            }
            for (int s = 0; s < k.rows(); ++s)
                for (int j = 0; j < dv; ++j)
                    concat(t, h * dv + j) += scores[std::size_t(s)] / total * v(s, h * dv + j);
        }
    }
    Matrix out = matmul(concat, w.wo);
    addRow(out, w.bo);
    return out;
}

// d = 2, one head: identity-ish projections with a shear and a sign flip so that a transpose would show.
BlockWeights handBlock(Activation activation, NormPlacement placement)
{
    BlockWeights b;
    b.attention.heads = 1;
    b.attention.wq = Matrix::Identity(2, 2);
    b.attention.wk = Matrix(2, 2);
    b.attention.wk << 1, 0.5, 0, 1;
    b.attention.wv = Matrix(2, 2);
    b.attention.wv << 2, 0, 1, 1;
    b.attention.wo = Matrix(2, 2);
    b.attention.wo << 0.5, 0, 0, -1;
    b.norm1 = {rowOf({1.5, 0.5}), rowOf({0.1, -0.2}), 1e-5};
    b.norm2 = {rowOf({1.0, 2.0}), rowOf({0.0, 0.3}), 1e-5};
    b.ffn.w1 = Matrix(2, 3);
    b.ffn.w1 << 1, -1, 0.5, 0, 1, -2;
    b.ffn.b1 = rowOf({0.1, 0.0, -0.1});
    b.ffn.w2 = Matrix(3, 2);
    b.ffn.w2 << 1, 0, 0, 1, 1, -1;
    b.ffn.b2 = rowOf({0.0, 0.05});
    b.ffn.activation = activation;
    b.placement = placement;
    return b;
}

// d = 4, two heads of width 2, every weight random, with an output bias.
BlockWeights randomBlock(Activation activation, NormPlacement placement)
{
    BlockWeights b;
    b.attention.heads = 2;
    b.attention.wq = randomMatrix(4, 4, 1);
    b.attention.wk = randomMatrix(4, 4, 2);
    b.attention.wv = randomMatrix(4, 4, 3);
    b.attention.wo = randomMatrix(4, 4, 4);
    b.attention.bo = randomMatrix(1, 4, 5);
    b.norm1 = {randomMatrix(1, 4, 6) + RowVector::Ones(4), randomMatrix(1, 4, 7), 1e-5};
    b.norm2 = {randomMatrix(1, 4, 8) + RowVector::Ones(4), randomMatrix(1, 4, 9), 1e-5};
    b.ffn = {randomMatrix(4, 8, 10), randomMatrix(1, 8, 11), randomMatrix(8, 4, 12), randomMatrix(1, 4, 13),
             activation};
    b.placement = placement;
    return b;
}

} // namespace

class TestTransformerBlock : public QObject {
    Q_OBJECT

private slots:
    void parseActivation_data();
    void parseActivation();
    void parseNormPlacement_data();
    void parseNormPlacement();
    void parseRejectsUnknown();

    void layerNormByHand();
    void layerNormGammaBetaAndStats();
    void layerNormEpsInsideSqrt();
    void layerNormMatchesReference();

    void activations_data();
    void activations();
    void feedForwardLarge_data();
    void feedForwardLarge();

    void block_data();
    void block();
};

void TestTransformerBlock::parseActivation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Activation>("expected");
    QTest::newRow("relu") << "relu" << Activation::ReLU;
    QTest::newRow("gelu") << "gelu" << Activation::Gelu;
    QTest::newRow("gelu_tanh") << "gelu_tanh" << Activation::GeluTanh;
}

void TestTransformerBlock::parseActivation()
{
    QFETCH(QString, text);
    QFETCH(Activation, expected);
    const Result<Activation> parsed = attnlab::model::parseActivation(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, expected);
}

void TestTransformerBlock::parseNormPlacement_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<NormPlacement>("expected");
    QTest::newRow("pre") << "pre" << NormPlacement::Pre;
    QTest::newRow("post") << "post" << NormPlacement::Post;
}

void TestTransformerBlock::parseNormPlacement()
{
    QFETCH(QString, text);
    QFETCH(NormPlacement, expected);
    const Result<NormPlacement> parsed = attnlab::model::parseNormPlacement(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, expected);
}

void TestTransformerBlock::parseRejectsUnknown()
{
    const Result<Activation> activation = attnlab::model::parseActivation(QStringLiteral("swish"));
    QVERIFY(!activation.ok());
    for (const char* name : {"swish", "relu", "gelu", "gelu_tanh"})
        QVERIFY2(activation.error().contains(QLatin1String(name)), qPrintable(activation.error()));
    const Result<NormPlacement> placement = attnlab::model::parseNormPlacement(QStringLiteral("middle"));
    QVERIFY(!placement.ok());
    for (const char* name : {"middle", "pre", "post"})
        QVERIFY2(placement.error().contains(QLatin1String(name)), qPrintable(placement.error()));
}

// [1, 2, 3, 4]: mean 5/2, biased variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 5/4, so x̂ = (x − 5/2)/√(5/4).
void TestTransformerBlock::layerNormByHand()
{
    const LayerNormParams params{RowVector::Ones(4), RowVector::Zero(4), 0.0};
    const double s = std::sqrt(1.25);
    NormStats stats;
    const Matrix out = layerNorm(rowOf({1, 2, 3, 4}), params, &stats);
    ATTNLAB_COMPARE_MATRIX(out, rowOf({-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s}), 1e-15);
    QCOMPARE(stats.mean.size(), Eigen::Index(1));
    QCOMPARE(stats.mean(0), 2.5);
    QCOMPARE(stats.variance(0), 1.25);
}

void TestTransformerBlock::layerNormGammaBetaAndStats()
{
    Matrix x(2, 4);
    x << 1, 2, 3, 4, //
        -2, 0, 0, 6; // mean 1, variance (9 + 1 + 1 + 25)/4 = 9, σ = 3
    const LayerNormParams params{rowOf({1, 2, 3, 4}), rowOf({0, 1, 0, -1}), 0.0};
    const double s = std::sqrt(1.25);
    Matrix expected(2, 4);
    expected << -1.5 / s, 2 * -0.5 / s + 1, 3 * 0.5 / s, 4 * 1.5 / s - 1, //
        -1, 2 * (-1.0 / 3) + 1, 3 * (-1.0 / 3), 4 * (5.0 / 3) - 1;
    NormStats stats;
    ATTNLAB_COMPARE_MATRIX(layerNorm(x, params, &stats), expected, 1e-14);
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.mean), Matrix(Eigen::Vector2d(2.5, 1.0)), 1e-15);
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.variance), Matrix(Eigen::Vector2d(1.25, 9.0)), 1e-15);
}

// eps is added to the variance under the root: row [0, 2] has variance 1, so eps = 1 gives (x − 1)/√2.
// A constant row has variance 0 and comes out as β, not NaN.
void TestTransformerBlock::layerNormEpsInsideSqrt()
{
    const LayerNormParams wide{RowVector::Ones(2), RowVector::Zero(2), 1.0};
    ATTNLAB_COMPARE_MATRIX(layerNorm(rowOf({0, 2}), wide), rowOf({-1 / std::sqrt(2.0), 1 / std::sqrt(2.0)}),
                           1e-15);
    const LayerNormParams shifted{RowVector::Ones(3), rowOf({0.5, -1, 2}), 1e-5};
    ATTNLAB_COMPARE_MATRIX(layerNorm(rowOf({3, 3, 3}), shifted), rowOf({0.5, -1, 2}), 0.0);
}

void TestTransformerBlock::layerNormMatchesReference()
{
    const Matrix x = randomMatrix(7, 16, 42, 3.0);
    const LayerNormParams params{randomMatrix(1, 16, 43), randomMatrix(1, 16, 44), 1e-5};
    Vector means, vars;
    const Matrix expected = refLayerNorm(x, params, &means, &vars);
    NormStats stats;
    ATTNLAB_COMPARE_MATRIX(layerNorm(x, params, &stats), expected, 1e-12);
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.mean), Matrix(means), 1e-13);
    ATTNLAB_COMPARE_MATRIX(Matrix(stats.variance), Matrix(vars), 1e-13);
}

void TestTransformerBlock::activations_data()
{
    QTest::addColumn<Activation>("activation");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expected");
    QTest::newRow("relu(-1)") << Activation::ReLU << -1.0 << 0.0;
    QTest::newRow("relu(0)") << Activation::ReLU << 0.0 << 0.0;
    QTest::newRow("relu(2.5)") << Activation::ReLU << 2.5 << 2.5;
    QTest::newRow("gelu(0)") << Activation::Gelu << 0.0 << 0.0;
    QTest::newRow("gelu(1)") << Activation::Gelu << 1.0 << 0.8413447460685429;     // Φ(1)
    QTest::newRow("gelu(-1)") << Activation::Gelu << -1.0 << -0.15865525393145707; // −Φ(−1)
    QTest::newRow("gelu(2)") << Activation::Gelu << 2.0 << 1.9544997361036416;     // 2·Φ(2)
    QTest::newRow("gelu_tanh(0)") << Activation::GeluTanh << 0.0 << 0.0;
    QTest::newRow("gelu_tanh(1)") << Activation::GeluTanh << 1.0 << 0.8411919906082768;
    // f(−x) = f(x) − x for f(x) = ½x(1 + tanh(g(x))) with g odd.
    QTest::newRow("gelu_tanh(-1)") << Activation::GeluTanh << -1.0 << 0.8411919906082768 - 1.0;
}

void TestTransformerBlock::activations()
{
    QFETCH(Activation, activation);
    QFETCH(double, x);
    QFETCH(double, expected);
    const Matrix out = activate(Matrix::Constant(2, 3, x), activation);
    ATTNLAB_COMPARE_MATRIX(out, Matrix(Matrix::Constant(2, 3, expected)), 1e-15);
}

void TestTransformerBlock::feedForwardLarge_data()
{
    QTest::addColumn<Activation>("activation");
    QTest::newRow("relu") << Activation::ReLU;
    QTest::newRow("gelu") << Activation::Gelu;
    QTest::newRow("gelu_tanh") << Activation::GeluTanh;
}

// d = 512 -> d_ff = 2048 -> 512, as in Vaswani et al.
void TestTransformerBlock::feedForwardLarge()
{
    QFETCH(Activation, activation);
    const FeedForwardWeights w{randomMatrix(512, 2048, 1, 0.05), randomMatrix(1, 2048, 2, 0.1),
                               randomMatrix(2048, 512, 3, 0.05), randomMatrix(1, 512, 4, 0.1), activation};
    const Matrix x = randomMatrix(3, 512, 5);
    const Matrix out = feedForward(x, w);
    QCOMPARE(out.rows(), Eigen::Index(3));
    QCOMPARE(out.cols(), Eigen::Index(512));
    ATTNLAB_COMPARE_MATRIX(out, refFeedForward(x, w), 1e-10);
}

void TestTransformerBlock::block_data()
{
    QTest::addColumn<NormPlacement>("placement");
    QTest::addColumn<bool>("randomWeights"); // false: d = 2, 1 head by hand; true: d = 4, 2 heads
    QTest::addColumn<Activation>("activation");
    QTest::addColumn<bool>("causal");
    QTest::addColumn<bool>("rope");
    QTest::addColumn<bool>("cross");
    const auto pre = NormPlacement::Pre, post = NormPlacement::Post;
    QTest::newRow("pre hand") << pre << false << Activation::ReLU << false << false << false;
    QTest::newRow("post hand") << post << false << Activation::ReLU << false << false << false;
    QTest::newRow("pre hand causal gelu") << pre << false << Activation::Gelu << true << false << false;
    QTest::newRow("post hand causal gelu") << post << false << Activation::Gelu << true << false << false;
    QTest::newRow("pre 2 heads") << pre << true << Activation::GeluTanh << false << false << false;
    QTest::newRow("post 2 heads") << post << true << Activation::GeluTanh << false << false << false;
    QTest::newRow("pre 2 heads causal") << pre << true << Activation::Gelu << true << false << false;
    QTest::newRow("pre 2 heads rope") << pre << true << Activation::ReLU << false << true << false;
    QTest::newRow("post 2 heads rope") << post << true << Activation::ReLU << true << true << false;
    QTest::newRow("pre cross") << pre << true << Activation::Gelu << false << false << true;
    QTest::newRow("post cross") << post << true << Activation::Gelu << false << false << true;
    QTest::newRow("pre cross rope") << pre << true << Activation::ReLU << false << true << true;
    QTest::newRow("post hand cross") << post << false << Activation::ReLU << false << false << true;
}

void TestTransformerBlock::block()
{
    QFETCH(NormPlacement, placement);
    QFETCH(bool, randomWeights);
    QFETCH(Activation, activation);
    QFETCH(bool, causal);
    QFETCH(bool, rope);
    QFETCH(bool, cross);

    const BlockWeights w =
        randomWeights ? randomBlock(activation, placement) : handBlock(activation, placement);
    const int d = randomWeights ? 4 : 2;
    Matrix x(3, d);
    if (randomWeights)
        x = randomMatrix(3, d, 99, 2.0);
    else
        x << 1, 0, 0, 1, 2, -1;
    // Positions that are not 0..T−1, so that RoPE shows it reads them.
    const std::vector<int> positions = {3, 5, 8};
    const Matrix memory = cross ? randomMatrix(2, d, 77, 1.5) : Matrix();
    const std::vector<int> memoryPositions = cross ? std::vector<int>{2, 6} : std::vector<int>{};

    AttentionOptions options;
    options.mask = causal ? MaskSpec::causal() : MaskSpec::none();
    PositionalConfig positional;
    positional.kind = rope ? PositionalKind::Rope : PositionalKind::None;

    // The reference forward pass.
    const std::vector<int>& keyPositions = cross ? memoryPositions : positions;
    const auto attention = [&](const Matrix& queries) {
        return refAttention(queries, cross ? memory : queries, w.attention, causal, rope, positions,
                            keyPositions);
    };
    Vector mean1, var1, mean2, var2;
    Matrix attnOut, after, mlp, out;
    if (placement == NormPlacement::Pre) {
        attnOut = attention(refLayerNorm(x, w.norm1, &mean1, &var1));
        after = x + attnOut;
        mlp = refFeedForward(refLayerNorm(after, w.norm2, &mean2, &var2), w.ffn);
        out = after + mlp;
    } else {
        attnOut = attention(x);
        after = refLayerNorm(x + attnOut, w.norm1, &mean1, &var1);
        mlp = refFeedForward(after, w.ffn);
        out = refLayerNorm(after + mlp, w.norm2, &mean2, &var2);
    }

    QStringList warnings;
    const LayerTrace layer =
        transformerBlock(x, w, options, positional, positions, memory, memoryPositions, &warnings);
    QVERIFY(layer.hasResidual);
    QCOMPARE(int(layer.heads.size()), w.attention.heads);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    const ResidualTrace& r = layer.residual;
    const double tol = 1e-12;
    ATTNLAB_COMPARE_MATRIX(r.input.toDouble(), x, 0.0);
    ATTNLAB_COMPARE_MATRIX(layer.attentionOutput.toDouble(), attnOut, tol);
    ATTNLAB_COMPARE_MATRIX(r.attentionOutput.toDouble(), attnOut, tol);
    ATTNLAB_COMPARE_MATRIX(r.afterAttention.toDouble(), after, tol);
    ATTNLAB_COMPARE_MATRIX(r.mlpOutput.toDouble(), mlp, tol);
    ATTNLAB_COMPARE_MATRIX(r.output.toDouble(), out, tol);
    ATTNLAB_COMPARE_MATRIX(Matrix(r.norm1.mean), Matrix(mean1), tol);
    ATTNLAB_COMPARE_MATRIX(Matrix(r.norm1.variance), Matrix(var1), tol);
    ATTNLAB_COMPARE_MATRIX(Matrix(r.norm2.mean), Matrix(mean2), tol);
    ATTNLAB_COMPARE_MATRIX(Matrix(r.norm2.variance), Matrix(var2), tol);
    // The residual identities themselves, independent of any reference.
    if (placement == NormPlacement::Pre) {
        ATTNLAB_COMPARE_MATRIX(r.afterAttention.toDouble(), Matrix(r.input.toDouble() + r.attentionOutput.toDouble()), tol);
        ATTNLAB_COMPARE_MATRIX(r.output.toDouble(), Matrix(r.afterAttention.toDouble() + r.mlpOutput.toDouble()), tol);
    } else {
        // Post-norm: LN2 normalises h + FFN(h), so its recorded means are that sum's row means.
        const Matrix sum = r.afterAttention.toDouble() + r.mlpOutput.toDouble();
        for (int t = 0; t < sum.rows(); ++t)
            QVERIFY(std::abs(sum.row(t).mean() - r.norm2.mean(t)) < tol);
    }
    if (cross) QCOMPARE(layer.heads.front().k.rows(), memory.rows());
}

ATTNLAB_TEST_APPLESS_MAIN(TestTransformerBlock)
} // namespace tst_transformer_block
#include "tst_transformer_block.moc"
