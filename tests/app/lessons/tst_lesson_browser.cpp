// Tests the lessons in the app: the browser (app/lessons/lesson_browser.cpp, lesson_thumbnails.cpp; Add Lesson… and
// Remove with lesson_catalog.cpp's user lessons and lesson_problems.cpp's dialog), opening a lesson or a lesson file
// (main_window_lessons.cpp, lesson_workspace.cpp) and the lesson pane (lesson_panel.cpp; its text in
// tst_lesson_text.cpp), whose Train button opens the Train window on a training lesson's task and size.

#include "model/pipeline/trace_computer.h"
#include "app/lessons/lesson_browser.h"
#include "app/lessons/lesson_extras.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_text.h"
#include "app/lessons/lesson_thumbnails.h"
#include "app/lessons/lesson_workspace.h"
#include "app/lessons/lesson_catalog.h"
#include "app/training/train_window.h"
#include "app/window/control_bar.h"
#include "widgets/views/heatmap_view.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "widgets/views/step_view.h"
#include "widgets/controls/token_strip.h"
#include "app/workspace/workspace_request.h"
#include "app/lesson_files.h"
#include "test_registry.h"
#include "widgets/views/patching_view.h"
#include <QLineEdit>

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTextLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QUndoStack>

#include <cmath>
#include <set>

namespace tst_lesson_browser {

using namespace attnlab;

namespace {

using attnlab::test::writeLessonFile;

void settle(app::MainWindow& window)
{
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

// The number of distinct colours in an image: a blank (or single-colour) thumbnail has one.
int distinctColors(const QImage& image)
{
    std::set<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colors.insert(image.pixel(x, y));
    return int(colors.size());
}

// A lesson of one's own on the toy model (2 layers of 4 heads), six words; its second step moves the figure.
const char* const kCatLesson = R"({
  "format": "attnlab-lesson", "version": 1, "id": "cat-on-mat",
  "title": {"en": "Where does sat look?"}, "summary": {"en": "A lesson of my own."},
  "view": "arcs", "input": {"text": "The cat sat on the mat"}, "query": "sat",
  "steps": [{"en": "one"}, {"text": {"en": "two"}, "view": "heads", "head": 2, "query": "mat"}, {"en": "three"}]
})";

// Two problems: head 9 of the toy model's 4, and a view that does not exist.
QByteArray brokenCatLesson()
{
    return QByteArray(kCatLesson).replace("\"head\": 2", "\"head\": 9").replace("\"view\": \"arcs\"", "\"view\": \"pie\"");
}

std::vector<QString> catalogueIds()
{
    std::vector<QString> ids;
    const auto catalogue = model::lessonCatalogue(app::lessonDirectory());
    if (catalogue)
        for (const model::LessonEntry& e : *catalogue)
            ids.push_back(e.id);
    return ids;
}

} // namespace

