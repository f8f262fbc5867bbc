// Tests the analyses of app/cli/command_line.cpp (run --rollout, run --flow, export --view rollout [--flow]) by
// running the attnlab executable: the rollout of the toy model against a rollout recomputed here from the weights
// that --all writes, by the published formula (Abnar & Zuidema 2020: Â_l = rownormalise(0.5 · mean_h A + 0.5 · I),
// R_l = Â_l · R_{l−1}); the flow's shape, its first layer (a single edge per input: Â_1's row) and its
// normalisation; and the errors: one line, with the range or the limit.

#include "app/run_attnlab.h"
#include "model/core/matrix_types.h"
#include "test_registry.h"
#include "test_support.h"

#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_command_line_analyses {

using namespace attnlab;
using attnlab::test::Run;
using attnlab::test::runAttnlab;

namespace {

model::Matrix jsonMatrix(const QJsonArray& rows)
{
    model::Matrix m(rows.size(), rows.isEmpty() ? 0 : rows[0].toArray().size());
    for (int i = 0; i < m.rows(); ++i)
        for (int j = 0; j < m.cols(); ++j)
            m(i, j) = rows[i].toArray()[j].toDouble();
    return m;
}

// Â_l of layer l (0-based) from the --all JSON's weights: the heads' mean, half of it plus half the identity,
// each row divided by its sum.
model::Matrix augmentedFromJson(const QJsonObject& trace, int layer)
{
    const QJsonArray heads = trace[QStringLiteral("layers")].toArray()[layer].toObject()[QStringLiteral("heads")].toArray();
    model::Matrix mean;
    for (const QJsonValue& head : heads) {
        const model::Matrix a = jsonMatrix(head.toObject()[QStringLiteral("weights")].toArray());
        mean = mean.size() == 0 ? a : model::Matrix(mean + a);
    }
    mean /= double(heads.size());
    model::Matrix augmented = 0.5 * mean + 0.5 * model::Matrix::Identity(mean.rows(), mean.cols());
    for (int i = 0; i < augmented.rows(); ++i)
        augmented.row(i) /= augmented.row(i).sum();
    return augmented;
}

const QString kSentence = QStringLiteral("the cat sat on the mat because the cat was tired");

} // namespace

