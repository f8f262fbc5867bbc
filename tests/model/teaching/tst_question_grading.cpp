// Tests model/teaching/question_grading.cpp: the right answers of each question kind on hand-made weights
// (ties included), typed numbers in the forms a learner writes, and tolerances at their edges.

#include "model/teaching/question_grading.h"
#include "test_registry.h"

#include <QTest>

Q_DECLARE_METATYPE(std::vector<double>)

namespace tst_question_grading {

using namespace attnlab::model;

class TestQuestionGrading : public QObject {
    Q_OBJECT
private slots:
    void strongestKeyOfARow()
    {
        // softmax((0, 1, 0.5)): key 2 (0-based 1) is the largest.
        const Eigen::Vector3d scores(0, 1, 0.5);
        const Eigen::VectorXd weights = scores.array().exp() / scores.array().exp().sum();
        QCOMPARE(strongestKeys(weights), std::vector<int>{1});
        // A causal row that spreads evenly over its three visible keys: all three are right, the masked one not.
        const Eigen::Vector4d even(1 / 3.0, 1 / 3.0, 1 / 3.0, 0);
        QCOMPARE(strongestKeys(even), (std::vector<int>{0, 1, 2}));
        // Float weights that differ in the last bits are a tie; 1e-4 apart they are not.
        QCOMPARE(strongestKeys(Eigen::Vector2d(0.5f, 0.5 + 1e-8)), (std::vector<int>{0, 1}));
        QCOMPARE(strongestKeys(Eigen::Vector2d(0.5, 0.5001)), std::vector<int>{1});
        QVERIFY(strongestKeys(Eigen::VectorXd()).empty());
    }

    void strongestHeadOfAGrid()
    {
        // weights (L = 2, H = 3) from the query to the key: layer 2's head 1 links them most.
        Eigen::MatrixXd w(2, 3);
        w << 0.1, 0.2, 0.3, //
            0.9, 0.05, 0.3;
        QCOMPARE(strongestHeads(w), (std::vector<std::pair<int, int>>{{1, 0}}));
        w(0, 2) = 0.9;
        QCOMPARE(strongestHeads(w), (std::vector<std::pair<int, int>>{{0, 2}, {1, 0}}));
    }

    void rightKeysAndHeadsOfATrace()
    {
        // Two layers of two heads over three tokens, weights written by hand (rows sum to 1).
        const auto head = [](std::initializer_list<double> rows) {
            HeadTrace h;
            h.weights = Matrix(Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(rows.begin()));
            return h;
        };
        Trace trace;
        trace.tokens = QStringList{"a", "b", "c"};
        trace.layers.resize(2);
        trace.layers[0].heads = {head({1, 0, 0, 0.2, 0.8, 0, 0.1, 0.3, 0.6}), head({1, 0, 0, 0.9, 0.1, 0, 0.5, 0.1, 0.4})};
        trace.layers[1].heads = {head({1, 0, 0, 0.6, 0.4, 0, 0.2, 0.7, 0.1}), head({1, 0, 0, 0.3, 0.7, 0, 0.3, 0.3, 0.4})};
        TraceSelection selection;
        // Query "c" (2) in layer 1 head 1: (0.1, 0.3, 0.6) -> key 2; head 2: (0.5, 0.1, 0.4) -> key 0.
        QCOMPARE(rightKeys(trace, selection, 2), std::vector<int>{2});
        selection.head = 1;
        QCOMPARE(rightKeys(trace, selection, 2), std::vector<int>{0});
        // All heads shown: their mean, (0.3, 0.2, 0.5) -> key 2; with head 1 switched off, head 2's row alone.
        selection.head = AllHeads;
        QCOMPARE(rightKeys(trace, selection, 2), std::vector<int>{2});
        selection.hiddenHeads = {0};
        QCOMPARE(rightKeys(trace, selection, 2), std::vector<int>{0});
        QVERIFY(rightKeys(trace, selection, 3).empty());

        // "b" (1) -> "a" (0): layer 1's heads give 0.2 and 0.9 -> head 2 of layer 1; over both layers still that one.
        selection = TraceSelection{};
        selection.head = AllHeads;
        QCOMPARE(rightHeads(trace, selection, 1, 0, false), (std::vector<std::pair<int, int>>{{0, 1}}));
        QCOMPARE(rightHeads(trace, selection, 1, 0, true), (std::vector<std::pair<int, int>>{{0, 1}}));
        // In layer 2 alone (0.6, 0.3) head 1; a switched-off head is never right.
        selection.layer = 1;
        QCOMPARE(rightHeads(trace, selection, 1, 0, false), (std::vector<std::pair<int, int>>{{1, 0}}));
        selection.hiddenHeads = {0};
        QCOMPARE(rightHeads(trace, selection, 1, 0, false), (std::vector<std::pair<int, int>>{{1, 1}}));
        // "c" -> "b" over every layer: (0.3, 0.1 | 0.7, 0.3). A switched-off head is off in every layer, so with head 1
        // off only 0.1 and 0.3 are left: layer 2 head 2; with every head on, layer 2 head 1.
        QCOMPARE(rightHeads(trace, selection, 2, 1, true), (std::vector<std::pair<int, int>>{{1, 1}}));
        selection.hiddenHeads.clear();
        QCOMPARE(rightHeads(trace, selection, 2, 1, true), (std::vector<std::pair<int, int>>{{1, 0}}));
    }

