// Tests app/download/model_catalog.cpp on folders written here: where the Hugging Face cache is
// (HF_HUB_CACHE, HF_HOME, ~), which cached repositories are offered and which snapshot of each (refs/main,
// else the newest with weights), their titles and order, the recent models (most recent first, eight at most,
// only those that exist), and modelTitle for cache snapshots, folders and llama2.c files.

#include "app/download/model_catalog.h"
#include "test_registry.h"
#include "test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/time.h>

namespace tst_model_catalog {

using namespace attnlab::app;

namespace {

bool touch(const QString& path, const QByteArray& content = "{}")
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// Sets a file's or folder's modification time to `secondsAgo` before now (QDir::Time sorts by it).
bool age(const QString& path, int secondsAgo)
{
    timeval now{};
    gettimeofday(&now, nullptr);
    const timeval times[2] = {{now.tv_sec - secondsAgo, 0}, {now.tv_sec - secondsAgo, 0}};
    return ::utimes(QFile::encodeName(path).constData(), times) == 0;
}

QStringList titles(const std::vector<ModelEntry>& entries)
{
    QStringList out;
    for (const ModelEntry& e : entries)
        out << e.title;
    return out;
}

} // namespace

class TestModelCatalog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The recent list lives in QSettings: keep it away from the user's own.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_model_catalog"));
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void cacheDirFollowsTheEnvironment()
    {
        const QByteArray home = qgetenv("HOME");
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HF_HOME");
        qputenv("HOME", "/home/lecturer");
        QCOMPARE(huggingFaceCacheDir(), QStringLiteral("/home/lecturer/.cache/huggingface/hub"));
        qputenv("HF_HOME", "/srv/hf");
        QCOMPARE(huggingFaceCacheDir(), QStringLiteral("/srv/hf/hub"));
        qputenv("HF_HUB_CACHE", "/srv/hub-cache"); // the more specific variable wins
        QCOMPARE(huggingFaceCacheDir(), QStringLiteral("/srv/hub-cache"));
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HF_HOME");
        qputenv("HOME", home);
    }

    void cachedModels()
    {
        QTemporaryDir cache;
        const QString hub = cache.path();
        // refs/main names a snapshot with weights (a trailing newline, as huggingface_hub writes it).
        QVERIFY(touch(hub + "/models--openai-community--gpt2/snapshots/aaa/config.json"));
        QVERIFY(touch(hub + "/models--openai-community--gpt2/snapshots/aaa/model.safetensors"));
        QVERIFY(touch(hub + "/models--openai-community--gpt2/snapshots/bbb/config.json"));
        QVERIFY(touch(hub + "/models--openai-community--gpt2/snapshots/bbb/model.safetensors"));
        QVERIFY(touch(hub + "/models--openai-community--gpt2/refs/main", "aaa\n"));
        QVERIFY(age(hub + "/models--openai-community--gpt2/snapshots/aaa", 3600)); // older, still chosen
        // refs/main names a snapshot without weights: the newest snapshot that has them.
        QVERIFY(touch(hub + "/models--Zeta--big/snapshots/new/config.json"));
        QVERIFY(
            touch(hub + "/models--Zeta--big/snapshots/new/model.safetensors.index.json")); // sharded counts
        QVERIFY(touch(hub + "/models--Zeta--big/snapshots/old/config.json"));
        QVERIFY(touch(hub + "/models--Zeta--big/snapshots/old/model.safetensors"));
        QVERIFY(touch(hub + "/models--Zeta--big/snapshots/broken/config.json"));
        QVERIFY(touch(hub + "/models--Zeta--big/refs/main", "broken"));
        QVERIFY(age(hub + "/models--Zeta--big/snapshots/old", 7200));
        QVERIFY(age(hub + "/models--Zeta--big/snapshots/new", 60));
        // refs/main pointing out of snapshots/ is not followed.
        QVERIFY(touch(hub + "/models--alpha--escape/snapshots/s1/config.json"));
        QVERIFY(touch(hub + "/models--alpha--escape/snapshots/s1/model.safetensors"));
        QVERIFY(touch(hub + "/models--alpha--escape/elsewhere/config.json"));
        QVERIFY(touch(hub + "/models--alpha--escape/elsewhere/model.safetensors"));
        QVERIFY(touch(hub + "/models--alpha--escape/refs/main", "../elsewhere"));
        // Not offered: weights without config.json, a tokenizer only, a dataset, a file named like a model.
        QVERIFY(touch(hub + "/models--org--weights-only/snapshots/w/model.safetensors"));
        QVERIFY(touch(hub + "/models--org--tokenizer-only/snapshots/t/tokenizer.json"));
        QVERIFY(touch(hub + "/datasets--org--data/snapshots/d/config.json"));
        QVERIFY(touch(hub + "/datasets--org--data/snapshots/d/model.safetensors"));
        QVERIFY(touch(hub + "/models--org--file"));
        // No organisation: the title is the name alone.
        QVERIFY(touch(hub + "/models--distilgpt2/snapshots/c/config.json"));
        QVERIFY(touch(hub + "/models--distilgpt2/snapshots/c/model.safetensors"));

        const std::vector<ModelEntry> found = huggingFaceCacheModels(hub);
        // Sorted ignoring case: alpha, distilgpt2, openai-community, Zeta.
        QCOMPARE(titles(found),
                 (QStringList{"alpha/escape", "distilgpt2", "openai-community/gpt2", "Zeta/big"}));
        QCOMPARE(found[0].path, QDir(hub).filePath("models--alpha--escape/snapshots/s1"));
        QCOMPARE(found[1].path, QDir(hub).filePath("models--distilgpt2/snapshots/c"));
        QCOMPARE(found[2].path, QDir(hub).filePath("models--openai-community--gpt2/snapshots/aaa"));
        QCOMPARE(found[3].path, QDir(hub).filePath("models--Zeta--big/snapshots/new"));

        // The newest now lacks its weights: the older one is offered.
        QVERIFY(QFile::remove(hub + "/models--Zeta--big/snapshots/new/model.safetensors.index.json"));
        QCOMPARE(huggingFaceCacheModels(hub)[3].path, QDir(hub).filePath("models--Zeta--big/snapshots/old"));

        QVERIFY(huggingFaceCacheModels(hub + "/missing").empty());
    }

