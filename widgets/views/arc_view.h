#pragma once

// The arc view, the classic figure of "it" attending to "animal": the tokens on one horizontal line and,
// above it, an arc from the query token to every key it attends to, thicker and more opaque the larger the
// weight, one colour per head (each visible head its own arc, slightly offset; or only the selected head).
// Weights below kMinWeight are not drawn; the strongest arcs carry their weight as a percentage, each label
// placed along its arc where it covers no other label, no token and not the header (weightLabelLayout()), and
// left out when there is no such place, rather than drawn over something else.
// The query is the selected one, else the last token (what a language model predicts from).
//
// Cross-attention (trace.memoryTokens non-empty): the query tokens on the upper line, the memory tokens
// (the keys) on a second line below, and curves between the lines.
//
// Order: tokens always run left to right in sequence order, also for right-to-left scripts (Persian,
// Arabic, Hebrew): the figure is about positions, and sequence position 0 on the left matches the heatmap's
// columns. Each token is drawn as its own string, so Arabic-script words still shape correctly.
//
// Long inputs are not wrapped: the font and spacing shrink down to a readable minimum, and sizeHint() grows
// with the token count so that a scroll area can show the rest. When even that does not fit the figure's width,
// a line shows only a window of tokens around the query (on the memory line around the key the query weighs
// most), with a note "12–31 / 34 tokens" under it (cross-attention: at the right end of the line's label);
// tokens outside the window have a null tokenRect() and no arcs. Every token drawn lies inside the figure, the
// query always among them.

#include "widgets/views/trace_view.h"

#include <QFont>
#include <QPainterPath>
#include <QRectF>

#include <optional>
#include <vector>

namespace attnlab::widgets {

class ArcView : public TraceView {
    Q_OBJECT
public:
    static constexpr double kMinWeight = 0.02; // weaker arcs are clutter, not information
    static constexpr int kLabelledArcs = 3;    // how many of the strongest arcs show their weight
    static constexpr double kMinLabelledWeight = 0.05; // a weaker arc's percentage is not worth the room

    // One weight label: the arc (head, key) it belongs to, its text ("42%") and where it goes.
    struct WeightLabel {
        int head = 0;
        int key = 0;
        double weight = 0;
        QString text;
        QRectF rect;
    };

    explicit ArcView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("arcs"); }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    bool drawsHiddenAnswers() const override { return true; }
    QSize preferredFigureSize() const override;
    QSize sizeHint() const override;

    void setWeightLabels(bool on);
    bool weightLabels() const { return m_weightLabels; }

    // The query the arcs start from: the selected query, else the last token; −1 without a trace.
    int effectiveQuery() const;
    // The figure's title: "Layer 1 · head 2 · from “it”", naming the query, so that an exported figure says
    // whose attention it draws.
    QString headerTitle() const;
    // The heads drawn: the selected head, or every head not in hiddenHeads; ascending.
    std::vector<int> shownHeads() const;

    // Geometry in figure coordinates (the same on screen and in export), for hit tests and tests.
    // memory = the lower line of cross-attention. Null when out of range.
    QRectF tokenRect(int index, const QSizeF& figure, bool memory = false) const;
    // Where arcs end on a key token (top centre).
    QPointF tokenAnchor(int index, bool memory, const QSizeF& figure) const;
    // The arc drawn for (head, key) from the effective query; empty when it is not drawn.
    QPainterPath arcPath(int head, int key, const QSizeF& figure) const;
    // The weight labels as painted on screen and in exports (empty when setWeightLabels(false)): no two
    // overlap, none covers a token, the header or the line labels, every one lies inside the figure.
    std::vector<WeightLabel> weightLabelLayout(const QSizeF& figure) const;
    // The header (title, model name, note, head legend): the area labels keep out of.
    QRectF headerRect(const QSizeF& figure) const;
    // The tokens shown when the line does not fit the figure: first and last index (all of them when it fits),
    // and the note that says so ("" when every token is shown).
    std::pair<int, int> shownTokens(const QSizeF& figure, bool memory = false) const;
    QString windowNote(const QSizeF& figure) const;

protected:
    void refresh() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    // Where everything goes in a figure of a given size: computed by computeLayout(), used by painting,
    // hit tests and the geometry helpers alike.
    struct Layout {
        QFont titleFont, modelFont, noteFont, legendFont, labelFont, tokenFont, weightFont;
        QRectF titleRect, modelRect, noteRect;
        std::vector<std::pair<QRectF, int>> legend; // one entry (sample line + "head N") per drawn head
        std::vector<QRectF> queryRow, memoryRow;    // memoryRow only for cross-attention
        QRectF queryLabel, memoryLabel;             // cross-attention only
        int first = 0, last = -1, memoryFirst = 0, memoryLast = -1; // the tokens shown (a window when too many)
        QString windowText;                         // "12–31 / 34 tokens" when a line shows a window
        QRectF windowRect;                          // where it goes; right-aligned on it
        double arcTop = 0;                          // the highest point an arc may reach
        double maxSpan = 1;  // first to last token centre: the distance of the tallest arc
        double headStep = 0; // horizontal offset between the arcs of neighbouring heads
        double scale = 1;
        double headerBottom = 0;
        bool cross = false;
        QSizeF figure;
        double naturalWidth = 0; // the longer token line at the full font size and spacing
    };

    struct Arc {
        int head;
        int key;
        double weight;
        QPainterPath path;
    };

    Layout computeLayout(const QSizeF& figure, const QPaintDevice* device = nullptr) const;
    // everyKey: an arc to every key the query may attend (weight 1 each), whatever its weight: the arcs of a
    // figure whose answers a question hides, so that which arcs are drawn tells nothing.
    std::vector<Arc> arcs(const Layout& layout, bool everyKey = false) const;
    QPainterPath pathFor(const Layout& layout, size_t headIndex, size_t headCount, int key) const;
    // Places the labels of the strongest arcs (see weightLabelLayout()); `all` as arcs() returns them.
    std::vector<WeightLabel> placeLabels(const Layout& layout, const std::vector<Arc>& all,
                                         const QPaintDevice* device) const;
    void paintHeader(QPainter& painter, const Layout& layout) const;
    void paintArcs(QPainter& painter, const Layout& layout) const;
    void paintTokens(QPainter& painter, const Layout& layout) const;

    bool m_weightLabels = true;
    // sizeHint, kept until the trace, selection or style changes (layouts ask often; each answer lays out).
    mutable std::optional<QSize> m_sizeHint;
};

} // namespace attnlab::widgets
