#include "app/window/main_window.h"

#include "app/window/control_bar.h"
#include "app/window/export_dialog.h"
#include "app/window/input_panel.h"
#include "app/window/model_info_panel.h"
#include "model/pipeline/model_loader.h"
#include "app/session/session_controller.h"
#include "widgets/controls/token_strip.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"
#include "app/workspace/workspace_command.h"
#include "app/workspace/workspace_request.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QLabel>
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
    m_undo = new QUndoStack(this);
    m_computer = new model::TraceComputer(this);
    m_sessions = new SessionController(this);

    m_input = new InputPanel(this);
    auto* dock = new QDockWidget(tr("Input"), this);
    dock->setObjectName(QStringLiteral("inputDock"));
    dock->setWidget(m_input);
    m_input->setMinimumWidth(340);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_info = new ModelInfoPanel(this);
    auto* infoDock = new QDockWidget(tr("Model"), this);
    infoDock->setObjectName(QStringLiteral("modelDock"));
    infoDock->setWidget(m_info);
    addDockWidget(Qt::LeftDockWidgetArea, infoDock);
    m_loader = new model::ModelLoader(this);
    m_controls = new ControlBar(this);
    addToolBar(Qt::TopToolBarArea, m_controls);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tokens = new widgets::TokenStrip(central);
    layout->addWidget(m_tokens);
    m_tabs = new QTabWidget(central);
    for (const QString& name : widgets::viewNames()) {
        std::unique_ptr<widgets::TraceView> view = widgets::createView(name, m_tabs);
        widgets::TraceView* raw = view.release(); // owned by the tab widget from here on
        m_tabs->addTab(raw, widgets::viewTitle(name));
        m_views.push_back(raw);
        connect(raw, &widgets::TraceView::querySelected, this, &MainWindow::selectQuery);
        connect(raw, &widgets::TraceView::headToggled, this, &MainWindow::toggleHead);
        connect(raw, &widgets::TraceView::maskCellToggled, this, &MainWindow::toggleMaskCell);
        connect(raw, &widgets::TraceView::layerHeadSelected, this, &MainWindow::selectLayerHead);
    }
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    createComputeStatus(); // main_window_compute.cpp
    createModelLoading();  // main_window_models.cpp

    connect(m_input, &InputPanel::changed, this, &MainWindow::inputEdited);
    connect(m_controls, &ControlBar::computeChanged, this, &MainWindow::computeEdited);
    connect(m_controls, &ControlBar::selectionChanged, this, &MainWindow::selectionEdited);
    connect(m_controls, &ControlBar::exactChanged, this, [this](bool exact) {
        m_style.exact = exact;
        applyStyle();
    });
    connect(m_tokens, &widgets::TokenStrip::querySelected, this, &MainWindow::selectQuery);
    connect(m_computer, &model::TraceComputer::traceReady, this, &MainWindow::traceReady);

    createLessonDock();
    createMenus();
    resize(1400, 900);
    refreshModelChoices();
    readSettings();
    m_state.input = m_input->state();
    m_state.compute = m_controls->computeState();
    applyStyle();
    recompute();
}

MainWindow::~MainWindow()
{
    // Gone before the undo stack, whose clearing on destruction would otherwise retitle a half-destroyed window.
    delete m_sessions;
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
    const WorkspaceState before = m_state;
    applyState(state);
    m_undo->push(new WorkspaceCommand(tr("Load"), before, m_state, false,
                                      [this](const WorkspaceState& s) { applyState(s); }));
}

void MainWindow::inputEdited(bool typing)
{
    const InputState input = m_input->state();
    if (input.modelName != m_state.input.modelName && !model::isToyModel(input.modelName) &&
        !m_loader->holds(input.modelName)) {
        // The current model stays until the new one has loaded (modelLoaded makes the change).
        m_input->setState(m_state.input);
        openModel(input.modelName);
        return;
    }
    const WorkspaceState before = m_state;
    m_state.input = input;
    if (m_state == before)
        return;
    m_undo->push(new WorkspaceCommand(typing ? tr("Typing") : tr("Edit input"), before, m_state, typing,
                                      [this](const WorkspaceState& s) { applyState(s); }));
    recompute();
}

void MainWindow::computeEdited()
{
    const WorkspaceState before = m_state;
    m_state.compute = m_controls->computeState();
    m_state.compute.maxTokens = before.compute.maxTokens; // not control bar settings
    m_state.compute.maxLayers = before.compute.maxLayers;
    if (m_state == before)
        return;
    m_undo->push(new WorkspaceCommand(tr("Change settings"), before, m_state, false,
                                      [this](const WorkspaceState& s) { applyState(s); }));
    recompute();
}

void MainWindow::applyState(const WorkspaceState& state)
{
    m_state = state;
    m_input->setState(state.input);
    m_controls->setComputeState(state.compute);
    recompute();
}

void MainWindow::recompute()
{
    const BuiltRequest built = buildRequest(m_state);
    m_input->markErrors(built.cellErrors);
    showModelInfo();
    if (!built.request) {
        computeFailed(built.error);
        return;
    }
    model::TraceRequest request = *built.request;
    if (m_state.input.mode == InputMode::Sentence && !model::isToyModel(request.modelName)) {
        if (!m_loader->holds(request.modelName)) {
            // Undo, redo or a session brought back a model that is not in memory: load it, then compute.
            if (m_loader->loadingPath() != QFileInfo(request.modelName).absoluteFilePath())
                m_loader->load(request.modelName);
            return;
        }
        request.checkpoint = m_loader->current();
    }
    m_computer->request(request);
}

