#include "app/window/main_window.h"

#include "app/window/comparison_tab.h"

#include "widgets/views/comparison_view.h"
#include "widgets/views/patching_view.h"
#include "widgets/views/rollout_view.h"

#include "app/training/train_window.h"

#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_editor.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_workspace.h"
#include "app/session/session_controller.h"
#include "app/window/ablation_bar.h"
#include "app/window/compute_status.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/window/model_info_panel.h"
#include "app/window/presentation_mode.h"
#include "app/workspace/workspace.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/controls/fade_overlay.h"
#include "widgets/controls/token_strip.h"
#include "widgets/drawing/application_palette.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QScrollArea>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace attnlab::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("AttnLab"));
    setObjectName(QStringLiteral("mainWindow"));
    m_workspace = new Workspace(this);
    m_sessions = new SessionController(this, this);

    m_input = new InputPanel(this);
    auto* dock = new QDockWidget(tr("Input"), this);
    dock->setObjectName(QStringLiteral("inputDock"));
    dock->setWidget(m_input);
    m_input->setMinimumWidth(340);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_info = new ModelInfoPanel(this);
    auto* infoDock = new QDockWidget(tr("Model"), this);
    infoDock->setObjectName(QStringLiteral("modelDock"));
    // Scrolled, so that its rows (sixteen for a Gemma 3) never make the window taller than a 720-pixel screen.
    auto* infoScroll = new QScrollArea(infoDock);
    infoScroll->setWidget(m_info);
    infoScroll->setWidgetResizable(true);
    infoScroll->setFrameShape(QFrame::NoFrame);
    infoDock->setWidget(infoScroll);
    addDockWidget(Qt::LeftDockWidgetArea, infoDock);
    m_controls = new ControlBar(this);
    addToolBar(Qt::TopToolBarArea, m_controls);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    // What is switched off, over the tokens whose predictions it changes (shown only while something is off).
    m_ablationBar = new AblationBar(central);
    layout->addWidget(m_ablationBar);
    m_tokens = new widgets::TokenStrip(central);
    layout->addWidget(m_tokens);
    m_staleNote = new QLabel(central);
    m_staleNote->setObjectName(QStringLiteral("staleNote"));
    m_staleNote->setWordWrap(true);
    m_staleNote->setText(tr("⚠ The current input did not run (the status bar says why): the views show the "
                            "previous input's result, dimmed."));
    m_staleNote->hide();
    layout->addWidget(m_staleNote);
    m_tabs = new QTabWidget(central);
    m_staleFade = new widgets::FadeOverlay(m_tabs, 0.45); // the views of a stale trace, dimmed
    for (const QString& name : widgets::viewNames()) {
        std::unique_ptr<widgets::TraceView> view = widgets::createView(name, m_tabs);
        widgets::TraceView* raw = view.release(); // owned by the tab widget from here on
        // "Queries & keys": a tab's & is a mnemonic unless doubled.
        m_tabs->addTab(raw, widgets::viewTitle(name).replace(QLatin1Char('&'), QStringLiteral("&&")));
        m_views.push_back(raw);
        connect(raw, &widgets::TraceView::querySelected, this, &MainWindow::selectQuery);
        connect(raw, &widgets::TraceView::headToggled, this, &MainWindow::toggleHead);
        connect(raw, &widgets::TraceView::maskCellToggled, this, &MainWindow::toggleMaskCell);
        connect(raw, &widgets::TraceView::layerHeadSelected, this, &MainWindow::selectLayerHead);
        connect(raw, &widgets::TraceView::analysesChanged, this, &MainWindow::requestViewAnalyses);
        connect(raw, &widgets::TraceView::headMenuRequested, this, &MainWindow::showHeadMenu);
        if (auto* rollout = qobject_cast<widgets::RolloutView*>(raw))
            connect(rollout, &widgets::RolloutView::modeChanged, this, &MainWindow::requestViewAnalyses);
    }
    // Compare: the input beside a second text, B (after the views, which it is not one of).
    m_comparison = new ComparisonTab(m_workspace, m_tabs);
    m_tabs->addTab(m_comparison, tr("Compare"));
    connect(m_comparison, &ComparisonTab::analysesChanged, this, &MainWindow::requestViewAnalyses);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_presentation = new PresentationMode(this, layout, m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        requestViewAnalyses();
        m_presentation->setStatus(presentationStatus());
        if (m_presentation->isActive() && m_tabs->currentWidget())
            m_tabs->currentWidget()->setFocus(); // the arrows go to the view shown
    });

    m_computeStatus = new ComputeStatus(m_workspace, statusBar(), this);
    createModelLoading(); // main_window_models.cpp
    m_lessons = new LessonController(this, m_workspace, qobject_cast<widgets::StepView*>(view(QStringLiteral("steps"))),
                                     [this](const QString& name) { showView(name); }, this);
    m_lessons->setViews(m_views); // a step's question hides the answers of every view and takes their clicks
    connect(m_lessons, &LessonController::failed, m_computeStatus, [this](const QString& message) {
        m_computeStatus->showError(message);
    });
    connect(m_lessons, &LessonController::patchingInputsChosen, this, [this](const model::PatchingInputs& inputs) {
        if (auto* patching = qobject_cast<widgets::PatchingView*>(view(QStringLiteral("patching"))))
            patching->setInputs(inputs);
    });
    connect(m_lessons, &LessonController::selectionChosen, this, &MainWindow::applySelection);
    connect(m_lessons, &LessonController::captionChanged, this,
            [this] { m_presentation->setCaption(m_lessons->captionHtml()); });
    // A lesson about training opens the Train window on its task and size (main_window_training.cpp).
    connect(m_lessons->panel(), &LessonPanel::trainRequested, this, &MainWindow::showTrainWindow);

    connect(m_input, &InputPanel::changed, this, &MainWindow::inputEdited);
    connect(m_controls, &ControlBar::computeChanged, this, &MainWindow::computeEdited);
    connect(m_controls, &ControlBar::selectionChanged, this, &MainWindow::selectionEdited);
    connect(m_controls, &ControlBar::exactChanged, this, [this](bool exact) {
        m_style.exact = exact;
        applyStyle();
    });
    connect(m_tokens, &widgets::TokenStrip::querySelected, this, &MainWindow::selectQuery);
    connect(m_workspace, &Workspace::stateApplied, this, &MainWindow::stateApplied);
    connect(m_workspace, &Workspace::inputChecked, m_input, &InputPanel::markErrors);
    connect(m_workspace, &Workspace::inputChecked, this, &MainWindow::showModelInfo);
    connect(m_workspace, &Workspace::traceReady, this, &MainWindow::traceReady);
    connect(m_workspace, &Workspace::selectionRequested, this, &MainWindow::applySelection);
    connect(m_workspace, &Workspace::failed, this, [this] { setStale(true); });
    connect(m_workspace, &Workspace::cancelled, this, [this] { setStale(true); });

    createMenus();
    // The first start fills at most the screen it opens on: a 1280 × 720 projector gets the whole window, Stop
    // button and status bar included. Later starts restore the size the user left (readSettings).
    resize(QSize(1400, 900).boundedTo(screen()->availableGeometry().size()));
    refreshModelChoices();
    readSettings();
    applyStyle();
    WorkspaceState initial;
    initial.input = m_input->state();
    initial.compute = m_controls->computeState();
    requestViewAnalyses();
    m_workspace->start(initial);
}

