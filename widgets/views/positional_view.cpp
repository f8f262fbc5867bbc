#include "widgets/views/positional_view.h"

#include "model/attention/positional_encoding.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QResizeEvent>

#include <qcustomplot.h>

#include <algorithm>
#include <utility>
#include <cmath>

namespace attnlab::widgets {

namespace {

constexpr int kMinPositions = 50;
constexpr int kDefaultWidth = 64;

// Two fast pairs and the pair at d/2, whose wavelength 2π·100 shows how slowly the last dimensions turn.
QList<int> defaultDimensions(int width)
{
    const int middle = (width / 2) & ~1;
    QList<int> dims{0, 1, 4, 5};
    if (middle > 5)
        dims << middle << middle + 1;
    return dims;
}

void styleAxis(QCPAxis* axis, const ViewStyle& style)
{
    const QPen pen(style.muted(), 1.0 * style.lineScale());
    axis->setBasePen(pen);
    axis->setTickPen(pen);
    axis->setSubTicks(false);
    axis->setTickLengthIn(0);
    axis->setTickLengthOut(int(4 * style.lineScale()));
    axis->setTickLabelColor(style.foreground());
    axis->setLabelColor(style.foreground());
    axis->setTickLabelFont(style.font(9));
    axis->setLabelFont(style.font(9));
    axis->grid()->setVisible(false);
}

} // namespace

PositionalView::PositionalView(QWidget* parent) : TraceView(parent), m_plot(new QCustomPlot(this))
{
    // The plot only shows; clicks and wheel go to the view (nothing to select in a closed form).
    m_plot->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_plot->setAntialiasedElements(QCP::aeAll);
    m_plot->axisRect()->setAutoMargins(QCP::msNone);
    rebuildData();
    updatePlot();
}

void PositionalView::setDimensions(const QList<int>& dimensions)
{
    m_requestedDimensions = dimensions;
    refresh();
}

void PositionalView::rebuildData()
{
    const model::Trace* t = trace();
    const model::RopeSpec rope = t ? t->rope : model::RopeSpec{};
    const int width = rope.dims > 0                            ? rope.dims
                      : t && t->embeddings.cols() > 0 ? int(t->embeddings.cols())
                                                      : kDefaultWidth;
    const int tokens = t ? int(t->tokens.size()) : 0;
    const int positions = std::max(tokens, kMinPositions);
    m_data.tokens = tokens;
    if (width != m_data.width || positions != m_data.positions || rope != m_data.rope || m_data.sinusoidal.size() == 0) {
        m_data.width = width;
        m_data.positions = positions;
        m_data.rope = rope;
        // The model's closed forms; the widget only measures them (norms, cosines) for display. RoPE's cos and
        // sin of p·θ_i are the sinusoidal encoding with the checkpoint's θ_i.
        m_data.frequencies.assign(size_t(width / 2), 0.0);
        for (int i = 0; i < width / 2; ++i)
            m_data.frequencies[size_t(i)] = rope.dims > 0 ? model::ropeFrequency(i, width, rope.base, rope.scaling)
                                                          : model::ropeFrequency(i, width, 10000.0);
        if (rope.dims > 0) {
            m_data.sinusoidal.resize(positions, width);
            for (int p = 0; p < positions; ++p)
                for (int i = 0; i < width / 2; ++i) {
                    m_data.sinusoidal(p, 2 * i) = std::sin(p * m_data.frequencies[size_t(i)]);
                    m_data.sinusoidal(p, 2 * i + 1) = std::cos(p * m_data.frequencies[size_t(i)]);
                }
        } else {
            m_data.sinusoidal = model::sinusoidalEncoding(positions, width);
        }
        m_data.sinusoidalNorms = m_data.sinusoidal.rowwise().norm();
        const model::Matrix unit = m_data.sinusoidal.array().colwise() / m_data.sinusoidalNorms.array().max(1e-12);
        m_data.similarity.noalias() = unit * unit.transpose();
        m_data.naiveNorms = model::naiveEncoding(positions, width).rowwise().norm();
    }
    m_data.dimensions.clear();
    for (const int dim : m_requestedDimensions.isEmpty() ? defaultDimensions(width) : m_requestedDimensions)
        if (dim >= 0 && dim < width && !m_data.dimensions.contains(dim))
            m_data.dimensions << dim;
}

PlotAxes PositionalView::waveAxes(const QSizeF& figure) const
{
    return positionalLayout(figure, m_data, viewStyle()).waveAxes;
}

QPointF PositionalView::curvePoint(int dimension, int position, const QSizeF& figure) const
{
    const int index = int(m_data.dimensions.indexOf(dimension));
    if (index < 0 || position < 0 || position >= m_data.positions)
        return {};
    return wavePolyline(m_data, index, waveAxes(figure)).value(position);
}

void PositionalView::paintFigure(QPainter& painter, const QSizeF& size) const
{
    paintPositionalFigure(painter, size, m_data, viewStyle(), true, figureParts().title);
}

void PositionalView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // Panel (a)'s plotting area belongs to the QCustomPlot child on screen.
    paintPositionalFigure(painter, QSizeF(size()), m_data, viewStyle(), false);
}

void PositionalView::resizeEvent(QResizeEvent* event)
{
    TraceView::resizeEvent(event);
    updatePlot();
}

void PositionalView::refresh()
{
    rebuildData();
    // A new selection or a trace of the same length and width changes nothing in the plot (the closed form
    // depends on neither), and rebuilding it costs tens of milliseconds.
    const PlotKey key{m_data.width, m_data.positions, m_data.tokens, m_data.rope, m_data.dimensions,
                      viewStyle().theme, viewStyle().fontScale(), viewStyle().lineScale()};
    if (key != m_plotted) {
        m_plotted = key;
        updatePlot();
    }
    update();
}

