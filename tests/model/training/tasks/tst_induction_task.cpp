// Tests model/training/tasks/induction_task.cpp. References: each row read by the induction rule itself (the
// next token is the one that followed the current token's previous occurrence), independently of how the task
// built it; the probe spelled out by hand.

#include "model/training/tasks/induction_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"

#include <QTest>

#include <set>

namespace tst_induction_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;

class TestInductionTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void gradedExactlyWhereLookingBackPredicts();
    void periodsVary();
};

void TestInductionTask::format()
{
    const InductionTask task;
    QCOMPARE(task.vocabulary().size(), 62);
    QCOMPARE(task.vocabulary()[0], QStringLiteral("a"));
    QCOMPARE(task.vocabulary()[25], QStringLiteral("z"));
    QCOMPARE(task.vocabulary()[26], QStringLiteral("A"));
    QCOMPARE(task.vocabulary()[51], QStringLiteral("Z"));
    QCOMPARE(task.vocabulary()[52], QStringLiteral("0"));
    QCOMPARE(task.vocabulary()[61], QStringLiteral("9"));
    QCOMPARE(task.sequenceLength(), 48);
    // q w e r t y u i o p a s d f g h j k l z x c v b, twice.
    const std::vector<int> half{16, 22, 4, 17, 19, 24, 20, 8,  14, 15, 0,  18,
                                3,  5,  6, 7,  9,  10, 11, 25, 23, 2,  21, 1};
    std::vector<int> probe = half;
    probe.insert(probe.end(), half.begin(), half.end());
    QCOMPARE(task.probe(), probe);
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    const QString text = QStringLiteral("q w e r t y u i o p a s d f g h j k l z x c v b");
    QCOMPARE(tokenizer->encode(text + QLatin1Char(' ') + text).ids, probe);
}

void TestInductionTask::gradedExactlyWhereLookingBackPredicts()
{
    const InductionTask task;
    SeededRandom random(17);
    for (const DataSplit split : {DataSplit::Train, DataSplit::HeldOut}) {
        const TrainingBatch b = task.batch(split, random, 128);
        QCOMPARE(checkShiftedTargets(b, 128, 48, 62), QString());
        for (const auto& row : taskRows(b)) {
            const std::vector<int> s = row.sequence();
            for (int t = 0; t < 48; ++t) {
                // The previous occurrence of the current token, if any.
                int previous = -1;
                for (int j = t - 1; j >= 0 && previous < 0; --j)
                    if (s[size_t(j)] == s[size_t(t)]) previous = j;
                if (t >= row.firstGraded) {
                    QVERIFY2(previous >= 0,
                             qPrintable(QStringLiteral("graded at %1 with nothing to look back to").arg(t)));
                    QCOMPARE(row.targets[size_t(t)], s[size_t(previous + 1)]);
                } else {
                    // Before the graded part every token is new: the first copy, whose symbols are distinct,
                    // ending with the position that predicts the second copy's first symbol.
                    QCOMPARE(previous, -1);
                }
            }
            // The graded part starts at the period: the second copy's first symbol is the input there.
            const int period = row.firstGraded;
            QVERIFY(period >= 8 && period <= 24);
            QCOMPARE(s[size_t(period)], s[0]);
        }
    }
}

void TestInductionTask::periodsVary()
{
    // Every period from 8 to 24 occurs, so that no fixed positional offset solves the task.
    const InductionTask task;
    SeededRandom random(23);
    std::set<int> periods;
    for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 512)))
        periods.insert(row.firstGraded);
    QCOMPARE(int(periods.size()), 17);
    QCOMPARE(*periods.begin(), 8);
    QCOMPARE(*periods.rbegin(), 24);
}

ATTNLAB_TEST_APPLESS_MAIN(TestInductionTask)
} // namespace tst_induction_task
#include "tst_induction_task.moc"