    void typedNumbers_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<std::vector<double>>("values");
        QTest::newRow("fraction") << "9/26" << std::vector<double>{9.0 / 26};
        QTest::newRow("spaced fraction") << " 9 / 26 " << std::vector<double>{9.0 / 26};
        QTest::newRow("decimal") << "0.346" << std::vector<double>{0.346};
        QTest::newRow("negative exponent") << "-1.5e-3" << std::vector<double>{-0.0015};
        QTest::newRow("root") << "√2/2" << std::vector<double>{std::sqrt(2.0) / 2};
        QTest::newRow("row") << "11, 5/2" << std::vector<double>{11, 2.5};
        QTest::newRow("bracketed row") << "[11, 5/2]" << std::vector<double>{11, 2.5};
        QTest::newRow("spaces") << "11 5/2" << std::vector<double>{11, 2.5};
        QTest::newRow("japanese comma") << "11、5/2" << std::vector<double>{11, 2.5};
        QTest::newRow("persian comma") << "11، 5/2" << std::vector<double>{11, 2.5};
    }

    void typedNumbers()
    {
        QFETCH(QString, typed);
        QFETCH(std::vector<double>, values);
        const auto parsed = parseTypedNumbers(typed);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
        QCOMPARE(parsed->size(), values.size());
        for (size_t i = 0; i < values.size(); ++i)
            QVERIFY2(std::abs((*parsed)[i] - values[i]) < 1e-15, qPrintable(QString::number((*parsed)[i], 'g', 17)));
    }

    void typedNonsense()
    {
        QCOMPARE(parseTypedNumbers(QStringLiteral("  ")).error(), QStringLiteral("type a number, such as 9/26 or 0.35"));
        const auto words = parseTypedNumbers(QStringLiteral("11, half"));
        QVERIFY(!words);
        QVERIFY2(words.error().startsWith(QStringLiteral("\"half\" is not a number: ")), qPrintable(words.error()));
    }

    void tolerance()
    {
        LessonQuestion q;
        q.kind = LessonQuestion::Kind::Number;
        q.answer = {9.0 / 26}; // 0.34615…
        q.answerWritten = {QStringLiteral("9/26")};
        q.tolerance = 0.001;
        QVERIFY(numberAnswerIsRight(q, {0.346}));   // 1.5e-4 off
        QVERIFY(numberAnswerIsRight(q, {0.3471}));  // 9.5e-4 off
        QVERIFY(!numberAnswerIsRight(q, {0.3655})); // the exact softmax's weight: 0.019 off
        QVERIFY(!numberAnswerIsRight(q, {0.346, 1})); // one entry too many
        QVERIFY(!numberAnswerIsRight(q, {}));
        QVERIFY(!numberAnswerIsRight(q, {std::nan("")}));
        QCOMPARE(writtenNumberAnswer(q), QStringLiteral("9/26"));

        // A row: each entry within its tolerance; zero tolerance means exactly.
        q.answer = {11, 2.5};
        q.answerWritten = {QStringLiteral("11"), QStringLiteral("5/2")};
        q.tolerance = 0;
        QVERIFY(numberAnswerIsRight(q, {11, 2.5}));
        QVERIFY(!numberAnswerIsRight(q, {11, 2.5000001}));
        QVERIFY(!numberAnswerIsRight(q, {2.5, 11}));
        QCOMPARE(writtenNumberAnswer(q), QStringLiteral("[11, 5/2]"));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestQuestionGrading)
} // namespace tst_question_grading
#include "tst_question_grading.moc"
