#include "widgets/views/heatmap_plot.h"

#include "widgets/drawing/left_to_right.h"

#include <qcustomplot.h>

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attnlab::widgets {

namespace {

int px(double v)
{
    return int(std::lround(v));
}

QCPColorGradient weightGradient(const ViewStyle& style)
{
    QCPColorGradient gradient;
    QMap<double, QColor> stops;
    for (const auto& [position, color] : style.weightMapStops())
        stops.insert(position, color);
    gradient.setColorStops(stops);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB); // colorAt() interpolates in RGB too
    gradient.setLevelCount(256);
    // Masked cells are NaN in the map: the masked grey, never the colour of a zero weight.
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(style.masked());
    return gradient;
}

// The colour scale's ticks, numbers laid out left to right in a right-to-left interface too.
class LeftToRightTicker : public QCPAxisTickerFixed {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override
    {
        return leftToRight(QCPAxisTickerFixed::getTickLabel(tick, locale, formatChar, precision));
    }
};

// A frame-only axis: the base line draws the grid's outline, no ticks, no grid lines.
void plainAxis(QCPAxis* axis, const QPen& frame)
{
    axis->setVisible(true);
    axis->setBasePen(frame);
    axis->setTickPen(Qt::NoPen);
    axis->setSubTickPen(Qt::NoPen);
    axis->setTickLength(0, 0);
    axis->setSubTicks(false);
    axis->setTickLabels(false);
    axis->setLabel(QString());
    axis->grid()->setVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void tokenAxis(QCPAxis* axis, const QStringList& texts, int step, const HeatmapLayout& layout,
               const ViewStyle& style)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < texts.size(); i += step)
        ticker->addTick(i, texts[i]);
    axis->setTicker(ticker);
    axis->setTickLabels(true);
    axis->setTickLabelFont(layout.labelFont);
    axis->setTickLabelColor(style.foreground());
    axis->setTickLabelPadding(px(layout.labelGap));
}

} // namespace

HeatmapPlot::HeatmapPlot(QWidget* parent) : m_plot(new QCustomPlot(parent))
{
    m_plot->setInteractions(QCP::Interactions()); // clicks select cells; the ranges never move
    m_plot->setAntialiasedElements(QCP::aeAxes | QCP::aeItems | QCP::aeScatters | QCP::aeOther);
    m_plot->plotLayout()->setMargins(QMargins());
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_scale = new QCPColorScale(m_plot);
    // In the axis rect's inset layout so that the colour scale can sit exactly where paintHeatmap puts its
    // bar, outside the cells, without the main layout shrinking the axis rect.
    QCPLayoutInset* insets = m_plot->axisRect()->insetLayout();
    insets->setAutoMargins(QCP::msNone);
    insets->setMargins(
        QMargins()); // insets default to 12 px inside the axis rect: place from the grid itself
    insets->addElement(m_scale, QRectF(1, 0, 0.1, 1));
    m_scale->setType(QCPAxis::atRight);
    m_scale->setAutoMargins(QCP::msNone);
    m_scale->setMargins(QMargins());
    m_map->setColorScale(m_scale);
}

QWidget* HeatmapPlot::widget() const
{
    return m_plot;
}

void HeatmapPlot::addText(const QPointF& at, Qt::Alignment alignment, const QString& text, const QFont& font,
                          const QColor& color, double rotation)
{
    auto* item = new QCPItemText(m_plot);
    item->position->setType(QCPItemPosition::ptAbsolute);
    item->position->setCoords(at);
    item->setPositionAlignment(alignment);
    item->setTextAlignment(alignment);
    item->setPadding(QMargins());
    item->setClipToAxisRect(false);
    item->setFont(font);
    item->setColor(color);
    item->setRotation(rotation);
    item->setText(text);
}

