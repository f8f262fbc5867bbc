#pragma once

// A chart of quantities that change over training steps (QCustomPlot): a logarithmic step axis, one line per
// series (a loss, an accuracy, one head's score), an optional highlighted series drawn over the others, and a
// vertical marker at the step the timeline shows. It draws what it is given: the Train window feeds it points.

#include "widgets/drawing/view_style.h"

#include <QWidget>

#include <optional>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace attnlab::widgets {

class TrainingChart : public QWidget {
    Q_OBJECT
public:
    // title above the plot, yTitle on its left axis.
    TrainingChart(const QString& title, const QString& yTitle, QWidget* parent = nullptr);

    // A new line -> its index. dashed: for held-out and reference lines. inLegend: whether the legend names it
    // (a chart of many heads names only the highlighted ones in its title).
    int addSeries(const QString& name, const QColor& color, bool dashed = false, bool inLegend = true);
    // Removes every series and point.
    void clearSeries();
    int seriesCount() const;
    // Appends (step, value); steps of a series ascend. Step 0 (before training) is drawn at 1, where the
    // logarithmic axis starts.
    void addPoint(int series, double step, double value);
    // Whether the series is drawn thick and on top (the best head of a score).
    void setHighlighted(int series, bool highlighted);
    // The value axis: a fixed range (accuracies, scores in [0, 1]) or, when lo ≥ hi, fitted to the data.
    void setValueRange(double lo, double hi);
    void setLogValues(bool on); // losses: a logarithmic value axis
    // The step axis runs from 1 to at least this (the run's length), so that a curve grows into it.
    void setStepRange(double lastStep);
    void setTitle(const QString& title);
    // The corner of the plot the legend sits in: where the curves are not (a falling loss leaves the bottom left
    // free, a rising accuracy the bottom right).
    void setLegendCorner(Qt::Alignment corner);
    void setMarker(std::optional<double> step);
    void setStyle(const ViewStyle& style);
    // Redraws now (the window calls it at most ten times a second).
    void refresh();

    QCustomPlot* plot() const { return m_plot; }
    QString title() const { return m_title; }
    // Points of a series, for tests: (step as given, value).
    QList<QPointF> points(int series) const;
    QSize sizeHint() const override { return {360, 220}; }
    QSize minimumSizeHint() const override { return {220, 150}; }

private:
    void applyStyle();
    void rescale();

    QCustomPlot* m_plot;
    QCPItemStraightLine* m_marker = nullptr;
    QString m_title, m_yTitle;
    ViewStyle m_style;
    QList<QCPGraph*> m_series;
    QList<QList<QPointF>> m_points; // as given, for tests and for the step-0 shift
    QList<bool> m_highlighted, m_dashed;
    QList<QColor> m_colors;
    double m_lo = 0, m_hi = 0, m_lastStep = 10;
    bool m_logValues = false;
};

// The i-th colour of a set of lines that stay distinguishable on both themes (ten hues, then repeated lighter).
QColor seriesColor(int i, Theme theme);

} // namespace attnlab::widgets
