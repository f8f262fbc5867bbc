#include "widgets/views/head_grid_figure.h"

#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/left_to_right.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

// The figure's few words are translated in one context, though these functions belong to no QObject.
struct HeadGridTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::HeadGridFigure)
};

// Fonts of the figure, before the presentation scale.
constexpr double kGridTitlePoints = 12.5, kGridSmallPoints = 9.0, kGridLabelPoints = 8.5, kGridListPoints = 9.5;

// The limits of a cell: large enough for "0.93" at presentation size, small enough that a toy model's 2 × 2
// grid does not become four posters.
constexpr double kGridMaxCellWidth = 300.0, kGridMaxCellHeight = 210.0, kGridMaxAspect = 1.8;

// The cells' value labels grow with the cells, from the axis labels' size up to about a title's.
double cellLabelPoints(double cellHeight, const ViewStyle& style)
{
    return std::clamp(cellHeight / (5.5 * style.fontScale()), kGridLabelPoints, 15.0);
}

// The layer and head numbers grow a little with large cells.
double axisLabelPoints(double cellHeight, const ViewStyle& style)
{
    return std::clamp(cellHeight / (9.0 * style.fontScale()), kGridLabelPoints, 11.0);
}

// Lines of at most width, from parts joined with " · " while they fit (as the residual figure's subtitle).
QStringList packedGridLines(const QStringList& parts, double width, const QFontMetricsF& fm)
{
    const QString separator = QStringLiteral(" · ");
    QStringList lines;
    for (const QString& part : parts) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.last() + separator + part) <= width)
            lines.last() += separator + part;
        else
            lines << part;
    }
    return lines;
}

// The widest text the list's rows can have, for its width: the last layer and head with a long negative value.
double gridListTextWidth(const HeadGridData& data, const QFontMetricsF& fm)
{
    const int layers = int(data.values.rows()), heads = int(data.values.cols());
    double largest = 8.0;
    for (Eigen::Index l = 0; l < data.values.rows(); ++l)
        for (Eigen::Index h = 0; h < data.values.cols(); ++h)
            if (std::isfinite(data.values(l, h))) largest = std::max(largest, std::abs(data.values(l, h)));
    const RankedHead widest{std::max(layers, 1) - 1, std::max(heads, 1) - 1, -largest};
    return fm.horizontalAdvance(rankedHeadLabel(widest)) + fm.horizontalAdvance(QStringLiteral("    ")) +
           fm.horizontalAdvance(headGridValueText(widest.value, data.decimals));
}

// The colour bar's range: lo … hi, or −hi … hi.
std::pair<double, double> gridBarRange(const HeadGridData& data)
{
    if (data.scale == HeadGridScale::Diverging) {
        const double limit = data.hi > 0 ? data.hi : 1.0;
        return {-limit, limit};
    }
    return {data.lo, data.hi > data.lo ? data.hi : data.lo + 1.0};
}

// The colour bar's tick labels' width.
double gridBarTickWidth(const HeadGridData& data, const QFontMetricsF& fm)
{
    const auto [lo, hi] = gridBarRange(data);
    double width = 0.0;
    for (const double v : niceTicks(lo, hi, 6))
        width = std::max(width, fm.horizontalAdvance(tickText(v)));
    return width + 8.0;
}

// Text aligned at the start (left, or right in a right-to-left figure) of rect, whatever the painter's direction.
int gridStartAlignment(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
}
int gridEndAlignment(Qt::LayoutDirection direction)
{
    return Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignLeft : Qt::AlignRight);
}

