#include "app/window/comparison_tab.h"

#include "app/window/model_file_dialog.h"
#include "app/workspace/workspace.h"
#include "app/workspace/workspace_request.h"
#include "model/analysis/trace_analyses.h"
#include "model/analysis/trace_comparison.h"
#include "model/attention/toy_model.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/comparison_view.h"
#include "widgets/views/view_factory.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

// The model picker's items that are no model: A's own model, and the folder dialog.
const QString kSameModelAsA;
const QString kChooseModelFolder = QStringLiteral("open:");

} // namespace

ComparisonTab::ComparisonTab(Workspace* workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_text(new QLineEdit(this)), m_viewChoice(new QComboBox(this)),
      m_modelChoice(new QComboBox(this)), m_status(new QLabel(this)),
      m_view(new widgets::ComparisonView(QStringLiteral("heatmap"), this)), m_computer(new model::TraceComputer(this)),
      m_loaderB(new model::ModelLoader(this)), m_typing(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0); // the labels clear the tab's frame
    m_text->setObjectName(QStringLiteral("compareText"));
    m_text->setPlaceholderText(tr("Text B, compared with the input (A); empty: A's text through model B"));
    m_text->setText(QStringLiteral("The animal didn't cross the street because it was too wide."));
    m_text->setClearButtonEnabled(true);
    layout->addWidget(m_text);

    // A picker of its own rather than the window's current view: while this tab is shown it is the current tab,
    // so there is no other view to follow, and a comparison that changed with a tab the user left behind would
    // change out of sight. It starts at the heatmap, the one view with a difference A − B.
    auto* pickers = new QHBoxLayout;
    auto* viewLabel = new QLabel(tr("View"), this);
    viewLabel->setBuddy(m_viewChoice);
    m_viewChoice->setObjectName(QStringLiteral("compareView"));
    m_viewChoice->setToolTip(tr("The view drawn for A and for B; the heatmap adds A − B"));
    for (const QString& name : widgets::viewNames())
        if (name != QLatin1String("patching")) // two inputs of its own: the corrupted run is its B
            m_viewChoice->addItem(widgets::viewTitle(name), name);
    auto* modelLabel = new QLabel(tr("Model B"), this);
    modelLabel->setBuddy(m_modelChoice);
    m_modelChoice->setObjectName(QStringLiteral("compareModel"));
    m_modelChoice->setToolTip(tr("The model B runs: A's own, or another one on the same text (text B empty) or on "
                                 "text B"));
    m_modelChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    pickers->addWidget(viewLabel);
    pickers->addWidget(m_viewChoice);
    pickers->addSpacing(12);
    pickers->addWidget(modelLabel);
    pickers->addWidget(m_modelChoice);
    pickers->addStretch(1);
    layout->addLayout(pickers);
    setModelChoices({});

    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    // B follows typing after a pause, as the input does.
    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &ComparisonTab::requestB);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_viewChoice, &QComboBox::activated, this, [this] { setShownView(m_viewChoice->currentData().toString()); });
    connect(m_modelChoice, &QComboBox::activated, this, &ComparisonTab::modelBChosen);
    connect(m_computer, &model::TraceComputer::traceReady, this, &ComparisonTab::traceBReady);
    connect(m_computer, &model::TraceComputer::failed, this,
            [this](const QString& message) { m_status->setText(tr("B: %1").arg(message)); });
    connect(m_computer, &model::TraceComputer::busyChanged, this, [this](bool busy) {
        if (busy) m_status->setText(tr("Computing B…"));
    });
    connect(m_loaderB, &model::ModelLoader::loaded, this, [this](const QString& path) {
        addRecentModel(path); // the window's model list offers it next time
        requestB();
    });
    connect(m_loaderB, &model::ModelLoader::failed, this, [this](const QString&, const QString& message) {
        m_status->setText(tr("Model B: %1").arg(message));
    });
}

ComparisonTab::~ComparisonTab()
{
    // A result arriving while waiting must not reach this half-destroyed tab.
    m_computer->disconnect(this);
    m_loaderB->disconnect(this);
    m_loaderB->cancel();
    m_computer->waitForIdle();
}

QString ComparisonTab::status() const
{
    return m_status->text();
}

