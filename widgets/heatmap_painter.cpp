#include "heatmap_painter.h"

#include "exact_format.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace attnlab::widgets {

namespace {

constexpr double kLabelPoints = 10.0;
constexpr double kMinLabelPoints = 7.0;   // below this a token is no longer readable, even on a screen
constexpr double kMinNumberPoints = 6.5;  // numbers smaller than this are noise: leave them out
constexpr double kMaxLabelShare = 0.28;   // labels never take more than this share of the figure
constexpr double kMaxCellAspect = 2.2;    // cells may be wider than tall (room for "9/26"), not more

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

// Every step-th label when labels of `extent` are drawn on cells of `cell` (the labels would overlap otherwise).
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
    return {grid.left() - labelGap - rowLabelWidth, grid.top() + query * cellHeight, rowLabelWidth, cellHeight};
}

QRectF HeatmapLayout::colLabel(int key) const
{
    return {grid.left() + key * cellWidth, grid.bottom() + labelGap, cellWidth, colLabelHeight};
}

std::pair<int, int> HeatmapLayout::cellAt(const QPointF& pos) const
{
    if (rows == 0 || cols == 0 || !grid.contains(pos))
        return {-1, -1};
    const int q = std::clamp(int((pos.y() - grid.top()) / cellHeight), 0, rows - 1);
    const int k = std::clamp(int((pos.x() - grid.left()) / cellWidth), 0, cols - 1);
    return {q, k};
}

