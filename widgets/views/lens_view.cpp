#include "widgets/views/lens_view.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace attnlab::widgets {

LensView::LensView(QWidget* parent) : TraceView(parent)
{
    setMouseTracking(true);
    m_data = lensData(nullptr, {});
}

model::AnalysisRequest LensView::analysesNeeded() const
{
    model::AnalysisRequest request;
    request.lens = true;
    return request;
}

void LensView::refresh()
{
    m_data = lensData(trace(), selection());
    update();
}

void LensView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    paintLensFigure(painter, size, m_data, viewStyle(), figureParts().title, figureParts().hints);
}

LensLayout LensView::layout() const
{
    return lensLayout(QSizeF(size()), m_data, viewStyle(), layoutDirection(), true, true);
}

void LensView::mousePressEvent(QMouseEvent* event)
{
    const int position = event->button() == Qt::LeftButton ? lensPositionAt(layout(), m_data, event->position()) : -1;
    if (position < 0) {
        TraceView::mousePressEvent(event);
        return;
    }
    emit querySelected(position);
    event->accept();
}

void LensView::mouseMoveEvent(QMouseEvent* event)
{
    setCursor(lensPositionAt(layout(), m_data, event->position()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    TraceView::mouseMoveEvent(event);
}

bool LensView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip) return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const LensLayout l = layout();
    const int position = lensPositionAt(l, m_data, help->pos());
    const int layer = lensLayerAt(l, m_data, help->pos());
    if (position < 0 || layer < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QToolTip::showText(help->globalPos(), lensToolTip(m_data, layer, position), this);
    return true;
}

} // namespace attnlab::widgets

#include "moc_lens_view.cpp"
