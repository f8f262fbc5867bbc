// Tests model/training/tasks/text_task.cpp. References: small files written here whose characters are counted
// by hand (Japanese, Persian, an emoji outside the BMP), and the messages for the files that cannot be
// trained on.

#include "model/training/tasks/task_checks.h"
#include "model/training/tasks/text_task.h"
#include "model/training/tasks/training_task.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace tst_text_task {

using namespace attnlab::model;
using attnlab::test::checkShiftedTargets;
using attnlab::test::loadTaskTokenizer;
using attnlab::test::taskRows;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return {};
    return path;
}

// The text of ids in the task's vocabulary.
QString textOf(const TrainingTask& task, const std::vector<int>& ids)
{
    QString s;
    for (const int id : ids)
        s += task.vocabulary().value(id);
    return s;
}

// 10 distinct characters of three scripts and an emoji: 日 本 語 (3), ' ' (1), س ل ا م (4), 😀 (1, two UTF-16
// units), '\n' (1), with a second space: 11 characters a line; 60 lines are 660 characters, just over
// 10 · (64 + 1).
QString mixedLine()
{
    return QStringLiteral("日本語 سلام 😀\n");
}

} // namespace

class TestTextTask : public QObject {
    Q_OBJECT

private slots:
    void everyCharacterKept();
    void windowsFromTheirSplit();
    void tokenizerSplitsEveryCharacter();
    void errors_data();
    void errors();
    void missingFile();
    void byteOrderMarkIsNotText();
};

void TestTextTask::everyCharacterKept()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("mixed.txt"), mixedLine().repeated(60).toUtf8());
    QVERIFY(!path.isEmpty());
    auto task = makeTrainingTask(QStringLiteral("text:") + path);
    QVERIFY2(task, task ? "" : qPrintable(task.error()));
    QCOMPARE((*task)->name(), QStringLiteral("text:") + path);
    QCOMPARE((*task)->sequenceLength(), 64);
    // In code point order: '\n' U+000A, ' ' U+0020, ا U+0627, س U+0633, ل U+0644, م U+0645, 日 U+65E5,
    // 本 U+672C, 語 U+8A9E, 😀 U+1F600 (one token, though two UTF-16 units).
    QCOMPARE((*task)->vocabulary(), (QStringList{"\n", " ", "ا", "س", "ل", "م", "日", "本", "語", "😀"}));
    const auto& text = dynamic_cast<const TextTask&>(**task);
    QCOMPARE(text.characters(), 660);
    QCOMPARE(text.heldOutStart(), 594);
    // The probe: the first 64 characters of the held-out part, which starts a line (594 = 54 · 11): six lines
    // but their last two characters, the emoji (two UTF-16 units) and the newline.
    QCOMPARE(textOf(**task, (*task)->probe()), mixedLine().repeated(6).chopped(3));
    QCOMPARE((*task)->probe().size(), size_t(64));
}

void TestTextTask::windowsFromTheirSplit()
{
    // Lines numbered 000..199, so that a window's text says where it lies; 4 characters a line, 800 in all,
    // the last 80 (lines 180..199) held out.
    QByteArray bytes;
    for (int i = 0; i < 200; ++i)
        bytes += QByteArray::number(i).rightJustified(3, '0') + '\n';
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("lines.txt"), bytes);
    auto task = makeTrainingTask(QStringLiteral("text:") + path, 8);
    QVERIFY2(task, task ? "" : qPrintable(task.error()));
    const QString whole = QString::fromLatin1(bytes);
    SeededRandom random(53);
    for (const DataSplit split : {DataSplit::Train, DataSplit::HeldOut}) {
        const TrainingBatch b = (*task)->batch(split, random, 200);
        QCOMPARE(checkShiftedTargets(b, 200, 8, 11), QString());
        for (const auto& row : taskRows(b)) {
            QCOMPARE(row.firstGraded, 0); // every character is graded
            const QString window = textOf(**task, row.sequence());
            QCOMPARE(window.size(), 9);
            const qsizetype at = whole.indexOf(window);
            QVERIFY2(at >= 0, qPrintable(window));
            // The window lies wholly inside its part: training ends at 720, held out starts there.
            if (split == DataSplit::Train)
                QVERIFY2(at + 9 <= 720, qPrintable(window));
            else
                QVERIFY2(at >= 720, qPrintable(window));
        }
    }
}