int HeatmapLayout::rowLabelAt(const QPointF& pos) const
{
    if (rows == 0 || pos.y() < grid.top() || pos.y() >= grid.bottom())
        return -1;
    if (pos.x() < grid.left() - labelGap - rowLabelWidth || pos.x() >= grid.left())
        return -1;
    return std::clamp(int((pos.y() - grid.top()) / cellHeight), 0, rows - 1);
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
    l.titleRect = QRectF(pad, pad, width - 2 * pad, titleFm.height());
    l.modelX = pad + titleFm.horizontalAdvance(content.title) + 12 * s;
    if (content.isEmpty())
        return l;

    const int rows = int(content.weights.rows());
    const int cols = int(content.weights.cols());
    l.rows = rows;
    l.cols = cols;
    l.labelGap = 6 * s;
    const double top = l.titleRect.bottom() + 16 * s;
    const QFontMetricsF axisFm(l.axisFont);
    const QFontMetricsF tickFm(l.tickFont);
    const double queryTitleWidth = axisFm.height() + 4 * s;
    const double keyTitleHeight = axisFm.height() + 4 * s;
    l.tickWidth = tickFm.horizontalAdvance(QStringLiteral("0.75")) + 8 * s;
    const double barWidth = 14 * s;
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
            const double availHeight = std::max(1.0, height - top - pad - keyTitleHeight - labelBand - l.labelGap);
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
            if (points == labelPoints)
                break;
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

    // The bar as tall as the grid, but never a stub: at least 120 units when the figure has the room. Its title
    // sits above it, clear of the "1" label centred on the bar's top.
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
                texts << cellNumberText(content.weights(q, k), content.exact);
        for (double points = kLabelPoints; points >= kMinNumberPoints; points -= 0.5) {
            const QFont font = figureFont(style, points);
            const QFontMetricsF nfm(font);
            if (widest(nfm, texts) <= l.cellWidth - 6 * s && nfm.height() <= l.cellHeight * 0.92) {
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

double relativeLuminance(const QColor& color)
{
    const auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

QColor textColorOn(const QColor& fill)
{
    // Whichever of black and white has the higher WCAG contrast ratio: at least 4.58 on any fill.
    const double l = relativeLuminance(fill);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

QColor heatmapAccent(const ViewStyle& style)
{
    return style.theme == Theme::Dark ? QColor(0xff, 0x8c, 0x42) : QColor(0xd5, 0x5e, 0x00);
}

QColor hatchColor(const ViewStyle& style)
{
    return style.theme == Theme::Dark ? QColor(0x6c, 0x6c, 0x74) : QColor(0xa0, 0xa0, 0xa8);
}

QList<QLineF> maskHatchLines(const HeatmapLayout& layout, const model::BoolMatrix& allowed, double spacing)
{
    QList<QLineF> lines;
    if (allowed.rows() != layout.rows || allowed.cols() != layout.cols || layout.rows == 0 || spacing <= 0)
        return lines;
    // Lines x + y = c ("/" with y growing downwards), c on one lattice over the grid. Each line is walked cell by
    // cell and its masked stretches are merged, so a causal mask over 256 tokens is one segment per line.
    const QRectF& g = layout.grid;
    std::vector<double> xs;
    for (double c = g.left() + g.top() + spacing / 2; c < g.right() + g.bottom(); c += spacing) {
        const double x0 = std::max(g.left(), c - g.bottom());
        const double x1 = std::min(g.right(), c - g.top());
        if (x1 <= x0)
            continue;
        // Where the line crosses a column or row boundary, ascending in x.
        xs.assign({x0, x1});
        for (int k = 1; k < layout.cols; ++k)
            if (const double x = g.left() + k * layout.cellWidth; x > x0 && x < x1)
                xs.push_back(x);
        for (int q = 1; q < layout.rows; ++q)
            if (const double x = c - (g.top() + q * layout.cellHeight); x > x0 && x < x1)
                xs.push_back(x);
        std::sort(xs.begin(), xs.end());
        double start = -1;
        for (size_t i = 0; i + 1 < xs.size(); ++i) {
            const double mid = (xs[i] + xs[i + 1]) / 2;
            const int k = std::clamp(int((mid - g.left()) / layout.cellWidth), 0, layout.cols - 1);
            const int q = std::clamp(int((c - mid - g.top()) / layout.cellHeight), 0, layout.rows - 1);
            const bool masked = !allowed(q, k);
            if (masked && start < 0)
                start = xs[i];
            if (!masked && start >= 0) {
                lines.append(QLineF(start, c - start, xs[i], c - xs[i]));
                start = -1;
            }
        }
        if (start >= 0)
            lines.append(QLineF(start, c - start, x1, c - x1));
    }
    return lines;
}

QList<QRgb> colorTable(ColorMapKind kind)
{
    QList<QRgb> table(256);
    for (int i = 0; i < 256; ++i)
        table[i] = colorAt(kind, i / 255.0).rgb();
    return table;
}

void paintWeightColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style)
{
    painter.save();
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (const auto& [position, color] : colorStops(style.weightMap))
        gradient.setColorAt(position, color);
    painter.fillRect(bar, gradient);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);

    painter.setFont(tickFont);
    const QFontMetricsF fm(tickFont);
    const QList<double> ticks = bar.height() >= 4 * fm.height() ? QList<double>{0, 0.25, 0.5, 0.75, 1}
                                                                 : QList<double>{0, 1};
    for (double t : ticks) {
        const double y = bar.bottom() - t * bar.height();
        painter.setPen(QPen(style.muted(), style.lineScale()));
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3 * style.fontScale(), y));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(bar.right() + 5 * style.fontScale(), y - fm.height() / 2, fm.horizontalAdvance(
                                    QStringLiteral("0.75")) + 4, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(t));
    }
    painter.setPen(style.muted());
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop, QCoreApplication::translate("HeatmapView", "weight"));
    painter.restore();
}

