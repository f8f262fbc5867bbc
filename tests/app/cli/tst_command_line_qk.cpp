// Tests `run --qk` and `export --view qk` of app/cli/command_line.cpp by running the attnlab executable: on typed
// matrices with d_k = 2 the JSON's coordinates keep every pairwise distance of the normalised points, computed here
// from AttentionViz's equations (keys + mean(q) − mean(k), then queries × c and keys ÷ c with c² = mean‖k‖ / mean‖q‖),
// since two components lose nothing in two dimensions; the key shift and the scale are the hand-computed ones; the
// errors are one line with the valid range; and the view exports at the size asked for.

#include "app/run_attnlab.h"
#include "model/core/matrix_types.h"
#include "test_registry.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_command_line_qk {

using namespace attnlab;
using attnlab::test::Run;
using attnlab::test::runAttnlab;

namespace {

model::Matrix qkJsonPoints(const QJsonArray& rows)
{
    model::Matrix m(rows.size(), 2);
    for (int i = 0; i < m.rows(); ++i)
        for (int j = 0; j < 2; ++j)
            m(i, j) = rows[i].toArray()[j].toDouble();
    return m;
}

// Q (4, 2), K (4, 2): mean(q) = (1/2, 3/4), mean(k) = (5/4, 1/2), so the keys move by t = (−3/4, 1/4).
const model::Matrix kQkQ{{1, 0}, {0, 1}, {-1, 0}, {2, 2}};
const model::Matrix kQkK{{1, 1}, {0, -1}, {3, 0}, {1, 2}};

QString qkMatricesFile(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("qk.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(R"({"Q": [[1, 0], [0, 1], [-1, 0], [2, 2]],
                   "K": [[1, 1], [0, -1], [3, 0], [1, 2]],
                   "V": [[1, 0], [0, 1], [1, 1], [2, 0]],
                   "tokens": ["a", "b", "c", "d"]})");
    return path;
}

} // namespace

class TestCommandLineQk : public QObject {
    Q_OBJECT

private slots:
    void coordinatesKeepTheDistancesOfTheNormalisedPoints()
    {
        QTemporaryDir dir;
        const Run run = runAttnlab({"run", "--matrices", qkMatricesFile(dir), "--json", "-", "--qk"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonObject qk = QJsonDocument::fromJson(run.out).object()[QStringLiteral("qk_projection")].toObject();
        QCOMPARE(qk[QStringLiteral("layer")].toInt(), 1);
        QCOMPARE(qk[QStringLiteral("head")].toInt(), 1);
        const QJsonArray shift = qk[QStringLiteral("key_shift")].toArray();
        QCOMPARE(shift.size(), 2);
        QVERIFY(std::abs(shift[0].toDouble() + 0.75) < 1e-15 && std::abs(shift[1].toDouble() - 0.25) < 1e-15);

        // The normalisation written out: translate, then scale by the mean norms.
        const Eigen::RowVector2d t(-0.75, 0.25);
        const model::Matrix shifted = kQkK.rowwise() + t;
        const double c = std::sqrt(shifted.rowwise().norm().mean() / kQkQ.rowwise().norm().mean());
        QVERIFY(std::abs(qk[QStringLiteral("query_scale")].toDouble() - c) < 1e-14);
        model::Matrix normalised(8, 2);
        normalised << kQkQ * c, shifted / c;

        model::Matrix drawn(8, 2);
        drawn << qkJsonPoints(qk[QStringLiteral("queries")].toArray()), qkJsonPoints(qk[QStringLiteral("keys")].toArray());
        for (int i = 0; i < 8; ++i)
            for (int j = i + 1; j < 8; ++j) {
                const double expected = (normalised.row(i) - normalised.row(j)).norm();
                const double actual = (drawn.row(i) - drawn.row(j)).norm();
                QVERIFY2(std::abs(expected - actual) < 1e-9,
                         qPrintable(QStringLiteral("points %1, %2: %3 vs %4").arg(i).arg(j).arg(actual).arg(expected)));
            }
        // Nothing discarded in two dimensions: the two fractions add up to 1, the larger first.
        const QJsonArray explained = qk[QStringLiteral("explained")].toArray();
        QCOMPARE(explained.size(), 2);
        QVERIFY(std::abs(explained[0].toDouble() + explained[1].toDouble() - 1) < 1e-12);
        QVERIFY(explained[0].toDouble() >= explained[1].toDouble());
    }

    void errorsNameTheRange()
    {
        QTemporaryDir dir;
        const QString file = qkMatricesFile(dir);
        Run run = runAttnlab({"run", "--matrices", file, "--json", "-", "--qk", "--layer", "2"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err, QByteArray("error: --layer 2 is out of range: expected 1 (the trace has 1 layer)\n"));
        run = runAttnlab({"run", "--matrices", file, "--json", "-", "--qk", "--head", "average"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err, QByteArray("error: --qk projects one head's queries and keys: --head expects 1 (layer 1 has 1 "
                                     "head), not all, average or max\n"));
        run = runAttnlab({"run", "--text", "the cat sat", "--model", "toy", "--heads", "2", "--json", "-", "--qk",
                          "--head", "3"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("error: --head 3 is out of range: expected 1 to 2"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        run = runAttnlab({"run", "--matrices", file, "--qk", "--trace", dir.filePath(QStringLiteral("t.safetensors"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith("error: --qk adds to what --json writes"));
    }

    void exportsTheView()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("qk.png"));
        const Run run = runAttnlab({"export", "--text", "the cat sat on the mat", "--model", "toy", "--view", "qk",
                                    "--layer", "2", "--head", "1", "--query", "cat", "--out", out, "--width", "640",
                                    "--height", "400", "--dpi", "96"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QImage image(out);
        QCOMPARE(image.size(), QSize(640, 400));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCommandLineQk)
} // namespace tst_command_line_qk
#include "tst_command_line_qk.moc"
