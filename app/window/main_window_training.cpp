// MainWindow's side of the training lab: Tools ▸ Train a Model… opens the Train window (one per main window,
// kept while the main window lives, so that a run and its curves survive closing it), which follows the main
// window's theme and presentation style and hands back trained models to open in the workspace.

#include "app/window/main_window.h"

#include "app/training/train_window.h"

#include <QMenuBar>

namespace attnlab::app {

TrainWindow* MainWindow::trainWindow()
{
    if (!m_train) {
        m_train = new TrainWindow(this);
        m_train->setStyle(m_style);
        connect(m_train, &TrainWindow::openModelRequested, this, [this](const QString& folder) {
            openModel(folder);
            raise();
            activateWindow();
        });
    }
    return m_train;
}

void MainWindow::showTrainWindow(const QString& task, const QString& preset)
{
    TrainWindow* window = trainWindow();
    if (!task.isEmpty()) window->chooseTask(task);
    if (!preset.isEmpty()) window->choosePreset(preset == QLatin1String("small") ? 1 : 0);
    window->show();
    window->raise();
    window->activateWindow();
}

void MainWindow::createTrainingMenu()
{
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* train = tools->addAction(tr("&Train a Model…"), this, [this] { showTrainWindow(); });
    train->setObjectName(QStringLiteral("trainAction"));
    train->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    train->setToolTip(tr("Train a small transformer on a task and watch its attention heads form"));
}

} // namespace attnlab::app
