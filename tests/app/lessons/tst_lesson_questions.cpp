// Tests app/lessons/lesson_questions.cpp with the pane and the controller in the real window: a step's question
// hides the figure's answers (its painted and exported SVG lacks them) and shows its prompt in place of the
// paragraph; a number typed (wrong, right, not a number), Reveal, the score; a key question answered by a click on
// the heatmap's columns and a head question by a click on the head view's swatches, in lessons written here whose
// right answers are derived by hand (and checked against the trace with the softmax written out); presenter notes
// never in the pane.

#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_questions.h"
#include "app/window/main_window.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/head_view.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/trace_view.h"
#include "test_registry.h"

#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <cmath>

namespace tst_lesson_questions {

using namespace attnlab;

namespace {

void settle(app::MainWindow& window)
{
    for (int i = 0; i < 3; ++i) {
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
    }
}

// The figure as the view paints it now (screen parts: hidden answers stay hidden), as SVG text.
QString paintedSvg(const widgets::TraceView& view)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(1000, 700));
    QPainter painter(&svg);
    view.paintFigure(painter, QSizeF(1000, 700));
    painter.end();
    return QString::fromUtf8(buffer.data());
}

// The figure exported to an SVG file, as File ▸ Export does.
QString exportedSvg(const widgets::TraceView& view, const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("figure.svg"));
    widgets::ExportOptions options;
    options.size = QSize(1000, 700);
    if (!widgets::exportFigure(view, path, options)) return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

QString writeLesson(const QTemporaryDir& dir, const QString& name, const QByteArray& json)
{
    const QString path = dir.filePath(name + QStringLiteral(".attnlab-lesson"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(json);
    return path;
}

// Three tokens a, b, c; query 2 (b) has q = (0, 1) and the keys k = (0, 0), (3, 0), (0, 3): its scores are
// (0, 0, 3)/√2, so key 3 ("c") takes the most weight.
const QByteArray kKeyLesson = R"({"format": "attnlab-lesson", "version": 2, "languages": ["en"], "id": "test-key",
  "title": {"en": "Key"}, "summary": {"en": "A key question"}, "view": "heatmap",
  "input": {"matrices": {"Q": [[1, 0], [0, 1], [1, 0]], "K": [[0, 0], [3, 0], [0, 3]],
                         "V": [[1, 0], [0, 1], [1, 1]], "tokens": ["a", "b", "c"]}},
  "query": 2,
  "steps": [{"text": {"en": "EXPLAINED: b attends to c."},
             "question": {"kind": "key", "prompt": {"en": "PROMPT: which key does b attend to most?"}},
             "notes": {"en": "PRESENTER ONLY: wait for three guesses."}},
            {"text": {"en": "The end."}}]})";

// X = (2, 0), (0, 2), (2, 2) and identity projections split over 2 heads of width 1: head 1 sees the first
// coordinate, head 2 the second. From query 3 (c) to key 1 (a), head 1's scores are (4, 0, 4) and its weight
// e⁴/(2e⁴ + 1) ≈ 0.496; head 2's scores are (0, 4, 4) and its weight 1/(1 + 2e⁴) ≈ 0.009: head 1 links them.
const QByteArray kHeadLesson = R"({"format": "attnlab-lesson", "version": 2, "languages": ["en"], "id": "test-head",
  "title": {"en": "Head"}, "summary": {"en": "A head question"}, "view": "heads",
  "input": {"matrices": {"X": [[2, 0], [0, 2], [2, 2]], "Wq": [[1, 0], [0, 1]], "Wk": [[1, 0], [0, 1]],
                         "Wv": [[1, 0], [0, 1]], "heads": 2, "tokens": ["a", "b", "c"]}},
  "query": 3,
  "steps": [{"text": {"en": "Head 1 links c to a."},
             "question": {"kind": "head", "key": 1, "prompt": {"en": "Which head links c to a?"}}}]})";

const QByteArray kChoiceLesson = R"({"format": "attnlab-lesson", "version": 2, "languages": ["en"], "id": "test-choice",
  "title": {"en": "Choice"}, "summary": {"en": "A choice question"}, "view": "heatmap",
  "input": {"matrices": {"Q": [[1, 0], [0, 1]], "K": [[1, 0], [0, 1]], "V": [[1, 0], [0, 1]]}},
  "steps": [{"text": {"en": "Each row sums to 1."},
             "question": {"kind": "choice", "prompt": {"en": "What does each row of weights sum to?"},
                          "options": [{"en": "0"}, {"en": "1"}, {"en": "the number of keys"}], "answer": 2}}]})";

} // namespace

