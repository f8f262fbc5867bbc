// Tests model/pipeline/loaded_model.cpp with files the test writes (tiny_model_folder.h): where a
// checkpoint's tokenizer is looked for (the folder itself; tokenizer.bin, else the first tok*.bin, beside a
// llama2.c file), loadModel's model and tokenizer (found beside it or given), its first error (the model's
// before the tokenizer's), and displayTokens showing byte-level BPE's Ġ as a space.

#include "model/pipeline/loaded_model.h"
#include "model/pipeline/tiny_model_folder.h"
#include "test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

namespace tst_loaded_model {

using namespace attnlab::model;
using namespace attnlab::test;

class TestLoadedModel : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void tokenizerBesideAFolderIsTheFolder();
    void tokenizerBesideALlama2cFile();
    void loadsModelAndTokenizer();
    void loadsTheTokenizerGiven();
    void firstErrorWins_data();
    void firstErrorWins();
    void displayTokensShowSpaces();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

// A folder holds its own tokenizer files; tokenizerBeside does not look inside, Tokenizer::load does.
void TestLoadedModel::tokenizerBesideAFolderIsTheFolder()
{
    const QString folder = path(QStringLiteral("folder"));
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(tokenizerBeside(folder), folder);
}

// Beside model.bin: nothing, then tok512.bin and tok32.bin (the first by name: "tok32" < "tok512"), then
// tokenizer.bin, which wins over both.
void TestLoadedModel::tokenizerBesideALlama2cFile()
{
    const QString folder = path(QStringLiteral("llama2c"));
    QVERIFY(QDir().mkpath(folder));
    const QString model = folder + QStringLiteral("/model.bin");
    writeFile(model, "x");
    QCOMPARE(tokenizerBeside(model), QString());
    writeFile(folder + QStringLiteral("/tok512.bin"), "x");
    QCOMPARE(tokenizerBeside(model), folder + QStringLiteral("/tok512.bin"));
    writeFile(folder + QStringLiteral("/tok32.bin"), "x");
    QCOMPARE(tokenizerBeside(model), folder + QStringLiteral("/tok32.bin"));
    writeFile(folder + QStringLiteral("/tokenizer.bin"), "x");
    QCOMPARE(tokenizerBeside(model), folder + QStringLiteral("/tokenizer.bin"));
}

// A folder with weights and tokenizer: both loaded, the tokenizer from the folder.
void TestLoadedModel::loadsModelAndTokenizer()
{
    const QString folder = writeTinyModelFolder(path(QStringLiteral("tiny")), 1);
    const Result<LoadedModel> loaded = loadModel(folder);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QVERIFY(loaded->model);
    QVERIFY(loaded->tokenizer);
    QCOMPARE(loaded->model->name(), QStringLiteral("tiny"));
    QCOMPARE(loaded->model->config().layers, 2);
    QCOMPARE(loaded->model->config().vocab, 11);
    QCOMPARE(loaded->tokenizerPath, folder);
    QCOMPARE(loaded->tokenizer->vocabSize(), 11);
    QCOMPARE(loaded->tokenizer->tokenText(1), QStringLiteral("Ġanimal"));
}

// A tokenizer given explicitly is used instead of the one beside the model, for a folder or a llama2.c file
// (which has none beside it here).
void TestLoadedModel::loadsTheTokenizerGiven()
{
    const QString folder = writeTinyModelFolder(path(QStringLiteral("given")), 2, false);
    const QString vocabTxt = path(QStringLiteral("wordpiece/vocab.txt"));
    QVERIFY(QDir().mkpath(path(QStringLiteral("wordpiece"))));
    writeFile(vocabTxt, "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncat\n");
    Result<LoadedModel> loaded = loadModel(folder, vocabTxt);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QCOMPARE(loaded->tokenizerPath, vocabTxt);
    QCOMPARE(loaded->tokenizer->vocabSize(), 6);
    QCOMPARE(loaded->tokenizer->tokenText(5), QStringLiteral("cat"));

    const QString bin = path(QStringLiteral("alone/tiny.bin"));
    QVERIFY(QDir().mkpath(path(QStringLiteral("alone"))));
    writeFile(bin, llama2cBytes(randomLlama(TinyLlama{}, 2)));
    writeTinyTokenizer(path(QStringLiteral("bpe")));
    loaded = loadModel(bin, path(QStringLiteral("bpe")));
    QVERIFY2(loaded, qPrintable(loaded.error()));
    QCOMPARE(loaded->model->name(), QStringLiteral("tiny"));
    QCOMPARE(loaded->tokenizerPath, path(QStringLiteral("bpe")));
    QCOMPARE(loaded->tokenizer->vocabSize(), 11);
}

void TestLoadedModel::firstErrorWins_data()
{
    QTest::addColumn<QString>("model");     // relative to the temporary folder
    QTest::addColumn<QString>("tokenizer"); // "" = the one beside the model
    QTest::addColumn<QString>("message");   // %1 = the model's path, %2 = the tokenizer's path
    // The model is checked first: what is wrong with it matters more.
    QTest::newRow("no model, no tokenizer") << "missing"
                                            << "also-missing"
                                            << "%1: no such file or folder";
    QTest::newRow("a folder without a tokenizer") << "no-tokenizer"
                                                  << ""
                                                  << "%1: expected tokenizer.json, vocab.json + merges.txt, "
                                                     "vocab.txt or llama2.c's tokenizer.bin in this "
                                                     "folder";
    QTest::newRow("a llama2.c file without a tokenizer beside it")
        << "alone/tiny.bin"
        << ""
        << "%1: no tokenizer found beside the checkpoint (tokenizer.bin); give one with --tokenizer";
    QTest::newRow("a tokenizer given that is not there") << "no-tokenizer"
                                                         << "nowhere/vocab.txt"
                                                         << "%2: no such file or folder";
}

void TestLoadedModel::firstErrorWins()
{
    QFETCH(QString, model);
    QFETCH(QString, tokenizer);
    QFETCH(QString, message);
    writeTinyModelFolder(path(QStringLiteral("no-tokenizer")), 3, false);
    QVERIFY(QDir().mkpath(path(QStringLiteral("alone"))));
    writeFile(path(QStringLiteral("alone/tiny.bin")), llama2cBytes(randomLlama(TinyLlama{}, 3)));
    const QString tokenizerPath = tokenizer.isEmpty() ? QString() : path(tokenizer);
    const Result<LoadedModel> loaded = loadModel(path(model), tokenizerPath);
    QVERIFY(!loaded);
    const QString expected = QString(message)
                                 .replace(QStringLiteral("%1"), path(model))
                                 .replace(QStringLiteral("%2"), tokenizerPath);
    QVERIFY2(loaded.error().startsWith(expected), qPrintable(loaded.error() + "\nexpected: " + expected));
}

// Byte-level BPE stores " animal" as "Ġanimal"; a reader sees the space. An added token is shown as it is.
void TestLoadedModel::displayTokensShowSpaces()
{
    writeTinyTokenizer(path(QStringLiteral("display")));
    const Result<std::shared_ptr<Tokenizer>> tokenizer = Tokenizer::load(path(QStringLiteral("display")));
    QVERIFY2(tokenizer, qPrintable(tokenizer.error()));
    QCOMPARE(displayTokens(**tokenizer, {1, 0, 2, 10}),
             (QStringList{QStringLiteral(" animal"), QStringLiteral(" it"), QStringLiteral("a"),
                          QStringLiteral("<|endoftext|>")}));
    QVERIFY(displayTokens(**tokenizer, {}).isEmpty());
}

ATTNLAB_TEST_APPLESS_MAIN(TestLoadedModel)
} // namespace tst_loaded_model
#include "tst_loaded_model.moc"
