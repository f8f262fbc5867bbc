#include "widgets/views/positional_figure.h"

#include "widgets/drawing/left_to_right.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in PositionalView's context, though these functions belong to no
// QObject.
struct PositionalTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::PositionalView)
};

double gapOf(const ViewStyle& style)
{
    return 14.0 * style.fontScale();
}

double panelTitleHeight(const ViewStyle& style)
{
    return QFontMetricsF(style.font(10.5, true)).height() * 1.3;
}

// Room right of a heatmap for its colour bar and tick labels.
double colorBarRoom(const ViewStyle& style)
{
    return QFontMetricsF(style.font(8)).horizontalAdvance(QStringLiteral("\u22120.55")) + 28.0 * style.fontScale();
}

// The plotting area of a panel: below its title, inside the axis labels, minus `right` on the right.
QRectF plotArea(const QRectF& panel, const ViewStyle& style, double right)
{
    const QMarginsF axis = axisMargins(style);
    return QRectF(panel.left() + axis.left(), panel.top() + panelTitleHeight(style) + 4,
                  panel.width() - axis.left() - right, panel.height() - panelTitleHeight(style) - 4 - axis.bottom());
}

// Cells of matrix m (rows = positions from the top, columns left to right) as filled rectangles.
template <typename ColorOf>
void paintCells(QPainter& painter, const model::Matrix& m, const PlotAxes& axes, ColorOf colorOf)
{
    painter.save();
    // Without antialiasing adjacent cells meet exactly instead of showing hairline seams.
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const QPointF a = axes.map(double(c) - 0.5, double(r) - 0.5);
            const QPointF b = axes.map(double(c) + 0.5, double(r) + 0.5);
            painter.setBrush(colorOf(m(r, c)));
            painter.drawRect(QRectF(a, b).normalized());
        }
    painter.restore();
}

