// MainWindow's switching off of heads and MLPs: the Ablation menu, the heads' context menus, the bar above the
// token strip. The ablation is part of the workspace state (ComputeState::ablation): a change is one undo step,
// recomputed on the worker like any other edit, and the trace that comes back is the ablated one, with what it
// did to each position's prediction (Trace::ablationEffects) for the token strip.

#include "app/window/main_window.h"

#include "app/window/ablation_bar.h"
#include "app/workspace/workspace.h"
#include "widgets/drawing/left_to_right.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>

namespace attnlab::app {

namespace {

QString headName(int layer, int head)
{
    return widgets::leftToRight(QStringLiteral("%1.%2").arg(layer + 1).arg(head + 1));
}

QString headActionText(const model::Ablation& ablation, int layer, int head)
{
    return ablation.ablatesHead(layer, head) ? MainWindow::tr("Switch Head %1 Back On").arg(headName(layer, head))
                                             : MainWindow::tr("Switch Head %1 Off").arg(headName(layer, head));
}

QString mlpActionText(const model::Ablation& ablation, int layer)
{
    const QString number = widgets::leftToRight(QString::number(layer + 1));
    return ablation.ablatesMlp(layer) ? MainWindow::tr("Switch the MLP of Layer %1 Back On").arg(number)
                                      : MainWindow::tr("Switch the MLP of Layer %1 Off").arg(number);
}

} // namespace

bool MainWindow::canAblate() const
{
    return state().input.mode == InputMode::Sentence && m_trace && !m_trace->layers.empty() &&
           m_trace->source != model::TraceSource::Matrices;
}

void MainWindow::setAblation(const model::Ablation& ablation, const QString& undoText)
{
    WorkspaceState next = state();
    next.compute.ablation = ablation.normalized();
    m_workspace->edit(next, undoText);
    showAblation();
}

void MainWindow::toggleHeadAblation(int layer, int head)
{
    if (layer < 0 || head < 0) return;
    model::Ablation ablation = state().compute.ablation;
    const QString text = headActionText(ablation, layer, head);
    const model::HeadRef ref{layer, head};
    if (ablation.ablatesHead(layer, head))
        std::erase(ablation.heads, ref);
    else
        ablation.heads.push_back(ref);
    setAblation(ablation, text);
}

void MainWindow::toggleMlpAblation(int layer)
{
    if (layer < 0) return;
    model::Ablation ablation = state().compute.ablation;
    const QString text = mlpActionText(ablation, layer);
    if (ablation.ablatesMlp(layer))
        std::erase(ablation.mlps, layer);
    else
        ablation.mlps.push_back(layer);
    setAblation(ablation, text);
}

QMenu* MainWindow::headMenu(int layer, int head, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("headMenu"));
    const model::Ablation& ablation = state().compute.ablation;
    const bool can = canAblate();
    QAction* headAction = menu->addAction(headActionText(ablation, layer, head), this,
                                          [this, layer, head] { toggleHeadAblation(layer, head); });
    headAction->setObjectName(QStringLiteral("ablateHeadAction"));
    headAction->setEnabled(can);
    QAction* mlpAction =
        menu->addAction(mlpActionText(ablation, layer), this, [this, layer] { toggleMlpAblation(layer); });
    mlpAction->setObjectName(QStringLiteral("ablateMlpAction"));
    mlpAction->setEnabled(can);
    if (!ablation.empty()) {
        menu->addSeparator();
        QAction* clear = menu->addAction(tr("Switch All Back On"), this,
                                         [this] { setAblation({}, tr("Switch All Back On")); });
        clear->setObjectName(QStringLiteral("ablationClearAction"));
    }
    return menu;
}

