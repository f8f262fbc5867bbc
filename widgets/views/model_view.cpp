#include "widgets/views/model_view.h"

#include "widgets/views/head_grid_figure.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/drawing/counts.h"
#include "widgets/drawing/left_to_right.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

struct ModelView::Layout {
    QFont titleFont, modelFont, noteFont, labelFont, tickFont;
    QRectF titleRect;
    double modelX = 0;
    QRectF grid; // all small maps
    double mapSize = 0;
    double gap = 0;
    double labelGap = 0;
    int layers = 0;
    int heads = 0;
    QRectF colorBar, colorBarTitle;

    QRectF map(int layer, int head) const
    {
        return {grid.left() + head * (mapSize + gap), grid.top() + layer * (mapSize + gap), mapSize, mapSize};
    }
};

namespace {

// The colour bar's scale: with Max, each map is scaled to its own largest weight, so the bar reads 0 … max.
WeightScale barScale(const ViewStyle& style)
{
    WeightScale scale = weightScaleWithMax(style.weightScale, 1.0);
    scale.eachOwnMax = style.weightScale == ColorScale::Max;
    return scale;
}

constexpr size_t kMaxVectorCells = 40000; // beyond this an SVG of rectangles gets too heavy: embed images

// One rectangle per run of equal colour in a row of image (one pixel per cell), overlapping the next by half
// a cell so that antialiasing viewers show no seams.
void paintMapAsRects(QPainter& painter, const QRectF& map, const QImage& image)
{
    const double w = map.width() / image.width();
    const double h = map.height() / image.height();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int q = 0; q < image.height(); ++q) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(q));
        for (int k = 0; k < image.width();) {
            int end = k + 1;
            while (end < image.width() && line[end] == line[k])
                ++end;
            const QRectF run(map.left() + k * w, map.top() + q * h, (end - k) * w, h);
            painter.fillRect(
                run.adjusted(0, 0, end < image.width() ? w / 2 : 0, q + 1 < image.height() ? h / 2 : 0),
                QColor(line[k]));
            k = end;
        }
    }
    painter.restore();
}

} // namespace

ModelView::ModelView(QWidget* parent) : TraceView(parent) {}

int ModelView::layerCount() const
{
    return trace() ? int(trace()->layers.size()) : 0;
}

int ModelView::headCount() const
{
    int heads = 0;
    if (trace())
        for (const model::LayerTrace& layer : trace()->layers)
            heads = std::max(heads, int(layer.heads.size()));
    return heads;
}

QSize ModelView::preferredFigureSize() const
{
    const int heads = std::max(1, headCount());
    const int layers = std::max(1, layerCount());
    return {std::clamp(heads * 120 + 240, 700, 2400), std::clamp(layers * 120 + 140, 500, 2400)};
}

QSize ModelView::sizeHint() const
{
    return {800, 600};
}