class TestLessonQuestions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lesson_questions"));
    }

    void examNumberQuestions()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        app::LessonPanel* panel = window.lessonPanel();
        widgets::TraceView* steps = window.view(QStringLiteral("steps"));
        QVERIFY(!steps->answersHidden()); // steps 1 and 2 ask nothing
        QVERIFY(panel->questionBox()->isHidden());
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        settle(window);
        QCOMPARE(panel->paragraph(), 2);

        // Step 3 asks for 9/26: the figure hides it (painted and exported), every view does, and the pane shows
        // the prompt instead of the paragraph that gives it.
        QVERIFY(steps->answersHidden());
        QVERIFY(window.view(QStringLiteral("heatmap"))->answersHidden());
        QVERIFY(!paintedSvg(*steps).contains(QStringLiteral("9/26")));
        QVERIFY(!exportedSvg(*steps, dir).contains(QStringLiteral("9/26")));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("9/26")));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("9⁄26")));
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("what weight does query 2 give key 1?")));
        QVERIFY(panel->questionBox()->isVisible());
        QVERIFY(panel->questionBox()->numberEdit()->isVisible());
        QVERIFY(panel->extra() && panel->extra()->isHidden()); // its table prints 9/26
        QVERIFY(panel->scoreLabel()->isHidden());

        // Not a number: its message beside the field, nothing graded.
        QLineEdit* edit = panel->questionBox()->numberEdit();
        QTest::keyClicks(edit, QStringLiteral("nine"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(panel->questionBox()->messageLabel()->isVisible());
        QVERIFY(!panel->questionBox()->messageLabel()->text().isEmpty());
        QVERIFY(panel->questionWaiting());
        QCOMPARE(panel->answered(), 0);

        // A wrong value: "Not quite", the answer, the score 0 of 1, the figure and the paragraph show it.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("1/3"));
        QTest::mouseClick(panel->questionBox()->checkButton(), Qt::LeftButton);
        QVERIFY(!panel->questionWaiting());
        QCOMPARE(panel->questionBox()->resultLabel()->text(), QStringLiteral("Not quite: the answer is 9/26"));
        QVERIFY(panel->questionBox()->resultLabel()->isVisible());
        QCOMPARE(panel->scoreLabel()->text(), QStringLiteral("Score: 0 of 1"));
        QVERIFY(panel->scoreLabel()->isVisible());
        QVERIFY(!steps->answersHidden());
        QVERIFY(paintedSvg(*steps).contains(QStringLiteral("9/26")));
        // The pane sets fractions with the fraction slash (9⁄26).
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("the weights are (9⁄26, 9⁄26, 2⁄13, 2⁄13)")));
        QVERIFY(panel->extra()->isVisible());

        // Back and forth: the step stays answered (the learner came back to re-read it).
        QTest::mouseClick(panel->previousButton(), Qt::LeftButton);
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QVERIFY(!panel->questionWaiting());
        QVERIFY(!steps->answersHidden());

        // Step 4: Reveal shows [11, 5/2] without a grade.
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        settle(window);
        QVERIFY(steps->answersHidden());
        QTest::mouseClick(panel->questionBox()->revealButton(), Qt::LeftButton);
        QVERIFY(!steps->answersHidden());
        QVERIFY(panel->questionBox()->resultLabel()->text().startsWith(QStringLiteral("The answer is ")));
        QVERIFY(panel->questionBox()->resultLabel()->text().contains(QStringLiteral("5/2")));
        QCOMPARE(panel->scoreLabel()->text(), QStringLiteral("Score: 0 of 1"));

        // Presentation mode: the score is the learner's, not the room's.
        window.setPresentationMode(true);
        QVERIFY(panel->scoreLabel()->isHidden());
        window.setPresentationMode(false);
        QVERIFY(panel->scoreLabel()->isVisible());
    }

    void examRightAnswerOnAFreshRun()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        app::LessonPanel* panel = window.lessonPanel();
        panel->setParagraph(2);
        settle(window);
        QTest::keyClicks(panel->questionBox()->numberEdit(), QStringLiteral("9/26"));
        QTest::keyClick(panel->questionBox()->numberEdit(), Qt::Key_Return);
        QCOMPARE(panel->questionBox()->resultLabel()->text(), QStringLiteral("Right"));
        QCOMPARE(panel->scoreLabel()->text(), QStringLiteral("Score: 1 of 1"));
        QVERIFY(!window.view(QStringLiteral("steps"))->answersHidden());
        // Opening the lesson again asks again, from a fresh score.
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        panel->setParagraph(2);
        QVERIFY(panel->questionWaiting());
        QVERIFY(panel->scoreLabel()->isHidden());
    }

    void keyQuestionByClickingAColumn_data()
    {
        QTest::addColumn<int>("clicked");
        QTest::addColumn<bool>("right");
        // The reference: softmax of query 2's scores (0, 0, 3/√2); its largest entry is key 3.
        const double e = std::exp(3.0 / std::sqrt(2.0));
        const double weights[3] = {1 / (2 + e), 1 / (2 + e), e / (2 + e)};
        const int strongest = int(std::max_element(weights, weights + 3) - weights);
        QCOMPARE(strongest, 2);
        QTest::newRow("the right key") << strongest << true;
        QTest::newRow("a wrong key") << 0 << false;
    }

    void keyQuestionByClickingAColumn()
    {
        QFETCH(int, clicked);
        QFETCH(bool, right);
        QTemporaryDir dir;
        app::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openLessonFile(writeLesson(dir, QStringLiteral("key"), kKeyLesson)));
        settle(window);
        auto* heatmap = qobject_cast<widgets::HeatmapView*>(window.view(QStringLiteral("heatmap")));
        QVERIFY(heatmap && heatmap->isVisible());
        QVERIFY(heatmap->answersHidden());
        QCOMPARE(heatmap->answerClicks(), widgets::AnswerClicks::Key);
        app::LessonPanel* panel = window.lessonPanel();
        const QString text = panel->textView()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("PROMPT")));
        QVERIFY(!text.contains(QStringLiteral("EXPLAINED")));
        QVERIFY(!text.contains(QStringLiteral("PRESENTER ONLY"))); // notes never in the pane

        // The trace agrees with the hand derivation: query 2's weights as the reference gives them.
        const double e = std::exp(3.0 / std::sqrt(2.0));
        const model::Matrix w = heatmap->trace()->layers[0].heads[0].weights.toDouble();
        QVERIFY(std::abs(w(1, 2) - e / (2 + e)) < 1e-6);

        // A cell of the query's row, in the clicked key's column.
        const QPoint at = heatmap->cellRect(1, clicked, QSizeF(heatmap->size())).center().toPoint();
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, at);
        QVERIFY(!panel->questionWaiting());
        QCOMPARE(panel->outcome(0).state,
                 right ? app::QuestionOutcome::State::Right : app::QuestionOutcome::State::Wrong);
        QCOMPARE(panel->questionBox()->resultLabel()->text(),
                 right ? QStringLiteral("Right") : QStringLiteral("Not quite: the answer is “c”"));
        QCOMPARE(panel->scoreLabel()->text(), right ? QStringLiteral("Score: 1 of 1") : QStringLiteral("Score: 0 of 1"));
        QVERIFY(!heatmap->answersHidden());
        QCOMPARE(heatmap->answerClicks(), widgets::AnswerClicks::None);
        QCOMPARE(heatmap->selection().query, 1); // the click answered; it did not move the query
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("EXPLAINED")));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("PRESENTER ONLY")));
    }

    void keyQuestionRevealed()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLessonFile(writeLesson(dir, QStringLiteral("key"), kKeyLesson)));
        settle(window);
        app::LessonPanel* panel = window.lessonPanel();
        QTest::mouseClick(panel->questionBox()->revealButton(), Qt::LeftButton);
        QCOMPARE(panel->questionBox()->resultLabel()->text(), QStringLiteral("The answer is “c”"));
        QCOMPARE(panel->answered(), 0);
        QVERIFY(!window.view(QStringLiteral("heatmap"))->answersHidden());
    }

    void headQuestionByClickingASwatch_data()
    {
        QTest::addColumn<int>("clicked");
        QTest::addColumn<bool>("right");
        QTest::newRow("head 1") << 0 << true;
        QTest::newRow("head 2") << 1 << false;
    }

    void headQuestionByClickingASwatch()
    {
        QFETCH(int, clicked);
        QFETCH(bool, right);
        QTemporaryDir dir;
        app::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openLessonFile(writeLesson(dir, QStringLiteral("head"), kHeadLesson)));
        settle(window);
        auto* heads = qobject_cast<widgets::HeadView*>(window.view(QStringLiteral("heads")));
        QVERIFY(heads && heads->isVisible());
        QVERIFY(heads->answersHidden());
        QCOMPARE(heads->answerClicks(), widgets::AnswerClicks::Head);
        // The trace agrees with the hand derivation (query 3 → key 1 in each head).
        const double e4 = std::exp(4.0);
        const auto& layer = heads->trace()->layers[0];
        QCOMPARE(int(layer.heads.size()), 2);
        QVERIFY(std::abs(layer.heads[0].weights.toDouble()(2, 0) - e4 / (2 * e4 + 1)) < 1e-6);
        QVERIFY(std::abs(layer.heads[1].weights.toDouble()(2, 0) - 1 / (2 * e4 + 1)) < 1e-6);

        const QPoint at = heads->swatchRect(clicked, QSizeF(heads->size())).center().toPoint();
        QTest::mouseClick(heads, Qt::LeftButton, {}, at);
        app::LessonPanel* panel = window.lessonPanel();
        QVERIFY(!panel->questionWaiting());
        QCOMPARE(panel->questionBox()->resultLabel()->text(),
                 right ? QStringLiteral("Right") : QStringLiteral("Not quite: the answer is layer 1, head 1"));
        QVERIFY(heads->selection().hiddenHeads.isEmpty()); // the click answered; it did not hide the head
        QVERIFY(!heads->answersHidden());
    }

    void choiceQuestion()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLessonFile(writeLesson(dir, QStringLiteral("choice"), kChoiceLesson)));
        settle(window);
        app::LessonQuestionBox* box = window.lessonPanel()->questionBox();
        QCOMPARE(box->optionButtons().size(), 3);
        QVERIFY(box->numberEdit()->isHidden());
        // Check without a choice: told to choose, nothing graded.
        QTest::mouseClick(box->checkButton(), Qt::LeftButton);
        QVERIFY(box->messageLabel()->isVisible());
        QVERIFY(window.lessonPanel()->questionWaiting());
        QRadioButton* third = box->optionButtons()[2];
        QTRY_VERIFY(third->isVisible() && third->width() > 0);
        QTest::mouseClick(third, Qt::LeftButton, {}, QPoint(8, third->height() / 2));
        QVERIFY(third->isChecked());
        QTest::mouseClick(box->checkButton(), Qt::LeftButton);
        QCOMPARE(box->resultLabel()->text(), QStringLiteral("Not quite: the answer is 1"));
        QCOMPARE(window.lessonPanel()->scoreLabel()->text(), QStringLiteral("Score: 0 of 1"));
    }

    void rightAnswersFromATrace()
    {
        // The graders on a trace built here: two heads whose query-2 rows peak on different keys.
        model::Trace trace;
        trace.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        model::LayerTrace layer;
        for (int h = 0; h < 2; ++h) {
            model::HeadTrace head;
            model::Matrix w = model::Matrix::Constant(3, 3, 1.0 / 3);
            w.row(1) << (h == 0 ? 0.7 : 0.1), 0.1, (h == 0 ? 0.2 : 0.8);
            head.weights = w;
            layer.heads.push_back(head);
        }
        trace.layers.push_back(layer);
        model::TraceSelection s;
        s.query = 1;
        s.head = 0;
        QCOMPARE(app::rightQuestionKeys(trace, s), std::vector<int>{0});
        s.head = 1;
        QCOMPARE(app::rightQuestionKeys(trace, s), std::vector<int>{2});
        // Every head shown: the mean, (0.4, 0.1, 0.5) -> key 3.
        s.head = model::AllHeads;
        QCOMPARE(app::rightQuestionKeys(trace, s), std::vector<int>{2});
        // Head question, key 1: head 1 (0.7 > 0.1).
        const std::vector<std::pair<int, int>> head1{{0, 0}};
        QCOMPARE(app::rightQuestionHeads(trace, s, 0, true), head1);
        QCOMPARE(app::headAnswerText(head1), QStringLiteral("layer 1, head 1"));
        QCOMPARE(app::keyAnswerText(trace, {0, 2}), QStringLiteral("“a” / “c”"));
        s.query = -1;
        QVERIFY(app::rightQuestionKeys(trace, s).empty());
    }
};

ATTNLAB_TEST_MAIN(TestLessonQuestions)
} // namespace tst_lesson_questions
#include "tst_lesson_questions.moc"
