// Tests model/exact/matrix_problem.cpp (the matrices file and matrix mode) and model/trace/trace_json.cpp.

#include "model/exact/exact_format.h"
#include "model/exact/matrix_problem.h"
#include "test_support.h"
#include "model/trace/trace_json.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

namespace tst_matrix_problem {

using namespace attnlab::model;

namespace {

const QByteArray kExam = R"json({
  "Q": [[1,0],[0,1],[-1,0],[0,-1]],
  "K": [["1/sqrt(2)","1/sqrt(2)"],["-1/√2","1/√2"],["-1/sqrt(2)","-1/sqrt(2)"],["1/√2","-1/√2"]],
  "V": [[12,-3],[14,16],[7,-10],[6,-3]],
  "tokens": ["x1","x2","x3","x4"], "mask": "none",
  "exp_overrides": {"1/2": "3/2"} })json";

QStringList row(const QJsonValue& rows, int r)
{
    QStringList out;
    for (const QJsonValue& v : rows.toArray()[r].toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestMatrixProblem : public QObject {
    Q_OBJECT
private slots:
    void examAnswerKey()
    {
        const auto problem = parseMatrixProblem(kExam, QStringLiteral("exam.json"));
        QVERIFY2(problem.ok(), qPrintable(problem.error()));
        const auto trace = runMatrixProblem(*problem);
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        QCOMPARE(trace->source, TraceSource::Matrices);
        QCOMPARE(trace->scale, 1 / std::sqrt(2.0));
        const QJsonObject json = traceToJson(*trace);
        const QJsonObject display = json[QStringLiteral("display")].toObject();
        QCOMPARE(row(display[QStringLiteral("weights")], 1), (QStringList{"9/26", "9/26", "2/13", "2/13"}));
        QCOMPARE(row(display[QStringLiteral("output")], 1), (QStringList{"11", "5/2"}));
        // Raw scores of query 2 are ±1/√2, shown exactly.
        QCOMPARE(row(display[QStringLiteral("scores")], 1), (QStringList{"√2/2", "√2/2", "-√2/2", "-√2/2"}));
        QCOMPARE(row(display[QStringLiteral("scaled")], 1), (QStringList{"1/2", "1/2", "-1/2", "-1/2"}));
        const QJsonArray weights = json[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")]
                                       .toArray()[0].toObject()[QStringLiteral("weights")].toArray();
        QVERIFY(std::abs(weights[1].toArray()[0].toDouble() - 9.0 / 26) < 1e-12);
    }

    void examWithoutOverrideIsExactSoftmax()
    {
        QByteArray json = kExam;
        json.replace(R"json("exp_overrides": {"1/2": "3/2"})json", R"json("scaling": "sqrt")json");
        const auto trace = runMatrixProblem(parseMatrixProblem(json, QStringLiteral("exam.json")).value());
        const double e = std::exp(0.5), r = std::exp(-0.5), sum = 2 * (e + r);
        const Matrix& w = trace->layers[0].heads[0].weights.toDouble();
        ATTNLAB_COMPARE_MATRIX(Matrix(w.row(1)), Matrix((RowVector(4) << e / sum, e / sum, r / sum, r / sum).finished()), 1e-12);
        // e^{1/2}/(2e^{1/2} + 2e^{−1/2}) is no small fraction: it is shown as a decimal.
        QCOMPARE(formatExact(w(1, 0)), formatDecimal(e / sum));
    }

    void xAloneIsSelfAttention()
    {
        const auto trace = runMatrixProblem(
            parseMatrixProblem(R"json({"X": [[1,0],[0,1]], "scaling": "none"})json", QStringLiteral("x.json")).value());
        QVERIFY(trace.ok());
        // Q = K = V = I: weights row t = softmax(e_t) = (e, 1)/(e + 1) for t = 0.
        const double e = std::exp(1.0);
        ATTNLAB_COMPARE_MATRIX(trace->output.toDouble(), Matrix((Matrix(2, 2) << e, 1, 1, e).finished() / (e + 1)), 1e-12);
        QCOMPARE(trace->tokens, (QStringList{"x1", "x2"}));
        QVERIFY(trace->memoryTokens.isEmpty());
    }

    void projectedWithHeadsAndMemory()
    {
        const QByteArray json = R"json({"X": [[1,2],[3,4],[5,6]], "M": [[1,0],[0,1]],
            "Wq": [[1,0],[0,1]], "Wk": [[2,0],[0,2]], "Wv": [[1,1],[0,1]], "Wo": [[1,0],[0,3]], "heads": 2,
            "memory_tokens": ["m-a", "m-b"]})json";
        const auto trace = runMatrixProblem(parseMatrixProblem(json, QStringLiteral("p.json")).value());
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        QCOMPARE(trace->layers[0].heads.size(), size_t(2));
        QCOMPARE(trace->keyTokens(), (QStringList{"m-a", "m-b"}));
        // Head 1 (d_k = 1): q = x₀ = 1, k = (2, 0), scale 1 -> weights (e², 1)/(e² + 1); v = M·W_v[:,0] = (1, 0).
        const double e2 = std::exp(2.0);
        QVERIFY(std::abs(trace->layers[0].heads[0].weights(0, 0) - e2 / (e2 + 1)) < 1e-12);
        QVERIFY(std::abs(trace->output(0, 0) - e2 / (e2 + 1)) < 1e-12);
    }

    void namedKeysOfTheDirectFormAreTheirOwnSequence()
    {
        // As many K rows as Q rows: self-attention with the query names on both axes, unless the keys are
        // named, as when an editor shows a cross-attention problem in its Q, K, V form.
        QByteArray json = R"json({"Q": [[1],[2]], "K": [[1],[0]], "V": [[1],[0]], "tokens": ["a","b"]})json";
        auto trace = runMatrixProblem(parseMatrixProblem(json, QStringLiteral("s.json")).value());
        QVERIFY(trace->memoryTokens.isEmpty());
        QCOMPARE(trace->keyTokens(), (QStringList{"a", "b"}));
        json.replace(R"json("tokens")json", R"json("memory_tokens": ["m1","m2"], "tokens")json");
        trace = runMatrixProblem(parseMatrixProblem(json, QStringLiteral("c.json")).value());
        QCOMPARE(trace->tokens, (QStringList{"a", "b"}));
        QCOMPARE(trace->keyTokens(), (QStringList{"m1", "m2"}));
    }

    void attentionTooLargeForMatrixMode()
    {
        // 2048 × 2048 for one head is the limit; one more query row, or two heads, is over it.
        MatrixProblem p;
        p.q = Matrix::Zero(2048, 2);
        p.k = Matrix::Zero(2048, 2);
        p.v = Matrix::Zero(2048, 2);
        QVERIFY(validateMatrixProblem(p));
        p.heads = 2;
        const auto twoHeads = runMatrixProblem(p);
        QVERIFY(!twoHeads);
        QCOMPARE(twoHeads.error(), QStringLiteral("the attention matrix would be 2048 × 2048 for each of 2 head(s), more "
                                                  "than the 4194304 cells in all that matrix mode computes; use fewer rows"));
        p.heads = 1;
        p.q = Matrix::Zero(2049, 2);
        QVERIFY(!validateMatrixProblem(p));
        // The projected form counts X's rows against M's (or X's again).
        MatrixProblem x;
        x.x = Matrix::Zero(3000, 2);
        x.wq = x.wk = x.wv = Matrix::Identity(2, 2);
        QVERIFY(!validateMatrixProblem(x));
    }

    void customMaskFromFile()
    {
        const auto trace = runMatrixProblem(parseMatrixProblem(
            R"json({"X": [[1,0],[0,1]], "mask": [[1,0],[0,0]]})json", QStringLiteral("m.json")).value());
        QVERIFY(trace.ok());
        QCOMPARE(trace->layers[0].heads[0].weights(0, 0), 1.0);
        QCOMPARE(trace->layers[0].heads[0].weights.row(1).sum(), 0.0);
        QCOMPARE(trace->warnings.size(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not json") << QByteArray("{\"Q\": [") << "f.json: not valid JSON";
        QTest::newRow("array") << QByteArray("[1]") << "expected a JSON object";
        QTest::newRow("no input") << QByteArray("{}") << "no input";
        QTest::newRow("missing V") << QByteArray(R"json({"Q": [[1]], "K": [[1]]})json") << "missing V";
        QTest::newRow("width") << QByteArray(R"json({"Q": [[1,2]], "K": [[1]], "V": [[1]]})json") << "K has 1 columns but Q has 2";
        QTest::newRow("values") << QByteArray(R"json({"Q": [[1]], "K": [[1],[2]], "V": [[1]]})json") << "V has 1 rows but K has 2";
        QTest::newRow("bad cell") << QByteArray(R"json({"Q": [[1, "2/"]], "K": [[1,1]], "V": [[1]]})json") << "row 1, column 2";
        QTest::newRow("bool cell") << QByteArray(R"json({"X": [[true]]})json") << "X: row 1, column 1: expected a number";
        QTest::newRow("ragged") << QByteArray(R"json({"X": [[1,2],[3]]})json") << "row 2";
        QTest::newRow("unknown key") << QByteArray(R"json({"X": [[1]], "Wz": [[1]]})json") << "unknown key \"Wz\"";
        QTest::newRow("both forms") << QByteArray(R"json({"X": [[1]], "Q": [[1]], "K": [[1]], "V": [[1]]})json") << "not both";
        QTest::newRow("W_k alone") << QByteArray(R"json({"X": [[1]], "Wk": [[1]]})json") << "missing Wq";
        QTest::newRow("heads") << QByteArray(R"json({"X": [[1,2,3]], "heads": 2})json") << "2 heads cannot split";
        QTest::newRow("heads type") << QByteArray(R"json({"X": [[1]], "heads": "two"})json") << "heads: expected a whole number";
        QTest::newRow("tokens count") << QByteArray(R"json({"X": [[1]], "tokens": ["a","b"]})json") << "tokens names 2 tokens";
        QTest::newRow("mask name") << QByteArray(R"json({"X": [[1]], "mask": "upper"})json") << "unknown mask";
        QTest::newRow("mask shape") << QByteArray(R"json({"X": [[1],[2]], "mask": [[1]]})json") << "custom mask is 1 × 1";
        QTest::newRow("override") << QByteArray(R"json({"X": [[1]], "exp_overrides": {"1/2": "-1"}})json") << "must be positive";
        QTest::newRow("override key") << QByteArray(R"json({"X": [[1]], "exp_overrides": {"half": "3/2"}})json") << "exp_overrides: key";
        QTest::newRow("scaling") << QByteArray(R"json({"X": [[1]], "scaling": "cube"})json") << "unknown scaling";
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, fragment);
        const auto r = parseMatrixProblem(json, QStringLiteral("f.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(fragment), qPrintable(r.error()));
        QVERIFY(r.error().startsWith(QStringLiteral("f.json: ")));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestMatrixProblem)
} // namespace tst_matrix_problem
#include "tst_matrix_problem.moc"
