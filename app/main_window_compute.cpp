// MainWindow's side of computing: the busy indicator with its Stop button while a trace is computed, the
// message when it fails, and the offer to run the first tokens of a text that has more than can run.

#include "main_window.h"

#include "busy_indicator.h"
#include "workspace_command.h"

#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

namespace attnlab::app {

QString MainWindow::firstTokensText(int count)
{
    return count == 1 ? tr("Run the first token") : tr("Run the first %1 tokens").arg(count);
}

void MainWindow::createComputeStatus()
{
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    m_firstTokens = new QPushButton(this);
    m_firstTokens->setObjectName(QStringLiteral("runFirstTokens"));
    m_firstTokens->hide();
    statusBar()->addPermanentWidget(m_firstTokens);
    connect(m_firstTokens, &QPushButton::clicked, this, &MainWindow::runFirstTokens);

    // Indeterminate: a forward pass does not know how far it is.
    m_busy = new widgets::BusyIndicator(tr("Stop"), tr("Stop this computation and keep showing the last result"),
                                        QStringLiteral("stopCompute"), this);
    statusBar()->addPermanentWidget(m_busy);
    connect(m_busy, &widgets::BusyIndicator::stopRequested, m_computer, &TraceComputer::cancel);
    connect(m_computer, &TraceComputer::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_computer, &TraceComputer::failed, this, [this](const QString& message, const TokenLimit& limit) {
        computeFailed(message, limit);
    });
    connect(m_computer, &TraceComputer::cancelled, this, &MainWindow::computeCancelled);
    connect(m_computer, &TraceComputer::traceReady, m_firstTokens, &QWidget::hide);
}

void MainWindow::computeFailed(const QString& message, const TokenLimit& limit)
{
    // The views keep the last good trace; the message says what to fix.
    m_status->setText(QStringLiteral("⚠ ") + message);
    m_tokenLimit = limit.limit;
    m_firstTokens->setText(firstTokensText(limit.limit));
    m_firstTokens->setToolTip(tr("Show the trace of the beginning of the text; the rest stays in the editor"));
    m_firstTokens->setVisible(limit.limit > 0);
}

void MainWindow::computeCancelled()
{
    m_status->setText(tr("Stopped: the views still show the last result"));
}

void MainWindow::runFirstTokens()
{
    if (m_tokenLimit <= 0) return;
    const WorkspaceState before = m_state;
    WorkspaceState state = m_state;
    state.compute.maxTokens = m_tokenLimit;
    m_firstTokens->hide();
    applyState(state);
    m_undo->push(new WorkspaceCommand(firstTokensText(m_tokenLimit), before, m_state, false,
                                      [this](const WorkspaceState& s) { applyState(s); }));
}

} // namespace attnlab::app
