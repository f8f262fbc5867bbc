// Tests model/analysis/attention_rollout.cpp against products worked out by hand (Abnar & Zuidema 2020, §3:
// Â_l = 0.5 · mean_h A_l^h + 0.5 · I with rows renormalised, R_l = Â_l · R_{l−1}, R_0 = I), and its properties:
// causal row-stochastic attention gives lower-triangular rollouts whose rows sum to 1, one layer's rollout is Â_1,
// a fully masked row passes on only its own token, and cross-attention is refused.

#include "model/analysis/attention_rollout.h"
#include "model/trace/trace.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

#include <random>

namespace tst_attention_rollout {

using namespace attnlab;
using namespace attnlab::model;

namespace {

Matrix rows2(double a, double b, double c, double d)
{
    Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

// A self-attention trace of `tokens` tokens whose layer l has the heads' weights layers[l].
Trace rolloutTestTrace(int tokens, const std::vector<std::vector<Matrix>>& layers)
{
    Trace trace;
    for (int i = 0; i < tokens; ++i) {
        trace.tokens << QStringLiteral("t%1").arg(i);
        trace.tokenIds.push_back(i);
        trace.positions.push_back(i);
    }
    for (const std::vector<Matrix>& heads : layers) {
        LayerTrace layer;
        for (const Matrix& w : heads) {
            HeadTrace head;
            head.weights = w;
            layer.heads.push_back(head);
        }
        trace.layers.push_back(layer);
    }
    return trace;
}

// Random causal row-stochastic (T, T) weights.
Matrix randomCausal(int t, std::mt19937& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Matrix a = Matrix::Zero(t, t);
    for (int i = 0; i < t; ++i) {
        for (int j = 0; j <= i; ++j)
            a(i, j) = u(rng) * u(rng);
        a.row(i) /= a.row(i).sum();
    }
    return a;
}

} // namespace

class TestAttentionRollout : public QObject {
    Q_OBJECT

private slots:
    void twoLayersByHand()
    {
        // Layer 1, one head: A = [[1, 0], [1/2, 1/2]]
        //   Â_1 = 0.5 A + 0.5 I = [[1, 0], [1/4, 3/4]]            (rows already sum to 1)
        // Layer 2, two heads: [[1, 0], [1, 0]] and [[1, 0], [0, 1]]; mean [[1, 0], [1/2, 1/2]]
        //   Â_2 = [[1, 0], [1/4, 3/4]]
        // R_1 = Â_1
        // R_2 = Â_2 · R_1 = [[1, 0], [1/4·1 + 3/4·1/4, 3/4·3/4]] = [[1, 0], [7/16, 9/16]]
        const Trace trace = rolloutTestTrace(2, {{rows2(1, 0, 0.5, 0.5)}, {rows2(1, 0, 1, 0), rows2(1, 0, 0, 1)}});
        const auto rollout = attentionRollout(trace);
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        QCOMPARE(rollout->layers.size(), std::size_t(2));
        QCOMPARE(test::compareMatrices(rollout->layers[0], rows2(1, 0, 0.25, 0.75), 1e-15), QString());
        QCOMPARE(test::compareMatrices(rollout->layers[1], rows2(1, 0, 7.0 / 16, 9.0 / 16), 1e-15), QString());
    }

    void threeTokensBidirectional()
    {
        // One head per layer, every token may attend every other (an encoder).
        // A_1 = [[0, 1, 0], [0, 0, 1], [1, 0, 0]] (each token looks at the next, cyclically)
        //   Â_1 = 0.5 A_1 + 0.5 I = [[1/2, 1/2, 0], [0, 1/2, 1/2], [1/2, 0, 1/2]]
        // A_2 = uniform 1/3 everywhere
        //   Â_2 = [[2/3, 1/6, 1/6], [1/6, 2/3, 1/6], [1/6, 1/6, 2/3]]
        // R_2 = Â_2 · Â_1: row 0 = 2/3·[1/2, 1/2, 0] + 1/6·[0, 1/2, 1/2] + 1/6·[1/2, 0, 1/2]
        //                        = [1/3 + 1/12, 1/3 + 1/12, 1/12 + 1/12] = [5/12, 5/12, 1/6]
        //   and by the cyclic symmetry row 1 = [1/6, 5/12, 5/12], row 2 = [5/12, 1/6, 5/12].
        Matrix a1(3, 3), a2 = Matrix::Constant(3, 3, 1.0 / 3);
        a1 << 0, 1, 0, 0, 0, 1, 1, 0, 0;
        const Trace trace = rolloutTestTrace(3, {{a1}, {a2}});
        const auto rollout = attentionRollout(trace);
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        Matrix r1(3, 3), r2(3, 3);
        r1 << 0.5, 0.5, 0, 0, 0.5, 0.5, 0.5, 0, 0.5;
        r2 << 5.0 / 12, 5.0 / 12, 1.0 / 6, 1.0 / 6, 5.0 / 12, 5.0 / 12, 5.0 / 12, 1.0 / 6, 5.0 / 12;
        QCOMPARE(test::compareMatrices(rollout->layers[0], r1, 1e-15), QString());
        QCOMPARE(test::compareMatrices(rollout->layers[1], r2, 1e-15), QString());
    }