void PositionalView::updatePlot()
{
    const ViewStyle& style = viewStyle();
    const PositionalLayout l = positionalLayout(QSizeF(size()), m_data, style);
    // The plot covers panel (a) below its title; its axis rectangle is placed exactly where the exported
    // figure draws the axes, and the legend where the exported legend goes, so that both look alike.
    const double titleHeight = QFontMetricsF(style.font(10.5, true)).height() * 1.3;
    const QRect frame = QRectF(l.waves.left(), l.waves.top() + titleHeight, l.waves.width(),
                               l.waves.height() - titleHeight).toAlignedRect();
    m_plot->setGeometry(frame);
    // A hidden widget gets its resize event only when shown; the plot lays itself out in its viewport.
    m_plot->setViewport(QRect(QPoint(0, 0), frame.size()));
    const QRectF area = l.waveAxes.area.translated(-frame.topLeft());
    m_plot->axisRect()->setMargins(QMargins(int(area.left()), int(area.top()), int(frame.width() - area.right()),
                                            int(frame.height() - area.bottom())));

    m_plot->clearGraphs();
    m_plot->clearItems();
    m_plot->setBackground(style.background());
    styleAxis(m_plot->xAxis, style);
    styleAxis(m_plot->yAxis, style);
    m_plot->xAxis->setLabel(tr("position p"));
    m_plot->yAxis->setLabel(QStringLiteral("PE[p, dim]"));
    m_plot->xAxis->setRange(0, std::max(1, m_data.positions - 1));
    m_plot->yAxis->setRange(-kWaveLimit, kWaveLimit);
    // The same ticks and labels (true minus signs) as the exported figure.
    auto xTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (const double x : waveTicks(m_data, l.waveAxes, style))
        xTicker->addTick(x, tickText(x));
    m_plot->xAxis->setTicker(xTicker);
    auto yTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (const double y : {-1.0, -0.5, 0.0, 0.5, 1.0})
        yTicker->addTick(y, tickText(y));
    m_plot->yAxis->setTicker(yTicker);

    if (m_data.tokens > 0) {
        QColor fill = accentColor(style);
        fill.setAlphaF(0.10f);
        auto* band = new QCPItemRect(m_plot);
        band->topLeft->setCoords(0, kWaveLimit);
        band->bottomRight->setCoords(std::min<double>(m_data.tokens - 1 + 0.4, m_data.positions - 1), -kWaveLimit);
        band->setPen(Qt::NoPen);
        band->setBrush(fill);
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(0, -kWaveLimit);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(4, 0, 0, 2));
        label->setFont(style.font(8.5));
        label->setColor(accentColor(style));
        label->setText(m_data.tokens == 1 ? tr("your token") : tr("your %1 tokens").arg(m_data.tokens));
    }
    auto* zero = new QCPItemStraightLine(m_plot);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(style.muted(), 0.6, Qt::DotLine));

    QVector<double> x(m_data.positions);
    for (int p = 0; p < m_data.positions; ++p)
        x[p] = p;
    for (int i = 0; i < m_data.dimensions.size(); ++i) {
        const int dim = m_data.dimensions[i];
        const QPen pen = wavePen(m_data, dim, style);
        // The continuous wave, faint (the legend's entry), and the encoding's values at the integer positions
        // as dots, as the exported figure draws them.
        QVector<double> cx, cy;
        for (const QPointF& point : waveCurve(m_data, i)) {
            cx << point.x();
            cy << point.y();
        }
        QCPGraph* curve = m_plot->addGraph();
        curve->setPen(faintWavePen(m_data, dim, style));
        curve->setName(waveLabel(m_data, dim));
        curve->setData(cx, cy, true);
        QVector<double> y(m_data.positions);
        for (int p = 0; p < m_data.positions; ++p)
            y[p] = m_data.sinusoidal(p, dim);
        QCPGraph* dots = m_plot->addGraph();
        dots->setLineStyle(QCPGraph::lsNone);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, pen.color(), pen.color(), 3.6 * style.lineScale()));
        dots->setData(x, y, true);
        dots->removeFromLegend();
    }

    QCPLegend* legend = m_plot->legend;
    legend->setVisible(true);
    legend->setFont(style.font(8.5));
    legend->setTextColor(style.foreground());
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setIconSize(22, int(QFontMetricsF(style.font(8.5)).height()));
    const double lineHeight = QFontMetricsF(style.font(8.5)).height();
    legend->setRowSpacing(int(lineHeight * 0.35));
    legend->setMargins(QMargins(0, 0, 0, 0));
    // Legend right of the axis rectangle: a free inset placed in the axis rectangle's own fractions.
    QCPLayoutInset* inset = m_plot->axisRect()->insetLayout();
    inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
    const QRectF& plotArea = l.waveAxes.area;
    const double legendHeight = std::min(plotArea.height(), m_data.dimensions.size() * lineHeight * 1.35);
    inset->setInsetRect(0, QRectF((l.waveLegend.left() - plotArea.left()) / plotArea.width(), 0,
                                  l.waveLegend.width() / plotArea.width(), legendHeight / plotArea.height()));
    // Drawing the plot takes tens of milliseconds: a view in a hidden tab draws it when it is shown.
    m_replotPending = !isVisible();
    if (!m_replotPending) m_plot->replot();
}

void PositionalView::showEvent(QShowEvent* event)
{
    TraceView::showEvent(event);
    if (std::exchange(m_replotPending, false)) m_plot->replot();
}

} // namespace attnlab::widgets

#include "moc_positional_view.cpp"
