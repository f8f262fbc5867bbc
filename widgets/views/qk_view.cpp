#include "widgets/views/qk_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace attnlab::widgets {

QkView::QkView(QWidget* parent) : TraceView(parent)
{
    m_data = qkData(nullptr, {});
}

void QkView::refresh()
{
    m_data = qkData(trace(), selection());
    update();
}

void QkView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    paintQkFigure(painter, size, m_data, viewStyle(), figureParts().title, figureParts().hints);
}

QkLayout QkView::widgetLayout() const
{
    return qkLayout(QSizeF(size()), m_data, viewStyle(), layoutDirection(), true, true);
}

QkPoint QkView::pointAt(const QPointF& pos) const
{
    if (!m_data.message.isEmpty()) return {};
    return qkPointAt(widgetLayout(), m_data, pos);
}

QPointF QkView::pointPosition(const QkPoint& point) const
{
    return qkPointPosition(widgetLayout(), m_data, point);
}

QString QkView::hoverText(const QPointF& pos) const
{
    return qkPointText(m_data, pointAt(pos));
}

void QkView::mousePressEvent(QMouseEvent* event)
{
    const QkPoint point = event->button() == Qt::LeftButton ? pointAt(event->position()) : QkPoint{};
    if (point.index < 0 || point.key) {
        TraceView::mousePressEvent(event);
        return;
    }
    emit querySelected(point.index);
    event->accept();
}

bool QkView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip) return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = hoverText(help->pos());
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

} // namespace attnlab::widgets

#include "moc_qk_view.cpp"