    void recentModels()
    {
        QSettings().clear();
        QTemporaryDir dir;
        const auto model = [&](int i) { return QDir(dir.path()).filePath(QStringLiteral("model%1").arg(i)); };
        for (int i = 0; i < 10; ++i)
            QVERIFY(QDir().mkpath(model(i)));
        QCOMPARE(attnlab::app::recentModels(), QStringList());

        addRecentModel(model(0));
        addRecentModel(model(1));
        QCOMPARE(attnlab::app::recentModels(), (QStringList{model(1), model(0)}));
        addRecentModel(model(0)); // to the front, once
        QCOMPARE(attnlab::app::recentModels(), (QStringList{model(0), model(1)}));

        for (int i = 2; i < 10; ++i)
            addRecentModel(model(i));
        // Ten added, the last eight kept, most recent first: 9, 8, …, 2.
        QStringList expected;
        for (int i = 9; i >= 2; --i)
            expected << model(i);
        QCOMPARE(attnlab::app::recentModels(), expected);
        QCOMPARE(kMaxRecentModels, 8);

        // A model deleted since is left out.
        QVERIFY(QDir(model(5)).removeRecursively());
        expected.removeAll(model(5));
        QCOMPARE(attnlab::app::recentModels(), expected);

        // A hand-edited list with duplicates and missing paths shows each existing path once.
        QSettings().setValue(QStringLiteral("models/recent"),
                             QStringList{model(3), QStringLiteral("/nonexistent/m"), model(3), model(4)});
        QCOMPARE(attnlab::app::recentModels(), (QStringList{model(3), model(4)}));
        QSettings().clear();
    }

