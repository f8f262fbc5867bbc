// Tests model/pipeline/model_loader.cpp on an event loop without widgets, with tiny model folders the test
// writes (tiny_model_folder.h). Every signal is recorded in the order it came: a load says loading, then
// idle, then loaded (or failed with the loader's message), once each; the model in use changes only with a
// successful load (holds() follows it, whatever the spelling of its path); cancel() goes idle at once and the
// abandoned load's result is dropped; a second load asked for while one runs replaces it, in one busy period.

#include "model/pipeline/model_loader.h"
#include "model/pipeline/tiny_model_folder.h"
#include "test_registry.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tst_model_loader {

using namespace attnlab::model;

namespace {

// Generous: the suite also runs under the sanitizers on two shared cores.
constexpr int kTimeoutMs = 60000;

// The loader's signals as text, in the order they were emitted.
class Recorder {
public:
    explicit Recorder(ModelLoader& loader)
    {
        QObject::connect(&loader, &ModelLoader::loadingChanged, [this](bool loading) {
            events << (loading ? QStringLiteral("loading") : QStringLiteral("idle"));
        });
        QObject::connect(&loader, &ModelLoader::loaded,
                         [this](const QString& path) { events << QStringLiteral("loaded ") + path; });
        QObject::connect(&loader, &ModelLoader::failed, [this](const QString& path, const QString& message) {
            events << QStringLiteral("failed ") + path + QStringLiteral(" | ") + message;
        });
    }
    QStringList events;
};

// Lets the worker finish and any signal still queued arrive, so that what was recorded is final.
void drain(ModelLoader& loader)
{
    for (int i = 0; i < 3; ++i) {
        loader.waitForIdle();
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

} // namespace

class TestModelLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_first = attnlab::test::writeTinyModelFolder(m_dir.filePath(QStringLiteral("first")), 1);
        m_second = attnlab::test::writeTinyModelFolder(m_dir.filePath(QStringLiteral("second")), 2);
    }

    void startsEmpty();
    void loadsAndHolds();
    void failureKeepsTheModel();
    void cancelDropsTheResult();
    void cancelWhenIdleSaysNothing();
    void laterLoadReplacesTheRunningOne();
    void loadAgainAfterCancel();
    void destroyedWhileLoading();

private:
    QTemporaryDir m_dir;
    QString m_first, m_second;
};

void TestModelLoader::startsEmpty()
{
    ModelLoader loader;
    QVERIFY(!loader.isLoading());
    QVERIFY(loader.loadingPath().isEmpty());
    QVERIFY(!loader.current().model);
    QVERIFY(!loader.current().tokenizer);
    QVERIFY(!loader.holds(m_first));
    QVERIFY(!loader.holds(QString()));
}

// loading (at once, with the path being loaded), then idle and loaded with the folder's clean absolute path;
// holds() answers for any spelling of that path and for no other.
void TestModelLoader::loadsAndHolds()
{
    ModelLoader loader;
    Recorder recorder(loader);
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    loader.load(m_first + QStringLiteral("/../first/"));
    QCOMPARE(recorder.events, QStringList{QStringLiteral("loading")});
    QVERIFY(loader.isLoading());
    QCOMPARE(loader.loadingPath(), m_first);
    QVERIFY(!loader.holds(m_first)); // not before it is loaded

    QVERIFY(loaded.wait(kTimeoutMs));
    drain(loader);
    QCOMPARE(recorder.events, (QStringList{QStringLiteral("loading"), QStringLiteral("idle"),
                                           QStringLiteral("loaded ") + m_first}));
    QVERIFY(!loader.isLoading());
    QVERIFY(loader.loadingPath().isEmpty());
    QVERIFY(loader.current().model);
    QVERIFY(loader.current().tokenizer);
    QCOMPARE(loader.current().model->name(), QStringLiteral("first"));
    QCOMPARE(loader.current().tokenizerPath, m_first);
    QVERIFY(loader.holds(m_first));
    QVERIFY(loader.holds(m_first + QStringLiteral("/")));
    QVERIFY(loader.holds(m_dir.path() + QStringLiteral("/second/../first")));
    QVERIFY(!loader.holds(m_second));
}

