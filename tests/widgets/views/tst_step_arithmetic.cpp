// Tests widgets/views/step_arithmetic.cpp: the step view's written-out arithmetic for the exam, whole strings
// derived by hand, and the value, cell, operation and title texts.
//
// The exam: Q = [[1,0],[0,1],[−1,0],[0,−1]], K rows (r, r), (−r, r), (−r, −r), (r, −r) with r = 1/√2 = √2/2,
// V = [[12,−3],[14,16],[7,−10],[6,−3]], d_k = 2, exp(1/2) ≈ 3/2 (so exp(−1/2) ≈ 2/3). For query 2, q = (0,
// 1):
//   scores   q·k_j = 0·k_j1 + 1·k_j2 = √2/2, √2/2, −√2/2, −√2/2
//   scaled   ÷ √2: 1/2, 1/2, −1/2, −1/2
//   softmax  [3/2, 3/2, 2/3, 2/3] / (3 + 4/3 = 13/3) = 9/26, 9/26, 2/13, 2/13
//   output   9/26·(12 + 14) + 2/13·(7 + 6) = 9 + 2 = 11;  9/26·(−3 + 16) + 2/13·(−10 − 3) = 9/2 − 2 = 5/2.
// With a causal mask query 2 sees keys 1 and 2 only: [3/2, 3/2] / 3 = 1/2, 1/2, and
//   y = 1/2·(12 + 14), 1/2·(−3 + 16) = 13, 13/2.

#include "model/exact/matrix_problem.h"
#include "widgets/views/step_arithmetic.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