void paintGridColorBar(QPainter& painter, const HeadGridLayout& l, const HeadGridData& data, const ViewStyle& style)
{
    const QRectF bar = l.colorBar;
    const auto [lo, hi] = gridBarRange(data);
    painter.save();
    // Bands rather than a gradient, as drawColorBar: a plain vector drawing in every PDF viewer.
    const int bands = 64;
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < bands; ++i) {
        const double value = lo + (hi - lo) * (i + 0.5) / bands;
        painter.setBrush(headGridColor(data, style, value));
        const double y0 = bar.bottom() - bar.height() * (i + 1) / bands;
        painter.drawRect(QRectF(bar.left(), y0, bar.width(), bar.height() / bands + 0.5));
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(style.muted(), 1.0));
    painter.drawRect(bar);
    if (!data.answers) { // the scale would tell the values
        painter.restore();
        return;
    }
    const QFont font = style.font(kGridLabelPoints);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    painter.setPen(style.foreground());
    const bool rtl = l.direction == Qt::RightToLeft;
    const PlotAxes axes{bar, 0, 1, lo, hi};
    for (const double v : niceTicks(lo, hi, std::clamp(int(bar.height() / (fm.height() * 3)), 2, 6))) {
        const double y = axes.mapY(v);
        const double edge = rtl ? bar.left() : bar.right();
        const double out = rtl ? -3.0 : 3.0;
        painter.drawLine(QPointF(edge, y), QPointF(edge + out, y));
        const double w = fm.horizontalAdvance(tickText(v)) + 4;
        const QRectF label(rtl ? edge - 5 - w : edge + 5, y - fm.height() / 2, w, fm.height());
        painter.drawText(label, gridEndAlignment(l.direction) | Qt::AlignVCenter, leftToRight(tickText(v)));
    }
    if (!data.scaleTitle.isEmpty()) {
        const double w = std::max(fm.horizontalAdvance(data.scaleTitle) + 4, bar.width());
        const QRectF title(rtl ? bar.right() - w : bar.left(), bar.top() - fm.height() * 1.4, w, fm.height());
        painter.drawText(title, gridStartAlignment(l.direction) | Qt::AlignBottom, data.scaleTitle);
    }
    painter.restore();
}

void paintGridCells(QPainter& painter, const HeadGridLayout& l, const HeadGridData& data, const ViewStyle& style)
{
    const int layers = int(data.values.rows()), heads = int(data.values.cols());
    painter.save();
    QFont font = style.font(cellLabelPoints(l.cellHeight, style));
    // The labels shrink to fit before they give up.
    const QString sample = headGridValueText(-0.88, data.decimals);
    while (QFontMetricsF(font).horizontalAdvance(sample) + 4 > l.cellWidth && font.pointSizeF() > 7.0 * style.fontScale())
        font.setPointSizeF(std::max(7.0 * style.fontScale(), font.pointSizeF() - 1.0));
    const QFontMetricsF fm(font);
    const bool labelled = fm.horizontalAdvance(sample) + 4 <= l.cellWidth && fm.height() + 2 <= l.cellHeight;
    painter.setFont(font);
    for (int layer = 0; layer < layers; ++layer)
        for (int head = 0; head < heads; ++head) {
            const double v = data.values(layer, head);
            const QRectF cell = headGridCellRect(l, layer, head);
            // A hairline of background between cells keeps neighbours of one colour apart.
            const QColor color = headGridColor(data, style, v);
            painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), color);
            if (labelled && std::isfinite(v) && data.answers) {
                painter.setPen(contrastingText(color));
                painter.drawText(cell, Qt::AlignCenter, leftToRight(headGridValueText(v, data.decimals)));
            }
        }
    for (const auto& [layer, head] : data.switchedOff)
        if (layer >= 0 && layer < layers && head >= 0 && head < heads)
            paintSwitchedOff(painter, headGridCellRect(l, layer, head), style);
    if (data.currentLayer >= 0 && data.currentLayer < layers && data.currentHead >= 0 && data.currentHead < heads) {
        const double w = 2.5 * style.lineScale();
        painter.setPen(QPen(accentColor(style), w));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(headGridCellRect(l, data.currentLayer, data.currentHead).adjusted(w / 2, w / 2, -w / 2, -w / 2));
    }
    // Head numbers over the columns, layer numbers beside the rows; thinned when they would touch.
    const QFont labelFont = style.font(axisLabelPoints(l.cellHeight, style));
    const QFontMetricsF lfm(labelFont);
    painter.setFont(labelFont);
    painter.setPen(style.foreground());
    const int columnStep = std::max(1, int(std::ceil((lfm.horizontalAdvance(QStringLiteral("H00")) + 6) / l.cellWidth)));
    for (int head = 0; head < heads; head += columnStep) {
        const QRectF cell = headGridCellRect(l, 0, head);
        painter.drawText(QRectF(cell.left() - 20, l.columnLabels.top(), cell.width() + 40, l.columnLabels.height()),
                         Qt::AlignHCenter | Qt::AlignBottom, leftToRight(HeadGridTr::tr("H%1").arg(head + 1)));
    }
    const int rowStep = std::max(1, int(std::ceil(lfm.height() / l.cellHeight)));
    for (int layer = 0; layer < layers; layer += rowStep) {
        const QRectF cell = headGridCellRect(l, layer, 0);
        painter.drawText(QRectF(l.rowLabels.left(), cell.top(), l.rowLabels.width(), cell.height()),
                         gridEndAlignment(l.direction) | Qt::AlignVCenter, leftToRight(HeadGridTr::tr("L%1").arg(layer + 1)));
    }
    painter.restore();
}

