// Tests app/lessons/lesson_workspace.cpp: a lesson's input -> the WorkspaceState the editor shows, for each
// input form (a sentence, Q/K/V, X with weights, X alone, X with a memory M with or without weights), the
// cells exactly as the lesson wrote them ("1/√2" stays "1/√2", 0.1 stays "0.1"), the settings it brings
// (mask, scaling, exp overrides, heads, row names) over default controls, what it keeps of the current state,
// and the helpers resolveQuery and stageForParagraph. Expected cells are the lesson texts below, copied by
// hand.

#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_workspace.h"
#include "test_registry.h"

#include <QJsonDocument>
#include <QTest>

namespace tst_lesson_workspace {

using namespace attnlab;
using app::InputMode;
using app::MatrixForm;
using Cells = std::vector<QStringList>;

namespace {

// The lesson file around an "input" object; the input as the file holds it.
struct TestLesson {
    model::Lesson lesson;
    QJsonObject input;
};

TestLesson testLesson(const QByteArray& input)
{
    const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "t", "title": {"en": "T"}, "view": "heatmap", "input": )" + input + "}";
    auto lesson = model::parseLesson(json, QStringLiteral("t.json"));
    if (!lesson) qFatal("%s", qPrintable(lesson.error()));
    return {*lesson, QJsonDocument::fromJson(input).object()};
}

// A state that differs from the defaults everywhere a lesson might leave it or reset it.
app::WorkspaceState currentState()
{
    app::WorkspaceState state;
    state.input.text = QStringLiteral("my own sentence");
    state.input.memory = QStringLiteral("my memory");
    state.input.toyLayers = 6;
    state.input.toyHeads = 8;
    state.input.toyWidth = 64;
    state.input.matrices[QStringLiteral("Q")] = {{"7"}};
    state.compute.mask.kind = model::MaskKind::Causal;
    state.compute.mask.window = 9;
    state.compute.scaling = {model::ScaleKind::Temperature, 3.0};
    state.compute.positional = model::PositionalKind::Rope;
    state.compute.maxTokens = 7;
    state.compute.maxLayers = 1;
    return state;
}

app::WorkspaceState openState(const TestLesson& t, const app::WorkspaceState& current = currentState())
{
    const auto workspace = app::lessonWorkspace(t.lesson, t.input, current);
    if (!workspace) qFatal("%s", qPrintable(workspace.error()));
    return workspace->state;
}

const Cells identity2 = {{"1", "0"}, {"0", "1"}};

// Cells -> "a, b; c, d", so that a failure shows both matrices.
QString text(const Cells& cells)
{
    QStringList rows;
    for (const QStringList& row : cells)
        rows << row.join(QStringLiteral(", "));
    return rows.join(QStringLiteral("; "));
}

} // namespace

class TestLessonWorkspace : public QObject {
    Q_OBJECT
private slots:
    void sentence()
    {
        const TestLesson t =
            testLesson(R"({"text": "dog bites man", "memory": "a cat", "model": "toy", "mask": "window:2"})");
        const auto workspace = app::lessonWorkspace(t.lesson, t.input, currentState());
        QVERIFY(workspace);
        QCOMPARE(workspace->note, QString());
        const app::WorkspaceState& s = workspace->state;
        QCOMPARE(s.input.mode, InputMode::Sentence);
        QCOMPARE(s.input.text, QStringLiteral("dog bites man"));
        QCOMPARE(s.input.memory, QStringLiteral("a cat"));
        QCOMPARE(s.input.modelName, QStringLiteral("toy"));
        // The toy model's size goes back to the defaults (2 layers, 4 heads, width 32), as every control does
        // except the mask the lesson sets.
        QCOMPARE(s.input.toyLayers, 2);
        QCOMPARE(s.input.toyHeads, 4);
        QCOMPARE(s.input.toyWidth, 32);
        app::ComputeState expected;
        expected.mask.kind = model::MaskKind::Window;
        expected.mask.window = 2;
        QVERIFY(s.compute == expected);
        // The matrices the user typed stay for when they go back to matrix mode.
        QVERIFY(s.input.matrices == currentState().input.matrices);

        // Without a mask (and without a memory) the controls are the defaults and the memory is emptied.
        const app::WorkspaceState plain = openState(testLesson(R"({"text": "dog bites man"})"));
        QVERIFY(plain.compute == app::ComputeState{});
        QCOMPARE(plain.input.memory, QString());
        QCOMPARE(plain.input.modelName, QStringLiteral("toy"));
    }