    void causalRowsSumToOneAndStayLowerTriangular()
    {
        std::mt19937 rng(7);
        const int t = 6;
        std::vector<std::vector<Matrix>> layers;
        for (int l = 0; l < 4; ++l)
            layers.push_back({randomCausal(t, rng), randomCausal(t, rng), randomCausal(t, rng)});
        const auto rollout = attentionRollout(rolloutTestTrace(t, layers));
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        for (const Matrix& r : rollout->layers) {
            for (int i = 0; i < t; ++i) {
                QVERIFY(std::abs(r.row(i).sum() - 1.0) < 1e-12);
                for (int j = i + 1; j < t; ++j)
                    QCOMPARE(r(i, j), 0.0); // a token never receives from one after it
                for (int j = 0; j <= i; ++j)
                    QVERIFY(r(i, j) >= 0.0);
            }
        }
    }

    void oneLayerIsTheAugmentedMean()
    {
        // Two heads, written out: Â = 0.5 · (A + B) / 2 + 0.5 · I.
        std::mt19937 rng(3);
        const Matrix a = randomCausal(4, rng), b = randomCausal(4, rng);
        const auto rollout = attentionRollout(rolloutTestTrace(4, {{a, b}}));
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        QCOMPARE(rollout->layers.size(), std::size_t(1));
        const Matrix expected = 0.25 * (a + b) + 0.5 * Matrix::Identity(4, 4);
        QCOMPARE(test::compareMatrices(rollout->layers[0], expected, 1e-15), QString());
    }

    void fullyMaskedRowKeepsItsOwnToken()
    {
        // Query 1's row is all zero (every key masked): the paper's (A + I) renormalised is the unit row e_1,
        // and so is 0.5 · 0 + 0.5 · I renormalised. Through a second layer where query 1 attends [1/2, 1/2]:
        //   Â_2 row 1 = [1/4, 3/4]; R_2 row 1 = [1/4, 3/4] · [[1, 0], [0, 1]] = [1/4, 3/4].
        const Trace trace = rolloutTestTrace(2, {{rows2(1, 0, 0, 0)}, {rows2(1, 0, 0.5, 0.5)}});
        const auto rollout = attentionRollout(trace);
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        QCOMPARE(test::compareMatrices(rollout->layers[0], rows2(1, 0, 0, 1), 1e-15), QString());
        QCOMPARE(test::compareMatrices(rollout->layers[1], rows2(1, 0, 0.25, 0.75), 1e-15), QString());
    }

    void floatWeightsAreReadAsStored()
    {
        // A checkpoint's trace keeps float32 weights; 0.5f and 0.25f are exact, so the products are too.
        Trace trace = rolloutTestTrace(2, {{rows2(1, 0, 0.5, 0.5)}});
        trace.layers[0].heads[0].weights = MatrixF(rows2(1, 0, 0.5, 0.5).cast<float>());
        const auto rollout = attentionRollout(trace);
        QVERIFY2(rollout.ok(), qPrintable(rollout.error()));
        QCOMPARE(test::compareMatrices(rollout->layers[0], rows2(1, 0, 0.25, 0.75), 0.0), QString());
    }

    void refusals()
    {
        Trace cross = rolloutTestTrace(2, {{rows2(1, 0, 0.5, 0.5)}});
        cross.memoryTokens = {QStringLiteral("a"), QStringLiteral("b")};
        const auto refused = attentionRollout(cross);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("memory of 2 other tokens")), qPrintable(refused.error()));

        QVERIFY(!attentionRollout(rolloutTestTrace(2, {})).ok());

        // A head whose weights are not (T, T).
        const auto wrong = attentionRollout(rolloutTestTrace(3, {{rows2(1, 0, 0.5, 0.5)}}));
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().startsWith(QStringLiteral("layer 1: a head's weights are 2 × 2, not 3 × 3")),
                 qPrintable(wrong.error()));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestAttentionRollout)
} // namespace tst_attention_rollout
#include "tst_attention_rollout.moc"
