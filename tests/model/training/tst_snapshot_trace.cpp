// Tests model/training/snapshot_trace.cpp: a hand-made snapshot of two layers × one head over three tokens becomes
// a trace with those tokens, weights and a causal mask, and top predictions in descending probability.

#include "model/training/snapshot_trace.h"
#include "test_registry.h"

#include <QTest>

namespace tst_snapshot_trace {

using namespace attnlab::model;

class TestSnapshotTrace : public QObject {
    Q_OBJECT

private slots:
    void snapshotBecomesATrace()
    {
        AttentionSnapshot snap;
        snap.step = 40;
        snap.layers = 2;
        snap.heads = 1;
        snap.length = 3;
        snap.tokens = {2, 0, 1};
        // layer 0: each query on itself; layer 1: uniform over what it sees
        snap.weights = {1, 0, 0, 0, 1, 0, 0, 0, 1, /**/ 1, 0, 0, 0.5f, 0.5f, 0, 1 / 3.f, 1 / 3.f, 1 / 3.f};
        snap.probabilities = {0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.25f, 0.25f, /**/ 0, 0, 1};
        const QStringList vocabulary{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("|")};
        const Trace trace = snapshotTrace(snap, vocabulary, QStringLiteral("sort · step 40"));
        QCOMPARE(trace.modelName, QStringLiteral("sort · step 40"));
        QVERIFY(trace.trained);
        QCOMPARE(trace.tokens, (QStringList{QStringLiteral("|"), QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(trace.tokenIds, (std::vector<int>{2, 0, 1}));
        QCOMPARE(trace.layers.size(), std::size_t(2));
        QCOMPARE(trace.layers[1].heads[0].weights(2, 1), double(1 / 3.f));
        QCOMPARE(trace.layers[0].heads[0].weights(1, 1), 1.0);
        QVERIFY(trace.layers[1].heads[0].allowed(2, 2));
        QVERIFY(!trace.layers[1].heads[0].allowed(0, 1));
        QCOMPARE(trace.predictions.size(), std::size_t(3));
        QCOMPARE(trace.predictions[0].top[0].first, 1);
        QCOMPARE(trace.predictions[0].top[1].first, 2);
        QCOMPARE(trace.predictions[0].texts.first(), QStringLiteral("b"));
        QCOMPARE(trace.predictions[2].top[0], (std::pair<int, double>{2, 1.0}));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestSnapshotTrace)
} // namespace tst_snapshot_trace
#include "tst_snapshot_trace.moc"