MainWindow::~MainWindow()
{
    // Gone before the undo stack, whose clearing on destruction would otherwise retitle a half-destroyed window.
    delete m_sessions;
    m_sessions = nullptr;
}

const WorkspaceState& MainWindow::state() const
{
    return m_workspace->state();
}

QUndoStack* MainWindow::undoStack() const
{
    return m_workspace->undoStack();
}

model::TraceComputer* MainWindow::computer() const
{
    return m_workspace->computer();
}

model::ModelLoader* MainWindow::modelLoader() const
{
    return m_workspace->loader();
}

widgets::TraceView* MainWindow::view(const QString& name) const
{
    for (widgets::TraceView* v : m_views)
        if (v->viewName() == name)
            return v;
    return nullptr;
}

void MainWindow::showView(const QString& name)
{
    if (widgets::TraceView* v = view(name))
        m_tabs->setCurrentWidget(v);
}

void MainWindow::setWorkspace(const WorkspaceState& state)
{
    m_workspace->load(state, tr("Load"));
}

void MainWindow::inputEdited(bool typing)
{
    const InputState input = m_input->state();
    const WorkspaceState& current = m_workspace->state();
    if (input.modelName != current.input.modelName && !model::isToyModel(input.modelName) &&
        !m_workspace->loader()->holds(input.modelName)) {
        // The current model stays until the new one has loaded (the workspace then makes the change).
        m_input->setState(current.input);
        openModel(input.modelName);
        return;
    }
    WorkspaceState state = current;
    state.input = input;
    m_workspace->edit(state, typing ? tr("Typing") : tr("Edit input"), typing);
    showAblation(); // another model drops what was switched off (Workspace::edit)
}

