// Tests model/training/tasks/training_task.cpp (the factory) and generated_task.cpp (what every task shares):
// names and messages, the tokenizer.json of each task read back by AttnLab's loader and checked field by
// field, the probe spelled by the tokenizer, batches that repeat with the random state and differ without it,
// and the time a batch takes.

#include "model/training/tasks/generated_task.h"
#include "model/training/tasks/task_checks.h"
#include "model/training/tasks/training_task.h"
#include "test_registry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace tst_training_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::wordsOf;

namespace {

const QStringList kBuiltIn{"sort", "reverse", "induction", "modadd", "brackets", "pronoun"};

} // namespace

class TestTrainingTask : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void names();
    void unknownTask();
    void formats_data();
    void formats();
    void tokenizerJsonFields_data();
    void tokenizerJsonFields();
    void vocabularyMatchesTokenizer_data();
    void vocabularyMatchesTokenizer();
    void seeded_data();
    void seeded();
    void fast_data();
    void fast();

private:
    QTemporaryDir m_dir;
    QString m_textSpec;
};

void TestTrainingTask::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile f(m_dir.filePath(QStringLiteral("corpus.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("The animal didn't cross the street because it was too tired. 動物 حیوان 🐾\n")
                .repeated(40)
                .toUtf8());
    f.close();
    m_textSpec = QStringLiteral("text:") + f.fileName();
}

void TestTrainingTask::names()
{
    QCOMPARE(trainingTaskNames(), kBuiltIn + QStringList{"text:"});
    for (const QString& name : kBuiltIn) {
        auto task = makeTrainingTask(name);
        QVERIFY2(task, qPrintable(name));
        QCOMPARE((*task)->name(), name);
        QVERIFY(!(*task)->description().isEmpty());
    }
}

void TestTrainingTask::unknownTask()
{
    const auto task = makeTrainingTask(QStringLiteral("sorting"));
    QVERIFY(!task);
    QCOMPARE(task.error(),
             QStringLiteral("unknown task \"sorting\": expected sort, reverse, induction, modadd, "
                            "brackets, pronoun or text:FILE"));
}

void TestTrainingTask::formats_data()
{
    // Each task's vocabulary size and sequence length as its header documents them.
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("vocabulary");
    QTest::addColumn<int>("length");
    QTest::newRow("sort") << "sort" << 3 << 11;
    QTest::newRow("reverse") << "reverse" << 11 << 16;
    QTest::newRow("induction") << "induction" << 62 << 48;
    QTest::newRow("modadd") << "modadd" << 61 << 4;
    QTest::newRow("brackets") << "brackets" << 17 << 24;
    QTest::newRow("pronoun") << "pronoun" << 36 << 14;
}

void TestTrainingTask::formats()
{
    QFETCH(QString, name);
    QFETCH(int, vocabulary);
    QFETCH(int, length);
    auto task = makeTrainingTask(name);
    QVERIFY(task);
    QCOMPARE(int((*task)->vocabulary().size()), vocabulary);
    QCOMPARE((*task)->sequenceLength(), length);
    // The probe is one input row: T tokens of the vocabulary.
    const std::vector<int> probe = (*task)->probe();
    QCOMPARE(int(probe.size()), length);
    for (const int id : probe)
        QVERIFY(id >= 0 && id < vocabulary);
}

void TestTrainingTask::tokenizerJsonFields_data()
{
    QTest::addColumn<QString>("spec");
    for (const QString& name : kBuiltIn)
        QTest::newRow(qPrintable(name)) << name;
    QTest::newRow("text") << QString(); // m_textSpec, set once the test case runs
}

void TestTrainingTask::tokenizerJsonFields()
{
    QFETCH(QString, spec);
    const bool text = spec.isEmpty();
    auto task = makeTrainingTask(text ? m_textSpec : spec);
    QVERIFY2(task, task ? "" : qPrintable(task.error()));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson((*task)->tokenizerJson(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject model = root.value(QStringLiteral("model")).toObject();
    QCOMPARE(model.value(QStringLiteral("type")).toString(), QStringLiteral("WordLevel"));
    QCOMPARE(model.value(QStringLiteral("unk_token")).toString(), QStringLiteral("<unk>"));
    const QJsonObject vocab = model.value(QStringLiteral("vocab")).toObject();
    const QStringList& words = (*task)->vocabulary();
    QCOMPARE(vocab.size(), words.size());
    for (qsizetype i = 0; i < words.size(); ++i)
        QCOMPARE(vocab.value(words[i]).toInt(-1), int(i));
    QVERIFY(root.value(QStringLiteral("added_tokens")).toArray().isEmpty());
    QVERIFY(root.value(QStringLiteral("normalizer")).isNull());
    QVERIFY(root.value(QStringLiteral("post_processor")).isNull());
    const QJsonObject pre = root.value(QStringLiteral("pre_tokenizer")).toObject();
    if (text) {
        QCOMPARE(pre.value(QStringLiteral("type")).toString(), QStringLiteral("Split"));
        QCOMPARE(pre.value(QStringLiteral("pattern")).toObject().value(QStringLiteral("Regex")).toString(),
                 QStringLiteral("[\\s\\S]"));
        QCOMPARE(pre.value(QStringLiteral("behavior")).toString(), QStringLiteral("Isolated"));
        QCOMPARE(root.value(QStringLiteral("decoder")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("Fuse"));
    } else {
        QCOMPARE(pre.value(QStringLiteral("type")).toString(), QStringLiteral("WhitespaceSplit"));
        QVERIFY(root.value(QStringLiteral("decoder")).isNull());
        // WhitespaceSplit could not give back a word holding whitespace.
        for (const QString& w : words)
            QVERIFY2(!w.isEmpty() && !w.contains(QRegularExpression(QStringLiteral("\\s"))), qPrintable(w));
    }
}

void TestTrainingTask::vocabularyMatchesTokenizer_data()
{
    tokenizerJsonFields_data();
}

void TestTrainingTask::vocabularyMatchesTokenizer()
{
    QFETCH(QString, spec);
    const bool text = spec.isEmpty();
    auto task = makeTrainingTask(text ? m_textSpec : spec);
    QVERIFY(task);
    const auto tokenizer = loadTaskTokenizer(**task);
    QVERIFY(tokenizer);
    const QStringList& words = (*task)->vocabulary();
    QCOMPARE(tokenizer->vocabSize(), int(words.size()));
    for (qsizetype i = 0; i < words.size(); ++i) {
        QCOMPARE(tokenizer->tokenText(int(i)), words[i]);
        QCOMPARE(tokenizer->encode(words[i]).ids, std::vector<int>{int(i)});
    }
    // The probe written as text (words between spaces, or the characters themselves) encodes to the probe.
    const std::vector<int> probe = (*task)->probe();
    QString written;
    if (text)
        for (const int id : probe)
            written += words[id];
    else
        written = wordsOf(**task, probe);
    const Encoding e = tokenizer->encode(written);
    QCOMPARE(e.ids, probe);
    QVERIFY(e.unknown.empty());
}

void TestTrainingTask::seeded_data()
{
    tokenizerJsonFields_data();
}

void TestTrainingTask::seeded()
{
    QFETCH(QString, spec);
    auto task = makeTrainingTask(spec.isEmpty() ? m_textSpec : spec);
    QVERIFY(task);
    const int T = (*task)->sequenceLength(), V = int((*task)->vocabulary().size());
    for (const DataSplit split : {DataSplit::Train, DataSplit::HeldOut}) {
        SeededRandom a(1234), b(1234), c(1235);
        const TrainingBatch first = (*task)->batch(split, a, 64);
        QCOMPARE(checkShiftedTargets(first, 64, T, V), QString());
        // Same seed, same batch; the next batch of the stream differs; another seed differs.
        const TrainingBatch same = (*task)->batch(split, b, 64);
        QCOMPARE(same.inputs, first.inputs);
        QCOMPARE(same.targets, first.targets);
        QVERIFY(((*task)->batch(split, a, 64).inputs) != first.inputs);
        QVERIFY(((*task)->batch(split, c, 64).inputs) != first.inputs);
        // The random state is all a batch depends on: restored, it gives the batch again.
        const SeededRandom::State state = a.state();
        const TrainingBatch next = (*task)->batch(split, a, 8);
        a.restore(state);
        QCOMPARE((*task)->batch(split, a, 8).inputs, next.inputs);
    }
    SeededRandom empty(1);
    const TrainingBatch none = (*task)->batch(DataSplit::Train, empty, 0);
    QCOMPARE(none.batch, 0);
    QVERIFY(none.inputs.empty());
}

void TestTrainingTask::fast_data()
{
    tokenizerJsonFields_data();
}

void TestTrainingTask::fast()
{
    // A batch of 64 sequences takes microseconds (about 5–30 µs here); the bound is loose for a loaded
    // machine and a debug build, but a batch that built strings or allocated per token would pass 1 ms.
    QFETCH(QString, spec);
    auto task = makeTrainingTask(spec.isEmpty() ? m_textSpec : spec);
    QVERIFY(task);
    SeededRandom random(7);
    qint64 best = std::numeric_limits<qint64>::max();
    for (int attempt = 0; attempt < 5; ++attempt) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 100; ++i)
            QVERIFY(
                !(*task)->batch(i % 2 ? DataSplit::Train : DataSplit::HeldOut, random, 64).inputs.empty());
        best = std::min(best, timer.nsecsElapsed() / 100);
    }
    qInfo("%s: %.1f µs a batch of 64", qPrintable((*task)->name()), double(best) / 1000.0);
    QVERIFY2(best < 1'000'000, qPrintable(QStringLiteral("%1 ns").arg(best)));
}

ATTNLAB_TEST_APPLESS_MAIN(TestTrainingTask)
} // namespace tst_training_task
#include "tst_training_task.moc"
