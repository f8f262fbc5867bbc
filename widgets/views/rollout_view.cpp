#include "widgets/views/rollout_view.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>

namespace attnlab::widgets {

RolloutView::RolloutView(QWidget* parent) : TraceView(parent)
{
    m_buttons = new QWidget(this);
    auto* layout = new QHBoxLayout(m_buttons);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* group = new QButtonGroup(this);
    for (QToolButton** button : {&m_rollout, &m_flow}) {
        *button = new QToolButton(m_buttons);
        (*button)->setCheckable(true);
        (*button)->setAutoRaise(false);
        layout->addWidget(*button);
        group->addButton(*button);
    }
    m_rollout->setObjectName(QStringLiteral("rolloutMode"));
    m_flow->setObjectName(QStringLiteral("flowMode"));
    m_rollout->setText(tr("Rollout"));
    m_flow->setText(tr("Flow"));
    m_rollout->setToolTip(tr("Attention rollout: the layers' attention multiplied from layer 1 up"));
    m_flow->setToolTip(tr("Attention flow: the maximum flow through the layers to each input token"));
    m_rollout->setChecked(true);
    connect(m_rollout, &QToolButton::toggled, this, [this](bool on) {
        if (on) setMode(RolloutMode::Rollout);
    });
    connect(m_flow, &QToolButton::toggled, this, [this](bool on) {
        if (on) setMode(RolloutMode::Flow);
    });
    setMouseTracking(false);
    m_data = rolloutData(nullptr, {}, m_mode);
    placeButtons();
}

model::AnalysisRequest RolloutView::analysesNeeded() const
{
    model::AnalysisRequest request;
    request.rollout = m_mode == RolloutMode::Rollout;
    if (m_mode == RolloutMode::Flow) request.flowQuery = rolloutQuery(trace(), selection());
    return request;
}

void RolloutView::setMode(RolloutMode mode)
{
    if (mode == m_mode) return;
    m_mode = mode;
    (mode == RolloutMode::Rollout ? m_rollout : m_flow)->setChecked(true);
    refresh();
    emit modeChanged(mode);
}

void RolloutView::refresh()
{
    m_data = rolloutData(trace(), selection(), m_mode);
    update();
}

double RolloutView::buttonsWidth() const
{
    return m_buttons->sizeHint().width() + 8;
}

void RolloutView::placeButtons()
{
    const QSize hint = m_buttons->sizeHint();
    m_buttons->setGeometry(width() - hint.width() - 8, 6, hint.width(), hint.height());
}

void RolloutView::resizeEvent(QResizeEvent* event)
{
    TraceView::resizeEvent(event);
    placeButtons();
}

void RolloutView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    // The screen keeps the buttons' corner free; an export has no buttons.
    const double reserved = figureParts().hints ? buttonsWidth() : 0.0;
    paintRolloutFigure(painter, size, m_data, viewStyle(), figureParts().title, figureParts().hints, reserved);
}

void RolloutView::mousePressEvent(QMouseEvent* event)
{
    const RolloutLayout layout = rolloutLayout(QSizeF(size()), m_data, viewStyle(), true, true, buttonsWidth());
    const int token = event->button() == Qt::LeftButton ? rolloutTokenAt(layout, m_data, event->position()) : -1;
    if (token < 0) {
        TraceView::mousePressEvent(event);
        return;
    }
    emit querySelected(token);
    event->accept();
}

bool RolloutView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip) return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const RolloutLayout layout = rolloutLayout(QSizeF(size()), m_data, viewStyle(), true, true, buttonsWidth());
    const int token = rolloutTokenAt(layout, m_data, help->pos());
    const int layer = rolloutLayerAt(layout, m_data, help->pos());
    if (token < 0 || layer < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const QString value = rolloutValueText(m_data.values(layer, token));
    QToolTip::showText(help->globalPos(),
                       tr("Layer %1: “%2” → “%3”: %4")
                           .arg(layer + 1)
                           .arg(QChar(0x2068) + m_data.token + QChar(0x2069), QChar(0x2068) + m_data.tokens[token] + QChar(0x2069), value),
                       this);
    return true;
}

} // namespace attnlab::widgets

#include "moc_rollout_view.cpp"
