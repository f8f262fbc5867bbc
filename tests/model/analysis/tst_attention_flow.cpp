// Tests model/analysis/attention_flow.cpp: a two-layer network whose maximum flows follow by hand and differ from
// rollout's products; random small networks against the minimum cut found by trying every cut (max-flow =
// min-cut, an independent reference to Dinic's algorithm); the bounds (no flow above 1, above the capacity into
// the sink, and layer 1's flow is Â_1's row); the paper's normalisation; the work limit and its refusal.

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/core/cancellation.h"
#include "model/trace/trace.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

#include <random>

namespace tst_attention_flow {

using namespace attnlab;
using namespace attnlab::model;

namespace {

Matrix flowRows2(double a, double b, double c, double d)
{
    Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

// Random residual-augmented (T, T) capacities: 0.5 · (random row-stochastic) + 0.5 · I, causal or not.
Matrix randomAugmented(int t, bool causal, std::mt19937& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Matrix a = Matrix::Zero(t, t);
    for (int i = 0; i < t; ++i) {
        for (int j = 0; j < (causal ? i + 1 : t); ++j)
            a(i, j) = u(rng) * u(rng) * u(rng);
        a.row(i) /= a.row(i).sum();
    }
    return 0.5 * a + 0.5 * Matrix::Identity(t, t);
}

// The minimum cut from (layer, query) to input `sink` by trying every set of nodes that holds the source and not
// the sink: the capacity of the edges leaving the set. Nodes (l, i) = l · T + i as in the paper's get_adjmat.
double bruteForceMinCut(const std::vector<Matrix>& augmented, int layer, int query, int sink)
{
    const int t = int(augmented.front().rows());
    const int nodes = (layer + 1) * t; // layers above `layer` cannot be reached and do not matter
    const int source = layer * t + query;
    double best = std::numeric_limits<double>::infinity();
    for (long mask = 0; mask < (1L << nodes); ++mask) {
        if (!(mask >> source & 1) || (mask >> sink & 1)) continue;
        double cut = 0.0;
        for (int l = 1; l <= layer; ++l)
            for (int i = 0; i < t; ++i)
                for (int j = 0; j < t; ++j)
                    if ((mask >> (l * t + i) & 1) && !(mask >> ((l - 1) * t + j) & 1))
                        cut += augmented[std::size_t(l - 1)](i, j);
        best = std::min(best, cut);
    }
    return best;
}

} // namespace

class TestAttentionFlow : public QObject {
    Q_OBJECT

private slots:
    void twoLayersByHandDifferFromRollout()
    {
        // Â_1 = Â_2 = [[1, 0], [1/4, 3/4]] (a causal head attending [1/2, 1/2] at token 1, with the residual).
        // The network from node (2, 1), edges with their capacities:
        //   (2, 1) → (1, 0): 1/4    (2, 1) → (1, 1): 3/4
        //   (1, 0) → (0, 0): 1      (1, 1) → (0, 0): 1/4    (1, 1) → (0, 1): 3/4
        // To input 0: path via (1, 0) carries min(1/4, 1) = 1/4, path via (1, 1) min(3/4, 1/4) = 1/4: 1/2, and the
        //   cut {(2, 1) → (1, 0), (1, 1) → (0, 0)} has capacity 1/4 + 1/4 = 1/2, so 1/2 is the maximum.
        // To input 1: the one path (2, 1) → (1, 1) → (0, 1) carries min(3/4, 3/4) = 3/4.
        // Rollout gives R_2 row 1 = [7/16, 9/16] (tst_attention_rollout): flow takes the narrowest edge of a path,
        // rollout the product of its shares. Normalised as in the paper: [1/2, 3/4] / (5/4) = [2/5, 3/5].
        // Layer 1 from (1, 1): one edge to each input, [1/4, 3/4].
        const std::vector<Matrix> augmented{flowRows2(1, 0, 0.25, 0.75), flowRows2(1, 0, 0.25, 0.75)};
        const auto flow = attentionFlowOf(augmented, 1);
        QVERIFY2(flow.ok(), qPrintable(flow.error()));
        QCOMPARE(flow->query, 1);
        QCOMPARE(test::compareMatrices(flow->maxFlow, flowRows2(0.25, 0.75, 0.5, 0.75), 1e-15), QString());
        QCOMPARE(test::compareMatrices(flow->normalised, flowRows2(0.25, 0.75, 0.4, 0.6), 1e-15), QString());
        const AttentionRollout rollout = attentionRolloutOf(augmented);
        QVERIFY(std::abs(rollout.layers[1](1, 0) - flow->normalised(1, 0)) > 0.03); // 7/16 against 2/5

        // Query 0 of a causal model reaches only itself: 1 at every layer.
        const auto first = attentionFlowOf(augmented, 0);
        QVERIFY(first.ok());
        QCOMPARE(test::compareMatrices(first->maxFlow, flowRows2(1, 0, 1, 0), 0.0), QString());
    }

