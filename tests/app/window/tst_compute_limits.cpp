// Tests the limits of a computation in the application and on the command line (model/pipeline/trace_request.cpp,
// app/window/main_window_compute.cpp, model/pipeline/trace_computer.cpp): a text with more tokens than the model takes fails
// with a message and an offer to run the first tokens, which is one undo step; a computation can be stopped,
// and the views keep the last trace.

#include "model/checkpoints/language_model.h"
#include "app/window/main_window.h"
#include "model/pipeline/loaded_model.h"
#include "app/run_attnlab.h"
#include "test_support.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/pipeline/trace_computer.h"
#include "model/pipeline/trace_request.h"
#include "model/trace/trace_size.h"
#include "app/workspace/workspace_request.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

namespace tst_compute_limits {

using namespace attnlab;

namespace {

void settle(app::MainWindow& window)
{
    for (int i = 0; i < 2; ++i) {
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
    }
}

// n words, each its own toy token.
QString words(int n)
{
    QStringList list;
    for (int i = 0; i < n; ++i)
        list << QStringLiteral("w%1").arg(i);
    return list.join(QLatin1Char(' '));
}

QString statusText(app::MainWindow& window)
{
    QString text;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        if (label->isVisible()) text += label->text();
    return text;
}

} // namespace

class TestComputeLimits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tooManyTokensOffersTheFirstOnes();
    void commandLineNamesTheLimitAndTruncates();
    void firstTokensOfACheckpoint();
    void stopKeepsTheLastTrace();
    void cancelledCheckpointStopsBetweenLayers();
    void tooLittleMemoryOffersFewerLayers();
    void commandLineRunsTheFirstLayers();
};

void TestComputeLimits::tooManyTokensOffersTheFirstOnes()
{
    app::MainWindow window;
    window.show();
    settle(window);
    const auto before = window.trace();
    QVERIFY(before);

    app::WorkspaceState state = window.state();
    state.input.text = words(600); // the toy model takes 512
    window.setWorkspace(state);
    settle(window);
    QCOMPARE(window.trace(), before); // the views keep the last good trace
    QVERIFY2(statusText(window).contains(QStringLiteral("600 tokens")), qPrintable(statusText(window)));
    QVERIFY(statusText(window).contains(QStringLiteral("512")));
    auto* offer = window.findChild<QPushButton*>(QStringLiteral("runFirstTokens"));
    QVERIFY(offer && offer->isVisible());
    // ATTNLAB_RENDER_DIR=DIR keeps a picture of the offer for looking at it.
    if (const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR"); !dir.isEmpty())
        window.grab().save(dir + QStringLiteral("/token-limit.png"));
    QCOMPARE(offer->text(), QStringLiteral("Run the first 512 tokens"));

    const int steps = window.undoStack()->count();
    offer->click();
    settle(window);
    QVERIFY(window.trace() != before);
    QCOMPARE(window.trace()->tokens.size(), 512);
    QCOMPARE(window.trace()->tokens.last(), QStringLiteral("w511"));
    QVERIFY(window.trace()->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("first 512 of 600")));
    QVERIFY(!offer->isVisible());
    QCOMPARE(window.state().input.text, words(600)); // the text itself is kept
    QCOMPARE(window.undoStack()->count(), steps + 1);

    window.undoStack()->undo();
    settle(window);
    QCOMPARE(window.state().compute.maxTokens, 0);
    QVERIFY(offer->isVisible()); // the whole text is too long again
}

