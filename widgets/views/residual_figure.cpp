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

QString normText(double value)
{
    return model::formatDecimal(value, 3);
}

double maxOf(const QList<double>& values)
{
    return values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

const model::ResidualStep& stepOf(const model::LayerResidualSteps& layer, Sublayer sublayer)
{
    return sublayer == Sublayer::Attention ? layer.attention : layer.mlp;
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
    const int layers = int(data.steps.size());
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
    const int layers = int(data.steps.size());
    QList<double> ticks;
    QStringList labels;
    for (int i = 0; i < layers; ++i) {
        ticks << i + 0.5;
        labels << (layers > 8 ? QString::number(i + 1) : ResidualTr::tr("layer %1").arg(i + 1));
    }
    drawAxes(painter, l.bars, style, QString(), ResidualTr::tr("‖Δ‖ added"), ticks, {}, labels);
    painter.save();
    const QFont font = style.font(8);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    for (int layer = 0; layer < layers; ++layer) {
        for (const Sublayer sublayer : {Sublayer::Attention, Sublayer::Mlp}) {
            const QRectF bar = residualBarRect(l, data, layer, sublayer);
            painter.fillRect(bar, residualSublayerColor(sublayer, style));
            // The cosine over the bar, long, short or not at all as the room allows (the tooltip has it too).
            const double cosine = stepOf(data.steps[layer], sublayer).cosine;
            const double room = (l.bars.mapX(1) - l.bars.mapX(0)) / 2;
            QString text = residualCosineText(cosine, false);
            if (fm.horizontalAdvance(text) > room) text = residualCosineText(cosine, true);
            if (fm.horizontalAdvance(text) > room) continue;
            painter.setPen(style.foreground());
            painter.drawText(QRectF(bar.center().x() - room / 2, bar.top() - fm.height() * 1.1, room, fm.height()),
                             Qt::AlignHCenter | Qt::AlignBottom | Qt::TextDontClip, leftToRight(text));
        }
    }
    painter.restore();
}

void paintLegend(QPainter& painter, const ResidualLayout& l, const ViewStyle& style)
{
    painter.save();
    const QFont font = style.font(9);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    double y = l.legend.top();
    const double swatch = fm.height() * 0.8;
    for (const Sublayer sublayer : {Sublayer::Attention, Sublayer::Mlp}) {
        painter.fillRect(QRectF(l.legend.left(), y + (fm.height() - swatch) / 2, swatch, swatch),
                         residualSublayerColor(sublayer, style));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.legend.left() + swatch + 6, y, l.legend.width() - swatch - 6, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         sublayer == Sublayer::Attention ? ResidualTr::tr("attention") : ResidualTr::tr("MLP"));
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
    const std::vector<model::LayerResidualSteps> steps = model::residualSteps(*trace, data.query);
    if (steps.empty()) {
        data.message = ResidualTr::tr("This trace has no residual stream (matrix mode computes one attention layer)");
        return data;
    }
    data.streamNorms << steps.front().attention.before;
    for (const model::LayerResidualSteps& layer : steps) {
        data.streamNorms << layer.mlp.after;
        data.steps << layer;
        data.postNorm |= !layer.attention.addedAsIs || !layer.mlp.addedAsIs;
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
        smallFm.height() * (residualSubtitleLines(data, size.width() - 2 * gap, style, withHints).size() + 0.5);
    l.title = QRectF(gap, gap * 0.6, size.width() - 2 * gap, (withTitle ? titleFm.height() * 1.3 : 0.0) + subtitleHeight);
    const double legendWidth = std::max(legendFm.horizontalAdvance(ResidualTr::tr("attention")),
                                        legendFm.horizontalAdvance(ResidualTr::tr("MLP"))) +
                               legendFm.height() * 2;
    const QMarginsF axis = axisMargins(style);
    const double left = gap + axis.left();
    const double right = size.width() - gap - legendWidth - gap;
    const double top = l.title.bottom() + smallFm.height() * 1.5; // room for the value labels above points
    const double bottom = size.height() - gap - axis.bottom();
    const double split = top + (bottom - top) * 0.42;
    const int layers = int(data.steps.size());
    const double xMin = -0.35, xMax = layers + 0.35;

    const double streamTop = std::max(1e-9, maxOf(data.streamNorms)) * 1.12;
    l.stream = PlotAxes{QRectF(QPointF(left, top), QPointF(right, split)), xMin, xMax, 0.0, streamTop};
    double barTop = 1e-9;
    for (const model::LayerResidualSteps& layer : data.steps)
        barTop = std::max({barTop, layer.attention.delta, layer.mlp.delta});
    l.bars = PlotAxes{QRectF(QPointF(left, split + axis.bottom() + gap), QPointF(right, bottom)), xMin, xMax, 0.0,
                      barTop * 1.15}; // room for the cosines over the bars
    l.legend = QRectF(right + gap, l.bars.area.top(), legendWidth, l.bars.area.height());
    return l;
}

QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer, Sublayer sublayer)
{
    if (layer < 0 || layer >= data.steps.size())
        return {};
    // In layers: the pair fills 64 % of its slot, attention left of the centre, the MLP right of it.
    const double centre = layer + 0.5, inner = 0.02, outer = 0.32;
    const double left = sublayer == Sublayer::Attention ? centre - outer : centre + inner;
    const double right = sublayer == Sublayer::Attention ? centre - inner : centre + outer;
    return QRectF(QPointF(layout.bars.mapX(left), layout.bars.mapY(stepOf(data.steps[layer], sublayer).delta)),
                  QPointF(layout.bars.mapX(right), layout.bars.mapY(0)));
}

QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer)
{
    return residualBarRect(layout, data, layer, Sublayer::Attention)
        .united(residualBarRect(layout, data, layer, Sublayer::Mlp));
}

