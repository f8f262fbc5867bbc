// Tests model/training/tasks/brackets_task.cpp. References: the probe's answers worked out by hand, each
// row's answers by counting its brackets, and the mix of balanced and unbalanced strings the task promises.

#include "model/training/tasks/brackets_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"

#include <QTest>

#include <set>

namespace tst_brackets_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;

namespace {

constexpr int kOpen = 13, kClose = 14, kEquals = 15, kBroken = 16;

} // namespace

class TestBracketsTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void depthsAfterEachPrefix();
    void mixOfBalancedAndNot();
    void splitsDisjoint();
};

void TestBracketsTask::format()
{
    const BracketsTask task;
    QCOMPARE(task.vocabulary(), (QStringList{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
                                             "12", "(", ")", "=", "x"}));
    QCOMPARE(task.sequenceLength(), 24);
    // ( ( ) ( ( ) ) ) ( ) ) ( : depths 1 2 1 2 3 2 1 0 1 0, then the 11th bracket closes below zero: x, x.
    const std::vector<int> probe{kOpen, kOpen,  kClose, kOpen, kOpen,   kClose, kClose, kClose,
                                 kOpen, kClose, kClose, kOpen, kEquals, 1,      2,      1,
                                 2,     3,      2,      1,     0,       1,      0,      kBroken};
    QCOMPARE(task.probe(), probe);
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode(QStringLiteral("( ( ) ( ( ) ) ) ( ) ) ( = 1 2 1 2 3 2 1 0 1 0 x")).ids, probe);
}

void TestBracketsTask::depthsAfterEachPrefix()
{
    const BracketsTask task;
    SeededRandom random(31);
    const TrainingBatch b = task.batch(DataSplit::Train, random, 300);
    QCOMPARE(checkShiftedTargets(b, 300, 24, 17), QString());
    for (const auto& row : taskRows(b)) {
        QCOMPARE(row.firstGraded, 12); // "=" predicts the first answer
        const std::vector<int> s = row.sequence();
        QCOMPARE(s[12], kEquals);
        int opened = 0, closed = 0;
        bool broken = false;
        for (int i = 0; i < 12; ++i) {
            QVERIFY(s[size_t(i)] == kOpen || s[size_t(i)] == kClose);
            (s[size_t(i)] == kOpen ? opened : closed) += 1;
            broken = broken || closed > opened;
            QCOMPARE(s[size_t(13 + i)], broken ? kBroken : opened - closed);
        }
    }
}

void TestBracketsTask::mixOfBalancedAndNot()
{
    // Expected fractions: balanced 1/3 + 1/3 · 132/924 + 1/3 · 132/4096 = 39%; broken 1/3 · (1 − 132/924) +
    // 1/3 · (1 − 924/4096) = 54%; still open at the end 1/3 · (924 − 132)/4096 = 6.4%.
    const BracketsTask task;
    SeededRandom random(37);
    int balanced = 0, broken = 0, open = 0;
    for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 3000))) {
        const int last = row.targets.back();
        balanced += last == 0;
        broken += last == kBroken;
        open += last > 0 && last <= 12;
    }
    QVERIFY2(balanced > 1000 && balanced < 1300, qPrintable(QString::number(balanced)));
    QVERIFY2(broken > 1000, qPrintable(QString::number(broken)));
    QVERIFY2(open > 120, qPrintable(QString::number(open)));
}

void TestBracketsTask::splitsDisjoint()
{
    // 4,096 bracket strings: both splits drawn at length, none shared.
    const BracketsTask task;
    SeededRandom random(41);
    std::set<std::vector<int>> train, heldOut;
    for (int k = 0; k < 30; ++k) {
        for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 64)))
            train.insert({row.inputs.begin(), row.inputs.begin() + 12});
        for (const auto& row : taskRows(task.batch(DataSplit::HeldOut, random, 64)))
            heldOut.insert({row.inputs.begin(), row.inputs.begin() + 12});
    }
    QVERIFY(heldOut.size() > 300);
    for (const auto& s : heldOut)
        QVERIFY(!train.count(s));
}

ATTNLAB_TEST_APPLESS_MAIN(TestBracketsTask)
} // namespace tst_brackets_task
#include "tst_brackets_task.moc"