    void matchesTheMinimumCut_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("layers");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<int>("seed");
        QTest::newRow("3 tokens, 2 layers, bidirectional") << 3 << 2 << false << 1;
        QTest::newRow("3 tokens, 3 layers, bidirectional") << 3 << 3 << false << 2;
        QTest::newRow("4 tokens, 2 layers, causal") << 4 << 2 << true << 3;
        QTest::newRow("3 tokens, 3 layers, causal") << 3 << 3 << true << 4;
        QTest::newRow("4 tokens, 3 layers, bidirectional") << 4 << 3 << false << 5;
    }
    void matchesTheMinimumCut()
    {
        QFETCH(int, tokens);
        QFETCH(int, layers);
        QFETCH(bool, causal);
        QFETCH(int, seed);
        std::mt19937 rng{std::uint32_t(seed)};
        std::vector<Matrix> augmented;
        for (int l = 0; l < layers; ++l)
            augmented.push_back(randomAugmented(tokens, causal, rng));
        for (int q = 0; q < tokens; ++q) {
            const auto flow = attentionFlowOf(augmented, q);
            QVERIFY2(flow.ok(), qPrintable(flow.error()));
            for (int l = 1; l <= layers; ++l)
                for (int j = 0; j < tokens; ++j) {
                    const double cut = bruteForceMinCut(augmented, l, q, j);
                    QVERIFY2(std::abs(flow->maxFlow(l - 1, j) - cut) < 1e-12,
                             qPrintable(QStringLiteral("query %1, layer %2, input %3: flow %4, min cut %5")
                                            .arg(q).arg(l).arg(j).arg(flow->maxFlow(l - 1, j), 0, 'g', 15).arg(cut, 0, 'g', 15)));
                }
        }
    }

    void staysWithinTheCapacities()
    {
        std::mt19937 rng(11);
        const int t = 7, layers = 4;
        std::vector<Matrix> augmented;
        for (int l = 0; l < layers; ++l)
            augmented.push_back(randomAugmented(t, true, rng));
        for (int q = 0; q < t; ++q) {
            const auto flow = attentionFlowOf(augmented, q);
            QVERIFY(flow.ok());
            // Layer 1: the single edge (1, q) → (0, j).
            QCOMPARE(test::compareMatrices(flow->maxFlow.row(0), augmented[0].row(q), 1e-15), QString());
            for (int l = 0; l < layers; ++l) {
                for (int j = 0; j < t; ++j) {
                    const double f = flow->maxFlow(l, j);
                    QVERIFY(f >= 0.0);
                    QVERIFY(f <= 1.0 + 1e-12);                                 // what leaves the source
                    QVERIFY(f <= augmented[0].col(j).sum() + 1e-12);           // what enters the sink
                    if (j > q) QCOMPARE(f, 0.0);                               // causal: no path to a later token
                }
                QVERIFY(std::abs(flow->normalised.row(l).sum() - 1.0) < 1e-12);
            }
        }
    }

    void workLimitRefuses()
    {
        QCOMPARE(attentionFlowWork(10, 2), 1000.0 * 3);
        QCOMPARE(attentionFlowMaxTokens(12), 147); // 147³ · 78 ≤ 2.5e8 < 148³ · 78
        QVERIFY(attentionFlowWork(147, 12) <= kAttentionFlowWorkLimit);
        QVERIFY(attentionFlowWork(148, 12) > kAttentionFlowWorkLimit);
        QVERIFY(checkAttentionFlowSize(147, 12).ok());
        const auto refused = checkAttentionFlowSize(512, 12);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), QStringLiteral("attention flow of 512 tokens through 12 layers would take too long: "
                                                 "at most 147 tokens through 12 layers, or 512 tokens through at "
                                                 "most 1 layer")); // 512³ · 1 ≤ 2.5e8 < 512³ · 3
        // 700 tokens do not fit even one layer: no second way out.
        QCOMPARE(checkAttentionFlowSize(700, 12).error(),
                 QStringLiteral("attention flow of 700 tokens through 12 layers would take too long: at most 147 "
                                "tokens through 12 layers"));

        // The trace's flow is refused before anything is computed.
        Trace trace;
        const int t = 700;
        for (int i = 0; i < t; ++i)
            trace.tokens << QStringLiteral("w");
        LayerTrace layer;
        HeadTrace head;
        head.weights = Matrix(Matrix::Identity(t, t));
        layer.heads.push_back(head);
        trace.layers.push_back(layer);
        const auto flow = attentionFlow(trace, 0);
        QVERIFY(!flow.ok());
        QVERIFY2(flow.error().startsWith(QLatin1String("attention flow of 700 tokens through 1 layer would take too long: at most 629 tokens")),
                 qPrintable(flow.error()));
    }

    void badQueryAndCancellation()
    {
        const std::vector<Matrix> augmented{flowRows2(1, 0, 0.25, 0.75)};
        const auto outOfRange = attentionFlowOf(augmented, 2);
        QVERIFY(!outOfRange.ok());
        QCOMPARE(outOfRange.error(), QStringLiteral("the flow's query 3 is out of range: expected 1 to 2"));
        QVERIFY(!attentionFlowOf(augmented, -1).ok());
        const std::atomic<bool> stop{true};
        const auto stopped = attentionFlowOf(augmented, 1, &stop);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error(), cancelledMessage());
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestAttentionFlow)
} // namespace tst_attention_flow
#include "tst_attention_flow.moc"
