#include "widgets/views/qk_figure.h"

#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in QkView's context, though these functions belong to no QObject.
struct QkTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::QkView)
};

constexpr double kQkTitlePoints = 12.5, kQkSmallPoints = 9, kQkLegendPoints = 9;

QString qkIsolated(const QString& token)
{
    return QChar(0x2068) + token + QChar(0x2069); // RTL tokens keep their quotes in place
}

QString qkPercent(double fraction)
{
    return leftToRight(QString::number(std::round(fraction * 1000) / 10, 'f', fraction < 0.1 ? 1 : 0) + QLatin1Char('%'));
}

QString qkWeightText(double weight)
{
    return leftToRight(QString::number(weight, 'f', 2));
}

// The colour of position (0-based) of `count` positions: the weight map from its start to its top.
QColor qkPositionColor(const ViewStyle& style, int position, int count)
{
    return style.weightColorAt(count > 1 ? double(position) / (count - 1) : 0.0);
}

int qkPositions(const QkData& data)
{
    return int(std::max(data.queryTokens.size(), data.keyTokens.size()));
}

QString qkAxisTitle(int component, double explained)
{
    return QkTr::tr("PC %1 (%2 of the variance)").arg(component).arg(qkPercent(explained));
}

QString qkStrongestTitle(const QkData& data)
{
    return QkTr::tr("strongest keys of “%1”").arg(qkIsolated(data.queryTokens.value(data.query)));
}

// Start-aligned text whatever the painter's direction.
int qkStart(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
}

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