void TestComputeLimits::commandLineNamesTheLimitAndTruncates()
{
    ATTNLAB_SKIP_CHILD_PROCESS_UNDER_TSAN();
    const auto tooLong = test::runAttnlab({"run", "--text", words(513), "--json", "-"});
    QCOMPARE(tooLong.exitCode, 1);
    QCOMPARE(tooLong.err.trimmed(), QByteArray("error: the text has 513 tokens, but the toy model takes at most 512 "
                                               "(--max-tokens 512 runs the first 512)"));
    const auto first = test::runAttnlab({"run", "--text", words(513), "--max-tokens", "10", "--json", "-"});
    QCOMPARE(first.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(first.out).object();
    QCOMPARE(json.value(QStringLiteral("tokens")).toArray().size(), 10);
    const auto bad = test::runAttnlab({"run", "--text", "a b", "--max-tokens", "0", "--json", "-"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("--max-tokens"), bad.err.constData());
}

void TestComputeLimits::firstTokensOfACheckpoint()
{
    const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/aidreams260K");
    if (!QFile::exists(folder + QStringLiteral("/model.safetensors")))
        QSKIP(qPrintable("aidreams260K not found in " + folder + " (set ATTNLAB_SHARED)"));
    model::TraceRequest request;
    request.modelName = folder;
    request.text = words(100); // far more than its 128 positions once split into pieces
    model::TokenLimit limit;
    const auto tooLong = model::computeTrace(request, &limit);
    QVERIFY(!tooLong);
    QCOMPARE(limit.limit, 128);
    QVERIFY(limit.tokens > 128);
    QCOMPARE(tooLong.error(), QStringLiteral("the text has %1 tokens, but aidreams260K takes at most 128").arg(limit.tokens));

    request.maxTokens = 128;
    const auto first = model::computeTrace(request, &limit);
    QVERIFY2(first, qPrintable(first.error()));
    QCOMPARE(first->tokens.size(), 128);
    QCOMPARE(first->predictions.size(), size_t(128));
    // The first 128 tokens are the same as those of the whole text: compare with a run of exactly them.
    const auto all = model::loadModel(folder, QString());
    QVERIFY(all);
    std::vector<int> ids = all->tokenizer->encode(request.text).ids;
    ids.resize(128);
    QCOMPARE(first->tokenIds, ids);
}

void TestComputeLimits::stopKeepsTheLastTrace()
{
    model::TraceComputer computer;
    QSignalSpy ready(&computer, &model::TraceComputer::traceReady);
    QSignalSpy cancelled(&computer, &model::TraceComputer::cancelled);
    model::TraceRequest request;
    request.text = words(200);
    request.toy.layers = 6;
    computer.request(request);
    computer.request(request); // waits behind the first; Stop drops it too
    computer.cancel();
    computer.waitForIdle();
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(ready.count(), 0);
    QVERIFY(!computer.isBusy());

    computer.request(request); // the next request runs as usual
    computer.waitForIdle();
    QCOMPARE(ready.count(), 1);
}

void TestComputeLimits::cancelledCheckpointStopsBetweenLayers()
{
    QTemporaryDir dir;
    attnlab::test::writeHfLlama(dir.path(), attnlab::test::randomLlama({}, 6));
    auto model = model::LanguageModel::load(dir.path());
    QVERIFY2(model, qPrintable(model.error()));
    std::atomic<bool> stop = true;
    const auto stopped = (*model)->run({1, 2, 3}, {}, nullptr, &stop);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), model::cancelledMessage());
    stop = false;
    QVERIFY((*model)->run({1, 2, 3}, {}, nullptr, &stop));
}

namespace {

// The memory budget (whole MiB) between what the default toy model (2 layers of 4 heads, width 32) needs for
// `tokens` tokens through one layer and through both: every token fits in the first layer only.
int oneLayerBudgetMb(int tokens)
{
    model::ModelConfig shape;
    shape.heads = shape.kvHeads = 4;
    shape.dModel = 32;
    shape.dFf = 128;
    shape.layers = 1;
    const std::int64_t one = model::estimatedRunBytes(shape, tokens, model::TraceSource::Toy);
    shape.layers = 2;
    const std::int64_t two = model::estimatedRunBytes(shape, tokens, model::TraceSource::Toy);
    const std::int64_t mib = 1024 * 1024;
    const std::int64_t budget = (one + mib - 1) / mib;
    if (budget * mib >= two) qFatal("no whole MiB between one and two layers");
    return int(budget);
}

} // namespace