void ComparisonTab::setModelChoices(const std::vector<ModelEntry>& entries)
{
    const QSignalBlocker block(m_modelChoice);
    const QString current = m_modelChoice->count() ? m_modelChoice->itemData(m_modelIndex).toString() : kSameModelAsA;
    m_modelChoice->clear();
    m_modelChoice->addItem(tr("Same model as A"), kSameModelAsA);
    m_modelChoice->addItem(tr("Toy model (untrained)"), model::toyModelName());
    for (const ModelEntry& entry : entries) {
        if (m_modelChoice->findData(entry.path) >= 0) continue;
        m_modelChoice->addItem(entry.title, entry.path);
        m_modelChoice->setItemData(m_modelChoice->count() - 1, entry.path, Qt::ToolTipRole);
    }
    m_modelChoice->insertSeparator(m_modelChoice->count());
    m_modelChoice->addItem(tr("Choose folder…"), kChooseModelFolder);
    selectModelB(current);
}

void ComparisonTab::selectModelB(const QString& model)
{
    int index = m_modelChoice->findData(model);
    if (index < 0) {
        // A model chosen in the dialog or named by a session that the list does not offer yet.
        index = m_modelChoice->count() - 2; // before the separator and "Choose folder…"
        m_modelChoice->insertItem(index, modelTitle(model), model);
        m_modelChoice->setItemData(index, model, Qt::ToolTipRole);
    }
    const QSignalBlocker block(m_modelChoice);
    m_modelChoice->setCurrentIndex(index);
    m_modelIndex = index;
}

void ComparisonTab::setModelB(const QString& model)
{
    selectModelB(model);
    requestB();
}

QString ComparisonTab::modelB() const
{
    return m_modelChoice->itemData(m_modelIndex).toString();
}

void ComparisonTab::modelBChosen()
{
    if (m_modelChoice->currentData().toString() != kChooseModelFolder) {
        m_modelIndex = m_modelChoice->currentIndex();
        requestB();
        return;
    }
    {
        const QSignalBlocker block(m_modelChoice);
        m_modelChoice->setCurrentIndex(m_modelIndex);
    }
    // The window's Open Model dialog and its folder, so that a course's models are one click away.
    ModelFileDialog dialog(this, QSettings().value(QStringLiteral("models/lastDir")).toString());
    if (dialog.exec() != QDialog::Accepted || dialog.chosenModel().isEmpty()) return;
    const QString chosen = dialog.chosenModel();
    QSettings().setValue(QStringLiteral("models/lastDir"), QFileInfo(QDir::cleanPath(chosen)).absolutePath());
    setModelB(chosen);
}

void ComparisonTab::setShownView(const QString& name)
{
    const int index = m_viewChoice->findData(name);
    if (index < 0) return;
    m_viewChoice->setCurrentIndex(index);
    if (name == m_view->shownViewName()) return;
    m_view->setShownView(name);
    emit analysesChanged(); // A's trace may need what the new view draws
    requestB();             // and B's
}

QString ComparisonTab::shownView() const
{
    return m_view->shownViewName();
}

model::AnalysisRequest ComparisonTab::analysesNeeded() const
{
    return m_view->analysesNeeded();
}

QString ComparisonTab::textOfB() const
{
    return m_text->text().isEmpty() && m_workspace ? m_workspace->state().input.text : m_text->text();
}

void ComparisonTab::setTraceA(std::shared_ptr<const model::Trace> trace)
{
    m_a = std::move(trace);
    requestB();
}

void ComparisonTab::setSelection(const model::TraceSelection& selection)
{
    m_selection = selection;
    updateView();
    requestBIfItLacks(); // B's panel may draw from the selection (the effects at the selected token)
}

void ComparisonTab::setStyle(const widgets::ViewStyle& style)
{
    m_view->setStyle(style);
}

namespace {

// What a panel is labelled with: the text, the model, or both when both differ ("char-gpt-slm · The cat").
QString comparisonTabLabel(const QString& text, const QString& modelName, bool showText, bool showModel)
{
    const QString model = model::isToyModel(modelName) ? ComparisonTab::tr("Toy model") : modelTitle(modelName);
    if (showText && showModel) return model + QStringLiteral(" · ") + text;
    return showModel ? model : text;
}

} // namespace

void ComparisonTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_waitsForShow) requestB();
}

