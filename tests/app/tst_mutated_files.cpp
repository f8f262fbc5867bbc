// Feeds damaged copies of real files through every loader that reads files from disk: checkpoints (the
// safetensors file and config.json of a model folder, llama2.c .bin), tokenizers (tokenizer.json, vocab.json +
// merges.txt, vocab.txt, tokenizer.bin), matrices files, sessions and lessons. Each loader must either accept
// the file or reject it with one message naming the file, never crash or hang. The damage is deterministic
// (a fixed seed): truncation, flipped bytes, inserted and repeated runs, 0xFF and NUL windows.

#include "model/checkpoints/language_model.h"
#include "model/teaching/lesson.h"
#include "model/checkpoints/llama2c_checkpoint.h"
#include "model/exact/matrix_problem.h"
#include "app/session/session_file.h"
#include "test_support.h"
#include "model/tokenizers/tokenizer.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace tst_mutated_files {

using namespace attnlab;

namespace {

constexpr int kMutantsPerFile = 30;

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// The i-th damaged copy of data. The kinds take turns so that every file gets each of them.
QByteArray mutate(QByteArray data, int i, QRandomGenerator& rng)
{
    const auto at = [&](qsizetype size) { return size > 0 ? qsizetype(rng.bounded(quint64(size))) : 0; };
    switch (i % 6) {
    case 0: // truncated anywhere, often close to the start where headers are
        data.truncate(i % 12 == 0 ? at(qMin<qsizetype>(data.size(), 64)) : at(data.size()));
        break;
    case 1: // a few flipped bytes
        for (int n = 0; n < 1 + int(rng.bounded(8)) && !data.isEmpty(); ++n)
            data[at(data.size())] = char(rng.bounded(256));
        break;
    case 2: // random bytes inserted
        for (int n = 0; n < 1 + int(rng.bounded(16)); ++n)
            data.insert(at(data.size() + 1), char(rng.bounded(256)));
        break;
    case 3: { // a window of 0xFF (huge lengths, NaN floats)
        const qsizetype start = at(qMin<qsizetype>(data.size(), 256));
        for (qsizetype k = start; k < qMin(data.size(), start + 8); ++k)
            data[k] = char(0xFF);
        break;
    }
    case 4: { // a run repeated (duplicated keys, overlapping data)
        const qsizetype start = at(data.size()), length = qMin<qsizetype>(data.size() - start, 1 + at(64));
        data.insert(start, data.mid(start, length));
        break;
    }
    default: { // a window of NUL bytes
        const qsizetype start = at(data.size());
        for (qsizetype k = start; k < qMin(data.size(), start + 16); ++k)
            data[k] = '\0';
        break;
    }
    }
    return data;
}

// A loader: path of the damaged file -> "" when accepted, else its error message.
using Loader = std::function<QString(const QString& path)>;

template <typename R>
QString errorOf(const R& result)
{
    return result ? QString() : (result.error().isEmpty() ? QStringLiteral("(empty message)") : result.error());
}

} // namespace

class TestMutatedFiles : public QObject {
    Q_OBJECT
private slots:
    void everyLoaderSurvivesDamage_data();
    void everyLoaderSurvivesDamage();
};

