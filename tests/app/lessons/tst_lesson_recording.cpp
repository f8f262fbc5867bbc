// Tests app/lessons/lesson_recording.cpp: the workspace's input as a lesson's input, checked by reading it back
// the way a lesson opens (lessonWorkspace: the same sentence, model and mask; the exam's matrices, cells as
// written, tokens and exp override), and a step's figure from a selection (1-based; a repeated token by its
// position; all heads and a stage outside the step view left out).

#include "app/lessons/lesson_recording.h"
#include "app/lessons/lesson_workspace.h"
#include "model/teaching/lesson.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace tst_lesson_recording {

using namespace attnlab;

namespace {

// A lesson around an input object, read as a lesson is.
model::Lesson recordingLessonAround(const QJsonObject& input)
{
    const QJsonObject json{{"format", "attnlab-lesson"}, {"version", 1}, {"id", "x"}, {"title", QJsonObject{{"en", "X"}}},
                           {"view", "heatmap"}, {"input", input}};
    const model::LessonCheck check = model::checkLesson(QJsonDocument(json).toJson());
    if (!check.lesson || !check.problems.empty())
        qFatal("%s", qPrintable(check.problems.empty() ? QStringLiteral("no lesson") : check.problems.front().text()));
    return *check.lesson;
}

} // namespace

class TestLessonRecording : public QObject {
    Q_OBJECT
private slots:
    void aSentenceWithItsModelMemoryAndMask()
    {
        app::WorkspaceState state;
        state.input.text = QStringLiteral("The cat sat");
        state.input.memory = QStringLiteral("Le chat");
        state.compute.mask = model::MaskSpec::slidingWindow(2);
        const QJsonObject input = app::lessonInputFromWorkspace(state);
        QCOMPARE(input, (QJsonObject{{"text", "The cat sat"}, {"memory", "Le chat"}, {"model", "toy"}, {"mask", "window:2"}}));
        const auto back = app::lessonWorkspace(recordingLessonAround(input), input, app::WorkspaceState{});
        QVERIFY(back);
        QCOMPARE(back->state.input.text, state.input.text);
        QCOMPARE(back->state.input.memory, state.input.memory);
        QCOMPARE(back->state.compute.mask.kind, model::MaskKind::Window);
        QCOMPARE(back->state.compute.mask.window, 2);
        // No mask, no field.
        state.compute.mask = model::MaskSpec::none();
        state.input.memory.clear();
        QCOMPARE(app::lessonInputFromWorkspace(state), (QJsonObject{{"text", "The cat sat"}, {"model", "toy"}}));
    }

    void theExamMatricesAsWritten()
    {
        app::WorkspaceState state;
        state.input = app::examMatrices();
        const QJsonObject input = app::lessonInputFromWorkspace(state);
        const QJsonObject matrices = input.value("matrices").toObject();
        // Q's cells are plain numbers, K's stay expressions.
        QCOMPARE(matrices.value("Q").toArray()[0].toArray(), (QJsonArray{1, 0}));
        QVERIFY(matrices.value("K").toArray()[0].toArray()[0].isString());
        QVERIFY(!matrices.contains("X"));
        const auto back = app::lessonWorkspace(recordingLessonAround(input), input, app::WorkspaceState{});
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->state.input.mode, app::InputMode::Matrices);
        QCOMPARE(back->state.input.form, app::MatrixForm::QKV);
        QCOMPARE(back->state.input.matrices.at("K"), state.input.matrices.at("K"));
        QCOMPARE(back->state.input.matrices.at("V"), state.input.matrices.at("V"));
        QCOMPARE(QString(back->state.input.expOverrides).remove(' '), QString(state.input.expOverrides).remove(' '));
    }

    void aStepsFigure()
    {
        const QStringList tokens{"the", "cat", "saw", "The", "dog", "7"};
        model::TraceSelection selection;
        selection.layer = 1;
        selection.head = 2;
        selection.query = 1;
        model::LessonDraftFigure figure = app::recordedFigure("arcs", selection, tokens, 3);
        QCOMPARE(figure.view, QStringLiteral("arcs"));
        QCOMPARE(figure.layer, std::optional<int>(2));
        QCOMPARE(figure.head, std::optional<int>(3));
        QCOMPARE(figure.query, QStringLiteral("cat"));
        QVERIFY(!figure.stage); // a stage only for the step view
        // "The" is the second "the" (any case): its position; "7" would read as a position too.
        selection.query = 3;
        QCOMPARE(app::recordedFigure("arcs", selection, tokens, 0).query, QStringLiteral("4"));
        selection.query = 5;
        QCOMPARE(app::recordedFigure("arcs", selection, tokens, 0).query, QStringLiteral("6"));
        // All heads, the mean: no head; no query selected: no query; the step view: its stage.
        selection.head = model::AllHeads;
        selection.query = -1;
        figure = app::recordedFigure("steps", selection, tokens, 3);
        QVERIFY(!figure.head);
        QVERIFY(figure.query.isEmpty());
        QCOMPARE(figure.stage, std::optional<int>(4));
        selection.head = model::AverageHeads;
        QVERIFY(!app::recordedFigure("heatmap", selection, tokens, 0).head);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLessonRecording)
} // namespace tst_lesson_recording
#include "tst_lesson_recording.moc"
