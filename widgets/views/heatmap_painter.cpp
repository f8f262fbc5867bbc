#include "widgets/views/heatmap_painter.h"

#include "widgets/drawing/left_to_right.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

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

QList<QRgb> colorTable(const ViewStyle& style)
{
    QList<QRgb> table(256);
    const double from = style.weightMapStart();
    for (int i = 0; i < 256; ++i)
        table[i] = colorAt(style.weightMap, from + (1.0 - from) * (i / 255.0)).rgb();
    return table;
}

QRgb weightColor(const QList<QRgb>& table, const WeightScale& scale, double weight)
{
    return table[std::clamp(int(std::lround(scale.position(weight) * 255.0)), 0, 255)];
}

namespace {

// The ticks beside a colour bar (a short mark and its label each, at the tick's height) and the bar's title.
void paintColorBarTicks(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFontMetricsF& fm,
                        const ViewStyle& style, const QList<WeightScale::Tick>& ticks, const QString& title)
{
    double tickTextWidth = 0;
    for (const WeightScale::Tick& tick : ticks)
        tickTextWidth = std::max(tickTextWidth, fm.horizontalAdvance(tick.text));
    for (const WeightScale::Tick& tick : ticks) {
        const double y = bar.bottom() - tick.position * bar.height();
        painter.setPen(QPen(style.muted(), style.lineScale()));
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3 * style.fontScale(), y));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(bar.right() + 5 * style.fontScale(), y - fm.height() / 2, tickTextWidth + 4,
                                fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, leftToRight(tick.text));
    }
    painter.setPen(style.muted());
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextDontClip, title);
}

} // namespace

void paintWeightColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style, const WeightScale& scale)
{
    painter.save();
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (const auto& [position, color] : style.weightMapStops())
        gradient.setColorAt(position, color);
    painter.fillRect(bar, gradient);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);

    painter.setFont(tickFont);
    const QFontMetricsF fm(tickFont);
    paintColorBarTicks(painter, bar, titleRect, fm, style, scale.ticks(bar.height() >= 4 * fm.height()), scale.label());
    painter.restore();
}

void paintSignedColorBar(QPainter& painter, const QRectF& bar, const QRectF& titleRect, const QFont& tickFont,
                         const ViewStyle& style, double limit, const QString& title)
{
    painter.save();
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (const auto& [position, color] : colorStops(style.signedMapShown()))
        gradient.setColorAt(position, color);
    painter.fillRect(bar, gradient);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    painter.setFont(tickFont);
    const QFontMetricsF fm(tickFont);
    paintColorBarTicks(painter, bar, titleRect, fm, style, signedColorBarTicks(limit, bar.height() >= 6 * fm.height()),
                       title);
    painter.restore();
}

