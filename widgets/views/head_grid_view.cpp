#include "widgets/views/head_grid_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace attnlab::widgets {

HeadGridView::HeadGridView(QWidget* parent) : TraceView(parent)
{
    setMouseTracking(true);
}

void HeadGridView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    HeadGridData data = gridData(figureParts().hints);
    data.answers = figureParts().answers;
    paintHeadGrid(painter, size, data, viewStyle(), figureParts().title);
}

void HeadGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), viewStyle().background());
    const QRectF figure = figureRect();
    painter.translate(figure.topLeft());
    paintFigure(painter, figure.size());
}

GridHead HeadGridView::headAt(const QPointF& point) const
{
    const QRectF figure = figureRect();
    const HeadGridData data = gridData();
    if (!data.message.isEmpty()) return {};
    const HeadGridLayout layout = headGridLayout(figure.size(), data, viewStyle(), layoutDirection());
    return headGridHeadAt(layout, data, point - figure.topLeft());
}

void HeadGridView::mousePressEvent(QMouseEvent* event)
{
    const GridHead head = event->button() == Qt::LeftButton ? headAt(event->position()) : GridHead{};
    if (!head.valid()) {
        TraceView::mousePressEvent(event);
        return;
    }
    if (answerClicks() == AnswerClicks::Head)
        emit headClicked(head.layer, head.head); // a question asks for a head: the cell answers
    else
        emit layerHeadSelected(head.layer, head.head);
    event->accept();
}

void HeadGridView::mouseMoveEvent(QMouseEvent* event)
{
    setCursor(headAt(event->position()).valid() ? Qt::PointingHandCursor : Qt::ArrowCursor);
    TraceView::mouseMoveEvent(event);
}

bool HeadGridView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip) return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const GridHead head = headAt(help->pos());
    if (!head.valid() || answersHidden()) { // a tooltip would tell the value
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QToolTip::showText(help->globalPos(), headToolTip(head), this);
    return true;
}

std::pair<int, int> HeadGridView::headForMenu(const QPoint& pos, bool keyboard) const
{
    if (keyboard) return selectedSingleHead();
    const GridHead head = headAt(QPointF(pos));
    return {head.layer, head.head};
}

} // namespace attnlab::widgets

#include "moc_head_grid_view.cpp"
