// Tests app/cli/command_line.cpp by running the attnlab executable: exit status, the one error line, the JSON.

#include "app/run_attnlab.h"
#include "model/checkpoints/safetensors.h"
#include "test_registry.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "test_support.h"

#include <cmath>

namespace tst_command_line {

namespace {

using attnlab::test::Run;
using attnlab::test::runAttnlab;

const char* const kExam = R"json({
  "Q": [[1,0],[0,1],[-1,0],[0,-1]],
  "K": [["1/sqrt(2)","1/sqrt(2)"],["-1/√2","1/√2"],["-1/√2","-1/√2"],["1/√2","-1/√2"]],
  "V": [[12,-3],[14,16],[7,-10],[6,-3]],
  "exp_overrides": {"1/2": "3/2"} })json";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

QStringList displayRow(const QJsonObject& trace, const char* key, int row)
{
    QStringList out;
    for (const QJsonValue& v : trace[QStringLiteral("display")].toObject()[QLatin1String(key)].toArray()[row].toArray())
        out << v.toString();
    return out;
}

QJsonArray headWeights(const QJsonObject& trace, int layer, int head)
{
    return trace[QStringLiteral("layers")].toArray()[layer].toObject()[QStringLiteral("heads")].toArray()[head].toObject()
        [QStringLiteral("weights")].toArray();
}

double at(const QJsonArray& rows, int i, int j)
{
    return rows[i].toArray()[j].toDouble();
}

const QStringList kHeadScoreKeys{"diagonal", "duplicate", "entropy", "first_token", "induction", "previous_token"};

