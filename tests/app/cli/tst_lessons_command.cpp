// Tests app/cli/lessons_command.cpp and app/cli/params_command.cpp by running the attnlab executable: `attnlab lessons`
// (with --validate FILE), `--lesson ID` and `--lesson FILE` as the input of run and export, and `attnlab params`.

#include "app/run_attnlab.h"
#include "app/lesson_files.h"
#include "test_registry.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace tst_lessons_command {

namespace {

using attnlab::test::writeLessonFile;

using attnlab::test::Run;
using attnlab::test::runAttnlab;

QStringList displayRow(const QJsonObject& trace, const char* key, int row)
{
    QStringList out;
    for (const QJsonValue& v : trace[QStringLiteral("display")].toObject()[QLatin1String(key)].toArray()[row].toArray())
        out << v.toString();
    return out;
}

// A lesson file of one's own: the toy model on six words, head 3 of layer 2, the query "sat", three steps.
const char* const kOwnLesson = R"({
  "format": "attnlab-lesson", "version": 1, "id": "cat-on-mat", "languages": ["en", "de"],
  "title": {"en": "Where does sat look?", "de": "Wohin schaut sat?"},
  "view": "arcs", "input": {"text": "The cat sat on the mat", "model": "toy"},
  "layer": 2, "head": 3, "query": "sat",
  "steps": [{"en": "one", "de": "eins"}, {"en": "two", "de": "zwei"},
            {"text": {"en": "three", "de": "drei"}, "view": "heads"}]
})";

QJsonObject component(const QJsonObject& params, const QString& name)
{
    for (const QJsonValue& c : params[QStringLiteral("components")].toArray())
        if (c.toObject()[QStringLiteral("name")].toString() == name)
            return c.toObject();
    return {};
}

} // namespace

