#pragma once

// The head view, after BertViz: the query tokens in a left column, the key tokens (trace.keyTokens()) in a
// right column, and a line from each query (the selected one, or all) to each key for every visible head
// of the selected layer, in the head's colour, its width proportional to the weight and its opacity growing
// with it (w^0.6, so that evenly spread heads stay visible). A title "Layer L", the model name and, for
// untrained weights, a note. A row of colour swatches switches heads on and off; clicking a left token
// selects it as the query (again: none); hovering a left token previews its lines, hovering a key fades
// every line that does not reach it, with the weights in a tooltip.
//
// Which heads are drawn: with selection().head ≥ 0 only that head; otherwise every head of the layer that
// is not in hiddenHeads (none at all when every head is hidden, so that the swatches and the lines agree).

#include "widgets/views/trace_view.h"

#include <QFont>
#include <QLineF>
#include <QRectF>

#include <vector>

namespace attnlab::widgets {

class HeadView : public TraceView {
    Q_OBJECT
public:
    explicit HeadView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("heads"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override;
    QSize sizeHint() const override;

    // Geometry in figure coordinates: the same for the screen (figure = size()) and for export, so tests
    // can click exactly and sample pixels. Empty / null when the index is out of range.
    QRectF swatchRect(int head, const QSizeF& figure) const;
    QRectF tokenRect(int index, bool left, const QSizeF& figure) const;    // left = query column
    QPointF tokenAnchor(int index, bool left, const QSizeF& figure) const; // where the lines end
    // The line drawn for (head, query, key): anchors offset per head so that heads drawn on top of each other
    // stay distinguishable.
    QLineF headLine(int head, int query, int key, const QSizeF& figure) const;

    // The heads whose lines are drawn (see the header comment), ascending.
    std::vector<int> shownHeads() const;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    // Where everything goes in a figure of a given size: computed by computeLayout(), used by painting,
    // hit tests and the geometry helpers alike.
    struct Layout {
        QFont titleFont, modelFont, noteFont, swatchFont, labelFont, tokenFont;
        QRectF titleRect, modelRect, noteRect;
        std::vector<QRectF> swatches;
        QRectF queryLabel, keyLabel;
        std::vector<QRectF> left, right; // one row per query / key token
        double rowHeight = 0;
        double padding = 0;
        QRectF linesArea; // between the columns
    };

    Layout computeLayout(const QSizeF& figure, const QPaintDevice* device = nullptr) const;
    int headCount() const;
    QString keyLabelText() const;
    QLineF lineIn(const Layout& layout, size_t headIndex, size_t headCount, int query, int key) const;
    void paintHeader(QPainter& painter, const Layout& layout) const;
    void paintLines(QPainter& painter, const Layout& layout) const;
    void paintTokens(QPainter& painter, const Layout& layout) const;
    void toggleHead(int head);
    void showWeightsTip(const QPoint& globalPos, int key);

    int m_hoverIndex = -1;   // token under the mouse, −1 = none
    bool m_hoverLeft = true; // in the query column (else the key column)
};

} // namespace attnlab::widgets
