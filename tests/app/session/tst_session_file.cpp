// Tests app/session/session_file.cpp: every field survives a save and a load, every kind of malformed file is refused
// with one message naming the file and the problem, and a failed save leaves the old file as it was.

#include "file_size_limit.h"
#include "read_only_folder.h"
#include "app/session/session_file.h"
#include "app/session/session_json_reader.h"
#include "model/trace/trace_selection.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace tst_session_file {

using namespace attnlab;
using app::Session;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// A session in which every field differs from its default.
Session everyField(const QString& modelPath)
{
    Session s;
    app::InputState& in = s.workspace.input;
    in = app::examMatrices();
    in.mode = app::InputMode::Matrices;
    in.text = QStringLiteral("得意 な スポーツ は ？");
    in.memory = QStringLiteral("سلام دنیا");
    in.modelName = modelPath;
    in.toyLayers = 3;
    in.toyHeads = 2;
    in.toyWidth = 48;
    in.form = app::MatrixForm::Projected;
    in.matrices[QStringLiteral("Wo")] = {{"1/√2", "-1/√2"}, {"sqrt(2)/2", "e^2"}};
    in.tokens = QStringList{"得意", "な", "？"};
    in.memoryTokens = QStringList{"野球", "が"};
    in.heads = 2;
    in.expOverrides = QStringLiteral("1/2 = 3/2; 1 = 8/3");
    app::ComputeState& c = s.workspace.compute;
    c.mask.kind = model::MaskKind::Custom;
    c.mask.window = 5;
    c.mask.padding = 2;
    c.mask.custom = model::BoolMatrix(3, 4);
    c.mask.custom << true, false, false, true, true, true, false, false, false, true, true, true;
    c.scaling.kind = model::ScaleKind::Temperature;
    c.scaling.temperature = 2.5;
    c.positional = model::PositionalKind::Rope;
    c.placement = model::NormPlacement::Post;
    s.view = QStringLiteral("steps");
    s.layer = 1;
    s.head = model::AverageHeads;
    s.query = 2;
    s.exact = true;
    s.theme = widgets::Theme::Dark;
    s.presentation = true;
    s.colorMap = widgets::ColorMapKind::Magma;
    s.colorScale = widgets::ColorScale::Log;
    s.lesson = QStringLiteral("exam-softmax");
    s.comparison = app::SessionComparison{QStringLiteral("سلام دنیا B"), QStringLiteral("toy"), QStringLiteral("roles"), true};
    s.autosaveOf = QStringLiteral("/home/lecturer/week 3.attnlab");
    return s;
}

