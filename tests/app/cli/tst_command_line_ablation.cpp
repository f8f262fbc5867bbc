// Tests what app/cli/command_line.cpp asks about a prediction, by running the attnlab executable on the trained
// character model: --ablate (each position's top prediction before and after, checked against the predictions of a
// plain run and of the ablated run themselves), --head-effects (each head's Δ log-probability, checked against a
// whole run with that head switched off), --lens (the last layer's row is the model's predictions), export --view
// lens (a PNG and an SVG of the figure; the toy model's refusal), and the errors: one line naming the problem and the
// range.

#include "app/run_attnlab.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_command_line_ablation {

using attnlab::test::Run;
using attnlab::test::runAttnlab;

namespace {

const QString kText = QStringLiteral("the cat sat on the mat");

QString charModel()
{
    return attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
}

QJsonObject runJson(const QStringList& arguments)
{
    const Run run = runAttnlab(QStringList{QStringLiteral("run"), QStringLiteral("--text"), kText, QStringLiteral("--model"),
                                           charModel(), QStringLiteral("--json"), QStringLiteral("-")} +
                               arguments);
    if (run.exitCode != 0) qWarning("%s", run.err.constData());
    return QJsonDocument::fromJson(run.out).object();
}

// predictions[position]: (id, probability) of its top 1.
std::pair<int, double> top1(const QJsonObject& trace, int position)
{
    const QJsonArray top = trace[QStringLiteral("predictions")].toArray()[position].toObject()[QStringLiteral("top")].toArray();
    return {top[0].toArray()[0].toInt(), top[0].toArray()[1].toDouble()};
}

} // namespace