void ComparisonTab::requestB()
{
    m_typing->stop();
    // Hidden, B waits until the tab is shown: a second model must not load, nor B run on every edit of A, for a tab
    // nobody looks at.
    m_waitsForShow = !isVisible();
    if (m_waitsForShow || !m_workspace || !m_a) return;
    WorkspaceState state = m_workspace->state();
    if (state.input.mode != InputMode::Sentence) {
        m_computer->discard();
        m_status->setText(tr("Compare takes a sentence: typed matrices have no text B."));
        return;
    }
    const QString modelA = state.input.modelName;
    const QString chosen = modelB();
    const bool otherModel = !chosen.isEmpty() && chosen != modelA;
    if (m_text->text().isEmpty() && !otherModel) {
        m_computer->discard();
        m_status->setText(tr("Type a text B, or choose another model B, to compare with A."));
        return;
    }
    const bool otherText = !m_text->text().isEmpty();
    m_pendingLabelA = comparisonTabLabel(state.input.text, modelA, otherText, otherModel);
    m_pendingLabelB = comparisonTabLabel(textOfB(), otherModel ? chosen : modelA, otherText, otherModel);
    state.input.text = textOfB();
    if (otherModel) {
        state.input.modelName = chosen;
        // What is switched off belongs to A's model (Workspace::edit): B's starts with everything on.
        state.compute.ablation = {};
    }
    const BuiltRequest built = buildRequest(state);
    if (!built.request) {
        m_computer->discard();
        m_status->setText(tr("B: %1").arg(built.error));
        return;
    }
    model::TraceRequest request = *built.request;
    if (!model::isToyModel(request.modelName)) {
        if (m_workspace->loader()->holds(request.modelName)) {
            request.checkpoint = m_workspace->loader()->current();
        } else if (!otherModel) {
            // A's model, not in memory yet: B waits for A's next trace.
            return;
        } else if (m_loaderB->holds(request.modelName)) {
            request.checkpoint = m_loaderB->current();
        } else {
            // Loaded on the loader's worker; B is asked for again when it is in memory.
            m_computer->discard();
            if (m_loaderB->loadingPath() != QFileInfo(request.modelName).absoluteFilePath()) m_loaderB->load(request.modelName);
            m_status->setText(tr("Loading model B (%1)…").arg(modelTitle(request.modelName)));
            return;
        }
    }
    // What the view draws for A (its trace's analyses), then, once B is here, what B's own panel needs.
    m_askedB = m_view->viewB()->trace() ? model::unitedAnalyses(m_view->analysesNeeded(), m_view->viewB()->analysesNeeded())
                                        : m_view->analysesNeeded();
    request.analyses = m_askedB;
    m_computer->request(request);
}

void ComparisonTab::traceBReady(std::shared_ptr<const model::Trace> trace)
{
    m_b = std::move(trace);
    m_showsRefusal = false;
    m_labelA = m_pendingLabelA;
    m_labelB = m_pendingLabelB;
    m_status->clear();
    updateView();
    emit analysesChanged(); // A's panel has A's trace now
    requestBIfItLacks();    // B's panel may need what A's did not (the effects at B's own last token)
}

void ComparisonTab::requestBIfItLacks()
{
    if (!m_b || m_view->viewB()->trace() != m_b.get()) return;
    const model::AnalysisRequest neededB = m_view->viewB()->analysesNeeded();
    // (what was asked for and could not be had, such as the toy model's effects, is not asked for again)
    if (!model::includesAnalyses(model::analysesOf(*m_b), neededB) && !model::includesAnalyses(m_askedB, neededB))
        requestB();
}

void ComparisonTab::updateView()
{
    m_view->setSelection(m_selection);
    if (!m_a || !m_b) return;
    auto compared = model::compareTraces(*m_a, *m_b, m_selection);
    const QString refusal = compared ? QString() : compared.error();
    m_view->setTraces(m_a, m_b, compared ? std::optional<model::TraceComparison>(std::move(compared).value()) : std::nullopt,
                      refusal, m_labelA, m_labelB);
    // Two models of different shapes: side by side, and the status line says why there is no A − B.
    const bool refused = !refusal.isEmpty() && m_view->shownViewName() == QLatin1String("heatmap");
    if (refused)
        m_status->setText(tr("No difference A − B: %1").arg(widgets::leftToRight(refusal))); // English, in any layout
    else if (m_showsRefusal)
        m_status->clear();
    m_showsRefusal = refused;
}

} // namespace attnlab::app

#include "moc_comparison_tab.cpp"