class TestCommandLineAnalyses : public QObject {
    Q_OBJECT

private slots:
    void rolloutMatchesThePublishedFormula()
    {
        const Run run = runAttnlab({"run", "--text", kSentence, "--model", "toy", "--mask", "causal", "--layers", "3",
                                    "--heads", "4", "--all", "--rollout", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        const QJsonArray rollout = trace[QStringLiteral("rollout")].toArray();
        QCOMPARE(rollout.size(), 3);
        const int t = int(trace[QStringLiteral("tokens")].toArray().size());
        model::Matrix expected = model::Matrix::Identity(t, t);
        for (int l = 0; l < 3; ++l) {
            expected = augmentedFromJson(trace, l) * expected;
            const model::Matrix written = jsonMatrix(rollout[l].toArray());
            QCOMPARE(written.rows(), Eigen::Index(t));
            QCOMPARE(written.cols(), Eigen::Index(t));
            QCOMPARE(test::compareMatrices(written, expected, 1e-12), QString());
        }
        QVERIFY(!trace.contains(QStringLiteral("flow")));
    }

    void flowOfTheSelectedQuery()
    {
        const Run run = runAttnlab({"run", "--text", kSentence, "--model", "toy", "--mask", "causal", "--layers", "3",
                                    "--heads", "4", "--all", "--flow", "--query", "mat", "--json", "-"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QVERIFY(!trace.contains(QStringLiteral("rollout")));
        const QJsonObject flow = trace[QStringLiteral("flow")].toObject();
        QCOMPARE(flow[QStringLiteral("query")].toInt(), 5); // "mat" is the sixth token
        const model::Matrix layers = jsonMatrix(flow[QStringLiteral("layers")].toArray());
        const model::Matrix maxFlow = jsonMatrix(flow[QStringLiteral("max_flow")].toArray());
        QCOMPARE(layers.rows(), Eigen::Index(3));
        QCOMPARE(layers.cols(), Eigen::Index(11));
        // Layer 1: the one edge (1, q) → (0, j) of capacity Â_1(q, j).
        QCOMPARE(test::compareMatrices(model::Matrix(maxFlow.row(0)), model::Matrix(augmentedFromJson(trace, 0).row(5)), 1e-12),
                 QString());
        for (int l = 0; l < 3; ++l) {
            QVERIFY(std::abs(layers.row(l).sum() - 1.0) < 1e-12);
            for (int j = 0; j < 11; ++j) {
                // "layers" is max_flow divided by its row's sum (the paper's normalisation).
                QVERIFY(std::abs(layers(l, j) * maxFlow.row(l).sum() - maxFlow(l, j)) < 1e-12);
                QVERIFY(maxFlow(l, j) <= 1.0 + 1e-12);
                if (j > 5) QCOMPARE(maxFlow(l, j), 0.0); // causal: nothing flows to a later token
            }
        }

        // Without --query: the last token.
        const Run last = runAttnlab({"run", "--text", "a b c", "--flow", "--json", "-"});
        QCOMPARE(last.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(last.out).object()[QStringLiteral("flow")].toObject()[QStringLiteral("query")].toInt(), 2);
    }

    void exportsTheView_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("rollout") << QStringList{};
        QTest::newRow("flow") << QStringList{"--flow"};
        QTest::newRow("flow, dark, presentation") << QStringList{"--flow", "--theme", "dark", "--presentation"};
    }
    void exportsTheView()
    {
        QFETCH(QStringList, extra);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("rollout.png"));
        const Run run = runAttnlab(QStringList{"export", "--text", kSentence, "--mask", "causal", "--view", "rollout",
                                               "--query", "tired", "--out", out, "--width", "800", "--height", "500"} +
                                   extra);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1600, 1000)); // 192 DPI: twice the points
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("rollout with memory")
            << QStringList{"run", "--text", "a b", "--memory", "c d", "--rollout", "--json", "-"} << 1
            << "--rollout follows the tokens through self-attention; leave out --memory";
        QTest::newRow("flow with memory") << QStringList{"run", "--text", "a b", "--memory", "c d", "--flow", "--json", "-"}
                                          << 1 << "--flow follows the tokens through self-attention; leave out --memory";
        QTest::newRow("rollout without json")
            << QStringList{"run", "--text", "a", "--rollout", "--trace", "x.safetensors"} << 2
            << "--rollout and --flow add to what --json writes";
        QTest::newRow("flow query out of range") << QStringList{"run", "--text", "a b", "--flow", "--query", "3", "--json", "-"}
                                                 << 1 << "--query \"3\" is neither a position from 1 to 2";
        QTest::newRow("flow in another view") << QStringList{"export", "--text", "a b", "--view", "heatmap", "--flow",
                                                             "--out", "x.png"}
                                              << 2 << "--flow shows attention flow in --view rollout, not in --view heatmap";
        QTest::newRow("rollout view with memory")
            << QStringList{"export", "--text", "a b", "--memory", "c d", "--view", "rollout", "--out", "x.png"} << 1
            << "attention rollout and flow follow tokens through self-attention";
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        arguments.replaceInStrings(QStringLiteral("x.png"), dir.filePath(QStringLiteral("x.png")));
        const Run run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ")), qPrintable(err));
        QVERIFY2(err.contains(fragment), qPrintable(err));
        if (exitCode == 1) {
            QCOMPARE(err.count(QLatin1Char('\n')), 1);
            QVERIFY(run.out.isEmpty());
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x.png"))));
    }

    // 150 tokens through 12 layers is more work than the limit: refused with the numbers that fit.
    void flowTooLargeIsRefused()
    {
        QStringList words;
        for (int i = 0; i < 150; ++i)
            words << QStringLiteral("w%1").arg(i % 37);
        for (const QStringList& command :
             {QStringList{"run", "--text", words.join(u' '), "--layers", "12", "--flow", "--json", "-"},
              QStringList{"export", "--text", words.join(u' '), "--layers", "12", "--view", "rollout", "--flow", "--out",
                          "/nonexistent/never.png"}}) {
            const Run run = runAttnlab(command);
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(QString::fromUtf8(run.err),
                     QStringLiteral("error: attention flow of 150 tokens through 12 layers would take too long: at most "
                                    "147 tokens through 12 layers, or 150 tokens through at most 11 layers\n"));
            QVERIFY(run.out.isEmpty());
        }
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCommandLineAnalyses)
} // namespace tst_command_line_analyses
#include "tst_command_line_analyses.moc"