    // A course's folder of models (`../shared/models`): each model folder, each llama2.c .bin in a model's
    // `llama2c/`, not the vocabularies (tok512.bin), not folders without weights; and the folder around a
    // recent model joins the list of folders, so that its siblings show.
    void modelsInAFolder()
    {
        QSettings().clear();
        QTemporaryDir dir;
        const QString course = dir.filePath(QStringLiteral("course"));
        for (const QString& file :
             {QStringLiteral("sort/config.json"), QStringLiteral("sort/model.safetensors"),
              QStringLiteral("char/config.json"), QStringLiteral("char/model.safetensors.index.json"),
              QStringLiteral("dreams/config.json"), QStringLiteral("dreams/model.safetensors"),
              QStringLiteral("dreams/llama2c/dreams260K.bin"), QStringLiteral("dreams/llama2c/tok512.bin"),
              QStringLiteral("notes/config.json"), QStringLiteral("empty/readme.txt"), QStringLiteral("stories.bin"),
              QStringLiteral("tokenizer.bin")})
            QVERIFY(touch(QDir(course).filePath(file)));
        const std::vector<ModelEntry> found = modelsInFolder(course);
        QCOMPARE(titles(found), (QStringList{QStringLiteral("char"), QStringLiteral("dreams"),
                                             QStringLiteral("dreams260K (llama2.c)"), QStringLiteral("sort"),
                                             QStringLiteral("stories (llama2.c)")}));
        QCOMPARE(found[2].path, QDir(course).filePath(QStringLiteral("dreams/llama2c/dreams260K.bin")));
        QCOMPARE(found[3].path, QDir(course).filePath(QStringLiteral("sort")));
        // A model folder given itself is its own one model.
        QCOMPARE(titles(modelsInFolder(QDir(course).filePath(QStringLiteral("sort")))), QStringList{QStringLiteral("sort")});
        QVERIFY(modelsInFolder(dir.filePath(QStringLiteral("missing"))).empty());
        QVERIFY(isModelPath(QDir(course).filePath(QStringLiteral("sort"))));
        QVERIFY(!isModelPath(QDir(course).filePath(QStringLiteral("notes"))));
        QVERIFY(!isModelPath(QDir(course).filePath(QStringLiteral("dreams/llama2c/tok512.bin"))));

        // Folders: none at first; a recent model brings its folder (a .bin in llama2c/ its model's parent);
        // an added folder comes first.
        QCOMPARE(modelFolders(), QStringList());
        addRecentModel(QDir(course).filePath(QStringLiteral("dreams/llama2c/dreams260K.bin")));
        QCOMPARE(modelFolders(), QStringList{QDir(course).absolutePath()});
        addRecentModel(QDir(course).filePath(QStringLiteral("sort")));
        QCOMPARE(modelFolders(), QStringList{QDir(course).absolutePath()});
        const QString other = dir.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(other));
        addModelFolder(other);
        QCOMPARE(modelFolders(), (QStringList{other, QDir(course).absolutePath()}));
        QSettings().clear();
    }

    // The shared test models, when they are there: the three models and the llama2.c one beside them.
    void sharedModels()
    {
        const QString shared = attnlab::test::sharedDir() + QStringLiteral("/models");
        if (!QFileInfo::exists(shared))
            QSKIP("../shared/models is not here");
        const QStringList found = titles(modelsInFolder(shared));
        for (const QString& name : {QStringLiteral("gpt-nano-sort"), QStringLiteral("char-gpt-slm"),
                                    QStringLiteral("aidreams260K"), QStringLiteral("aidreams260K (llama2.c)")})
            QVERIFY2(found.contains(name), qPrintable(found.join(QStringLiteral(", "))));
        QVERIFY2(!found.join(QLatin1Char(' ')).contains(QStringLiteral("tok512")), qPrintable(found.join(QStringLiteral(", "))));
    }

    void modelTitles()
    {
        QTemporaryDir dir;
        const QString snapshot =
            dir.filePath(QStringLiteral("hub/models--openai-community--gpt2/snapshots/abc123"));
        const QString plain = dir.filePath(QStringLiteral("my-model"));
        const QString notCache = dir.filePath(QStringLiteral("elsewhere/snapshots/abc"));
        const QString noOrg = dir.filePath(QStringLiteral("hub/models--gpt2/snapshots/c1"));
        for (const QString& path : {snapshot, plain, notCache, noOrg})
            QVERIFY(QDir().mkpath(path));
        QCOMPARE(modelTitle(snapshot), QStringLiteral("openai-community/gpt2"));
        QCOMPARE(modelTitle(noOrg), QStringLiteral("gpt2"));
        QCOMPARE(modelTitle(plain), QStringLiteral("my-model"));
        QCOMPARE(modelTitle(plain + QLatin1Char('/')),
                 QStringLiteral("my-model")); // typed with a trailing "/"
        QCOMPARE(modelTitle(notCache), QStringLiteral("abc"));
        // A llama2.c checkpoint: the file name without its last suffix.
        QCOMPARE(modelTitle(QStringLiteral("/x/llama2c/stories15M.bin")), QStringLiteral("stories15M"));
        QCOMPARE(modelTitle(QStringLiteral("/x/tiny.v2.bin")), QStringLiteral("tiny.v2"));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestModelCatalog)
} // namespace tst_model_catalog
#include "tst_model_catalog.moc"