class TestCommandLineAblation : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        if (!QDir(charModel()).exists()) QSKIP("the shared models are not here (../shared or $ATTNLAB_SHARED)");
    }

    void ablationReportsEachPositionsPrediction()
    {
        const QJsonObject plain = runJson({});
        const QJsonObject ablated =
            runJson({QStringLiteral("--ablate"), QStringLiteral("2.1,1.3"), QStringLiteral("--ablate-mlp"), QStringLiteral("1")});
        QVERIFY(!plain.isEmpty() && !ablated.isEmpty());
        const QJsonObject ablation = ablated[QStringLiteral("ablation")].toObject();
        QCOMPARE(ablation[QStringLiteral("heads")].toArray(), (QJsonArray{QJsonArray{1, 3}, QJsonArray{2, 1}}));
        QCOMPARE(ablation[QStringLiteral("mlps")].toArray(), QJsonArray{1});
        QCOMPARE(ablation[QStringLiteral("mode")].toString(), QStringLiteral("zero"));
        const QJsonArray effects = ablation[QStringLiteral("effects")].toArray();
        QCOMPARE(effects.size(), plain[QStringLiteral("tokens")].toArray().size());
        int changed = 0;
        for (int t = 0; t < effects.size(); ++t) {
            const QJsonObject e = effects[t].toObject();
            const QJsonObject original = e[QStringLiteral("original")].toObject(), top = e[QStringLiteral("top")].toObject();
            QCOMPARE(e[QStringLiteral("position")].toInt(), t);
            // The original is the plain run's top 1, the top the ablated run's, each with its own probability.
            QCOMPARE(original[QStringLiteral("id")].toInt(), top1(plain, t).first);
            QVERIFY(std::abs(original[QStringLiteral("log_prob_before")].toDouble() - std::log(top1(plain, t).second)) < 1e-5);
            QCOMPARE(top[QStringLiteral("id")].toInt(), top1(ablated, t).first);
            QVERIFY(std::abs(top[QStringLiteral("log_prob_after")].toDouble() - std::log(top1(ablated, t).second)) < 1e-5);
            QVERIFY(std::abs(original[QStringLiteral("delta")].toDouble() -
                             (original[QStringLiteral("log_prob_after")].toDouble() -
                              original[QStringLiteral("log_prob_before")].toDouble())) < 1e-12);
            QVERIFY(original[QStringLiteral("log_prob_after")].toDouble() <= top[QStringLiteral("log_prob_after")].toDouble());
            changed += original[QStringLiteral("id")].toInt() != top[QStringLiteral("id")].toInt();
        }
        QVERIFY(changed > 0); // switching off an MLP and two heads of a trained model changes some predictions
        QVERIFY(!plain.contains(QStringLiteral("ablation")));
    }

    void headEffectsEqualWholeAblatedRuns()
    {
        const QJsonObject json = runJson({QStringLiteral("--head-effects"), QStringLiteral("--query"), QStringLiteral("5")});
        const QJsonObject effects = json[QStringLiteral("head_effects")].toObject();
        QCOMPARE(effects[QStringLiteral("position")].toInt(), 4);
        QCOMPARE(effects[QStringLiteral("target")].toObject()[QStringLiteral("id")].toInt(), top1(json, 4).first);
        const QJsonArray grid = effects[QStringLiteral("delta_log_prob")].toArray();
        QCOMPARE(grid.size(), json[QStringLiteral("layer_count")].toInt());
        for (const auto& [layer, head] : {std::pair{1, 1}, std::pair{2, 3}, std::pair{int(grid.size()), 2}}) {
            const QJsonObject ablated = runJson(QStringList{QStringLiteral("--ablate"), QStringLiteral("%1.%2").arg(layer).arg(head)});
            const QJsonObject original =
                ablated[QStringLiteral("ablation")].toObject()[QStringLiteral("effects")].toArray()[4].toObject()[QStringLiteral("original")].toObject();
            const double expected = original[QStringLiteral("delta")].toDouble();
            const double got = grid[layer - 1].toArray()[head - 1].toDouble();
            QVERIFY2(std::abs(got - expected) < 1e-4, qPrintable(QStringLiteral("%1.%2: %3, a whole run says %4")
                                                                     .arg(layer)
                                                                     .arg(head)
                                                                     .arg(got)
                                                                     .arg(expected)));
        }
    }

    void lensEndsWithThePredictions()
    {
        const QJsonObject json = runJson({QStringLiteral("--lens")});
        const QJsonArray lens = json[QStringLiteral("lens")].toArray();
        QCOMPARE(lens.size(), json[QStringLiteral("layer_count")].toInt());
        const QJsonArray predictions = json[QStringLiteral("predictions")].toArray();
        const QJsonArray last = lens.last().toObject()[QStringLiteral("top")].toArray();
        QCOMPARE(last.size(), predictions.size());
        for (int t = 0; t < predictions.size(); ++t) {
            const QJsonArray want = predictions[t].toObject()[QStringLiteral("top")].toArray(), got = last[t].toArray();
            QCOMPARE(got.size(), want.size());
            for (int k = 0; k < want.size(); ++k) {
                QCOMPARE(got[k].toArray()[0].toInt(), want[k].toArray()[0].toInt());
                QVERIFY(std::abs(got[k].toArray()[1].toDouble() - want[k].toArray()[1].toDouble()) < 1e-12);
            }
        }
        QCOMPARE(lens.first().toObject()[QStringLiteral("layer")].toInt(), 1);
        QCOMPARE(lens.last().toObject()[QStringLiteral("tokens")].toArray()[0].toArray()[0].toString(),
                 predictions[0].toObject()[QStringLiteral("tokens")].toArray()[0].toString());
        // An earlier layer reads differently somewhere.
        QVERIFY(lens.first().toObject()[QStringLiteral("top")].toArray() != last);
    }

    // export --view lens computes the lens with the trace and draws it, as PNG and SVG; the toy model has none.
    void exportsTheLensView()
    {
        QTemporaryDir dir;
        for (const char* suffix : {"png", "svg"}) {
            const QString out = dir.filePath(QStringLiteral("lens.") + QLatin1String(suffix));
            const Run run = runAttnlab({"export", "--text", kText, "--model", charModel(), "--view", "lens", "--out", out,
                                        "--width", "800", "--height", "500"});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.err.isEmpty(), run.err.constData());
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            if (QLatin1String(suffix) == QLatin1String("png")) {
                QVERIFY(content.startsWith("\x89PNG"));
                QCOMPARE(QImage::fromData(content).size(), QSize(1600, 1000)); // 192 DPI: twice the points
            } else {
                QVERIFY(content.startsWith("<?xml"));
                QVERIFY(content.contains("Logit lens")); // the figure, not its message
                QVERIFY(content.contains("layer 4"));
            }
        }
        const QString out = dir.filePath(QStringLiteral("toy.png"));
        const Run toy = runAttnlab({"export", "--text", "a b", "--view", "lens", "--out", out});
        QCOMPARE(toy.exitCode, 1);
        QCOMPARE(QString::fromUtf8(toy.err),
                 QStringLiteral("error: the logit lens needs a model with an output (unembedding); the toy model has none\n"));
        QVERIFY(!QFileInfo::exists(out));
    }

    void badInputGetsOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList model{QStringLiteral("--text"), kText, QStringLiteral("--model"), charModel(),
                                QStringLiteral("--json"), QStringLiteral("-")};
        QTest::newRow("no such layer") << model + QStringList{"--ablate", "9.1"} << 1 << "--ablate 9.1: layer 9 does not exist; the model has layers 1 to";
        QTest::newRow("no such head") << model + QStringList{"--ablate", "1.99"} << 1 << "--ablate 1.99: head 99 does not exist; each layer has heads 1 to";
        QTest::newRow("no such MLP") << model + QStringList{"--ablate-mlp", "0"} << 1 << "--ablate-mlp \"0\": write a layer number, 1-based";
        QTest::newRow("unreadable head") << model + QStringList{"--ablate", "3"} << 1 << "--ablate \"3\": write LAYER.HEAD, 1-based";
        QTest::newRow("unknown mode") << model + QStringList{"--ablate", "1.1", "--ablation", "half"} << 1 << "--ablation \"half\": expected zero or mean";
        QTest::newRow("mode alone") << model + QStringList{"--ablation", "mean"} << 1 << "--ablation chooses how";
        QTest::newRow("matrices") << QStringList{"--lesson", "exam-softmax", "--json", "-", "--ablate", "1.1"} << 1 << "typed matrices have no model";
        QTest::newRow("lens of the toy") << QStringList{"--text", "a b", "--json", "-", "--lens"} << 1 << "--lens reads the model's predictions; the toy model has no output layer";
        QTest::newRow("effects under ablation") << model + QStringList{"--head-effects", "--ablate", "1.1"} << 2 << "leave out --ablate";
    }
    void badInputGetsOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = runAttnlab(QStringList{QStringLiteral("run")} + arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")) && err.contains(message), qPrintable(err));
        QVERIFY(run.out.isEmpty());
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCommandLineAblation)
} // namespace tst_command_line_ablation
#include "tst_command_line_ablation.moc"
