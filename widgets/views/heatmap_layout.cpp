#include "widgets/views/heatmap_layout.h"

#include "model/exact/exact_format.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <vector>

namespace attnlab::widgets {

namespace {

constexpr double kLabelPoints = 10.0;
constexpr double kMinLabelPoints = 7.0;  // below this a token is no longer readable, even on a screen
constexpr double kMinNumberPoints = 6.5; // numbers smaller than this are noise: leave them out
constexpr double kMaxLabelShare = 0.28;  // labels never take more than this share of the figure
constexpr double kMaxCellAspect = 2.2;   // cells may be wider than tall (room for "9/26"), not more

double widest(const QFontMetricsF& fm, const QStringList& texts)
{
    double w = 0;
    for (const QString& t : texts)
        w = std::max(w, fm.horizontalAdvance(t));
    return w;
}

QStringList elided(const QFontMetricsF& fm, const QStringList& texts, double width)
{
    QStringList out;
    out.reserve(texts.size());
    for (const QString& t : texts)
        out << fm.elidedText(t, Qt::ElideRight, width);
    return out;
}

// Every step-th label when labels of `extent` are drawn on cells of `cell` (the labels would overlap
// otherwise).
int labelStep(double extent, double cell)
{
    return cell <= 0 ? 1 : std::max(1, int(std::ceil(extent * 0.95 / cell)));
}

} // namespace

QFont figureFont(const ViewStyle& style, double points, bool bold)
{
    QFont font = style.font(points, bold);
    font.setPixelSize(std::max(1, int(std::lround(points * style.fontScale() * 96.0 / 72.0))));
    return font;
}

QRectF HeatmapLayout::cell(int query, int key) const
{
    return {grid.left() + key * cellWidth, grid.top() + query * cellHeight, cellWidth, cellHeight};
}

QRectF HeatmapLayout::rowLabel(int query) const
{
    return {grid.left() - labelGap - rowLabelWidth, grid.top() + query * cellHeight, rowLabelWidth,
            cellHeight};
}

QRectF HeatmapLayout::colLabel(int key) const
{
    return {grid.left() + key * cellWidth, grid.bottom() + labelGap, cellWidth, colLabelHeight};
}

std::pair<int, int> HeatmapLayout::cellAt(const QPointF& pos) const
{
    if (rows == 0 || cols == 0 || !grid.contains(pos)) return {-1, -1};
    const int q = std::clamp(int((pos.y() - grid.top()) / cellHeight), 0, rows - 1);
    const int k = std::clamp(int((pos.x() - grid.left()) / cellWidth), 0, cols - 1);
    return {q, k};
}

int HeatmapLayout::rowLabelAt(const QPointF& pos) const
{
    if (rows == 0 || pos.y() < grid.top() || pos.y() >= grid.bottom()) return -1;
    if (pos.x() < grid.left() - labelGap - rowLabelWidth || pos.x() >= grid.left()) return -1;
    return std::clamp(int((pos.y() - grid.top()) / cellHeight), 0, rows - 1);
}

double colorBarTickWidth(const QFontMetricsF& tickFm, const WeightScale& scale, double barWidth, double s)
{
    double ticks = tickFm.horizontalAdvance(QStringLiteral("0.75"));
    for (const WeightScale::Tick& tick : scale.ticks(true))
        ticks = std::max(ticks, tickFm.horizontalAdvance(tick.text));
    return std::max(ticks + 8 * s, tickFm.horizontalAdvance(scale.label()) + 2 * s - barWidth);
}

QList<WeightScale::Tick> signedColorBarTicks(double limit, bool many)
{
    QList<WeightScale::Tick> ticks;
    for (const double f : many ? QList<double>{-1, -0.5, 0, 0.5, 1} : QList<double>{-1, 0, 1}) {
        const double v = f * limit;
        // "−0.25" with a true minus sign; 0 without one.
        QString text = f == 0 ? QStringLiteral("0") : QString::number(v, 'g', 2);
        text.replace(QLatin1Char('-'), QChar(0x2212));
        ticks.append({(f + 1) / 2, text});
    }
    return ticks;
}

HeatmapLayout layoutHeatmap(const HeatmapContent& content, const ViewStyle& style, const QSizeF& figure)
{
    HeatmapLayout l;
    const double s = style.fontScale();
    const double width = figure.width();
    const double height = figure.height();
    const double pad = 12 * s;
    l.lineScale = style.lineScale();
    l.titleFont = figureFont(style, 12, true);
    l.modelFont = figureFont(style, 10.5);
    l.noteFont = figureFont(style, 9);
    l.noteFont.setItalic(true);
    l.axisFont = figureFont(style, 9);
    l.tickFont = figureFont(style, 8.5);
    const QFontMetricsF titleFm(l.titleFont);
    const bool titleLine = !content.title.isEmpty() || !content.modelName.isEmpty() || !content.note.isEmpty();
    l.titleRect = QRectF(pad, pad, width - 2 * pad, titleLine ? titleFm.height() : 0.0);
    l.modelX = pad + titleFm.horizontalAdvance(content.title) + 12 * s;
    if (content.isEmpty()) return l;

    const int rows = int(content.weights.rows());
    const int cols = int(content.weights.cols());
    l.rows = rows;
    l.cols = cols;
    l.labelGap = 6 * s;
    const double top = titleLine ? l.titleRect.bottom() + 16 * s : pad;
    const QFontMetricsF axisFm(l.axisFont);
    const QFontMetricsF tickFm(l.tickFont);
    const double queryTitleWidth = axisFm.height() + 4 * s;
    const double keyTitleHeight = axisFm.height() + 4 * s;
    const double barWidth = 14 * s;
    l.scale = weightScale(style.weightScale, content.weights, content.allowed);
    l.tickWidth = colorBarTickWidth(tickFm, l.scale, barWidth, s);
    if (content.signedLimit > 0) {
        double ticks = 0;
        for (const WeightScale::Tick& tick : signedColorBarTicks(content.signedLimit, true))
            ticks = std::max(ticks, tickFm.horizontalAdvance(tick.text));
        l.tickWidth = std::max(ticks + 8 * s, tickFm.horizontalAdvance(content.signedLabel) + 2 * s - barWidth);
    }
    const double barGap = 22 * s;
    const double barBlock = barGap + barWidth + l.tickWidth;
    const double maxCell = 180 * s;

    // Two passes: the label font shrinks when the cells are small, which frees room for the cells.
    double labelPoints = kLabelPoints;
    for (int pass = 0; pass < 2; ++pass) {
        l.labelFont = figureFont(style, labelPoints);
        const QFontMetricsF fm(l.labelFont);
        const double labelHeight = fm.height();
        l.rowLabelWidth = std::min(widest(fm, content.queries), kMaxLabelShare * width);
        const double keyWidth = widest(fm, content.keys);
        const double availWidth =
            std::max(1.0, width - 2 * pad - queryTitleWidth - l.rowLabelWidth - l.labelGap - barBlock);
        const auto cellSize = [&](double labelBand) {
            const double availHeight =
                std::max(1.0, height - top - pad - keyTitleHeight - labelBand - l.labelGap);
            const double h = std::min({availHeight / rows, availWidth / cols, maxCell});
            const double w = std::min({availWidth / cols, kMaxCellAspect * h, maxCell});
            return std::pair{w, h};
        };
        auto [w, h] = cellSize(labelHeight);
        // Horizontal key labels when every one fits its column; else rotated, which costs height.
        l.verticalKeys = keyWidth > w - 4 * s;
        if (l.verticalKeys) {
            l.colLabelHeight = std::min(keyWidth, kMaxLabelShare * height);
            std::tie(w, h) = cellSize(l.colLabelHeight);
        } else {
            l.colLabelHeight = labelHeight;
        }
        l.cellWidth = w;
        l.cellHeight = h;
        if (pass == 0) {
            double points = labelPoints;
            while (points > kMinLabelPoints && QFontMetricsF(figureFont(style, points)).height() > h * 1.05)
                points -= 0.5;
            if (points == labelPoints) break;
            labelPoints = points;
        }
    }

    const QFontMetricsF fm(l.labelFont);
    l.rowStep = labelStep(fm.height(), l.cellHeight);
    l.colStep = l.verticalKeys ? labelStep(fm.height(), l.cellWidth) : 1;
    l.rowTexts = elided(fm, content.queries, l.rowLabelWidth);
    l.colTexts = elided(fm, content.keys, l.verticalKeys ? l.colLabelHeight : l.cellWidth);

    const double gridWidth = l.cellWidth * cols;
    const double gridHeight = l.cellHeight * rows;
    const double block = queryTitleWidth + l.rowLabelWidth + l.labelGap + gridWidth + barBlock;
    const double left = pad + std::max(0.0, (width - 2 * pad - block) / 2);
    // Centred vertically too, so that a small grid does not hang under the title with the page empty below.
    const double blockHeight = gridHeight + l.labelGap + l.colLabelHeight + 2 * s + keyTitleHeight;
    const double gridTop = top + std::max(0.0, (height - pad - top - blockHeight) / 2);
    l.grid = QRectF(left + queryTitleWidth + l.rowLabelWidth + l.labelGap, gridTop, gridWidth, gridHeight);
    l.queryTitle = QRectF(left, gridTop, queryTitleWidth, gridHeight);
    l.keyTitle = QRectF(l.grid.left(), l.grid.bottom() + l.labelGap + l.colLabelHeight + 2 * s, gridWidth,
                        keyTitleHeight);

    // The bar as tall as the grid, but never a stub: at least 120 units when the figure has the room. Its
    // title sits above it, clear of the "1" label centred on the bar's top.
    const double titleRoom = tickFm.height() * 1.5 + 2 * s;
    const double room = std::max(1.0, height - pad - gridTop - titleRoom);
    const double barHeight = std::clamp(gridHeight - titleRoom, std::min(120.0 * s, room), room);
    l.colorBarTitle = QRectF(l.grid.right() + barGap, gridTop, barWidth + l.tickWidth, tickFm.height());
    l.colorBar = QRectF(l.grid.right() + barGap, gridTop + titleRoom, barWidth, barHeight);

    // Numbers: the largest font (up to the label size) at which the widest number fits every cell.
    if (l.cellWidth >= 14 * s && l.cellHeight >= 9 * s) {
        QStringList texts;
        texts.reserve(rows * cols);
        for (int q = 0; q < rows; ++q)
            for (int k = 0; k < cols; ++k)
                texts << (content.signedLimit > 0 ? signedCellNumberText(content.weights(q, k))
                                                  : cellNumberText(content.weights(q, k), content.exact));
        // Each distinct text measured once per size: 256 tokens have 65,536 cells but at most 101 two-decimal
        // numbers.
        QStringList distinct = texts;
        distinct.sort();
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        for (double points = kLabelPoints; points >= kMinNumberPoints; points -= 0.5) {
            const QFont font = figureFont(style, points);
            const QFontMetricsF nfm(font);
            if (nfm.height() <= l.cellHeight * 0.92 && widest(nfm, distinct) <= l.cellWidth - 6 * s) {
                l.numberFont = font;
                l.numbers = true;
                l.numberTexts = texts;
                break;
            }
        }
    }
    return l;
}

QString cellNumberText(double weight, bool exact)
{
    return exact ? model::formatExact(weight) : QString::number(weight, 'f', 2);
}

QString signedCellNumberText(double value)
{
    QString text = QString::number(value, 'f', 2);
    if (text == QLatin1String("-0.00")) return QStringLiteral("0.00");
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

QList<QLineF> maskHatchLines(const HeatmapLayout& layout, const model::BoolMatrix& allowed, double spacing)
{
    QList<QLineF> lines;
    if (allowed.rows() != layout.rows || allowed.cols() != layout.cols || layout.rows == 0 || spacing <= 0)
        return lines;
    // Lines x + y = c ("/" with y growing downwards), c on one lattice over the grid. Each line is walked
    // cell by cell and its masked stretches are merged, so a causal mask over 256 tokens is one segment per
    // line.
    const QRectF& g = layout.grid;
    std::vector<double> xs;
    for (double c = g.left() + g.top() + spacing / 2; c < g.right() + g.bottom(); c += spacing) {
        const double x0 = std::max(g.left(), c - g.bottom());
        const double x1 = std::min(g.right(), c - g.top());
        if (x1 <= x0) continue;
        // Where the line crosses a column or row boundary, ascending in x.
        xs.assign({x0, x1});
        for (int k = 1; k < layout.cols; ++k)
            if (const double x = g.left() + k * layout.cellWidth; x > x0 && x < x1) xs.push_back(x);
        for (int q = 1; q < layout.rows; ++q)
            if (const double x = c - (g.top() + q * layout.cellHeight); x > x0 && x < x1) xs.push_back(x);
        std::sort(xs.begin(), xs.end());
        double start = -1;
        for (size_t i = 0; i + 1 < xs.size(); ++i) {
            const double mid = (xs[i] + xs[i + 1]) / 2;
            const int k = std::clamp(int((mid - g.left()) / layout.cellWidth), 0, layout.cols - 1);
            const int q = std::clamp(int((c - mid - g.top()) / layout.cellHeight), 0, layout.rows - 1);
            const bool masked = !allowed(q, k);
            if (masked && start < 0) start = xs[i];
            if (!masked && start >= 0) {
                lines.append(QLineF(start, c - start, xs[i], c - xs[i]));
                start = -1;
            }
        }
        if (start >= 0) lines.append(QLineF(start, c - start, x1, c - x1));
    }
    return lines;
}

} // namespace attnlab::widgets
