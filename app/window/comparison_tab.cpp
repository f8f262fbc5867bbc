#include "app/window/comparison_tab.h"

#include "app/workspace/workspace.h"
#include "app/workspace/workspace_request.h"
#include "model/analysis/trace_comparison.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/views/comparison_view.h"

#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace attnlab::app {

ComparisonTab::ComparisonTab(Workspace* workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_text(new QLineEdit(this)), m_status(new QLabel(this)),
      m_view(new widgets::ComparisonView(QStringLiteral("heatmap"), this)), m_computer(new model::TraceComputer(this)),
      m_typing(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_text->setObjectName(QStringLiteral("compareText"));
    m_text->setPlaceholderText(tr("Text B, compared with the input (A) through the same model"));
    m_text->setText(QStringLiteral("The animal didn't cross the street because it was too wide."));
    m_text->setClearButtonEnabled(true);
    layout->addWidget(m_text);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    // B follows typing after a pause, as the input does.
    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &ComparisonTab::requestB);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_computer, &model::TraceComputer::traceReady, this, &ComparisonTab::traceBReady);
    connect(m_computer, &model::TraceComputer::failed, this,
            [this](const QString& message) { m_status->setText(tr("B: %1").arg(message)); });
    connect(m_computer, &model::TraceComputer::busyChanged, this, [this](bool busy) {
        if (busy) m_status->setText(tr("Computing B…"));
    });
}

ComparisonTab::~ComparisonTab()
{
    // A result arriving while waiting must not reach this half-destroyed tab.
    m_computer->disconnect(this);
    m_computer->waitForIdle();
}

QString ComparisonTab::status() const
{
    return m_status->text();
}

void ComparisonTab::setTraceA(std::shared_ptr<const model::Trace> trace)
{
    m_a = std::move(trace);
    if (m_workspace) m_labelA = m_workspace->state().input.text;
    requestB();
}

void ComparisonTab::setSelection(const model::TraceSelection& selection)
{
    m_selection = selection;
    updateView();
}

void ComparisonTab::setStyle(const widgets::ViewStyle& style)
{
    m_view->setStyle(style);
}

void ComparisonTab::requestB()
{
    m_typing->stop();
    if (!m_workspace) return;
    WorkspaceState state = m_workspace->state();
    if (state.input.mode != InputMode::Sentence) {
        m_computer->discard();
        m_status->setText(tr("Compare takes a sentence: typed matrices have no text B."));
        return;
    }
    state.input.text = m_text->text();
    const BuiltRequest built = buildRequest(state);
    if (!built.request) {
        m_computer->discard();
        m_status->setText(tr("B: %1").arg(built.error));
        return;
    }
    model::TraceRequest request = *built.request;
    if (m_workspace->usesCheckpoint()) {
        // The model A ran with; until it is in memory B waits for the next trace of A.
        if (!m_workspace->loader()->holds(request.modelName)) return;
        request.checkpoint = m_workspace->loader()->current();
    }
    m_computer->request(request);
}

void ComparisonTab::traceBReady(std::shared_ptr<const model::Trace> trace)
{
    m_b = std::move(trace);
    m_status->clear();
    updateView();
}

void ComparisonTab::updateView()
{
    if (!m_a || !m_b) return;
    auto compared = model::compareTraces(*m_a, *m_b, m_selection);
    const QString refusal = compared ? QString() : compared.error();
    m_view->setSelection(m_selection);
    m_view->setTraces(m_a, m_b, compared ? std::optional<model::TraceComparison>(std::move(compared).value()) : std::nullopt,
                      refusal, m_labelA, m_text->text());
}

} // namespace attnlab::app

#include "moc_comparison_tab.cpp"
