#include "widgets/views/residual_view.h"

#include "model/exact/exact_format.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace attnlab::widgets {

ResidualView::ResidualView(QWidget* parent) : TraceView(parent)
{
    m_data = residualData(nullptr, {});
}

void ResidualView::refresh()
{
    // The norms are measured once per change of trace or selection, not on every paint.
    m_data = residualData(trace(), selection());
    update();
}

QList<double> ResidualView::barValues(int layer) const
{
    return m_data.bars.value(layer);
}

void ResidualView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    paintResidualFigure(painter, size, m_data, viewStyle(), figureParts().title, figureParts().hints);
}

int ResidualView::layerAt(const QPointF& point, const QSizeF& figure) const
{
    if (!m_data.message.isEmpty())
        return -1;
    const ResidualLayout l = residualLayout(figure, m_data, viewStyle());
    for (int layer = 0; layer < m_data.bars.size(); ++layer) {
        // The whole column above a bar counts, so that short bars are easy to hit.
        const QRectF bar = residualBarRect(l, m_data, layer);
        const QRectF column(QPointF(bar.left(), l.bars.area.top()), QPointF(bar.right(), l.bars.area.bottom() + 2));
        if (column.contains(point))
            return layer;
    }
    return -1;
}

void ResidualView::mousePressEvent(QMouseEvent* event)
{
    const int layer = event->button() == Qt::LeftButton ? layerAt(event->position(), QSizeF(size())) : -1;
    if (layer < 0) {
        TraceView::mousePressEvent(event);
        return;
    }
    emit layerHeadSelected(layer, model::AverageHeads);
    event->accept();
}

bool ResidualView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return TraceView::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const int layer = layerAt(help->pos(), QSizeF(size()));
    if (layer < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    // Hover for numbers: every part of the bar with its norm and share.
    const QList<double> parts = m_data.bars[layer];
    double total = 0.0;
    for (const double v : parts)
        total += v;
    QStringList lines{tr("Layer %1, token “%2”").arg(layer + 1).arg(m_data.token)};
    for (int part = 0; part < parts.size(); ++part)
        lines << tr("%1: ‖·‖ = %2 (%3%)")
                     .arg(part == m_data.heads ? tr("MLP") : tr("head %1").arg(part + 1))
                     .arg(model::formatDecimal(parts[part], 4))
                     .arg(total > 0 ? qRound(100.0 * parts[part] / total) : 0);
    lines << tr("stream: %1 → %2")
                 .arg(model::formatDecimal(m_data.streamNorms.value(layer), 4),
                      model::formatDecimal(m_data.streamNorms.value(layer + 1), 4));
    QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

} // namespace attnlab::widgets

#include "moc_residual_view.cpp"