class TestLessonBrowser : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lesson_browser"));
        // The user lessons folder under ~/.qttest, emptied: Add Lesson… never writes to the real one.
        QStandardPaths::setTestModeEnabled(true);
        QDir(app::userLessonDirectory()).removeRecursively();
    }

    void addAndRemoveAUserLesson()
    {
        QTemporaryDir dir;
        const QString good = writeLessonFile(dir, QStringLiteral("mine.attnlab-lesson"), kCatLesson);
        const QString bad = writeLessonFile(dir, QStringLiteral("broken.attnlab-lesson"), brokenCatLesson());
        const QString copy = app::userLessonDirectory() + QStringLiteral("/cat-on-mat.attnlab-lesson");
        app::LessonBrowser browser;
        browser.show();
        QCOMPARE(browser.list()->count(), 17);
        QVERIFY(browser.addButton()->isVisible() && browser.addButton()->isEnabled());
        QVERIFY(!browser.removeButton()->isEnabled()); // a built-in lesson is selected

        // A file with problems is not added; one dialog lists every problem with its path.
        QVERIFY(!browser.addLessonFile(bad));
        QCOMPARE(browser.list()->count(), 17);
        QVERIFY(!QFileInfo::exists(copy));
        QMessageBox* problems = browser.problemsDialog();
        QVERIFY(problems && problems->isVisible());
        QVERIFY(problems->text().contains(QStringLiteral("broken.attnlab-lesson")));
        QVERIFY2(problems->informativeText().contains(QStringLiteral("view: unknown view &quot;pie&quot;")), qPrintable(problems->informativeText()));
        QVERIFY(problems->informativeText().contains(QStringLiteral("steps[1].head: head 9 of 4 (valid 1–4)")));
        QCOMPARE(problems->informativeText().count(QStringLiteral("<li>")), 2);
        problems->close();

        // A valid file is copied into the user lessons folder and listed after the built-ins, selected.
        QVERIFY(browser.addLessonFile(good));
        QVERIFY(QFileInfo::exists(copy));
        QCOMPARE(browser.list()->count(), 18);
        QCOMPARE(browser.list()->currentRow(), 17);
        QCOMPARE(browser.currentLessonId(), QStringLiteral("cat-on-mat"));
        QCOMPARE(browser.list()->item(17)->text(), QStringLiteral("Where does sat look?"));
        QVERIFY(browser.isUserLesson(QStringLiteral("cat-on-mat")));
        QVERIFY(browser.removeButton()->isEnabled());
        browser.list()->setCurrentRow(0);
        QVERIFY(!browser.removeButton()->isEnabled());
        browser.thumbnails()->waitForFinished();
        QVERIFY(!browser.thumbnails()->thumbnail(QStringLiteral("cat-on-mat")).isNull());

        // Another browser lists it too; its id opens it as a built-in's would.
        {
            app::LessonBrowser again;
            QCOMPARE(again.list()->count(), 18);
            QCOMPARE(again.lessons().back().id, QStringLiteral("cat-on-mat"));
        }
        QVERIFY(app::builtInLesson(QStringLiteral("cat-on-mat")));
        // A built-in lesson's id is refused.
        const QString exam = writeLessonFile(dir, QStringLiteral("exam.attnlab-lesson"),
                                             QByteArray(kCatLesson).replace("cat-on-mat", "exam-softmax"));
        QVERIFY(!browser.addLessonFile(exam));
        QVERIFY(browser.problemsDialog()->informativeText().contains(QStringLiteral("is the id of a built-in lesson")));
        browser.problemsDialog()->close();

        // Remove asks, then deletes the copy (never the file it came from).
        browser.selectLesson(QStringLiteral("cat-on-mat"));
        browser.removeButton()->click();
        QMessageBox* question = browser.removeDialog();
        QVERIFY(question && question->isVisible());
        question->button(QMessageBox::Yes)->click();
        QCOMPARE(browser.list()->count(), 17);
        QVERIFY(!QFileInfo::exists(copy));
        QVERIFY(QFileInfo::exists(good));
        QVERIFY(!app::builtInLesson(QStringLiteral("cat-on-mat")));
    }

    void openALessonFileInTheWindow()
    {
        QTemporaryDir dir;
        const QString good = writeLessonFile(dir, QStringLiteral("mine.attnlab-lesson"), kCatLesson);
        const QString bad = writeLessonFile(dir, QStringLiteral("broken.attnlab-lesson"), brokenCatLesson());
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLessonFile(good));
        settle(window);
        QCOMPARE(window.state().input.text, QStringLiteral("The cat sat on the mat"));
        QCOMPARE(window.currentViewName(), QStringLiteral("arcs"));
        QCOMPARE(window.selection().query, 2); // "sat"
        QVERIFY(window.lessonPanel()->isVisible());
        QCOMPARE(window.lessonPanel()->paragraphCount(), 3);
        // The second step shows all heads from "mat", head 2 selected.
        window.lessonPanel()->nextButton()->click();
        settle(window);
        QCOMPARE(window.currentViewName(), QStringLiteral("heads"));
        QCOMPARE(window.selection().head, 1);
        QCOMPARE(window.selection().query, 5);
        // The third says nothing of the figure: it stays.
        window.lessonPanel()->nextButton()->click();
        settle(window);
        QCOMPARE(window.currentViewName(), QStringLiteral("heads"));

        // A file with problems is not opened: one dialog lists them, and the open lesson stays.
        QVERIFY(!window.openLessonFile(bad));
        auto* problems = window.findChild<QMessageBox*>(QStringLiteral("lessonProblems"));
        QVERIFY(problems && problems->isVisible());
        QCOMPARE(problems->informativeText().count(QStringLiteral("<li>")), 2);
        QCOMPARE(window.lessonPanel()->lesson().id, QStringLiteral("cat-on-mat"));
        problems->close();
        // File ▸ Open Lesson… is in the menu.
        bool found = false;
        for (QAction* action : window.findChildren<QAction*>())
            found = found || action->text() == QStringLiteral("Open &Lesson…");
        QVERIFY(found);
    }

    void everyLessonIsListedWithAThumbnail()
    {
        const std::vector<QString> ids = catalogueIds();
        QCOMPARE(ids.size(), size_t(17));
        app::LessonBrowser browser;
        browser.thumbnails()->waitForFinished();
        QCOMPARE(browser.list()->count(), 17);
        for (int row = 0; row < browser.list()->count(); ++row) {
            const model::Lesson& lesson = browser.lessons()[size_t(row)];
            QCOMPARE(lesson.id, ids[size_t(row)]);
            QCOMPARE(browser.list()->item(row)->text(), lesson.title.get("en"));
            const QImage thumbnail = browser.thumbnails()->thumbnail(lesson.id);
            QVERIFY2(!thumbnail.isNull(), qPrintable(lesson.id));
            QCOMPARE(thumbnail.size(), browser.thumbnails()->size());
            QVERIFY2(distinctColors(thumbnail) > 20, qPrintable(lesson.id));
            // The list shows the painted thumbnail, not the placeholder.
            QVERIFY(!browser.list()->item(row)->data(Qt::DecorationRole).value<QImage>().isNull());
        }
    }

    void languageSwitchesTitles()
    {
        app::LessonBrowser browser;
        browser.selectLesson(QStringLiteral("causal-mask"));
        browser.setLanguage(QStringLiteral("ja"));
        const model::Lesson& first = browser.lessons().front();
        QCOMPARE(browser.list()->item(0)->text(), first.title.get("ja"));
        QCOMPARE(browser.currentLessonId(), QStringLiteral("causal-mask")); // the selection survives
        browser.setLanguage(QStringLiteral("fa"));
        QCOMPARE(browser.list()->item(0)->text(), first.title.get("fa"));
        QCOMPARE(browser.list()->layoutDirection(), Qt::RightToLeft);
        browser.setLanguage(QStringLiteral("de")); // no German texts: English
        QCOMPARE(browser.language(), QStringLiteral("en"));
        QCOMPARE(browser.list()->item(0)->text(), first.title.get("en"));
    }

    void openButtonEmitsTheLesson()
    {
        app::LessonBrowser browser;
        browser.selectLesson(QStringLiteral("orthogonal-inputs"));
        QSignalSpy chosen(&browser, &app::LessonBrowser::lessonChosen);
        browser.findChild<QPushButton*>(QStringLiteral("openLesson"))->click();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.front().front().toString(), QStringLiteral("orthogonal-inputs"));
    }

    void everyLessonBecomesAComputableWorkspace()
    {
        for (const QString& id : catalogueIds()) {
            const auto lesson = app::builtInLesson(id);
            QVERIFY2(lesson, qPrintable(lesson.error()));
            const auto workspace = app::openedLessonWorkspace(*lesson, app::WorkspaceState{});
            QVERIFY2(workspace, qPrintable(workspace.error()));
            const app::BuiltRequest built = app::buildRequest(workspace->state);
            QVERIFY2(built.request, qPrintable(id + QStringLiteral(": ") + built.error));
            QCOMPARE(workspace->state.input.mode == app::InputMode::Matrices, bool(lesson->problem));
        }
    }

    void trainingLessonOpensTheTrainWindow()
    {
        app::MainWindow window;
        window.show();
        // A lesson without "training" has no Train button.
        QVERIFY(window.openLesson(QStringLiteral("animal-it")));
        auto* train = window.lessonPanel()->findChild<QPushButton*>(QStringLiteral("lessonTrain"));
        QVERIFY(train);
        QVERIFY(!train->isVisible());
        QVERIFY(!window.findChild<app::TrainWindow*>());

        QVERIFY(window.openLesson(QStringLiteral("induction-head")));
        settle(window);
        QVERIFY(train->isVisible());
        QCOMPARE(train->text(), QStringLiteral("T&rain This Model…"));
        QCOMPARE(QKeySequence::mnemonic(train->text()), QKeySequence(Qt::ALT | Qt::Key_R));
        QTest::mouseClick(train, Qt::LeftButton);
        auto* trainWindow = window.findChild<app::TrainWindow*>();
        QVERIFY(trainWindow);
        QVERIFY(trainWindow->isVisible());
        auto* task = trainWindow->findChild<QComboBox*>(QStringLiteral("trainTask"));
        QCOMPARE(task->currentData().toString(), QStringLiteral("induction"));
        QCOMPARE(task->currentText(), QStringLiteral("Induction"));
        // The lesson's preset, tiny, which for induction is 256 wide and 400 steps long (small: 1,200 steps).
        QCOMPARE(trainWindow->findChild<QSpinBox*>(QStringLiteral("trainWidth"))->value(), 256);
        QCOMPARE(trainWindow->findChild<QSpinBox*>(QStringLiteral("trainSteps"))->value(), 400);
        // Nothing trains until Start.
        QVERIFY(trainWindow->findChild<QPushButton*>(QStringLiteral("trainStart"))->isEnabled());
        QCOMPARE(trainWindow->stepsShown(), 0);
        trainWindow->hide();

        // From the keyboard: the button takes focus and Space presses it.
        QVERIFY(window.openLesson(QStringLiteral("resolving-it")));
        settle(window);
        QVERIFY(train->focusPolicy() & Qt::TabFocus);
        train->setFocus();
        QTest::keyClick(train, Qt::Key_Space);
        QVERIFY(trainWindow->isVisible());
        QCOMPARE(task->currentData().toString(), QStringLiteral("pronoun"));
        QCOMPARE(trainWindow->findChild<QSpinBox*>(QStringLiteral("trainWidth"))->value(), 128);
        QCOMPARE(window.findChildren<app::TrainWindow*>().size(), 1); // the same window, not a second one
    }

    // The patching lesson opens on its view with the patching view's fields filled, the patching asked for.
    void thePatchingLessonFillsThePatchingView()
    {
        app::MainWindow window;
        QVERIFY(window.openLesson(QStringLiteral("which-head-resolves-it")));
        settle(window);
        QCOMPARE(window.currentViewName(), QStringLiteral("effects"));
        auto* patching = qobject_cast<widgets::PatchingView*>(window.view(QStringLiteral("patching")));
        QVERIFY(patching);
        QCOMPARE(patching->corruptedField()->text(),
                 QStringLiteral("The animal didn't cross the street because it was too wide . it ="));
        QCOMPARE(patching->targetField()->text(), QStringLiteral("animal"));
        QCOMPARE(patching->wrongField()->text(), QStringLiteral("street"));
        QCOMPARE(patching->inputs().target, QStringLiteral("animal"));
        // Before the model is trained, the toy model is open: the view says why there is nothing to patch.
        window.showView(QStringLiteral("patching"));
        settle(window);
        QVERIFY2(patching->message().contains(QStringLiteral("toy model")), qPrintable(patching->message()));
    }

    void crossAttentionOpensWithItsTokens()
    {
        // input-memory opens as written, X and the memory M with W_q, W_k, W_v, and the heatmap names its rows
        // by the input 得意 な スポーツ は ？ and its columns by the memory 野球 が 得意, as `attnlab run` does.
        app::MainWindow window;
        QVERIFY(window.openLesson(QStringLiteral("input-memory")));
        settle(window);
        const app::InputState& input = window.state().input;
        QCOMPARE(input.form, app::MatrixForm::Cross);
        QCOMPARE(input.matrices.at(QStringLiteral("X")).front(), (QStringList{"0", "0", "ln(8)"}));
        QCOMPARE(input.matrices.at(QStringLiteral("M")).size(), size_t(3));
        const QStringList tokens{"得意", "な", "スポーツ", "は", "？"};
        const QStringList memory{"野球", "が", "得意"};
        QCOMPARE(input.tokens, tokens);
        QCOMPARE(input.memoryTokens, memory);
        QVERIFY(window.lessonPanel()->findChild<QLabel*>(QStringLiteral("lessonNote"))->isHidden());
        window.showView(QStringLiteral("heatmap"));
        auto* heatmap = qobject_cast<widgets::HeatmapView*>(window.view(QStringLiteral("heatmap")));
        QCOMPARE(heatmap->content().queries, tokens);
        QCOMPARE(heatmap->content().keys, memory);
        QCOMPARE(window.trace()->memoryTokens, memory);
        QCOMPARE(window.selection().query, 2); // the lesson's query 3, スポーツ
        const model::Matrix& w = window.trace()->layers[0].heads[0].weights.toDouble();
        const double expected[] = {0.6, 0.02, 0.38};
        for (int k = 0; k < 3; ++k)
            QVERIFY2(std::abs(w(2, k) - expected[k]) < 1e-12, qPrintable(QString::number(w(2, k), 'g', 17)));
        // The input panel shows the names it computes with.
        QCOMPARE(window.inputPanel()->tokensEdit()->text(), tokens.join(QLatin1Char(' ')));
        QCOMPARE(window.inputPanel()->memoryTokensEdit()->text(), memory.join(QLatin1Char(' ')));
    }

    void openingExamSoftmax()
    {
        app::MainWindow window;
        window.show();
        settle(window);
        const app::WorkspaceState before = window.state();
        const QStringList tokensBefore = window.trace()->tokens;
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        const app::InputState& input = window.state().input;
        QCOMPARE(input.mode, app::InputMode::Matrices);
        QCOMPARE(input.form, app::MatrixForm::QKV);
        QCOMPARE(input.matrices.at(QStringLiteral("K")).front(), (QStringList{"1/√2", "1/√2"})); // as written
        QCOMPARE(input.expOverrides, QStringLiteral("1/2 = 3/2"));
        QVERIFY(window.view(QStringLiteral("steps"))->isVisible());
        QVERIFY(window.controls()->exact());
        QCOMPARE(window.selection().query, 1); // the lesson's query 2
        auto* steps = qobject_cast<widgets::StepView*>(window.view(QStringLiteral("steps")));
        // The pane and the step view agree: paragraph 1 is about QKᵀ, the first stage (they said "Step 1 of 5"
        // and "Step 5 of 5").
        QCOMPARE(window.lessonPanel()->paragraph(), 0);
        QCOMPARE(steps->step(), 0);
        // Stepping the view with the keyboard moves the text along: ×V is the fourth paragraph's stage.
        steps->setStep(4);
        QCOMPARE(window.lessonPanel()->paragraph(), 3);
        steps->setStep(0);
        QCOMPARE(window.lessonPanel()->paragraph(), 0);
        const model::Matrix& w = window.trace()->layers[0].heads[0].weights.toDouble();
        const double expected[] = {9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13};
        for (int k = 0; k < 4; ++k)
            QVERIFY(std::abs(w(1, k) - expected[k]) < 1e-12);
        QVERIFY(window.lessonPanel()->isVisible());

        // One undo step takes the whole lesson back.
        window.undoStack()->undo();
        settle(window);
        QVERIFY(window.state() == before);
        QCOMPARE(window.trace()->tokens, tokensBefore);
    }

    void sentenceLessonSelectsItsToken()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("animal-it")));
        settle(window);
        QCOMPARE(window.state().input.mode, app::InputMode::Sentence);
        QVERIFY(window.view(QStringLiteral("arcs"))->isVisible());
        QCOMPARE(window.trace()->tokens.value(window.selection().query), QStringLiteral("it"));
    }

    // The current paragraph's highlight follows the theme while the lesson is open: the pale yellow would
    // glare on the dark theme.
    void highlightFollowsTheTheme()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        const auto html = [&window] { return window.lessonPanel()->textView()->toHtml(); };
        const QString light = QLatin1String(app::lessonHighlight(false).background);
        const QString dark = QLatin1String(app::lessonHighlight(true).background);
        QVERIFY(html().contains(light));
        window.setDarkTheme(true);
        QTRY_VERIFY(html().contains(dark));
        QVERIFY(!html().contains(light));
        window.setDarkTheme(false);
        QTRY_VERIFY(html().contains(light));
    }

    void panelStepsMoveTheStepView()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        app::LessonPanel* panel = window.lessonPanel();
        auto* steps = qobject_cast<widgets::StepView*>(window.view(QStringLiteral("steps")));
        QCOMPARE(panel->paragraphCount(), 5);
        QCOMPARE(panel->paragraph(), 0);
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("Dividing by")));
        QVERIFY(!panel->previousButton()->isEnabled());
        // Paragraphs follow the stages, skipping the mask (the exam has none): QKᵀ, ÷√d_k, softmax, ×V.
        const int stages[] = {0, 1, 3, 4, 4};
        for (int p = 1; p < 5; ++p) {
            QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
            QCOMPARE(panel->paragraph(), p);
            QCOMPARE(steps->step(), stages[p]);
        }
        QVERIFY(!panel->nextButton()->isEnabled());
        QTest::mouseClick(panel->previousButton(), Qt::LeftButton);
        QTest::mouseClick(panel->previousButton(), Qt::LeftButton);
        QCOMPARE(panel->paragraph(), 2);
        QCOMPARE(steps->step(), 3);
    }

    void examToggleComparesExactExp()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        auto* extra = qobject_cast<app::ExamSoftmaxExtra*>(window.lessonPanel()->extra());
        QVERIFY(extra);
        QCOMPARE(extra->rowTexts(false), (QStringList{"9/26", "9/26", "2/13", "2/13", "11", "5/2"}));
        QCOMPARE(extra->table()->columnCount(), 1);
        QCOMPARE(extra->table()->rowCount(), 6); // a2,1 … a2,4, y2[1], y2[2]
        extra->toggle()->click();
        settle(window);
        QCOMPARE(extra->table()->columnCount(), 2); // both ways side by side
        QCOMPARE(extra->table()->item(0, 1)->text(), QStringLiteral("0.36553"));
        QVERIFY(window.state().input.expOverrides.isEmpty());
        const double e = std::exp(1.0);
        const model::Matrix& w = window.trace()->layers[0].heads[0].weights.toDouble();
        QVERIFY(std::abs(w(1, 0) - e / (2 * (e + 1))) < 1e-12);
        QVERIFY(std::abs(window.trace()->output(1, 0) - 13 * (2 * e + 1) / (2 * (e + 1))) < 1e-12);
        QCOMPARE(extra->rowTexts(true).mid(0, 2), (QStringList{"0.36553", "0.36553"}));
        extra->toggle()->click();
        settle(window);
        QCOMPARE(window.state().input.expOverrides, QStringLiteral("1/2 = 3/2"));
    }

    void persianPaneKeepsTheMathLeftToRight()
    {
        const auto lesson = app::builtInLesson(QStringLiteral("exam-softmax"));
        QVERIFY(lesson);
        app::LessonPanel panel;
        panel.setLesson(*lesson, QStringLiteral("fa"));
        // Paragraph 3 explains the answer of its question: shown once the question is revealed.
        panel.setParagraph(2);
        panel.revealQuestion(QStringLiteral("9/26"));
        panel.resize(1400, 700); // wide enough for the weights to stay on one line
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QLabel* title = panel.findChild<QLabel*>(QStringLiteral("lessonTitle"));
        QCOMPARE(title->text(), app::isolateLeftToRight(lesson->title.get("fa")));
        // Paragraph 3 gives the weights (9/26, 9/26, 2/13, 2/13), set as fractions with U+2044: the slash of
        // the first 9/26 stands left of the slash of the last 2/13, as in the English text.
        const QString weights = QStringLiteral("(9\u204426, 9\u204426, 2\u204413, 2\u204413)");
        bool found = false;
        for (QTextBlock block = panel.textView()->document()->begin(); block.isValid(); block = block.next()) {
            const qsizetype at = block.text().indexOf(weights);
            if (at < 0)
                continue;
            found = true;
            const int a = int(at + weights.indexOf(QChar(0x2044)));
            const int b = int(at + weights.lastIndexOf(QChar(0x2044)));
            const QTextLine lineA = block.layout()->lineForTextPosition(a);
            const QTextLine lineB = block.layout()->lineForTextPosition(b);
            QCOMPARE(lineA.lineNumber(), lineB.lineNumber());
            QVERIFY(lineA.cursorToX(a) < lineB.cursorToX(b));
        }
        QVERIFY(found);
    }

    void stagesSkipTheMaskOnlyWithoutAMask()
    {
        const auto exam = app::builtInLesson(QStringLiteral("exam-softmax"));
        const auto causal = app::builtInLesson(QStringLiteral("causal-mask"));
        QVERIFY(exam && causal);
        QCOMPARE(app::stageForParagraph(*exam, 2), 3);
        QCOMPARE(app::stageForParagraph(*causal, 2), 2);
        QCOMPARE(app::stageForParagraph(*causal, 9), 4);
        QCOMPARE(app::resolveQuery(QStringLiteral("IT"), {"the", "it"}), 1);
        QCOMPARE(app::resolveQuery(QStringLiteral("3"), {"a", "b"}), -1);
    }

    void browserIsNotShownUnderTests()
    {
        app::MainWindow window;
        window.showLessonsAtFirstStart(); // offscreen: never
        QVERIFY(!window.lessonBrowser());
        window.showLessonBrowser();
        QVERIFY(window.lessonBrowser() && window.lessonBrowser()->isVisible());
    }

    // With ATTNLAB_RENDER_DIR set, saves the browser and the lesson pane to look at.
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (dir.isEmpty())
            QSKIP("set ATTNLAB_RENDER_DIR to save screenshots");
        app::LessonBrowser browser;
        browser.resize(1300, 900);
        browser.show();
        browser.thumbnails()->waitForFinished();
        QTest::qWait(100);
        browser.grab().save(dir + QStringLiteral("/lesson-browser-en.png"));
        for (const char* language : {"ja", "fa"}) {
            browser.setLanguage(QLatin1String(language));
            QTest::qWait(100);
            browser.grab().save(dir + QStringLiteral("/lesson-browser-%1.png").arg(QLatin1String(language)));
        }
        browser.hide();

        app::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        for (const char* id :
             {"exam-softmax", "orthogonal-inputs", "dot-product-variance", "causal-mask", "shape-calculator", "input-memory"}) {
            QVERIFY(window.openLesson(QLatin1String(id)));
            settle(window);
            if (auto* exam = qobject_cast<app::ExamSoftmaxExtra*>(window.lessonPanel()->extra()))
                exam->toggle()->click();
            settle(window);
            QTest::qWait(300);
            window.grab().save(dir + QStringLiteral("/lesson-%1.png").arg(QLatin1String(id)));
        }
        window.setPresentationMode(true);
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        QTest::mouseClick(window.lessonPanel()->nextButton(), Qt::LeftButton);
        QTest::mouseClick(window.lessonPanel()->nextButton(), Qt::LeftButton);
        QTest::qWait(300);
        window.grab().save(dir + QStringLiteral("/lesson-exam-presentation.png"));
        auto* exam = qobject_cast<app::ExamSoftmaxExtra*>(window.lessonPanel()->extra());
        QVERIFY(exam);
        exam->toggle()->click();
        settle(window);
        QTest::qWait(300);
        window.lessonPanel()->grab().save(dir + QStringLiteral("/lesson-exam-presentation-exact.png"));
        window.setPresentationMode(false);
        window.lessonPanel()->setLanguage(QStringLiteral("fa"));
        QTest::qWait(100);
        window.lessonPanel()->grab().save(dir + QStringLiteral("/lesson-panel-fa.png"));
        window.lessonPanel()->setLanguage(QStringLiteral("ja"));
        QTest::qWait(100);
        window.lessonPanel()->grab().save(dir + QStringLiteral("/lesson-panel-ja.png"));
        window.lessonPanel()->setLanguage(QStringLiteral("en"));
        window.setDarkTheme(true);
        QTest::qWait(300);
        window.grab().save(dir + QStringLiteral("/lesson-exam-dark.png"));
        window.setDarkTheme(false);
    }
};

ATTNLAB_TEST_MAIN(TestLessonBrowser)
} // namespace tst_lesson_browser
#include "tst_lesson_browser.moc"
