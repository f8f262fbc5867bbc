// Tests model/analysis/trace_comparison.cpp on traces built by hand: the difference A − B of one head, of the mean
// and of the maximum of the visible heads, worked out by hand on the block the two traces share; the alignment on
// the shorter input and its warning; the differing tokens; and the refusal of traces of different shapes.

#include "model/analysis/trace_comparison.h"
#include "model/trace/trace.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

namespace tst_trace_comparison {

using namespace attnlab;
using namespace attnlab::model;

namespace {

Matrix rowsOf(int n, std::initializer_list<double> values)
{
    Matrix m(n, n);
    auto it = values.begin();
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            m(i, j) = *it++;
    return m;
}

// A causal self-attention trace of the tokens whose layer l has the heads' weights layers[l].
Trace comparisonTestTrace(const QStringList& tokens, const std::vector<std::vector<Matrix>>& layers)
{
    Trace trace;
    trace.tokens = tokens;
    const int t = int(tokens.size());
    for (int i = 0; i < t; ++i) {
        trace.tokenIds.push_back(i);
        trace.positions.push_back(i);
    }
    BoolMatrix causal(t, t);
    for (int i = 0; i < t; ++i)
        for (int j = 0; j < t; ++j)
            causal(i, j) = j <= i;
    for (const std::vector<Matrix>& heads : layers) {
        LayerTrace layer;
        for (const Matrix& w : heads) {
            HeadTrace head;
            head.weights = w;
            head.allowed = causal;
            layer.heads.push_back(head);
        }
        trace.layers.push_back(layer);
    }
    return trace;
}

// A: "the cat sat", one layer of two heads; B: "the dog", one layer of two heads.
Trace traceA()
{
    return comparisonTestTrace({QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat")},
                               {{rowsOf(3, {1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5}), rowsOf(3, {1, 0, 0, 0.9, 0.1, 0, 0.1, 0.1, 0.8})}});
}

Trace traceB()
{
    return comparisonTestTrace({QStringLiteral("the"), QStringLiteral("dog")},
                               {{rowsOf(2, {1, 0, 0.25, 0.75}), rowsOf(2, {1, 0, 0.75, 0.25})}});
}

TraceSelection selectHead(int head, QSet<int> hidden = {})
{
    TraceSelection s;
    s.layer = 0;
    s.head = head;
    s.hiddenHeads = hidden;
    return s;
}

} // namespace

class TestTraceComparison : public QObject {
    Q_OBJECT

private slots:
    // One head: A's first 2 × 2 block minus B's, by hand: row 2 is (0.5 − 0.25, 0.5 − 0.75) = (0.25, −0.25).
    void oneHeadDifference()
    {
        const auto c = compareTraces(traceA(), traceB(), selectHead(0));
        QVERIFY2(c, qPrintable(c.error()));
        QCOMPARE(c->difference.rows(), 2);
        QCOMPARE(c->difference.cols(), 2);
        QCOMPARE(c->difference(0, 0), 0.0);
        QCOMPARE(c->difference(0, 1), 0.0);
        QCOMPARE(c->difference(1, 0), 0.25);
        QCOMPARE(c->difference(1, 1), -0.25);
        QCOMPARE(c->largest, 0.25);
        // causal: the query "the" may not attend "dog"/"cat", which neither trace lets it
        QVERIFY(!c->allowed(0, 1));
        QVERIFY(c->allowed(1, 0) && c->allowed(1, 1) && c->allowed(0, 0));
        // head 2: row 2 is (0.9 − 0.75, 0.1 − 0.25) = (0.15, −0.15)
        const auto second = compareTraces(traceA(), traceB(), selectHead(1));
        QVERIFY(second);
        QVERIFY(qAbs(second->difference(1, 0) - 0.15) < 1e-12);
        QVERIFY(qAbs(second->difference(1, 1) + 0.15) < 1e-12);
    }

    // The average: each trace's mean of its heads first. A row 2: ((0.5 + 0.9)/2, (0.5 + 0.1)/2) = (0.7, 0.3);
    // B row 2: ((0.25 + 0.75)/2, (0.75 + 0.25)/2) = (0.5, 0.5); A − B = (0.2, −0.2). The maximum: A (0.9, 0.5),
    // B (0.75, 0.75): (0.15, −0.25). With head 2 hidden the average is head 1 alone: (0.25, −0.25).
    void aggregatedDifference()
    {
        const auto mean = compareTraces(traceA(), traceB(), selectHead(AverageHeads));
        QVERIFY(mean);
        QVERIFY(qAbs(mean->difference(1, 0) - 0.2) < 1e-12);
        QVERIFY(qAbs(mean->difference(1, 1) + 0.2) < 1e-12);
        QCOMPARE(mean->difference(0, 0), 0.0);
        const auto max = compareTraces(traceA(), traceB(), selectHead(MaxHeads));
        QVERIFY(max);
        QVERIFY(qAbs(max->difference(1, 0) - 0.15) < 1e-12);
        QVERIFY(qAbs(max->difference(1, 1) + 0.25) < 1e-12);
        QVERIFY(qAbs(max->largest - 0.25) < 1e-12);
        const auto hidden = compareTraces(traceA(), traceB(), selectHead(AverageHeads, {1}));
        QVERIFY(hidden);
        QCOMPARE(hidden->difference(1, 0), 0.25);
        QCOMPARE(hidden->difference(1, 1), -0.25);
    }

