// Tests opening checkpoints in the app: model/pipeline/model_loader.cpp, app/download/model_catalog.cpp, app/window/model_info_panel.cpp
// and MainWindow's model handling (the model in use survives a failed or cancelled load; undo goes back).

#include "model/pipeline/trace_computer.h"
#include "app/window/main_window.h"
#include "app/download/model_catalog.h"
#include "app/window/model_info_panel.h"
#include "model/pipeline/model_loader.h"
#include "test_support.h"
#include "widgets/controls/token_strip.h"
#include "test_registry.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

namespace tst_model_loading {

using namespace attnlab;

namespace {

void touch(const QString& path, const QByteArray& bytes = "{}")
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Waits for the loader and then for the trace computed with the loaded model.
void settle(app::MainWindow& window)
{
    QTRY_VERIFY_WITH_TIMEOUT(!window.modelLoader()->isLoading(), 20000);
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

QString aidreams()
{
    return QDir(test::sharedDir()).filePath(QStringLiteral("models/aidreams260K"));
}

} // namespace

class TestModelLoading : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_model_loading"));
        QSettings().clear();
        // Keep the developer's real Hugging Face cache out of the model list.
        qputenv("HF_HUB_CACHE", QByteArrayLiteral("/nonexistent-attnlab-test-cache"));
    }

    void findsModelsInTheHuggingFaceCache()
    {
        QTemporaryDir cache;
        const QString hub = cache.path();
        // refs/main names the snapshot to use even when another one is newer.
        touch(hub + "/models--org--tiny/snapshots/aaa/config.json");
        touch(hub + "/models--org--tiny/snapshots/aaa/model.safetensors");
        touch(hub + "/models--org--tiny/snapshots/bbb/config.json");
        touch(hub + "/models--org--tiny/snapshots/bbb/model.safetensors");
        touch(hub + "/models--org--tiny/refs/main", "aaa\n");
        // No refs: the snapshot that has weights; a sharded model counts.
        touch(hub + "/models--gpt2/snapshots/c1/config.json");
        touch(hub + "/models--gpt2/snapshots/c1/model.safetensors.index.json");
        // Only a tokenizer was downloaded: not a model to offer. Datasets are not models.
        touch(hub + "/models--org--tokenizer-only/snapshots/d1/tokenizer.json");
        touch(hub + "/datasets--org--data/snapshots/e1/config.json");

        const std::vector<app::ModelEntry> found = app::huggingFaceCacheModels(hub);
        QCOMPARE(found.size(), size_t(2));
        QCOMPARE(found[0].title, QStringLiteral("gpt2"));
        QCOMPARE(found[0].path, QDir(hub).filePath("models--gpt2/snapshots/c1"));
        QCOMPARE(found[1].title, QStringLiteral("org/tiny"));
        QCOMPARE(found[1].path, QDir(hub).filePath("models--org--tiny/snapshots/aaa"));
        QCOMPARE(app::modelTitle(found[1].path), QStringLiteral("org/tiny"));
        QCOMPARE(app::modelTitle("/x/llama2c/aidreams260K.bin"), QStringLiteral("aidreams260K"));
        QVERIFY(app::huggingFaceCacheModels(hub + "/missing").empty());
    }

    void cacheFollowsTheEnvironment()
    {
        qputenv("HF_HOME", "/tmp/hf-home");
        qunsetenv("HF_HUB_CACHE");
        QCOMPARE(app::huggingFaceCacheDir(), QStringLiteral("/tmp/hf-home/hub"));
        qputenv("HF_HUB_CACHE", "/tmp/hub-cache");
        QCOMPARE(app::huggingFaceCacheDir(), QStringLiteral("/tmp/hub-cache"));
        qunsetenv("HF_HOME");
        qputenv("HF_HUB_CACHE", QByteArrayLiteral("/nonexistent-attnlab-test-cache"));
    }

    void recentModelsKeepTheLatestEightThatExist()
    {
        QSettings().remove(QStringLiteral("models/recent"));
        QTemporaryDir dir;
        for (int i = 0; i < 10; ++i) {
            QDir(dir.path()).mkdir(QString::number(i));
            app::addRecentModel(QDir(dir.path()).filePath(QString::number(i)));
        }
        app::addRecentModel(QDir(dir.path()).filePath("5")); // moves to the front, no duplicate
        const QStringList recent = app::recentModels();
        QCOMPARE(recent.size(), app::kMaxRecentModels);
        QCOMPARE(QFileInfo(recent[0]).fileName(), QStringLiteral("5"));
        QCOMPARE(QFileInfo(recent[1]).fileName(), QStringLiteral("9"));
        QVERIFY(!recent.contains(QDir(dir.path()).filePath("0")));
        QDir(QDir(dir.path()).filePath("9")).removeRecursively();
        QVERIFY(!app::recentModels().contains(QDir(dir.path()).filePath("9")));
        QSettings().remove(QStringLiteral("models/recent"));
    }

