// Tests model/training/tasks/pronoun_task.cpp. References: the sentence frame and the two adjective classes
// written out here by hand (tired, scared, sleepy, slow, weak, old: "it" is the animal; wide, busy, long,
// icy, steep, dangerous: the obstacle), each row read as words against them.

#include "model/training/tasks/pronoun_task.h"
#include "model/training/tasks/task_checks.h"
#include "test_registry.h"

#include <QTest>

#include <set>

namespace tst_pronoun_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;

namespace {

const QStringList kAnimalAdjectives{"tired", "scared", "sleepy", "slow", "weak", "old"};
const QStringList kObstacleAdjectives{"wide", "busy", "long", "icy", "steep", "dangerous"};
const QStringList kAnimals{"animal", "cat", "dog", "horse", "fox", "deer", "chicken", "cow"};
const QStringList kObstacles{"street", "road", "river", "highway", "bridge", "canal"};

QStringList wordsOfRow(const PronounTask& task, const std::vector<int>& ids)
{
    QStringList words;
    for (const int id : ids)
        words.append(task.vocabulary().value(id));
    return words;
}

} // namespace

class TestPronounTask : public QObject {
    Q_OBJECT

private slots:
    void format();
    void answerFollowsTheAdjective();
    void heldOutSentencesNeverTrained();
};

void TestPronounTask::format()
{
    const PronounTask task;
    QCOMPARE(task.vocabulary().size(), 10 + 8 + 6 + 12);
    QStringList distinct = task.vocabulary();
    QCOMPARE(int(distinct.removeDuplicates()), 0);
    QCOMPARE(task.sequenceLength(), 14);
    const auto tokenizer = loadTaskTokenizer(task);
    QVERIFY(tokenizer);
    const QString probe =
        QStringLiteral("The animal didn't cross the street because it was too tired . it =");
    QCOMPARE(tokenizer->encode(probe).ids, task.probe());
    QCOMPARE(wordsOfRow(task, task.probe()).join(QLatin1Char(' ')), probe);
}

void TestPronounTask::answerFollowsTheAdjective()
{
    const PronounTask task;
    SeededRandom random(43);
    int animalAnswers = 0;
    const TrainingBatch b = task.batch(DataSplit::Train, random, 400);
    QCOMPARE(checkShiftedTargets(b, 400, 14, 36), QString());
    for (const auto& row : taskRows(b)) {
        QCOMPARE(row.firstGraded, 13); // only the noun, predicted at "="
        const QStringList w = wordsOfRow(task, row.sequence());
        QCOMPARE(w.size(), 15);
        QCOMPARE(
            (QStringList{w[0], w[2], w[3], w[4], w[6], w[7], w[8], w[9], w[11], w[12], w[13]}),
            (QStringList{"The", "didn't", "cross", "the", "because", "it", "was", "too", ".", "it", "="}));
        QVERIFY2(kAnimals.contains(w[1]), qPrintable(w[1]));
        QVERIFY2(kObstacles.contains(w[5]), qPrintable(w[5]));
        const QString& adjective = w[10];
        if (kAnimalAdjectives.contains(adjective)) {
            QCOMPARE(w[14], w[1]);
            ++animalAnswers;
        } else {
            QVERIFY2(kObstacleAdjectives.contains(adjective), qPrintable(adjective));
            QCOMPARE(w[14], w[5]);
        }
    }
    QVERIFY2(animalAnswers > 140 && animalAnswers < 260, qPrintable(QString::number(animalAnswers)));
}

void TestPronounTask::heldOutSentencesNeverTrained()
{
    // 8 · 6 · 12 = 576 sentences, 115 held out.
    const PronounTask task;
    SeededRandom random(47);
    std::set<std::vector<int>> train, heldOut;
    for (int k = 0; k < 100; ++k) {
        for (const auto& row : taskRows(task.batch(DataSplit::Train, random, 64)))
            train.insert(row.inputs);
        for (const auto& row : taskRows(task.batch(DataSplit::HeldOut, random, 64)))
            heldOut.insert(row.inputs);
    }
    QCOMPARE(int(heldOut.size()), 115);
    QCOMPARE(int(train.size()), 576 - 115);
    for (const auto& s : heldOut)
        QVERIFY(!train.count(s));
}

ATTNLAB_TEST_APPLESS_MAIN(TestPronounTask)
} // namespace tst_pronoun_task
#include "tst_pronoun_task.moc"