QStringList qkLegendTexts(const QkData& data)
{
    return {QkTr::tr("query"), QkTr::tr("key"),
            QkTr::tr("attention of “%1” (width: weight)").arg(qkIsolated(data.queryTokens.value(data.query))),
            QkTr::tr("position"), qkStrongestTitle(data)};
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

// Labels in priority order: the selected query, its strongest keys, then the queries and keys alternately by
// position; each takes the first free place right, left, above or below its marker inside the plot, or none.
void placeQkLabels(QkLayout& l, const QkData& data, const ViewStyle& style)
{
    const int queries = int(data.queryTokens.size()), keys = int(data.keyTokens.size());
    l.queryLabels.assign(size_t(queries), false);
    l.keyLabels.assign(size_t(keys), false);
    l.queryLabelRects.assign(size_t(queries), QRectF());
    l.keyLabelRects.assign(size_t(keys), QRectF());
    std::vector<QkPoint> order;
    order.push_back({false, data.query});
    for (int key : data.strongest) order.push_back({true, key});
    for (int i = 0; i < std::max(queries, keys); ++i) {
        if (i < queries && i != data.query) order.push_back({false, i});
        if (i < keys && std::find(data.strongest.begin(), data.strongest.end(), i) == data.strongest.end())
            order.push_back({true, i});
    }
    const QFontMetricsF fm(style.font(l.labelPoints, true));
    const double s = style.fontScale(), r = l.radius;
    std::vector<QRectF> taken;
    // Other markers are avoided while there are few enough to check against each label.
    const bool avoidMarkers = queries + keys <= 400;
    std::vector<QRectF> markers;
    if (avoidMarkers)
        for (const bool key : {false, true})
            for (int i = 0; i < (key ? keys : queries); ++i) {
                const QPointF c = qkPointPosition(l, data, {key, i});
                markers.push_back(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
            }
    const int most = 160;
    int placed = 0;
    for (const QkPoint& p : order) {
        if (placed >= most) break;
        const bool always = !p.key && p.index == data.query;
        const QString token = fm.elidedText((p.key ? data.keyTokens : data.queryTokens).value(p.index), Qt::ElideRight, 110 * s);
        const double w = fm.horizontalAdvance(token) + 2, h = fm.height();
        const QPointF c = qkPointPosition(l, data, p);
        // The selected query and its strongest keys are ringed (paintQkFigure): their labels start past the ring.
        const bool ringed = always || (p.key && std::find(data.strongest.begin(), data.strongest.end(), p.index) != data.strongest.end());
        const double off = r + (ringed ? 7 : 3) * s;
        const QRectF candidates[4] = {QRectF(c.x() + off, c.y() - h / 2, w, h), QRectF(c.x() - off - w, c.y() - h / 2, w, h),
                                      QRectF(c.x() - w / 2, c.y() - off - h, w, h), QRectF(c.x() - w / 2, c.y() + off, w, h)};
        for (const QRectF& box : candidates) {
            if (!l.plot.contains(box) && !always) continue;
            const auto hits = [&box](const QRectF& other) { return box.intersects(other); };
            if (!always && std::any_of(taken.begin(), taken.end(), hits)) continue;
            if (!always && avoidMarkers && std::any_of(markers.begin(), markers.end(), hits)) continue;
            taken.push_back(box);
            (p.key ? l.keyLabels : l.queryLabels)[size_t(p.index)] = true;
            (p.key ? l.keyLabelRects : l.queryLabelRects)[size_t(p.index)] = box;
            ++placed;
            break;
        }
    }
}

} // namespace

QkData qkData(const model::Trace* trace, const model::TraceSelection& selection)
{
    QkData data;
    if (!trace || trace->tokens.isEmpty() || trace->layers.empty()) {
        data.message = QkTr::tr("No trace yet: type a sentence to see its queries and keys");
        return data;
    }
    const model::TraceSelection s = model::clampSelection(selection, *trace);
    const model::LayerTrace& layer = trace->layers[size_t(s.layer)];
    if (layer.heads.empty()) {
        data.message = QkTr::tr("This layer has no attention heads");
        return data;
    }
    data.layer = s.layer;
    data.head = s.head >= 0 ? s.head : model::visibleHeads(*trace, s).front();
    data.oneOfSeveral = s.head < 0;
    const model::HeadTrace& head = layer.heads[size_t(data.head)];
    if (head.q.rows() == 0 || head.k.rows() == 0 || head.q.cols() != head.k.cols()) {
        data.message = QkTr::tr("This head keeps no queries and keys to project");
        return data;
    }
    data.queryTokens = visibleTokens(trace->tokens);
    data.keyTokens = visibleTokens(trace->keyTokens());
    const int queries = int(head.q.rows()), keys = int(head.k.rows());
    // Tokens and rows agree in every trace; a hand-made one may differ: name the rows by number then.
    while (data.queryTokens.size() < queries) data.queryTokens << QString::number(data.queryTokens.size() + 1);
    while (data.keyTokens.size() < keys) data.keyTokens << QString::number(data.keyTokens.size() + 1);
    data.queryTokens = data.queryTokens.mid(0, queries);
    data.keyTokens = data.keyTokens.mid(0, keys);
    data.query = s.query >= 0 && s.query < queries ? s.query : queries - 1;
    data.projection = model::projectHeadQueriesAndKeys(head);
    data.weights = head.weights.rows() > data.query && head.weights.cols() == keys ? head.weights.row(data.query)
                                                                                   : model::RowVector::Zero(keys);
    data.strongest = model::strongestKeys(data.weights, kQkStrongestKeys, kQkLineFloor);
    data.rope = trace->rope.dims > 0;
    return data;
}

QStringList qkSubtitleLines(const QkData& data, double width, const ViewStyle& style, bool withHints)
{
    const double shown = data.projection.explained[0] + data.projection.explained[1];
    QStringList parts;
    parts << QkTr::tr("each query (●) and key (□) of this head as a point of one plane: a query lies near the keys "
                      "it attends to, as far as two axes can tell")
          << QkTr::tr("keys shifted so that their centre meets the queries', queries × c and keys ÷ c (c = %1) for equal "
                      "mean lengths, then the two main axes (PCA), as AttentionViz (Yeh et al. 2023)")
                 .arg(leftToRight(QString::number(data.projection.queryScale, 'g', 3)))
          << QkTr::tr("the two axes show %1 of the variance").arg(qkPercent(shown));
    if (data.rope) parts << QkTr::tr("q and k after RoPE, as the scores used them");
    if (data.oneOfSeveral) parts << QkTr::tr("one head: choose a head to see another");
    if (withHints) parts << QkTr::tr("click a query to select it; hover a point for its token");
    const QFontMetricsF fm(style.font(kQkSmallPoints));
    const QString separator = QStringLiteral(" · ");
    QStringList lines;
    for (const QString& part : parts) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.last() + separator + part) <= width) {
            lines.last() += separator + part;
            continue;
        }
        // A part wider than the figure (presentation mode, a narrow window) wraps at its spaces.
        QString line;
        for (const QString& word : part.split(QLatin1Char(' '))) {
            const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && fm.horizontalAdvance(longer) > width) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines;
}