class TestLessonsCommand : public QObject {
    Q_OBJECT
private slots:
    void listAsJson()
    {
        const Run run = runAttnlab({"lessons", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonArray list = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(list.size(), 17);
        QCOMPARE(list[0].toObject()[QStringLiteral("id")].toString(), QStringLiteral("exam-softmax"));
        QVERIFY(list[0].toObject()[QStringLiteral("title")].toString().startsWith(QStringLiteral("The exam's softmax")));
        QStringList ids;
        for (const QJsonValue& v : list)
            ids << v.toObject()[QStringLiteral("id")].toString();
        for (const char* id : {"input-memory", "animal-it", "multihead-sum", "shape-calculator", "sorting-head",
                               "induction-head", "resolving-it"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
    }

    void listInJapaneseAndPersian()
    {
        const QJsonArray ja = QJsonDocument::fromJson(runAttnlab({"lessons", "--lang", "ja", "--json", "-"}).out).array();
        QCOMPARE(ja[4].toObject()[QStringLiteral("title")].toString(), QStringLiteral("因果マスク"));
        const Run fa = runAttnlab({"lessons", "--lang", "fa", "--show", "causal-mask"});
        QCOMPARE(fa.exitCode, 0);
        QVERIFY(QString::fromUtf8(fa.out).startsWith(QStringLiteral("ماسک علّی\n")));
        QVERIFY(QString::fromUtf8(fa.out).contains(QStringLiteral("\n4. ")));
        const Run table = runAttnlab({"lessons"});
        QVERIFY(table.out.contains("orthogonal-inputs   "));
        QCOMPARE(runAttnlab({"lessons", "--lang", "de"}).exitCode, 1);
    }

    void runExamLesson()
    {
        const Run run = runAttnlab({"run", "--lesson", "exam-softmax", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(displayRow(trace, "weights", 1), (QStringList{"9/26", "9/26", "2/13", "2/13"}));
        QCOMPARE(displayRow(trace, "output", 1), (QStringList{"11", "5/2"}));
    }

    void runInputMemoryLesson()
    {
        const QJsonObject trace =
            QJsonDocument::fromJson(runAttnlab({"run", "--lesson", "input-memory", "--json", "-"}).out).object();
        QCOMPARE(trace[QStringLiteral("tokens")].toArray()[2].toString(), QStringLiteral("スポーツ"));
        QCOMPARE(trace[QStringLiteral("memory_tokens")].toArray()[0].toString(), QStringLiteral("野球"));
        QCOMPARE(displayRow(trace, "weights", 2), (QStringList{"3/5", "1/50", "19/50"}));
        QCOMPARE(displayRow(trace, "output", 2), (QStringList{"79/10", "21/10"}));
    }

    void explicitOptionsOverrideTheLesson()
    {
        // causal-mask with --mask none: every row is uniform over all four keys.
        const QJsonObject trace =
            QJsonDocument::fromJson(runAttnlab({"run", "--lesson", "causal-mask", "--mask", "none", "--json", "-"}).out).object();
        QCOMPARE(displayRow(trace, "weights", 0), (QStringList{"1/4", "1/4", "1/4", "1/4"}));
        // animal-it is a toy-model sentence; --layers changes the toy model.
        const QJsonObject toy =
            QJsonDocument::fromJson(runAttnlab({"run", "--lesson", "animal-it", "--layers", "3", "--json", "-"}).out).object();
        QCOMPARE(toy[QStringLiteral("tokens")].toArray().size(), 12);
        QCOMPARE(toy[QStringLiteral("layer_count")].toInt(), 3);
    }

    void lessonErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown") << QStringList{"run", "--lesson", "x", "--json", "-"} << 1
                                 << "error: unknown lesson \"x\" (known: exam-softmax, orthogonal-inputs";
        QTest::newRow("unknown export") << QStringList{"export", "--lesson", "x", "--out", "/tmp/never.png"} << 1
                                        << "unknown lesson \"x\"";
        QTest::newRow("two inputs") << QStringList{"run", "--lesson", "exam-softmax", "--text", "a", "--json", "-"} << 2
                                    << "exactly one input";
        QTest::newRow("query out of range") << QStringList{"run", "--lesson", "exam-softmax", "--query", "9", "--json", "-"}
                                            << 1 << "--query \"9\"";
    }
    void lessonErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")) && err.contains(fragment), qPrintable(err));
        if (exitCode == 1)
            QCOMPARE(err.count(QLatin1Char('\n')), 1);
    }

    void exportLessons()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("arcs.svg"));
        const Run arcs = runAttnlab({"export", "--lesson", "animal-it", "--view", "arcs", "--out", svg});
        QCOMPARE(arcs.exitCode, 0);
        QVERIFY2(arcs.err.isEmpty(), arcs.err.constData());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.startsWith("<?xml"));
        QVERIFY(content.contains("animal"));

        // Every lesson exports with its own view.
        for (const char* id :
             {"exam-softmax", "input-memory", "multihead-sum", "embeddings", "shape-calculator", "induction-head"}) {
            const QString png = dir.filePath(QLatin1String(id) + QStringLiteral(".png"));
            const Run run = runAttnlab({"export", "--lesson", id, "--out", png});
            QVERIFY2(run.exitCode == 0, qPrintable(QLatin1String(id) + QString::fromUtf8(run.err)));
            QFile image(png);
            QVERIFY(image.open(QIODevice::ReadOnly));
            QVERIFY(image.read(4) == "\x89PNG");
        }
    }

    void validate()
    {
        QTemporaryDir dir;
        const QString good = writeLessonFile(dir, QStringLiteral("cat.attnlab-lesson"), kOwnLesson);
        const Run valid = runAttnlab({"lessons", "--validate", good});
        QCOMPARE(valid.exitCode, 0);
        QVERIFY2(valid.err.isEmpty(), valid.err.constData());
        QCOMPARE(QString::fromUtf8(valid.out), good + QStringLiteral(": valid (3 steps)\n"));

        // Four problems: all of them, one line each, in the order of the format's fields, and exit 1.
        const QByteArray broken = QByteArray(kOwnLesson)
                                      .replace("\"head\": 3", "\"head\": 9")
                                      .replace("{\"en\": \"two\", \"de\": \"zwei\"}", "{\"en\": \"two\"}")
                                      .replace("\"view\": \"heads\"", "\"view\": \"pie\", \"layer\": 3")
                                      .replace("\"title\"", "\"sumary\": {\"en\": \"S\", \"de\": \"Z\"}, \"title\"");
        const QString bad = writeLessonFile(dir, QStringLiteral("bad.attnlab-lesson"), broken);
        const Run invalid = runAttnlab({"lessons", "--validate", bad});
        QCOMPARE(invalid.exitCode, 1);
        QVERIFY2(invalid.err.isEmpty(), invalid.err.constData());
        QCOMPARE(QString::fromUtf8(invalid.out).split(QLatin1Char('\n')),
                 (QStringList{bad + ": head: head 9 of 4 (valid 1–4)",
                              bad + ": steps[1].de: the text for declared language \"de\" is missing",
                              bad + ": steps[2].view: unknown view \"pie\" (expected one of heatmap, heads, arcs, model, steps, pe, residual, roles, rollout, effects, lens, qk, patching)",
                              bad + ": steps[2].layer: layer 3 of 2 (valid 1–2)",
                              bad + ": sumary: unknown field (did you mean \"summary\"?)",
                              ""}));

        // A model that cannot be found; a file that cannot be read; two files, one bad: exit 1.
        const QString lost = writeLessonFile(dir, QStringLiteral("lost.json"), QByteArray(kOwnLesson).replace("\"toy\"", "\"models/none\""));
        const Run missing = runAttnlab({"lessons", "--validate", lost});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.out.startsWith((lost + ": input.model: model \"models/none\" cannot be found").toUtf8()), missing.out.constData());
        const Run unreadable = runAttnlab({"lessons", "--validate", dir.filePath(QStringLiteral("none.attnlab-lesson"))});
        QCOMPARE(unreadable.exitCode, 1);
        QVERIFY(unreadable.out.contains("none.attnlab-lesson: cannot read the file"));
        const Run both = runAttnlab({"lessons", "--validate", good, "--validate", lost});
        QCOMPARE(both.exitCode, 1);
        QVERIFY(both.out.startsWith((good + QStringLiteral(": valid (3 steps)\n") + lost + QStringLiteral(": input.model")).toUtf8()));
        QCOMPARE(runAttnlab({"lessons", "--validate", good, "--show", "exam-softmax"}).exitCode, 2);
    }

