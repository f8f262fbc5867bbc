#include "trace_view.h"

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
