// Tests `--session FILE` on the command line (app/cli/session_command.cpp, app/cli/cli_options.cpp): as an INPUT of run and
// export, with explicit options overriding the session, one error line for a bad file; and as the file the
// application starts with.

#include "app/run_attnlab.h"
#include "app/cli/command_line.h"
#include "app/cli/session_command.h"
#include "app/session/session_file.h"
#include "test_registry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace tst_session_command {

using namespace attnlab;

namespace {

using attnlab::test::Run;
using attnlab::test::runAttnlab;

QString writeSession(const QTemporaryDir& dir, const QString& name, const app::Session& session)
{
    const QString path = dir.filePath(name);
    return app::writeSessionFile(path, session).ok() ? path : QString();
}

app::Session examSession()
{
    app::Session session;
    session.workspace.input = app::examMatrices();
    session.query = 1;
    session.exact = true;
    return session;
}

QStringList row(const QJsonObject& trace, const char* section, const char* key, int index)
{
    QStringList out;
    for (const QJsonValue& v : trace[QLatin1String(section)].toObject()[QLatin1String(key)].toArray()[index].toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestSessionCommand : public QObject {
    Q_OBJECT
private slots:
    void runComputesTheSessionsMatrices()
    {
        QTemporaryDir dir;
        const QString path = writeSession(dir, QStringLiteral("exam.attnlab"), examSession());
        QVERIFY(!path.isEmpty());
        const Run run = runAttnlab({QStringLiteral("run"), QStringLiteral("--session"), path, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        // The exam's answer key, with its exp(1/2) ≈ 3/2 kept from the session.
        QCOMPARE(row(trace, "display", "weights", 1), (QStringList{"9/26", "9/26", "2/13", "2/13"}));
        QCOMPARE(row(trace, "display", "output", 1), (QStringList{"11", "5/2"}));
    }

    void explicitOptionsOverrideTheSession()
    {
        QTemporaryDir dir;
        app::Session session;
        session.workspace.input.text = QStringLiteral("سلام دنیا و ماه");
        session.workspace.compute.mask.kind = model::MaskKind::Causal;
        const QString path = writeSession(dir, QStringLiteral("persian.attnlab"), session);
        const auto firstWeightRow = [&](const QStringList& extra) {
            const Run run = runAttnlab(QStringList{QStringLiteral("run"), QStringLiteral("--session"), path,
                                                   QStringLiteral("--json"), QStringLiteral("-")} + extra);
            const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
            return trace[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")].toArray()[0]
                .toObject()[QStringLiteral("weights")].toArray()[0].toArray();
        };
        const QJsonArray causal = firstWeightRow({});
        QCOMPARE(causal.size(), 4);
        QCOMPARE(causal[0].toDouble(), 1.0); // the first token sees only itself
        QCOMPARE(causal[3].toDouble(), 0.0);
        const QJsonArray open = firstWeightRow({QStringLiteral("--mask"), QStringLiteral("none")});
        QVERIFY(open[3].toDouble() > 0.0);
    }

    void exportDrawsTheSessionsView()
    {
        QTemporaryDir dir;
        app::Session session = examSession();
        session.view = QStringLiteral("steps");
        session.theme = widgets::Theme::Dark;
        const QString path = writeSession(dir, QStringLiteral("slides.attnlab"), session);
        const QString out = dir.filePath(QStringLiteral("steps.svg"));
        const Run run = runAttnlab({QStringLiteral("export"), QStringLiteral("--session"), path, QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile svg(out);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<svg"));
        // The step view writes the softmax's arithmetic; the heatmap would not.
        QVERIFY2(text.contains("9/26"), "expected the exam's exact weights in the step-by-step figure");
    }

    // The session's colour scale draws the exported heatmap, and --color-scale overrides it; the colour bar's
    // title names the scale in use.
    void exportUsesTheSessionsColorScale()
    {
        QTemporaryDir dir;
        app::Session session = examSession();
        session.view = QStringLiteral("heatmap");
        session.colorScale = widgets::ColorScale::Log;
        const QString path = writeSession(dir, QStringLiteral("log.attnlab"), session);
        const QString out = dir.filePath(QStringLiteral("heatmap.svg"));
        const auto svgText = [&](const QStringList& extra) {
            const Run run = runAttnlab(QStringList{QStringLiteral("export"), QStringLiteral("--session"), path,
                                                   QStringLiteral("--out"), out} + extra);
            if (run.exitCode != 0) return QString::fromUtf8(run.err);
            QFile svg(out);
            return svg.open(QIODevice::ReadOnly) ? QString::fromUtf8(svg.readAll()) : QString();
        };
        const QString log = svgText({});
        QVERIFY2(log.contains(QStringLiteral("weight (log)")) && log.contains(QStringLiteral("0.001")), qPrintable(log.left(300)));
        const QString max = svgText({QStringLiteral("--color-scale"), QStringLiteral("max")});
        QVERIFY2(max.contains(QStringLiteral("weight (0–max)")) && !max.contains(QStringLiteral("weight (log)")),
                 qPrintable(max.left(300)));
    }

    void badSessionsFailWithOneLine_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong type") << QByteArray(R"({"format": "attnlab-session", "version": 1, "input": {"heads": "two"}})")
                                    << R"(field "input.heads" must be a whole number from 1 to 16, got a string ("two"))";
        QTest::newRow("invalid cell") << QByteArray(R"({"format": "attnlab-session", "version": 1, "input": {"mode": "matrices",
            "matrices": {"Q": [["1/0x"]], "K": [["1"]], "V": [["1"]]}}})")
                                      << QStringLiteral("Q: row 1, column 1");
        QTest::newRow("not JSON") << QByteArray("Q = [[1, 0]]") << QStringLiteral("not valid JSON");
    }

    void badSessionsFailWithOneLine()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.attnlab"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size());
        file.close();
        const Run run = runAttnlab({QStringLiteral("run"), QStringLiteral("--session"), path, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        const QString err = QString::fromUtf8(run.err);
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.startsWith(QStringLiteral("error: ") + path) && err.contains(message), qPrintable(err));
    }

    void missingFileAndTwoInputs()
    {
        const Run missing = runAttnlab({QStringLiteral("run"), QStringLiteral("--session"), QStringLiteral("/nonexistent/x.attnlab"),
                                        QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.startsWith("error: cannot read /nonexistent/x.attnlab"), missing.err.constData());
        const Run both = runAttnlab({QStringLiteral("run"), QStringLiteral("--session"), QStringLiteral("x.attnlab"),
                                     QStringLiteral("--text"), QStringLiteral("a b"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.startsWith("error: give exactly one input"));
    }

    void vanishedModelFallsBackToToyWithAWarning()
    {
        QTemporaryDir dir;
        app::Session session;
        session.workspace.input.text = QStringLiteral("得意 な スポーツ は ？");
        session.workspace.input.modelName = dir.filePath(QStringLiteral("deleted-model"));
        const QString path = writeSession(dir, QStringLiteral("gone.attnlab"), session);
        const Run run = runAttnlab({QStringLiteral("run"), QStringLiteral("--session"), path, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.startsWith("warning: ") && run.err.contains("deleted-model"), run.err.constData());
        const QJsonObject trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(trace[QStringLiteral("tokens")].toArray().size(), 5);
    }

    void applicationStartsWithASessionFile()
    {
        QCOMPARE(app::sessionToOpen({QStringLiteral("--session"), QStringLiteral("week 3.attnlab")}), QStringLiteral("week 3.attnlab"));
        QCOMPARE(app::sessionToOpen({QStringLiteral("--session=a.attnlab")}), QStringLiteral("a.attnlab"));
        QCOMPARE(app::sessionToOpen({QStringLiteral("/tmp/LECTURE.ATTNLAB")}), QStringLiteral("/tmp/LECTURE.ATTNLAB"));
        QVERIFY(app::sessionToOpen({QStringLiteral("run"), QStringLiteral("--session"), QStringLiteral("a.attnlab")}).isNull());
        QVERIFY(app::sessionToOpen({QStringLiteral("exam.json")}).isNull());
        QVERIFY(!app::isCommand({QStringLiteral("--session"), QStringLiteral("a.attnlab")}));
        QVERIFY(!app::isCommand({QStringLiteral("a.attnlab")}));
        QVERIFY(app::isCommand({QStringLiteral("run"), QStringLiteral("--session"), QStringLiteral("a.attnlab")}));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestSessionCommand)
} // namespace tst_session_command
#include "tst_session_command.moc"
