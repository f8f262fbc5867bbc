#include "app/lessons/lesson_controller.h"

#include "app/lessons/lesson_browser.h"
#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_extras.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_problems.h"
#include "app/lessons/lesson_text.h"
#include "app/lessons/lesson_workspace.h"
#include "app/window/language.h"
#include "app/workspace/workspace.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QMessageBox>
#include <QUndoStack>

#include <algorithm>

namespace attnlab::app {

LessonController::LessonController(QMainWindow* window, Workspace* workspace, widgets::StepView* steps,
                                   std::function<void(const QString&)> showView, QObject* parent)
    : QObject(parent), m_window(window), m_workspace(workspace), m_steps(steps), m_showView(std::move(showView))
{
    m_panel = new LessonPanel(window);
    m_dock = new QDockWidget(tr("Lesson"), window);
    m_dock->setObjectName(QStringLiteral("lessonDock"));
    m_dock->setWidget(m_panel);
    m_panel->setMinimumWidth(360);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    m_dock->toggleViewAction()->setEnabled(false);
    connect(m_panel, &LessonPanel::paragraphChanged, this, &LessonController::paragraphChanged);
    connect(m_panel, &LessonPanel::questionChanged, this, &LessonController::updateQuestion);
    connect(m_panel, &LessonPanel::revealRequested, this, [this] { m_panel->revealQuestion(figureAnswerText()); });
    if (m_steps) setViews({m_steps});
    if (m_steps)
        connect(m_steps, &widgets::StepView::stepChanged, this, &LessonController::stepChanged);
    connect(m_workspace, &Workspace::stateApplied, this, &LessonController::workspaceChanged);
    connect(m_workspace->undoStack(), &QUndoStack::indexChanged, this,
            [this] { workspaceChanged(m_workspace->state()); });
}

void LessonController::setViews(const std::vector<widgets::TraceView*>& views)
{
    for (widgets::TraceView* view : m_views) { // only these: the step view's stepChanged stays connected
        disconnect(view, &widgets::TraceView::keyClicked, this, &LessonController::keyClicked);
        disconnect(view, &widgets::TraceView::headClicked, this, &LessonController::headClicked);
    }
    m_views = views;
    for (widgets::TraceView* view : m_views) {
        connect(view, &widgets::TraceView::keyClicked, this, &LessonController::keyClicked);
        connect(view, &widgets::TraceView::headClicked, this, &LessonController::headClicked);
    }
    updateQuestion();
}

void LessonController::setPresenting(bool presenting)
{
    m_panel->setPresenting(presenting);
}

widgets::TraceView* LessonController::questionView() const
{
    const model::Lesson& lesson = m_panel->lesson();
    QString name = lesson.view;
    for (int i = 0; i <= m_panel->paragraph() && i < m_panel->paragraphCount(); ++i)
        if (!lesson.steps[size_t(i)].view.isEmpty()) name = lesson.steps[size_t(i)].view;
    for (widgets::TraceView* view : m_views)
        if (view->viewName() == name) return view;
    return nullptr;
}

void LessonController::updateQuestion()
{
    const model::LessonQuestion* question = m_open ? m_panel->currentQuestion() : nullptr;
    const bool waiting = question && m_panel->questionWaiting();
    using Kind = model::LessonQuestion::Kind;
    const widgets::AnswerClicks clicks = !waiting                   ? widgets::AnswerClicks::None
                                         : question->kind == Kind::Key  ? widgets::AnswerClicks::Key
                                         : question->kind == Kind::Head ? widgets::AnswerClicks::Head
                                                                        : widgets::AnswerClicks::None;
    // Every view, not only the step's: a learner who switches tabs would find the answer in another figure.
    for (widgets::TraceView* view : m_views) {
        view->setAnswersHidden(waiting);
        view->setAnswerClicks(clicks);
    }
    emit captionChanged();
}

namespace {
// The key a head question names ("it", "3") among the trace's key tokens, 0-based, or −1.
int questionKeyIndex(const model::LessonQuestion& question, const model::Trace& trace)
{
    return resolveQuery(question.key, trace.keyTokens());
}
} // namespace

QString LessonController::figureAnswerText() const
{
    const model::LessonQuestion* question = m_panel->currentQuestion();
    const widgets::TraceView* view = questionView();
    if (!question || !view || !view->trace()) return {};
    const model::Trace& trace = *view->trace();
    if (question->kind == model::LessonQuestion::Kind::Key)
        return keyAnswerText(trace, rightQuestionKeys(trace, view->selection()));
    if (question->kind == model::LessonQuestion::Kind::Head)
        return headAnswerText(rightQuestionHeads(trace, view->selection(), questionKeyIndex(*question, trace),
                                                 view->viewName() == QLatin1String("heads")));
    return {};
}

void LessonController::keyClicked(int key)
{
    const model::LessonQuestion* question = m_panel->currentQuestion();
    auto* view = qobject_cast<widgets::TraceView*>(sender());
    if (!m_panel->questionWaiting() || !question || question->kind != model::LessonQuestion::Kind::Key || !view ||
        !view->trace())
        return;
    const std::vector<int> right = rightQuestionKeys(*view->trace(), view->selection());
    if (right.empty()) return; // no query to ask about: nothing to grade
    m_panel->answerQuestion(std::find(right.begin(), right.end(), key) != right.end(),
                            keyAnswerText(*view->trace(), right));
}

void LessonController::headClicked(int layer, int head)
{
    const model::LessonQuestion* question = m_panel->currentQuestion();
    auto* view = qobject_cast<widgets::TraceView*>(sender());
    if (!m_panel->questionWaiting() || !question || question->kind != model::LessonQuestion::Kind::Head || !view ||
        !view->trace())
        return;
    const std::vector<std::pair<int, int>> right =
        rightQuestionHeads(*view->trace(), view->selection(), questionKeyIndex(*question, *view->trace()),
                           view->viewName() == QLatin1String("heads"));
    if (right.empty()) return;
    m_panel->answerQuestion(std::find(right.begin(), right.end(), std::pair{layer, head}) != right.end(),
                            headAnswerText(right));
}

void LessonController::addActions(QMenu* help)
{
    QAction* lessons = help->addAction(tr("&Lessons…"), this, &LessonController::showBrowser);
    lessons->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)});
    lessons->setToolTip(tr("Built-in lessons: each opens its input, its view and a pane that walks through it"));
    QAction* pane = m_dock->toggleViewAction();
    pane->setText(tr("Lesson &Pane"));
    help->addAction(pane);
    help->addSeparator();
}

