// Tests app/lessons/lesson_catalog.cpp: which `--lesson` arguments are files, how a lesson's model is found (a path
// beside the lesson, a downloaded model's short name or ORG/NAME in a Hugging Face cache written here), the check
// with those models, and the user lessons folder (a model path relative to the added file made absolute in the copy).

#include "app/lessons/lesson_catalog.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace tst_lesson_catalog {

using namespace attnlab;

namespace {

bool writeCatalogFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// A GPT-2-shaped config of 2 layers of 3 heads; the "weights" beside it are not a safetensors file at all, so a
// check that read them would fail.
const QByteArray kTinyConfig = R"({"model_type": "gpt2", "n_layer": 2, "n_head": 3, "n_embd": 12, "vocab_size": 16, "n_positions": 32})";

QByteArray lessonOn(const QString& model, const QByteArray& extra = {})
{
    QJsonObject lesson{{"format", "attnlab-lesson"}, {"version", 1}, {"id", "mine"}, {"title", QJsonObject{{"en", "Mine"}}},
                       {"view", "heatmap"}, {"input", QJsonObject{{"text", "a b c"}, {"model", model}}}};
    QByteArray json = QJsonDocument(lesson).toJson(QJsonDocument::Compact);
    return extra.isEmpty() ? json : json.replace("{\"format\"", "{" + extra + ", \"format\"");
}

} // namespace

class TestLessonCatalog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lesson_catalog"));
        QDir(app::userLessonDirectory()).removeRecursively();
    }
    void cleanupTestCase() { QDir(app::userLessonDirectory()).removeRecursively(); }

    void fileArguments()
    {
        QVERIFY(app::isLessonFileArgument(QStringLiteral("mine.attnlab-lesson")));
        QVERIFY(app::isLessonFileArgument(QStringLiteral("mine.json")));
        QVERIFY(app::isLessonFileArgument(QStringLiteral("lessons/mine")));
        QVERIFY(app::isLessonFileArgument(QStringLiteral("./exam-softmax")));
        QVERIFY(!app::isLessonFileArgument(QStringLiteral("exam-softmax")));
        QVERIFY(app::lessonFromArgument(QStringLiteral("exam-softmax")).ok());
        QVERIFY(app::lessonFromArgument(QStringLiteral("./exam-softmax")).error().startsWith(QStringLiteral("./exam-softmax: cannot read")));
    }

    void modelsByNameOrPath()
    {
        QTemporaryDir cache;
        const QString snapshot = cache.filePath(QStringLiteral("models--openai-community--gpt2/snapshots/aaa"));
        QVERIFY(writeCatalogFile(snapshot + QStringLiteral("/config.json"), kTinyConfig));
        QVERIFY(writeCatalogFile(snapshot + QStringLiteral("/model.safetensors"), "not weights"));
        QVERIFY(writeCatalogFile(cache.filePath(QStringLiteral("models--openai-community--gpt2/refs/main")), "aaa\n"));
        const QByteArray previous = qgetenv("HF_HUB_CACHE");
        qputenv("HF_HUB_CACHE", cache.path().toUtf8());

        QCOMPARE(*app::resolveLessonModel(QStringLiteral("toy"), QString()), QStringLiteral("toy"));
        QCOMPARE(*app::resolveLessonModel(QStringLiteral("gpt2"), QString()), snapshot);
        QCOMPARE(*app::resolveLessonModel(QStringLiteral("openai-community/gpt2"), QString()), snapshot);
        const auto missing = app::resolveLessonModel(QStringLiteral("distilgpt2"), QString());
        QCOMPARE(missing.error(), QStringLiteral("model \"distilgpt2\" cannot be found: it is neither a path nor downloaded "
                                                 "(attnlab download distilgpt2)"));

        // The check finds "gpt2" in the cache and measures it from its config: 3 heads, so head 4 is out of range.
        QTemporaryDir dir;
        const QString lesson = dir.filePath(QStringLiteral("mine.attnlab-lesson"));
        QVERIFY(writeCatalogFile(lesson, lessonOn(QStringLiteral("gpt2"), "\"head\": 4")));
        const auto problems = app::validateLessonFileWithModels(lesson);
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].text(), QStringLiteral("head: head 4 of 3 (valid 1–3)"));
        QVERIFY(writeCatalogFile(lesson, lessonOn(QStringLiteral("gpt2"), "\"head\": 3")));
        QVERIFY(app::validateLessonFileWithModels(lesson).empty());
        if (previous.isEmpty())
            qunsetenv("HF_HUB_CACHE");
        else
            qputenv("HF_HUB_CACHE", previous);
    }

    void addedLessonKeepsItsModel()
    {
        // A model beside the lesson file ("models/tiny"): the copy in the user lessons folder names it absolutely.
        QTemporaryDir dir;
        QVERIFY(writeCatalogFile(dir.filePath(QStringLiteral("models/tiny/config.json")), kTinyConfig));
        const QString lesson = dir.filePath(QStringLiteral("mine.attnlab-lesson"));
        QVERIFY(writeCatalogFile(lesson, lessonOn(QStringLiteral("models/tiny"))));
        const app::AddedLesson added = app::addUserLesson(lesson);
        QVERIFY(added.problems.empty());
        QCOMPARE(added.id, QStringLiteral("mine"));
        const auto copy = app::builtInLesson(QStringLiteral("mine"));
        QVERIFY2(copy.ok(), qPrintable(copy.error()));
        QCOMPARE(copy->modelName, dir.filePath(QStringLiteral("models/tiny")));
        QCOMPARE(copy->sourcePath, app::userLessonDirectory() + QStringLiteral("/mine.attnlab-lesson"));
        QCOMPARE(app::userLessons().size(), size_t(1));
        QVERIFY(app::removeUserLesson(QStringLiteral("mine")).ok());
        QVERIFY(app::userLessons().empty());
        QVERIFY(!app::removeUserLesson(QStringLiteral("mine")).ok());
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLessonCatalog)
} // namespace tst_lesson_catalog
#include "tst_lesson_catalog.moc"