// The token positions 0 … T−1 as a bracket left of a heatmap's rows.
void markTokenRows(QPainter& painter, const PlotAxes& axes, int tokens, const ViewStyle& style)
{
    if (tokens <= 0)
        return;
    const double x = axes.area.left() - 3.0;
    painter.save();
    painter.setPen(QPen(accentColor(style), 3.0 * style.lineScale(), Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(QPointF(x, axes.mapY(-0.5)), QPointF(x, axes.mapY(tokens - 0.5)));
    painter.restore();
}

// Panel (a)'s formula: the sinusoidal encoding, or the checkpoint's RoPE with its base, size and scaling.
QString wavesTitle(const PositionalData& data)
{
    const model::RopeSpec& rope = data.rope;
    if (rope.dims <= 0)
        return leftToRight(QStringLiteral("(a) Sinusoidal encoding: PE[p, 2i] = sin(p / 10000^(2i/d)), "
                                          "PE[p, 2i+1] = cos(p / 10000^(2i/d)), d = %1")
                               .arg(data.width));
    QString scaling;
    using Type = model::RopeScaling::Type;
    if (rope.scaling.type == Type::Llama3)
        scaling = PositionalTr::tr(", llama3 scaling: slow pairs ÷ %1").arg(rope.scaling.factor, 0, 'g', 6);
    else if (rope.scaling.type == Type::Linear)
        scaling = PositionalTr::tr(", linear scaling: every θ_i ÷ %1").arg(rope.scaling.factor, 0, 'g', 6);
    QString local;
    if (rope.localBase > 0.0)
        local = PositionalTr::tr("; sliding layers: base %1, unscaled").arg(rope.localBase, 0, 'g', 10);
    return PositionalTr::tr("(a) RoPE: pair i of a head turns by p·θ_i, θ_i = %1^(−2i/%2)%3%4; cos and sin of p·θ_i")
        .arg(rope.base, 0, 'g', 10)
        .arg(data.width)
        .arg(scaling, local);
}

void paintWaves(QPainter& painter, const PositionalLayout& l, const PositionalData& data, const ViewStyle& style,
                bool withPlot)
{
    drawPanelTitle(painter, l.waves, wavesTitle(data), style);
    if (!withPlot)
        return;
    const PlotAxes& axes = l.waveAxes;
    painter.save();
    if (data.tokens > 0) {
        // The positions the sentence occupies, so that the class sees which part of the waves it uses.
        const double right = std::min(axes.mapX(data.tokens - 1 + 0.4), axes.area.right());
        QRectF band(QPointF(axes.area.left(), axes.area.top()), QPointF(right, axes.area.bottom()));
        QColor fill = accentColor(style);
        fill.setAlphaF(0.10f);
        painter.fillRect(band, fill);
        painter.setFont(style.font(8.5));
        painter.setPen(accentColor(style));
        painter.drawText(band.adjusted(4, 0, 200, -2), Qt::AlignLeft | Qt::AlignBottom,
                         data.tokens == 1 ? PositionalTr::tr("your token") : PositionalTr::tr("your %1 tokens").arg(data.tokens));
    }
    painter.setPen(QPen(style.muted(), 0.6, Qt::DotLine));
    painter.drawLine(QPointF(axes.area.left(), axes.mapY(0)), QPointF(axes.area.right(), axes.mapY(0)));
    drawAxes(painter, axes, style, PositionalTr::tr("position p"), leftToRight(QStringLiteral("PE[p, dim]")),
             waveTicks(data, axes, style), {-1.0, -0.5, 0.0, 0.5, 1.0});
    painter.setClipRect(axes.area.adjusted(-4, -4, 4, 4));
    for (int i = 0; i < data.dimensions.size(); ++i) {
        const QPen pen = wavePen(data, data.dimensions[i], style);
        // The continuous wave faintly, the encoding itself as dots at the integer positions: joining the dots
        // with straight lines drew the fast dimensions as noise.
        painter.setPen(faintWavePen(data, data.dimensions[i], style));
        painter.setBrush(Qt::NoBrush);
        QPolygonF curve;
        for (const QPointF& point : waveCurve(data, i))
            curve << axes.map(point.x(), point.y());
        painter.drawPolyline(curve);
        const QPolygonF line = wavePolyline(data, i, axes);
        // A dot at every integer position: positions are discrete.
        painter.setPen(Qt::NoPen);
        painter.setBrush(pen.color());
        const double r = 1.8 * style.lineScale();
        for (const QPointF& p : line)
            painter.drawEllipse(p, r, r);
    }
    painter.setClipping(false);
    // The legend, one entry per dimension, right of the plot.
    const QFont font = style.font(8.5);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    double y = l.waveLegend.top();
    for (const int dim : data.dimensions) {
        const QPen pen = wavePen(data, dim, style);
        painter.setPen(pen);
        painter.drawLine(QPointF(l.waveLegend.left(), y + fm.height() / 2),
                         QPointF(l.waveLegend.left() + 22, y + fm.height() / 2));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(l.waveLegend.left() + 28, y, l.waveLegend.width() - 28, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, waveLabel(data, dim));
        y += fm.height() * 1.35;
    }
    painter.restore();
}

void paintHeatmap(QPainter& painter, const PositionalLayout& l, const PositionalData& data, const ViewStyle& style)
{
    drawPanelTitle(painter, l.heatmap,
                   data.rope.dims > 0 ? PositionalTr::tr("(b) sin, cos of p·θ_i: position × feature")
                                      : PositionalTr::tr("(b) PE: position × dimension"),
                   style);
    const QRectF area = plotArea(l.heatmap, style, colorBarRoom(style));
    const PlotAxes axes{area, -0.5, data.width - 0.5, data.positions - 0.5, -0.5};
    paintCells(painter, data.sinusoidal, axes, [&](double v) { return style.signedColorAt(0.5 + 0.5 * v); });
    drawAxes(painter, axes, style, PositionalTr::tr("dimension"), PositionalTr::tr("position"));
    markTokenRows(painter, axes, data.tokens, style);
    drawColorBar(painter, QRectF(area.right() + 8, area.top() + 16, 10, area.height() - 16), style.signedMapShown(), -1, 1,
                 style);
}

void paintSimilarity(QPainter& painter, const PositionalLayout& l, const PositionalData& data, const ViewStyle& style)
{
    drawPanelTitle(painter, l.similarity, PositionalTr::tr("(c) Position similarity (cos)"), style);
    QRectF area = plotArea(l.similarity, style, colorBarRoom(style));
    // Square cells: a position compared with itself lies on the diagonal.
    const double side = std::min(area.width(), area.height());
    area = QRectF(area.left(), area.top(), side, side);
    const PlotAxes axes{area, -0.5, data.positions - 0.5, data.positions - 0.5, -0.5};
    const double lo = std::min(0.0, data.similarity.size() > 0 ? data.similarity.minCoeff() : 0.0);
    paintCells(painter, data.similarity, axes, [&](double v) { return colorAt(style.weightMap, (v - lo) / (1.0 - lo)); });
    drawAxes(painter, axes, style, PositionalTr::tr("position"), PositionalTr::tr("position"));
    markTokenRows(painter, axes, data.tokens, style);
    drawColorBar(painter, QRectF(area.right() + 8, area.top() + 16, 10, area.height() - 16), style.weightMap, lo, 1.0,
                 style, QStringLiteral("cos"));
}

void paintNaive(QPainter& painter, const PositionalLayout& l, const PositionalData& data, const ViewStyle& style)
{
    drawPanelTitle(painter, l.naive, PositionalTr::tr("(d) Naive PE[p] = (p, p, …, p)"), style);
    const QRectF area = plotArea(l.naive, style, 8);
    const double top = std::max(1.0, data.naiveNorms.size() > 0 ? data.naiveNorms.maxCoeff() : 1.0) * 1.05;
    const PlotAxes axes{area, 0, double(data.positions - 1), 0, top};
    drawAxes(painter, axes, style, PositionalTr::tr("position p"), QStringLiteral("‖PE[p]‖"));
    const QColor naiveColor = accentColor(style);
    const QColor sinColor = style.theme == Theme::Dark ? headColor(0).lighter(140) : headColor(0);
    const auto line = [&](const model::Vector& values, const QColor& color) {
        QPolygonF points;
        for (Eigen::Index p = 0; p < values.size(); ++p)
            points << axes.map(double(p), values(p));
        painter.setPen(QPen(color, 2.0 * style.lineScale(), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(points);
    };
    painter.save();
    line(data.naiveNorms, naiveColor);
    line(data.sinusoidalNorms, sinColor);
    const QFont font = style.font(8.5);
    const QFontMetricsF fm(font);
    painter.setFont(font);
    const QStringList labels{PositionalTr::tr("naive: p·√%1").arg(data.width),
                             data.rope.dims > 0 ? PositionalTr::tr("RoPE: norms unchanged at every p")
                                                : PositionalTr::tr("sinusoidal: √%1 at every p").arg(data.width / 2)};
    const QList<QColor> colors{naiveColor, sinColor};
    // Bottom right: the empty triangle between the rising naive line and the flat sinusoidal one.
    double legendWidth = 0.0;
    for (const QString& label : labels)
        legendWidth = std::min(area.width() - 8, std::max(legendWidth, fm.horizontalAdvance(label) + 34));
    const double legendTop = area.bottom() - area.height() * 0.1 - 2 * fm.height() * 1.35;
    QColor box = style.background();
    box.setAlphaF(0.85f);
    painter.fillRect(QRectF(area.right() - legendWidth - 4, legendTop - 2, legendWidth + 4, 2 * fm.height() * 1.35 + 2), box);
    for (int i = 0; i < 2; ++i) {
        const double y = legendTop + i * fm.height() * 1.35;
        const double x = area.right() - legendWidth;
        painter.setPen(QPen(colors[i], 2.0 * style.lineScale()));
        painter.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 20, y + fm.height() / 2));
        painter.setPen(style.foreground());
        painter.drawText(QRectF(x + 26, y, legendWidth - 26, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(labels[i], Qt::ElideRight, legendWidth - 26));
    }
    painter.restore();
}

} // namespace

PositionalLayout positionalLayout(const QSizeF& size, const PositionalData& data, const ViewStyle& style,
                                  bool withTitle)
{
    PositionalLayout l;
    const double gap = gapOf(style);
    const double titleHeight = withTitle ? QFontMetricsF(style.font(12.5, true)).height() * 1.5 : 0.0;
    l.title = QRectF(gap, gap * 0.6, size.width() - 2 * gap, titleHeight);
    const double top = withTitle ? l.title.bottom() + gap * 0.3 : gap * 0.6;
    const double height = size.height() - top - gap;
    const double width = size.width() - 2 * gap;
    l.waves = QRectF(gap, top, width, height * 0.46);

    const QFontMetricsF legendFm(style.font(8.5));
    double legendWidth = 0.0;
    for (const int dim : data.dimensions)
        legendWidth = std::max(legendWidth, legendFm.horizontalAdvance(waveLabel(data, dim)));
    legendWidth += 40.0;
    l.waveAxes = PlotAxes{plotArea(l.waves, style, legendWidth + 8), 0.0, double(std::max(1, data.positions - 1)),
                          -kWaveLimit, kWaveLimit};
    l.waveLegend = QRectF(l.waveAxes.area.right() + 16, l.waveAxes.area.top(), legendWidth, l.waveAxes.area.height());

    const double bottomTop = l.waves.bottom() + gap;
    const double bottomHeight = size.height() - gap - bottomTop;
    const double inner = width - 2 * gap;
    l.heatmap = QRectF(gap, bottomTop, inner * 0.34, bottomHeight);
    l.similarity = QRectF(l.heatmap.right() + gap, bottomTop, inner * 0.31, bottomHeight);
    l.naive = QRectF(l.similarity.right() + gap, bottomTop, inner * 0.35, bottomHeight);
    return l;
}

QPen faintWavePen(const PositionalData& data, int dimension, const ViewStyle& style)
{
    QPen pen = wavePen(data, dimension, style);
    QColor colour = pen.color();
    colour.setAlphaF(0.4f);
    pen.setColor(colour);
    return pen;
}

double waveValue(const PositionalData& data, double p, int dimension)
{
    const double theta = data.frequencies.at(size_t(dimension / 2));
    return dimension % 2 == 0 ? std::sin(p * theta) : std::cos(p * theta);
}

QVector<QPointF> waveCurve(const PositionalData& data, int index)
{
    QVector<QPointF> curve;
    const int dim = data.dimensions.value(index, -1);
    if (dim < 0 || dim / 2 >= int(data.frequencies.size()) || data.positions < 1)
        return curve;
    const int samples = (data.positions - 1) * kWaveSamplesPerPosition;
    curve.reserve(samples + 1);
    for (int s = 0; s <= samples; ++s) {
        const double p = double(s) / kWaveSamplesPerPosition;
        curve << QPointF(p, waveValue(data, p, dim));
    }
    return curve;
}

QPolygonF wavePolyline(const PositionalData& data, int index, const PlotAxes& axes)
{
    QPolygonF line;
    const int dim = data.dimensions.value(index, -1);
    if (dim < 0 || dim >= data.sinusoidal.cols())
        return line;
    for (Eigen::Index p = 0; p < data.sinusoidal.rows(); ++p)
        line << axes.map(double(p), data.sinusoidal(p, dim));
    return line;
}

QList<double> waveTicks(const PositionalData& data, const PlotAxes& axes, const ViewStyle& style)
{
    const double em = QFontMetricsF(style.font(9)).height();
    return niceTicks(0.0, double(std::max(1, data.positions - 1)), std::max(2, int(axes.area.width() / (em * 5))));
}

QString waveLabel(const PositionalData& data, int dimension)
{
    // The wavelength 2π/θ_i of pair i: the legend says how slowly each dimension turns.
    const size_t pair = size_t(dimension / 2);
    const double theta = pair < data.frequencies.size() ? data.frequencies[pair]
                                                       : std::pow(10000.0, -2.0 * double(pair) / double(data.width));
    const double wavelength = 2.0 * std::numbers::pi / theta;
    const QString lambda = wavelength < 100 ? QString::number(wavelength, 'f', 1) : QString::number(wavelength, 'f', 0);
    return PositionalTr::tr("dim %1 · %2 · λ ≈ %3")
        .arg(dimension)
        .arg(dimension % 2 == 0 ? QStringLiteral("sin") : QStringLiteral("cos"), lambda);
}

QPen wavePen(const PositionalData& data, int dimension, const ViewStyle& style)
{
    // The sin and cos of one frequency share a colour; the cos is dashed. Colours follow the order of the
    // pairs drawn, skipping the palette's yellow, which vanishes on white.
    QList<int> pairs;
    for (const int d : data.dimensions)
        if (!pairs.contains(d / 2))
            pairs << d / 2;
    std::sort(pairs.begin(), pairs.end());
    const int rank = std::max(0, int(pairs.indexOf(dimension / 2)));
    QColor color = headColor(rank < 6 ? rank : rank + 1);
    if (style.theme == Theme::Dark)
        color = color.lighter(140); // the palette's blues sink into a dark background
    QPen pen(color, 1.6 * style.lineScale(), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (dimension % 2 == 1)
        pen.setDashPattern({4.0, 2.5});
    return pen;
}

void paintPositionalFigure(QPainter& painter, const QSizeF& size, const PositionalData& data, const ViewStyle& style,
                           bool withWaves, bool withTitle)
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    const PositionalLayout l = positionalLayout(size, data, style, withTitle);
    painter.setFont(style.font(12.5, true));
    painter.setPen(style.foreground());
    const QString title =
        (data.rope.dims > 0 ? PositionalTr::tr("Rotary positions (RoPE) · %1 features per head · positions 0 … %2%3")
                            : PositionalTr::tr("Positional encodings · d = %1 · positions 0 … %2%3"))
            .arg(data.width)
            .arg(data.positions - 1)
            .arg(data.tokens > 0 ? PositionalTr::tr(" · the sentence's %1 positions marked").arg(data.tokens)
                                 : QString());
    if (withTitle)
        painter.drawText(l.title, Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(painter.font()).elidedText(title, Qt::ElideRight, l.title.width()));
    paintWaves(painter, l, data, style, withWaves);
    paintHeatmap(painter, l, data, style);
    paintSimilarity(painter, l, data, style);
    paintNaive(painter, l, data, style);
    painter.restore();
}

} // namespace attnlab::widgets
