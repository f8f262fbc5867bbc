#include "widgets/views/trace_view.h"

#include <QContextMenuEvent>

#include <algorithm>
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
    updateVeil();
    refresh();
}

void TraceView::paintFigureWith(QPainter& painter, const QSizeF& size, const FigureParts& parts) const
{
    const FigureParts previous = m_parts;
    m_parts = parts;
    paintVeiledFigure(painter, size);
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
    paintFigure(painter, QSizeF(size())); // a veil, when one is due, is a child on top (updateVeil)
}

namespace {

// The veil over a view that does not draw its figure without its answers, on screen: a child on top of the
// view's own children (the QCustomPlot of the positional view, the rollout's buttons), blind to the mouse.
class AnswerVeilOverlay : public QWidget {
public:
    explicit AnswerVeilOverlay(TraceView* view) : QWidget(view), m_view(view)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        view->installEventFilter(this);
        setGeometry(view->rect());
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_view && event->type() == QEvent::Resize) setGeometry(m_view->rect());
        return false;
    }
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        m_view->paintVeil(painter, QSizeF(size()), true);
    }

private:
    TraceView* m_view;
};

} // namespace

void TraceView::updateVeil()
{
    const bool veiled = !m_parts.answers && !drawsHiddenAnswers();
    if (veiled && !m_veil) m_veil = new AnswerVeilOverlay(this);
    if (!m_veil) return;
    m_veil->setVisible(veiled);
    if (veiled) {
        m_veil->raise();
        m_veil->update();
    }
}

void TraceView::paintVeiledFigure(QPainter& painter, const QSizeF& size) const
{
    paintFigure(painter, size);
    if (m_parts.answers || drawsHiddenAnswers()) return;
    paintVeil(painter, size, m_parts.title);
}

void TraceView::paintVeil(QPainter& painter, const QSizeF& size, bool belowTitle) const
{
    if (!m_trace || m_trace->layers.empty()) return;
    // Everything under the title line: the figure's own layout varies too much to find its plot area here, and a
    // veil over all of it is what hides every answer for sure. The title says what the hidden figure is.
    const double s = m_style.fontScale();
    const double top = belowTitle ? std::min(size.height() / 3, 44.0 * s) : 8.0 * s;
    const QRectF veil(8.0 * s, top, size.width() - 16.0 * s, size.height() - top - 8.0 * s);
    if (veil.width() <= 0 || veil.height() <= 0) return;
    painter.save();
    painter.fillRect(veil, m_style.hiddenAnswer());
    painter.setPen(m_style.theme == Theme::Dark ? m_style.foreground() : QColor(0x30, 0x30, 0x36));
    painter.setFont(m_style.font(14, true));
    painter.drawText(veil, Qt::AlignCenter | Qt::TextWordWrap, tr("Answer hidden"));
    painter.restore();
}

} // namespace attnlab::widgets

#include "moc_trace_view.cpp"
