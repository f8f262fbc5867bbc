// MainWindow's lessons: the lesson pane (a dock), Help ▸ Lessons…, the browser shown at the first start, and
// opening a lesson (its input, view and selection as one undo step).

#include "app/window/main_window.h"

#include "app/window/control_bar.h"
#include "app/window/language.h"
#include "app/lessons/lesson_browser.h"
#include "app/lessons/lesson_extras.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_workspace.h"
#include "app/lessons/lesson_catalog.h"
#include "widgets/views/step_view.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMenu>
#include <QSettings>

namespace attnlab::app {

void MainWindow::createLessonDock()
{
    m_lessonPanel = new LessonPanel(this);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonPanel);
    m_lessonPanel->setMinimumWidth(360);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    connect(m_lessonPanel, &LessonPanel::paragraphChanged, this, &MainWindow::lessonParagraphChanged);
    // Connected after the window's own traceReady handler, so the lesson's selection is applied to the new trace.
    connect(m_computer, &model::TraceComputer::traceReady, this, &MainWindow::applyLessonSelection);
    connect(m_computer, &model::TraceComputer::failed, this, [this] { m_lessonSelectionPending = false; });
}

void MainWindow::addLessonActions(QMenu* help)
{
    QAction* lessons = help->addAction(tr("&Lessons…"), this, &MainWindow::showLessonBrowser);
    lessons->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)});
    lessons->setToolTip(tr("Built-in lessons: each opens its input, its view and a pane that walks through it"));
    QAction* pane = m_lessonDock->toggleViewAction();
    pane->setText(tr("Lesson &Pane"));
    help->addAction(pane);
    help->addSeparator();
}

bool MainWindow::openLesson(const QString& id)
{
    const auto lesson = builtInLesson(id);
    const auto workspace = lesson ? builtInLessonWorkspace(*lesson, m_state) : model::Result<LessonWorkspace>::failure(lesson.error());
    if (!workspace) {
        computeFailed(workspace.error());
        return false;
    }
    m_lessonPanel->setLesson(*lesson, currentLanguage());
    m_lessonPanel->setNote(workspace->note);
    QWidget* extra = createLessonExtra(*lesson, m_lessonPanel);
    if (auto* exam = qobject_cast<ExamSoftmaxExtra*>(extra))
        connect(exam, &ExamSoftmaxExtra::exactExpToggled, this, &MainWindow::setExactExp);
    m_lessonPanel->setExtra(extra);
    m_lessonSelectionPending = true;
    setWorkspace(workspace->state);
    if (lesson->exact)
        m_controls->setExact(true);
    showView(lesson->view);
    if (auto* steps = qobject_cast<widgets::StepView*>(view(QStringLiteral("steps"))); steps && lesson->step)
        steps->setStep(*lesson->step - 1);
    m_lessonDock->show();
    m_lessonDock->raise();
    return true;
}

void MainWindow::applyLessonSelection()
{
    if (!m_lessonSelectionPending || !m_trace)
        return;
    m_lessonSelectionPending = false;
    const model::Lesson& lesson = m_lessonPanel->lesson();
    if (lesson.layer || lesson.head)
        m_controls->setLayerHead(lesson.layer.value_or(1) - 1, lesson.head.value_or(1) - 1);
    if (const int query = resolveQuery(lesson.query, m_trace->tokens); query >= 0)
        selectQuery(query);
}

void MainWindow::lessonParagraphChanged(int paragraph)
{
    // A lesson about the steps of attention moves the step view with its text.
    const model::Lesson& lesson = m_lessonPanel->lesson();
    if (lesson.view != QLatin1String("steps"))
        return;
    if (auto* steps = qobject_cast<widgets::StepView*>(view(QStringLiteral("steps"))))
        steps->setStep(stageForParagraph(lesson, paragraph));
}

void MainWindow::setExactExp(bool exact)
{
    // Exact exp: the lesson's matrices without its exp overrides; off: the overrides the lesson gives.
    const auto workspace = builtInLessonWorkspace(m_lessonPanel->lesson(), m_state);
    if (!workspace)
        return;
    WorkspaceState state = m_state;
    state.input.expOverrides = exact ? QString() : workspace->state.input.expOverrides;
    if (state != m_state)
        setWorkspace(state);
}

void MainWindow::showLessonBrowser()
{
    if (!m_lessonBrowser) {
        m_lessonBrowser = new LessonBrowser(this);
        connect(m_lessonBrowser, &LessonBrowser::lessonChosen, this, &MainWindow::openLesson);
    }
    m_lessonBrowser->setLanguage(currentLanguage());
    m_lessonBrowser->show();
    m_lessonBrowser->raise();
    m_lessonBrowser->activateWindow();
}

void MainWindow::showLessonsAtFirstStart()
{
    // Never under the offscreen platform (tests, batch runs): nobody would close the dialog.
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        return;
    QSettings settings;
    if (settings.value(QStringLiteral("lessons/shown"), false).toBool())
        return;
    settings.setValue(QStringLiteral("lessons/shown"), true);
    showLessonBrowser();
}

} // namespace attnlab::app
