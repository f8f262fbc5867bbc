#pragma once

// The queries-and-keys figure, apart from its widget: one head's queries (filled circles) and keys (hollow squares)
// as points of one plane, the AttentionViz projection of model/analysis/qk_projection.h, each coloured by its
// position and labelled by its token where labels do not collide, with lines from the selected query to the keys it
// attends to most (width and opacity by weight), a legend with the position colour bar at the end side (right, or
// left in a right-to-left figure), and a caption with the variance the two axes explain. The plot keeps one scale
// on both axes, so distances on the page are distances of the projection. Painted with QPainter only, for screen
// and export; the numbers come from the model.

#include "model/analysis/qk_projection.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/view_style.h"

#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

namespace attnlab::widgets {

// How many keys get a line from the selected query, and the weight a key must exceed for one: a line (and a row
// in the legend) for a weight that reads 0.00 would only be noise.
inline constexpr int kQkStrongestKeys = 3;
inline constexpr double kQkLineFloor = 0.005;

// What the figure shows.
struct QkData {
    QString message;        // non-empty: nothing to draw, show this instead
    int layer = 0;          // 0-based
    int head = 0;           // 0-based: the head shown (the first visible one when the selection is an aggregate)
    bool oneOfSeveral = false; // the selection was all/average/max: the projection belongs to one head
    int query = 0;          // the selected query, 0-based (the last token when none is selected)
    QStringList queryTokens; // (T) as drawn (visibleToken)
    QStringList keyTokens;   // (S)
    model::QkProjection projection;
    model::RowVector weights;   // (S) the selected query's attention weights
    std::vector<int> strongest; // the keys of its kQkStrongestKeys largest weights above kQkLineFloor, largest first
    bool rope = false;          // q and k are stored after RoPE
};

// trace (may be null), selection -> the data of the selected layer and head.
QkData qkData(const model::Trace* trace, const model::TraceSelection& selection);

// A point of the figure: a query or a key and its index.
struct QkPoint {
    bool key = false;
    int index = -1; // −1: none
};

struct QkLayout {
    QRectF title;           // headline and explanation
    QRectF plot;            // the scatter's frame
    PlotAxes axes;          // projection coordinates -> figure, one scale on both axes
    QRectF legend;          // marker legend, colour bar and strongest keys, at the end side
    QRectF colorBar;
    double radius = 5;      // marker radius
    double labelPoints = 8.5;
    std::vector<bool> queryLabels, keyLabels; // which points carry their token
    std::vector<QRectF> queryLabelRects, keyLabelRects;
    Qt::LayoutDirection direction = Qt::LeftToRight;
};

QkLayout qkLayout(const QSizeF& size, const QkData& data, const ViewStyle& style,
                  Qt::LayoutDirection direction = Qt::LeftToRight, bool withTitle = true, bool withHints = true);

// The centre of a point in the figure.
QPointF qkPointPosition(const QkLayout& layout, const QkData& data, const QkPoint& point);

// The point under pos (within a few pixels of its marker; the nearest when several), or index −1.
QkPoint qkPointAt(const QkLayout& layout, const QkData& data, const QPointF& pos);

// What hovering a point says: "query “animal”, position 3", "key “cross”, position 5: weight 0.23 from query “it”"
// (the tokens in isolates, the weight left to right).
QString qkPointText(const QkData& data, const QkPoint& point);

// The explanation under the title, packed into lines of at most width.
QStringList qkSubtitleLines(const QkData& data, double width, const ViewStyle& style, bool withHints = true);

void paintQkFigure(QPainter& painter, const QSizeF& size, const QkData& data, const ViewStyle& style,
                   bool withTitle = true, bool withHints = true);

} // namespace attnlab::widgets