void TestMutatedFiles::everyLoaderSurvivesDamage_data()
{
    QTest::addColumn<QString>("seed");   // the original file
    QTest::addColumn<QString>("folder"); // copied beside the damaged file (a model folder), or ""
    QTest::addColumn<Loader>("loader");
    const QString shared = test::sharedDir();
    const QString sort = shared + QStringLiteral("/models/gpt-nano-sort");
    const QString llama = shared + QStringLiteral("/models/aidreams260K");
    const QString fuzz = QStringLiteral(QT_TESTCASE_SOURCEDIR "/fuzz/corpus");
    const Loader model = [](const QString& path) {
        return errorOf(model::LanguageModel::load(QFileInfo(path).absolutePath()));
    };
    const Loader tokenizer = [](const QString& path) { return errorOf(model::Tokenizer::load(path)); };
    QTest::newRow("gpt2 model.safetensors") << sort + "/model.safetensors" << sort << model;
    QTest::newRow("gpt2 config.json") << sort + "/config.json" << sort << model;
    QTest::newRow("llama model.safetensors") << llama + "/model.safetensors" << llama << model;
    QTest::newRow("llama config.json") << llama + "/config.json" << llama << model;
    QTest::newRow("llama2.c .bin") << llama + "/llama2c/aidreams260K.bin" << QString()
                                   << Loader([](const QString& p) { return errorOf(model::loadLlama2cCheckpoint(p)); });
    QTest::newRow("tokenizer.bin") << llama + "/llama2c/tok512.bin" << QString() << tokenizer;
    QTest::newRow("tokenizer.json (sentencepiece)") << llama + "/tokenizer.json" << QString() << tokenizer;
    QTest::newRow("tokenizer.json (byte-level)") << fuzz + "/tokenizer_json/byte_level_bpe.json" << QString() << tokenizer;
    QTest::newRow("tokenizer.json (wordpiece)") << fuzz + "/tokenizer_json/wordpiece.json" << QString() << tokenizer;
    QTest::newRow("merges.txt") << shared + "/tokenizers/gpt2/merges.txt" << QString()
                                << Loader([shared](const QString& p) {
                                       // GPT-2's two files: the damaged merges.txt beside an intact vocab.json.
                                       const QString vocab = QFileInfo(p).absolutePath() + QStringLiteral("/vocab.json");
                                       if (!QFile::exists(vocab))
                                           QFile::copy(shared + QStringLiteral("/tokenizers/gpt2/vocab.json"), vocab);
                                       return errorOf(model::Tokenizer::load(QFileInfo(p).absolutePath()));
                                   });
    QTest::newRow("vocab.txt") << shared + "/tokenizers/bert-base-uncased/vocab.txt" << QString() << tokenizer;
    QTest::newRow("matrices") << fuzz + "/matrix_problem/exam.json" << QString()
                              << Loader([](const QString& p) {
                                     auto problem = model::parseMatrixProblem(readAll(p), p);
                                     if (!problem) return errorOf(problem);
                                     // Parsed but inconsistent (a damaged shape): the command line prefixes the file.
                                     const QString error = errorOf(model::runMatrixProblem(*problem));
                                     return error.isEmpty() ? error : p + QStringLiteral(": ") + error;
                                 });
    QTest::newRow("lesson") << QStringLiteral(QT_TESTCASE_SOURCEDIR "/../resources/lessons/exam-softmax.json") << QString()
                            << Loader([](const QString& p) { return errorOf(model::readLesson(p)); });
    QTest::newRow("session") << QString() << QString()
                             << Loader([](const QString& p) { return errorOf(app::readSessionFile(p)); });
}

void TestMutatedFiles::everyLoaderSurvivesDamage()
{
    QFETCH(QString, seed);
    QFETCH(QString, folder);
    QFETCH(Loader, loader);
    QTemporaryDir dir;
    QByteArray original;
    QString name;
    if (seed.isEmpty()) { // a session written by the application itself
        name = QStringLiteral("saved.attnlab");
        QVERIFY(app::writeSessionFile(dir.filePath(name), app::Session{}));
        original = readAll(dir.filePath(name));
    } else {
        if (!QFile::exists(seed)) QSKIP(qPrintable(seed + " not found (set ATTNLAB_SHARED)"));
        original = readAll(seed);
        name = QFileInfo(seed).fileName();
    }
    QVERIFY(!original.isEmpty());
    if (!folder.isEmpty())
        for (const QFileInfo& f : QDir(folder).entryInfoList(QDir::Files))
            QVERIFY(QFile::copy(f.absoluteFilePath(), dir.filePath(f.fileName())));
    const QString path = dir.filePath(name);
    QVERIFY(writeAll(path, original));
    QVERIFY2(loader(path).isEmpty(), qPrintable("the undamaged file fails: " + loader(path)));

    QRandomGenerator rng(quint32(qHash(name)) ^ 0x5eed);
    int rejected = 0;
    QStringList unnamed;
    for (int i = 0; i < kMutantsPerFile; ++i) {
        QVERIFY(writeAll(path, mutate(original, i, rng)));
        const QString error = loader(path);
        if (error.isEmpty()) continue; // damage that left a valid file (a changed weight, a renamed token)
        ++rejected;
        if (!error.contains(name)) unnamed << error;
    }
    qInfo("%s: %d of %d damaged copies rejected", qPrintable(name), rejected, kMutantsPerFile);
    QVERIFY2(unnamed.isEmpty(), qPrintable("messages that do not name " + name + ":\n" + unnamed.join('\n')));
}

ATTNLAB_TEST_GUILESS_MAIN(TestMutatedFiles)
} // namespace tst_mutated_files
#include "tst_mutated_files.moc"
