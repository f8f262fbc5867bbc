#include "widgets/views/residual_figure.h"

#include "model/exact/exact_format.h"
#include "widgets/drawing/left_to_right.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in ResidualView's context, though these functions belong to no QObject.
struct ResidualTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::ResidualView)
};

double rowNorm(const model::TraceMatrix& m, int row)
{
    return row < m.rows() ? m.row(row).norm() : 0.0;
}

QString normText(double value)
{
    return model::formatDecimal(value, 3);
}

double maxOf(const QList<double>& values)
{
    return values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

// The explanation under the title: one line, or two where one does not fit.
QStringList subtitleLines(double width, const ViewStyle& style, bool withHints)
{
    const QString line = ResidualTr::tr("line: L2 norm of the stream entering layer 1 and after each layer");
    QString bars = ResidualTr::tr("bars: norm of what each head and the MLP add");
    if (withHints)
        bars += QStringLiteral(" · ") + ResidualTr::tr("click a bar to open its layer");
    const QString joined = line + QStringLiteral(" · ") + bars;
    if (QFontMetricsF(style.font(9)).horizontalAdvance(joined) <= width)
        return {joined};
    return {line, bars};
}

// Category labels get shorter when many layers share the axis.
QString streamLabel(int index, int layers)
{
    if (index == 0)
        return layers > 8 ? ResidualTr::tr("in") : ResidualTr::tr("input");
    return layers > 8 ? QString::number(index) : ResidualTr::tr("after %1").arg(index);
}

void paintStream(QPainter& painter, const ResidualLayout& l, const ResidualData& data, const ViewStyle& style)
{
    const int layers = int(data.bars.size());
    QList<double> ticks;
    QStringList labels;
    for (int i = 0; i <= layers; ++i) {
        ticks << i;
        labels << streamLabel(i, layers);
    }
    drawAxes(painter, l.stream, style, QString(), QStringLiteral("‖stream‖"), ticks, {}, labels);
    QPolygonF line;
    for (int i = 0; i < data.streamNorms.size(); ++i)
        line << l.stream.map(i, data.streamNorms[i]);
    painter.save();
    const QColor color = accentColor(style);
    painter.setPen(QPen(color, 2.2 * style.lineScale(), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPolyline(line);
    painter.setBrush(color);
    const QFont font = style.font(8.5);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    const double r = 3.5 * style.lineScale();
    const bool labelled = layers <= 12; // value labels only while they have room
    for (int i = 0; i < line.size(); ++i) {
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(line[i], r, r);
        if (!labelled)
            continue;
        painter.setPen(style.foreground());
        const QString text = normText(data.streamNorms[i]);
        const double w = fm.horizontalAdvance(text) + 4;
        painter.drawText(QRectF(line[i].x() - w / 2, line[i].y() - r - fm.height() * 1.1, w, fm.height()),
                         Qt::AlignCenter, leftToRight(text));
    }
    painter.restore();
}

void paintBars(QPainter& painter, const ResidualLayout& l, const ResidualData& data, const ViewStyle& style)
{
    const int layers = int(data.bars.size());
    QList<double> ticks;
    QStringList labels;
    for (int i = 0; i < layers; ++i) {
        ticks << i + 0.5;
        labels << (layers > 8 ? QString::number(i + 1) : ResidualTr::tr("layer %1").arg(i + 1));
    }
    drawAxes(painter, l.bars, style, QString(), ResidualTr::tr("‖added to stream‖"), ticks, {}, labels);
    painter.save();
    const QFont font = style.font(8);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    for (int layer = 0; layer < layers; ++layer) {
        const QRectF bar = residualBarRect(l, data, layer);
        const QList<double>& parts = data.bars[layer];
        double total = 0.0;
        for (const double v : parts)
            total += v;
        double base = 0.0;
        for (int part = 0; part < parts.size(); ++part) {
            const double y0 = l.bars.mapY(base), y1 = l.bars.mapY(base + parts[part]);
            base += parts[part];
            const QRectF segment(QPointF(bar.left(), y1), QPointF(bar.right(), y0));
            const QColor fill = residualPartColor(data, part, style);
            painter.fillRect(segment, fill);
            // A thin line in the background colour keeps neighbouring segments apart.
            painter.setPen(QPen(style.background(), 1.0));
            painter.drawLine(segment.topLeft(), segment.topRight());
            const QString share = QStringLiteral("%1%").arg(total > 0 ? qRound(100.0 * parts[part] / total) : 0);
            if (segment.height() >= fm.height() * 1.1 && segment.width() >= fm.horizontalAdvance(share) + 4) {
                painter.setPen(contrastingText(fill));
                painter.drawText(segment, Qt::AlignCenter, leftToRight(share));
            }
        }
    }
    painter.restore();
}

void paintLegend(QPainter& painter, const ResidualLayout& l, const ResidualData& data, const ViewStyle& style)
{
    painter.save();
    const QFont font = style.font(9);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    double y = l.legend.top();
    const double swatch = fm.height() * 0.8;
    for (int part = 0; part <= data.heads; ++part) {
        if (y + fm.height() > l.legend.bottom())
            break; // more heads than room: the tooltip still names them
        painter.fillRect(QRectF(l.legend.left(), y + (fm.height() - swatch) / 2, swatch, swatch),
                         residualPartColor(data, part, style));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.legend.left() + swatch + 6, y, l.legend.width() - swatch - 6, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         part == data.heads ? ResidualTr::tr("MLP") : ResidualTr::tr("head %1").arg(part + 1));
        y += fm.height() * 1.4;
    }
    painter.restore();
}

} // namespace

ResidualData residualData(const model::Trace* trace, const model::TraceSelection& selection)
{
    ResidualData data;
    if (!trace) {
        data.message = ResidualTr::tr("No trace yet: type a sentence to see its residual stream");
        return data;
    }
    const bool hasResidual = !trace->layers.empty() &&
                             std::all_of(trace->layers.begin(), trace->layers.end(),
                                         [](const model::LayerTrace& layer) { return layer.hasResidual; });
    if (!hasResidual || trace->tokens.isEmpty()) {
        data.message = ResidualTr::tr("This trace has no residual stream (matrix mode computes one attention layer)");
        return data;
    }
    const int tokens = int(trace->tokens.size());
    data.query = selection.query >= 0 && selection.query < tokens ? selection.query : tokens - 1;
    data.token = trace->tokens[data.query];
    for (const model::LayerTrace& layer : trace->layers)
        data.heads = std::max(data.heads, int(layer.heads.size()));
    data.streamNorms << rowNorm(trace->layers.front().residual.input, data.query);
    for (const model::LayerTrace& layer : trace->layers) {
        data.streamNorms << rowNorm(layer.residual.output, data.query);
        QList<double> parts(data.heads + 1, 0.0);
        for (size_t h = 0; h < layer.heads.size(); ++h)
            parts[int(h)] = model::headContributionRow(layer, int(h), data.query).norm();
        parts[data.heads] = rowNorm(layer.residual.mlpOutput, data.query);
        data.bars << parts;
    }
    return data;
}

ResidualLayout residualLayout(const QSizeF& size, const ResidualData& data, const ViewStyle& style, bool withTitle,
                              bool withHints)
{
    ResidualLayout l;
    const double gap = 14.0 * style.fontScale();
    const QFontMetricsF titleFm(style.font(12.5, true)), smallFm(style.font(9)), legendFm(style.font(9));
    const double subtitleHeight =
        smallFm.height() * (subtitleLines(size.width() - 2 * gap, style, withHints).size() + 0.5);
    l.title = QRectF(gap, gap * 0.6, size.width() - 2 * gap, (withTitle ? titleFm.height() * 1.3 : 0.0) + subtitleHeight);
    double legendWidth =
        legendFm.horizontalAdvance(ResidualTr::tr("head %1").arg(QStringLiteral("00"))) + legendFm.height() * 2;
    const QMarginsF axis = axisMargins(style);
    const double left = gap + axis.left();
    const double right = size.width() - gap - legendWidth - gap;
    const double top = l.title.bottom() + smallFm.height() * 1.5; // room for the value labels above points
    const double bottom = size.height() - gap - axis.bottom();
    const double split = top + (bottom - top) * 0.42;
    const int layers = int(data.bars.size());
    const double xMin = -0.35, xMax = layers + 0.35;

    const double streamTop = std::max(1e-9, maxOf(data.streamNorms)) * 1.12;
    l.stream = PlotAxes{QRectF(QPointF(left, top), QPointF(right, split)), xMin, xMax, 0.0, streamTop};
    double barTop = 1e-9;
    for (const QList<double>& parts : data.bars) {
        double total = 0.0;
        for (const double v : parts)
            total += v;
        barTop = std::max(barTop, total);
    }
    l.bars = PlotAxes{QRectF(QPointF(left, split + axis.bottom() + gap), QPointF(right, bottom)), xMin, xMax, 0.0,
                      barTop * 1.08};
    l.legend = QRectF(right + gap, l.bars.area.top(), legendWidth, l.bars.area.height());
    return l;
}

QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer)
{
    if (layer < 0 || layer >= data.bars.size())
        return {};
    double total = 0.0;
    for (const double v : data.bars[layer])
        total += v;
    const double half = 0.3; // in layers: bars fill 60 % of their slot
    return QRectF(QPointF(layout.bars.mapX(layer + 0.5 - half), layout.bars.mapY(total)),
                  QPointF(layout.bars.mapX(layer + 0.5 + half), layout.bars.mapY(0)));
}

