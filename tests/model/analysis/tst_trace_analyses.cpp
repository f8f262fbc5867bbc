// Tests model/analysis/trace_analyses.cpp and its use in computeTrace: the analyses a request asks for land in
// the trace (the hand-derived two-layer case of tst_attention_rollout and tst_attention_flow), what cannot be
// computed leaves its reason, nothing is computed unasked, and a stopped run fails.

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "model/analysis/trace_analyses.h"
#include "model/core/cancellation.h"
#include "model/pipeline/trace_request.h"
#include "model/trace/trace.h"
#include "test_registry.h"
#include "test_support.h"

#include <QTest>

namespace tst_trace_analyses {

using namespace attnlab;
using namespace attnlab::model;

namespace {

Matrix analysesRows2(double a, double b, double c, double d)
{
    Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

// Two tokens, two layers of one head each attending [1/2, 1/2] at token 1: Â_1 = Â_2 = [[1, 0], [1/4, 3/4]],
// R_2 row 1 = [7/16, 9/16], flow of token 1 at layer 2 = [1/2, 3/4] (derived in tst_attention_flow).
Trace handTrace()
{
    Trace trace;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b")};
    for (int l = 0; l < 2; ++l) {
        LayerTrace layer;
        HeadTrace head;
        head.weights = analysesRows2(1, 0, 0.5, 0.5);
        layer.heads.push_back(head);
        trace.layers.push_back(layer);
    }
    return trace;
}

} // namespace

class TestTraceAnalyses : public QObject {
    Q_OBJECT

private slots:
    void storesWhatWasAskedFor()
    {
        Trace trace = handTrace();
        QVERIFY(addTraceAnalyses(trace, AnalysisRequest::rolloutAndFlow(true, 1)).ok());
        QVERIFY(trace.rollout);
        QVERIFY(trace.rolloutError.isEmpty());
        QCOMPARE(test::compareMatrices(trace.rollout->layers[1], analysesRows2(1, 0, 7.0 / 16, 9.0 / 16), 1e-15),
                 QString());
        QVERIFY(trace.flow);
        QCOMPARE(trace.flow->query, 1);
        QCOMPARE(test::compareMatrices(trace.flow->maxFlow, analysesRows2(0.25, 0.75, 0.5, 0.75), 1e-15), QString());

        Trace rolloutOnly = handTrace();
        QVERIFY(addTraceAnalyses(rolloutOnly, AnalysisRequest::rolloutAndFlow(true, -1)).ok());
        QVERIFY(rolloutOnly.rollout);
        QVERIFY(!rolloutOnly.flow);
        QVERIFY(rolloutOnly.flowError.isEmpty());

        Trace nothing = handTrace();
        QVERIFY(addTraceAnalyses(nothing, AnalysisRequest{}).ok());
        QVERIFY(!nothing.rollout && !nothing.flow);
    }

    void keepsTheReasonsItCouldNot()
    {
        Trace outOfRange = handTrace();
        QVERIFY(addTraceAnalyses(outOfRange, AnalysisRequest::rolloutAndFlow(false, 5)).ok());
        QVERIFY(!outOfRange.flow);
        QCOMPARE(outOfRange.flowError, QStringLiteral("the flow's query 6 is out of range: expected 1 to 2"));

        Trace cross = handTrace();
        cross.memoryTokens = {QStringLiteral("x"), QStringLiteral("y")};
        QVERIFY(addTraceAnalyses(cross, AnalysisRequest::rolloutAndFlow(true, 0)).ok());
        QVERIFY(!cross.rollout && !cross.flow);
        QVERIFY(cross.rolloutError.contains(QLatin1String("self-attention")));
        QVERIFY(cross.flowError.contains(QLatin1String("self-attention")));

        Trace stopped = handTrace();
        const std::atomic<bool> stop{true};
        const auto result = addTraceAnalyses(stopped, AnalysisRequest::rolloutAndFlow(false, 1), &stop);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), cancelledMessage());
    }

    void computeTraceAddsThem()
    {
        TraceRequest request;
        request.text = QStringLiteral("the cat sat on the mat");
        request.mask = MaskSpec{MaskKind::Causal, 1, 0, {}};
        request.analyses.rollout = true;
        request.analyses.flowQuery = 3;
        const auto trace = computeTrace(request);
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        const int t = int(trace->tokens.size());
        QCOMPARE(t, 6);
        QVERIFY(trace->rollout);
        QCOMPARE(trace->rollout->layers.size(), trace->layers.size());
        for (const Matrix& r : trace->rollout->layers)
            for (int i = 0; i < t; ++i) {
                QVERIFY(std::abs(r.row(i).sum() - 1.0) < 1e-12);
                QVERIFY(r.row(i).tail(t - i - 1).isZero(0.0));
            }
        QVERIFY(trace->flow);
        QCOMPARE(trace->flow->query, 3);
        QCOMPARE(trace->flow->maxFlow.rows(), Eigen::Index(trace->layers.size()));
        QVERIFY(trace->flow->maxFlow.row(0).tail(2).isZero(0.0)); // tokens 5 and 6 come after token 4

        request.analyses = {};
        const auto plain = computeTrace(request);
        QVERIFY(plain.ok());
        QVERIFY(!plain->rollout && !plain->flow);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestTraceAnalyses)
} // namespace tst_trace_analyses
#include "tst_trace_analyses.moc"