void paintGridList(QPainter& painter, const HeadGridLayout& l, const HeadGridData& data, const ViewStyle& style)
{
    painter.save();
    const QFont titleFont = style.font(kGridListPoints, true), font = style.font(kGridListPoints);
    painter.setFont(titleFont);
    painter.setPen(style.foreground());
    const QFontMetricsF tfm(titleFont);
    painter.drawText(QRectF(l.list.left(), l.list.top(), l.list.width(), l.listTop - l.list.top()),
                     gridStartAlignment(l.direction) | Qt::AlignVCenter,
                     tfm.elidedText(data.listTitle, Qt::ElideRight, l.list.width()));
    painter.setFont(font);
    const QFontMetricsF fm(font);
    const QList<RankedHead> ranked = rankedHeads(data);
    const double swatch = fm.height() * 0.7;
    const bool rtl = l.direction == Qt::RightToLeft;
    for (int row = 0; data.answers && row < l.listRows && row < ranked.size(); ++row) {
        const RankedHead& h = ranked[row];
        const QRectF r = headGridListRowRect(l, row);
        if (h.layer == data.currentLayer && h.head == data.currentHead)
            painter.fillRect(r, withAlpha(accentColor(style), 0.18));
        // A swatch of the cell's colour ties the row to the grid.
        const QRectF box(rtl ? r.right() - 4 - swatch : r.left() + 4, r.center().y() - swatch / 2, swatch, swatch);
        painter.fillRect(box, headGridColor(data, style, h.value));
        painter.setPen(QPen(style.muted(), 1.0));
        painter.drawRect(box);
        painter.setPen(style.foreground());
        const QRectF text = rtl ? r.adjusted(4, 0, -(swatch + 12), 0) : r.adjusted(swatch + 12, 0, -4, 0);
        painter.drawText(text, gridStartAlignment(l.direction) | Qt::AlignVCenter, leftToRight(rankedHeadLabel(h)));
        painter.drawText(text, gridEndAlignment(l.direction) | Qt::AlignVCenter,
                         leftToRight(headGridValueText(h.value, data.decimals)));
    }
    painter.restore();
}

} // namespace

QList<RankedHead> rankedHeads(const HeadGridData& data)
{
    QList<RankedHead> heads;
    for (Eigen::Index l = 0; l < data.values.rows(); ++l)
        for (Eigen::Index h = 0; h < data.values.cols(); ++h)
            if (std::isfinite(data.values(l, h))) heads.append({int(l), int(h), data.values(l, h)});
    const auto key = [&data](const RankedHead& h) {
        switch (data.order) {
        case HeadGridOrder::Descending: return -h.value;
        case HeadGridOrder::Ascending: return h.value;
        case HeadGridOrder::LargestMagnitude: return -std::abs(h.value);
        }
        return -h.value;
    };
    std::stable_sort(heads.begin(), heads.end(),
                     [&key](const RankedHead& a, const RankedHead& b) { return key(a) < key(b); });
    return heads;
}

QString rankedHeadLabel(const RankedHead& head)
{
    return HeadGridTr::tr("L%1 H%2").arg(head.layer + 1).arg(head.head + 1);
}

QString headGridValueText(double value, int decimals)
{
    if (!std::isfinite(value)) return QStringLiteral("–");
    QString text = QString::number(value, 'f', decimals);
    // A value that rounds to zero has no sign.
    if (text.startsWith(QLatin1Char('-')) && text.mid(1).toDouble() == 0.0) text = text.mid(1);
    text.replace(QLatin1Char('-'), QChar(0x2212));
    return text;
}

QColor headGridColor(const HeadGridData& data, const ViewStyle& style, double value)
{
    if (!data.answers) return style.hiddenAnswer();
    if (!std::isfinite(value)) return style.masked();
    const auto [lo, hi] = gridBarRange(data);
    const double t = std::clamp((value - lo) / (hi - lo), 0.0, 1.0);
    return data.scale == HeadGridScale::Diverging ? style.signedColorAt(t) : style.weightColorAt(t);
}