ModelView::Layout ModelView::computeLayout(const QSizeF& figure) const
{
    const ViewStyle& style = viewStyle();
    Layout l;
    const double s = style.fontScale();
    const double pad = 12 * s;
    l.titleFont = figureFont(style, 12, true);
    l.modelFont = figureFont(style, 10.5);
    l.noteFont = figureFont(style, 9);
    l.noteFont.setItalic(true);
    l.labelFont = figureFont(style, 10);
    l.tickFont = figureFont(style, 8.5);
    const QFontMetricsF titleFm(l.titleFont);
    const bool titleLine = figureParts().title;
    l.titleRect = QRectF(pad, pad, figure.width() - 2 * pad, titleLine ? titleFm.height() : 0.0);
    l.modelX = pad + titleFm.horizontalAdvance(tr("All heads")) + 12 * s;
    l.layers = layerCount();
    l.heads = headCount();
    if (l.layers == 0 || l.heads == 0) return l;

    const QFontMetricsF fm(l.labelFont);
    const QFontMetricsF tickFm(l.tickFont);
    l.labelGap = 6 * s;
    const double top = titleLine ? l.titleRect.bottom() + 14 * s : pad;
    const double colLabelHeight = fm.height() + l.labelGap;
    const double rowLabelWidth = fm.horizontalAdvance(QStringLiteral("L%1").arg(l.layers)) + l.labelGap;
    const double barWidth = 14 * s;
    const double tickWidth = colorBarTickWidth(tickFm, barScale(style), barWidth, s);
    const double barGap = 22 * s;
    const double availWidth =
        std::max(1.0, figure.width() - 2 * pad - rowLabelWidth - barGap - barWidth - tickWidth);
    const double availHeight = std::max(1.0, figure.height() - top - pad - colLabelHeight);
    // Gaps of 8 % of a map, at least 3 units, so that neighbouring heads stay apart.
    const auto sizeFor = [&](double gap) {
        return std::min({(availWidth - (l.heads - 1) * gap) / l.heads,
                         (availHeight - (l.layers - 1) * gap) / l.layers, 260.0 * s});
    };
    l.gap = std::max(3.0 * s, 0.08 * sizeFor(0));
    l.mapSize = std::max(1.0, sizeFor(l.gap));
    const double gridWidth = l.heads * l.mapSize + (l.heads - 1) * l.gap;
    const double gridHeight = l.layers * l.mapSize + (l.layers - 1) * l.gap;
    const double block = rowLabelWidth + gridWidth + barGap + barWidth + tickWidth;
    const double left = pad + std::max(0.0, (figure.width() - 2 * pad - block) / 2);
    l.grid = QRectF(left + rowLabelWidth, top + colLabelHeight, gridWidth, gridHeight);
    // Title above the bar, clear of the "1" label centred on the bar's top (as in the heatmap).
    const double titleRoom = tickFm.height() * 1.5 + 2 * s;
    const double room = std::max(1.0, figure.height() - pad - l.grid.top() - titleRoom);
    const double barHeight = std::clamp(gridHeight - titleRoom, std::min(120.0 * s, room), room);
    l.colorBarTitle = QRectF(l.grid.right() + barGap, l.grid.top(), barWidth + tickWidth, tickFm.height());
    l.colorBar = QRectF(l.grid.right() + barGap, l.grid.top() + titleRoom, barWidth, barHeight);
    return l;
}

const QImage& ModelView::headImage(int layer, int head) const
{
    const int heads = headCount();
    const size_t count = size_t(layerCount()) * size_t(heads);
    if (m_images.size() != count) m_images.assign(count, QImage());
    QImage& image = m_images[size_t(layer) * size_t(heads) + size_t(head)];
    if (!image.isNull()) return image;
    const model::HeadTrace& trace = this->trace()->layers[size_t(layer)].heads[size_t(head)];
    const model::TraceMatrix& weights = trace.weights;
    const bool hasMask = trace.allowed.rows() == weights.rows() && trace.allowed.cols() == weights.cols();
    if (weights.size() == 0) return image;
    // One pixel per (query, key): row q of the image is query q, as in the heatmap.
    const QList<QRgb> table = colorTable(viewStyle());
    // Each map on its own scale: with the Max scale, every head's largest weight gets the top colour.
    const WeightScale scale = weightScale(viewStyle().weightScale, weights.toDouble(), trace.allowed.matrix());
    const QRgb masked = viewStyle().masked().rgb();
    image = QImage(int(weights.cols()), int(weights.rows()), QImage::Format_RGB32);
    for (int q = 0; q < image.height(); ++q) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(q));
        for (int k = 0; k < image.width(); ++k)
            line[k] = hasMask && !trace.allowed(q, k)
                          ? masked
                          : weightColor(table, scale, weights(q, k));
    }
    return image;
}