void MainWindow::showHeadMenu(int layer, int head, const QPoint& globalPos)
{
    QMenu* menu = headMenu(layer, head, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

void MainWindow::createAblationMenu()
{
    m_ablationBar->setAblation(state().compute.ablation);
    connect(m_ablationBar, &AblationBar::clearRequested, this, [this] { setAblation({}, tr("Switch All Back On")); });
    connect(m_ablationBar, &AblationBar::modeChosen, this, [this](model::AblationMode mode) {
        model::Ablation ablation = state().compute.ablation;
        ablation.mode = mode;
        setAblation(ablation, tr("Change How Parts Are Switched Off"));
    });

    m_ablationMenu = menuBar()->addMenu(tr("A&blation"));
    m_ablationMenu->setObjectName(QStringLiteral("ablationMenu"));
    m_ablateShownHead = m_ablationMenu->addAction(QString(), this, [this] {
        if (canAblate() && m_selection.head >= 0) toggleHeadAblation(m_selection.layer, m_selection.head);
    });
    m_ablateShownHead->setObjectName(QStringLiteral("ablateShownHeadAction"));
    m_ablateShownHead->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_ablateShownHead->setToolTip(tr("Switch the head shown off, or back on: the model runs without it"));
    m_ablateShownMlp = m_ablationMenu->addAction(QString(), this, [this] {
        if (canAblate()) toggleMlpAblation(m_selection.layer);
    });
    m_ablateShownMlp->setObjectName(QStringLiteral("ablateShownMlpAction"));
    m_ablationMenu->addSeparator();
    auto* modes = new QActionGroup(m_ablationMenu);
    const auto addMode = [&](model::AblationMode mode, const QString& title, const char* name) {
        QAction* action = m_ablationMenu->addAction(title, this, [this, mode] {
            model::Ablation ablation = state().compute.ablation;
            if (ablation.mode == mode) return;
            ablation.mode = mode;
            setAblation(ablation, tr("Change How Parts Are Switched Off"));
        });
        action->setObjectName(QLatin1String(name));
        action->setCheckable(true);
        modes->addAction(action);
        return action;
    };
    m_ablateZero = addMode(model::AblationMode::Zero, tr("Set Their Output to &Zero"), "ablationZeroAction");
    m_ablateMean = addMode(model::AblationMode::Mean, tr("Replace Their Output by Its &Mean over the Input"),
                           "ablationMeanAction");
    m_ablationMenu->addSeparator();
    m_ablationClear = m_ablationMenu->addAction(tr("Switch All Back &On"), this,
                                                [this] { setAblation({}, tr("Switch All Back On")); });
    m_ablationClear->setObjectName(QStringLiteral("ablationClearAction"));
    m_ablationClear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_ablationMenu->addSeparator();
    connect(m_ablationMenu, &QMenu::aboutToShow, this, &MainWindow::listAblatedParts);
    updateAblationActions();
}

void MainWindow::updateAblationActions()
{
    if (!m_ablationMenu) return;
    const model::Ablation& ablation = state().compute.ablation;
    const bool can = canAblate();
    const int layer = std::max(m_selection.layer, 0);
    if (m_selection.head >= 0) {
        m_ablateShownHead->setText(headActionText(ablation, layer, m_selection.head));
    } else {
        m_ablateShownHead->setText(tr("Switch the Shown Head Off (choose one head)"));
    }
    m_ablateShownHead->setEnabled(can && m_selection.head >= 0);
    m_ablateShownMlp->setText(mlpActionText(ablation, layer));
    m_ablateShownMlp->setEnabled(can);
    m_ablateZero->setChecked(ablation.mode == model::AblationMode::Zero);
    m_ablateMean->setChecked(ablation.mode == model::AblationMode::Mean);
    m_ablationClear->setEnabled(!ablation.empty());
}

void MainWindow::listAblatedParts()
{
    updateAblationActions();
    const model::Ablation& ablation = state().compute.ablation;
    // What is off, each a checked item: unchecking it switches that part back on.
    qDeleteAll(m_ablatedItems);
    m_ablatedItems.clear();
    for (const model::HeadRef& h : ablation.heads) {
        QAction* item = m_ablationMenu->addAction(tr("Head %1 Is Off").arg(headName(h.layer, h.head)), this,
                                                  [this, h] { toggleHeadAblation(h.layer, h.head); });
        item->setCheckable(true);
        item->setChecked(true);
        m_ablatedItems << item;
    }
    for (int l : ablation.mlps) {
        QAction* item =
            m_ablationMenu->addAction(tr("The MLP of Layer %1 Is Off").arg(widgets::leftToRight(QString::number(l + 1))),
                                      this, [this, l] { toggleMlpAblation(l); });
        item->setCheckable(true);
        item->setChecked(true);
        m_ablatedItems << item;
    }
}

void MainWindow::showAblation()
{
    m_ablationBar->setAblation(state().compute.ablation);
    updateAblationActions();
}

} // namespace attnlab::app