// head_scores has exactly the six keys, each a layers × heads array of numbers (induction may be null).
bool headScoresShaped(const QJsonObject& scores, int layers, int heads)
{
    if (scores.keys() != kHeadScoreKeys) return false;
    for (const QString& key : kHeadScoreKeys) {
        if (key == QLatin1String("induction") && scores[key].isNull()) continue;
        const QJsonArray rows = scores[key].toArray();
        if (rows.size() != layers) return false;
        for (const QJsonValue& row : rows) {
            if (row.toArray().size() != heads) return false;
            for (const QJsonValue& v : row.toArray())
                if (!v.isDouble()) return false;
        }
    }
    return true;
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void examToStdout()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("exam.json"), kExam);
        const Run run = runAttnlab({"run", "--matrices", file, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(displayRow(trace, "weights", 1), (QStringList{"9/26", "9/26", "2/13", "2/13"}));
        QCOMPARE(displayRow(trace, "output", 1), (QStringList{"11", "5/2"}));
        QVERIFY(std::abs(trace[QStringLiteral("output")].toArray()[1].toArray()[1].toDouble() - 2.5) < 1e-12);
    }

    void examToFile()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("exam.json"), kExam);
        const QString out = dir.filePath(QStringLiteral("trace.json"));
        QCOMPARE(runAttnlab({"run", "--matrices", file, "--json", out}).exitCode, 0);
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(written.readAll()).isObject());
    }

    void toySentence()
    {
        // Without --layer/--head: the last layer's first head. --all: every layer and head.
        const QStringList sentence = {"run", "--text", "The animal didn't cross the street because it was too tired.",
                                      "--model", "toy", "--mask", "causal", "--layers", "3", "--heads", "4", "--json", "-"};
        const Run run = runAttnlab(sentence);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("tokens")].toArray().size(), 12); // "didn't" is one word, "." its own token
        QCOMPARE(trace[QStringLiteral("layer_count")].toInt(), 3);
        QCOMPARE(trace[QStringLiteral("head_count")].toInt(), 4);
        QCOMPARE(trace[QStringLiteral("layer")].toInt(), 3);
        QCOMPARE(trace[QStringLiteral("head")].toInt(), 1);
        QCOMPARE(trace[QStringLiteral("layers")].toArray().size(), 1);
        QCOMPARE(trace[QStringLiteral("trained")].toBool(), false);
        QVERIFY(trace[QStringLiteral("warnings")].toArray()[0].toString().contains(QStringLiteral("untrained")));
        const QJsonArray weights = trace[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")]
                                       .toArray()[0].toObject()[QStringLiteral("weights")].toArray();
        QCOMPARE(weights[0].toArray()[1].toDouble(), 0.0); // causal

        const Run all = runAttnlab(sentence + QStringList{"--all"});
        QCOMPARE(all.exitCode, 0);
        const QJsonObject whole = QJsonDocument::fromJson(all.out).object();
        QCOMPARE(whole[QStringLiteral("layers")].toArray().size(), 3);
        QCOMPARE(whole[QStringLiteral("layers")].toArray()[2].toObject()[QStringLiteral("heads")].toArray().size(), 4);
        QCOMPARE(whole[QStringLiteral("layers")].toArray()[2].toObject()[QStringLiteral("heads")].toArray()[0].toObject()
                     [QStringLiteral("weights")].toArray(),
                 weights);
    }

    void layerAndHeadSelectOneHead()
    {
        // Two heads over two tokens, without scaling; the columns of Q and K split into one pair per head.
        //   head 1: q = [0 1; 0 1], k = [0 2; 0 0] -> scores [2 0; 2 0] -> each row e²/(e²+1), 1/(e²+1)
        //   head 2: q = [1 0; 0 0], k = [1 0; 0 0] -> scores [1 0; 0 0] -> rows e/(e+1), 1/(e+1) and 1/2, 1/2
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("heads.json"),
                                       R"json({"Q": [[0,1,1,0],[0,1,0,0]], "K": [[0,2,1,0],[0,0,0,0]],
                                               "V": [[1,0,1,0],[0,1,0,1]], "heads": 2, "scaling": "none"})json");
        const Run run = runAttnlab({"run", "--matrices", file, "--layer", "1", "--head", "2", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("head")].toInt(), 2);
        QCOMPARE(trace[QStringLiteral("head_count")].toInt(), 2);
        const QJsonArray heads = trace[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")].toArray();
        QCOMPARE(heads.size(), 1);
        QCOMPARE(heads[0].toObject()[QStringLiteral("head")].toInt(), 2);
        const QJsonArray weights = heads[0].toObject()[QStringLiteral("weights")].toArray();
        const double e = std::exp(1.0);
        QVERIFY(std::abs(weights[0].toArray()[0].toDouble() - e / (e + 1)) < 1e-15);
        QVERIFY(std::abs(weights[0].toArray()[1].toDouble() - 1 / (e + 1)) < 1e-15);
        QCOMPARE(weights[1].toArray()[0].toDouble(), 0.5);
        QCOMPARE(weights[1].toArray()[1].toDouble(), 0.5);

        const Run first = runAttnlab({"run", "--matrices", file, "--head", "1", "--json", "-"});
        const QJsonArray firstWeights = QJsonDocument::fromJson(first.out).object()[QStringLiteral("layers")].toArray()[0]
                                            .toObject()[QStringLiteral("heads")].toArray()[0].toObject()[QStringLiteral("weights")].toArray();
        QVERIFY(std::abs(firstWeights[1].toArray()[0].toDouble() - e * e / (e * e + 1)) < 1e-15);
    }

    void traceFileHoldsEveryTensor()
    {
        // --trace writes the whole trace as safetensors; with --json in the same run both are written. The toy
        // model's layer 2, head 3 (layers.1.heads.2, 0-based) is the JSON's, in float32.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("trace.safetensors"));
        const Run run = runAttnlab({"run", "--text", "the cat sat on the mat", "--layers", "2", "--heads", "4", "--layer",
                                    "2", "--head", "3", "--trace", path, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        const auto file = attnlab::model::SafetensorsFile::open(path);
        QVERIFY2(file, qPrintable(file.error()));
        QCOMPARE((*file)->metadata().at(QStringLiteral("tokens")), QStringLiteral(R"(["the","cat","sat","on","the","mat"])"));
        const auto weights = (*file)->matrix(QStringLiteral("layers.1.heads.2.weights"));
        QVERIFY(weights);
        QCOMPARE(weights->rows(), 6);
        const QJsonArray json = QJsonDocument::fromJson(run.out).object()[QStringLiteral("layers")].toArray()[0]
                                    .toObject()[QStringLiteral("heads")].toArray()[0].toObject()[QStringLiteral("weights")].toArray();
        for (int r = 0; r < 6; ++r)
            for (int c = 0; c < 6; ++c)
                QCOMPARE((*weights)(r, c), float(json[r].toArray()[c].toDouble()));
        for (const char* name : {"layers.1.residual.output", "embeddings", "token_ids", "layers.0.heads.0.contribution"})
            QVERIFY2((*file)->info(QLatin1String(name)), name);
    }

    void japaneseWithMemory()
    {
        const Run run = runAttnlab({"run", "--text", "得意 な スポーツ は ？", "--memory", "野球 が 得意", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("tokens")].toArray()[2].toString(), QStringLiteral("スポーツ"));
        QCOMPARE(trace[QStringLiteral("memory_tokens")].toArray().size(), 3);
    }


    // --head-scores on the toy model: six layers × heads arrays; previous token, entropy and duplicate token
    // recomputed here by hand from the weights that --all writes; induction from the generated probe (random
    // ids repeated), so it is the same whatever the sentence.
    void headScoresOfTheToyModel()
    {
        const QString text = QStringLiteral("the cat sat on the mat because the cat was tired");
        const QStringList arguments{"run", "--text", text, "--model", "toy", "--mask", "causal", "--layers", "2",
                                    "--heads", "4", "--all", "--head-scores", "--json", "-"};
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        const QJsonObject scores = trace[QStringLiteral("head_scores")].toObject();
        QVERIFY(headScoresShaped(scores, 2, 4));
        const int t = int(trace[QStringLiteral("tokens")].toArray().size());
        QCOMPARE(t, 11);
        for (const QString& key : kHeadScoreKeys)
            for (const QJsonValue& row : scores[key].toArray())
                for (const QJsonValue& v : row.toArray())
                    QVERIFY2(v.toDouble() >= 0.0 && v.toDouble() <= (key == QLatin1String("entropy") ? std::log(t) : 1.0),
                             qPrintable(key));

        // Layer 1 head 1 by hand: the mean of A(i, i − 1) over i = 1..10; −Σ a ln a per row, averaged; the
        // weight on earlier copies of "the" (queries 4, 7: keys 0 / 0, 4) and "cat" (query 8: key 1).
        const QJsonArray a = headWeights(trace, 0, 0);
        double previous = 0.0, entropy = 0.0;
        for (int i = 1; i < t; ++i)
            previous += at(a, i, i - 1);
        for (int i = 0; i < t; ++i)
            for (int j = 0; j <= i; ++j)
                if (at(a, i, j) > 0) entropy -= at(a, i, j) * std::log(at(a, i, j));
        const double duplicate = (at(a, 4, 0) + at(a, 7, 0) + at(a, 7, 4) + at(a, 8, 1)) / 3;
        QVERIFY(std::abs(at(scores[QStringLiteral("previous_token")].toArray(), 0, 0) - previous / (t - 1)) < 1e-12);
        QVERIFY(std::abs(at(scores[QStringLiteral("entropy")].toArray(), 0, 0) - entropy / t) < 1e-12);
        QVERIFY(std::abs(at(scores[QStringLiteral("duplicate")].toArray(), 0, 0) - duplicate) < 1e-12);
        // The last head too: the arrays are [layer][head].
        const QJsonArray last = headWeights(trace, 1, 3);
        QVERIFY(std::abs(at(scores[QStringLiteral("first_token")].toArray(), 1, 3) -
                         [&] { double s = 0; for (int i = 1; i < t; ++i) s += at(last, i, 0); return s / (t - 1); }()) < 1e-12);

        // The probe: 16 random ids, then the same 16.
        const QJsonArray ids = trace[QStringLiteral("induction_probe")].toObject()[QStringLiteral("token_ids")].toArray();
        QCOMPARE(ids.size(), 32);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(ids[i + 16].toInt(), ids[i].toInt());
        // Another sentence: other weights, the same probe and so the same induction scores.
        QStringList other = arguments;
        other[2] = QStringLiteral("a completely different sentence without any repeat");
        const QJsonObject second = QJsonDocument::fromJson(runAttnlab(other).out).object();
        const QJsonObject otherScores = second[QStringLiteral("head_scores")].toObject();
        QCOMPARE(otherScores[QStringLiteral("induction")], scores[QStringLiteral("induction")]);
        QVERIFY(otherScores[QStringLiteral("previous_token")] != scores[QStringLiteral("previous_token")]);
        // No repeated token: no duplicate-token query.
        for (const QJsonValue& row : otherScores[QStringLiteral("duplicate")].toArray())
            for (const QJsonValue& v : row.toArray())
                QCOMPARE(v.toDouble(), 0.0);
    }

    // Typed matrices: no model, so no probe: induction is null and a warning says why; the rest is scored.
    void headScoresOfTypedMatrices()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("exam.json"), kExam);
        const Run run = runAttnlab({"run", "--matrices", file, "--head-scores", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        const QJsonObject scores = trace[QStringLiteral("head_scores")].toObject();
        QVERIFY(headScoresShaped(scores, 1, 1));
        QVERIFY(scores[QStringLiteral("induction")].isNull());
        QVERIFY(!trace.contains(QStringLiteral("induction_probe")));
        QVERIFY(trace[QStringLiteral("warnings")].toArray().last().toString().startsWith(
            QStringLiteral("head_scores.induction is null")));
        // The diagonal by hand from the weights (--all): the exam is unmasked, its second row (9/26, 9/26, 2/13,
        // 2/13) (examToStdout) gives A(1, 1) = 9/26.
        const QJsonArray a = headWeights(QJsonDocument::fromJson(runAttnlab({"run", "--matrices", file, "--all", "--json", "-"}).out)
                                             .object(), 0, 0);
        QCOMPARE(at(a, 1, 1), 9.0 / 26);
        const double diagonal = (at(a, 0, 0) + at(a, 1, 1) + at(a, 2, 2) + at(a, 3, 3)) / 4;
        QVERIFY(std::abs(at(scores[QStringLiteral("diagonal")].toArray(), 0, 0) - diagonal) < 1e-12);
    }

    // A trained checkpoint: induction is measured on the probe run through the model. The character model's
    // tokens are single characters, so the probe's text runs again as the input: its own weights (--all)
    // give the induction score by hand, the mean of A(i, i − 15) over the second copy i = 16..31.
    void headScoresOfACheckpoint()
    {
        const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
        if (!QFileInfo::exists(folder))
            QSKIP(qPrintable(folder + QStringLiteral(" is absent (../shared or $ATTNLAB_SHARED)")));
        const Run run = runAttnlab({"run", "--text", "the cat sat", "--model", folder, "--head-scores", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        const int layers = trace[QStringLiteral("layer_count")].toInt(), heads = trace[QStringLiteral("head_count")].toInt();
        QVERIFY(layers > 0 && heads > 0);
        const QJsonObject scores = trace[QStringLiteral("head_scores")].toObject();
        QVERIFY(headScoresShaped(scores, layers, heads));
        const QJsonObject probe = trace[QStringLiteral("induction_probe")].toObject();
        const QJsonArray ids = probe[QStringLiteral("token_ids")].toArray();
        QCOMPARE(ids.size(), 32);
        QStringList characters;
        for (const QJsonValue& v : probe[QStringLiteral("tokens")].toArray())
            characters << v.toString();

        const Run probed = runAttnlab({"run", "--text", characters.join(QString()), "--model", folder, "--all", "--json", "-"});
        QCOMPARE(probed.exitCode, 0);
        const QJsonObject probeTrace = QJsonDocument::fromJson(probed.out).object();
        QCOMPARE(probeTrace[QStringLiteral("token_ids")].toArray(), ids);
        for (int l = 0; l < layers; ++l)
            for (int h = 0; h < heads; ++h) {
                const QJsonArray a = headWeights(probeTrace, l, h);
                double sum = 0.0;
                for (int i = 16; i < 32; ++i)
                    sum += at(a, i, i - 15);
                // float32 weights, written to JSON as doubles: the same numbers either way.
                QVERIFY(std::abs(at(scores[QStringLiteral("induction")].toArray(), l, h) - sum / 16) < 1e-9);
            }
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("missing file") << QStringList{"run", "--matrices", "/nonexistent/x.json", "--json", "-"}
                                      << QByteArray() << 1 << "cannot read /nonexistent/x.json";
        QTest::newRow("malformed matrix") << QStringList{"run", "--matrices", "FILE", "--json", "-"}
                                          << QByteArray(R"json({"Q": [["1/"]], "K": [[1]], "V": [[1]]})json") << 1
                                          << "Q: row 1, column 1";
        QTest::newRow("shape mismatch") << QStringList{"run", "--matrices", "FILE", "--json", "-"}
                                        << QByteArray(R"json({"Q": [[1,2]], "K": [[1]], "V": [[1]]})json") << 1
                                        << "K has 1 columns but Q has 2";
        QTest::newRow("bad mask") << QStringList{"run", "--text", "a b", "--mask", "upper", "--json", "-"} << QByteArray()
                                  << 1 << "unknown mask";
        QTest::newRow("bad layer") << QStringList{"run", "--text", "a b", "--layer", "9", "--json", "-"} << QByteArray()
                                   << 1 << "--layer 9 is out of range: expected 1 to 2 (the trace has 2 layers)";
        QTest::newRow("bad head") << QStringList{"run", "--text", "a b", "--head", "5", "--trace", "x.safetensors"}
                                  << QByteArray() << 1
                                  << "--head 5 is out of range: expected 1 to 4, all, average or max (layer 2 has 4 heads)";
        QTest::newRow("trace to stdout") << QStringList{"run", "--text", "a", "--trace", "-"} << QByteArray() << 2
                                         << "--trace needs a file name";
        QTest::newRow("trace not safetensors") << QStringList{"run", "--text", "a", "--trace", "out.json"} << QByteArray() << 2
                                               << "--trace \"out.json\": the trace's tensors are written as safetensors";
        QTest::newRow("all without json") << QStringList{"run", "--text", "a", "--all", "--trace", "x.safetensors"}
                                          << QByteArray() << 2 << "--all chooses what --json writes";
        QTest::newRow("head scores without json")
            << QStringList{"run", "--text", "a", "--head-scores", "--trace", "x.safetensors"} << QByteArray() << 2
            << "--head-scores adds to what --json writes";
        QTest::newRow("head scores with memory")
            << QStringList{"run", "--text", "a b", "--memory", "c d", "--head-scores", "--json", "-"} << QByteArray() << 1
            << "--head-scores scores self-attention heads; leave out --memory";
        QTest::newRow("empty text") << QStringList{"run", "--text", "  ", "--json", "-"} << QByteArray() << 1 << "no tokens";
        QTest::newRow("heads") << QStringList{"run", "--text", "a", "--heads", "3", "--json", "-"} << QByteArray() << 1
                               << "toy model:";
        QTest::newRow("unknown model") << QStringList{"run", "--text", "a", "--model", "/nonexistent/gpt9", "--json", "-"}
                                       << QByteArray() << 1 << "/nonexistent/gpt9";
        // torch.save writes a zip archive around a pickle, whatever the file is called.
        QTest::newRow("PyTorch file") << QStringList{"run", "--text", "a", "--model", "FILE", "--json", "-"}
                                      << QByteArray("PK\x03\x04" "archive/data.pkl") << 1
                                      << "in.json is a PyTorch pickle, which AttnLab never opens";
        QTest::newRow("no input") << QStringList{"run", "--json", "-"} << QByteArray() << 2 << "exactly one input";
        QTest::newRow("two inputs") << QStringList{"run", "--text", "a", "--matrices", "x", "--json", "-"} << QByteArray()
                                    << 2 << "exactly one input";
        QTest::newRow("no json") << QStringList{"run", "--text", "a"} << QByteArray() << 2 << "run needs --json FILE";
        QTest::newRow("unknown option") << QStringList{"run", "--txet", "a"} << QByteArray() << 2 << "txet";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << QByteArray() << 2 << "unknown command";
        QTest::newRow("unwritable output") << QStringList{"run", "--text", "a", "--json", "/nonexistent/out.json"}
                                           << QByteArray() << 1 << "cannot write /nonexistent/out.json";
    }
    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, file);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        if (!file.isEmpty())
            arguments.replaceInStrings(QStringLiteral("FILE"), writeFile(dir, QStringLiteral("in.json"), file));
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")), qPrintable(err));
        QVERIFY2(err.contains(fragment), qPrintable(err));
        if (exitCode == 1) {
            QCOMPARE(err.count(QLatin1Char('\n')), 1); // one line
            QVERIFY(run.out.isEmpty());
        }
    }

    void exportFormats_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        for (const char* view : {"heatmap", "heads", "arcs", "model", "steps", "pe", "residual", "roles", "rollout"}) {
            QTest::newRow(qPrintable(QStringLiteral("%1 png").arg(QLatin1String(view)))) << view << "png" << QByteArray("\x89PNG");
            QTest::newRow(qPrintable(QStringLiteral("%1 svg").arg(QLatin1String(view)))) << view << "svg" << QByteArray("<?xml");
            QTest::newRow(qPrintable(QStringLiteral("%1 pdf").arg(QLatin1String(view)))) << view << "pdf" << QByteArray("%PDF");
        }
    }
    void exportFormats()
    {
        QFETCH(QString, view);
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("figure.") + suffix);
        const Run run = runAttnlab({"export", "--text", "The animal didn't cross the street because it was too tired.",
                                 "--view", view, "--query", "it", "--out", out});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.startsWith(magic));
        // The token views write the tokens as SVG text; the residual view names its query token; the roles view
        // (heads, not tokens) its title and the heads of its list.
        if (suffix == QLatin1String("svg") && view == QLatin1String("roles"))
            QVERIFY2(content.contains("Head roles") && content.contains("L1 H1"), "the roles view's text is text in the SVG");
        else if (suffix == QLatin1String("svg") && view != QLatin1String("model") && view != QLatin1String("pe"))
            QVERIFY2(content.contains(view == QLatin1String("residual") ? "it" : "animal"), "the tokens are text in the SVG");
    }

    void exportPngSize()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("heat.png"));
        QCOMPARE(runAttnlab({"export", "--text", "a b c", "--view", "heatmap", "--width", "400", "--height", "300", "--dpi",
                          "192", "--out", out}).exitCode, 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(800, 600)); // 400 × 300 at twice the screen's 96 DPI
    }

    // --view roles computes the head roles with the trace (the figure is not the "being computed" message), and
    // --score chooses which one it draws: each score its own picture.
    void exportRolesView()
    {
        QTemporaryDir dir;
        QList<QImage> images;
        for (const char* score : {"previous_token", "induction", "entropy"}) {
            const QString out = dir.filePath(QStringLiteral("roles-%1.png").arg(QLatin1String(score)));
            const Run run = runAttnlab({"export", "--text", "a b c a b c", "--view", "roles", "--score", score,
                                        "--width", "640", "--height", "360", "--dpi", "96", "--out", out});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.err.isEmpty(), run.err.constData());
            images << QImage(out);
            QCOMPARE(images.last().size(), QSize(640, 360));
        }
        QVERIFY(images[0] != images[1]);
        QVERIFY(images[1] != images[2]);
        // The default score is previous_token.
        const QString plain = dir.filePath(QStringLiteral("roles.png"));
        QCOMPARE(runAttnlab({"export", "--text", "a b c a b c", "--view", "roles", "--width", "640", "--height", "360",
                             "--dpi", "96", "--out", plain}).exitCode, 0);
        QCOMPARE(QImage(plain), images[0]);
        // The roles view, but not the computing message: a figure with many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < images[0].height(); y += 3)
            for (int x = 0; x < images[0].width(); x += 3)
                colours.insert(images[0].pixel(x, y));
        QVERIFY2(colours.size() > 40, qPrintable(QString::number(colours.size())));
    }

    // Without --dpi a PNG has the export dialog's 192 DPI: twice the figure's size in pixels.
    void exportPngDefaultsToTheDialogsDpi()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("heat.png"));
        QCOMPARE(runAttnlab({"export", "--text", "a b c", "--view", "heatmap", "--width", "400", "--height", "300", "--out", out})
                     .exitCode, 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(800, 600));
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
    }

    // --no-title leaves the figure's title out, the rest stays; no export carries the step view's key hints.
    void exportWithoutTitle()
    {
        QTemporaryDir dir;
        for (const bool title : {true, false}) {
            const QString out = dir.filePath(QStringLiteral("steps%1.svg").arg(title));
            QStringList arguments{"export", "--lesson", "exam-softmax", "--view", "steps", "--out", out};
            if (!title)
                arguments << "--no-title";
            const Run run = runAttnlab(arguments);
            QCOMPARE(run.exitCode, 0);
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString svg = QString::fromUtf8(file.readAll());
            QCOMPARE(svg.contains(QStringLiteral("Step 5 of 5")), title);
            QVERIFY(svg.contains(QStringLiteral("Y = A·V"))); // the last matrix's title is content, not the figure's
            QVERIFY(!svg.contains(QStringLiteral("move between steps")));
        }
    }

    // The exam's steps for a Beamer build-up: a 5-page PDF, or five numbered frames from 1.
    void exportAllSteps()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("steps.pdf"));
        Run run = runAttnlab({"export", "--lesson", "exam-softmax", "--view", "steps", "--all-steps", "--out", pdf});
        QCOMPARE(run.exitCode, 0);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QCOMPARE(QString::fromLatin1(file.readAll()).count(page), 5);

        const QString frames = dir.filePath(QStringLiteral("steps-%d.svg"));
        run = runAttnlab({"export", "--lesson", "exam-softmax", "--view", "steps", "--all-steps", "--out", frames});
        QCOMPARE(run.exitCode, 0);
        QSet<QByteArray> contents;
        for (int n = 1; n <= 5; ++n) {
            QFile frame(dir.filePath(QStringLiteral("steps-%1.svg").arg(n)));
            QVERIFY2(frame.open(QIODevice::ReadOnly), qPrintable(frame.fileName()));
            const QByteArray svg = frame.readAll();
            QVERIFY(svg.contains(QStringLiteral("Step %1 of 5").arg(n).toUtf8()));
            contents.insert(svg);
        }
        QCOMPARE(contents.size(), 5);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("steps-6.svg"))));
    }

    void exportHelp()
    {
        const Run run = runAttnlab({"export", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--lesson ID") && run.out.contains("--all-steps") && run.out.contains("--no-title"));
    }

    void exportJapaneseAndPersianAsText()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("arcs.svg"));
        QCOMPARE(runAttnlab({"export", "--text", "سلام دنیا", "--memory", "得意 な スポーツ", "--view", "heads", "--out", out})
                     .exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(QStringLiteral("سلام")));
        QVERIFY(svg.contains(QStringLiteral("スポーツ")));
    }

    void exportErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown view") << QStringList{"export", "--text", "a", "--view", "pie", "--out", "OUT.png"} << 2
                                      << "unknown view \"pie\"";
        QTest::newRow("no out") << QStringList{"export", "--text", "a", "--view", "arcs"} << 2 << "--out";
        QTest::newRow("format") << QStringList{"export", "--text", "a", "--out", "OUT.gif"} << 1 << "unknown format";
        QTest::newRow("dpi") << QStringList{"export", "--text", "a", "--dpi", "0", "--out", "OUT.png"} << 1 << "--dpi";
        QTest::newRow("theme") << QStringList{"export", "--text", "a", "--theme", "blue", "--out", "OUT.png"} << 1
                               << "--theme";
        QTest::newRow("query") << QStringList{"export", "--text", "a b", "--query", "zebra", "--out", "OUT.png"} << 1
                               << "--query \"zebra\"";
        QTest::newRow("step") << QStringList{"export", "--text", "a", "--view", "steps", "--step", "9", "--out", "OUT.png"}
                              << 1 << "--step";
        QTest::newRow("all steps without %d") << QStringList{"export", "--text", "a b", "--view", "steps", "--all-steps", "--out", "OUT.png"}
                                              << 2 << "put %d in the name";
        QTest::newRow("all steps of heatmap") << QStringList{"export", "--text", "a b", "--view", "heatmap", "--all-steps", "--out", "OUT.pdf"}
                                              << 2 << "--all-steps exports the steps of --view steps";
        QTest::newRow("all steps and a step") << QStringList{"export", "--text", "a b", "--view", "steps", "--all-steps", "--step", "2", "--out", "OUT.pdf"}
                                              << 2 << "leave out --step";
        QTest::newRow("color scale") << QStringList{"export", "--text", "a", "--color-scale", "gamma", "--out", "OUT.png"}
                                     << 1 << "--color-scale \"gamma\": expected one of fixed, max, log";
        QTest::newRow("score") << QStringList{"export", "--text", "a", "--view", "roles", "--score", "gamma", "--out", "OUT.png"}
                               << 2
                               << "--score \"gamma\": expected one of previous_token, induction, first_token, diagonal, "
                                  "duplicate, entropy\n";
        QTest::newRow("score of another view")
            << QStringList{"export", "--text", "a", "--view", "heatmap", "--score", "entropy", "--out", "OUT.png"} << 2
            << "--score chooses the score of --view roles";
    }
    void exportErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        arguments.replaceInStrings(QStringLiteral("OUT"), dir.filePath(QStringLiteral("figure")));
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")) && err.contains(fragment), qPrintable(err));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0); // nothing written, not even a temporary
    }

    void tokenize_data()
    {
        QTest::addColumn<QString>("tokenizer");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("ids");
        // The reference ids of ../shared/README.md, computed by Hugging Face's own tokenizers.
        QTest::newRow("gpt2 folder") << "tokenizers/gpt2" << "The animal didn't cross the street because it was too tired."
                                     << QList<int>{464, 5044, 1422, 470, 3272, 262, 4675, 780, 340, 373, 1165, 10032, 13};
        QTest::newRow("bert json") << "tokenizers/bert-base-uncased/tokenizer.json" << "Hello world!"
                                   << QList<int>{101, 7592, 2088, 999, 102};
    }
    void tokenize()
    {
        QFETCH(QString, tokenizer);
        QFETCH(QString, text);
        QFETCH(QList<int>, ids);
        const QString path = attnlab::test::sharedDir() + QLatin1Char('/') + tokenizer;
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("%1 is absent (../shared or $ATTNLAB_SHARED)").arg(path)));
        const Run run = runAttnlab({"tokenize", "--tokenizer", path, "--text", text, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        QList<int> got;
        for (const QJsonValue& v : QJsonDocument::fromJson(run.out).object()[QStringLiteral("ids")].toArray())
            got << v.toInt();
        QCOMPARE(got, ids);
    }

    void sortingModelSorts()
    {
        // The trained GPT of ../shared sorts six tokens: after "B A C C A B" come A A B B C C, so the
        // predictions at positions 6 … 9 (after the sixth token and the first three sorted ones) are A A B B.
        const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/gpt-nano-sort");
        if (!QFileInfo::exists(folder))
            QSKIP(qPrintable(folder + QStringLiteral(" is absent (../shared or $ATTNLAB_SHARED)")));
        const Run run = runAttnlab({"run", "--text", "B A C C A B A A B", "--model", folder, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("trained")].toBool(), true);
        QCOMPARE(trace[QStringLiteral("layer_count")].toInt(), 3);
        const QJsonArray predictions = trace[QStringLiteral("predictions")].toArray();
        QList<int> top;
        for (int position = 5; position < 9; ++position)
            top << predictions[position].toObject()[QStringLiteral("top")].toArray()[0].toArray()[0].toInt();
        QCOMPARE(top, (QList<int>{0, 0, 1, 1})); // A = 0, B = 1, C = 2
    }

    void unknownCharactersAreWarned()
    {
        // The character model of ../shared has no apostrophe: `run --json` and `tokenize --json` say it was dropped.
        const QString folder = attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
        if (!QFileInfo::exists(folder))
            QSKIP(qPrintable(folder + QStringLiteral(" is absent (../shared or $ATTNLAB_SHARED)")));
        const QString warning = QStringLiteral("1 character is not in the vocabulary: «'» dropped before token 5.");
        const Run run = runAttnlab({"run", "--text", "didn't", "--model", folder, "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(trace[QStringLiteral("warnings")].toArray().contains(warning), run.out.constData());
        const QJsonArray unknown = trace[QStringLiteral("unknown_characters")].toArray();
        QCOMPARE(unknown.size(), 1);
        QCOMPARE(unknown[0].toObject(), (QJsonObject{{"character", "'"}, {"token", 4}, {"dropped", true}}));

        const Run tokenized = runAttnlab({"tokenize", "--tokenizer", folder, "--text", "didn't", "--json", "-"});
        QCOMPARE(tokenized.exitCode, 0);
        const QJsonObject tokens = QJsonDocument::fromJson(tokenized.out).object();
        QCOMPARE(tokens[QStringLiteral("warnings")].toArray(), QJsonArray{warning});
        QCOMPARE(tokens[QStringLiteral("unknown_characters")].toArray(), unknown);
    }

    void tokenizeErrors()
    {
        const Run missing = runAttnlab({"tokenize", "--tokenizer", "/nonexistent/tok.json", "--text", "a"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.startsWith("error: /nonexistent/tok.json"));
        QCOMPARE(runAttnlab({"tokenize", "--text", "a"}).exitCode, 2);
    }

    void failedRunLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("trace.json"));
        const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"json({"Q": [[1,2]], "K": [[1]], "V": [[1]]})json");
        QCOMPARE(runAttnlab({"run", "--matrices", bad, "--json", out}).exitCode, 1);
        QVERIFY(!QFile::exists(out));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // only bad.json: no temporary left behind
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCommandLine)
} // namespace tst_command_line
#include "tst_command_line.moc"