HeadGridLayout headGridLayout(const QSizeF& size, const HeadGridData& data, const ViewStyle& style,
                              Qt::LayoutDirection direction, bool withTitle)
{
    HeadGridLayout l;
    l.direction = direction;
    const double s = style.fontScale();
    const double gap = 14.0 * s;
    const QFontMetricsF titleFm(style.font(kGridTitlePoints, true)), smallFm(style.font(kGridSmallPoints)),
        labelFm(style.font(kGridLabelPoints)), listFm(style.font(kGridListPoints)),
        listTitleFm(style.font(kGridListPoints, true));
    const int layers = std::max<int>(1, int(data.values.rows())), heads = std::max<int>(1, int(data.values.cols()));

    const double width = size.width() - 2 * gap;
    const QStringList subtitle = packedGridLines(data.subtitle, width, smallFm);
    l.title = QRectF(gap, gap * 0.6, width,
                     (withTitle ? titleFm.height() * 1.3 : 0.0) + smallFm.height() * subtitle.size());
    const double noteHeight = data.note.isEmpty() ? 0.0 : smallFm.height() * 1.6;

    // Left to right: row labels, grid, colour bar and its ticks, the list. Mirrored at the end when right to left.
    const QFontMetricsF axisFm(style.font(11.0)); // the largest the layer and head numbers get
    const double rowLabelWidth = axisFm.horizontalAdvance(QStringLiteral("L00")) + 8;
    const double columnLabelHeight = axisFm.height() + 4;
    const double barWidth = 16.0 * s;
    const double tickWidth = gridBarTickWidth(data, labelFm);
    const double barTitleWidth = data.scaleTitle.isEmpty() ? 0.0 : labelFm.horizontalAdvance(data.scaleTitle);
    const double barBlock = std::max(barWidth + tickWidth, barTitleWidth);
    const double listWidth = std::max({gridListTextWidth(data, listFm) + listFm.height() * 0.7 + 24,
                                       std::min(listTitleFm.horizontalAdvance(data.listTitle) + 8, 260.0 * s),
                                       120.0 * s});
    const double gridTop = l.title.bottom() + gap + columnLabelHeight;
    const double gridBottomLimit = size.height() - gap - noteHeight;
    const double roomWidth = std::max(40.0, width - rowLabelWidth - gap * 1.5 - barBlock - gap * 2 - listWidth);
    const double roomHeight = std::max(30.0, gridBottomLimit - gridTop);
    double cellWidth = std::min(roomWidth / heads, kGridMaxCellWidth * s);
    double cellHeight = std::min(roomHeight / layers, kGridMaxCellHeight * s);
    cellWidth = std::min(cellWidth, cellHeight * kGridMaxAspect);
    cellHeight = std::min(cellHeight, cellWidth * 1.5);
    l.cellWidth = cellWidth;
    l.cellHeight = cellHeight;
    // The group is centred in the width there is.
    const double groupWidth = rowLabelWidth + heads * cellWidth + gap * 1.5 + barBlock + gap * 2 + listWidth;
    const double left = gap + std::max(0.0, (width - groupWidth) / 2);
    l.rowLabels = QRectF(left, gridTop, rowLabelWidth - 6, layers * cellHeight);
    l.grid = QRectF(left + rowLabelWidth, gridTop, heads * cellWidth, layers * cellHeight);
    l.columnLabels = QRectF(l.grid.left(), gridTop - columnLabelHeight, l.grid.width(), columnLabelHeight - 2);
    const double barTitleRoom = data.scaleTitle.isEmpty() ? 0.0 : labelFm.height() * 1.5;
    const double barHeight = std::max(l.grid.height() - barTitleRoom, std::min(120.0 * s, roomHeight));
    l.colorBar = QRectF(l.grid.right() + gap * 1.5, l.grid.top() + barTitleRoom, barWidth, barHeight);
    l.list = QRectF(l.grid.right() + gap * 1.5 + barBlock + gap * 2, l.columnLabels.top(), listWidth,
                    size.height() - gap - l.columnLabels.top());
    l.listTop = l.list.top() + listTitleFm.height() * 1.4;
    l.listRowHeight = listFm.height() * 1.3;
    const int fit = int((l.list.bottom() - l.listTop) / l.listRowHeight);
    l.listRows = std::clamp(fit, 0, std::min<int>(int(rankedHeads(data).size()), 24));
    l.note = QRectF(l.grid.left(), l.grid.bottom() + smallFm.height() * 0.4, width + gap - l.grid.left(), noteHeight);
    if (direction == Qt::RightToLeft) {
        const QRectF bounds(QPointF(0, 0), size);
        for (QRectF* r : {&l.title, &l.grid, &l.columnLabels, &l.rowLabels, &l.colorBar, &l.list, &l.note})
            *r = visualRect(direction, bounds, *r);
    }
    return l;
}