namespace tst_step_arithmetic {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

const QString kMinus = QStringLiteral("\u2212");
const QString kMinusInfinity = QStringLiteral("\u2212\u221E");

model::Trace examTrace(const model::MaskSpec& mask = {}, const model::Scaling& scaling = {})
{
    const double r = 1.0 / std::sqrt(2.0);
    model::MatrixProblem problem;
    problem.q = model::Matrix{{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    problem.k = model::Matrix{{r, r}, {-r, r}, {-r, -r}, {r, -r}};
    problem.v = model::Matrix{{12, -3}, {14, 16}, {7, -10}, {6, -3}};
    problem.tokens = {QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3"), QStringLiteral("x4")};
    problem.options.expOverrides = {{0.5, 1.5}};
    problem.options.mask = mask;
    problem.options.scaling = scaling;
    auto trace = model::runMatrixProblem(problem);
    if (!trace.ok()) qFatal("%s", qPrintable(trace.error()));
    return std::move(trace).value();
}

// "-" as the views write it, a true minus sign; "⁨x⁩" for an isolated token.
QString m(QString text)
{
    return text.replace(QLatin1Char('-'), kMinus);
}

QString iso(const char* token)
{
    return QChar(0x2068) + QLatin1String(token) + QChar(0x2069);
}

} // namespace

class TestStepArithmetic : public QObject {
    Q_OBJECT
private slots:
    void examQuery2Exact_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("scores")
            << 0
            << m("s₂ = q₂·Kᵀ = [0·√2/2 + 1·√2/2, 0·(-√2/2) + 1·√2/2, 0·(-√2/2) + 1·(-√2/2), "
                 "0·√2/2 + 1·(-√2/2)] = [√2/2, √2/2, -√2/2, -√2/2]");
        QTest::newRow("scaled") << 1
                                << m("s₂ / √dₖ = [√2/2, √2/2, -√2/2, -√2/2] / √2 = [1/2, 1/2, -1/2, -1/2]");
        QTest::newRow("masked") << 2 << m("m₂ = [1/2, 1/2, -1/2, -1/2]  (no key is masked for this query)");
        QTest::newRow("softmax")
            << 3
            << m("a₂ = [e^{1/2}, e^{1/2}, e^{-1/2}, e^{-1/2}] / Σ = [3/2, 3/2, 2/3, 2/3] / (13/3) = "
                 "[9/26, 9/26, 2/13, 2/13]");
        QTest::newRow("output")
            << 4 << m("y₂ = 9/26·[12, -3] + 9/26·[14, 16] + 2/13·[7, -10] + 2/13·[6, -3] = [11, 5/2]");
    }
    void examQuery2Exact()
    {
        QFETCH(int, step);
        QFETCH(QString, expected);
        const model::Trace trace = examTrace();
        QCOMPARE(stepRowArithmetic(trace, trace.layers[0].heads[0], 1, step, true), expected);
    }

    void examQuery1Scores()
    {
        // q₁ = (1, 0): q·k_j = k_j1 = √2/2, −√2/2, −√2/2, √2/2.
        const model::Trace trace = examTrace();
        QCOMPARE(stepRowArithmetic(trace, trace.layers[0].heads[0], 0, 0, true),
                 m("s₁ = q₁·Kᵀ = [1·√2/2 + 0·√2/2, 1·(-√2/2) + 0·√2/2, 1·(-√2/2) + 0·(-√2/2), 1·√2/2 + "
                   "0·(-√2/2)] = "
                   "[√2/2, -√2/2, -√2/2, √2/2]"));
    }

    void examQuery2Decimal()
    {
        // The same numbers to three significant digits: 9/26 = 0.346…, 2/13 = 0.154, 13/3 = 4.33, 2/3 =
        // 0.667.
        const model::Trace trace = examTrace();
        const model::HeadTrace& head = trace.layers[0].heads[0];
        QCOMPARE(stepRowArithmetic(trace, head, 1, 3, false),
                 m("a₂ = [e^{0.5}, e^{0.5}, e^{-0.5}, e^{-0.5}] / Σ = [1.5, 1.5, 0.667, 0.667] / 4.33 = "
                   "[0.346, 0.346, 0.154, 0.154]"));
        QCOMPARE(stepRowArithmetic(trace, head, 1, 4, false),
                 m("y₂ = 0.346·[12, -3] + 0.346·[14, 16] + 0.154·[7, -10] + 0.154·[6, -3] = [11, 2.5]"));
        QCOMPARE(stepRowArithmetic(trace, head, 1, 1, false),
                 m("s₂ / √dₖ = [0.707, 0.707, -0.707, -0.707] / √2 = [0.5, 0.5, -0.5, -0.5]"));
    }

    void causalMask()
    {
        const model::Trace trace = examTrace(model::MaskSpec::causal());
        const model::HeadTrace& head = trace.layers[0].heads[0];
        QCOMPARE(stepRowArithmetic(trace, head, 1, 2, true),
                 m("m₂ = [1/2, 1/2, ") + kMinusInfinity + QStringLiteral(", ") + kMinusInfinity +
                     QStringLiteral("]  (masked keys %1, %2 get −∞, so weight 0)").arg(iso("x3"), iso("x4")));
        QCOMPARE(
            stepRowArithmetic(trace, head, 1, 3, true),
            QStringLiteral(
                "a₂ = [e^{1/2}, e^{1/2}, e^{−∞}, e^{−∞}] / Σ = [3/2, 3/2, 0, 0] / 3 = [1/2, 1/2, 0, 0]"));
        QCOMPARE(stepRowArithmetic(trace, head, 1, 4, true),
                 m("y₂ = 1/2·[12, -3] + 1/2·[14, 16] = [13, 13/2]"));
        // Query 1 sees itself only: q₁·k₁ scaled is 1/2, the weight 1, the output v₁.
        QCOMPARE(stepRowArithmetic(trace, head, 0, 3, true),
                 QStringLiteral(
                     "a₁ = [e^{1/2}, e^{−∞}, e^{−∞}, e^{−∞}] / Σ = [3/2, 0, 0, 0] / (3/2) = [1, 0, 0, 0]"));
        QCOMPARE(stepRowArithmetic(trace, head, 0, 4, true), m("y₁ = 1·[12, -3] = [12, -3]"));
    }

    void fullyMaskedRow()
    {
        model::MaskSpec mask;
        mask.kind = model::MaskKind::Custom;
        mask.custom = model::BoolMatrix::Constant(4, 4, true);
        mask.custom.row(0).setConstant(false);
        const model::Trace trace = examTrace(mask);
        const model::HeadTrace& head = trace.layers[0].heads[0];
        QCOMPARE(stepRowArithmetic(trace, head, 0, 3, true),
                 QStringLiteral("a₁ = 0  (every key is masked for this query)"));
        QCOMPARE(stepRowArithmetic(trace, head, 0, 4, true), QStringLiteral("y₁ = 0 = [0, 0]"));
        QCOMPARE(stepRowArithmetic(trace, head, 0, 2, true),
                 QStringLiteral("m₁ = [−∞, −∞, −∞, −∞]  (masked keys %1, %2, %3, %4 get −∞, so weight 0)")
                     .arg(iso("x1"), iso("x2"), iso("x3"), iso("x4")));
    }

    void otherScalings()
    {
        // τ = 2: √2/2 ÷ 2 = √2/4; the exp override (x = 1/2) does not apply to these scores.
        const model::Trace hot = examTrace({}, {model::ScaleKind::Temperature, 2.0});
        const model::HeadTrace& head = hot.layers[0].heads[0];
        QCOMPARE(stepRowArithmetic(hot, head, 1, 1, true),
                 m("s₂ / τ = [√2/2, √2/2, -√2/2, -√2/2] / 2 = [√2/4, √2/4, -√2/4, -√2/4]"));
        QCOMPARE(stepOperation(hot, head, 1), QStringLiteral("÷ τ = 2"));
        QCOMPARE(stepMatrixTitle(hot, 1), QStringLiteral("S / τ"));
        // τ = 1/2 is a fraction: in parentheses after "/".
        const model::Trace cold = examTrace({}, {model::ScaleKind::Temperature, 0.5});
        QCOMPARE(stepRowArithmetic(cold, cold.layers[0].heads[0], 1, 1, true),
                 m("s₂ / τ = [√2/2, √2/2, -√2/2, -√2/2] / (1/2) = [√2, √2, -√2, -√2]"));
        // No scaling.
        const model::Trace plain = examTrace({}, {model::ScaleKind::None, 1.0});
        QCOMPARE(stepRowArithmetic(plain, plain.layers[0].heads[0], 1, 1, true),
                 m("s₂ · 1 = [√2/2, √2/2, -√2/2, -√2/2] · 1 = [√2/2, √2/2, -√2/2, -√2/2]"));
        QCOMPARE(stepOperation(plain, plain.layers[0].heads[0], 1), QStringLiteral("× 1"));
        QCOMPARE(stepMatrixTitle(plain, 1), QStringLiteral("S (unscaled)"));
    }

    // A checkpoint's trace: gemma3 scales by 1/√query_pre_attn_scalar (here 6, its scale rounded through float),
    // not by 1/√dₖ; its q and k were RMS-normed per head and rotated by RoPE before the dot product.
    void checkpointScalesAndNotes()
    {
        model::Trace trace = examTrace();
        const int dk = int(trace.layers[0].heads[0].q.cols());
        QCOMPARE(stepOperation(trace, trace.layers[0].heads[0], 1), QStringLiteral("÷ √%1").arg(dk));
        QCOMPARE(stepMatrixTitle(trace, 1), QStringLiteral("S / √dₖ"));
        QCOMPARE(stepDescription(trace, trace.layers[0].heads[0], 0),
                 QStringLiteral("each query is compared with every key by a dot product"));

        trace.scale = double(float(1.0 / std::sqrt(6.0)));
        trace.rope.dims = dk;
        trace.rope.base = 10000.0;
        trace.queryKeyNorm = true;
        trace.layers[0].heads[0].scaled = model::TraceMatrix(); // a checkpoint's trace derives it: scores · scale
        const model::HeadTrace& head = trace.layers[0].heads[0];
        QCOMPARE(stepOperation(trace, head, 1), QStringLiteral("÷ √6"));
        QCOMPARE(stepMatrixTitle(trace, 1), QStringLiteral("S / √6"));
        QCOMPARE(stepDescription(trace, head, 1),
                 QStringLiteral("the scores are scaled by 1/√6, the model's query_pre_attn_scalar, instead of 1/√dₖ = 1/√%1")
                     .arg(dk));
        QVERIFY(stepRowArithmetic(trace, head, 1, 1, false).startsWith(QStringLiteral("s₂ / √6 = ")));
        QCOMPARE(stepDescription(trace, head, 0),
                 QStringLiteral("each query is compared with every key by a dot product, after both were RMS-normed "
                                "per head and rotated by RoPE"));
        trace.queryKeyNorm = false;
        QCOMPARE(stepDescription(trace, head, 0),
                 QStringLiteral("each query is compared with every key by a dot product, after both were rotated by RoPE"));
    }

    void longRowsAreShortened()
    {
        // One query against ten keys k_j = j: the products are left out (more than six keys), and the list
        // keeps its first six entries, "…" and the last.
        model::MatrixProblem problem;
        problem.q = model::Matrix{{1}};
        problem.k = model::Matrix(10, 1);
        for (int j = 0; j < 10; ++j)
            (*problem.k)(j, 0) = j + 1;
        problem.v = *problem.k;
        problem.options.scaling = {model::ScaleKind::None, 1.0};
        const auto trace = model::runMatrixProblem(problem);
        QVERIFY2(trace.ok(), qPrintable(trace.ok() ? QString() : trace.error()));
        QCOMPARE(stepRowArithmetic(*trace, trace->layers[0].heads[0], 0, 0, true),
                 QStringLiteral("s₁ = q₁·Kᵀ = [1, 2, 3, 4, 5, 6, …, 10]"));
        // The output sum keeps three terms, "…" and the last.
        const QString output = stepRowArithmetic(*trace, trace->layers[0].heads[0], 0, 4, false);
        QCOMPARE(output.count(QStringLiteral(" + ")), 4);
        QVERIFY2(output.contains(QStringLiteral(" + … + ")), qPrintable(output));
    }

    void outOfRangeIsEmpty()
    {
        const model::Trace trace = examTrace();
        QCOMPARE(stepRowArithmetic(trace, trace.layers[0].heads[0], 4, 3, true), QString());
        QCOMPARE(stepRowArithmetic(trace, trace.layers[0].heads[0], -1, 0, true), QString());
    }

    void valueTexts()
    {
        QCOMPARE(stepValueText(9.0 / 26.0, true), QStringLiteral("9/26"));
        QCOMPARE(stepValueText(-9.0 / 26.0, true), m("-9/26"));
        QCOMPARE(stepValueText(std::sqrt(2.0) / 2, true), QStringLiteral("√2/2"));
        QCOMPARE(stepValueText(9.0 / 26.0, false), QStringLiteral("0.346"));
        QCOMPARE(stepValueText(-2.5, false), m("-2.5"));
        QCOMPARE(stepValueText(INFINITY, true), QStringLiteral("∞"));
        QCOMPARE(stepValueText(-INFINITY, false), kMinusInfinity);

        QCOMPARE(stepCellText(9.0 / 26.0, true), QStringLiteral("9/26"));
        QCOMPARE(stepCellText(9.0 / 26.0, false), QStringLiteral("0.35"));
        QCOMPARE(stepCellText(-4.6363, false), m("-4.64"));
        QCOMPARE(stepCellText(12.345, false), QStringLiteral("12.3")); // three significant digits from 10 up
        QCOMPARE(stepCellText(123.4, false), QStringLiteral("123"));
        QCOMPARE(stepCellText(-0.001, false), QStringLiteral("0.00")); // no "−0.00"
        QCOMPARE(stepCellText(-INFINITY, false), kMinusInfinity);

        QCOMPARE(subscriptNumber(2), QStringLiteral("₂"));
        QCOMPARE(subscriptNumber(12), QStringLiteral("₁₂"));
        QCOMPARE(subscriptNumber(0), QStringLiteral("₀"));
        QCOMPARE(isolatedToken(QStringLiteral("سلام")), QStringLiteral("\u2068سلام\u2069"));
    }

    void operationsAndTitles()
    {
        const model::Trace trace = examTrace();
        const model::HeadTrace& head = trace.layers[0].heads[0];
        const QStringList operations{"QKᵀ", "÷ √2", "mask", "softmax", "× V"};
        const QStringList titles{"S = QKᵀ", "S / √dₖ", "masked", "A = softmax", "Y = A·V"};
        for (int step = 0; step < kAttentionStepCount; ++step) {
            QCOMPARE(stepOperation(trace, head, step), operations[step]);
            QCOMPARE(stepMatrixTitle(trace, step), titles[step]);
            QVERIFY(!stepDescription(trace, head, step).isEmpty());
        }
        QCOMPARE(stepDescription(trace, head, 3), QStringLiteral("each row turns into weights that sum to 1"));
        QCOMPARE(stepOperation(trace, head, 5), QString());
    }

    void html()
    {
        // The softmax row: the name, then its three parts one per line after "=", e^{x} as superscripts.
        const model::Trace trace = examTrace();
        ViewStyle style;
        style.exact = true;
        const QString html = stepArithmeticHtml(trace, trace.layers[0].heads[0], 1, 3, style);
        QVERIFY2(html.startsWith(
                     QStringLiteral("<p style=\"color:#909098; font-size:small\">Query row 2 (“%1”) at "
                                    "step 4, written out</p>")
                         .arg(iso("x2"))),
                 qPrintable(html));
        QCOMPARE(html.count(QStringLiteral("<tr>")), 3);
        // Each part is one left-to-right isolate (U+2066 … U+2069): the formulas keep their order in Persian.
        const QString lri(QChar(0x2066)), pdi(QChar(0x2069));
        QVERIFY2(html.contains(QStringLiteral(">") + lri + QStringLiteral("a₂") + pdi + QStringLiteral("</b></td><td>") + lri +
                               QStringLiteral("= [e<sup>1/2</sup>, e<sup>1/2</sup>, e<sup>") + kMinus +
                               QStringLiteral("1/2</sup>, e<sup>") + kMinus + QStringLiteral("1/2</sup>] / Σ") + pdi +
                               QStringLiteral("</td></tr>")),
                 qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<td>") + lri + QStringLiteral("= [9/26, 9/26, 2/13, 2/13]") + pdi +
                              QStringLiteral("</td></tr></table>")));
        QVERIFY(!html.contains(QStringLiteral("e^{")));
    }
};

ATTNLAB_TEST_MAIN(TestStepArithmetic)
} // namespace tst_step_arithmetic
#include "tst_step_arithmetic.moc"
