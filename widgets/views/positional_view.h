#pragma once

// Positional encodings: sinusoidal waves of a few dimensions over the positions (a QCustomPlot line graph on
// screen), the position × dimension heatmap, the cosine similarity of positions, and the naive "add the
// index" encoding whose norm grows without bound. Exports paint every panel with QPainter (vector).

#include "widgets/views/positional_figure.h"
#include "widgets/views/trace_view.h"

class QCustomPlot;

namespace attnlab::widgets {

class PositionalView : public TraceView {
    Q_OBJECT
public:
    explicit PositionalView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("pe"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override { return {1400, 900}; }

    // The dimensions drawn as waves; those ≥ d are skipped. Empty = the default pairs {0, 1, 4, 5, d/2, d/2 + 1}.
    void setDimensions(const QList<int>& dimensions);
    QList<int> dimensions() const { return m_data.dimensions; }

    int encodingWidth() const { return m_data.width; }    // d: the trace's embedding width, else 64
    int positionCount() const { return m_data.positions; } // max(T, 50)

    // The drawn point of dimension's wave at an integer position in a figure of that size (what the
    // polyline passes through), and the axes of that panel; a null point for a dimension not drawn.
    QPointF curvePoint(int dimension, int position, const QSizeF& figure) const;
    PlotAxes waveAxes(const QSizeF& figure) const;

    // The on-screen plot of panel (a), for tests.
    QCustomPlot* wavePlot() const { return m_plot; }

protected:
    void refresh() override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void rebuildData();
    void updatePlot();

    QList<int> m_requestedDimensions;
    PositionalData m_data;
    QCustomPlot* m_plot = nullptr;
    // What the plot was last built from (refresh rebuilds it only when this changes).
    struct PlotKey {
        int width = 0, positions = 0, tokens = -1;
        model::RopeSpec rope;
        QList<int> dimensions;
        Theme theme = Theme::Light;
        double fontScale = 0, lineScale = 0;
        bool operator==(const PlotKey&) const = default;
    };
    PlotKey m_plotted;
    bool m_replotPending = false; // the plot changed while the view was hidden
};

} // namespace attnlab::widgets