void paintHeatmap(QPainter& painter, const HeatmapContent& content, const HeatmapLayout& layout,
                  const ViewStyle& style, const QSizeF& figure)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), figure), style.background());

    // Title line: what is shown (bold), the model (muted), and the untrained note on the right.
    painter.setPen(style.foreground());
    painter.setFont(layout.titleFont);
    painter.drawText(layout.titleRect, Qt::AlignLeft | Qt::AlignVCenter, content.title);
    painter.setPen(style.muted());
    painter.setFont(layout.modelFont);
    QRectF modelRect = layout.titleRect;
    modelRect.setLeft(layout.modelX);
    painter.drawText(modelRect, Qt::AlignLeft | Qt::AlignVCenter, content.modelName);
    painter.setFont(layout.noteFont);
    painter.drawText(layout.titleRect, Qt::AlignRight | Qt::AlignVCenter, content.note);
    if (content.isEmpty()) {
        painter.restore();
        return;
    }

    // Cells without antialiasing so neighbours share their edges exactly (no hairline seams in a PNG); each
    // overlaps the next by half a unit for viewers that antialias vector rectangles (SVG, PDF).
    const QList<QRgb> table = colorTable(style.weightMap);
    const int rows = layout.rows;
    const int cols = layout.cols;
    const auto fillOf = [&](int q, int k) {
        if (!content.allowed(q, k))
            return style.masked();
        return QColor(table[std::clamp(int(std::lround(content.weights(q, k) * 255.0)), 0, 255)]);
    };
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int q = 0; q < rows; ++q)
        for (int k = 0; k < cols; ++k)
            painter.fillRect(layout.cell(q, k).adjusted(0, 0, k + 1 < cols ? 0.5 : 0, q + 1 < rows ? 0.5 : 0),
                             fillOf(q, k));
    painter.setRenderHint(QPainter::Antialiasing, true);

    const double line = layout.lineScale;
    // Flat caps: the lines end on the cell edges instead of poking into the neighbouring allowed cells.
    painter.setPen(QPen(hatchColor(style), line, Qt::SolidLine, Qt::FlatCap));
    painter.drawLines(maskHatchLines(layout, content.allowed, 7 * style.fontScale()));
    painter.setPen(QPen(style.muted(), line));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(layout.grid);

    if (layout.numbers) {
        painter.setFont(layout.numberFont);
        for (int q = 0; q < rows; ++q) {
            for (int k = 0; k < cols; ++k) {
                if (!content.allowed(q, k))
                    continue;
                painter.setPen(textColorOn(fillOf(q, k)));
                painter.drawText(layout.cell(q, k), Qt::AlignCenter, layout.numberTexts[q * cols + k]);
            }
        }
    }

    if (content.selectedQuery >= 0 && content.selectedQuery < rows) {
        const double w = 2.5 * line;
        painter.setPen(QPen(heatmapAccent(style), w));
        const QRectF row(layout.grid.left(), layout.cell(content.selectedQuery, 0).top(), layout.grid.width(),
                         layout.cellHeight);
        painter.drawRect(row.adjusted(-w / 2, -w / 2, w / 2, w / 2));
    }

    // Token labels: queries right-aligned left of their rows, keys under their columns (rotated when they do not
    // fit, reading upwards and ending at the grid). Each is one drawText, so Arabic script is shaped right to left.
    painter.setFont(layout.labelFont);
    painter.setPen(style.foreground());
    for (int q = 0; q < rows; q += layout.rowStep)
        painter.drawText(layout.rowLabel(q), Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip,
                         layout.rowTexts.value(q));
    for (int k = 0; k < cols; k += layout.colStep) {
        const QRectF box = layout.colLabel(k);
        if (!layout.verticalKeys) {
            painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, layout.colTexts.value(k));
            continue;
        }
        painter.save();
        painter.translate(box.center().x(), box.top());
        painter.rotate(-90);
        painter.drawText(QRectF(-box.height(), -box.width() / 2, box.height(), box.width()),
                         Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, layout.colTexts.value(k));
        painter.restore();
    }

    painter.setFont(layout.axisFont);
    painter.setPen(style.muted());
    painter.drawText(layout.keyTitle, Qt::AlignHCenter | Qt::AlignTop, QCoreApplication::translate("HeatmapView", "key"));
    painter.save();
    painter.translate(layout.queryTitle.left(), layout.queryTitle.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-layout.queryTitle.height() / 2, 0, layout.queryTitle.height(), layout.queryTitle.width()),
                     Qt::AlignHCenter | Qt::AlignTop, QCoreApplication::translate("HeatmapView", "query"));
    painter.restore();

    paintWeightColorBar(painter, layout.colorBar, layout.colorBarTitle, layout.tickFont, style);
    painter.restore();
}

void paintEmptyFigure(QPainter& painter, const QSizeF& figure, const ViewStyle& style, const QString& message)
{
    const QRectF all(QPointF(0, 0), figure);
    painter.fillRect(all, style.background());
    painter.setPen(style.muted());
    painter.setFont(figureFont(style, 11));
    painter.drawText(all.adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, message);
}

} // namespace attnlab::widgets