    void lessonFile()
    {
        QTemporaryDir dir;
        const QString path = writeLessonFile(dir, QStringLiteral("cat.attnlab-lesson"), kOwnLesson);
        // run: the file's layer, head and query are defaults, as a built-in lesson's.
        const Run run = runAttnlab({"run", "--lesson", path, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("tokens")].toArray().size(), 6);
        QCOMPARE(trace[QStringLiteral("layer")].toInt(), 2);
        QCOMPARE(trace[QStringLiteral("head")].toInt(), 3);
        const Run head1 = runAttnlab({"run", "--lesson", path, "--head", "1", "--json", "-"});
        QCOMPARE(QJsonDocument::fromJson(head1.out).object()[QStringLiteral("head")].toInt(), 1);

        // export: the file's view (arcs, its words in the figure).
        const QString svg = dir.filePath(QStringLiteral("cat.svg"));
        const Run exported = runAttnlab({"export", "--lesson", path, "--out", svg});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.err.isEmpty(), exported.err.constData());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.startsWith("<?xml") && content.contains("mat"));
        // .json or a slash makes a file of the argument too.
        const QString json = writeLessonFile(dir, QStringLiteral("cat.json"), kOwnLesson);
        QCOMPARE(runAttnlab({"run", "--lesson", json, "--json", "-"}).exitCode, 0);

        // --show FILE: its texts in a declared language, and in the first declared one for another.
        const Run shown = runAttnlab({"lessons", "--show", path, "--lang", "ja"});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(QString::fromUtf8(shown.out).startsWith(QStringLiteral("Where does sat look?\n")));

        // A broken file is one error line naming the file and the first problem.
        const QString bad = writeLessonFile(dir, QStringLiteral("bad.attnlab-lesson"), QByteArray(kOwnLesson).replace("arcs", "pie"));
        const Run failed = runAttnlab({"export", "--lesson", bad, "--out", svg});
        QCOMPARE(failed.exitCode, 1);
        QCOMPARE(QString::fromUtf8(failed.err),
                 QStringLiteral("error: %1: view: unknown view \"pie\" (expected one of heatmap, heads, arcs, model, steps, pe, "
                                "residual, roles, rollout, effects, lens, qk, patching)\n").arg(bad));
    }

    void deckExport()
    {
        // The exam lesson: five steps, two of them questions, so seven pages, each 1280 × 720 (960 × 540 pt).
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("exam.pdf"));
        const Run run = runAttnlab({"export", "--lesson", "exam-softmax", "--deck", "--out", pdf, "--lang", "fa"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString bytes = QString::fromLatin1(file.readAll());
        QVERIFY(bytes.startsWith(QStringLiteral("%PDF")) && bytes.trimmed().endsWith(QStringLiteral("%%EOF")));
        QCOMPARE(int(bytes.count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?![s\\w])")))), 7);
        QCOMPARE(int(bytes.count(QStringLiteral("/MediaBox [0 0 960.000000 540.000000]"))), 7);

        // A lesson file, and the page size asked for.
        const QString own = writeLessonFile(dir, QStringLiteral("cat.attnlab-lesson"), kOwnLesson);
        const QString ownPdf = dir.filePath(QStringLiteral("cat.pdf"));
        QCOMPARE(runAttnlab({"export", "--lesson", own, "--deck", "--out", ownPdf, "--width", "1920", "--height", "1080"}).exitCode, 0);
        QFile ownFile(ownPdf);
        QVERIFY(ownFile.open(QIODevice::ReadOnly));
        QCOMPARE(int(QString::fromLatin1(ownFile.readAll()).count(QStringLiteral("/MediaBox [0 0 1440.000000 810.000000]"))), 3);
    }

    void deckErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        QTest::newRow("no lesson") << QStringList{"--text", "a b", "--deck", "--out", "x.pdf"} << 2
                                   << "error: --deck exports a lesson: give --lesson ID|FILE";
        QTest::newRow("not pdf") << QStringList{"--lesson", "causal-mask", "--deck", "--out", "x.png"} << 2
                                 << "error: --out \"x.png\": a deck is a PDF (FILE.pdf)";
        QTest::newRow("language") << QStringList{"--lesson", "causal-mask", "--deck", "--out", "x.pdf", "--lang", "de"} << 1
                                  << "error: --lang \"de\": expected en, ja, fa";
        QTest::newRow("view") << QStringList{"--lesson", "causal-mask", "--deck", "--out", "x.pdf", "--view", "arcs"} << 2
                              << "error: Unknown option 'view'.";
        QTest::newRow("unknown lesson") << QStringList{"--lesson", "nope", "--deck", "--out", "x.pdf"} << 1
                                        << "error: unknown lesson \"nope\"";
    }

    void deckErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        const Run run = runAttnlab(QStringList{"export"} + arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(error), run.err.constData());
    }

    void paramsJson()
    {
        const Run run = runAttnlab({"params", "--d-model", "768", "--heads", "8", "--d-ff", "384", "--encoder-layers", "8",
                                    "--decoder-layers", "12", "--vocab", "30000", "--batch", "32", "--seq", "2048",
                                    "--no-bias", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonObject params = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(params[QStringLiteral("encoder_total")].toInteger(), 46'645'248);
        QCOMPARE(params[QStringLiteral("decoder_total")].toInteger(), 12 * 5'310'720);
        QCOMPARE(params[QStringLiteral("total")].toInteger(), 46'645'248 + 12 * 5'310'720 + 23'040'000);
        QCOMPARE(params[QStringLiteral("config")].toObject()[QStringLiteral("heads")].toInteger(), 8);
        const QJsonObject attention = component(params, QStringLiteral("encoder self-attention"));
        QCOMPARE(attention[QStringLiteral("per_layer")].toInteger(), 2'359'296);
        QCOMPARE(attention[QStringLiteral("total")].toInteger(), 18'874'368);
        QCOMPARE(component(params, QStringLiteral("encoder LayerNorm"))[QStringLiteral("total")].toInteger(), 12'288);
        const QJsonObject weights = params[QStringLiteral("shapes")].toArray()[3].toObject();
        QCOMPARE(weights[QStringLiteral("name")].toString(), QStringLiteral("attention weights"));
        QCOMPARE(weights[QStringLiteral("shape")].toArray(), (QJsonArray{32, 8, 2048, 2048}));
    }

    void paramsTable()
    {
        const Run run = runAttnlab({"params"}); // the exercise is the default
        QCOMPARE(run.exitCode, 0);
        const QString table = QString::fromUtf8(run.out);
        QVERIFY2(table.contains(QStringLiteral("46,645,248")), qPrintable(table));
        QVERIFY(table.contains(QStringLiteral("token embedding")) && table.contains(QStringLiteral("23,040,000")));
        QVERIFY(table.contains(QStringLiteral("(32, 8, 2048, 2048)")));
        QVERIFY(table.contains(QStringLiteral("W_Q, W_K, W_V, W_O (768, 768)")));
        // With biases and tied embeddings the totals change.
        const QJsonObject biased = QJsonDocument::fromJson(runAttnlab({"params", "--bias", "--tied", "--json", "-"}).out).object();
        QCOMPARE(biased[QStringLiteral("output_total")].toInteger(), 0);
        QCOMPARE(biased[QStringLiteral("encoder_total")].toInteger(), 23'040'000 + 8 * (4 * (589'824 + 768) + 589'824 + 384 + 768 + 2 * 2 * 768));
    }

    void paramsErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("heads") << QStringList{"params", "--heads", "7"} << 1 << "d_model 768 is not divisible by heads 7";
        QTest::newRow("zero") << QStringList{"params", "--vocab", "0"} << 1 << "vocab must be at least 1";
        QTest::newRow("not a number") << QStringList{"params", "--d-model", "big"} << 1 << "--d-model \"big\": expected a whole number";
        QTest::newRow("overflow") << QStringList{"params", "--seq", "4000000000", "--json", "-"} << 1 << "too large";
        QTest::newRow("both bias flags") << QStringList{"params", "--bias", "--no-bias"} << 2 << "not both";
        QTest::newRow("unknown option") << QStringList{"params", "--depth", "3"} << 2 << "depth";
    }
    void paramsErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")) && err.contains(fragment), qPrintable(err));
        QVERIFY(run.out.isEmpty());
        if (exitCode == 1)
            QCOMPARE(err.count(QLatin1Char('\n')), 1);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLessonsCommand)
} // namespace tst_lessons_command
#include "tst_lessons_command.moc"
