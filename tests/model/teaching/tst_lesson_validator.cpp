// Tests model/teaching/lesson_validator.cpp: hand-written bad lessons, each problem with its path and message,
// several problems all listed, and the model's shape read from its config (a tiny GPT-2 folder written here, a
// llama2.c header) without its weights.

#include "model/teaching/lesson_validator.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace tst_lesson_validator {

using namespace attnlab::model;

namespace {

// A lesson on the toy model (2 layers, 4 heads) and the words of "The cat sat on the mat" (6 tokens), with
// `extra` fields spliced in before "id".
QByteArray toyLesson(const QByteArray& extra = {}, const QByteArray& input = R"({"text": "The cat sat on the mat"})")
{
    return R"({"format": "attnlab-lesson", "version": 1, )" + extra + R"( "id": "x", "title": {"en": "X"},
               "view": "heatmap", "input": )" + input + "}";
}

QStringList problemTexts(const std::vector<LessonProblem>& problems)
{
    QStringList out;
    for (const LessonProblem& p : problems)
        out << p.text();
    return out;
}

// Models are found only where the test says: "toy", or a path.
Result<QString> onlyToy(const QString& name, const QString&)
{
    return isToyModel(name) ? Result<QString>::success(toyModelName())
                            : Result<QString>::failure(QStringLiteral("model \"%1\" cannot be found").arg(name));
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestLessonValidator : public QObject {
    Q_OBJECT
private slots:
    void eachProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        // The toy model has 2 layers of 4 heads (ToyConfig's defaults); the sentence has 6 words.
        QTest::newRow("head") << toyLesson(R"("steps": [{"en": "a"}, {"en": "b"}, {"en": "c"}, {"text": {"en": "d"}, "head": 9}],)")
                              << "steps[3].head: head 9 of 4 (valid 1–4)";
        QTest::newRow("layer") << toyLesson(R"("layer": 3,)") << "layer: layer 3 of 2 (valid 1–2)";
        QTest::newRow("query number") << toyLesson(R"("query": 7,)") << "query: query 7 of 6 tokens (valid 1–6)";
        QTest::newRow("query token") << toyLesson(R"("steps": [{"text": {"en": "a"}, "query": "dog"}],)")
                                     << "steps[0].query: query \"dog\" is none of the tokens (\"The\", \"cat\", \"sat\", \"on\", \"the\", \"mat\")";
        QTest::newRow("view") << toyLesson(R"("steps": [{"text": {"en": "a"}, "view": "pies"}],)")
                              << "steps[0].view: unknown view \"pies\" (expected one of heatmap, heads, arcs, model, steps, pe, residual, roles, rollout, effects, lens, qk, patching)";
        QTest::newRow("typo") << toyLesson(R"("summray": {"en": "S"},)") << "summray: unknown field (did you mean \"summary\"?)";
        QTest::newRow("language") << toyLesson(R"("languages": ["en", "fa"], "summary": {"en": "S", "fa": "خلاصه"},)")
                                  << "title.fa: the text for declared language \"fa\" is missing";
        QTest::newRow("model") << toyLesson({}, R"({"text": "a b", "model": "gpt7"})") << "input.model: model \"gpt7\" cannot be found";
        QTest::newRow("matrices") << toyLesson({}, R"({"matrices": {"Q": [[1, 0]], "K": [[1, 0], [0, 1]], "V": [[1], [2, 3]]}})")
                                  << "input.matrices: V: row 2 has 2 columns, expected 1";
        // Matrices: one layer, `heads` heads, as many queries as rows.
        QTest::newRow("matrices head") << toyLesson(R"("head": 2,)", R"({"matrices": {"Q": [[1, 0], [0, 1]], "K": [[1, 0], [0, 1]], "V": [[1], [2]]}})")
                                       << "head: head 2 of 1 (valid 1)";
        QTest::newRow("matrices query") << toyLesson(R"("query": "x3",)", R"({"matrices": {"X": [[1, 0], [0, 1]], "tokens": ["x1", "x2"]}})")
                                        << "query: query \"x3\" is none of the tokens (\"x1\", \"x2\")";
    }

    void eachProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        const QStringList problems = problemTexts(validateLesson(json, QString(), onlyToy));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().startsWith(problem), qPrintable(problems.first()));
    }

    void questionsChecked_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        const auto v2 = [](const QByteArray& json) { return QByteArray(json).replace("\"version\": 1", "\"version\": 2"); };
        QTest::newRow("key without query") << v2(toyLesson(R"("steps": [{"text": {"en": "a"}, "question": {"kind": "key", "prompt": {"en": "?"}}}],)"))
                                           << "steps[0].question.kind: a \"key\" question needs a query: give the step (or the lesson) a \"query\"";
        QTest::newRow("key in heads") << v2(toyLesson(R"("query": "sat", "steps": [{"text": {"en": "a"}, "view": "heads", "question": {"kind": "key", "prompt": {"en": "?"}}}],)"))
                                      << "steps[0].question.kind: a \"key\" question is answered in the heatmap or arcs view, and this step shows heads";
        QTest::newRow("head in heatmap") << v2(toyLesson(R"("query": "sat", "steps": [{"text": {"en": "a"}, "question": {"kind": "head", "prompt": {"en": "?"}, "key": "cat"}}],)"))
                                         << "steps[0].question.kind: a \"head\" question is answered in the heads or model view, and this step shows heatmap";
        QTest::newRow("head key") << v2(toyLesson(R"("query": "sat", "steps": [{"text": {"en": "a"}, "view": "heads", "question": {"kind": "head", "prompt": {"en": "?"}, "key": "dog"}}],)"))
                                  << "steps[0].question.key: key \"dog\" is none of the tokens";
        // The view and query carry forward from the steps before: step 2 shows the arcs of "mat" chosen in step 1.
        QTest::newRow("carried forward") << v2(toyLesson(R"("steps": [{"text": {"en": "a"}, "view": "heads", "query": "mat"}, {"text": {"en": "b"}, "question": {"kind": "key", "prompt": {"en": "?"}}}],)"))
                                         << "steps[1].question.kind: a \"key\" question is answered in the heatmap or arcs view, and this step shows heads";
    }

    void questionsChecked()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        const QStringList problems = problemTexts(validateLesson(json, QString(), onlyToy));
        QCOMPARE(problems, QStringList{problem});
    }

    void validLessons()
    {
        // Questions where they can be answered: a key in the arcs of a query carried forward, a head in the grid.
        QVERIFY(validateLesson(QByteArray(toyLesson(R"("query": "sat", "steps": [{"text": {"en": "a"}, "view": "arcs"},
            {"text": {"en": "b"}, "question": {"kind": "key", "prompt": {"en": "?"}}},
            {"text": {"en": "c"}, "view": "heads", "question": {"kind": "head", "prompt": {"en": "?"}, "key": 2}}],)")).replace("\"version\": 1", "\"version\": 2"),
                               QString(), onlyToy).empty());
        // In range: the last head, the last layer, the last token by position and by name (any case).
        QVERIFY(validateLesson(toyLesson(R"("layer": 2, "head": 4, "query": 6,)"), QString(), onlyToy).empty());
        QVERIFY(validateLesson(toyLesson(R"("steps": [{"text": {"en": "a"}, "query": "MAT", "view": "arcs"}],)"), QString(), onlyToy).empty());
    }

    void severalProblemsAllListed()
    {
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "languages": ["en", "ja"],
            "title": {"en": "X", "ja": "エックス"}, "sumary": {"en": "S"}, "view": "heatmap", "query": "dog",
            "input": {"text": "The cat sat on the mat"},
            "steps": [{"en": "one", "ja": "一"}, {"text": {"en": "two"}, "head": 9}, {"text": {"en": "three", "ja": "三"}, "layer": 3}]})";
        const QStringList problems = problemTexts(validateLesson(json, QString(), onlyToy));
        QCOMPARE(problems, (QStringList{
                               "query: query \"dog\" is none of the tokens (\"The\", \"cat\", \"sat\", \"on\", \"the\", \"mat\")",
                               "steps[1].text.ja: the text for declared language \"ja\" is missing",
                               "steps[1].head: head 9 of 4 (valid 1–4)",
                               "steps[2].layer: layer 3 of 2 (valid 1–2)",
                               "sumary: unknown field (did you mean \"summary\"?)",
                           }));
    }

    void modelFromItsConfig()
    {
        // A folder with config.json and no weights at all: the validator reads the shape, never the weights.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models/tiny")));
        const QJsonObject config{{"model_type", "gpt2"}, {"n_layer", 3}, {"n_head", 2}, {"n_embd", 8},
                                 {"vocab_size", 16}, {"n_positions", 32}};
        QVERIFY(writeFile(dir.filePath(QStringLiteral("models/tiny/config.json")), QJsonDocument(config).toJson()));
        const QString lessonPath = dir.filePath(QStringLiteral("lesson.attnlab-lesson"));
        // A relative path starts at the lesson file's folder.
        const QByteArray json = toyLesson(R"("layer": 3, "head": 3,)", R"({"text": "a b", "model": "models/tiny"})");
        QCOMPARE(problemTexts(validateLesson(json, lessonPath)), QStringList{"head: head 3 of 2 (valid 1–2)"});
        QVERIFY(validateLesson(QByteArray(json).replace("\"head\": 3", "\"head\": 2"), lessonPath).empty());
        QCOMPARE(*resolveLessonModelPath(QStringLiteral("models/tiny"), lessonPath), dir.filePath(QStringLiteral("models/tiny")));
        const QStringList missing = problemTexts(validateLesson(QByteArray(json).replace("models/tiny", "models/huge"), lessonPath));
        QCOMPARE(missing, QStringList{QStringLiteral("input.model: model \"models/huge\" cannot be found (%1 does not exist)")
                                          .arg(dir.filePath(QStringLiteral("models/huge")))});
    }

    void llama2cHeader()
    {
        // dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len: only the header is read.
        QTemporaryDir dir;
        const qint32 header[7] = {64, 172, 5, 8, 8, 512, 128};
        QVERIFY(writeFile(dir.filePath(QStringLiteral("m.bin")), QByteArray(reinterpret_cast<const char*>(header), sizeof(header))));
        const QString lessonPath = dir.filePath(QStringLiteral("l.attnlab-lesson"));
        const QByteArray json = toyLesson(R"("layer": 6, "head": 8,)", R"({"text": "a b", "model": "m.bin"})");
        QCOMPARE(problemTexts(validateLesson(json, lessonPath)), QStringList{"layer: layer 6 of 5 (valid 1–5)"});
    }

    void sharedModelTokens()
    {
        // With its tokenizer beside it, a query token is checked against the model's own tokens.
        const QString model = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
        if (!QFileInfo::exists(model))
            QSKIP("../shared/models/gpt-nano-sort is not here");
        const QByteArray input = QJsonDocument(QJsonObject{{"text", "CBABAC"}, {"model", model}}).toJson(QJsonDocument::Compact);
        const QByteArray json = toyLesson(R"("query": "Z", "head": 4,)", input);
        QCOMPARE(problemTexts(validateLesson(json, QString())),
                 (QStringList{"query: query \"Z\" is none of the tokens (\"C\", \"B\", \"A\", \"B\", \"A\", \"C\")",
                              "head: head 4 of 3 (valid 1–3)"}));
    }

    void everyBuiltInLessonValidates()
    {
        const QDir dir(QFINDTESTDATA("../../resources/lessons"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(files.size(), 17);
        for (const QString& name : files) {
            const auto problems = validateLessonFile(dir.filePath(name));
            QVERIFY2(problems.empty(), qPrintable(name + QStringLiteral(": ") + problemTexts(problems).join(QStringLiteral("; "))));
        }
    }

    void unreadableFile()
    {
        const auto problems = validateLessonFile(QStringLiteral("/nonexistent/l.attnlab-lesson"));
        QCOMPARE(problems.size(), size_t(1));
        QVERIFY(problems[0].path.isEmpty());
        QVERIFY(problems[0].message.startsWith(QStringLiteral("cannot read the file")));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLessonValidator)
} // namespace tst_lesson_validator
#include "tst_lesson_validator.moc"