void TestComputeLimits::tooLittleMemoryOffersFewerLayers()
{
    qputenv("ATTNLAB_MEMORY_LIMIT_MB", QByteArray::number(oneLayerBudgetMb(500)));
    app::MainWindow window;
    window.show();
    settle(window);
    const auto before = window.trace();

    app::WorkspaceState state = window.state();
    state.input.text = words(500);
    window.setWorkspace(state);
    settle(window);
    QCOMPARE(window.trace(), before);
    QVERIFY2(statusText(window).contains(QStringLiteral("or all of them through the first of 2 layers")),
             qPrintable(statusText(window)));
    auto* fewerTokens = window.findChild<QPushButton*>(QStringLiteral("runFirstTokens"));
    auto* fewerLayers = window.findChild<QPushButton*>(QStringLiteral("runFirstLayers"));
    QVERIFY(fewerTokens && fewerTokens->isVisible());
    QVERIFY(fewerLayers && fewerLayers->isVisible());
    QCOMPARE(fewerLayers->text(), QStringLiteral("Run only the first of 2 layers"));
    if (const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR"); !dir.isEmpty())
        window.grab().save(dir + QStringLiteral("/layer-limit.png"));

    const int steps = window.undoStack()->count();
    fewerLayers->click();
    settle(window);
    qunsetenv("ATTNLAB_MEMORY_LIMIT_MB");
    QVERIFY(window.trace() != before);
    QCOMPARE(window.trace()->tokens.size(), 500); // every token
    QCOMPARE(window.trace()->layers.size(), size_t(1));
    QVERIFY(window.trace()->warnings.join(QLatin1Char(' ')).contains(QStringLiteral("first 1 of 2 layers")));
    QVERIFY(!fewerLayers->isVisible() && !fewerTokens->isVisible());
    QCOMPARE(window.state().compute.maxLayers, 1);
    QCOMPARE(window.undoStack()->count(), steps + 1);

    // The first layer is the full model's first layer (the toy model's layers have their own weights).
    model::TraceRequest full = *app::buildRequest(window.state()).request;
    full.maxLayers = 0;
    const auto whole = model::computeTrace(full);
    QVERIFY2(whole, qPrintable(whole.error()));
    QCOMPARE(window.trace()->layers[0].heads[2].weights, whole->layers[0].heads[2].weights);

    window.undoStack()->undo();
    settle(window);
    QCOMPARE(window.state().compute.maxLayers, 0);
}

void TestComputeLimits::commandLineRunsTheFirstLayers()
{
    ATTNLAB_SKIP_CHILD_PROCESS_UNDER_TSAN();
    const QByteArray budget = QByteArray::number(oneLayerBudgetMb(500));
    qputenv("ATTNLAB_MEMORY_LIMIT_MB", budget);
    // The app's toy model; the command line's default is smaller.
    const QStringList toy = {"--heads", "4", "--d-model", "32", "--d-ff", "128"};
    const auto tooBig = test::runAttnlab(QStringList{"run", "--text", words(500), "--json", "-"} + toy);
    const auto first =
        test::runAttnlab(QStringList{"run", "--text", words(500), "--max-layers", "1", "--json", "-"} + toy);
    const auto bad = test::runAttnlab({"run", "--text", "a b", "--max-layers", "0", "--json", "-"});
    qunsetenv("ATTNLAB_MEMORY_LIMIT_MB");
    QCOMPARE(tooBig.exitCode, 1);
    QVERIFY2(tooBig.err.contains("--max-layers 1 runs every token through the first layer)"), tooBig.err.constData());
    QVERIFY2(tooBig.err.contains("--max-tokens "), tooBig.err.constData());
    QCOMPARE(first.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(first.out).object();
    QCOMPARE(json.value(QStringLiteral("tokens")).toArray().size(), 500);
    QCOMPARE(json.value(QStringLiteral("layers")).toArray().size(), 1);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("--max-layers"), bad.err.constData());
}

ATTNLAB_TEST_MAIN(TestComputeLimits)
} // namespace tst_compute_limits
#include "tst_compute_limits.moc"