void paintHiddenColorBar(QPainter& painter, const QRectF& bar, const ViewStyle& style)
{
    painter.save();
    painter.fillRect(bar, style.hiddenAnswer());
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
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
    // The note on the right, unless a narrow figure (a panel of a comparison) leaves it no room beside the model.
    painter.setFont(layout.noteFont);
    const double modelEnd = layout.modelX + QFontMetricsF(layout.modelFont).horizontalAdvance(content.modelName);
    if (layout.titleRect.right() - QFontMetricsF(layout.noteFont).horizontalAdvance(content.note) >=
        modelEnd + 12 * layout.lineScale)
        painter.drawText(layout.titleRect, Qt::AlignRight | Qt::AlignVCenter, content.note);
    if (content.isEmpty()) {
        painter.restore();
        return;
    }

    // Cells without antialiasing so neighbours share their edges exactly (no hairline seams in a PNG). Runs
    // of one colour in a row are one rectangle (a causal 256-token SVG halves), and each overlaps the next by
    // one unit for viewers that antialias vector rectangles (SVG, PDF): abutting antialiased edges leave a
    // light seam.
    const QList<QRgb> table = colorTable(style);
    const int rows = layout.rows;
    const int cols = layout.cols;
    const bool signedValues = content.signedLimit > 0;
    const auto fillOf = [&](int q, int k) {
        if (!content.answers) return style.hiddenAnswer(); // the mask too: it may be what the question asks
        if (!content.allowed(q, k)) return style.masked();
        if (signedValues)
            return style.signedColorAt((content.weights(q, k) / content.signedLimit + 1.0) / 2.0);
        return QColor(weightColor(table, layout.scale, content.weights(q, k)));
    };
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int q = 0; q < rows; ++q) {
        for (int k = 0; k < cols;) {
            const QColor fill = fillOf(q, k);
            int end = k + 1;
            while (end < cols && fillOf(q, end) == fill)
                ++end;
            const QRectF run = layout.cell(q, k).united(layout.cell(q, end - 1));
            painter.fillRect(run.adjusted(0, 0, end < cols ? 1.0 : 0.0, q + 1 < rows ? 1.0 : 0.0), fill);
            k = end;
        }
    }
    if (!content.answers && layout.cellWidth >= 6 && layout.cellHeight >= 6) {
        // One neutral slab would hide the cells too: thin background lines keep the columns to click.
        painter.setPen(QPen(style.background(), layout.lineScale));
        for (int k = 1; k < cols; ++k)
            painter.drawLine(QPointF(layout.cell(0, k).left(), layout.grid.top()),
                             QPointF(layout.cell(0, k).left(), layout.grid.bottom()));
        for (int q = 1; q < rows; ++q)
            painter.drawLine(QPointF(layout.grid.left(), layout.cell(q, 0).top()),
                             QPointF(layout.grid.right(), layout.cell(q, 0).top()));
    }
    painter.setRenderHint(QPainter::Antialiasing, true);

    const double line = layout.lineScale;
    // Flat caps: the lines end on the cell edges instead of poking into the neighbouring allowed cells.
    painter.setPen(QPen(hatchColor(style), line, Qt::SolidLine, Qt::FlatCap));
    if (content.answers) painter.drawLines(maskHatchLines(layout, content.allowed, 7 * style.fontScale()));
    painter.setPen(QPen(style.muted(), line));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(layout.grid);

    if (layout.numbers && content.answers) {
        painter.setFont(layout.numberFont);
        for (int q = 0; q < rows; ++q) {
            for (int k = 0; k < cols; ++k) {
                if (!content.allowed(q, k)) continue;
                painter.setPen(textColorOn(fillOf(q, k)));
                painter.drawText(layout.cell(q, k), Qt::AlignCenter, leftToRight(layout.numberTexts[q * cols + k]));
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

    // Token labels: queries right-aligned left of their rows, keys under their columns (rotated when they do
    // not fit, reading upwards and ending at the grid). Each is one drawText, so Arabic script is shaped
    // right to left.
    painter.setFont(layout.labelFont);
    painter.setPen(style.foreground());
    for (int q = 0; q < rows; q += layout.rowStep)
        painter.drawText(layout.rowLabel(q), Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip,
                         layout.rowTexts.value(q));
    for (int k = 0; k < cols; k += layout.colStep) {
        const QRectF box = layout.colLabel(k);
        if (!layout.verticalKeys) {
            painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip,
                             layout.colTexts.value(k));
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
    painter.drawText(layout.keyTitle, Qt::AlignHCenter | Qt::AlignTop,
                     QCoreApplication::translate("HeatmapView", "key"));
    painter.save();
    painter.translate(layout.queryTitle.left(), layout.queryTitle.center().y());
    painter.rotate(-90);
    painter.drawText(
        QRectF(-layout.queryTitle.height() / 2, 0, layout.queryTitle.height(), layout.queryTitle.width()),
        Qt::AlignHCenter | Qt::AlignTop, QCoreApplication::translate("HeatmapView", "query"));
    painter.restore();

    if (!content.answers)
        paintHiddenColorBar(painter, layout.colorBar, style);
    else if (signedValues)
        paintSignedColorBar(painter, layout.colorBar, layout.colorBarTitle, layout.tickFont, style, content.signedLimit,
                            content.signedLabel);
    else
        paintWeightColorBar(painter, layout.colorBar, layout.colorBarTitle, layout.tickFont, style, layout.scale);
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