void HeatmapPlot::update(const HeatmapContent& content, const HeatmapLayout& layout, const ViewStyle& style,
                         const QSize& size)
{
    m_plot->clearItems();
    m_plot->setBackground(style.background());
    const QColor foreground = style.foreground();
    const QColor muted = style.muted();
    const double line = layout.lineScale;
    const QRectF& title = layout.titleRect;
    addText(QPointF(title.left(), title.center().y()), Qt::AlignLeft | Qt::AlignVCenter, content.title,
            layout.titleFont, foreground);
    addText(QPointF(layout.modelX, title.center().y()), Qt::AlignLeft | Qt::AlignVCenter, content.modelName,
            layout.modelFont, muted);
    addText(QPointF(title.right(), title.center().y()), Qt::AlignRight | Qt::AlignVCenter, content.note,
            layout.noteFont, muted);

    const int rows = layout.rows;
    const int cols = layout.cols;
    QCPAxisRect* rect = m_plot->axisRect();
    rect->setVisible(!content.isEmpty());
    if (content.isEmpty()) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }

    // The axis rect's inner rectangle is the grid of the layout, to the pixel. The viewport is set here
    // because a hidden plot receives its resize event (which sets it) only when shown, after this layout
    // pass.
    m_plot->setViewport(QRect(QPoint(0, 0), size));
    rect->setAutoMargins(QCP::msNone);
    rect->setMinimumMargins(QMargins());
    rect->setMinimumSize(0, 0);
    rect->setMargins(QMargins(px(layout.grid.left()), px(layout.grid.top()),
                              px(size.width() - layout.grid.right()),
                              px(size.height() - layout.grid.bottom())));
    const QPen frame(muted, line);
    for (QCPAxis* axis : rect->axes())
        plainAxis(axis, frame);
    m_plot->xAxis->setRange(-0.5, cols - 0.5);
    m_plot->xAxis2->setRange(-0.5, cols - 0.5);
    m_plot->yAxis->setRange(-0.5, rows - 0.5);
    m_plot->yAxis2->setRange(-0.5, rows - 0.5);
    m_plot->yAxis->setRangeReversed(true); // queries top to bottom in token order
    m_plot->yAxis2->setRangeReversed(true);
    tokenAxis(m_plot->xAxis, layout.colTexts, layout.colStep, layout, style);
    m_plot->xAxis->setTickLabelRotation(layout.verticalKeys ? -90 : 0);
    tokenAxis(m_plot->yAxis, layout.rowTexts, layout.rowStep, layout, style);

    // The map: cell (key, query) at integer coordinates. A single row or column gets the range ±0.5 because
    // QCPColorMap derives its cell size from (range / (size − 1)).
    QCPColorMapData* data = m_map->data();
    data->setSize(cols, rows);
    data->setRange(cols > 1 ? QCPRange(0, cols - 1) : QCPRange(-0.5, 0.5),
                   rows > 1 ? QCPRange(0, rows - 1) : QCPRange(-0.5, 0.5));
    bool anyMasked = false;
    for (int q = 0; q < rows; ++q) {
        for (int k = 0; k < cols; ++k) {
            const bool allowed = content.allowed(q, k);
            anyMasked |= !allowed;
            // Each cell holds its position on the colour map (0 … 1), so that the map and the bar's ticks
            // follow the scale.
            data->setCell(k, q, allowed ? layout.scale.position(content.weights(q, k))
                                        : std::numeric_limits<double>::quiet_NaN());
        }
    }
    const QCPColorGradient gradient = weightGradient(style);
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 1));

    // Colour scale at the layout's bar: inset rectangle in fractions of the grid; the tick labels live in the
    // scale's right margin.
    const QRectF& grid = layout.grid;
    const QRectF bar = layout.colorBar;
    QCPLayoutInset* insets = rect->insetLayout();
    int index = 0; // after the plot's own (hidden) legend
    while (index < insets->elementCount() && insets->elementAt(index) != m_scale)
        ++index;
    insets->setInsetRect(
        index, QRectF((bar.left() - grid.left()) / grid.width(), (bar.top() - grid.top()) / grid.height(),
                      (bar.width() + layout.tickWidth) / grid.width(), bar.height() / grid.height()));
    m_scale->setBarWidth(px(bar.width()));
    m_scale->setDataRange(QCPRange(0, 1));
    m_scale->setGradient(gradient);
    QCPAxis* scaleAxis = m_scale->axis();
    QCPAxisRect* scaleRect = scaleAxis->axisRect();
    scaleRect->setAutoMargins(QCP::msNone);
    scaleRect->setMinimumMargins(QMargins());
    scaleRect->setMargins(QMargins(0, 0, px(layout.tickWidth), 0));
    for (QCPAxis* axis : scaleRect->axes())
        axis->setBasePen(frame);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (const WeightScale::Tick& tick : layout.scale.ticks(bar.height() >= 4 * QFontMetricsF(layout.tickFont).height()))
        ticker->addTick(tick.position, leftToRight(tick.text));
    scaleAxis->setTicker(ticker);
    scaleAxis->setTickLabelFont(layout.tickFont);
    scaleAxis->setTickLabelColor(foreground);
    scaleAxis->setTickPen(frame);
    scaleAxis->setTickLength(0, px(3 * style.fontScale()));
    scaleAxis->setSubTicks(false);
    scaleAxis->setTickLabelPadding(px(2 * style.fontScale()));
    addText(layout.colorBarTitle.topLeft(), Qt::AlignLeft | Qt::AlignTop,
            layout.scale.label(), layout.tickFont, muted);

    // Hatching over the masked cells, drawn by the same code as the figure, as one pixmap over the grid.
    if (anyMasked) {
        // At the screen's device pixel ratio so that the lines stay sharp on a high-DPI display.
        const double ratio = m_plot->devicePixelRatioF();
        QPixmap hatch((grid.size() * ratio).toSize().expandedTo(QSize(1, 1)));
        hatch.setDevicePixelRatio(ratio);
        hatch.fill(Qt::transparent);
        QPainter painter(&hatch);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.translate(-grid.topLeft());
        painter.setPen(QPen(hatchColor(style), line, Qt::SolidLine, Qt::FlatCap));
        painter.drawLines(maskHatchLines(layout, content.allowed, 7 * style.fontScale()));
        painter.end();
        auto* item = new QCPItemPixmap(m_plot);
        item->topLeft->setType(QCPItemPosition::ptAbsolute);
        item->topLeft->setCoords(grid.topLeft());
        item->bottomRight->setType(QCPItemPosition::ptAbsolute);
        item->bottomRight->setCoords(grid.bottomRight());
        item->setScaled(true, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        item->setPixmap(hatch);
    }

    if (layout.numbers) {
        const QList<QRgb> table = colorTable(style);
        for (int q = 0; q < rows; ++q) {
            for (int k = 0; k < cols; ++k) {
                if (!content.allowed(q, k)) continue;
                const QColor fill(weightColor(table, layout.scale, content.weights(q, k)));
                auto* item = new QCPItemText(m_plot);
                item->position->setType(QCPItemPosition::ptAbsolute);
                item->position->setCoords(layout.cell(q, k).center());
                item->setPositionAlignment(Qt::AlignCenter);
                item->setPadding(QMargins());
                item->setFont(layout.numberFont);
                item->setColor(textColorOn(fill));
                item->setText(leftToRight(layout.numberTexts[q * cols + k]));
            }
        }
    }

    if (content.selectedQuery >= 0 && content.selectedQuery < rows) {
        const double w = 2.5 * line;
        const QRectF row =
            QRectF(grid.left(), layout.cell(content.selectedQuery, 0).top(), grid.width(), layout.cellHeight)
                .adjusted(-w / 2, -w / 2, w / 2, w / 2);
        auto* item = new QCPItemRect(m_plot);
        item->setClipToAxisRect(false);
        item->topLeft->setType(QCPItemPosition::ptAbsolute);
        item->topLeft->setCoords(row.topLeft());
        item->bottomRight->setType(QCPItemPosition::ptAbsolute);
        item->bottomRight->setCoords(row.bottomRight());
        item->setPen(QPen(heatmapAccent(style), w));
        item->setBrush(Qt::NoBrush);
    }

    addText(QPointF(layout.keyTitle.center().x(), layout.keyTitle.top()), Qt::AlignHCenter | Qt::AlignTop,
            QCoreApplication::translate("HeatmapView", "key"), layout.axisFont, muted);
    addText(QPointF(layout.queryTitle.left(), layout.queryTitle.center().y()),
            Qt::AlignHCenter | Qt::AlignTop, QCoreApplication::translate("HeatmapView", "query"),
            layout.axisFont, muted, -90);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace attnlab::widgets