bool LessonController::openLesson(const QString& id)
{
    const auto lesson = builtInLesson(id);
    if (!lesson) {
        emit failed(lesson.error());
        return false;
    }
    return openLesson(*lesson);
}

bool LessonController::openLessonFile(const QString& path)
{
    const std::vector<model::LessonProblem> problems = validateLessonFileWithModels(path);
    if (!problems.empty()) {
        emit problemsShown(showLessonProblems(m_window, path, problems));
        return false;
    }
    const auto lesson = model::readLesson(path);
    if (!lesson) {
        emit failed(lesson.error());
        return false;
    }
    return openLesson(*lesson);
}

bool LessonController::openLesson(const model::Lesson& opened)
{
    const model::Lesson* lesson = &opened;
    const auto workspace = openedLessonWorkspace(*lesson, m_workspace->state());
    if (!workspace) {
        emit failed(workspace.error());
        return false;
    }
    m_panel->setLesson(*lesson, currentLanguage());
    m_panel->setNote(workspace->note);
    QWidget* extra = createLessonExtra(*lesson, m_panel);
    if (auto* exam = qobject_cast<ExamSoftmaxExtra*>(extra))
        connect(exam, &ExamSoftmaxExtra::exactExpToggled, this, &LessonController::setExactExp);
    m_panel->setExtra(extra);

    SelectionRequest selection;
    if (lesson->layer || lesson->head) {
        selection.layer = lesson->layer.value_or(1) - 1;
        selection.head = lesson->head.value_or(1) - 1;
    }
    selection.queryToken = lesson->query;
    // The step view starts where the pane does, at its first paragraph; other lessons' step is the figure's.
    if (isStepsLesson(*lesson))
        selection.step = stageForParagraph(*lesson, 0);
    else if (lesson->step)
        selection.step = *lesson->step - 1;
    if (lesson->exact)
        selection.exact = true;
    // The first step may move the figure too: its parts win over the lesson's.
    if (!lesson->steps.empty() && lesson->steps.front().movesFigure()) {
        const SelectionRequest first = stepSelection(lesson->steps.front(), 0);
        if (first.layer) selection.layer = first.layer;
        if (first.head) selection.head = first.head;
        if (!first.queryToken.isEmpty()) selection.queryToken = first.queryToken;
        if (first.step) selection.step = first.step;
    }

    m_open = false; // the new input is the lesson's, not a departure from the previous one
    m_workspace->selectOnNextTrace(selection);
    m_workspace->load(workspace->state, tr("Open lesson"));
    m_lessonInput = m_workspace->state().input;
    m_open = true;
    if (lesson->patching) emit patchingInputsChosen(*lesson->patching);
    m_showView(!lesson->steps.empty() && !lesson->steps.front().view.isEmpty() ? lesson->steps.front().view : lesson->view);
    m_dock->toggleViewAction()->setEnabled(true);
    m_dock->show();
    m_dock->raise();
    updateQuestion(); // emits captionChanged
    return true;
}

