#pragma once

// The heatmap figure's content and geometry, without a widget: what it shows (HeatmapContent, taken from a
// trace by the view) and where everything goes (HeatmapLayout, in figure units = pixels at 96 DPI). Both the
// exported figure (heatmap_painter) and the on-screen QCustomPlot (heatmap_plot) are placed from one layout,
// so they look alike and HeatmapLayout::cellAt hits the same cell on both.

#include "model/core/matrix_types.h"
#include "widgets/drawing/view_style.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLineF>
#include <QList>
#include <QRectF>
#include <QStringList>

#include <utility>

namespace attnlab::widgets {

// What one heatmap shows. The view fills it from the trace and the selection; nothing here computes
// attention.
struct HeatmapContent {
    model::Matrix weights;     // (T, S) rows = queries, columns = keys
    model::BoolMatrix allowed; // (T, S) true where a shown head may attend
    QStringList queries;       // (T) row labels
    QStringList keys;          // (S) column labels
    QString title;             // "Layer 1 · Head 2", "Layer 1 · average of 2 heads"
    QString modelName;         // "matrices", "toy", a checkpoint's name
    QString note;              // "untrained weights", or empty
    int selectedQuery = -1;    // outlined row, −1 = none
    bool exact = false;        // cell numbers as fractions (9/26) instead of two decimals
    // > 0: weights are signed (a difference of two maps, A − B) and drawn on the diverging map from −signedLimit
    // (blue) through 0 (white) to +signedLimit (red); signedLabel is the colour bar's title.
    double signedLimit = 0.0;
    QString signedLabel;
    // false: a lesson's question hides the answer (FigureParts::answers): every cell the neutral colour, masked
    // or not, no numbers, a blank colour bar; the labels stay.
    bool answers = true;

    bool isEmpty() const { return weights.rows() == 0 || weights.cols() == 0; }
};

struct HeatmapLayout {
    QFont titleFont, modelFont, noteFont, labelFont, axisFont, tickFont, numberFont;
    QRectF titleRect;  // the title line (title, model name, note)
    double modelX = 0; // where the model name starts on the title line
    QRectF grid;       // the cells
    int rows = 0;      // T
    int cols = 0;      // S
    double cellWidth = 0;
    double cellHeight = 0;
    double labelGap = 0;       // between the grid and its labels
    double rowLabelWidth = 0;  // band left of the grid
    double colLabelHeight = 0; // band below the grid
    bool verticalKeys = false; // key labels rotated to read bottom to top, ending at the grid
    int rowStep = 1;           // every rowStep-th query label is drawn when they do not all fit
    int colStep = 1;
    QStringList rowTexts; // labels as drawn (elided when too long)
    QStringList colTexts;
    bool numbers = false;    // the numbers fit in the cells
    QStringList numberTexts; // (T·S, row-major) when numbers
    QRectF queryTitle;       // "query", rotated, left of the row labels
    QRectF keyTitle;         // "key", below the key labels
    QRectF colorBar;         // the gradient
    QRectF colorBarTitle;    // "weight", above the bar
    double tickWidth = 0;    // room for the bar's tick labels (and for its title beyond the bar)
    WeightScale scale;       // weight -> colour-map position, and the bar's ticks and title
    double lineScale = 1;

    QRectF cell(int query, int key) const;
    QRectF rowLabel(int query) const; // the label's box (right-aligned text)
    QRectF colLabel(int key) const;   // the label's box in figure coordinates (rotated text lies inside it)
    // (query, key) at pos, or (−1, −1); rowLabelAt gives the query whose label is at pos, or −1.
    std::pair<int, int> cellAt(const QPointF& pos) const;
    int rowLabelAt(const QPointF& pos) const;
};

// A style font at `points` (presentation scale included) with a pixel size instead of a point size: figure
// units are pixels at 96 DPI on every device, so a 300 DPI image (a scaled painter) and an SVG show the same
// proportions.
QFont figureFont(const ViewStyle& style, double points, bool bold = false);

// The room right of a colour bar barWidth wide for its tick labels, wide enough that its title (above the bar,
// starting at its left edge) fits over bar and ticks.
double colorBarTickWidth(const QFontMetricsF& tickFm, const WeightScale& scale, double barWidth, double s);

// The ticks of a signed colour bar (HeatmapContent::signedLimit): −limit, −limit/2, 0, limit/2, limit (the
// outer and middle ones only when `many` is false), positions 0 … 1 from the bottom.
QList<WeightScale::Tick> signedColorBarTicks(double limit, bool many);

// content, style, figure size -> where everything goes.
HeatmapLayout layoutHeatmap(const HeatmapContent& content, const ViewStyle& style, const QSizeF& figure);

// A cell's number: "9/26" in exact mode, else two decimals ("0.35").
QString cellNumberText(double weight, bool exact);
// A signed cell's number (HeatmapContent::signedLimit): two decimals with a true minus sign, "0.00" for what rounds
// to zero from below.
QString signedCellNumberText(double value);

// 45° hatch segments over the masked cells (allowed == false), continuous across neighbouring cells; spacing
// in figure units.
QList<QLineF> maskHatchLines(const HeatmapLayout& layout, const model::BoolMatrix& allowed, double spacing);

} // namespace attnlab::widgets
