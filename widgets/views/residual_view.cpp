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

void ResidualView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    paintResidualFigure(painter, size, m_data, viewStyle(), figureParts().title, figureParts().hints);
}

int ResidualView::layerAt(const QPointF& point, const QSizeF& figure) const
{
    if (!m_data.message.isEmpty())
        return -1;
    const ResidualLayout l = residualLayout(figure, m_data, viewStyle());
    for (int layer = 0; layer < m_data.steps.size(); ++layer) {
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
    // Hover for numbers: each update's length, its cosine with the stream, and the stream's length around it.
    const model::LayerResidualSteps& step = m_data.steps[layer];
    const auto line = [](const QString& name, const model::ResidualStep& s) {
        return tr("%1: ‖Δ‖ = %2, cos(Δ, x) = %3, ‖x‖ %4 → %5%6")
            .arg(name, model::formatDecimal(s.delta, 4), residualCosineText(s.cosine, true),
                 model::formatDecimal(s.before, 4), model::formatDecimal(s.after, 4),
                 s.addedAsIs ? QString() : tr(" (normalised after the addition)"));
    };
    const QStringList lines{tr("Layer %1, token “%2”").arg(layer + 1).arg(m_data.token),
                            line(tr("attention"), step.attention), line(tr("MLP"), step.mlp)};
    QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

} // namespace attnlab::widgets

#include "moc_residual_view.cpp"