QkLayout qkLayout(const QSizeF& size, const QkData& data, const ViewStyle& style, Qt::LayoutDirection direction,
                  bool withTitle, bool withHints)
{
    QkLayout l;
    l.direction = direction;
    const double s = style.fontScale(), gap = 14 * s;
    const QFontMetricsF titleFm(style.font(kQkTitlePoints, true)), smallFm(style.font(kQkSmallPoints)),
        legendFm(style.font(kQkLegendPoints)), boldLegendFm(style.font(kQkLegendPoints, true));
    const double textWidth = size.width() - 2 * gap;
    const int subtitleLines = int(qkSubtitleLines(data, textWidth, style, withHints).size());
    l.title = QRectF(gap, gap * 0.6, textWidth,
                     (withTitle ? titleFm.height() * 1.3 : 0.0) + smallFm.height() * (subtitleLines + 0.2));

    // The legend: as wide as its widest text, at most a third of the figure.
    double legendWidth = 0;
    const double glyph = 28 * s;
    const QStringList texts = qkLegendTexts(data);
    for (int i = 0; i < 3; ++i) legendWidth = std::max(legendWidth, glyph + legendFm.horizontalAdvance(texts[i]));
    legendWidth = std::max(legendWidth, legendFm.horizontalAdvance(texts[4]));
    for (int key : data.strongest)
        legendWidth = std::max(legendWidth, boldLegendFm.horizontalAdvance(QStringLiteral("0.00  ") + data.keyTokens.value(key)));
    legendWidth = std::clamp(legendWidth + 8 * s, 110 * s, std::max(110 * s, size.width() / 3));

    // Markers: large while there are few points, smaller when many share the plane.
    const int points = int(data.queryTokens.size() + data.keyTokens.size());
    l.radius = s * std::clamp(9.0 - 1.2 * std::log2(std::max(1, points) / 8.0 + 1), 3.0, 7.0);
    l.labelPoints = points > 120 ? 7.5 : 8.5;

    const double axisRoom = smallFm.height() * 1.6;
    const double top = l.title.bottom() + gap * 0.8, bottom = size.height() - gap - axisRoom;
    const bool rtl = direction == Qt::RightToLeft;
    const double plotLeft = rtl ? gap + legendWidth + gap + axisRoom : gap + axisRoom;
    const double plotRight = rtl ? size.width() - gap : size.width() - gap - legendWidth - gap;
    l.plot = QRectF(plotLeft, top, std::max(40.0, plotRight - plotLeft), std::max(40.0, bottom - top));
    l.legend = QRectF(rtl ? gap : size.width() - gap - legendWidth, top, legendWidth, std::max(40.0, bottom - top));

    // One scale on both axes, the points' extent centred with a margin of an eighth and room for the markers.
    const model::QkProjection& p = data.projection;
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    for (const model::Matrix* m : {&p.queries, &p.keys})
        if (m->size() > 0) {
            xMin = std::min(xMin, m->col(0).minCoeff());
            xMax = std::max(xMax, m->col(0).maxCoeff());
            yMin = std::min(yMin, m->col(1).minCoeff());
            yMax = std::max(yMax, m->col(1).maxCoeff());
        }
    const double xRange = std::max(xMax - xMin, 1e-12), yRange = std::max(yMax - yMin, 1e-12);
    const double inner = 0.75;
    double unit = std::min(l.plot.width() * inner / xRange, l.plot.height() * inner / yRange);
    if (xMax - xMin < 1e-12 && yMax - yMin < 1e-12) unit = 1.0; // one spot: any scale
    const double cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
    l.axes = PlotAxes{l.plot, cx - l.plot.width() / (2 * unit), cx + l.plot.width() / (2 * unit),
                      cy - l.plot.height() / (2 * unit), cy + l.plot.height() / (2 * unit)};
    placeQkLabels(l, data, style);
    return l;
}

QPointF qkPointPosition(const QkLayout& layout, const QkData& data, const QkPoint& point)
{
    const model::Matrix& m = point.key ? data.projection.keys : data.projection.queries;
    if (point.index < 0 || point.index >= m.rows()) return {};
    return layout.axes.map(m(point.index, 0), m(point.index, 1));
}

QkPoint qkPointAt(const QkLayout& layout, const QkData& data, const QPointF& pos)
{
    QkPoint best;
    if (!data.message.isEmpty()) return best;
    double nearest = std::pow(layout.radius + 3, 2);
    // Queries are drawn over keys: on a tie the query wins.
    for (const bool key : {true, false}) {
        const model::Matrix& m = key ? data.projection.keys : data.projection.queries;
        for (int i = 0; i < m.rows(); ++i) {
            const QPointF d = qkPointPosition(layout, data, {key, i}) - pos;
            const double squared = d.x() * d.x() + d.y() * d.y();
            if (squared <= nearest) {
                nearest = squared;
                best = {key, i};
            }
        }
    }
    return best;
}

QString qkPointText(const QkData& data, const QkPoint& point)
{
    if (point.index < 0 || !data.message.isEmpty()) return {};
    if (!point.key)
        return QkTr::tr("query “%1”, position %2").arg(qkIsolated(data.queryTokens.value(point.index))).arg(point.index + 1);
    const double weight = point.index < data.weights.size() ? data.weights(point.index) : 0.0;
    return QkTr::tr("key “%1”, position %2: weight %3 from query “%4”")
        .arg(qkIsolated(data.keyTokens.value(point.index)))
        .arg(point.index + 1)
        .arg(qkWeightText(weight), qkIsolated(data.queryTokens.value(data.query)));
}

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