    void examKeepsItsCellsAsWritten()
    {
        const auto lesson = app::builtInLesson(QStringLiteral("exam-softmax"));
        QVERIFY2(lesson, qPrintable(lesson.ok() ? QString() : lesson.error()));
        const auto workspace = app::openedLessonWorkspace(*lesson, currentState());
        QVERIFY2(workspace, qPrintable(workspace.ok() ? QString() : workspace.error()));
        const app::WorkspaceState& s = workspace->state;
        QCOMPARE(s.input.mode, InputMode::Matrices);
        QCOMPARE(s.input.form, MatrixForm::QKV);
        // resources/lessons/exam-softmax.json, as written: numbers print without ".0", strings unchanged.
        QCOMPARE(text(s.input.matrices.at("Q")),
                 text(Cells{{"1", "0"}, {"0", "1"}, {"-1", "0"}, {"0", "-1"}}));
        QCOMPARE(text(s.input.matrices.at("K")),
                 text(Cells{{"1/√2", "1/√2"}, {"-1/√2", "1/√2"}, {"-1/√2", "-1/√2"}, {"1/√2", "-1/√2"}}));
        QCOMPARE(text(s.input.matrices.at("V")),
                 text(Cells{{"12", "-3"}, {"14", "16"}, {"7", "-10"}, {"6", "-3"}}));
        QCOMPARE(s.input.matrices.size(), size_t(3)); // the user's own Q is replaced, nothing else is left
        QCOMPARE(s.input.expOverrides, QStringLiteral("1/2 = 3/2"));
        QCOMPARE(s.input.tokens, (QStringList{"x1", "x2", "x3", "x4"}));
        QCOMPARE(s.input.heads, 1);
        QVERIFY(s.compute == app::ComputeState{}); // √d_k, no mask
        // The sentence and model stay for when the user goes back to sentence mode.
        QCOMPARE(s.input.text, QStringLiteral("my own sentence"));
        QCOMPARE(s.input.toyLayers, 6);
        // The app's own exam (the default of matrix mode) is the same problem.
        const app::InputState exam = app::examMatrices();
        for (const char* name : {"Q", "K", "V"})
            QCOMPARE(text(s.input.matrices.at(QLatin1String(name))),
                     text(exam.matrices.at(QLatin1String(name))));
    }

    void projected()
    {
        const app::WorkspaceState s = openState(testLesson(
            R"({"matrices": {"X": [[1, 0], [0, 1], [1, 1]], "Wq": [[1, 0], [0, 1]], "Wk": [[0, 1], [1, 0]],
                "Wv": [[2, 0], [0, 2]], "heads": 2, "scaling": "none", "mask": "causal"}})"));
        QCOMPARE(s.input.form, MatrixForm::Projected);
        QCOMPARE(s.input.heads, 2);
        QCOMPARE(text(s.input.matrices.at("X")), text(Cells{{"1", "0"}, {"0", "1"}, {"1", "1"}}));
        QCOMPARE(text(s.input.matrices.at("Wk")), text(Cells{{"0", "1"}, {"1", "0"}}));
        QCOMPARE(text(s.input.matrices.at("Wv")), text(Cells{{"2", "0"}, {"0", "2"}}));
        QVERIFY(!s.input.matrices.count("Wo")); // W_o is optional and was not given
        QCOMPARE(s.compute.scaling.kind, model::ScaleKind::None);
        QCOMPARE(s.compute.mask.kind, model::MaskKind::Causal);
        QCOMPARE(s.input.expOverrides, QString());