const QByteArray kHeader = R"({"format": "attnlab-session", "version": 1, )";

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT
private slots:
    void everyFieldRoundTrips()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("gpt-nano")));
        const Session saved = everyField(dir.filePath(QStringLiteral("gpt-nano")));
        const QString path = dir.filePath(QStringLiteral("week 3.attnlab"));
        const auto written = app::writeSessionFile(path, saved);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded->warnings.isEmpty());
        QCOMPARE(loaded->workspace.input.text, saved.workspace.input.text);
        QCOMPARE(loaded->workspace.input.memory, saved.workspace.input.memory);
        QCOMPARE(loaded->workspace.input.matrices, saved.workspace.input.matrices);
        QVERIFY(model::sameMatrix(loaded->workspace.compute.mask.custom, saved.workspace.compute.mask.custom));
        QVERIFY(loaded->workspace == saved.workspace);
        QVERIFY(*loaded == saved);
        // The file is readable UTF-8 text, not escapes.
        QVERIFY(readAll(path).contains(QStringLiteral("سلام دنیا").toUtf8()));
        QVERIFY(readAll(path).contains(R"("color_scale": "log")"));
    }

    // The colour scale by its name, each of them; a session written before there was a scale loads without one,
    // and an unknown name is refused with the names accepted.
    void colorScaleRoundTrips()
    {
        for (const widgets::ColorScale scale : {widgets::ColorScale::Fixed, widgets::ColorScale::Max, widgets::ColorScale::Log}) {
            Session saved;
            saved.colorScale = scale;
            const auto loaded = app::parseSession(QJsonDocument(app::sessionToJson(saved)).toJson(), QStringLiteral("s.attnlab"));
            QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
            QCOMPARE(loaded->colorScale, std::optional(scale));
        }
        const auto old = app::parseSession(
            R"({"format": "attnlab-session", "version": 1, "view": {"name": "heatmap", "colormap": "magma"}})",
            QStringLiteral("old.attnlab"));
        QVERIFY2(old.ok(), qPrintable(old.error()));
        QVERIFY(!old->colorScale);
        QCOMPARE(old->colorMap, std::optional(widgets::ColorMapKind::Magma));
        const auto bad = app::parseSession(
            R"({"format": "attnlab-session", "version": 1, "view": {"color_scale": "gamma"}})", QStringLiteral("b.attnlab"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(QStringLiteral("view.color_scale")) && bad.error().contains(QStringLiteral("log")),
                 qPrintable(bad.error()));
    }

    // Heads and MLPs switched off: 1-based pairs and layers in the file, 0-based in the state, read back equal;
    // a session without them has everything on; a bad value gives one message naming its field.
    void ablationRoundTripsAndBadValuesNameTheField()
    {
        Session saved;
        saved.workspace.compute.ablation.heads = {{0, 2}, {1, 0}};
        saved.workspace.compute.ablation.mlps = {0};
        saved.workspace.compute.ablation.mode = model::AblationMode::Mean;
        const QJsonObject json = app::sessionToJson(saved);
        const QJsonObject ablation = json[QStringLiteral("compute")].toObject()[QStringLiteral("ablation")].toObject();
        QCOMPARE(ablation[QStringLiteral("heads")].toArray(), (QJsonArray{QJsonArray{1, 3}, QJsonArray{2, 1}}));
        QCOMPARE(ablation[QStringLiteral("mlps")].toArray(), QJsonArray{1});
        QCOMPARE(ablation[QStringLiteral("mode")].toString(), QStringLiteral("mean"));
        const auto loaded = app::parseSession(QJsonDocument(json).toJson(), QStringLiteral("s.attnlab"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(*loaded == saved);

        // Written by hand out of order and with a repeat: read as the normalized set.
        const auto typed = app::parseSession(
            kHeader + R"("compute": {"ablation": {"heads": [[2, 1], [1, 3], [2, 1]], "mode": "zero"}}})", QStringLiteral("t.attnlab"));
        QVERIFY2(typed.ok(), qPrintable(typed.error()));
        QCOMPARE(typed->workspace.compute.ablation.heads, (std::vector<model::HeadRef>{{0, 2}, {1, 0}}));
        QVERIFY(typed->workspace.compute.ablation.mlps.empty());

        // Nothing off: no field, and a session without it opens with everything on.
        QVERIFY(!app::sessionToJson(Session{})[QStringLiteral("compute")].toObject().contains(QStringLiteral("ablation")));
        const auto old = app::parseSession(kHeader + R"("compute": {"mask": "causal"}})", QStringLiteral("old.attnlab"));
        QVERIFY2(old.ok(), qPrintable(old.error()));
        QVERIFY(old->workspace.compute.ablation.empty());

        const std::pair<const char*, const char*> bad[] = {
            {R"({"heads": [[1, 0]]})",
             "b.attnlab: field \"compute.ablation.heads[0]\" must be a pair [layer, head] of whole numbers from 1 to 1024 "
             "(1-based), got a number (0)"},
            {R"({"heads": [3]})",
             "b.attnlab: field \"compute.ablation.heads[0]\" must be a pair [layer, head] of whole numbers from 1 to 1024 "
             "(1-based), got a number (3)"},
            {R"({"heads": "1.3"})",
             "b.attnlab: field \"compute.ablation.heads\" must be an array of [layer, head] pairs, got a string (\"1.3\")"},
            {R"({"mlps": [1, 2.5]})",
             "b.attnlab: field \"compute.ablation.mlps[1]\" must be a layer number from 1 to 1024 (1-based), got a number (2.5)"},
            {R"({"mode": "half"})",
             "b.attnlab: field \"compute.ablation.mode\" must be one of \"zero\", \"mean\", got a string (\"half\")"},
            {R"({"layers": [1]})", "b.attnlab: unknown field \"compute.ablation.layers\" (known: heads, mlps, mode)"},
        };
        for (const auto& [value, message] : bad) {
            const auto parsed = app::parseSession(kHeader + R"("compute": {"ablation": )" + QByteArray(value) + "}}",
                                                  QStringLiteral("b.attnlab"));
            QVERIFY2(!parsed.ok(), value);
            QCOMPARE(parsed.error(), QString::fromUtf8(message));
        }
    }

    void defaultsAndHeadNumbersRoundTrip()
    {
        QTemporaryDir dir;
        Session saved;
        saved.head = 3;
        saved.query = -1;
        const QString path = dir.filePath(QStringLiteral("plain.attnlab"));
        QVERIFY(app::writeSessionFile(path, saved).ok());
        const auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(*loaded == saved);
        QVERIFY(!loaded->theme && !loaded->presentation && !loaded->colorMap && !loaded->colorScale);
        // Only format and version are required; everything else takes its default.
        const auto minimal = app::parseSession(R"({"format": "attnlab-session", "version": 1})", QStringLiteral("m.attnlab"));
        QVERIFY2(minimal.ok(), qPrintable(minimal.error()));
        QVERIFY(*minimal == Session{});
    }

    void crossAttentionWithTokenNamesRoundTrips()
    {
        QTemporaryDir dir;
        Session saved;
        app::InputState& in = saved.workspace.input;
        in.mode = app::InputMode::Matrices;
        in.form = app::MatrixForm::Cross;
        in.matrices[QStringLiteral("X")] = {{"ln(8)", "0"}, {"0", "0"}};
        in.matrices[QStringLiteral("M")] = {{"1", "0"}, {"0", "1"}, {"1", "1"}};
        in.tokens = QStringList{"得意", "New York"}; // a name may hold a space
        in.memoryTokens = QStringList{"野球", "が", "得意"};
        const QString path = dir.filePath(QStringLiteral("cross.attnlab"));
        QVERIFY(app::writeSessionFile(path, saved).ok());
        const auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->workspace.input.form, app::MatrixForm::Cross);
        QCOMPARE(loaded->workspace.input.matrices, in.matrices);
        QCOMPARE(loaded->workspace.input.tokens, in.tokens);
        QCOMPARE(loaded->workspace.input.memoryTokens, in.memoryTokens);
        QVERIFY(*loaded == saved);
        // Without names the fields are left out, as in the files written before rows had names.
        const QJsonObject plain = app::sessionToJson(Session{})[QStringLiteral("input")].toObject();
        QVERIFY(!plain.contains(QStringLiteral("tokens")) && !plain.contains(QStringLiteral("memory_tokens")));
    }

    void sessionWithoutTokenNamesStillLoads()
    {
        // A matrices session as saved before the rows had names: the rows keep their numbered names.
        const auto old = app::parseSession(kHeader + R"("input": {"mode": "matrices", "form": "qkv",
            "matrices": {"Q": [["1"]], "K": [["1"]], "V": [["2"]]}, "heads": 1, "exp_overrides": ""}})",
                                           QStringLiteral("old.attnlab"));
        QVERIFY2(old.ok(), qPrintable(old.error()));
        QVERIFY(old->workspace.input.tokens.isEmpty());
        QVERIFY(old->workspace.input.memoryTokens.isEmpty());
        QCOMPARE(old->workspace.input.matrices.at(QStringLiteral("V")), (std::vector<QStringList>{{"2"}}));
    }

    void missingModelFallsBackToToyWithAWarning()
    {
        QTemporaryDir dir;
        Session saved;
        saved.workspace.input.modelName = dir.filePath(QStringLiteral("deleted-model"));
        const QString path = dir.filePath(QStringLiteral("s.attnlab"));
        QVERIFY(app::writeSessionFile(path, saved).ok());
        const auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->workspace.input.modelName, QStringLiteral("toy"));
        QCOMPARE(loaded->warnings.size(), 1);
        QVERIFY(loaded->warnings.first().contains(QStringLiteral("deleted-model")));
        QVERIFY(loaded->warnings.first().contains(QStringLiteral("toy")));
    }

    // The Compare tab: a relative model B is beside the file, a model B that no longer exists gives way to A's
    // own model with one warning; left out, it is A's own.
    void comparisonModelIsFoundOrDropped()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models/tiny")));
        const QString path = dir.filePath(QStringLiteral("s.attnlab"));
        QVERIFY(writeAll(path, kHeader + R"("compare": {"text": "", "model": "models/tiny", "view": "arcs"}})"));
        auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded->comparison);
        QCOMPARE(loaded->comparison->model, QDir(dir.path()).absoluteFilePath(QStringLiteral("models/tiny")));
        QCOMPARE(loaded->comparison->view, QStringLiteral("arcs"));
        QCOMPARE(loaded->comparison->shown, false);
        QVERIFY(loaded->warnings.isEmpty());
        QVERIFY(writeAll(path, kHeader + R"("compare": {"model": "gone"}})"));
        loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->comparison->model, QString());
        QCOMPARE(loaded->comparison->view, QStringLiteral("heatmap"));
        QCOMPARE(loaded->warnings.size(), 1);
        QVERIFY(loaded->warnings.first().contains(QStringLiteral("gone")));
        QVERIFY(writeAll(path, kHeader + R"("input": {"text": "x"}})"));
        QVERIFY(!app::readSessionFile(path)->comparison);
    }

    void relativeModelPathIsBesideTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models/tiny")));
        const QString path = dir.filePath(QStringLiteral("s.attnlab"));
        QVERIFY(writeAll(path, kHeader + R"("input": {"model": "models/tiny"}})"));
        const auto loaded = app::readSessionFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->workspace.input.modelName, QDir(dir.path()).absoluteFilePath(QStringLiteral("models/tiny")));
    }

    void malformedFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("matrix is a number") << kHeader + R"("input": {"matrices": {"Q": 3}}})"
            << R"(field "input.matrices.Q" must be an array of rows of strings, got a number (3))";
        QTest::newRow("cell is a number") << kHeader + R"("input": {"matrices": {"K": [["1", 2]]}}})"
            << R"(field "input.matrices.K[0][1]" must be a string, got a number (2))";
        QTest::newRow("row is a string") << kHeader + R"("input": {"matrices": {"V": ["1 2"]}}})"
            << R"(field "input.matrices.V[0]" must be a row (an array of strings), got a string ("1 2"))";
        QTest::newRow("ragged rows") << kHeader + R"("input": {"matrices": {"V": [["1", "2"], ["3"]]}}})"
            << R"(field "input.matrices.V": row 2 has 1 entries but row 1 has 2)";
        QTest::newRow("unknown matrix") << kHeader + R"("input": {"matrices": {"Z": []}}})"
            << R"(unknown field "input.matrices.Z")";
        QTest::newRow("tokens is a string") << kHeader + R"("input": {"tokens": "a b"}})"
            << R"(field "input.tokens" must be an array of strings, got a string ("a b"))";
        QTest::newRow("token is a number") << kHeader + R"("input": {"memory_tokens": ["a", 2]}})"
            << R"(field "input.memory_tokens[1]" must be a string, got a number (2))";
        QTest::newRow("text is a number") << kHeader + R"("input": {"text": 42}})"
            << R"(field "input.text" must be a string, got a number (42))";
        QTest::newRow("input is an array") << kHeader + R"("input": []})"
            << R"(field "input" must be an object, got an array)";
        QTest::newRow("layers out of range") << kHeader + R"("input": {"toy": {"layers": 0}}})"
            << R"(field "input.toy.layers" must be a whole number from 1 to 12, got a number (0))";
        QTest::newRow("fractional heads") << kHeader + R"("input": {"heads": 1.5}})"
            << R"(field "input.heads" must be a whole number from 1 to 16, got a number (1.5))";
        QTest::newRow("unknown mode") << kHeader + R"("input": {"mode": "poem"}})"
            << R"(field "input.mode" must be one of "sentence", "matrices", got a string ("poem"))";
        QTest::newRow("empty model") << kHeader + R"("input": {"model": ""}})"
            << R"(field "input.model" must be "toy" or a model path, got a string (""))";
        QTest::newRow("compare view unknown") << kHeader + R"("compare": {"view": "patching"}})"
            << R"(field "compare.view" must be one of "heatmap", "heads")";
        QTest::newRow("compare model empty") << kHeader + R"("compare": {"model": " "}})"
            << R"(field "compare.model" must be "toy" or a model path (left out: A's model), got a string (" "))";
        QTest::newRow("compare text a number") << kHeader + R"("compare": {"text": 3}})" << R"(field "compare.text")";
        QTest::newRow("compare shown a string") << kHeader + R"("compare": {"shown": "yes"}})" << R"(field "compare.shown")";
        QTest::newRow("compare misspelt") << kHeader + R"("compare": {"modle": "toy"}})" << R"(compare)";
        QTest::newRow("temperature absurd") << kHeader + R"("compute": {"temperature": 1e300}})"
            << R"(field "compute.temperature" must be a number from 0.1 to 10)";
        QTest::newRow("custom mask missing") << kHeader + R"("compute": {"mask": "custom"}})"
            << R"(field "compute.mask" is "custom" but there is no "compute.custom_mask")";
        QTest::newRow("custom mask entry") << kHeader + R"("compute": {"custom_mask": [[1, 2]]}})"
            << R"(field "compute.custom_mask[0][1]" must be 0, 1, true or false, got a number (2))";
        QTest::newRow("head word") << kHeader + R"("view": {"head": "every"}})"
            << R"(field "view.head" must be one of "all", "average", "max", got a string ("every"))";
        QTest::newRow("head boolean") << kHeader + R"("view": {"head": true}})"
            << R"(field "view.head" must be a head number or "all", "average", "max", got a boolean (true))";
        QTest::newRow("query zero") << kHeader + R"("view": {"query": 0}})"
            << R"(field "view.query" must be a whole number from 1 to 100000, got a number (0))";
        QTest::newRow("exact is a string") << kHeader + R"("view": {"exact": "yes"}})"
            << R"(field "view.exact" must be true or false, got a string ("yes"))";
        QTest::newRow("misspelt field") << kHeader + R"("compute": {"maks": "causal"}})"
            << R"(unknown field "compute.maks")";
        QTest::newRow("truncated") << kHeader + "\"input\": {\"text\": \"the ca"
            << QStringLiteral("not valid JSON at byte");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("not valid JSON at byte 0");
        QTest::newRow("invalid UTF-8") << kHeader + "\"input\": {\"text\": \"caf\xff\"}}"
            << QStringLiteral("invalid UTF-8 at byte 66");
        QTest::newRow("overlong UTF-8") << kHeader + "\"input\": {\"text\": \"\xc0\xaf\"}}"
            << QStringLiteral("invalid UTF-8 at byte 63");
        QTest::newRow("deep nesting") << kHeader + R"("input": {"matrices": {"Q": [[["1"]]]}}})"
            << QStringLiteral("nested deeper than a session's 5 levels");
        QTest::newRow("very deep nesting") << QByteArray(100000, '[') << QStringLiteral("nested deeper");
        QTest::newRow("array at the top") << QByteArray("[]") << QStringLiteral("expected a JSON object");
        QTest::newRow("other format") << QByteArray(R"({"Q": [[1]]})")
            << R"(not an AttnLab session (field "format" must be "attnlab-session", got nothing))";
        QTest::newRow("newer version") << QByteArray(R"({"format": "attnlab-session", "version": 2})")
            << QStringLiteral("was saved by a newer AttnLab (session version 2); this version reads version 1");
        QTest::newRow("version as text") << QByteArray(R"({"format": "attnlab-session", "version": "1"})")
            << R"(field "version" must be a whole number from 1, got a string ("1"))";
    }

    void malformedFilesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto parsed = app::parseSession(json, QStringLiteral("lecture.attnlab"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().startsWith(QStringLiteral("lecture.attnlab")), qPrintable(parsed.error()));
        QVERIFY2(parsed.error().contains(message), qPrintable(parsed.error()));
        QVERIFY2(!parsed.error().contains(QLatin1Char('\n')), qPrintable(parsed.error()));
    }

    void hugeFileIsRefusedUnread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.attnlab"));
        QByteArray padding = kHeader + "\"input\": {\"text\": \"";
        padding += QByteArray(app::kMaxSessionBytes, 'a') + "\"}}";
        QVERIFY(writeAll(path, padding));
        const auto loaded = app::readSessionFile(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().startsWith(path) && loaded.error().contains(QStringLiteral("too large")), qPrintable(loaded.error()));
    }

    void unreadableFileNamesThePath()
    {
        const auto loaded = app::readSessionFile(QStringLiteral("/nonexistent/week 9.attnlab"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QStringLiteral("/nonexistent/week 9.attnlab")), qPrintable(loaded.error()));
    }

    void failedSaveKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept.attnlab"));
        Session before;
        before.workspace.input.text = QStringLiteral("the old session");
        QVERIFY(app::writeSessionFile(path, before).ok());
        const QByteArray old = readAll(path);

        // The disk "fills up" during the save: writes beyond 64 bytes fail (as root, permissions would not).
        Session after = everyField(QStringLiteral("toy"));
        attnlab::model::Result<void> written = attnlab::model::Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(64);
            QVERIFY(limit.active());
            written = app::writeSessionFile(path, after);
        }
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(path), qPrintable(written.error()));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("kept.attnlab")});
        const auto loaded = app::readSessionFile(path);
        QVERIFY(loaded.ok() && loaded->workspace.input.text == QStringLiteral("the old session"));

        const auto nowhere = app::writeSessionFile(dir.filePath(QStringLiteral("missing/s.attnlab")), before);
        QVERIFY(!nowhere.ok());
        QVERIFY2(nowhere.error().contains(QStringLiteral("missing/s.attnlab")), qPrintable(nowhere.error()));
    }

    void readOnlyFolderKeepsTheOldFile()
    {
        // A session saved into a folder that has since become read-only (mode 0555; as root, without the
        // capability to write anyway): the save fails with one message naming the file and the system's reason,
        // and the old file is byte for byte what it was, with no temporary file beside it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lecture.attnlab"));
        Session before;
        before.workspace.input.text = QStringLiteral("the old session");
        QVERIFY(app::writeSessionFile(path, before).ok());
        const QByteArray old = readAll(path);
        attnlab::model::Result<void> written = attnlab::model::Result<void>::success();
        {
            attnlab::test::ReadOnlyFolder readOnly(dir.path());
            if (!readOnly.active()) QSKIP(readOnly.why());
            written = app::writeSessionFile(path, everyField(QStringLiteral("toy")));
        }
        QVERIFY(!written.ok());
        QCOMPARE(written.error(), QStringLiteral("cannot write %1: Permission denied").arg(path));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("lecture.attnlab")});
    }

    void utf8Validator_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("offset");
        QTest::newRow("ascii") << QByteArray("abc") << -1;
        QTest::newRow("japanese and persian") << QStringLiteral("得意 سلام 😀").toUtf8() << -1;
        QTest::newRow("lone continuation") << QByteArray("ab\x80") << 2;
        QTest::newRow("cut sequence") << QByteArray("a\xe5\xbe") << 1;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 0;
        QTest::newRow("beyond U+10FFFF") << QByteArray("x\xf4\x90\x80\x80") << 1;
    }

    void utf8Validator()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, offset);
        QCOMPARE(int(app::invalidUtf8Offset(bytes)), offset);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestSessionFile)
} // namespace tst_session_file
#include "tst_session_file.moc"
