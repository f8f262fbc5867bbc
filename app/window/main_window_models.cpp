// MainWindow's side of checkpoints: opening one (dialog, list, undo, session), the status bar's "Loading …
// [Cancel]", the error box when a model cannot be opened, the model list (recent and cached models), and
// what the model panel and the control bar say about the model in use.

#include "app/window/main_window.h"

#include "widgets/controls/busy_indicator.h"
#include "app/window/comparison_tab.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/download/model_catalog.h"
#include "app/window/model_file_dialog.h"
#include "app/window/model_info_panel.h"
#include "app/workspace/workspace.h"
#include "model/pipeline/model_loader.h"

#include <QDir>
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
    connect(m_input, &InputPanel::addModelFolderRequested, this, &MainWindow::chooseModelFolder);
}

void MainWindow::openModel(const QString& path)
{
    m_workspace->openModel(path);
}

void MainWindow::chooseModelFile()
{
    ModelFileDialog dialog(this, QSettings().value(QStringLiteral("models/lastDir")).toString());
    if (dialog.exec() != QDialog::Accepted || dialog.chosenModel().isEmpty())
        return;
    const QString model = dialog.chosenModel();
    // The folder the dialog shows next time: where this model is (a model folder's parent, a .bin's folder).
    QSettings().setValue(QStringLiteral("models/lastDir"), QFileInfo(QDir::cleanPath(model)).absolutePath());
    openModel(model);
}

void MainWindow::chooseModelFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a Folder of Models"),
                                                             QSettings().value(QStringLiteral("models/lastDir")).toString());
    if (folder.isEmpty())
        return;
    const std::vector<ModelEntry> found = modelsInFolder(folder);
    if (found.empty()) {
        QMessageBox::information(this, tr("No models in this folder"),
                                 tr("%1 holds no model AttnLab can open: a model is a folder with config.json and "
                                    "model.safetensors, or a llama2.c .bin.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    addModelFolder(folder);
    refreshModelChoices();
    statusBar()->showMessage(tr("Added to the model list from %1: %2")
                                 .arg(QDir::toNativeSeparators(folder), QString::number(found.size())), 5000);
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
    for (const QString& folder : modelFolders())
        for (const ModelEntry& entry : modelsInFolder(folder))
            entries.push_back(entry);
    for (const ModelEntry& cached : huggingFaceCacheModels())
        entries.push_back(cached);
    m_input->setModelChoices(entries);
    m_comparison->setModelChoices(entries); // model B: the same list
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