        // With W_o (multihead-sum): five matrices.
        const auto sum = app::builtInLesson(QStringLiteral("multihead-sum"));
        QVERIFY(sum);
        const auto workspace = app::openedLessonWorkspace(*sum, currentState());
        QVERIFY(workspace);
        QCOMPARE(workspace->state.input.form, MatrixForm::Projected);
        QCOMPARE(
            text(workspace->state.input.matrices.at("Wo")),
            text(Cells{
                {"1", "0", "1", "0"}, {"0", "1", "0", "1"}, {"1", "-1", "0", "0"}, {"0", "0", "1", "1"}}));
    }

    void xAloneWithDecimalsAndSettings()
    {
        // Decimals as written: 0.1 is not "0.10000000000000001" (its 17-digit spelling), −0.25 not
        // "-0.25000".
        const app::WorkspaceState s = openState(testLesson(
            R"({"matrices": {"X": [[0.1, 2.5], [3, -0.25], [1e-7, 123456789]], "scaling": "temperature:2",
                "mask": "padding:1", "exp_overrides": {"1": "8/3", "1/2": 1.5}}})"));
        QCOMPARE(s.input.form, MatrixForm::XAlone);
        QCOMPARE(text(s.input.matrices.at("X")),
                 text(Cells{{"0.1", "2.5"}, {"3", "-0.25"}, {"1e-07", "123456789"}}));
        QCOMPARE(s.compute.scaling.kind, model::ScaleKind::Temperature);
        QCOMPARE(s.compute.scaling.temperature, 2.0);
        QCOMPARE(s.compute.mask.kind, model::MaskKind::Padding);
        QCOMPARE(s.compute.mask.padding, 1);
        QCOMPARE(s.compute.mask.window, 3); // the window control keeps its default
        // Overrides in the input panel's spelling, keys in the file's (sorted) order; a number as written.
        QCOMPARE(s.input.expOverrides, QStringLiteral("1 = 8/3; 1/2 = 1.5"));

        // A custom mask matrix arrives whole.
        const app::WorkspaceState custom =
            openState(testLesson(R"({"matrices": {"X": [[1, 0], [0, 1]], "mask": [[1, 0], [1, 1]]}})"));
        QCOMPARE(custom.compute.mask.kind, model::MaskKind::Custom);
        QCOMPARE(custom.compute.mask.custom.rows(), 2);
        QCOMPARE(custom.compute.mask.custom(0, 1), false);
        QCOMPARE(custom.compute.mask.custom(1, 0), true);
    }

    void crossAttention()
    {
        // X and M alone: every projection is the identity of X's width (2), written as cells.
        const TestLesson bare =
            testLesson(R"({"matrices": {"X": [[1, 0], [0, 1]], "M": [[1, 2], [3, 4], [5, 6]],
                                              "tokens": ["a", "b"], "memory_tokens": ["m1", "m2", "m3"]}})");
        const app::WorkspaceState s = openState(bare);
        QCOMPARE(s.input.form, MatrixForm::Cross);
        QCOMPARE(text(s.input.matrices.at("X")), text(identity2));
        QCOMPARE(text(s.input.matrices.at("M")), text(Cells{{"1", "2"}, {"3", "4"}, {"5", "6"}}));
        for (const char* w : {"Wq", "Wk", "Wv"})
            QCOMPARE(text(s.input.matrices.at(QLatin1String(w))), text(identity2));
        QCOMPARE(s.input.tokens, (QStringList{"a", "b"}));
        QCOMPARE(s.input.memoryTokens, (QStringList{"m1", "m2", "m3"}));

        // input-memory: the weights as written, "ln(8)" kept as an expression, scaling none.
        const auto memory = app::builtInLesson(QStringLiteral("input-memory"));
        QVERIFY(memory);
        const auto workspace = app::openedLessonWorkspace(*memory, currentState());
        QVERIFY(workspace);
        const app::WorkspaceState& m = workspace->state;
        QCOMPARE(m.input.form, MatrixForm::Cross);
        QCOMPARE(m.input.matrices.at("X")[0], (QStringList{"0", "0", "ln(8)"}));
        QCOMPARE(m.input.matrices.at("X")[2], (QStringList{"ln(0.6)", "ln(0.02)", "ln(0.38)"}));
        QCOMPARE(text(m.input.matrices.at("Wv")), text(Cells{{"10", "0"}, {"0", "10"}, {"5", "5"}}));
        QCOMPARE(m.input.memoryTokens, (QStringList{"野球", "が", "得意"}));
        QCOMPARE(m.compute.scaling.kind, model::ScaleKind::None);

        // The editor's cross form has no W_o: such a lesson cannot open.
        TestLesson withWo =
            testLesson(R"({"matrices": {"X": [[1, 0], [0, 1]], "M": [[1, 2]], "Wq": [[1, 0], [0, 1]],
                                          "Wk": [[1, 0], [0, 1]], "Wv": [[1, 0], [0, 1]]}})");
        withWo.lesson.problem->wo = model::Matrix::Identity(2, 2);
        const auto refused = app::lessonWorkspace(withWo.lesson, withWo.input, currentState());
        QVERIFY(!refused);
        QCOMPARE(refused.error(),
                 QStringLiteral("lesson t: the matrices editor cannot show W_o with a memory M"));
    }

    void lessonModelFound()
    {
        // The lesson's model as written -> what the workspace loads: "toy" stays; a missing path is an error that
        // names the lesson and the model.
        const TestLesson toy = testLesson(R"({"text": "a b", "model": "toy"})");
        QCOMPARE(app::openedLessonWorkspace(toy.lesson, currentState())->state.input.modelName, QStringLiteral("toy"));
        const TestLesson missing = testLesson(R"({"text": "a b", "model": "no/such/model"})");
        const auto workspace = app::openedLessonWorkspace(missing.lesson, currentState());
        QVERIFY(!workspace);
        QVERIFY2(workspace.error().startsWith(QStringLiteral("lesson t: model \"no/such/model\" cannot be found")),
                 qPrintable(workspace.error()));
    }

    void resolveQuery_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("tokens");
        QTest::addColumn<int>("index");
        const QStringList animal{"The", "animal", "was", "tired", "it", "it"};
        QTest::newRow("first position") << "1" << animal << 0;
        QTest::newRow("last position") << "6" << animal << 5;
        QTest::newRow("position 0") << "0" << animal << -1;
        QTest::newRow("beyond") << "7" << animal << -1;
        QTest::newRow("negative") << "-1" << animal << -1;
        QTest::newRow("token, first of two") << "it" << animal << 4;
        QTest::newRow("token in another case") << "the" << animal << 0;
        QTest::newRow("unknown token") << "dog" << animal << -1;
        QTest::newRow("empty") << "" << QStringList{"", "a"} << -1; // an empty query names no token
        QTest::newRow("no tokens") << "1" << QStringList{} << -1;
    }
    void resolveQuery()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, tokens);
        QFETCH(int, index);
        QCOMPARE(app::resolveQuery(query, tokens), index);
    }

    void stageForParagraph()
    {
        // Stages 0 QKᵀ, 1 scale, 2 mask, 3 softmax, 4 ×V. Without a mask the paragraphs skip stage 2.
        const model::Lesson unmasked = testLesson(R"({"matrices": {"X": [[1]]}})").lesson;
        const int unmaskedStages[] = {0, 1, 3, 4, 4, 4};
        for (int p = 0; p < 6; ++p)
            QCOMPARE(app::stageForParagraph(unmasked, p), unmaskedStages[p]);
        QCOMPARE(app::stageForParagraph(unmasked, -3), 0);

        const model::Lesson masked = testLesson(R"({"matrices": {"X": [[1]], "mask": "causal"}})").lesson;
        for (int p = 0; p < 5; ++p)
            QCOMPARE(app::stageForParagraph(masked, p), p);
        QCOMPARE(app::stageForParagraph(masked, 9), 4);

        // A sentence lesson's mask counts too; "none" is no mask.
        QCOMPARE(app::stageForParagraph(testLesson(R"({"text": "a b", "mask": "causal"})").lesson, 2), 2);
        QCOMPARE(app::stageForParagraph(testLesson(R"({"text": "a b", "mask": "none"})").lesson, 2), 3);
    }
};

ATTNLAB_TEST_MAIN(TestLessonWorkspace)
} // namespace tst_lesson_workspace
#include "tst_lesson_workspace.moc"
