#include "widgets/controls/lesson_chart.h"

#include "widgets/drawing/chart_painting.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace attnlab::widgets {

LessonChart::LessonChart(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonChart"));
    m_style.presentation = font().pointSizeF() >= 14.0;
    m_style.theme = palette().color(QPalette::Window).lightness() < 128 ? Theme::Dark : Theme::Light;
}

void LessonChart::setLine(std::vector<QPointF> points, const QString& xTitle, const QString& yTitle)
{
    m_points = std::move(points);
    m_bars = false;
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

void LessonChart::setBars(double lo, double binWidth, const std::vector<int>& counts, const QString& xTitle,
                          const QString& yTitle)
{
    m_points.clear();
    for (size_t i = 0; i < counts.size(); ++i)
        m_points.emplace_back(lo + (double(i) + 0.5) * binWidth, counts[i]);
    m_binWidth = binWidth;
    m_bars = true;
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

void LessonChart::setMarker(std::optional<double> x, const QString& label)
{
    m_marker = x;
    m_markerLabel = label;
    update();
}

void LessonChart::setReference(std::optional<double> y, const QString& label)
{
    m_reference = y;
    m_referenceLabel = label;
    update();
}

void LessonChart::setStyle(const ViewStyle& style)
{
    m_style = style;
    update();
}

void LessonChart::paintChart(QPainter& painter, const QSizeF& size) const
{
    painter.fillRect(QRectF(QPointF(0, 0), size), m_style.background());
    if (m_points.empty()) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), tr("Computing…"), m_style);
        return;
    }
    double xMin = m_points.front().x(), xMax = m_points.back().x(), yMax = 0.0;
    if (m_bars) {
        xMin -= m_binWidth / 2;
        xMax += m_binWidth / 2;
    }
    for (const QPointF& p : m_points)
        yMax = std::max(yMax, p.y());
    if (m_reference)
        yMax = std::max(yMax, *m_reference);
    yMax = yMax > 0 ? yMax * 1.08 : 1.0;
    const QMarginsF margins = axisMargins(m_style);
    const double top = QFontMetricsF(m_style.font(9)).height() * 0.8;
    const PlotAxes axes{QRectF(QPointF(margins.left(), top), QPointF(size.width() - 12, size.height() - margins.bottom())),
                        xMin, xMax > xMin ? xMax : xMin + 1, 0.0, yMax};
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor ink = headColor(0);
    if (m_bars) {
        painter.setPen(QPen(m_style.background(), 0.5));
        painter.setBrush(withAlpha(ink, 0.75));
        for (const QPointF& p : m_points)
            painter.drawRect(QRectF(axes.map(p.x() - m_binWidth / 2, p.y()), axes.map(p.x() + m_binWidth / 2, 0.0)));
    } else {
        QPainterPath path(axes.map(m_points.front().x(), m_points.front().y()));
        for (const QPointF& p : m_points)
            path.lineTo(axes.map(p.x(), p.y()));
        painter.setPen(QPen(ink, 2.0 * m_style.lineScale()));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    painter.setFont(m_style.font(9));
    const QFontMetricsF fm(painter.font());
    if (m_reference) {
        const double y = axes.mapY(*m_reference);
        painter.setPen(QPen(m_style.foreground(), 1.2 * m_style.lineScale(), Qt::DashLine));
        painter.drawLine(QPointF(axes.area.left(), y), QPointF(axes.area.right(), y));
        painter.drawText(QRectF(axes.area.left() + 4, y - fm.height() - 1, axes.area.width() - 8, fm.height()),
                         Qt::AlignRight | Qt::AlignBottom, m_referenceLabel);
    }
    if (m_marker) {
        const double x = axes.mapX(std::clamp(*m_marker, axes.xMin, axes.xMax));
        const QColor accent = accentColor(m_style);
        painter.setPen(QPen(accent, 1.5 * m_style.lineScale()));
        painter.drawLine(QPointF(x, axes.area.top()), QPointF(x, axes.area.bottom()));
        const double w = fm.horizontalAdvance(m_markerLabel) + 6;
        const bool leftOfLine = x + w > axes.area.right();
        painter.drawText(QRectF(leftOfLine ? x - w - 2 : x + 3, axes.area.top(), w, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, m_markerLabel);
    }
    painter.restore();
    drawAxes(painter, axes, m_style, m_xTitle, m_yTitle);
}

void LessonChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        m_style.presentation = font().pointSizeF() >= 14.0;
        m_style.theme = palette().color(QPalette::Window).lightness() < 128 ? Theme::Dark : Theme::Light;
        update();
    }
    QWidget::changeEvent(event);
}

void LessonChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paintChart(painter, QSizeF(size()));
}

} // namespace attnlab::widgets

#include "moc_lesson_chart.cpp"