void LessonController::close()
{
    m_open = false;
    m_dock->hide();
    m_dock->toggleViewAction()->setEnabled(false);
    updateQuestion(); // the figures show their answers again; emits captionChanged
}

QString LessonController::captionHtml() const
{
    if (!m_open || m_panel->paragraphCount() == 0)
        return {};
    return lessonCaptionHtml(m_panel->paragraphText(m_panel->paragraph()), m_panel->paragraph() + 1, m_panel->paragraphCount(),
                             isRightToLeftLanguage(m_panel->lesson().language(m_panel->language())));
}

void LessonController::workspaceChanged(const WorkspaceState& state)
{
    // Typing another sentence keeps the lesson (a lecturer varies its example); another kind of input does not,
    // nor another model, except in a lesson about training, which ends with the model just trained opened in the
    // workspace (the Train window's Open in Workspace).
    const bool modelLeft = state.input.modelName != m_lessonInput.modelName && !m_panel->lesson().training;
    if (m_open && (state.input.mode != m_lessonInput.mode || modelLeft))
        close();
}

SelectionRequest LessonController::stepSelection(const model::LessonStep& step, int paragraph) const
{
    SelectionRequest selection;
    if (step.layer) selection.layer = *step.layer - 1;
    if (step.head) selection.head = *step.head - 1;
    selection.queryToken = step.query;
    if (step.step)
        selection.step = *step.step - 1;
    else if (isStepsLesson(m_panel->lesson()) && (step.view.isEmpty() || step.view == QLatin1String("steps")))
        selection.step = stageForParagraph(m_panel->lesson(), paragraph);
    return selection;
}

void LessonController::paragraphChanged(int paragraph)
{
    emit captionChanged();
    // A step that says where the figure goes (its view, layer, head, query or stage) moves it there.
    const model::LessonStep& step = m_panel->lesson().steps[size_t(paragraph)];
    if (step.movesFigure()) {
        if (!step.view.isEmpty())
            m_showView(step.view);
        emit selectionChosen(stepSelection(step, paragraph));
        return;
    }
    // A lesson about the steps of attention moves the step view with its text.
    if (m_steps && isStepsLesson(m_panel->lesson()))
        m_steps->setStep(stageForParagraph(m_panel->lesson(), paragraph));
}

void LessonController::stepChanged(int step)
{
    // And the step view, moved with the arrow keys, moves the text to the first paragraph about that stage.
    if (!m_open || !isStepsLesson(m_panel->lesson()) || stageForParagraph(m_panel->lesson(), m_panel->paragraph()) == step)
        return;
    for (int paragraph = 0; paragraph < m_panel->paragraphCount(); ++paragraph)
        if (stageForParagraph(m_panel->lesson(), paragraph) == step) {
            m_panel->setParagraph(paragraph);
            return;
        }
}

void LessonController::setExactExp(bool exact)
{
    // Exact exp: the lesson's matrices without its exp overrides; off: the overrides the lesson gives.
    const auto workspace = openedLessonWorkspace(m_panel->lesson(), m_workspace->state());
    if (!workspace)
        return;
    WorkspaceState state = m_workspace->state();
    state.input.expOverrides = exact ? QString() : workspace->state.input.expOverrides;
    if (state != m_workspace->state())
        m_workspace->load(state, tr("Exact exp"));
}

void LessonController::showBrowser()
{
    if (!m_browser) {
        m_browser = new LessonBrowser(m_window);
        connect(m_browser, &LessonBrowser::lessonChosen, this, qOverload<const QString&>(&LessonController::openLesson));
    }
    m_browser->setLanguage(currentLanguage());
    m_browser->show();
    m_browser->raise();
    m_browser->activateWindow();
}

void LessonController::showAtFirstStart()
{
    // Never under the offscreen platform (tests, batch runs): nobody would close the dialog.
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        return;
    QSettings settings;
    if (settings.value(QStringLiteral("lessons/shown"), false).toBool())
        return;
    settings.setValue(QStringLiteral("lessons/shown"), true);
    showBrowser();
}

} // namespace attnlab::app

#include "moc_lesson_controller.cpp"