QRectF headGridCellRect(const HeadGridLayout& layout, int layer, int head)
{
    const double top = layout.grid.top() + layer * layout.cellHeight;
    const double x = layout.direction == Qt::RightToLeft ? layout.grid.right() - (head + 1) * layout.cellWidth
                                                          : layout.grid.left() + head * layout.cellWidth;
    return QRectF(x, top, layout.cellWidth, layout.cellHeight);
}

QRectF headGridListRowRect(const HeadGridLayout& layout, int row)
{
    return QRectF(layout.list.left(), layout.listTop + row * layout.listRowHeight, layout.list.width(),
                  layout.listRowHeight);
}

GridHead headGridHeadAt(const HeadGridLayout& layout, const HeadGridData& data, const QPointF& point)
{
    const int layers = int(data.values.rows()), heads = int(data.values.cols());
    if (!data.message.isEmpty() || layers == 0 || heads == 0) return {};
    if (layout.grid.contains(point)) {
        const int layer = std::clamp(int((point.y() - layout.grid.top()) / layout.cellHeight), 0, layers - 1);
        const double along = layout.direction == Qt::RightToLeft ? layout.grid.right() - point.x()
                                                                 : point.x() - layout.grid.left();
        const int head = std::clamp(int(along / layout.cellWidth), 0, heads - 1);
        if (!std::isfinite(data.values(layer, head))) return {};
        return {layer, head};
    }
    const QList<RankedHead> ranked = rankedHeads(data);
    for (int row = 0; row < layout.listRows && row < ranked.size(); ++row)
        if (headGridListRowRect(layout, row).contains(point)) return {ranked[row].layer, ranked[row].head};
    return {};
}

void paintSwitchedOff(QPainter& painter, const QRectF& cell, const ViewStyle& style)
{
    painter.save();
    // Sparse hatching, a light line on a dark one, so that the mark shows over bright and dark cells alike and
    // what is under it (a small heatmap, a number) stays readable.
    const QColor dark(0, 0, 0, 120), light(255, 255, 255, 150);
    const QRectF inner = cell.adjusted(1, 1, -1, -1);
    painter.setClipRect(inner);
    const double step = std::max(9.0, std::min(inner.width(), inner.height()) / 5.0);
    for (double x = inner.left() - inner.height(); x < inner.right(); x += step) {
        painter.setPen(QPen(light, 2.0 * style.lineScale()));
        painter.drawLine(QPointF(x, inner.bottom()), QPointF(x + inner.height(), inner.top()));
        painter.setPen(QPen(dark, 0.8 * style.lineScale()));
        painter.drawLine(QPointF(x, inner.bottom()), QPointF(x + inner.height(), inner.top()));
    }
    painter.setClipping(false);
    painter.setPen(QPen(style.foreground(), 1.5 * style.lineScale(), Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(inner);
    painter.restore();
}

std::vector<std::pair<int, int>> switchedOffHeads(const model::Ablation& ablation)
{
    std::vector<std::pair<int, int>> off;
    for (const model::HeadRef& h : ablation.heads)
        off.emplace_back(h.layer, h.head);
    return off;
}

void paintHeadGrid(QPainter& painter, const QSizeF& size, const HeadGridData& data, const ViewStyle& style,
                   bool withTitle)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    if (!data.message.isEmpty() || data.values.size() == 0) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), data.message, style);
        painter.restore();
        return;
    }
    const Qt::LayoutDirection direction = painter.layoutDirection();
    const HeadGridLayout l = headGridLayout(size, data, style, direction, withTitle);
    const QFont titleFont = style.font(kGridTitlePoints, true), smallFont = style.font(kGridSmallPoints);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);
    double y = l.title.top();
    if (withTitle) {
        painter.setFont(titleFont);
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), titleFm.height()),
                         gridStartAlignment(direction) | Qt::AlignVCenter,
                         titleFm.elidedText(data.title, Qt::ElideRight, l.title.width()));
        y += titleFm.height() * 1.3;
    }
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    for (const QString& line : packedGridLines(data.subtitle, l.title.width(), smallFm)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()),
                         gridStartAlignment(direction) | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }
    paintGridCells(painter, l, data, style);
    paintGridColorBar(painter, l, data, style);
    paintGridList(painter, l, data, style);
    if (!data.note.isEmpty()) {
        painter.setFont(smallFont);
        painter.setPen(style.muted());
        painter.drawText(l.note, gridStartAlignment(direction) | Qt::AlignVCenter,
                         smallFm.elidedText(data.note, Qt::ElideRight, l.note.width()));
    }
    painter.restore();
}

} // namespace attnlab::widgets
