// Tests app/cli/compare_options.cpp and the comparison of `attnlab run` and `attnlab export` by running the attnlab
// executable: run --json --compare-text's "difference" equals A's weights minus B's weights taken from two plain
// runs (one head, the average of the heads, and two inputs of different lengths, aligned on the shorter with a
// warning); export --compare-text writes one figure with "A − B" in it; two models of different shapes draw side by
// side with a warning, and run refuses their difference naming both shapes; and the errors: typed matrices, B
// failing (prefixed with the option), --compare-text without --json.

#include "app/run_attnlab.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_compare_options {

using attnlab::test::Run;
using attnlab::test::runAttnlab;

namespace {

const QString kTextA = QStringLiteral("the animal was too tired");
const QString kTextB = QStringLiteral("the animal was too wide");

QString charModelForComparison()
{
    return attnlab::test::sharedDir() + QStringLiteral("/models/char-gpt-slm");
}

QJsonObject runToyJson(const QString& text, const QStringList& extra)
{
    const Run run = runAttnlab(QStringList{QStringLiteral("run"), QStringLiteral("--text"), text, QStringLiteral("--model"),
                                           QStringLiteral("toy"), QStringLiteral("--json"), QStringLiteral("-")} +
                               extra);
    if (run.exitCode != 0) qWarning("%s", run.err.constData());
    return QJsonDocument::fromJson(run.out).object();
}

// The selected weights of a plain run: the head's, or the layer's aggregate for average / max.
QJsonArray selectedWeightsOf(const QJsonObject& trace)
{
    const QJsonObject layer = trace[QStringLiteral("layers")].toArray()[0].toObject();
    if (layer.contains(QStringLiteral("weights"))) return layer[QStringLiteral("weights")].toArray();
    return layer[QStringLiteral("heads")].toArray()[0].toObject()[QStringLiteral("weights")].toArray();
}

// Fails unless difference is a (rows, cols) array equal to a's top-left block minus b's, entry by entry.
bool differenceMatches(const QJsonArray& difference, const QJsonArray& a, const QJsonArray& b, int rows, int cols)
{
    if (difference.size() != rows) return false;
    for (int i = 0; i < rows; ++i) {
        const QJsonArray row = difference[i].toArray();
        if (row.size() != cols) return false;
        for (int j = 0; j < cols; ++j) {
            const double expected = a[i].toArray()[j].toDouble() - b[i].toArray()[j].toDouble();
            if (std::abs(row[j].toDouble() - expected) > 1e-12) {
                qWarning("difference[%d][%d] = %.17g, expected %.17g", i, j, row[j].toDouble(), expected);
                return false;
            }
        }
    }
    return true;
}

// The SVG's text as read: its <text> runs joined (the generator splits a line where a glyph comes from a
// fallback font, such as the minus sign of "A − B").
QString svgText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QString svg = QString::fromUtf8(file.readAll());
    QString text;
    static const QRegularExpression run(QStringLiteral(">([^<]*)</text>"));
    for (auto it = run.globalMatch(svg); it.hasNext();)
        text += it.next().captured(1);
    return text;
}

int errorLines(const QByteArray& err)
{
    return int(err.trimmed().split('\n').size());
}

} // namespace

class TestCompareOptions : public QObject {
    Q_OBJECT

private slots:
    void differenceIsAMinusB_data()
    {
        QTest::addColumn<QStringList>("selection");
        QTest::newRow("layer 2 head 1") << QStringList{QStringLiteral("--layer"), QStringLiteral("2"), QStringLiteral("--head"), QStringLiteral("1")};
        QTest::newRow("layer 1 head 3") << QStringList{QStringLiteral("--layer"), QStringLiteral("1"), QStringLiteral("--head"), QStringLiteral("3")};
        QTest::newRow("average") << QStringList{QStringLiteral("--layer"), QStringLiteral("1"), QStringLiteral("--head"), QStringLiteral("average")};
        QTest::newRow("max") << QStringList{QStringLiteral("--layer"), QStringLiteral("2"), QStringLiteral("--head"), QStringLiteral("max")};
    }