    // A trace compared with itself differs nowhere, and the same tokens give no warning and no differing token.
    void sameTraceIsZero()
    {
        const auto c = compareTraces(traceA(), traceA(), selectHead(AverageHeads));
        QVERIFY(c);
        QCOMPARE(c->difference.rows(), 3);
        QCOMPARE(c->difference.cwiseAbs().maxCoeff(), 0.0);
        QCOMPARE(c->largest, 0.0);
        QVERIFY(c->alignment.warning.isEmpty());
        QVERIFY(c->alignment.differing.empty());
    }

    // T = min(T_A, T_B), with a warning naming both counts, either way round; the differing positions.
    void alignmentWarning()
    {
        const TraceAlignment ab = alignTraces(traceA(), traceB());
        QCOMPARE(ab.tokens, 2);
        QCOMPARE(ab.keys, 2);
        QCOMPARE(ab.tokensA, 3);
        QCOMPARE(ab.tokensB, 2);
        QCOMPARE(ab.warning, QStringLiteral("A has 3 tokens and B 2: compared on the first 2"));
        QCOMPARE(ab.differing, std::vector<int>{1});
        QCOMPARE(differingTokensText(traceA(), traceB(), ab), QStringLiteral("2: cat → dog"));
        const TraceAlignment ba = alignTraces(traceB(), traceA());
        QCOMPARE(ba.warning, QStringLiteral("A has 2 tokens and B 3: compared on the first 2"));
        QCOMPARE(differingTokensText(traceB(), traceA(), ba), QStringLiteral("2: dog → cat"));

        QStringList thirteen, twelve;
        for (int i = 0; i < 13; ++i)
            thirteen << QStringLiteral("w%1").arg(i);
        twelve = thirteen.mid(0, 12);
        const TraceAlignment long13 = alignTraces(comparisonTestTrace(thirteen, {}), comparisonTestTrace(twelve, {}));
        QCOMPARE(long13.warning, QStringLiteral("A has 13 tokens and B 12: compared on the first 12"));
        QVERIFY(long13.differing.empty());
        // one token each: "1 token", not "1 tokens"
        const TraceAlignment one = alignTraces(comparisonTestTrace({QStringLiteral("a")}, {}), traceB());
        QCOMPARE(one.warning, QStringLiteral("A has 1 token and B 2: compared on the first 1"));
    }

    // Different layers or heads: no difference, a message naming both shapes.
    void refusedShapes()
    {
        const Trace twoLayers = comparisonTestTrace({QStringLiteral("the"), QStringLiteral("dog")},
                                                    {{rowsOf(2, {1, 0, 0.5, 0.5}), rowsOf(2, {1, 0, 0.5, 0.5})},
                                                     {rowsOf(2, {1, 0, 0.5, 0.5}), rowsOf(2, {1, 0, 0.5, 0.5})}});
        const auto layers = compareTraces(traceA(), twoLayers, selectHead(0));
        QVERIFY(!layers);
        QCOMPARE(layers.error(), QStringLiteral("A has 1 layer × 2 heads and B 2 layers × 2 heads: A − B needs the same "
                                                "layers and heads (side by side only)"));
        const Trace oneHead = comparisonTestTrace({QStringLiteral("the"), QStringLiteral("dog")}, {{rowsOf(2, {1, 0, 0.5, 0.5})}});
        const auto heads = compareTraces(oneHead, traceA(), selectHead(0));
        QVERIFY(!heads);
        QVERIFY2(heads.error().startsWith(QStringLiteral("A has 1 layer × 1 head and B 1 layer × 2 heads")),
                 qPrintable(heads.error()));
        QVERIFY(checkSameShape(traceA(), traceB()));
        const Trace mixed = comparisonTestTrace({QStringLiteral("a"), QStringLiteral("b")},
                                                {{rowsOf(2, {1, 0, 0.5, 0.5}), rowsOf(2, {1, 0, 0.5, 0.5})},
                                                 {rowsOf(2, {1, 0, 0.5, 0.5})}});
        QCOMPARE(traceShapeText(mixed), QStringLiteral("2 layers (2, 1 heads)"));
        const auto empty = compareTraces(comparisonTestTrace({QStringLiteral("a")}, {}), traceA(), selectHead(0));
        QVERIFY(!empty);
        QVERIFY(empty.error().contains(QStringLiteral("A has no attention heads")));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestTraceComparison)
} // namespace tst_trace_comparison

#include "tst_trace_comparison.moc"