void MainWindow::computeEdited()
{
    WorkspaceState state = m_workspace->state();
    const ComputeState before = state.compute;
    state.compute = m_controls->computeState();
    state.compute.maxTokens = before.maxTokens; // not control bar settings
    state.compute.maxLayers = before.maxLayers;
    state.compute.ablation = before.ablation;
    m_workspace->edit(state, tr("Change settings"));
}

void MainWindow::stateApplied(const WorkspaceState& state)
{
    m_input->setState(state.input);
    m_controls->setComputeState(state.compute);
    showAblation();
}

void MainWindow::traceReady(std::shared_ptr<const model::Trace> trace)
{
    const bool tokensChanged = !m_trace || m_trace->tokens != trace->tokens;
    // Exact display belongs to matrix problems: on when one appears, off again when a sentence follows.
    const bool exactChanged = !m_trace || m_trace->exact != trace->exact;
    m_trace = std::move(trace);
    setStale(false);
    if (tokensChanged)
        m_selection.hiddenHeads.clear();
    m_tokens->setTokens(m_trace->tokens);
    m_tokens->setUnknownCharacters(m_trace->unknownCharacters);
    m_tokens->setPredictions(m_trace->predictions, m_trace->predictsNextToken);
    m_tokens->setAblationEffects(m_trace->ablationEffects);
    const int heads = m_trace->layers.empty() ? 0 : int(m_trace->layers.front().heads.size());
    m_controls->setCounts(int(m_trace->layers.size()), heads);
    if (exactChanged && m_controls->exact() != m_trace->exact)
        m_controls->setExact(m_trace->exact);
    m_selection.layer = m_controls->layer();
    m_selection.head = m_controls->head();
    m_selection = model::clampSelection(m_selection, *m_trace);
    m_tokens->setSelected(m_selection.query);
    for (widgets::TraceView* v : m_views)
        v->setTrace(m_trace);
    m_comparison->setTraceA(m_trace);
    pushViews();
    m_computeStatus->showTrace(*m_trace);
    showAblation(); // the state's: an edit of the input may have switched everything back on
}

void MainWindow::applySelection(const SelectionRequest& selection)
{
    if (selection.exact)
        m_controls->setExact(*selection.exact);
    if (selection.layer || selection.head)
        m_controls->setLayerHead(selection.layer.value_or(m_selection.layer), selection.head.value_or(m_selection.head));
    m_selection.layer = m_controls->layer();
    m_selection.head = m_controls->head();
    if (selection.query)
        m_selection.query = *selection.query;
    else if (!selection.queryToken.isEmpty() && m_trace)
        if (const int query = resolveQuery(selection.queryToken, m_trace->tokens); query >= 0)
            m_selection.query = query;
    if (m_trace)
        m_selection = model::clampSelection(m_selection, *m_trace);
    m_tokens->setSelected(m_selection.query);
    pushViews();
    if (selection.step)
        if (auto* steps = qobject_cast<widgets::StepView*>(view(QStringLiteral("steps"))))
            steps->setStep(*selection.step);
}

