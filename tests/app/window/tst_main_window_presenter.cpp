// Tests app/window/main_window_presenter.cpp, app/lessons/presenter_window.cpp and the lesson parts of
// app/window/presentation_mode.cpp through the window: a lesson step's presenter notes reach the presenter window
// (with its question's answer and the next step) and, with one screen while presenting, a strip that starts hidden
// and Ctrl+Alt+N toggles; they never reach the lesson pane or the caption; a step's zoom scales presentation
// mode's fonts and its panels choose the bar, the caption and the input panel, carried forward to later steps.

#include "app/lessons/lesson_panel.h"
#include "app/lessons/presenter_window.h"
#include "app/window/main_window.h"
#include "app/window/presentation_mode.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/views/trace_view.h"
#include "app/lesson_files.h"
#include "test_registry.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

namespace tst_main_window_presenter {

using namespace attnlab;

namespace {

void settlePresenter(app::MainWindow& window)
{
    for (int i = 0; i < 2; ++i) {
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
    }
}

// Three steps on the toy model: notes and a number question on the first, zoom and panels on the second (the
// third carries them on).
const char* const kPresenterLesson = R"({
  "format": "attnlab-lesson", "version": 2, "id": "presenter", "title": {"en": "Presenter"},
  "view": "heatmap", "input": {"text": "The cat sat on the mat"}, "query": "sat",
  "steps": [
    {"text": {"en": "Rows sum to one."}, "notes": {"en": "Ask the room first: SECRET-NOTE."},
     "question": {"kind": "number", "prompt": {"en": "How many tokens?"}, "answer": 6, "tolerance": 0}},
    {"text": {"en": "Bigger now."}, "presentation": {"zoom": 1.5, "panels": ["caption", "input"]}},
    {"text": {"en": "Still bigger."}}
  ]})";

} // namespace

class TestMainWindowPresenter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_presenter"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void notesForTheLecturerOnly()
    {
        QTemporaryDir dir;
        const QString lessonFile = test::writeLessonFile(dir, QStringLiteral("presenter.attnlab-lesson"), kPresenterLesson);
        app::MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLessonFile(lessonFile));
        settlePresenter(window);

        // Outside presentation mode Ctrl+Alt+N opens the presenter window: step 1's notes, its answer, what follows.
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier | Qt::AltModifier);
        app::PresenterWindow* presenter = window.presenterWindow();
        QVERIFY(presenter->isVisible());
        QVERIFY2(presenter->positionText().contains(QStringLiteral("1 / 3")), qPrintable(presenter->positionText()));
        QVERIFY2(presenter->notesText().contains(QStringLiteral("SECRET-NOTE")), qPrintable(presenter->notesText()));
        QCOMPARE(presenter->answerText(), QStringLiteral("Answer: 6"));
        QCOMPARE(presenter->nextText(), QStringLiteral("Next: Bigger now."));
        const QString renders = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (!renders.isEmpty())
            presenter->grab().save(renders + QStringLiteral("/presenter-window.png"));
        // The pane (seen by the room) does not carry them.
        QVERIFY(!window.lessonPanel()->grab().isNull());
        for (QWidget* child : window.lessonPanel()->findChildren<QWidget*>()) {
            if (auto* label = qobject_cast<QLabel*>(child))
                QVERIFY2(!label->text().contains(QStringLiteral("SECRET-NOTE")), qPrintable(label->text()));
            if (auto* browser = qobject_cast<QTextBrowser*>(child))
                QVERIFY(!browser->toPlainText().contains(QStringLiteral("SECRET-NOTE")));
        }
        // Step 2 has no notes and no question; the window follows the lesson.
        window.lessonPanel()->setParagraph(1);
        QVERIFY(presenter->notesText().contains(QStringLiteral("No notes for this step.")));
        QCOMPARE(presenter->answerText(), QString());
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(!presenter->isVisible());
        window.lessonPanel()->setParagraph(0);

        // Presenting on one screen (offscreen has one): the notes are a strip that starts hidden.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.setPresentationMode(true);
        QTest::qWait(50);
        app::PresentationMode* presentation = window.presentation();
        QVERIFY(presentation->bar()->isVisible());
        QVERIFY(!presentation->notes()->isVisible());
        QVERIFY(!presentation->caption()->text().contains(QStringLiteral("SECRET-NOTE")));
        const double usualScale = window.view(window.currentViewName())->viewStyle().fontScale();
        QCOMPARE(usualScale, 1.6);
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(presentation->notes()->isVisible());
        QVERIFY(presentation->notes()->text().contains(QStringLiteral("SECRET-NOTE")));
        QVERIFY(!presenter->isVisible()); // the strip, not the window behind the figure
        if (!renders.isEmpty())
            window.grab().save(renders + QStringLiteral("/presenter-strip.png"));

        // Step 2: zoom 1.5 makes presentation fonts half as large again; its panels show the caption and the input, not the bar.
        window.lessonPanel()->setParagraph(1);
        QTest::qWait(50);
        QCOMPARE(window.view(window.currentViewName())->viewStyle().fontScale(), 1.5 * usualScale);
        QVERIFY(!presentation->bar()->isVisible());
        QVERIFY(presentation->caption()->isVisible());
        auto* input = window.findChild<QDockWidget*>(QStringLiteral("inputDock"));
        QVERIFY(input);
        QTRY_VERIFY(input->isVisible());
        QVERIFY(!presentation->notes()->isVisible()); // step 2 has no notes
        if (!renders.isEmpty())
            window.grab().save(renders + QStringLiteral("/presenter-zoom.png"));
        // Step 3 keeps step 2's settings.
        window.lessonPanel()->setParagraph(2);
        QCOMPARE(window.view(window.currentViewName())->viewStyle().fontScale(), 1.5 * usualScale);
        QVERIFY(!presentation->bar()->isVisible());
        // Back to step 1: the window's own again.
        window.lessonPanel()->setParagraph(0);
        QTest::qWait(50);
        QCOMPARE(window.view(window.currentViewName())->viewStyle().fontScale(), usualScale);
        QVERIFY(presentation->bar()->isVisible());
        QTRY_VERIFY(!input->isVisible());

        // Leaving: the window as it was, and a closed lesson resets the zoom.
        window.setPresentationMode(false);
        QVERIFY(!presentation->notes()->isVisible());
        QVERIFY(!presentation->bar()->isVisible());
    }
};

ATTNLAB_TEST_MAIN(TestMainWindowPresenter)
} // namespace tst_main_window_presenter
#include "tst_main_window_presenter.moc"
