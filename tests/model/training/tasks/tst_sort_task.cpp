// Tests model/training/tasks/sort_task.cpp. References: the sorted half checked as non-decreasing and holding
// the same letters as the first half; the probe's ids written out by hand (A = 0, B = 1, C = 2); and the
// format of
// ../shared/models/gpt-nano-sort, minGPT's own trained sorter: its tokenizer spells the probe with the same
// ids, and the model itself sorts the task's sequences, graded where the task grades.

#include "model/checkpoints/language_model.h"
#include "model/training/tasks/sort_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QTest>

#include <set>

namespace tst_sort_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::sharedDir;
using attnlab::test::taskRows;
using attnlab::test::wordsOf;

namespace {

int code(const std::vector<int>& tokens)
{
    int c = 0;
    for (int i = 0; i < SortTask::kCount; ++i)
        c = c * 3 + tokens[size_t(i)];
    return c;
}

QString sortModelDir()
{
    return sharedDir() + QStringLiteral("/models/gpt-nano-sort");
}

} // namespace

class TestSortTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void sortedHalf();
    void heldOutIsAFixedDisjointFifth();
    void sameTokensAsGptNanoSort();
    void gptNanoSortSortsTheBatches();
};

void TestSortTask::format()
{
    const SortTask task;
    QCOMPARE(task.name(), QStringLiteral("sort"));
    QCOMPARE(task.vocabulary(), (QStringList{"A", "B", "C"}));
    QCOMPARE(task.sequenceLength(), 11);
    QCOMPARE(task.probe(), (std::vector<int>{2, 1, 0, 1, 2, 0, 0, 0, 1, 1, 2}));
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->encode(QStringLiteral("C B A B C A A A B B C")).ids, task.probe());
}

void TestSortTask::sortedHalf()
{
    const SortTask task;
    SeededRandom random(7);
    const TrainingBatch b = task.batch(DataSplit::Train, random, 200);
    QCOMPARE(checkShiftedTargets(b, 200, 11, 3), QString());
    for (const auto& row : taskRows(b)) {
        // The last unsorted letter predicts the first sorted one; nothing before is graded.
        QCOMPARE(row.firstGraded, 5);
        const std::vector<int> s = row.sequence();
        QCOMPARE(s.size(), size_t(12));
        int counts[3] = {0, 0, 0};
        for (int i = 0; i < 6; ++i)
            ++counts[s[size_t(i)]];
        for (int i = 6; i < 12; ++i) {
            --counts[s[size_t(i)]];
            if (i > 6) QVERIFY(s[size_t(i - 1)] <= s[size_t(i)]);
        }
        QCOMPARE(counts[0], 0);
        QCOMPARE(counts[1], 0);
        QCOMPARE(counts[2], 0);
    }
}

void TestSortTask::heldOutIsAFixedDisjointFifth()
{
    // 3^6 = 729 inputs: enough draws see nearly all of both splits, and no input is in both.
    std::set<int> train, heldOut;
    for (const std::uint64_t seed : {1u, 2u}) {
        const SortTask task;
        SeededRandom random(seed);
        for (int k = 0; k < 60; ++k) {
            for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 64)))
                train.insert(code(row.inputs));
            for (const auto& row : taskRows(task.batch(DataSplit::HeldOut, random, 64)))
                heldOut.insert(code(row.inputs));
        }
    }
    for (const int c : heldOut)
        QVERIFY2(!train.count(c), qPrintable(QString::number(c)));
    QCOMPARE(int(train.size() + heldOut.size()), 729);
    QVERIFY2(heldOut.size() > 110 && heldOut.size() < 185, qPrintable(QString::number(heldOut.size())));
}

void TestSortTask::sameTokensAsGptNanoSort()
{
    if (!QDir(sortModelDir()).exists()) QSKIP("../shared/models/gpt-nano-sort is absent");
    auto tokenizer = Tokenizer::load(sortModelDir());
    QVERIFY2(tokenizer, tokenizer ? "" : qPrintable(tokenizer.error()));
    const SortTask task;
    QCOMPARE((*tokenizer)->vocabSize(), int(task.vocabulary().size()));
    QCOMPARE((*tokenizer)->encode(wordsOf(task, task.probe())).ids, task.probe());
}

void TestSortTask::gptNanoSortSortsTheBatches()
{
    if (!QDir(sortModelDir()).exists()) QSKIP("../shared/models/gpt-nano-sort is absent");
    auto model = LanguageModel::load(sortModelDir());
    QVERIFY2(model, model ? "" : qPrintable(model.error()));
    const SortTask task;
    QCOMPARE((*model)->config().maxPositions, task.sequenceLength());
    SeededRandom random(3);
    for (const DataSplit split : {DataSplit::Train, DataSplit::HeldOut}) {
        int graded = 0, right = 0;
        for (const auto& row : taskRows(task.batch(split, random, 40))) {
            MatrixF logits;
            auto trace = (*model)->run(row.inputs, {}, &logits);
            QVERIFY2(trace, trace ? "" : qPrintable(trace.error()));
            for (int t = row.firstGraded; t < task.sequenceLength(); ++t) {
                Eigen::Index best = 0;
                logits.row(t).maxCoeff(&best);
                ++graded;
                right += int(best) == row.targets[size_t(t)];
            }
        }
        QCOMPARE(graded, 40 * 6);
        QVERIFY2(right >= graded * 95 / 100, qPrintable(QStringLiteral("%1 of %2").arg(right).arg(graded)));
    }
}

ATTNLAB_TEST_APPLESS_MAIN(TestSortTask)
} // namespace tst_sort_task
#include "tst_sort_task.moc"