void ModelView::paintTitleLine(QPainter& painter, const Layout& l) const
{
    const ViewStyle& style = viewStyle();
    const model::Trace* t = trace();
    painter.setPen(style.foreground());
    painter.setFont(l.titleFont);
    painter.drawText(l.titleRect, Qt::AlignLeft | Qt::AlignVCenter, tr("All heads"));

    painter.setPen(style.muted());
    painter.setFont(l.modelFont);
    QRectF modelRect = l.titleRect;
    modelRect.setLeft(l.modelX);
    // Grouped-query attention: say how many key/value heads the query heads share (consecutive heads share one).
    const QString layers = widgets::layerCount(l.layers), heads = widgets::headCount(l.heads),
                  tokens = widgets::tokenCount(t->tokens.size());
    const QString subtitle =
        t->kvHeads > 1    ? tr("%1 · %2 × %3 sharing %4 key/value heads · %5")
                                .arg(t->modelName, layers, heads, QString::number(t->kvHeads), tokens)
        : t->kvHeads == 1 ? tr("%1 · %2 × %3 sharing one key/value head · %4").arg(t->modelName, layers, heads, tokens)
                          : tr("%1 · %2 × %3 · %4").arg(t->modelName, layers, heads, tokens);
    // After the title in the reading direction: on its left when the painter lays text out right to left.
    painter.drawText(visualRect(painter.layoutDirection(), l.titleRect, modelRect), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(painter.font()).elidedText(subtitle, Qt::ElideRight, modelRect.width()));
    painter.setFont(l.noteFont);
    if (t->source == model::TraceSource::Toy)
        painter.drawText(l.titleRect, Qt::AlignRight | Qt::AlignVCenter, tr("untrained weights"));
}

void ModelView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    const ViewStyle& style = viewStyle();
    const model::Trace* t = trace();
    if (!t || layerCount() == 0 || headCount() == 0) {
        paintEmptyFigure(painter, size, style, tr("No model trace to show yet."));
        return;
    }
    const Layout l = computeLayout(size);
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());

    if (figureParts().title)
        paintTitleLine(painter, l);

    // Nearest-neighbour scaling keeps every token a sharp block when a map is larger than T × S pixels. SVG
    // and PDF viewers smooth embedded images, though, so there small maps become vector rectangles instead.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QPaintEngine::Type engine = painter.paintEngine()->type();
    const bool vector = engine == QPaintEngine::SVG || engine == QPaintEngine::Pdf;
    const double line = style.lineScale();
    size_t cells = 0;
    for (const model::LayerTrace& layer : t->layers)
        for (const model::HeadTrace& head : layer.heads)
            cells += size_t(head.weights.size());
    for (int layer = 0; layer < l.layers; ++layer) {
        const int heads = int(t->layers[size_t(layer)].heads.size());
        for (int head = 0; head < heads; ++head) {
            if (!figureParts().answers) { // the answer hidden: every map the neutral colour, its mask too
                painter.fillRect(l.map(layer, head), style.hiddenAnswer());
                continue;
            }
            const QImage& image = headImage(layer, head);
            if (image.isNull()) continue;
            if (vector && cells <= kMaxVectorCells)
                paintMapAsRects(painter, l.map(layer, head), image);
            else
                painter.drawImage(l.map(layer, head), image);
        }
    }
    painter.setPen(QPen(style.muted(), line));
    painter.setBrush(Qt::NoBrush);
    for (int layer = 0; layer < l.layers; ++layer)
        for (int head = 0; head < int(t->layers[size_t(layer)].heads.size()); ++head)
            painter.drawRect(l.map(layer, head));
    // Heads switched off in this trace (their weights are still those computed; their output is not used).
    for (const model::HeadRef& h : t->ablation.heads)
        if (h.layer < l.layers && h.head < int(t->layers[size_t(h.layer)].heads.size()))
            paintSwitchedOff(painter, l.map(h.layer, h.head), style);

    painter.setPen(style.foreground());
    painter.setFont(l.labelFont);
    for (int head = 0; head < l.heads; ++head) {
        const QRectF map = l.map(0, head);
        painter.drawText(QRectF(map.left(), l.titleRect.bottom(), map.width(),
                                map.top() - l.titleRect.bottom() - l.labelGap),
                         Qt::AlignHCenter | Qt::AlignBottom, QStringLiteral("H%1").arg(head + 1));
    }
    if (t->kvHeads > 0 && l.heads % t->kvHeads == 0 && l.heads > t->kvHeads) {
        // A line under the labels of each group of query heads that read one key/value head.
        const int group = l.heads / t->kvHeads;
        painter.save();
        painter.setPen(QPen(style.muted(), 1.5 * line, Qt::SolidLine, Qt::FlatCap));
        for (int g = 0; g < t->kvHeads; ++g) {
            const QRectF first = l.map(0, g * group), last = l.map(0, (g + 1) * group - 1);
            const double y = first.top() - l.labelGap / 2;
            painter.drawLine(QPointF(first.left() + 2 * line, y), QPointF(last.right() - 2 * line, y));
        }
        painter.restore();
    }
    for (int layer = 0; layer < l.layers; ++layer) {
        const QRectF map = l.map(layer, 0);
        painter.drawText(QRectF(0, map.top(), map.left() - l.labelGap, map.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("L%1").arg(layer + 1));
    }

    const model::TraceSelection& s = selection();
    if (s.layer >= 0 && s.layer < l.layers) {
        const int heads = int(t->layers[size_t(s.layer)].heads.size());
        QRectF outline;
        if (s.head >= 0 && s.head < heads)
            outline = l.map(s.layer, s.head);
        else if (heads > 0) // an aggregate of heads: the whole layer
            outline = l.map(s.layer, 0).united(l.map(s.layer, heads - 1));
        const double w = 2.5 * line;
        painter.setPen(QPen(heatmapAccent(style), w));
        if (!outline.isNull()) painter.drawRect(outline.adjusted(-w, -w, w, w));
    }

    if (figureParts().answers)
        paintWeightColorBar(painter, l.colorBar, l.colorBarTitle, l.tickFont, style, barScale(style));
    else
        paintHiddenColorBar(painter, l.colorBar, style);
    painter.restore();
}

