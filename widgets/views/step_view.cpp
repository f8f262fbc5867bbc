#include "widgets/views/step_view.h"

#include "widgets/drawing/chart_painting.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/views/step_figure.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace attnlab::widgets {

StepView::StepView(QWidget* parent) : TraceView(parent)
{
    // The arrow keys step through the lesson, so the view must be able to hold the focus.
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("← → step through QKᵀ, scaling, mask, softmax and ×V; ↑ ↓ or a click choose the query row"));
}

void StepView::setStep(int step)
{
    step = std::clamp(step, 0, kAttentionStepCount - 1);
    if (step == m_step)
        return;
    m_step = step;
    update();
    emit stepChanged(m_step);
}

int StepView::queryRow() const
{
    const model::HeadTrace* head = currentHead();
    if (!head || head->weights.rows() == 0)
        return 0;
    const int query = selection().query;
    return query >= 0 && query < head->weights.rows() ? query : 0;
}

const model::HeadTrace* StepView::currentHead() const
{
    const model::Trace* t = trace();
    if (!t || t->layers.empty())
        return nullptr;
    const model::TraceSelection s = model::clampSelection(selection(), *t);
    const model::LayerTrace& layer = t->layers[size_t(s.layer)];
    if (layer.heads.empty())
        return nullptr;
    // The steps belong to one head: for "all", "average" or "max" show the first visible head.
    const int head = s.head >= 0 ? s.head : model::visibleHeads(*t, s).front();
    return &layer.heads[size_t(head)];
}

QString StepView::rowArithmetic(int step) const
{
    const model::HeadTrace* head = currentHead();
    if (!head)
        return {};
    return stepRowArithmetic(*trace(), *head, queryRow(), step, viewStyle().exact);
}

std::optional<StepFigure> StepView::figure(QSizeF size) const
{
    const model::HeadTrace* head = currentHead();
    if (!head || head->weights.rows() == 0)
        return std::nullopt;
    if (size.isEmpty())
        size = QSizeF(this->size());
    return std::optional<StepFigure>(std::in_place, *trace(), *head, queryRow(), m_step, viewStyle(), QString(), size);
}

void StepView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    const model::HeadTrace* head = currentHead();
    if (!head || head->weights.rows() == 0) {
        painter.fillRect(QRectF(QPointF(0, 0), size), viewStyle().background());
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size),
                            trace() ? tr("This trace has no attention layer to step through")
                                    : tr("No trace yet: type matrices or a sentence to step through attention"),
                            viewStyle());
        return;
    }
    const model::TraceSelection s = model::clampSelection(selection(), *trace());
    const int headIndex = int(head - trace()->layers[size_t(s.layer)].heads.data());
    QString context = tr("layer %1 · head %2%3")
                          .arg(s.layer + 1)
                          .arg(headIndex + 1)
                          .arg(s.head < 0 ? tr(" (steps show one head)") : QString());
    if (figureParts().hints)
        context += QStringLiteral(" · ") + tr("← → move between steps · click a row to choose the query");
    StepFigure(*trace(), *head, queryRow(), m_step, viewStyle(), figureParts().title ? context : QString(), size,
               figureParts().title, figureParts().answers)
        .paint(painter);
}

void StepView::keyPressEvent(QKeyEvent* event)
{
    const model::HeadTrace* head = currentHead();
    switch (event->key()) {
    case Qt::Key_Left: setStep(m_step - 1); break;
    case Qt::Key_Right: setStep(m_step + 1); break;
    case Qt::Key_Home: setStep(0); break;
    case Qt::Key_End: setStep(kAttentionStepCount - 1); break;
    case Qt::Key_Up:
    case Qt::Key_Down:
        // The view does not change the selection itself: it asks, and the app answers with setSelection.
        if (head && head->weights.rows() > 0) {
            const int delta = event->key() == Qt::Key_Up ? -1 : 1;
            emit querySelected(std::clamp(queryRow() + delta, 0, int(head->weights.rows()) - 1));
        }
        break;
    default: TraceView::keyPressEvent(event); return;
    }
    event->accept();
}

void StepView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const model::HeadTrace* head = currentHead();
    if (!head || event->button() != Qt::LeftButton) {
        TraceView::mousePressEvent(event);
        return;
    }
    const int row = figure()->rowAt(event->position());
    if (row >= 0)
        emit querySelected(row);
}

} // namespace attnlab::widgets

#include "moc_step_view.cpp"
