// Tests app/cli/patch_command.cpp by running the attnlab executable on the trained character model: the JSON's
// clean and corrupted log-probabilities against the predictions of `attnlab run` on each input, the sites that
// cannot restore anything (tokens before the first that differs) at exactly 0, the figure, and the errors: one
// line naming the problem (exit 1), or the usage (exit 2).

#include "app/run_attnlab.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_patch_command {

using attnlab::test::Run;
using attnlab::test::runAttnlab;

namespace {

// Tokens 4-6 differ ("Are" / "Can"); the model answers "I am" to the first and "I can" to the second.
const QString kClean = QStringLiteral("Q: Are you AGI?\nA: I ");
const QString kCorrupted = QStringLiteral("Q: Can you AGI?\nA: I ");

QString charModel()
{
    return attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
}

Run patch(const QStringList& arguments)
{
    return runAttnlab(QStringList{QStringLiteral("patch"), QStringLiteral("--model"), charModel()} + arguments);
}

// log p of `token` after the last token of text, from `attnlab run`'s top-5 predictions; NaN when not among them.
double logProbabilityAfter(const QString& text, const QString& token)
{
    const Run run = runAttnlab({QStringLiteral("run"), QStringLiteral("--text"), text, QStringLiteral("--model"), charModel(),
                                QStringLiteral("--json"), QStringLiteral("-")});
    const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
    const QJsonArray predictions = trace[QStringLiteral("predictions")].toArray();
    const QJsonObject last = predictions.last().toObject();
    const QJsonArray top = last[QStringLiteral("top")].toArray();
    const QJsonArray texts = last[QStringLiteral("tokens")].toArray();
    for (int i = 0; i < top.size(); ++i)
        if (texts[i].toString() == token) return std::log(top[i].toArray()[1].toDouble());
    return std::nan("");
}

} // namespace

class TestPatchCommand : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        if (!QDir(charModel()).exists()) QSKIP("the shared models are not here (../shared or $ATTNLAB_SHARED)");
    }

    void jsonMeasuresBothInputs()
    {
        const Run run = patch({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kCorrupted,
                               QStringLiteral("--target"), QStringLiteral("a"), QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const QJsonObject p = json[QStringLiteral("patching")].toObject();
        QCOMPARE(p[QStringLiteral("metric")].toString(), QStringLiteral("log_probability"));
        QCOMPARE(p[QStringLiteral("position")].toInt(), int(kClean.size()) - 1);
        QCOMPARE(p[QStringLiteral("target")].toObject()[QStringLiteral("token")].toString(), QStringLiteral("a"));
        QVERIFY(!p.contains(QStringLiteral("wrong")));
        // The metric on each input is log p("a") as a plain run predicts it.
        const double clean = logProbabilityAfter(kClean, QStringLiteral("a")),
                     corrupted = logProbabilityAfter(kCorrupted, QStringLiteral("a"));
        QVERIFY2(std::isfinite(clean) && std::isfinite(corrupted), "\"a\" is not among the top 5 of both inputs");
        QVERIFY(std::abs(p[QStringLiteral("clean")].toDouble() - clean) < 1e-4);
        QVERIFY(std::abs(p[QStringLiteral("corrupted")].toDouble() - corrupted) < 1e-4);
        QVERIFY(clean > corrupted + 0.5);

        const QJsonArray heads = p[QStringLiteral("heads")].toArray(), residual = p[QStringLiteral("residual")].toArray(),
                         mlp = p[QStringLiteral("mlp")].toArray();
        QCOMPARE(heads.size(), 4);
        QCOMPARE(heads[0].toArray().size(), 4);
        QCOMPARE(residual.size(), 4);
        QCOMPARE(residual[0].toArray().size(), kClean.size());
        for (int l = 0; l < 4; ++l)
            for (int t = 0; t < 3; ++t) { // "Q: " is the same in both: nothing to restore there
                QCOMPARE(residual[l].toArray()[t].toDouble(), 0.0);
                QCOMPARE(mlp[l].toArray()[t].toDouble(), 0.0);
            }
        // Layer 1's stream at a token that differs is that token's embedding: it restores something, and the
        // stream entering layer 1 at the same token elsewhere ("you") restores exactly nothing.
        QVERIFY(residual[0].toArray()[3].toDouble() > 0.05);
        QCOMPARE(residual[0].toArray()[8].toDouble(), 0.0);
        QCOMPARE(p[QStringLiteral("corrupted_tokens")].toArray()[3].toString(), QStringLiteral("C"));
    }

    void logitDifferenceAndFigure()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("patch.svg"));
        const Run run = patch({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kCorrupted,
                               QStringLiteral("--target"), QStringLiteral("a"), QStringLiteral("--wrong"), QStringLiteral("c"),
                               QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--out"), svg});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject p = QJsonDocument::fromJson(run.out).object()[QStringLiteral("patching")].toObject();
        QCOMPARE(p[QStringLiteral("metric")].toString(), QStringLiteral("logit_difference"));
        QCOMPARE(p[QStringLiteral("wrong")].toObject()[QStringLiteral("token")].toString(), QStringLiteral("c"));
        // logit(a) − logit(c) = log p(a) − log p(c) on each input (the normaliser cancels).
        const double clean = logProbabilityAfter(kClean, QStringLiteral("a")) - logProbabilityAfter(kClean, QStringLiteral("c"));
        if (std::isfinite(clean)) QVERIFY(std::abs(p[QStringLiteral("clean")].toDouble() - clean) < 1e-4);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("Activation patching"));
        QVERIFY(text.contains("Each MLP"));
    }

    void refusesBadInputWithOneLine()
    {
        const auto refused = [](const QStringList& arguments, int code, const QByteArray& message) {
            const Run run = patch(arguments + QStringList{QStringLiteral("--json"), QStringLiteral("-")});
            QCOMPARE(run.exitCode, code);
            QVERIFY2(run.err.startsWith("error: ") && run.err.contains(message), run.err.constData());
            QVERIFY(run.out.isEmpty());
        };
        refused({QStringLiteral("--clean"), QStringLiteral("Q: Are you AGI?"), QStringLiteral("--corrupted"),
                 QStringLiteral("Q: Can you reason?"), QStringLiteral("--target"), QStringLiteral("a")},
                1, "--clean has 15 tokens and --corrupted 18: patching pairs the inputs token by token");
        refused({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kCorrupted, QStringLiteral("--target"),
                 QStringLiteral("am")},
                1, "--target \"am\": the tokenizer splits it into 2 tokens (\"a\", \"m\"); name a single token");
        refused({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kClean, QStringLiteral("--target"),
                 QStringLiteral("a")},
                1, "there is no difference to restore");
        refused({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kCorrupted, QStringLiteral("--target"),
                 QStringLiteral("a"), QStringLiteral("--query"), QStringLiteral("99")},
                1, "--query \"99\": expected a token number from 1 to 21");
        refused({QStringLiteral("--clean"), kClean, QStringLiteral("--corrupted"), kCorrupted}, 2, "patch needs --target");
        const Run toy = runAttnlab({QStringLiteral("patch"), QStringLiteral("--model"), QStringLiteral("toy"), QStringLiteral("--clean"),
                                    kClean, QStringLiteral("--corrupted"), kCorrupted, QStringLiteral("--target"),
                                    QStringLiteral("a"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(toy.exitCode, 1);
        QVERIFY2(toy.err.contains("the toy model has no output layer"), toy.err.constData());
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestPatchCommand)
} // namespace tst_patch_command
#include "tst_patch_command.moc"
