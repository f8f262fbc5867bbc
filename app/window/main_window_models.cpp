// MainWindow's side of checkpoints: opening one (dialog, list, undo, session), the status bar's "Loading …
// [Cancel]", the error box when a model cannot be opened, the model list (recent and cached models), and
// what the model panel and the control bar say about the model in use.

#include "app/window/main_window.h"

#include "widgets/controls/busy_indicator.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/download/model_catalog.h"
#include "app/window/model_info_panel.h"
#include "model/pipeline/model_loader.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace attnlab::app {

void MainWindow::createModelLoading()
{
    m_loading = new widgets::BusyIndicator(tr("Cancel"), tr("Stop waiting for this model and keep the current one"),
                                           QStringLiteral("cancelLoad"), this);
    statusBar()->addPermanentWidget(m_loading);
    connect(m_loading, &widgets::BusyIndicator::stopRequested, m_loader, &model::ModelLoader::cancel);
    connect(m_loader, &model::ModelLoader::loadingChanged, this, &MainWindow::loadingChanged);
    connect(m_loader, &model::ModelLoader::loaded, this, &MainWindow::modelLoaded);
    connect(m_loader, &model::ModelLoader::failed, this, &MainWindow::modelFailed);
    connect(m_input, &InputPanel::openModelRequested, this, &MainWindow::chooseModelFile);
}

void MainWindow::openModel(const QString& path)
{
    m_loader->load(path);
}

void MainWindow::chooseModelFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open Model"), QSettings().value(QStringLiteral("models/lastDir")).toString(),
        tr("Models (config.json model.safetensors model.safetensors.index.json *.bin);;All files (*)"));
    if (file.isEmpty()) return;
    const QFileInfo info(file);
    QSettings().setValue(QStringLiteral("models/lastDir"), info.absolutePath());
    // A Hugging Face model is its folder; a llama2.c checkpoint is the .bin itself.
    openModel(info.suffix() == QLatin1String("bin") ? info.absoluteFilePath() : info.absolutePath());
}

void MainWindow::modelLoaded(const QString& path)
{
    addRecentModel(path);
    refreshModelChoices();
    if (m_state.input.mode == InputMode::Sentence && m_state.input.modelName == path) {
        recompute(); // undo or a session asked for this model: the state already names it
        return;
    }
    WorkspaceState state = m_state;
    state.input.mode = InputMode::Sentence;
    state.input.modelName = path;
    setWorkspace(state);
}

void MainWindow::modelFailed(const QString& path, const QString& message)
{
    computeFailed(message);
    // The workspace keeps the model it had; if the state named the failed one (undo, session), go back to toy.
    if (m_state.input.modelName == path && !m_loader->holds(path)) {
        m_state.input.modelName = model::toyModelName();
        m_input->setState(m_state.input);
        recompute();
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the model"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("modelError"));
    box->open();
}

void MainWindow::loadingChanged(bool loading)
{
    m_loading->setText(tr("Loading %1…").arg(modelTitle(m_loader->loadingPath())));
    m_loading->setVisible(loading);
}

void MainWindow::refreshModelChoices()
{
    std::vector<ModelEntry> entries;
    for (const QString& path : recentModels())
        entries.push_back({modelTitle(path), path});
    for (const ModelEntry& cached : huggingFaceCacheModels())
        entries.push_back(cached);
    m_input->setModelChoices(entries);
}

void MainWindow::showModelInfo()
{
    const QString& modelName = m_state.input.modelName;
    const bool checkpoint = !model::isToyModel(modelName) && m_loader->holds(modelName);
    if (m_state.input.mode == InputMode::Matrices)
        m_info->showMatrices(m_state.input.heads);
    else if (checkpoint)
        m_info->showCheckpoint(m_loader->current());
    else
        m_info->showToy(m_state.input.toyLayers, m_state.input.toyHeads, m_state.input.toyWidth);
    // What the control bar's settings apply to. A checkpoint still loading keeps the scope there was;
    // modelLoaded comes back here.
    if (m_state.input.mode == InputMode::Matrices)
        m_controls->setScope(ComputeScope::Matrices);
    else if (checkpoint)
        m_controls->setScope(ComputeScope::Checkpoint, m_loader->current().model.get());
    else if (model::isToyModel(modelName))
        m_controls->setScope(ComputeScope::Toy);
}

} // namespace attnlab::app
