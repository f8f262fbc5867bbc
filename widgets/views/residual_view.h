#pragma once

// The residual stream of one token across the layers: the L2 norm of the stream (a line) and, per layer,
// the lengths of what attention and the MLP add to it side by side, each with its cosine with the stream. Clicking a layer's bar asks for that layer
// (layerHeadSelected(layer, AverageHeads)). Matrix-mode traces have no residual stream and say so.

#include "widgets/views/residual_figure.h"
#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class ResidualView : public TraceView {
    Q_OBJECT
public:
    explicit ResidualView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("residual"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override { return {1100, 760}; }

    // The attention and MLP updates of each layer for the shown token (model::residualSteps); empty without a
    // residual stream.
    QList<model::LayerResidualSteps> steps() const { return m_data.steps; }
    // The norm of the stream entering layer 1 (index 0) and after each layer.
    QList<double> streamNorms() const { return m_data.streamNorms; }
    // The token shown: the selected query, else the last token; −1 without a residual stream.
    int shownToken() const { return m_data.message.isEmpty() ? m_data.query : -1; }
    // The message shown instead of the plot, or empty.
    QString message() const { return m_data.message; }

    // The layer whose bar is under point in a figure of that size, or −1.
    int layerAt(const QPointF& point, const QSizeF& figure) const;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    ResidualData m_data;
};

} // namespace attnlab::widgets
