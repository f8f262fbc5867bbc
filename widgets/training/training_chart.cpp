#include "widgets/training/training_chart.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace attnlab::widgets {

namespace {

void styleAxis(QCPAxis* axis, const ViewStyle& style)
{
    const QPen pen(style.muted(), 1.0 * style.lineScale());
    axis->setBasePen(pen);
    axis->setTickPen(pen);
    axis->setSubTickPen(pen);
    axis->setTickLengthIn(0);
    axis->setTickLengthOut(int(4 * style.lineScale()));
    axis->setSubTickLengthIn(0);
    axis->setSubTickLengthOut(int(2 * style.lineScale()));
    axis->setTickLabelColor(style.foreground());
    axis->setLabelColor(style.foreground());
    axis->setTickLabelFont(style.font(8.5));
    axis->setLabelFont(style.font(8.5));
    QColor grid = style.muted();
    grid.setAlpha(60);
    axis->grid()->setPen(QPen(grid, 1.0, Qt::DotLine));
}

} // namespace

QColor seriesColor(int i, Theme theme)
{
    // Tableau 10, which stays apart for the colour-blind in its first hues; the dark theme lifts each a little.
    static const QRgb hues[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    QColor c = QColor::fromRgb(hues[i % 10]);
    if (i >= 10) c = c.lighter(100 + 25 * ((i / 10) % 3));
    return theme == Theme::Dark ? c.lighter(115) : c;
}

TrainingChart::TrainingChart(const QString& title, const QString& yTitle, QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_title(title), m_yTitle(yTitle)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setAntialiasedElements(QCP::aeAll);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, title));
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(yTitle);
    m_plot->legend->setVisible(false);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_marker = new QCPItemStraightLine(m_plot);
    m_marker->setVisible(false);
    m_style.theme = palette().color(QPalette::Window).lightness() < 128 ? Theme::Dark : Theme::Light;
    applyStyle();
    rescale();
}

int TrainingChart::addSeries(const QString& name, const QColor& color, bool dashed, bool inLegend)
{
    QCPGraph* graph = m_plot->addGraph();
    graph->setName(name);
    if (!inLegend) graph->removeFromLegend();
    m_series << graph;
    m_points << QList<QPointF>();
    m_highlighted << false;
    m_dashed << dashed;
    m_colors << color;
    int named = 0;
    for (QCPGraph* g : m_series)
        named += m_plot->legend->hasItemWithPlottable(g);
    m_plot->legend->setVisible(named > 0);
    applyStyle();
    return int(m_series.size() - 1);
}

void TrainingChart::clearSeries()
{
    m_plot->clearGraphs();
    m_series.clear();
    m_points.clear();
    m_highlighted.clear();
    m_dashed.clear();
    m_colors.clear();
    m_plot->legend->setVisible(false);
}

int TrainingChart::seriesCount() const
{
    return int(m_series.size());
}

void TrainingChart::addPoint(int series, double step, double value)
{
    if (series < 0 || series >= m_series.size() || !std::isfinite(value)) return;
    m_points[series] << QPointF(step, value);
    m_series[series]->addData(std::max(step, 1.0), value);
}

void TrainingChart::setHighlighted(int series, bool highlighted)
{
    if (series < 0 || series >= m_series.size() || m_highlighted[series] == highlighted) return;
    m_highlighted[series] = highlighted;
    applyStyle();
}

void TrainingChart::setValueRange(double lo, double hi)
{
    m_lo = lo;
    m_hi = hi;
    rescale();
}

void TrainingChart::setLogValues(bool on)
{
    m_logValues = on;
    m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    applyStyle();
    rescale();
}

void TrainingChart::setStepRange(double lastStep)
{
    m_lastStep = std::max(10.0, lastStep);
    rescale();
}

void TrainingChart::setTitle(const QString& title)
{
    m_title = title;
    if (auto* text = qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0))) text->setText(title);
}

void TrainingChart::setLegendCorner(Qt::Alignment corner)
{
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, corner);
}

void TrainingChart::setMarker(std::optional<double> step)
{
    m_marker->setVisible(step.has_value());
    if (step) {
        const double x = std::max(*step, 1.0);
        m_marker->point1->setCoords(x, 0);
        m_marker->point2->setCoords(x, 1);
    }
}

void TrainingChart::setStyle(const ViewStyle& style)
{
    m_style = style;
    applyStyle();
}

void TrainingChart::applyStyle()
{
    m_plot->setBackground(m_style.background());
    m_plot->axisRect()->setBackground(m_style.background());
    styleAxis(m_plot->xAxis, m_style);
    styleAxis(m_plot->yAxis, m_style);
    m_plot->xAxis->grid()->setVisible(true);
    m_plot->yAxis->grid()->setVisible(true);
    if (auto* text = qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0))) {
        text->setTextColor(m_style.foreground());
        text->setFont(m_style.font(9.5, true));
    }
    m_plot->legend->setBrush(QBrush(m_style.background()));
    m_plot->legend->setBorderPen(QPen(m_style.muted()));
    m_plot->legend->setTextColor(m_style.foreground());
    m_plot->legend->setFont(m_style.font(8));
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QPen pen(m_colors[i], (m_highlighted[i] ? 2.6 : 1.4) * m_style.lineScale());
        if (m_dashed[i]) pen.setStyle(Qt::DashLine);
        m_series[i]->setPen(pen);
        if (m_highlighted[i]) m_series[i]->setLayer(QStringLiteral("overlay"));
        else m_series[i]->setLayer(QStringLiteral("main"));
    }
    QPen markerPen(m_style.accent(), 1.5 * m_style.lineScale(), Qt::DashLine);
    m_marker->setPen(markerPen);
}

void TrainingChart::rescale()
{
    m_plot->xAxis->setRange(1, m_lastStep);
    if (m_lo < m_hi) {
        m_plot->yAxis->setRange(m_lo, m_hi);
        return;
    }
    bool found = false;
    QCPRange range;
    for (QCPGraph* g : m_series) {
        bool ok = false;
        const QCPRange r = g->getValueRange(ok, QCP::sdBoth, QCPRange());
        if (!ok) continue;
        range = found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
        found = true;
    }
    if (!found) range = m_logValues ? QCPRange(0.01, 10) : QCPRange(0, 1);
    if (m_logValues) {
        range.lower = std::max(range.lower, 1e-4);
        m_plot->yAxis->setRange(range.lower / 1.3, range.upper * 1.3);
    } else {
        const double pad = std::max(1e-6, 0.06 * (range.upper - range.lower));
        m_plot->yAxis->setRange(range.lower - pad, range.upper + pad);
    }
}

void TrainingChart::refresh()
{
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QList<QPointF> TrainingChart::points(int series) const
{
    return series >= 0 && series < m_points.size() ? m_points[series] : QList<QPointF>();
}

} // namespace attnlab::widgets