// A path that does not load: idle, then failed with loadModel's message; the model in use stays in use.
void TestModelLoader::failureKeepsTheModel()
{
    ModelLoader loader;
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    loader.load(m_first);
    QVERIFY(loaded.wait(kTimeoutMs));
    drain(loader);

    Recorder recorder(loader);
    QSignalSpy failed(&loader, &ModelLoader::failed);
    const QString missing = m_dir.filePath(QStringLiteral("missing"));
    loader.load(missing);
    QVERIFY(failed.wait(kTimeoutMs));
    drain(loader);
    QCOMPARE(recorder.events,
             (QStringList{QStringLiteral("loading"), QStringLiteral("idle"),
                          QStringLiteral("failed %1 | %1: no such file or folder").arg(missing)}));
    QVERIFY(!loader.isLoading());
    QVERIFY(loader.holds(m_first));
    QVERIFY(!loader.holds(missing));
    QCOMPARE(loaded.count(), 1);

    // A folder with weights but no tokenizer fails as a whole: no half-loaded model.
    const QString noTokenizer =
        attnlab::test::writeTinyModelFolder(m_dir.filePath(QStringLiteral("no-tokenizer")), 3, false);
    loader.load(noTokenizer);
    QVERIFY(failed.wait(kTimeoutMs));
    drain(loader);
    QCOMPARE(failed.last().at(0).toString(), noTokenizer);
    QVERIFY2(
        failed.last().at(1).toString().startsWith(noTokenizer + QStringLiteral(": expected tokenizer.json")),
        qPrintable(failed.last().at(1).toString()));
    QVERIFY(loader.holds(m_first));
}

// Cancel goes idle at once; when the abandoned load ends nothing more is said and the model in use stays.
void TestModelLoader::cancelDropsTheResult()
{
    ModelLoader loader;
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    loader.load(m_first);
    QVERIFY(loaded.wait(kTimeoutMs));
    drain(loader);

    Recorder recorder(loader);
    loader.load(m_second);
    loader.cancel();
    QCOMPARE(recorder.events, (QStringList{QStringLiteral("loading"), QStringLiteral("idle")}));
    QVERIFY(!loader.isLoading());
    QVERIFY(loader.loadingPath().isEmpty());
    drain(loader);
    QCOMPARE(recorder.events, (QStringList{QStringLiteral("loading"), QStringLiteral("idle")}));
    QVERIFY(loader.holds(m_first));
    QVERIFY(!loader.holds(m_second));
}

void TestModelLoader::cancelWhenIdleSaysNothing()
{
    ModelLoader loader;
    Recorder recorder(loader);
    loader.cancel();
    QVERIFY(recorder.events.isEmpty());
}

// A load asked for while another runs: one busy period, and only the later one is loaded and reported.
void TestModelLoader::laterLoadReplacesTheRunningOne()
{
    ModelLoader loader;
    Recorder recorder(loader);
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    loader.load(m_first);
    loader.load(m_second);
    QCOMPARE(loader.loadingPath(), m_second);
    QVERIFY(loaded.wait(kTimeoutMs));
    drain(loader);
    QCOMPARE(recorder.events, (QStringList{QStringLiteral("loading"), QStringLiteral("idle"),
                                           QStringLiteral("loaded ") + m_second}));
    QVERIFY(loader.holds(m_second));
    QVERIFY(!loader.holds(m_first));
}

// Cancelled, then asked for again while the abandoned load may still run: it is loaded and reported once.
void TestModelLoader::loadAgainAfterCancel()
{
    ModelLoader loader;
    Recorder recorder(loader);
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    loader.load(m_second);
    loader.cancel();
    loader.load(m_second);
    QVERIFY(loaded.wait(kTimeoutMs));
    drain(loader);
    QCOMPARE(recorder.events,
             (QStringList{QStringLiteral("loading"), QStringLiteral("idle"), QStringLiteral("loading"),
                          QStringLiteral("idle"), QStringLiteral("loaded ") + m_second}));
    QVERIFY(loader.holds(m_second));
}

// The destructor waits for the worker instead of leaving it to write into a destroyed loader (the sanitizers
// would see that).
void TestModelLoader::destroyedWhileLoading()
{
    auto loader = std::make_unique<ModelLoader>();
    loader->load(m_first);
    QVERIFY(loader->isLoading());
    loader.reset();
    QCoreApplication::processEvents();
}

ATTNLAB_TEST_GUILESS_MAIN(TestModelLoader)
} // namespace tst_model_loader
#include "tst_model_loader.moc"