QColor residualPartColor(const ResidualData& data, int part, const ViewStyle& style)
{
    if (part >= data.heads)
        return style.theme == Theme::Dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x6b, 0x6b, 0x6b);
    return headColor(part);
}

void paintResidualFigure(QPainter& painter, const QSizeF& size, const ResidualData& data, const ViewStyle& style,
                         bool withTitle, bool withHints)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    if (!data.message.isEmpty()) {
        drawCenteredMessage(painter, QRectF(QPointF(0, 0), size), data.message, style);
        painter.restore();
        return;
    }
    const ResidualLayout l = residualLayout(size, data, style, withTitle, withHints);
    const QFont titleFont = style.font(12.5, true), smallFont = style.font(9);
    const QFontMetricsF titleFm(titleFont), smallFm(smallFont);
    painter.setFont(titleFont);
    painter.setPen(style.foreground());
    const QString title =
        ResidualTr::tr("Residual stream of “%1” (token %2) through %3 layers")
            .arg(QChar(0x2068) + data.token + QChar(0x2069)) // isolated: RTL tokens keep the quotes
            .arg(data.query + 1)
            .arg(data.bars.size());
    if (withTitle)
        painter.drawText(QRectF(l.title.left(), l.title.top(), l.title.width(), titleFm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, titleFm.elidedText(title, Qt::ElideRight, l.title.width()));
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    double y = l.title.top() + (withTitle ? titleFm.height() * 1.3 : 0.0);
    for (const QString& line : subtitleLines(l.title.width(), style, withHints)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }
    paintStream(painter, l, data, style);
    paintBars(painter, l, data, style);
    paintLegend(painter, l, data, style);
    painter.restore();
}

} // namespace attnlab::widgets
