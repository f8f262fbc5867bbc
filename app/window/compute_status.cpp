#include "app/window/compute_status.h"

#include "app/workspace/workspace.h"
#include "model/trace/trace.h"
#include "widgets/controls/busy_indicator.h"
#include "widgets/controls/elided_label.h"
#include "widgets/drawing/counts.h"

#include <QPushButton>
#include <QStatusBar>

namespace attnlab::app {

QString ComputeStatus::firstTokensText(int count)
{
    return count == 1 ? tr("Run the first token") : tr("Run the first %1 tokens").arg(count);
}

QString ComputeStatus::firstLayersText(int count, int total)
{
    return count == 1 ? tr("Run only the first of %1 layers").arg(total)
                      : tr("Run only the first %1 of %2 layers").arg(count).arg(total);
}

ComputeStatus::ComputeStatus(Workspace* workspace, QStatusBar* bar, QObject* parent)
    : QObject(parent), m_workspace(workspace)
{
    m_status = new widgets::ElidedLabel(Qt::ElideRight, bar); // a long message ends in "…", whole in its tooltip
    bar->addWidget(m_status, 1);

    m_firstTokens = new QPushButton(bar);
    m_firstTokens->setObjectName(QStringLiteral("runFirstTokens"));
    m_firstTokens->setToolTip(tr("Show the trace of the beginning of the text; the rest stays in the editor"));
    m_firstTokens->hide();
    bar->addPermanentWidget(m_firstTokens);
    connect(m_firstTokens, &QPushButton::clicked, this, &ComputeStatus::runFirstTokens);
    m_firstLayers = new QPushButton(bar);
    m_firstLayers->setObjectName(QStringLiteral("runFirstLayers"));
    m_firstLayers->setToolTip(tr("Show every token, in the first layers only: the later layers and the "
                                 "predictions are left out"));
    m_firstLayers->hide();
    bar->addPermanentWidget(m_firstLayers);
    connect(m_firstLayers, &QPushButton::clicked, this, &ComputeStatus::runFirstLayers);

    // Indeterminate until a checkpoint says which layer it is in.
    m_busy = new widgets::BusyIndicator(tr("Stop"), tr("Stop this computation and keep showing the last result"),
                                        QStringLiteral("stopCompute"), bar);
    bar->addPermanentWidget(m_busy);
    connect(m_busy, &widgets::BusyIndicator::stopRequested, m_workspace, &Workspace::stop);
    connect(m_workspace, &Workspace::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_workspace, &Workspace::busyChanged, this, [this](bool busy) {
        if (!busy) return;
        m_busy->setText(QString());
        m_busy->setProgress(0, 0);
    });
    connect(m_workspace, &Workspace::progress, this, &ComputeStatus::showProgress);
    connect(m_workspace, &Workspace::failed, this, &ComputeStatus::showError);
    connect(m_workspace, &Workspace::cancelled, this,
            [this] { m_status->setText(tr("Stopped: the views still show the last result")); });
}

void ComputeStatus::showProgress(int layer, int layers)
{
    m_busy->setText(tr("Layer %1 of %2").arg(layer).arg(layers));
    m_busy->setProgress(layer - 1, layers); // the layers before this one are done
}

QString ComputeStatus::progressText() const
{
    return m_busy->text();
}

void ComputeStatus::showTrace(const model::Trace& trace)
{
    m_firstTokens->hide();
    m_firstLayers->hide();
    const int heads = trace.layers.empty() ? 0 : int(trace.layers.front().heads.size());
    const QString widths = trace.output.cols() > 0 ? tr(" · output width %1").arg(trace.output.cols()) : QString();
    // The trace's warnings are English sentences: each one an isolate (U+2068 … U+2069) that takes its direction
    // from its own text, so that in the Persian status bar it still reads left to right, full stop last.
    QStringList warnings;
    for (const QString& warning : trace.warnings)
        warnings << QChar(0x2068) + warning + QChar(0x2069);
    // "gpt2 · 5 tokens · 12 layers × 12 heads", "matrices · 4 tokens · 1 layer × 1 head"
    m_status->setText(tr("%1 · %2 · %3 × %4%5%6")
                          .arg(trace.modelName, widgets::tokenCount(trace.tokens.size()),
                               widgets::layerCount(qsizetype(trace.layers.size())), widgets::headCount(heads),
                               widths,
                               warnings.isEmpty() ? QString() : QStringLiteral(" · ") + warnings.join(QLatin1Char(' '))));
}

void ComputeStatus::showError(const QString& message, const model::TokenLimit& limit)
{
    m_status->setText(QStringLiteral("⚠ ") + message);
    m_limit = limit;
    m_firstTokens->setText(firstTokensText(limit.limit));
    m_firstTokens->setVisible(limit.limit > 0);
    m_firstLayers->setText(firstLayersText(limit.layers, limit.totalLayers));
    m_firstLayers->setVisible(limit.layers > 0);
}

QString ComputeStatus::text() const
{
    return m_status->text();
}

void ComputeStatus::runFirstTokens()
{
    if (m_limit.limit <= 0) return;
    WorkspaceState state = m_workspace->state();
    state.compute.maxTokens = m_limit.limit;
    m_firstTokens->hide();
    m_firstLayers->hide();
    m_workspace->load(state, firstTokensText(m_limit.limit));
}

void ComputeStatus::runFirstLayers()
{
    if (m_limit.layers <= 0) return;
    WorkspaceState state = m_workspace->state();
    state.compute.maxLayers = m_limit.layers;
    m_firstTokens->hide();
    m_firstLayers->hide();
    m_workspace->load(state, firstLayersText(m_limit.layers, m_limit.totalLayers));
}

} // namespace attnlab::app

#include "moc_compute_status.cpp"
