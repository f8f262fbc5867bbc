#include "widgets/views/trace_view.h"

#include <QContextMenuEvent>
#include <QPainter>

namespace attnlab::widgets {

TraceView::TraceView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(200, 150);
}

void TraceView::setTrace(std::shared_ptr<const model::Trace> trace)
{
    m_trace = std::move(trace);
    if (m_trace)
        m_selection = model::clampSelection(m_selection, *m_trace);
    refresh();
}

void TraceView::setSelection(const model::TraceSelection& selection)
{
    m_selection = m_trace ? model::clampSelection(selection, *m_trace) : selection;
    refresh();
}

void TraceView::setStyle(const ViewStyle& style)
{
    m_style = style;
    refresh();
}

bool TraceView::paintBackgroundOrEmpty(QPainter& painter, const QSizeF& size) const
{
    painter.fillRect(QRectF(QPointF(0, 0), size), m_style.background());
    if (m_trace && !m_trace->layers.empty() && !m_trace->tokens.isEmpty())
        return true;
    painter.setPen(m_style.muted());
    painter.setFont(m_style.font(12));
    painter.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter, tr("No trace to show"));
    return false;
}

void TraceView::setAnswersHidden(bool hidden)
{
    if (m_parts.answers != hidden)
        return;
    m_parts.answers = !hidden;
    refresh();
}

void TraceView::paintFigureWith(QPainter& painter, const QSizeF& size, const FigureParts& parts) const
{
    const FigureParts previous = m_parts;
    m_parts = parts;
    paintFigure(painter, size);
    m_parts = previous;
}

std::pair<int, int> TraceView::headForMenu(const QPoint&, bool) const
{
    return {-1, -1};
}

std::pair<int, int> TraceView::selectedSingleHead() const
{
    if (!m_trace || m_trace->layers.empty() || m_selection.head < 0) return {-1, -1};
    const int layer = std::clamp(m_selection.layer, 0, int(m_trace->layers.size()) - 1);
    if (m_selection.head >= int(m_trace->layers[size_t(layer)].heads.size())) return {-1, -1};
    return {layer, m_selection.head};
}

void TraceView::contextMenuEvent(QContextMenuEvent* event)
{
    const bool keyboard = event->reason() == QContextMenuEvent::Keyboard;
    const auto [layer, head] = headForMenu(event->pos(), keyboard);
    if (layer < 0 || head < 0) {
        QWidget::contextMenuEvent(event);
        return;
    }
    emit headMenuRequested(layer, head, event->globalPos());
    event->accept();
}

void TraceView::refresh()
{
    update();
}

void TraceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paintFigure(painter, QSizeF(size()));
}

} // namespace attnlab::widgets

#include "moc_trace_view.cpp"