QRectF ModelView::mapRect(int layer, int head, const QSizeF& figure) const
{
    if (layer < 0 || layer >= layerCount() || head < 0 ||
        head >= int(trace()->layers[size_t(layer)].heads.size()))
        return {};
    return computeLayout(figure).map(layer, head);
}

std::pair<int, int> ModelView::mapAt(const QPointF& pos, const QSizeF& figure) const
{
    const Layout l = computeLayout(figure);
    if (l.layers == 0 || !l.grid.contains(pos)) return {-1, -1};
    const double pitch = l.mapSize + l.gap;
    const int layer = std::clamp(int((pos.y() - l.grid.top()) / pitch), 0, l.layers - 1);
    const int head = std::clamp(int((pos.x() - l.grid.left()) / pitch), 0, l.heads - 1);
    // Inside the map itself, not in the gap after it, and a head this layer has.
    if (!l.map(layer, head).contains(pos) || head >= int(trace()->layers[size_t(layer)].heads.size()))
        return {-1, -1};
    return {layer, head};
}

void ModelView::refresh()
{
    // The small maps depend on the trace, the colour map and (masked cells) the theme, not on the selection.
    const ViewStyle& style = viewStyle();
    if (trace() != m_cacheTrace || style.weightMap != m_cacheMap || style.weightScale != m_cacheScale ||
        style.theme != m_cacheTheme) {
        m_images.clear();
        m_cacheTrace = trace();
        m_cacheMap = style.weightMap;
        m_cacheScale = style.weightScale;
        m_cacheTheme = style.theme;
    }
    update();
}

void ModelView::mousePressEvent(QMouseEvent* event)
{
    const auto [layer, head] = mapAt(event->position(), QSizeF(size()));
    if (event->button() == Qt::LeftButton && layer >= 0) {
        if (answerClicks() == AnswerClicks::Head)
            emit headClicked(layer, head); // a question asks for a head: the map answers
        else
            emit layerHeadSelected(layer, head);
        event->accept();
        return;
    }
    TraceView::mousePressEvent(event);
}

bool ModelView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const auto [layer, head] = mapAt(QPointF(help->pos()), QSizeF(size()));
        if (layer >= 0)
            QToolTip::showText(
                help->globalPos(),
                tr("Layer %1 · Head %2: click to show it in the heatmap").arg(layer + 1).arg(head + 1), this);
        else
            QToolTip::hideText();
        return true;
    }
    return TraceView::event(event);
}

std::pair<int, int> ModelView::headForMenu(const QPoint& pos, bool keyboard) const
{
    if (keyboard) return selectedSingleHead();
    return mapAt(QPointF(pos), QSizeF(size()));
}

} // namespace attnlab::widgets

#include "moc_model_view.cpp"