    void opensAModelAndShowsItsAttentionAndPredictions()
    {
        if (!QFileInfo::exists(aidreams())) QSKIP("../shared/models/aidreams260K is absent (set ATTNLAB_SHARED)");
        app::MainWindow window;
        settle(window);
        QCOMPARE(window.trace()->modelName, QStringLiteral("toy"));
        window.openModel(aidreams());
        QVERIFY(window.modelLoader()->isLoading());
        settle(window);
        QVERIFY(window.trace());
        QCOMPARE(window.trace()->modelName, QStringLiteral("aidreams260K"));
        QVERIFY(window.trace()->trained);
        QCOMPARE(window.trace()->layers.size(), size_t(4));
        QCOMPARE(window.trace()->layers[0].heads.size(), size_t(4));
        // Llama tokens are shown as text: "▁animal" reads " animal".
        QCOMPARE(window.trace()->tokens.first(), QStringLiteral("<s>"));
        QVERIFY(!window.trace()->tokens.join(QString()).contains(QChar(0x2581)));

        // The model panel: 4 layers of 4 heads, width 64; parameters counted by hand from config.json:
        // embeddings 512·64, per layer 4·64² (attention) + 3·64·172 (SwiGLU) + 2·64 (norms), final norm 64.
        const qint64 parameters = 512 * 64 + 4 * (4 * 64 * 64 + 3 * 64 * 172 + 2 * 64) + 64;
        QCOMPARE(parameters, qint64(230976));
        QCOMPARE(window.modelInfo()->value(QStringLiteral("Layers")), QStringLiteral("4"));
        QCOMPARE(window.modelInfo()->value(QStringLiteral("Parameters")).remove(QRegularExpression("[^0-9]")),
                 QStringLiteral("230976"));
        QVERIFY(window.modelInfo()->value(QStringLiteral("Architecture")).startsWith(QStringLiteral("Llama")));
        QVERIFY(window.modelInfo()->value(QStringLiteral("Positions")).startsWith(QStringLiteral("RoPE")));

        // The control bar shows what the model does, fixed: causal attention, RoPE.
        auto* mask = window.findChild<QComboBox*>(QStringLiteral("mask"));
        auto* positional = window.findChild<QComboBox*>(QStringLiteral("positional"));
        QVERIFY(mask && positional);
        QCOMPARE(mask->currentData().toString(), QStringLiteral("causal"));
        QVERIFY(!mask->isEnabled());
        QCOMPARE(positional->currentText(), QStringLiteral("RoPE"));
        QVERIFY(!positional->isEnabled());

        // Each token's most probable successor sits under its chip, the top 5 in its tooltip.
        QLabel* first = window.tokenStrip()->predictionLabel(0);
        QVERIFY(first);
        QVERIFY(first->text().startsWith(QStringLiteral("→ ")));
        QCOMPARE(first->toolTip().count(QLatin1Char('\n')), 5);

        // The model is now a recent one, offered in the list; undo goes back to the toy model.
        QVERIFY(app::recentModels().contains(QDir::cleanPath(QFileInfo(aidreams()).absoluteFilePath())));
        window.undoStack()->undo();
        settle(window);
        QCOMPARE(window.trace()->modelName, QStringLiteral("toy"));
        QVERIFY(!window.tokenStrip()->predictionLabel(0));
        QVERIFY(mask->isEnabled());
        QCOMPARE(mask->currentData().toString(), QStringLiteral("none")); // the toy model's own setting
        window.undoStack()->redo();
        settle(window);
        QCOMPARE(window.trace()->modelName, QStringLiteral("aidreams260K"));
    }

    // With ATTNLAB_RENDER_DIR set, saves the window with a real model open (model panel, prediction strip).
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (dir.isEmpty()) QSKIP("set ATTNLAB_RENDER_DIR to save a screenshot");
        if (!QFileInfo::exists(aidreams())) QSKIP("../shared/models/aidreams260K is absent (set ATTNLAB_SHARED)");
        app::MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openModel(aidreams());
        settle(window);
        window.showView(QStringLiteral("heads"));
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("model-aidreams.png"))));
    }

    void aBrokenModelKeepsTheCurrentOne()
    {
        QTemporaryDir dir;
        touch(dir.path() + "/config.json", R"({"model_type": "gpt2", "n_embd": "wide"})");
        app::MainWindow window;
        settle(window);
        const auto before = window.trace();
        window.openModel(dir.path());
        settle(window);
        QCOMPARE(window.trace(), before);
        QCOMPARE(window.state().input.modelName, QStringLiteral("toy"));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("modelError"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("config.json")), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QStringLiteral("n_embd")), qPrintable(box->text()));
        box->close();
        QVERIFY(!app::recentModels().contains(dir.path()));
    }

    void cancellingKeepsTheCurrentModel()
    {
        if (!QFileInfo::exists(aidreams())) QSKIP("../shared/models/aidreams260K is absent (set ATTNLAB_SHARED)");
        app::MainWindow window;
        settle(window);
        QSignalSpy loaded(window.modelLoader(), &model::ModelLoader::loaded);
        window.openModel(aidreams());
        window.modelLoader()->cancel();
        QVERIFY(!window.modelLoader()->isLoading());
        window.modelLoader()->waitForIdle();
        QCoreApplication::processEvents();
        settle(window);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(window.trace()->modelName, QStringLiteral("toy"));
        QCOMPARE(window.state().input.modelName, QStringLiteral("toy"));
    }
};

ATTNLAB_TEST_MAIN(TestModelLoading)
} // namespace tst_model_loading
#include "tst_model_loading.moc"
