#include "widgets/views/qk_figure.h"

#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"
#include "widgets/views/qk_figure_parts.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace qk_parts {

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

int qkStart(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
}

QStringList qkLegendTexts(const QkData& data)
{
    return {QkTr::tr("query"), QkTr::tr("key"),
            QkTr::tr("attention of “%1” (width: weight)").arg(qkIsolated(data.queryTokens.value(data.query))),
            QkTr::tr("position"), qkStrongestTitle(data)};
}

} // namespace qk_parts

using namespace qk_parts;

namespace {

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

} // namespace attnlab::widgets