void MainWindow::setStale(bool stale)
{
    // Only a trace that is there can be stale; before the first one the views say there is none.
    stale = stale && m_trace;
    if (stale == m_stale)
        return;
    m_stale = stale;
    m_staleNote->setVisible(stale);
    m_staleFade->setFaded(stale);
}

void MainWindow::selectionEdited()
{
    m_selection.layer = m_controls->layer();
    m_selection.head = m_controls->head();
    pushViews();
}

void MainWindow::selectQuery(int query)
{
    m_selection.query = query;
    m_tokens->setSelected(query);
    pushViews();
}

void MainWindow::toggleHead(int head, bool visible)
{
    if (visible)
        m_selection.hiddenHeads.remove(head);
    else
        m_selection.hiddenHeads.insert(head);
    pushViews();
}

void MainWindow::toggleMaskCell(int query, int key)
{
    if (!m_trace || m_trace->layers.empty() || m_trace->layers.front().heads.empty())
        return;
    // Start the custom mask from the mask in force, so that clicking edits what the user sees.
    ComputeState compute = m_controls->computeState();
    const model::BoolMatrix& shown = m_trace->layers.front().heads.front().allowed;
    model::BoolMatrix& custom = compute.mask.custom;
    if (compute.mask.kind != model::MaskKind::Custom || custom.rows() != shown.rows() || custom.cols() != shown.cols())
        custom = shown;
    if (query < 0 || key < 0 || query >= custom.rows() || key >= custom.cols())
        return;
    custom(query, key) = !custom(query, key);
    compute.mask.kind = model::MaskKind::Custom;
    m_controls->setComputeState(compute);
    computeEdited();
}

void MainWindow::selectLayerHead(int layer, int head)
{
    m_controls->setLayerHead(layer, head);
    // The grids of heads open the head they were clicked on.
    if (sender() == view(QStringLiteral("model")) || sender() == view(QStringLiteral("roles")) ||
        sender() == view(QStringLiteral("effects")))
        showView(QStringLiteral("heatmap"));
}

void MainWindow::requestViewAnalyses()
{
    if (m_comparison && m_tabs->currentWidget() == m_comparison) {
        m_workspace->setAnalyses(m_comparison->analysesNeeded()); // what A's panel draws
        return;
    }
    const auto* shown = qobject_cast<const widgets::TraceView*>(m_tabs->currentWidget());
    m_workspace->setAnalyses(shown ? shown->analysesNeeded() : model::AnalysisRequest{});
}

widgets::TraceView* MainWindow::shownFigure() const
{
    if (m_comparison && m_tabs->currentWidget() == m_comparison) return m_comparison->view();
    return qobject_cast<widgets::TraceView*>(m_tabs->currentWidget());
}

void MainWindow::pushViews()
{
    for (widgets::TraceView* v : m_views)
        v->setSelection(m_selection);
    m_comparison->setSelection(m_selection);
    // What the shown view needs may follow the selection (the rollout view's flow of the selected token).
    requestViewAnalyses();
    m_presentation->setStatus(presentationStatus());
    updateAblationActions(); // Ctrl+K switches the head now shown
    // The presenter window states a key or head question's answer from the figure shown.
    if (m_presenter) updateLessonPresentation();
}

QString MainWindow::presentationStatus() const
{
    QStringList parts;
    if (m_tabs->currentIndex() >= 0)
        parts << m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&'));
    if (m_trace && !m_trace->layers.empty()) {
        const int layers = int(m_trace->layers.size());
        const int heads = int(m_trace->layers.front().heads.size());
        if (layers > 1)
            parts << tr("layer %1 of %2").arg(m_selection.layer + 1).arg(layers);
        if (heads > 1)
            parts << (m_selection.head < 0 ? tr("all heads") : tr("head %1 of %2").arg(m_selection.head + 1).arg(heads));
        // The query the views show (a selection from a session may lie past this input's tokens).
        const int query = model::clampSelection(m_selection, *m_trace).query;
        if (query >= 0 && query < m_trace->tokens.size())
            parts << tr("query “%1”").arg(m_trace->tokens[query]);
    }
    return parts.join(QStringLiteral(" · "));
}

