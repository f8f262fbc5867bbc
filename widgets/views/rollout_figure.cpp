#include "widgets/views/rollout_figure.h"

#include "model/analysis/attention_flow.h"
#include "model/analysis/attention_rollout.h"
#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in RolloutView's context, though these functions belong to no QObject.
struct RolloutTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::RolloutView)
};

QString rolloutRowLabel(int layer, int layers)
{
    return layers > 12 ? QString::number(layer + 1) : RolloutTr::tr("layer %1").arg(layer + 1);
}

QString rolloutBarTitle(const WeightScale& scale)
{
    switch (scale.kind) {
    case ColorScale::Fixed: return RolloutTr::tr("share (0–1)");
    case ColorScale::Max: return RolloutTr::tr("share (0–max)");
    case ColorScale::Log: return RolloutTr::tr("share (log)");
    }
    return {};
}

// The colour bar of the weight map, bottom to top, with scale's ticks right of it.
void paintRolloutColorBar(QPainter& painter, const RolloutLayout& l, const ViewStyle& style)
{
    painter.save();
    QLinearGradient gradient(l.colorBar.bottomLeft(), l.colorBar.topLeft());
    for (const auto& [position, color] : style.weightMapStops())
        gradient.setColorAt(position, color);
    painter.fillRect(l.colorBar, gradient);
    painter.setPen(QPen(style.muted(), style.lineScale()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.colorBar);
    const QFont font = style.font(8.5);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    for (const WeightScale::Tick& tick : l.scale.ticks(l.colorBar.height() >= 4 * fm.height())) {
        const double y = l.colorBar.bottom() - tick.position * l.colorBar.height();
        painter.setPen(QPen(style.muted(), style.lineScale()));
        painter.drawLine(QPointF(l.colorBar.right(), y), QPointF(l.colorBar.right() + 3 * style.fontScale(), y));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.colorBar.right() + 5 * style.fontScale(), y - fm.height() / 2,
                                fm.horizontalAdvance(tick.text) + 4, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, leftToRight(tick.text));
    }
    painter.setPen(style.muted());
    painter.drawText(l.colorBarTitle, Qt::AlignLeft | Qt::AlignBottom | Qt::TextDontClip, rolloutBarTitle(l.scale));
    painter.restore();
}

void paintRolloutTokens(QPainter& painter, const RolloutLayout& l, const RolloutData& data, const ViewStyle& style)
{
    painter.save();
    const QFont font = style.font(l.tokenPoints), bold = style.font(l.tokenPoints, true);
    const int tokens = int(data.tokens.size());
    for (int j = 0; j < tokens; ++j) {
        const bool query = j == data.query;
        painter.setFont(query ? bold : font);
        const QFontMetricsF fm(painter.font());
        painter.setPen(query ? accentColor(style) : style.foreground());
        const double x = l.grid.left() + j * l.cellWidth;
        if (!l.rotatedTokens) {
            const QRectF box(x, l.tokenLabels.top(), l.cellWidth, l.tokenLabels.height());
            painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(data.tokens[j], Qt::ElideRight, l.cellWidth));
            continue;
        }
        // Bottom to top, the token's start at the grid.
        painter.save();
        painter.translate(x + l.cellWidth / 2, l.tokenLabels.top());
        painter.rotate(-90);
        const double length = l.tokenLabels.height();
        const QRectF box(-length, -fm.height() / 2, length, fm.height());
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(data.tokens[j], Qt::ElideRight, length));
        painter.restore();
    }
    painter.restore();
}

