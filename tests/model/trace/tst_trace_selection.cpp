// Tests model/trace/trace_selection.cpp with a hand-built trace of two layers and three heads.

#include "test_support.h"
#include "model/trace/trace_selection.h"
#include "test_registry.h"

#include <QTest>

namespace tst_trace_selection {

using namespace attnlab::model;

namespace {

// Head h of every layer has weights filled with (h + 1)/10 except entry (0, 0) = h/10 … enough to tell
// average from maximum.
Trace threeHeads()
{
    Trace trace;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b")};
    for (int l = 0; l < 2; ++l) {
        LayerTrace layer;
        for (int h = 0; h < 3; ++h) {
            HeadTrace head;
            Matrix weights = Matrix::Constant(2, 2, (h + 1) / 10.0);
            weights(0, 1) = (3 - h) / 10.0; // head 0 has the largest (0, 1)
            head.weights = weights;
            layer.heads.push_back(head);
        }
        trace.layers.push_back(layer);
    }
    return trace;
}

} // namespace

class TestTraceSelection : public QObject {
    Q_OBJECT
private slots:
    void singleHead()
    {
        TraceSelection s;
        s.head = 2;
        ATTNLAB_COMPARE_MATRIX(selectedWeights(threeHeads(), s), threeHeads().layers[0].heads[2].weights.toDouble(), 0.0);
    }

    void averageOfVisibleHeads()
    {
        TraceSelection s;
        s.head = AverageHeads;
        s.hiddenHeads = {1};
        // Heads 0 and 2: (0.1 + 0.3)/2 = 0.2 everywhere but (0, 1) = (0.3 + 0.1)/2 = 0.2.
        ATTNLAB_COMPARE_MATRIX(selectedWeights(threeHeads(), s), Matrix::Constant(2, 2, 0.2), 1e-15);
    }

    void maximumOfHeads()
    {
        TraceSelection s;
        s.head = MaxHeads;
        Matrix expected = Matrix::Constant(2, 2, 0.3);
        ATTNLAB_COMPARE_MATRIX(selectedWeights(threeHeads(), s), expected, 1e-15);
    }

    void everyHeadHidden()
    {
        TraceSelection s;
        s.head = AllHeads;
        s.hiddenHeads = {0, 1, 2};
        // Averages fall back to all heads; drawing views draw none.
        QCOMPARE(visibleHeads(threeHeads(), s), (std::vector<int>{0, 1, 2}));
        QVERIFY(drawnHeads(threeHeads(), s).empty());
        s.hiddenHeads = {1};
        QCOMPARE(drawnHeads(threeHeads(), s), (std::vector<int>{0, 2}));
        s.head = 1;
        QCOMPARE(drawnHeads(threeHeads(), s), (std::vector<int>{1}));
    }

    void clamping()
    {
        TraceSelection s;
        s.layer = 7;
        s.head = 9;
        s.query = 5;
        const TraceSelection c = clampSelection(s, threeHeads());
        QCOMPARE(c.layer, 1);
        QCOMPARE(c.head, 2);
        QCOMPARE(c.query, -1);
        QVERIFY(selectedWeights(Trace{}, s).size() == 0);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestTraceSelection)
} // namespace tst_trace_selection
#include "tst_trace_selection.moc"
