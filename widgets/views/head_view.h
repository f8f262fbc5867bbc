#pragma once

// The head view, after BertViz: the query tokens in a left column, the key tokens (trace.keyTokens()) in a
// right column, and a line from each query (the selected one, or all) to each key for every visible head
// of the selected layer, in the head's colour, its width proportional to the weight and its opacity growing
// with it (w^0.6, so that evenly spread heads stay visible). A title "Layer L", the model name and, for
// untrained weights, a note. A row of colour swatches switches heads on and off; clicking a left token
// selects it as the query (again: none); hovering a left token previews its lines, hovering a key fades
// every line that does not reach it, with the weights in a tooltip.
//
// Size: the columns use the pane. Rows share its height and the token font grows with the room between
// kMinTokenPoints (still readable at the back of a room, even with 49 tokens in a 1000-pixel pane) and
// kMaxTokenPoints (three tokens do not get giant labels); the lines use the width left between the columns.
// When even the smallest font leaves too little room, a window of rows around the query is shown (the mouse
// wheel moves it) and a note under the columns says which tokens these are ("73–119 / 120 tokens"); the
// weight on the keys above and below the window goes, summed, along a dashed line to that end of the key column.
//
// Which heads are drawn: with selection().head ≥ 0 only that head; otherwise every head of the layer that
// is not in hiddenHeads (none at all when every head is hidden, so that the swatches and the lines agree).

#include "widgets/views/trace_view.h"

#include <QFont>
#include <QLineF>
#include <QRectF>

#include <optional>
#include <utility>
#include <vector>

namespace attnlab::widgets {

class HeadView : public TraceView {
    Q_OBJECT
public:
    static constexpr double kMinTokenPoints = 8.5; // ≈ 11 px at 96 dpi
    static constexpr double kMaxTokenPoints = 16.0;

    explicit HeadView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("heads"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }
    QSize preferredFigureSize() const override;
    QSize sizeHint() const override;

    // Geometry in figure coordinates: the same for the screen (figure = size()) and for export, so tests
    // can click exactly and sample pixels. Empty / null when the index is out of range.
    QRectF swatchRect(int head, const QSizeF& figure) const;
    QRectF tokenRect(int index, bool left, const QSizeF& figure) const;    // left = query column; null
                                                                           // outside the shown window
    QPointF tokenAnchor(int index, bool left, const QSizeF& figure) const; // where the lines end
    // The line drawn for (head, query, key): anchors offset per head so that heads drawn on top of each other
    // stay distinguishable.
    QLineF headLine(int head, int query, int key, const QSizeF& figure) const;

    // The font of the tokens in a figure of this size (before bold for the selected query).
    QFont tokenFont(const QSizeF& figure) const;
    // The rows shown, [first, last], and the note under the columns that says so ("73–119 / 120 tokens";
    // "" when every token is shown).
    std::pair<int, int> shownRows(const QSizeF& figure) const;
    QString windowNote(const QSizeF& figure) const;

    // The heads whose lines are drawn (see the header comment), ascending.
    std::vector<int> shownHeads() const;

    // A swatch's head of the selected layer (right click), else the selected head.
    std::pair<int, int> headForMenu(const QPoint& pos, bool keyboard) const override;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    // Where everything goes in a figure of a given size: computed by computeLayout(), used by painting,
    // hit tests and the geometry helpers alike.
    struct Layout {
        QFont titleFont, modelFont, noteFont, swatchFont, labelFont, tokenFont;
        QRectF titleRect, modelRect, noteRect;
        std::vector<QRectF> swatches;
        QRectF scaleRect;  // after the swatches: the weight scale's label, when it is not the fixed 0–1
        QString scaleText;
        QRectF queryLabel, keyLabel;
        std::vector<QRectF> left, right; // one row per query / key token; null when outside the window
        double rowHeight = 0;
        double padding = 0;
        QRectF linesArea; // between the columns
        int first = 0, last = -1; // the rows shown
        int rows = 0;             // of all tokens
        QRectF noteBelow;         // "73–119 / 120 tokens": only when not every row is shown
        QString windowText;
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
    int m_windowShift = 0;   // rows the wheel moved the window by, from its place around the query
    // preferredFigureSize for the screen, kept while what it depends on stays: layouts ask for the size hint
    // often (a tab widget asks every page), and each answer measures every token at several font sizes.
    struct SizeHintKey {
        const model::Trace* trace = nullptr;
        int layer = 0;
        qsizetype hiddenHeads = 0;
        double fontScale = 1.0;
        ColorScale weightScale = ColorScale::Fixed;
        bool operator==(const SizeHintKey&) const = default;
    };
    SizeHintKey sizeHintKey() const;
    mutable std::optional<std::pair<SizeHintKey, QSize>> m_sizeHint;
    bool m_hoverLeft = true; // in the query column (else the key column)
};

} // namespace attnlab::widgets
