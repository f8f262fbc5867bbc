#pragma once

// A layers × heads grid of one number per head, apart from any widget: rows are layers 1 … L from top to bottom,
// columns heads 1 … H, each cell coloured by its value (and labelled with it when the label fits), the current
// (layer, head) outlined, a colour bar, a title, and beside the grid the heads sorted by value ("L3 H5  0.93").
// The head-roles view paints its scores with it; grids of signed numbers (ablation's Δ log-prob, patching's
// restored fraction) use the diverging scale, symmetric around 0. Painted with QPainter only, for screen and
// export; in a right-to-left figure the whole layout mirrors (head 1 on the right, the list on the left) while
// the numbers stay left to right.

#include "model/attention/ablation.h"
#include "model/core/matrix_types.h"
#include "widgets/drawing/view_style.h"

#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QPainter;

namespace attnlab::widgets {

// Sequential: lo … hi on the weights' colour map (ViewStyle::weightMap, as the user chose it).
// Diverging: −limit … +limit on the blue–white–red map (ColorBrewer RdBu: negative blue, 0 white, positive red,
// safe for colour-blind readers), 0 in the centre colour whatever the values.
enum class HeadGridScale { Sequential, Diverging };

// How the list beside the grid orders the heads.
enum class HeadGridOrder { Descending, Ascending, LargestMagnitude };

struct HeadGridData {
    model::Matrix values;  // (layers, heads); NaN: no such head (drawn as empty)
    HeadGridScale scale = HeadGridScale::Sequential;
    double lo = 0.0;       // Sequential: the value of the bottom colour
    double hi = 1.0;       // Sequential: the value of the top colour; Diverging: the limit, ±hi at the ends
    HeadGridOrder order = HeadGridOrder::Descending;
    int decimals = 2;      // of the values in cells, the list and the tooltips
    int currentLayer = -1; // the cell outlined, or −1
    int currentHead = -1;
    QString title;         // bold, first line
    QStringList subtitle;  // what is shown, a line each (wrapped to the width)
    QString scaleTitle;    // over the colour bar ("score", "Δ log p")
    QString listTitle;     // over the sorted list ("highest")
    QString message;       // non-empty: nothing to plot, show this instead
    QString note;          // under the grid, in the muted colour (e.g. what is missing and why)
    // Heads switched off in this trace (Trace::ablation; {layer, head} 0-based): hatched and framed dashed.
    std::vector<std::pair<int, int>> switchedOff;
    // false: a lesson's question hides the answer (FigureParts::answers): every cell and the colour bar the
    // neutral colour, no values, no ticks, the sorted list left empty (its order is the answer).
    bool answers = true;
};

// One head of the list, with its value.
struct RankedHead {
    int layer = 0; // 0-based
    int head = 0;
    double value = 0.0;
};

// The heads of data.values (NaN left out) in data.order; ties by layer, then head.
QList<RankedHead> rankedHeads(const HeadGridData& data);

// A list row's text: "L3 H5" (1-based) and the value with data.decimals, left to right.
QString rankedHeadLabel(const RankedHead& head);
QString headGridValueText(double value, int decimals);

struct HeadGridLayout {
    QRectF title;         // title and subtitle lines
    QRectF grid;          // the cells, without the labels
    QRectF columnLabels;  // "H1 …" over the grid
    QRectF rowLabels;     // "L1 …" beside the grid
    QRectF colorBar;      // the bar itself; its tick labels beside it, its title over it
    QRectF list;          // the sorted heads: listTitle, then the rows
    QRectF note;          // under the grid
    double cellWidth = 0.0;
    double cellHeight = 0.0;
    double listRowHeight = 0.0;
    int listRows = 0;     // rows that fit (at most the heads there are)
    double listTop = 0.0; // y of the first row
    Qt::LayoutDirection direction = Qt::LeftToRight;
};

// The layout for a figure of size; withTitle false drops the title line (the subtitle stays).
HeadGridLayout headGridLayout(const QSizeF& size, const HeadGridData& data, const ViewStyle& style,
                              Qt::LayoutDirection direction = Qt::LeftToRight, bool withTitle = true);

// Cell (layer, head) in figure coordinates (mirrored in a right-to-left layout).
QRectF headGridCellRect(const HeadGridLayout& layout, int layer, int head);
// List row `row` (0 = first) in figure coordinates.
QRectF headGridListRowRect(const HeadGridLayout& layout, int row);

// The head under point: a grid cell or a list row; {-1, -1} for none.
struct GridHead {
    int layer = -1;
    int head = -1;
    bool valid() const { return layer >= 0 && head >= 0; }
};
GridHead headGridHeadAt(const HeadGridLayout& layout, const HeadGridData& data, const QPointF& point);

// A value's colour on the data's scale (NaN: the masked colour; the neutral colour when the answers are hidden).
QColor headGridColor(const HeadGridData& data, const ViewStyle& style, double value);

// The mark of a head switched off over its cell (a grid cell, a small heatmap): diagonal hatching and a dashed
// frame in the foreground colour, readable over any cell colour.
void paintSwitchedOff(QPainter& painter, const QRectF& cell, const ViewStyle& style);

// data.switchedOff from an ablation.
std::vector<std::pair<int, int>> switchedOffHeads(const model::Ablation& ablation);

void paintHeadGrid(QPainter& painter, const QSizeF& size, const HeadGridData& data, const ViewStyle& style,
                   bool withTitle = true);

} // namespace attnlab::widgets