void TestTextTask::tokenizerSplitsEveryCharacter()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("mixed.txt"), mixedLine().repeated(60).toUtf8());
    auto task = makeTrainingTask(QStringLiteral("text:") + path);
    QVERIFY(task);
    const auto tokenizer = loadTaskTokenizer(**task);
    QVERIFY(tokenizer);
    QCOMPARE(tokenizer->vocabSize(), 10);
    // Spaces and newlines are tokens too; the emoji is one.
    QCOMPARE(tokenizer->encode(QStringLiteral("語 😀\n\nس")).ids, (std::vector<int>{8, 1, 9, 0, 0, 3}));
    QCOMPARE(tokenizer->encode(textOf(**task, (*task)->probe())).ids, (*task)->probe());
    SeededRandom random(59);
    for (const auto& row : taskRows((*task)->batch(DataSplit::Train, random, 20)))
        QCOMPARE(tokenizer->encode(textOf(**task, row.inputs)).ids, row.inputs);
}

void TestTextTask::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << 64 << "the file is empty";
    QTest::newRow("only a byte-order mark") << QByteArray("\xEF\xBB\xBF") << 64 << "the file is empty";
    QTest::newRow("NUL bytes") << (QByteArray("hello") + QByteArray(1000, '\0')) << 64
                               << "not UTF-8 text (a binary file?)";
    QTest::newRow("Latin-1, not UTF-8")
        << QByteArray("caf\xE9 ").repeated(200) << 64 << "not UTF-8 text (a binary file?)";
    QTest::newRow("PNG header") << (QByteArray("\x89PNG\r\n\x1A\n") + QByteArray(1000, 'a')) << 64
                                << "not UTF-8 text (a binary file?)";
    // Sequences UTF-8 forbids: an overlong "/", an encoded surrogate, a code point past U+10FFFF, a truncated
    // end.
    QTest::newRow("overlong") << (QByteArray(1000, 'a') + "\xC0\xAF") << 64
                              << "not UTF-8 text (a binary file?)";
    QTest::newRow("encoded surrogate")
        << (QByteArray(1000, 'a') + "\xED\xA0\x80") << 64 << "not UTF-8 text (a binary file?)";
    QTest::newRow("past U+10FFFF") << (QByteArray(1000, 'a') + "\xF4\x90\x80\x80") << 64
                                   << "not UTF-8 text (a binary file?)";
    QTest::newRow("truncated at the end")
        << (QByteArray(1000, 'a') + "\xE6\x97") << 64 << "not UTF-8 text (a binary file?)";
    QTest::newRow("too short") << QByteArray(40, 'a') << 64
                               << "40 characters is too short to train on: at least 650 are needed";
    // Characters, not bytes: 300 three-byte characters are 900 bytes but fewer than 10 · (32 + 1).
    QTest::newRow("too short in characters")
        << QStringLiteral("語").repeated(300).toUtf8() << 32
        << "300 characters is too short to train on: at least 330 are needed";
    QTest::newRow("sequence length 0")
        << QByteArray(1000, 'a') << 0 << "sequence length 0 must be between 1 and 4096";
    QString many;
    for (char32_t c = 0x4E00; c < 0x4E00 + 5000; ++c)
        many += QString::fromUcs4(&c, 1);
    QTest::newRow("too many distinct characters")
        << many.toUtf8() << 64
        << "5000 distinct characters are too many for a character vocabulary: at most 4096";
}

void TestTextTask::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, length);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("input.txt"), bytes);
    QVERIFY(!path.isEmpty());
    const auto task = makeTrainingTask(QStringLiteral("text:") + path, length);
    QVERIFY(!task);
    QCOMPARE(task.error().left(path.size() + 2), path + QStringLiteral(": "));
    QVERIFY2(task.error().contains(message), qPrintable(task.error()));
}

void TestTextTask::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.txt"));
    auto task = makeTrainingTask(QStringLiteral("text:") + path);
    QVERIFY(!task);
    QCOMPARE(task.error(), path + QStringLiteral(": no such file"));
    task = makeTrainingTask(QStringLiteral("text:") + dir.path());
    QVERIFY(!task);
    QCOMPARE(task.error(), dir.path() + QStringLiteral(": a folder, not a text file"));
    task = makeTrainingTask(QStringLiteral("text:"));
    QVERIFY(!task);
    QVERIFY2(task.error().contains(QStringLiteral("expected a file")), qPrintable(task.error()));
}

void TestTextTask::byteOrderMarkIsNotText()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("bom.txt"),
                                   QByteArray("\xEF\xBB\xBF") + QByteArray("ab\n").repeated(300));
    auto task = makeTrainingTask(QStringLiteral("text:") + path);
    QVERIFY2(task, task ? "" : qPrintable(task.error()));
    QCOMPARE((*task)->vocabulary(), (QStringList{"\n", "a", "b"}));
    QCOMPARE(dynamic_cast<const TextTask&>(**task).characters(), 900);
}

ATTNLAB_TEST_APPLESS_MAIN(TestTextTask)
} // namespace tst_text_task
#include "tst_text_task.moc"
