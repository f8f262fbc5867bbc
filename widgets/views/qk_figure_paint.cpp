#include "widgets/views/qk_figure.h"

#include "widgets/drawing/left_to_right.h"
#include "widgets/views/qk_figure_parts.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

using namespace qk_parts;

namespace {

void paintQkMarker(QPainter& painter, const QPointF& centre, double r, bool key, const QColor& color, const ViewStyle& style)
{
    if (key) {
        painter.setPen(QPen(color, std::max(1.5, 0.45 * r)));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(centre.x() - r * 0.9, centre.y() - r * 0.9, 1.8 * r, 1.8 * r));
    } else {
        painter.setPen(QPen(style.background(), std::max(0.75, 0.2 * r)));
        painter.setBrush(color);
        painter.drawEllipse(centre, r, r);
    }
}

struct QkLegendRows {
    double rowHeight = 0;
    QRectF queryRow, keyRow, lineRow, barTitle, bar, strongestTitle;
    std::vector<QRectF> strongestRows;
};

// The legend's parts in left-to-right coordinates inside legend (mirrored for painting when right to left).
QkLegendRows qkLegendRows(const QRectF& legend, const QkData& data, const ViewStyle& style)
{
    QkLegendRows rows;
    const QFontMetricsF fm(style.font(kQkLegendPoints));
    const double s = style.fontScale();
    rows.rowHeight = fm.height() * 1.35;
    double y = legend.top();
    for (QRectF* row : {&rows.queryRow, &rows.keyRow, &rows.lineRow}) {
        *row = QRectF(legend.left(), y, legend.width(), rows.rowHeight);
        y += rows.rowHeight;
    }
    y += rows.rowHeight * 0.6;
    rows.barTitle = QRectF(legend.left(), y, legend.width(), rows.rowHeight);
    y += rows.rowHeight;
    const double strongestHeight = rows.rowHeight * (1.6 + double(data.strongest.size()));
    const double barHeight = std::clamp(legend.bottom() - y - strongestHeight - rows.rowHeight, 40 * s, 220 * s);
    rows.bar = QRectF(legend.left() + 4 * s, y + fm.height() * 0.3, 14 * s, barHeight);
    y = rows.bar.bottom() + rows.rowHeight;
    rows.strongestTitle = QRectF(legend.left(), y, legend.width(), rows.rowHeight);
    y += rows.rowHeight;
    for (std::size_t i = 0; i < data.strongest.size(); ++i) {
        rows.strongestRows.push_back(QRectF(legend.left(), y, legend.width(), rows.rowHeight));
        y += rows.rowHeight;
    }
    return rows;
}