    void differenceIsAMinusB()
    {
        QFETCH(QStringList, selection);
        const QJsonObject a = runToyJson(kTextA, selection);
        const QJsonObject b = runToyJson(kTextB, selection);
        const QJsonObject compared = runToyJson(kTextA, selection + QStringList{QStringLiteral("--compare-text"), kTextB});
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !compared.isEmpty());
        const QJsonObject c = compared[QStringLiteral("comparison")].toObject();
        const int t = int(a[QStringLiteral("tokens")].toArray().size());
        QCOMPARE(c[QStringLiteral("tokens")].toInt(), t);
        QCOMPARE(c[QStringLiteral("length_a")].toInt(), t);
        QCOMPARE(c[QStringLiteral("length_b")].toInt(), t);
        QVERIFY(!c.contains(QStringLiteral("warning")));
        // the same words but the last: only the last position differs
        QCOMPARE(c[QStringLiteral("differing")].toArray(), QJsonArray{t - 1});
        QCOMPARE(c[QStringLiteral("b_tokens")].toArray(), b[QStringLiteral("tokens")].toArray());
        // A's own JSON is unchanged by the comparison
        QCOMPARE(selectedWeightsOf(compared), selectedWeightsOf(a));
        QVERIFY(differenceMatches(c[QStringLiteral("difference")].toArray(), selectedWeightsOf(a), selectedWeightsOf(b), t, t));
        double largest = 0;
        for (const QJsonValue& row : c[QStringLiteral("difference")].toArray())
            for (const QJsonValue& v : row.toArray())
                largest = std::max(largest, std::abs(v.toDouble()));
        QVERIFY(largest > 0); // the last token changes its own row at least
        QVERIFY(std::abs(c[QStringLiteral("largest")].toDouble() - largest) < 1e-15);
    }

    // Inputs of different lengths: compared on the shorter, with the warning, either way round.
    void differentLengthsAlignOnTheShorter()
    {
        const QString longer = QStringLiteral("the animal was too tired to cross");
        const QStringList selection{QStringLiteral("--layer"), QStringLiteral("1"), QStringLiteral("--head"), QStringLiteral("2")};
        const QJsonObject a = runToyJson(longer, selection);
        const QJsonObject b = runToyJson(kTextB, selection);
        const int ta = int(a[QStringLiteral("tokens")].toArray().size()), tb = int(b[QStringLiteral("tokens")].toArray().size());
        QCOMPARE(ta, tb + 2);
        const QJsonObject c =
            runToyJson(longer, selection + QStringList{QStringLiteral("--compare-text"), kTextB})[QStringLiteral("comparison")].toObject();
        QCOMPARE(c[QStringLiteral("tokens")].toInt(), tb);
        QCOMPARE(c[QStringLiteral("warning")].toString(),
                 QStringLiteral("A has %1 tokens and B %2: compared on the first %2").arg(ta).arg(tb));
        QVERIFY(differenceMatches(c[QStringLiteral("difference")].toArray(), selectedWeightsOf(a), selectedWeightsOf(b), tb, tb));
        const QJsonObject reversed =
            runToyJson(kTextB, selection + QStringList{QStringLiteral("--compare-text"), longer})[QStringLiteral("comparison")].toObject();
        QCOMPARE(reversed[QStringLiteral("warning")].toString(),
                 QStringLiteral("A has %1 tokens and B %2: compared on the first %1").arg(tb).arg(ta));
        QVERIFY(differenceMatches(reversed[QStringLiteral("difference")].toArray(), selectedWeightsOf(b), selectedWeightsOf(a), tb, tb));
    }

    // One figure: an SVG with the three panels' labels, a PNG of the size asked for; the length warning on stderr.
    void exportDrawsOneFigure()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("cmp.svg")), png = dir.filePath(QStringLiteral("cmp.png"));
        const Run run = runAttnlab({QStringLiteral("export"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-text"),
                                    QStringLiteral("the animal was wide"), QStringLiteral("--view"), QStringLiteral("heatmap"),
                                    QStringLiteral("--out"), svg});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("warning: A has 5 tokens and B 4: compared on the first 4"), run.err.constData());
        const QString text = svgText(svg);
        QVERIFY2(text.contains(QStringLiteral("A − B")), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("A: ") + kTextA));
        QVERIFY(text.contains(QStringLiteral("B: the animal was wide")));
        QVERIFY(text.contains(QStringLiteral("compared on the first 4")));
        const Run heads = runAttnlab({QStringLiteral("export"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-text"),
                                      kTextB, QStringLiteral("--view"), QStringLiteral("heads"), QStringLiteral("--out"), png,
                                      QStringLiteral("--width"), QStringLiteral("800"), QStringLiteral("--height"),
                                      QStringLiteral("400"), QStringLiteral("--dpi"), QStringLiteral("96")});
        QVERIFY2(heads.exitCode == 0, heads.err.constData());
        QCOMPARE(QImage(png).size(), QSize(800, 400));
    }

    // Two models of different shapes: side by side with a warning naming both shapes; run refuses the difference.
    void differentShapes()
    {
        if (!QDir(charModelForComparison()).exists()) QSKIP("the shared models are not here (../shared or $ATTNLAB_SHARED)");
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("models.svg"));
        const QStringList input{QStringLiteral("--text"), kTextA, QStringLiteral("--model"), charModelForComparison(),
                                QStringLiteral("--compare-model"), QStringLiteral("toy")};
        const Run exported = runAttnlab(QStringList{QStringLiteral("export")} + input +
                                        QStringList{QStringLiteral("--out"), svg});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY2(exported.err.startsWith("warning: A has 4 layers × 4 heads and B 2 layers × 4 heads: A − B needs the same"),
                 exported.err.constData());
        const QString text = svgText(svg);
        QVERIFY(text.contains(QStringLiteral("A: char-gpt-slm")));
        QVERIFY(text.contains(QStringLiteral("No difference A − B")));
        QVERIFY(text.contains(QStringLiteral("B: toy")));
        const Run run = runAttnlab(QStringList{QStringLiteral("run")} + input + QStringList{QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(errorLines(run.err), 1);
        QVERIFY2(run.err.startsWith("error: A has 4 layers × 4 heads and B 2 layers × 4 heads"), run.err.constData());
    }

    void errors()
    {
        QTemporaryDir dir;
        const QString matrices = dir.filePath(QStringLiteral("m.json"));
        QFile file(matrices);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"X": [[1, 0], [0, 1]]})");
        file.close();
        const Run typed = runAttnlab({QStringLiteral("run"), QStringLiteral("--matrices"), matrices, QStringLiteral("--compare-text"),
                                      QStringLiteral("hello"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(typed.exitCode, 1);
        QCOMPARE(errorLines(typed.err), 1);
        QVERIFY2(typed.err.startsWith("error: --compare-text compares two runs of a model on a text; typed matrices"),
                 typed.err.constData());
        const Run typedExport = runAttnlab({QStringLiteral("export"), QStringLiteral("--matrices"), matrices,
                                            QStringLiteral("--compare-model"), QStringLiteral("toy"), QStringLiteral("--out"),
                                            dir.filePath(QStringLiteral("x.png"))});
        QCOMPARE(typedExport.exitCode, 1);
        QVERIFY2(typedExport.err.startsWith("error: --compare-model compares"), typedExport.err.constData());
        // B's own failure, prefixed with the option that made B
        const Run missing = runAttnlab({QStringLiteral("run"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-model"),
                                        dir.filePath(QStringLiteral("no-such-model")), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(errorLines(missing.err), 1);
        QVERIFY2(missing.err.startsWith("error: --compare-model: "), missing.err.constData());
        const Run empty = runAttnlab({QStringLiteral("run"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-text"),
                                      QString(), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(empty.exitCode, 1);
        QCOMPARE(errorLines(empty.err), 1);
        QVERIFY2(empty.err.startsWith("error: --compare-text: "), empty.err.constData());
        const Run noJson = runAttnlab({QStringLiteral("run"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-text"),
                                       kTextB, QStringLiteral("--trace"), dir.filePath(QStringLiteral("t.safetensors"))});
        QCOMPARE(noJson.exitCode, 2);
        QVERIFY(noJson.err.startsWith("error: --compare-text and --compare-model add \"comparison\""));
        const Run steps = runAttnlab({QStringLiteral("export"), QStringLiteral("--text"), kTextA, QStringLiteral("--compare-text"),
                                      kTextB, QStringLiteral("--view"), QStringLiteral("steps"), QStringLiteral("--all-steps"),
                                      QStringLiteral("--out"), dir.filePath(QStringLiteral("s.pdf"))});
        QCOMPARE(steps.exitCode, 2);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCompareOptions)
} // namespace tst_compare_options

#include "tst_compare_options.moc"
