#include "widgets/views/head_roles_view.h"

#include "widgets/drawing/left_to_right.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace attnlab::widgets {

namespace {

// What each score measures, one line under the title.
QString rolesExplanation(model::HeadRole role)
{
    switch (role) {
    case model::HeadRole::PreviousToken:
        return HeadRolesView::tr("attention from each token to the token just before it, averaged over the tokens");
    case model::HeadRole::Induction:
        return HeadRolesView::tr("on random tokens repeated once: attention from each token of the second copy to "
                                 "the token after its first occurrence");
    case model::HeadRole::FirstToken:
        return HeadRolesView::tr("attention to the first token (an attention sink), averaged over the later tokens");
    case model::HeadRole::Diagonal:
        return HeadRolesView::tr("attention of each token to itself");
    case model::HeadRole::Duplicate:
        return HeadRolesView::tr("attention from a repeated token to its earlier occurrences");
    case model::HeadRole::Entropy:
        return HeadRolesView::tr("entropy of each attention row in nats, averaged: 0 = all on one token, "
                                 "ln T = spread evenly");
    }
    return {};
}

bool rolesInputRepeats(const model::Trace& trace)
{
    const QStringList& tokens = trace.tokens;
    for (int i = 0; i < tokens.size(); ++i)
        for (int j = 0; j < i; ++j)
            if (tokens[j] == tokens[i]) return true;
    return false;
}

} // namespace

HeadRolesView::HeadRolesView(QWidget* parent) : HeadGridView(parent)
{
    m_bar = new QWidget(this);
    auto* row = new QHBoxLayout(m_bar);
    row->setContentsMargins(8, 4, 8, 0);
    m_label = new QLabel(m_bar);
    m_selector = new QComboBox(m_bar);
    m_selector->setObjectName(QStringLiteral("roleScore"));
    m_label->setBuddy(m_selector);
    row->addWidget(m_label);
    row->addWidget(m_selector);
    row->addStretch(1);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_bar);
    column->addStretch(1);
    fillSelector();
    connect(m_selector, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < int(model::kHeadRoleNames.size()))
            setScore(model::kHeadRoleNames[size_t(index)].value);
    });
}

void HeadRolesView::fillSelector()
{
    const QSignalBlocker quiet(m_selector);
    m_label->setText(tr("&Score:"));
    m_selector->clear();
    for (const auto& entry : model::kHeadRoleNames)
        m_selector->addItem(scoreTitle(entry.value), QLatin1String(entry.name));
    m_selector->setCurrentIndex(m_selector->findData(model::enumName(model::kHeadRoleNames, m_score)));
}

void HeadRolesView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) fillSelector();
    HeadGridView::changeEvent(event);
}

QString HeadRolesView::scoreTitle(model::HeadRole score)
{
    switch (score) {
    case model::HeadRole::PreviousToken: return tr("previous token");
    case model::HeadRole::Induction: return tr("induction");
    case model::HeadRole::FirstToken: return tr("first token (attention sink)");
    case model::HeadRole::Diagonal: return tr("self (diagonal)");
    case model::HeadRole::Duplicate: return tr("duplicate token");
    case model::HeadRole::Entropy: return tr("entropy");
    }
    return {};
}

model::AnalysisRequest HeadRolesView::analysesNeeded() const
{
    model::AnalysisRequest needed;
    needed.headRoles = true;
    return needed;
}

void HeadRolesView::setScore(model::HeadRole score)
{
    if (score == m_score) return;
    m_score = score;
    {
        const QSignalBlocker quiet(m_selector);
        m_selector->setCurrentIndex(m_selector->findData(model::enumName(model::kHeadRoleNames, m_score)));
    }
    update();
    emit scoreChanged(m_score);
}

HeadGridData HeadRolesView::gridData(bool withHints) const
{
    HeadGridData data;
    const model::Trace* t = trace();
    if (!t || t->layers.empty()) {
        data.message = tr("No trace yet: type a sentence to see the roles of its heads");
        return data;
    }
    if (!t->headRoles) {
        data.message = tr("Computing the head roles…");
        return data;
    }
    const model::HeadRoles& roles = *t->headRoles;
    if (!roles.unavailable.isEmpty()) {
        data.message = tr("Head roles score self-attention heads: this input attends to a memory text "
                          "(cross-attention), so it has none");
        return data;
    }
    if (m_score == model::HeadRole::Induction && !roles.hasInduction) {
        data.message = t->source == model::TraceSource::Matrices
                           ? tr("Typed matrices have no induction score: there is no model to run repeated random "
                                "tokens through. The other five scores are under Score.")
                           : tr("The induction probe could not run: %1").arg(roles.inductionNote);
        return data;
    }
    data.values = model::roleScores(roles, m_score);
    const QString name = scoreTitle(m_score);
    data.title = tr("Head roles: %1").arg(name);
    const int layers = int(data.values.rows()), heads = int(data.values.cols());
    data.subtitle << rolesExplanation(m_score)
                  << tr("%1 · %2 layers × %3 heads").arg(t->modelName).arg(layers).arg(heads);
    if (t->source == model::TraceSource::Toy)
        data.subtitle << tr("random, untrained weights: no head has learned a role");
    if (withHints) data.subtitle << tr("click a cell or a row to open its head");
    if (m_score == model::HeadRole::Entropy) {
        data.hi = data.values.size() > 0 ? std::max(data.values.maxCoeff(), 1e-9) : 1.0;
        data.order = HeadGridOrder::Ascending;
        data.scaleTitle = tr("nats");
        data.listTitle = tr("Sharpest (lowest entropy)");
    } else {
        data.scaleTitle = tr("score");
        data.listTitle = tr("Highest scores");
    }
    if (m_score == model::HeadRole::Induction)
        data.note = tr("Measured on %1 random tokens, then the same tokens again; not on the input.")
                        .arg(roles.probeTokenIds.size() / 2);
    else if (m_score == model::HeadRole::Duplicate && !rolesInputRepeats(*t))
        data.note = tr("No token of the input occurs twice, so every duplicate-token score is 0.");
    const model::TraceSelection s = model::clampSelection(selection(), *t);
    data.currentLayer = s.layer;
    data.currentHead = s.head;
    data.switchedOff = switchedOffHeads(t->ablation);
    return data;
}

QRectF HeadRolesView::figureRect() const
{
    // The bar's height as its layout gives it (also before the widget was first shown).
    const double top = m_bar->sizeHint().height();
    return QRectF(0, top, width(), std::max(0.0, height() - top));
}

QString HeadRolesView::headToolTip(const GridHead& head) const
{
    const model::Matrix& values = model::roleScores(*trace()->headRoles, m_score);
    return tr("Layer %1, head %2: %3 %4")
        .arg(head.layer + 1)
        .arg(head.head + 1)
        .arg(scoreTitle(m_score), leftToRight(headGridValueText(values(head.layer, head.head), 3)));
}

} // namespace attnlab::widgets

#include "moc_head_roles_view.cpp"
