// Tests model/training/tasks/reverse_task.cpp. References: the probe's ids written out by hand ("0".."9" are
// ids 0..9, "|" is 10), and each row's second half read against its first half backwards.

#include "model/training/tasks/reverse_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"

#include <QTest>

#include <set>

namespace tst_reverse_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;

class TestReverseTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void reversedHalf();
    void splitsDisjoint();
};

void TestReverseTask::format()
{
    const ReverseTask task;
    QCOMPARE(task.vocabulary(), (QStringList{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "|"}));
    QCOMPARE(task.sequenceLength(), 16);
    QCOMPARE(task.probe(), (std::vector<int>{3, 1, 4, 1, 5, 9, 2, 6, 10, 6, 2, 9, 5, 1, 4, 1}));
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode(QStringLiteral("3 1 4 1 5 9 2 6 | 6 2 9 5 1 4 1")).ids, task.probe());
}

void TestReverseTask::reversedHalf()
{
    const ReverseTask task;
    SeededRandom random(11);
    const TrainingBatch b = task.batch(DataSplit::Train, random, 100);
    QCOMPARE(checkShiftedTargets(b, 100, 16, 11), QString());
    for (const auto& row : taskRows(b)) {
        QCOMPARE(row.firstGraded, 8); // "|" predicts the last digit first
        const std::vector<int> s = row.sequence();
        QCOMPARE(s[8], 10);
        for (int i = 0; i < 8; ++i) {
            QVERIFY(s[size_t(i)] < 10);
            QCOMPARE(s[size_t(9 + i)], s[size_t(7 - i)]);
        }
    }
}

void TestReverseTask::splitsDisjoint()
{
    // 10^8 inputs: a random overlap is unlikely anyway; this checks that the splits do not share a stream
    // (the same random state gives different sequences) and that their union is spread over the digits.
    const ReverseTask task;
    SeededRandom a(5), b(5);
    const auto train = task.batch(DataSplit::Train, a, 64);
    const auto heldOut = task.batch(DataSplit::HeldOut, b, 64);
    QVERIFY(train.inputs != heldOut.inputs);
    std::set<std::vector<int>> seen;
    for (const auto& row : taskRows(train))
        seen.insert(row.inputs);
    for (const auto& row : taskRows(heldOut))
        QVERIFY(!seen.count(row.inputs));
}

ATTNLAB_TEST_APPLESS_MAIN(TestReverseTask)
} // namespace tst_reverse_task
#include "tst_reverse_task.moc"
