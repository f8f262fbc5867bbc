// MainWindow's side of computing: the busy indicator with its Stop button while a trace is computed, the
// message when it fails, and the offers to run the first tokens of a text that has more than can run, or all
// of it through the first layers when memory is what limits it.

#include "app/window/main_window.h"

#include "widgets/controls/busy_indicator.h"
#include "widgets/controls/elided_label.h"
#include "app/workspace/workspace_command.h"

#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

namespace attnlab::app {

QString MainWindow::firstTokensText(int count)
{
    return count == 1 ? tr("Run the first token") : tr("Run the first %1 tokens").arg(count);
}

QString MainWindow::firstLayersText(int count, int total)
{
    return count == 1 ? tr("Run only the first of %1 layers").arg(total)
                      : tr("Run only the first %1 of %2 layers").arg(count).arg(total);
}

void MainWindow::createComputeStatus()
{
    m_status = new widgets::ElidedLabel(Qt::ElideRight, this); // a long message ends in "…", whole in its tooltip
    statusBar()->addWidget(m_status, 1);

    m_firstTokens = new QPushButton(this);
    m_firstTokens->setObjectName(QStringLiteral("runFirstTokens"));
    m_firstTokens->hide();
    statusBar()->addPermanentWidget(m_firstTokens);
    connect(m_firstTokens, &QPushButton::clicked, this, &MainWindow::runFirstTokens);
    m_firstLayers = new QPushButton(this);
    m_firstLayers->setObjectName(QStringLiteral("runFirstLayers"));
    m_firstLayers->hide();
    statusBar()->addPermanentWidget(m_firstLayers);
    connect(m_firstLayers, &QPushButton::clicked, this, &MainWindow::runFirstLayers);

    // Indeterminate: a forward pass does not know how far it is.
    m_busy = new widgets::BusyIndicator(tr("Stop"), tr("Stop this computation and keep showing the last result"),
                                        QStringLiteral("stopCompute"), this);
    statusBar()->addPermanentWidget(m_busy);
    connect(m_busy, &widgets::BusyIndicator::stopRequested, m_computer, &model::TraceComputer::cancel);
    connect(m_computer, &model::TraceComputer::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_computer, &model::TraceComputer::failed, this, [this](const QString& message, const model::TokenLimit& limit) {
        computeFailed(message, limit);
    });
    connect(m_computer, &model::TraceComputer::cancelled, this, &MainWindow::computeCancelled);
    connect(m_computer, &model::TraceComputer::traceReady, m_firstTokens, &QWidget::hide);
    connect(m_computer, &model::TraceComputer::traceReady, m_firstLayers, &QWidget::hide);
}

void MainWindow::computeFailed(const QString& message, const model::TokenLimit& limit)
{
    // The views keep the last good trace; the message says what to fix.
    m_status->setText(QStringLiteral("⚠ ") + message);
    m_limit = limit;
    m_firstTokens->setText(firstTokensText(limit.limit));
    m_firstTokens->setToolTip(tr("Show the trace of the beginning of the text; the rest stays in the editor"));
    m_firstTokens->setVisible(limit.limit > 0);
    m_firstLayers->setText(firstLayersText(limit.layers, limit.totalLayers));
    m_firstLayers->setToolTip(tr("Show every token, in the first layers only: the later layers and the "
                                 "predictions are left out"));
    m_firstLayers->setVisible(limit.layers > 0);
}

void MainWindow::computeCancelled()
{
    m_status->setText(tr("Stopped: the views still show the last result"));
}

void MainWindow::runFirstTokens()
{
    if (m_limit.limit <= 0) return;
    WorkspaceState state = m_state;
    state.compute.maxTokens = m_limit.limit;
    pushLimitedRun(state, firstTokensText(m_limit.limit));
}

void MainWindow::runFirstLayers()
{
    if (m_limit.layers <= 0) return;
    WorkspaceState state = m_state;
    state.compute.maxLayers = m_limit.layers;
    pushLimitedRun(state, firstLayersText(m_limit.layers, m_limit.totalLayers));
}

void MainWindow::pushLimitedRun(const WorkspaceState& state, const QString& undoText)
{
    const WorkspaceState before = m_state;
    m_firstTokens->hide();
    m_firstLayers->hide();
    applyState(state);
    m_undo->push(new WorkspaceCommand(undoText, before, m_state, false,
                                      [this](const WorkspaceState& s) { applyState(s); }));
}

} // namespace attnlab::app
