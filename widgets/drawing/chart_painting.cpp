#include "widgets/drawing/chart_painting.h"

#include "widgets/drawing/left_to_right.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

QPointF PlotAxes::map(double x, double y) const
{
    // A reversed range (yMin > yMax) flips the axis: heatmaps put row 0 at the top.
    const double fx = xMax != xMin ? (x - xMin) / (xMax - xMin) : 0.5;
    const double fy = yMax != yMin ? (y - yMin) / (yMax - yMin) : 0.5;
    return {area.left() + fx * area.width(), area.bottom() - fy * area.height()};
}

QList<double> niceTicks(double lo, double hi, int target)
{
    QList<double> ticks;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || target < 1)
        return ticks;
    const double raw = (hi - lo) / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    // The finest 1-2-5 step that gives at most target + 1 ticks (a step ≥ raw always does).
    double step = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0, 20.0}) {
        step = m * magnitude;
        if (std::floor(hi / step) - std::ceil(lo / step) + 1 <= target + 1)
            break;
    }
    // A tolerance of a millionth of a step so that lo and hi themselves count as inside.
    const double eps = step * 1e-6;
    for (double t = std::ceil((lo - eps) / step) * step; t <= hi + eps; t += step)
        ticks << (std::abs(t) < eps ? 0.0 : t);
    return ticks;
}

QString tickText(double value)
{
    QString text = QString::number(value, 'f', 6);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    if (text == QLatin1String("-0"))
        text = QStringLiteral("0");
    return text.replace(u'-', u'\u2212');
}

QMarginsF axisMargins(const ViewStyle& style)
{
    const QFontMetricsF fm(style.font(9));
    // Left: tick labels like "−0.5" plus the rotated axis title; bottom: tick labels plus the axis title.
    return {fm.horizontalAdvance(QStringLiteral("\u22120.55")) + fm.height() * 1.8, 0, 0, fm.height() * 2.8};
}

void drawAxes(QPainter& painter, const PlotAxes& axes, const ViewStyle& style, const QString& xTitle,
              const QString& yTitle, QList<double> xTicks, QList<double> yTicks, const QStringList& xLabels)
{
    const QRectF& area = axes.area;
    const QFont font = style.font(9);
    const QFontMetricsF fm(font);
    const double tick = 4.0 * style.lineScale();
    if (xTicks.isEmpty())
        xTicks = niceTicks(std::min(axes.xMin, axes.xMax), std::max(axes.xMin, axes.xMax),
                           std::max(2, int(area.width() / (fm.height() * 5))));
    if (yTicks.isEmpty())
        yTicks = niceTicks(std::min(axes.yMin, axes.yMax), std::max(axes.yMin, axes.yMax),
                           std::max(2, int(area.height() / (fm.height() * 2.5))));

    painter.save();
    painter.setFont(font);
    painter.setPen(QPen(style.muted(), 1.0 * style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    painter.drawLine(area.bottomLeft(), area.topLeft());
    for (int i = 0; i < xTicks.size(); ++i) {
        const double x = xTicks[i];
        const double px = axes.mapX(x);
        painter.setPen(QPen(style.muted(), 1.0 * style.lineScale()));
        painter.drawLine(QPointF(px, area.bottom()), QPointF(px, area.bottom() + tick));
        painter.setPen(style.foreground());
        const QString label = i < xLabels.size() ? xLabels[i] : leftToRight(tickText(x));
        const double w = fm.horizontalAdvance(label);
        painter.drawText(QRectF(px - w / 2 - 2, area.bottom() + tick, w + 4, fm.height()), Qt::AlignCenter, label);
    }
    for (const double y : yTicks) {
        const double py = axes.mapY(y);
        painter.setPen(QPen(style.muted(), 1.0 * style.lineScale()));
        painter.drawLine(QPointF(area.left() - tick, py), QPointF(area.left(), py));
        painter.setPen(style.foreground());
        const QString label = leftToRight(tickText(y));
        const double w = fm.horizontalAdvance(label) + 4;
        painter.drawText(QRectF(area.left() - tick - w - 2, py - fm.height() / 2, w, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    painter.setPen(style.foreground());
    if (!xTitle.isEmpty())
        painter.drawText(QRectF(area.left(), area.bottom() + tick + fm.height() * 1.1, area.width(), fm.height() * 1.4),
                         Qt::AlignHCenter | Qt::AlignTop, xTitle);
    if (!yTitle.isEmpty()) {
        // Rotated a quarter turn so that the title reads bottom to top along the axis.
        painter.translate(area.left() - axisMargins(style).left() + fm.height() * 0.1, area.center().y());
        painter.rotate(-90);
        painter.drawText(QRectF(-area.height() / 2, 0, area.height(), fm.height() * 1.2),
                         Qt::AlignHCenter | Qt::AlignTop, yTitle);
    }
    painter.restore();
}

void drawColorBar(QPainter& painter, const QRectF& bar, ColorMapKind kind, double lo, double hi,
                  const ViewStyle& style, const QString& title)
{
    painter.save();
    // Horizontal bands rather than a QLinearGradient: a gradient is rasterised by some PDF viewers and
    // the bands keep the figure a plain vector drawing.
    const int bands = 64;
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < bands; ++i) {
        const double t = (i + 0.5) / bands;
        painter.setBrush(colorAt(kind, t));
        const double y0 = bar.bottom() - bar.height() * (i + 1) / bands;
        painter.drawRect(QRectF(bar.left(), y0, bar.width(), bar.height() / bands + 0.5));
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(style.muted(), 1.0));
    painter.drawRect(bar);
    const QFont font = style.font(8);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    painter.setPen(style.foreground());
    const PlotAxes axes{bar, 0, 1, lo, hi};
    for (const double v : niceTicks(lo, hi, std::max(2, int(bar.height() / (fm.height() * 2))))) {
        const double y = axes.mapY(v);
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        painter.drawText(QRectF(bar.right() + 5, y - fm.height() / 2, fm.horizontalAdvance(tickText(v)) + 4, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, leftToRight(tickText(v)));
    }
    if (!title.isEmpty())
        painter.drawText(QRectF(bar.left() - 40, bar.top() - fm.height() * 1.3, bar.width() + 80, fm.height()),
                         Qt::AlignHCenter | Qt::AlignBottom, title);
    painter.restore();
}

double drawPanelTitle(QPainter& painter, const QRectF& rect, const QString& title, const ViewStyle& style)
{
    painter.save();
    const QFont font = style.font(10.5, true);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    painter.setPen(style.foreground());
    const QString text = fm.elidedText(title, Qt::ElideRight, rect.width());
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), fm.height()), Qt::AlignLeft | Qt::AlignTop, text);
    painter.restore();
    return fm.height() * 1.3;
}

void drawCenteredMessage(QPainter& painter, const QRectF& rect, const QString& message, const ViewStyle& style)
{
    painter.save();
    painter.setFont(style.font(12));
    painter.setPen(style.muted());
    painter.drawText(rect.adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, message);
    painter.restore();
}

QColor contrastingText(const QColor& background)
{
    // Relative luminance (sRGB weights, no gamma: good enough to choose between black and white).
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white);
}

QColor accentColor(const ViewStyle& style)
{
    return style.theme == Theme::Dark ? QColor(0xff, 0x8c, 0x42) : QColor(0xd5, 0x5e, 0x00);
}

} // namespace attnlab::widgets