void paintRolloutCells(QPainter& painter, const RolloutLayout& l, const RolloutData& data, const ViewStyle& style)
{
    painter.save();
    painter.setFont(l.cellFont);
    const int layers = int(data.values.rows()), tokens = int(data.values.cols());
    for (int layer = 0; layer < layers; ++layer) {
        for (int j = 0; j < tokens; ++j) {
            const QRectF cell = rolloutCellRect(l, data, layer, j);
            const double value = data.values(layer, j);
            const QColor color = style.weightColorAt(l.scale.position(value));
            painter.fillRect(cell, color);
            if (l.numbers) {
                painter.setPen(contrastingText(color));
                painter.drawText(cell, Qt::AlignCenter, leftToRight(rolloutValueText(value)));
            }
        }
    }
    // The cells of different layers apart; the followed token's own column outlined.
    painter.setPen(QPen(style.background(), std::max(1.0, 1.5 * style.lineScale())));
    for (int layer = 1; layer < layers; ++layer) {
        const double y = l.grid.top() + layer * l.cellHeight;
        painter.drawLine(QPointF(l.grid.left(), y), QPointF(l.grid.right(), y));
    }
    if (data.query >= 0 && data.query < tokens) {
        painter.setPen(QPen(accentColor(style), 2.0 * style.lineScale()));
        painter.setBrush(Qt::NoBrush);
        const double x = l.grid.left() + data.query * l.cellWidth;
        painter.drawRect(QRectF(x, l.grid.top(), l.cellWidth, l.grid.height()));
    }
    // Row labels, right-aligned against the grid.
    const QFont font = style.font(9);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    painter.setPen(style.foreground());
    for (int layer = 0; layer < layers; ++layer) {
        const QRectF row = rolloutCellRect(l, data, layer, 0);
        painter.drawText(QRectF(l.rowLabels.left(), row.top(), l.rowLabels.width() - 6 * style.fontScale(), row.height()),
                         Qt::AlignRight | Qt::AlignVCenter, rolloutRowLabel(layer, layers));
    }
    painter.restore();
}

} // namespace

int rolloutQuery(const model::Trace* trace, const model::TraceSelection& selection)
{
    if (!trace || trace->tokens.isEmpty()) return -1;
    const int tokens = int(trace->tokens.size());
    return selection.query >= 0 && selection.query < tokens ? selection.query : tokens - 1;
}

RolloutData rolloutData(const model::Trace* trace, const model::TraceSelection& selection, RolloutMode mode)
{
    RolloutData data;
    data.mode = mode;
    const bool flow = mode == RolloutMode::Flow;
    if (!trace || trace->tokens.isEmpty() || trace->layers.empty()) {
        data.message = flow ? RolloutTr::tr("No trace yet: type a sentence to see its attention flow")
                            : RolloutTr::tr("No trace yet: type a sentence to see its attention rollout");
        return data;
    }
    data.query = rolloutQuery(trace, selection);
    data.token = visibleToken(trace->tokens[data.query]);
    data.tokens = visibleTokens(trace->tokens);
    const int tokens = int(trace->tokens.size());
    if (!flow) {
        if (!trace->rollout) {
            data.message = trace->rolloutError.isEmpty()
                               ? RolloutTr::tr("Computing the attention rollout…")
                               : RolloutTr::tr("Attention rollout is not available: %1").arg(trace->rolloutError);
            return data;
        }
        const std::vector<model::Matrix>& layers = trace->rollout->layers;
        data.values = model::Matrix::Zero(Eigen::Index(layers.size()), tokens);
        for (std::size_t l = 0; l < layers.size(); ++l)
            if (layers[l].rows() == tokens && layers[l].cols() == tokens)
                data.values.row(Eigen::Index(l)) = layers[l].row(data.query);
        return data;
    }
    if (trace->flow && trace->flow->query == data.query && trace->flow->normalised.cols() == tokens) {
        data.values = trace->flow->normalised;
        return data;
    }
    // A refusal is about the trace's size or kind, whatever the query: it stands until the next trace.
    data.message = trace->flowError.isEmpty()
                       ? RolloutTr::tr("Computing the attention flow of “%1”…").arg(QChar(0x2068) + data.token + QChar(0x2069))
                       : RolloutTr::tr("Attention flow is not available: %1").arg(trace->flowError);
    return data;
}

QString rolloutValueText(double value)
{
    return QString::number(value, 'f', 2);
}