void paintQkLegend(QPainter& painter, const QkLayout& l, const QkData& data, const ViewStyle& style)
{
    painter.save();
    const QkLegendRows rows = qkLegendRows(l.legend, data, style);
    const QFont font = style.font(kQkLegendPoints), bold = style.font(kQkLegendPoints, true);
    const QFontMetricsF fm(font);
    const double s = style.fontScale(), glyph = 22 * s;
    const auto mirrored = [&](const QRectF& r) { return visualRect(l.direction, l.legend, r); };
    const auto text = [&](const QRectF& row, double indent, const QString& t, const QColor& color, const QFont& f) {
        painter.setFont(f);
        painter.setPen(color);
        const QRectF box = mirrored(QRectF(row.left() + indent, row.top(), row.width() - indent, row.height()));
        painter.drawText(box, qkStart(l.direction) | Qt::AlignVCenter,
                         QFontMetricsF(f).elidedText(t, Qt::ElideRight, box.width()));
    };
    const QStringList texts = qkLegendTexts(data);
    const QColor sample = qkPositionColor(style, qkPositions(data) / 2, qkPositions(data));
    paintQkMarker(painter, mirrored(QRectF(rows.queryRow.left(), rows.queryRow.top(), glyph, rows.rowHeight)).center(),
                  l.radius, false, sample, style);
    text(rows.queryRow, glyph + 6 * s, texts[0], style.foreground(), font);
    paintQkMarker(painter, mirrored(QRectF(rows.keyRow.left(), rows.keyRow.top(), glyph, rows.rowHeight)).center(),
                  l.radius, true, sample, style);
    text(rows.keyRow, glyph + 6 * s, texts[1], style.foreground(), font);
    const QRectF lineGlyph = mirrored(QRectF(rows.lineRow.left(), rows.lineRow.top(), glyph, rows.rowHeight));
    painter.setPen(QPen(withAlpha(accentColor(style), 0.8), 3 * style.lineScale(), Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(lineGlyph.left() + 2, lineGlyph.center().y()), QPointF(lineGlyph.right() - 2, lineGlyph.center().y()));
    text(rows.lineRow, glyph + 6 * s, texts[2], style.foreground(), font);

    // The position colour bar: 1 at the bottom, the last position on top, bands (a plain vector drawing).
    text(rows.barTitle, 0, texts[3], style.muted(), font);
    const int positions = std::max(1, qkPositions(data));
    const QRectF bar = mirrored(rows.bar);
    const int bands = 48;
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < bands; ++i) {
        painter.setBrush(style.weightColorAt((i + 0.5) / bands));
        const double y0 = bar.bottom() - bar.height() * (i + 1) / bands;
        painter.drawRect(QRectF(bar.left(), y0, bar.width(), bar.height() / bands + 0.5));
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.drawRect(bar);
    const bool rtl = l.direction == Qt::RightToLeft;
    const PlotAxes barAxes{bar, 0, 1, 1, double(std::max(2, positions))};
    QList<double> ticks;
    for (const double v : niceTicks(1, positions, std::clamp(int(bar.height() / (fm.height() * 2)), 2, 6)))
        if (std::abs(v - std::round(v)) < 1e-9) ticks << v;
    // Position 1 is always labelled; a tick too close above it gives way.
    if (ticks.isEmpty() || ticks.front() != 1) {
        if (!ticks.isEmpty() && positions > 1 && barAxes.mapY(1) - barAxes.mapY(ticks.front()) < fm.height() * 1.1)
            ticks.removeFirst();
        ticks.prepend(1);
    }
    painter.setFont(font);
    for (const double v : ticks) {
        const double y = positions > 1 ? barAxes.mapY(v) : bar.bottom();
        const double edge = rtl ? bar.left() : bar.right();
        painter.setPen(QPen(style.muted(), style.lineScale()));
        painter.drawLine(QPointF(edge, y), QPointF(edge + (rtl ? -3 : 3) * s, y));
        painter.setPen(style.foreground());
        const double w = fm.horizontalAdvance(tickText(v)) + 4;
        painter.drawText(QRectF(rtl ? edge - 5 * s - w : edge + 5 * s, y - fm.height() / 2, w, fm.height()),
                         Qt::AlignAbsolute | (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, leftToRight(tickText(v)));
    }

    // The strongest keys with their weights.
    if (!data.strongest.empty()) {
        text(rows.strongestTitle, 0, texts[4], style.muted(), font);
        for (std::size_t i = 0; i < data.strongest.size(); ++i) {
            const int key = data.strongest[i];
            const QString row = QStringLiteral("%1  %2").arg(qkWeightText(data.weights(key)),
                                                             qkIsolated(data.keyTokens.value(key)));
            text(rows.strongestRows[i], 0, row, i == 0 ? accentColor(style) : style.foreground(), i == 0 ? bold : font);
        }
    }
    painter.restore();
}

} // namespace

void paintQkFigure(QPainter& painter, const QSizeF& size, const QkData& data, const ViewStyle& style, bool withTitle,
                   bool withHints)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    if (!data.message.isEmpty()) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), data.message, style);
        painter.restore();
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const Qt::LayoutDirection direction = painter.layoutDirection();
    const QkLayout l = qkLayout(size, data, style, direction, withTitle, withHints);
    const double s = style.fontScale();
    const QFont titleFont = style.font(kQkTitlePoints, true), smallFont = style.font(kQkSmallPoints);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);

    double y = l.title.top();
    if (withTitle) {
        QString title = QkTr::tr("Queries and keys of layer %1, head %2").arg(data.layer + 1).arg(data.head + 1);
        title += QStringLiteral(" · ") + QkTr::tr("query “%1” (token %2)").arg(qkIsolated(data.queryTokens.value(data.query))).arg(data.query + 1);
        painter.setFont(titleFont);
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), titleFm.height()), qkStart(direction) | Qt::AlignVCenter,
                         titleFm.elidedText(title, Qt::ElideRight, l.title.width()));
        y += titleFm.height() * 1.3;
    }
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    for (const QString& line : qkSubtitleLines(data, l.title.width(), style, withHints)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()), qkStart(direction) | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }

    // Frame, the axes through the centre of the points, and the axes' titles.
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.plot);
    painter.setPen(QPen(withAlpha(style.muted(), 0.45), style.lineScale(), Qt::DashLine));
    const QPointF origin = l.axes.map(0, 0);
    painter.drawLine(QPointF(l.plot.left(), origin.y()), QPointF(l.plot.right(), origin.y()));
    painter.drawLine(QPointF(origin.x(), l.plot.top()), QPointF(origin.x(), l.plot.bottom()));
    painter.setPen(style.muted());
    painter.setFont(smallFont);
    painter.drawText(QRectF(l.plot.left(), l.plot.bottom() + 2 * s, l.plot.width(), smallFm.height() * 1.4),
                     Qt::AlignHCenter | Qt::AlignVCenter, qkAxisTitle(1, data.projection.explained[0]));
    painter.save();
    painter.translate(l.plot.left() - 2 * s, l.plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-l.plot.height() / 2, -smallFm.height() * 1.4, l.plot.height(), smallFm.height() * 1.4),
                     Qt::AlignHCenter | Qt::AlignVCenter, qkAxisTitle(2, data.projection.explained[1]));
    painter.restore();

    painter.save();
    painter.setClipRect(l.plot.adjusted(-l.radius, -l.radius, l.radius, l.radius));
    // The selected query's strongest keys: lines under the markers, wider and more opaque for more weight.
    const QPointF from = qkPointPosition(l, data, {false, data.query});
    const QColor accent = accentColor(style);
    for (auto it = data.strongest.rbegin(); it != data.strongest.rend(); ++it) {
        const double w = data.weights(*it);
        painter.setPen(QPen(withAlpha(accent, 0.5 + 0.5 * w), (1.0 + 7.0 * w) * style.lineScale(), Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(from, qkPointPosition(l, data, {true, *it}));
    }
    const int positions = qkPositions(data);
    for (int j = 0; j < data.keyTokens.size(); ++j)
        paintQkMarker(painter, qkPointPosition(l, data, {true, j}), l.radius, true, qkPositionColor(style, j, positions), style);
    for (int i = 0; i < data.queryTokens.size(); ++i)
        paintQkMarker(painter, qkPointPosition(l, data, {false, i}), l.radius, false, qkPositionColor(style, i, positions), style);
    // The selected query ringed in the accent colour, its strongest keys too.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(accent, 2.0 * style.lineScale()));
    painter.drawEllipse(from, l.radius + 3 * s, l.radius + 3 * s);
    for (int key : data.strongest) {
        const QPointF c = qkPointPosition(l, data, {true, key});
        const double r = l.radius * 0.9 + 3 * s;
        painter.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
    }
    painter.restore();

    // Labels last, over everything: the selected query and its strongest keys in the accent colour.
    const QFont label = style.font(l.labelPoints), boldLabel = style.font(l.labelPoints, true);
    for (const bool key : {true, false}) {
        const QStringList& tokens = key ? data.keyTokens : data.queryTokens;
        for (int i = 0; i < tokens.size(); ++i) {
            if (!(key ? l.keyLabels : l.queryLabels)[size_t(i)]) continue;
            const bool marked = key ? std::find(data.strongest.begin(), data.strongest.end(), i) != data.strongest.end()
                                    : i == data.query;
            painter.setFont(marked ? boldLabel : label);
            painter.setPen(marked ? accent : key ? withAlpha(style.foreground(), 0.7) : style.foreground());
            const QRectF box = (key ? l.keyLabelRects : l.queryLabelRects)[size_t(i)];
            // A veil of the background under the text: a label over a line stays legible.
            painter.fillRect(box, withAlpha(style.background(), 0.75));
            painter.drawText(box, Qt::AlignCenter, QFontMetricsF(painter.font()).elidedText(tokens[i], Qt::ElideRight, box.width() + 1));
        }
    }
    paintQkLegend(painter, l, data, style);
    painter.restore();
}

} // namespace attnlab::widgets