QColor residualSublayerColor(Sublayer sublayer, const ViewStyle& style)
{
    const bool dark = style.theme == Theme::Dark;
    if (sublayer == Sublayer::Mlp)
        return dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x6b, 0x6b, 0x6b);
    return dark ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x72, 0xb2); // Okabe–Ito blues
}

QString residualCosineText(double cosine, bool short_)
{
    QString number = QString::number(cosine, 'f', 2);
    if (number == QLatin1String("-0.00")) number = QStringLiteral("0.00");
    number.replace(QLatin1Char('-'), QChar(0x2212));
    return short_ ? number : ResidualTr::tr("cos %1").arg(number);
}

QStringList residualSubtitleLines(const ResidualData& data, double width, const ViewStyle& style, bool withHints)
{
    QStringList parts{
        ResidualTr::tr("line: length ‖x‖ of the stream entering layer 1 and after each layer"),
        ResidualTr::tr("bars: length ‖Δ‖ of what attention and the MLP add to the stream (lengths do not add up)"),
        ResidualTr::tr("over a bar: cos(Δ, x), 1 = along the stream, 0 = across it, −1 = against it")};
    if (data.postNorm)
        parts << ResidualTr::tr("post-norm: the stream is normalised after each addition, so it is not x + Δ");
    if (withHints) // the screen's; an exported figure has no mouse
        parts << ResidualTr::tr("click a bar to open its layer");
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
            .arg(data.steps.size());
    if (withTitle)
        painter.drawText(QRectF(l.title.left(), l.title.top(), l.title.width(), titleFm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, titleFm.elidedText(title, Qt::ElideRight, l.title.width()));
    painter.setFont(smallFont);
    painter.setPen(style.muted());
    double y = l.title.top() + (withTitle ? titleFm.height() * 1.3 : 0.0);
    for (const QString& line : residualSubtitleLines(data, l.title.width(), style, withHints)) {
        painter.drawText(QRectF(l.title.left(), y, l.title.width(), smallFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         smallFm.elidedText(line, Qt::ElideRight, l.title.width()));
        y += smallFm.height();
    }
    paintStream(painter, l, data, style);
    paintBars(painter, l, data, style);
    paintLegend(painter, l, style);
    painter.restore();
}

} // namespace attnlab::widgets