void MainWindow::applyStyle()
{
    QApplication::setPalette(widgets::applicationPalette(m_style, QApplication::style()->standardPalette()));
    QFont font = QApplication::font();
    font.setPointSizeF(m_style.presentation ? 16.0 : 10.0);
    QApplication::setFont(font);
    for (widgets::TraceView* v : m_views)
        v->setStyle(m_style);
    if (m_comparison) m_comparison->setStyle(m_style);
    if (m_train)
        m_train->setStyle(m_style);
}

void MainWindow::setPresentationMode(bool on)
{
    m_style.presentation = on;
    applyStyle();
    m_tokens->setVisible(!on); // every view labels its tokens; the strip's room goes to the figure
    m_presentation->setStatus(presentationStatus());
    m_lessons->setPresenting(on);
    m_presentation->setCaption(m_lessons->captionHtml());
    m_presentation->setActive(on);
    // A lesson opened while presenting showed as a caption: its pane is there when the window comes back.
    if (!on && m_lessons->isOpen())
        m_lessons->dock()->show();
}

void MainWindow::setDarkTheme(bool dark)
{
    m_style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
    applyStyle();
}

void MainWindow::showStatusMessage(const QString& message, int milliseconds)
{
    statusBar()->showMessage(message, milliseconds);
}

bool MainWindow::openLesson(const QString& id)
{
    return m_lessons->openLesson(id);
}

bool MainWindow::openLessonFile(const QString& path)
{
    return m_lessons->openLessonFile(path);
}

void MainWindow::showLessonBrowser()
{
    m_lessons->showBrowser();
}

void MainWindow::showLessonsAtFirstStart()
{
    m_lessons->showAtFirstStart();
}

LessonPanel* MainWindow::lessonPanel() const
{
    return m_lessons->panel();
}

LessonBrowser* MainWindow::lessonBrowser() const
{
    return m_lessons->browser();
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // No lesson is open at a start: its pane, restored visible, would be an empty third of the window.
    m_lessons->close();
    m_style.theme = settings.value(QStringLiteral("view/dark"), false).toBool() ? widgets::Theme::Dark : widgets::Theme::Light;
    m_style.weightMap = widgets::ColorMapKind(std::clamp(settings.value(QStringLiteral("view/colorMap"), 0).toInt(), 0, 2));
    m_style.weightScale = model::enumValue(widgets::kColorScaleNames,
                                           settings.value(QStringLiteral("view/colorScale")).toString())
                              .value_or(widgets::ColorScale::Fixed);
    // The menu exists already: check the scale read.
    if (auto* action = findChild<QAction*>(QStringLiteral("colorScaleAction_") +
                                           model::enumName(widgets::kColorScaleNames, m_style.weightScale)))
        action->setChecked(true);
    InputState input = m_input->state();
    input.text = settings.value(QStringLiteral("input/text"), input.text).toString();
    input.memory = settings.value(QStringLiteral("input/memory"), input.memory).toString();
    m_input->setState(input);
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("view/tab"), 0).toInt());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_presentation->windowState());
    settings.setValue(QStringLiteral("view/dark"), m_style.theme == widgets::Theme::Dark);
    settings.setValue(QStringLiteral("view/colorMap"), int(m_style.weightMap));
    settings.setValue(QStringLiteral("view/colorScale"), model::enumName(widgets::kColorScaleNames, m_style.weightScale));
    settings.setValue(QStringLiteral("view/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("input/text"), state().input.text);
    settings.setValue(QStringLiteral("input/memory"), state().input.memory);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A lesson being written is asked about first (Save, Discard, Cancel).
    if (m_lessonEditor && m_lessonEditor->isVisible() && !m_lessonEditor->close()) {
        event->ignore();
        return;
    }
    if (!m_sessions->confirmDiscard()) {
        event->ignore();
        return;
    }
    m_sessions->finish();
    writeSettings();
    m_workspace->loader()->cancel();
    m_workspace->computer()->waitForIdle();
    event->accept();
}

} // namespace attnlab::app

#include "moc_main_window.cpp"
