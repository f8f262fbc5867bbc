// Tests model/training/tasks/modadd_task.cpp. References: the answer of each row worked out with the % of the
// test (and a few sums written out by hand), the held-out pairs' count (a fifth of 59², rounded down) and
// their independence of the training seed.

#include "model/training/tasks/modadd_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"

#include <QTest>

#include <set>

namespace tst_modadd_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;
using attnlab::test::wordsOf;

class TestModAddTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void answers();
    void heldOutPairsNeverTrained();
};

void TestModAddTask::format()
{
    const ModAddTask task;
    QCOMPARE(task.vocabulary().size(), 61);
    QCOMPARE(task.vocabulary()[0], QStringLiteral("0"));
    QCOMPARE(task.vocabulary()[58], QStringLiteral("58"));
    QCOMPARE(task.vocabulary()[59], QStringLiteral("+"));
    QCOMPARE(task.vocabulary()[60], QStringLiteral("="));
    QCOMPARE(task.sequenceLength(), 4);
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode(QStringLiteral("7 + 58 =")).ids, (std::vector<int>{7, 59, 58, 60}));
    // The probe: "a + b =" of the first held-out pair.
    const std::vector<int> probe = task.probe();
    QCOMPARE(probe.size(), size_t(4));
    QCOMPARE(probe[1], 59);
    QCOMPARE(probe[3], 60);
    QCOMPARE(probe[0] * 59 + probe[2], task.heldOutPairs().front());
    QCOMPARE(tokenizer->encode(wordsOf(task, probe)).ids, probe);
}

void TestModAddTask::answers()
{
    const ModAddTask task;
    SeededRandom random(2);
    const TrainingBatch b = task.batch(DataSplit::Train, random, 500);
    QCOMPARE(checkShiftedTargets(b, 500, 4, 61), QString());
    int wrapped = 0;
    for (const auto& row : taskRows(b)) {
        QCOMPARE(row.firstGraded, 3); // only the answer, predicted at "="
        const int a = row.inputs[0], bb = row.inputs[2];
        QVERIFY(a < 59 && bb < 59);
        QCOMPARE(row.inputs[1], 59);
        QCOMPARE(row.inputs[3], 60);
        QCOMPARE(row.targets[3], (a + bb) % 59);
        wrapped += a + bb >= 59;
    }
    QVERIFY(wrapped > 150); // about half of the sums wrap around
    // By hand: 30 + 40 = 70 = 59 + 11; 58 + 58 = 116 = 59 + 57; 0 + 58 = 58.
    QCOMPARE((30 + 40) % ModAddTask::kModulus, 11);
    QCOMPARE((58 + 58) % ModAddTask::kModulus, 57);
}

void TestModAddTask::heldOutPairsNeverTrained()
{
    const ModAddTask task, again;
    QCOMPARE(int(task.heldOutPairs().size()), 59 * 59 / 5); // 696
    QCOMPARE(task.heldOutPairs(), again.heldOutPairs());    // fixed: no training seed involved
    const std::set<int> heldOut(task.heldOutPairs().begin(), task.heldOutPairs().end());
    QCOMPARE(int(heldOut.size()), 696);
    std::set<int> trainSeen, heldOutSeen;
    for (const std::uint64_t seed : {1u, 99u}) {
        SeededRandom random(seed);
        for (int k = 0; k < 60; ++k) {
            for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 64))) {
                const int pair = row.inputs[0] * 59 + row.inputs[2];
                QVERIFY(!heldOut.count(pair));
                trainSeen.insert(pair);
            }
            for (const auto& row : taskRows(task.batch(DataSplit::HeldOut, random, 64))) {
                const int pair = row.inputs[0] * 59 + row.inputs[2];
                QVERIFY(heldOut.count(pair));
                heldOutSeen.insert(pair);
            }
        }
    }
    // 7,680 draws of each split: of the 2,785 training pairs about 2785 · (1 − e^(−7680/2785)) = 2,610 are
    // seen, and all 696 held-out ones (696 · e^(−7680/696) < 0.01 missed).
    QVERIFY2(trainSeen.size() > 2550 && trainSeen.size() < 2670,
             qPrintable(QString::number(trainSeen.size())));
    QCOMPARE(int(heldOutSeen.size()), 696);
}

ATTNLAB_TEST_APPLESS_MAIN(TestModAddTask)
} // namespace tst_modadd_task
#include "tst_modadd_task.moc"