void MainWindow::traceReady(std::shared_ptr<const model::Trace> trace)
{
    const bool tokensChanged = !m_trace || m_trace->tokens != trace->tokens;
    m_trace = std::move(trace);
    if (tokensChanged)
        m_selection.hiddenHeads.clear();
    m_tokens->setTokens(m_trace->tokens);
    m_tokens->setPredictions(m_trace->predictions, m_trace->predictsNextToken);
    const int heads = m_trace->layers.empty() ? 0 : int(m_trace->layers.front().heads.size());
    m_controls->setCounts(int(m_trace->layers.size()), heads);
    // Matrix mode is about exact values: turn exact display on when a matrix problem first appears.
    if (m_trace->exact && !m_controls->exact() && tokensChanged)
        m_controls->setExact(true);
    m_selection.layer = m_controls->layer();
    m_selection.head = m_controls->head();
    m_selection = model::clampSelection(m_selection, *m_trace);
    m_tokens->setSelected(m_selection.query);
    for (widgets::TraceView* v : m_views)
        v->setTrace(m_trace);
    pushViews();
    const QString widths = m_trace->output.cols() > 0 ? tr(" · output width %1").arg(m_trace->output.cols()) : QString();
    m_status->setText(tr("%1 · %2 tokens · %3 layers × %4 heads%5%6")
                          .arg(m_trace->modelName).arg(m_trace->tokens.size()).arg(m_trace->layers.size()).arg(heads)
                          .arg(widths, m_trace->warnings.isEmpty() ? QString() : QStringLiteral(" · ") + m_trace->warnings.join(QLatin1Char(' '))));
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
    if (sender() == view(QStringLiteral("model")))
        showView(QStringLiteral("heatmap"));
}

void MainWindow::pushViews()
{
    for (widgets::TraceView* v : m_views)
        v->setSelection(m_selection);
}

void MainWindow::applyStyle()
{
    QPalette palette = QApplication::style()->standardPalette();
    if (m_style.theme == widgets::Theme::Dark) {
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        palette.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::Button, QColor(0x3a, 0x3c, 0x41));
        palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x41));
        palette.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
        // Disabled controls (a checkpoint's fixed settings) must look disabled on a dark projector too.
        for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            palette.setColor(QPalette::Disabled, role, QColor(0x80, 0x82, 0x88));
        palette.setColor(QPalette::Disabled, QPalette::Button, QColor(0x30, 0x32, 0x36));
    }
    QApplication::setPalette(palette);
    QFont font = QApplication::font();
    font.setPointSizeF(m_style.presentation ? 16.0 : 10.0);
    QApplication::setFont(font);
    for (widgets::TraceView* v : m_views)
        v->setStyle(m_style);
}

void MainWindow::setPresentationMode(bool on)
{
    m_style.presentation = on;
    applyStyle();
}

void MainWindow::setDarkTheme(bool dark)
{
    m_style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
    applyStyle();
}

void MainWindow::stepHead(int delta)
{
    if (!m_trace || m_trace->layers.empty())
        return;
    const int heads = int(m_trace->layers[size_t(m_selection.layer)].heads.size());
    const int head = m_selection.head < 0 ? 0 : (m_selection.head + delta + heads) % heads;
    m_controls->setLayerHead(m_selection.layer, head);
}

void MainWindow::stepLayer(int delta)
{
    if (!m_trace || m_trace->layers.empty())
        return;
    const int layers = int(m_trace->layers.size());
    m_controls->setLayerHead(std::clamp(m_selection.layer + delta, 0, layers - 1), m_selection.head);
}

void MainWindow::exportFigure()
{
    auto* current = qobject_cast<widgets::TraceView*>(m_tabs->currentWidget());
    if (!current || !m_trace)
        return;
    ExportDialog dialog(*current, this);
    dialog.exec();
}

void MainWindow::copyFigure()
{
    if (auto* current = qobject_cast<widgets::TraceView*>(m_tabs->currentWidget()))
        ExportDialog::copyToClipboard(*current);
    statusBar()->showMessage(tr("Figure copied to the clipboard"), 3000);
}

void MainWindow::exportMatrices()
{
    if (!m_trace)
        return;
    ExportDialog::exportMatrices(*m_trace, m_selection, m_style.exact, this);
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_style.theme = settings.value(QStringLiteral("view/dark"), false).toBool() ? widgets::Theme::Dark : widgets::Theme::Light;
    m_style.presentation = settings.value(QStringLiteral("view/presentation"), false).toBool();
    m_style.weightMap = widgets::ColorMapKind(std::clamp(settings.value(QStringLiteral("view/colorMap"), 0).toInt(), 0, 2));
    InputState input = m_input->state();
    input.text = settings.value(QStringLiteral("input/text"), input.text).toString();
    m_input->setState(input);
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("view/tab"), 0).toInt());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("view/dark"), m_style.theme == widgets::Theme::Dark);
    settings.setValue(QStringLiteral("view/presentation"), m_style.presentation);
    settings.setValue(QStringLiteral("view/colorMap"), int(m_style.weightMap));
    settings.setValue(QStringLiteral("view/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("input/text"), m_state.input.text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_sessions->confirmDiscard()) {
        event->ignore();
        return;
    }
    m_sessions->finish();
    writeSettings();
    m_loader->cancel();
    m_computer->waitForIdle();
    event->accept();
}

} // namespace attnlab::app
