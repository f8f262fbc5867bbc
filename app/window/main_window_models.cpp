// MainWindow's side of checkpoints: opening one (dialog, list, undo, session), the status bar's "Loading …
// [Cancel]", the error box when a model cannot be opened, the model list (recent and cached models), and
// what the model panel and the control bar say about the model in use.

#include "app/window/main_window.h"

#include "widgets/controls/busy_indicator.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/download/model_catalog.h"
#include "app/window/model_info_panel.h"
#include "app/workspace/workspace.h"
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
    connect(m_loading, &widgets::BusyIndicator::stopRequested, m_workspace, &Workspace::cancelLoad);
    connect(modelLoader(), &model::ModelLoader::loadingChanged, this, &MainWindow::loadingChanged);
    connect(m_workspace, &Workspace::modelLoaded, this, &MainWindow::modelLoaded);
    connect(m_workspace, &Workspace::modelFailed, this, &MainWindow::modelFailed);
    connect(m_input, &InputPanel::openModelRequested, this, &MainWindow::chooseModelFile);
}

void MainWindow::openModel(const QString& path)
{
    m_workspace->openModel(path);
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
    // The workspace makes it the state's model.
    addRecentModel(path);
    refreshModelChoices();
}

void MainWindow::modelFailed(const QString&, const QString& message)
{
    // The workspace keeps the model it had (or goes back to the toy model when its state named the failed one).
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the model"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("modelError"));
    box->open();
}

void MainWindow::loadingChanged(bool loading)
{
    m_loading->setText(tr("Loading %1…").arg(modelTitle(modelLoader()->loadingPath())));
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
    const InputState& input = state().input;
    const QString& modelName = input.modelName;
    const bool checkpoint = !model::isToyModel(modelName) && modelLoader()->holds(modelName);
    if (input.mode == InputMode::Matrices)
        m_info->showMatrices(input.heads);
    else if (checkpoint)
        m_info->showCheckpoint(modelLoader()->current());
    else
        m_info->showToy(input.toyLayers, input.toyHeads, input.toyWidth);
    // What the control bar's settings apply to. A checkpoint still loading keeps the scope there was;
    // modelLoaded comes back here.
    if (input.mode == InputMode::Matrices)
        m_controls->setScope(ComputeScope::Matrices);
    else if (checkpoint)
        m_controls->setScope(ComputeScope::Checkpoint, modelLoader()->current().model.get());
    else if (model::isToyModel(modelName))
        m_controls->setScope(ComputeScope::Toy);
}

} // namespace attnlab::app