QStringList rolloutSubtitleLines(const RolloutData& data, double width, const ViewStyle& style, bool withHints)
{
    QStringList parts;
    if (data.mode == RolloutMode::Rollout)
        parts << RolloutTr::tr("each row: how much of every input token has reached this token after that layer; "
                               "rows sum to 1")
              << RolloutTr::tr("Â = ½ · mean of the heads + ½ · I (the residual), multiplied from layer 1 up "
                               "(Abnar & Zuidema 2020)");
    else
        parts << RolloutTr::tr("each row: the maximum flow from this token at that layer to every input token, "
                               "divided by the row's sum")
              << RolloutTr::tr("the layers as a flow network whose capacities are Â = ½ · mean of the heads + ½ · I "
                               "(Abnar & Zuidema 2020)");
    if (withHints) parts << RolloutTr::tr("click a token to follow it");
    const QFontMetricsF fm(style.font(9));
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

RolloutLayout rolloutLayout(const QSizeF& size, const RolloutData& data, const ViewStyle& style, bool withTitle,
                            bool withHints, double reservedRight)
{
    RolloutLayout l;
    const double s = style.fontScale();
    const double gap = 14.0 * s;
    const QFontMetricsF titleFm(style.font(12.5, true)), smallFm(style.font(9)), labelFm(style.font(9, true)),
        tickFm(style.font(8.5));
    const int layers = std::max<int>(1, int(data.values.rows())), tokens = std::max<int>(1, int(data.tokens.size()));

    // Title: the headline beside the screen's buttons, the explanation under it across the figure.
    const double subtitleWidth = size.width() - 2 * gap;
    const int subtitleLines = int(rolloutSubtitleLines(data, subtitleWidth, style, withHints).size());
    const double headline = withTitle || reservedRight > 0 ? titleFm.height() * 1.3 : 0.0;
    l.title = QRectF(gap, gap * 0.6, size.width() - 2 * gap, headline + smallFm.height() * (subtitleLines + 0.3));

    // Across: row labels, the grid, the colour bar with its ticks.
    double rowLabelWidth = 0;
    for (int layer = 0; layer < layers; ++layer)
        rowLabelWidth = std::max(rowLabelWidth, smallFm.horizontalAdvance(rolloutRowLabel(layer, layers)));
    rowLabelWidth += 10 * s;
    l.scale = weightScaleWithMax(style.weightScale, data.values.size() > 0 ? data.values.maxCoeff() : 1.0);
    const double barWidth = 16 * s;
    double tickWidth = tickFm.horizontalAdvance(QStringLiteral("0.75"));
    for (const WeightScale::Tick& tick : l.scale.ticks(true))
        tickWidth = std::max(tickWidth, tickFm.horizontalAdvance(tick.text));
    const double barBlock = 2 * gap + barWidth + std::max(tickWidth + 8 * s, smallFm.horizontalAdvance(rolloutBarTitle(l.scale)) - barWidth);
    const double gridLeft = gap + rowLabelWidth;
    const double available = std::max(10.0, size.width() - gridLeft - barBlock - gap);
    l.cellWidth = std::min(available / tokens, 150 * s);

    // Down: the token labels, across when each fits its column (in a smaller font if need be: a character
    // model's single characters stay upright), else rotated, at most a quarter of the height.
    const auto widestAt = [&data, &style](double points) {
        const QFontMetricsF fm(style.font(points, true));
        double widest = 0;
        for (const QString& token : data.tokens)
            widest = std::max(widest, fm.horizontalAdvance(token));
        return widest;
    };
    double widest = widestAt(9);
    for (const double points : {9.0, 8.0, 7.0}) {
        l.tokenPoints = points;
        widest = widestAt(points);
        if (widest + 1 <= l.cellWidth) break;
    }
    l.rotatedTokens = widest + 1 > l.cellWidth;
    if (l.rotatedTokens) {
        l.tokenPoints = 9;
        widest = widestAt(9);
    }
    const double labelsHeight =
        l.rotatedTokens ? std::min(widest + 6 * s, size.height() * 0.25) : labelFm.height() * 1.3;
    const double areaTop = l.title.bottom() + gap + smallFm.height() * 1.2; // room for the colour bar's title
    const double bottom = size.height() - gap - labelsHeight - 4 * s;
    // Cells at most 160 points or twice as wide: a few layers do not stretch into bars; the grid then sits a third of the
    // way down the room left, under the title rather than far from it.
    l.cellHeight = std::min(std::max(4.0, (bottom - areaTop) / layers), std::max(160 * s, 2 * l.cellWidth));
    const double gridWidth = l.cellWidth * tokens, gridHeight = l.cellHeight * layers;
    const double top = areaTop + std::max(0.0, bottom - areaTop - gridHeight) / 3;
    l.grid = QRectF(gridLeft, top, gridWidth, gridHeight);
    l.rowLabels = QRectF(gap, top, rowLabelWidth, gridHeight);
    l.tokenLabels = QRectF(gridLeft, l.grid.bottom() + 4 * s, gridWidth, labelsHeight);
    l.colorBar = QRectF(l.grid.right() + gap, top, barWidth, std::max(gridHeight, 60 * s));
    l.colorBarTitle = QRectF(l.colorBar.left(), top - smallFm.height() * 1.3, barBlock, smallFm.height());

    // Numbers in the cells while they fit.
    l.cellFont = style.font(std::clamp(l.cellHeight / s * 0.28, 7.0, 10.0));
    const QFontMetricsF cellFm(l.cellFont);
    l.numbers = cellFm.horizontalAdvance(QStringLiteral("0.00")) + 6 * s <= l.cellWidth && cellFm.height() + 2 <= l.cellHeight;
    return l;
}

QRectF rolloutCellRect(const RolloutLayout& layout, const RolloutData& data, int layer, int token)
{
    const int layers = int(data.values.rows());
    if (layer < 0 || layer >= layers || token < 0 || token >= data.values.cols()) return {};
    // The last layer on top, layer 1 just above the input tokens.
    return QRectF(layout.grid.left() + token * layout.cellWidth, layout.grid.top() + (layers - 1 - layer) * layout.cellHeight,
                  layout.cellWidth, layout.cellHeight);
}

int rolloutTokenAt(const RolloutLayout& layout, const RolloutData& data, const QPointF& point)
{
    if (!data.message.isEmpty() || layout.cellWidth <= 0) return -1;
    if (point.y() < layout.grid.top() || point.y() > layout.tokenLabels.bottom()) return -1;
    if (point.x() < layout.grid.left() || point.x() >= layout.grid.right()) return -1;
    const int token = int((point.x() - layout.grid.left()) / layout.cellWidth);
    return token < data.values.cols() ? token : -1;
}

int rolloutLayerAt(const RolloutLayout& layout, const RolloutData& data, const QPointF& point)
{
    if (!data.message.isEmpty() || layout.cellHeight <= 0 || !layout.grid.contains(point)) return -1;
    const int fromTop = int((point.y() - layout.grid.top()) / layout.cellHeight);
    const int layer = int(data.values.rows()) - 1 - fromTop;
    return layer >= 0 && layer < data.values.rows() ? layer : -1;
}

void paintRolloutFigure(QPainter& painter, const QSizeF& size, const RolloutData& data, const ViewStyle& style,
                        bool withTitle, bool withHints, double reservedRight)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    if (!data.message.isEmpty()) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), data.message, style);
        painter.restore();
        return;
    }
    const RolloutLayout l = rolloutLayout(size, data, style, withTitle, withHints, reservedRight);
    const QFont titleFont = style.font(12.5, true), smallFont = style.font(9);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);
    const QString token = QChar(0x2068) + data.token + QChar(0x2069); // isolated: RTL tokens keep the quotes
    const QString title = data.mode == RolloutMode::Rollout
                              ? RolloutTr::tr("Attention rollout of “%1” (token %2)").arg(token).arg(data.query + 1)
                              : RolloutTr::tr("Attention flow of “%1” (token %2)").arg(token).arg(data.query + 1);
    double y = l.title.top();
    if (withTitle) {
        painter.setFont(titleFont);
        painter.setPen(style.foreground());
        const double width = l.title.width() - reservedRight;
        painter.drawText(QRectF(l.title.left(), y, width, titleFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         titleFm.elidedText(title, Qt::ElideRight, width));
    }
    if (withTitle || reservedRight > 0) y += titleFm.height() * 1.3;
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    for (const QString& line : rolloutSubtitleLines(data, l.title.width(), style, withHints)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }
    paintRolloutCells(painter, l, data, style);
    paintRolloutTokens(painter, l, data, style);
    paintRolloutColorBar(painter, l, style);
    painter.restore();
}

} // namespace attnlab::widgets
