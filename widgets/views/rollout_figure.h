#pragma once

// The rollout figure, apart from its widget: for one query token, a grid with a row per layer (layer 1 at the
// bottom, the last layer at the top, the input tokens under the grid: the flow network's picture, inputs below
// and the layers stacked on them) and a column per input token, each cell coloured by how much of that input
// token reaches the query after that layer: attention rollout (model/analysis/attention_rollout.h) or attention
// flow (attention_flow.h, each row divided by its sum as in the paper's figures). Painted with QPainter only, for
// screen and export. Nothing is computed here: the numbers come with the trace (Trace::rollout, Trace::flow).

#include "model/core/matrix_types.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;

namespace attnlab::widgets {

enum class RolloutMode { Rollout, Flow };

// What the figure shows.
struct RolloutData {
    QString message;      // non-empty: nothing to draw, show this instead (no trace, being computed, refused)
    RolloutMode mode = RolloutMode::Rollout;
    int query = 0;        // the token followed, 0-based
    QString token;        // its text as drawn (visibleToken)
    QStringList tokens;   // (T) the input tokens as drawn
    model::Matrix values; // (L, T): row l − 1 is layer l, column j input token j
};

// The token the view follows: the selected query, else the last token; −1 without tokens.
int rolloutQuery(const model::Trace* trace, const model::TraceSelection& selection);

// trace (may be null), selection, mode -> the data; a message while the trace lacks the analysis (it is being
// computed) or where it could not be computed (the model's reason: cross-attention, a flow over the work limit).
RolloutData rolloutData(const model::Trace* trace, const model::TraceSelection& selection, RolloutMode mode);

struct RolloutLayout {
    QRectF title;          // headline and explanation
    QRectF grid;           // the cells: L rows × T columns
    double cellWidth = 0, cellHeight = 0;
    QRectF rowLabels;      // "layer l", left of the grid
    QRectF tokenLabels;    // the input tokens, under the grid
    bool rotatedTokens = false; // token labels read bottom to top (when they are wider than a column)
    double tokenPoints = 9;     // the token labels' size before the presentation scale (smaller before rotated)
    QRectF colorBar;
    QRectF colorBarTitle;
    WeightScale scale;
    QFont cellFont;
    bool numbers = false;  // the values are written in the cells
};

// reservedRight: room the screen keeps free at the top right for the view's mode buttons.
RolloutLayout rolloutLayout(const QSizeF& size, const RolloutData& data, const ViewStyle& style, bool withTitle = true,
                            bool withHints = true, double reservedRight = 0);

// The cell of layer (0-based) and input token in figure coordinates.
QRectF rolloutCellRect(const RolloutLayout& layout, const RolloutData& data, int layer, int token);

// The input token whose column (cells or label) is under point, or −1.
int rolloutTokenAt(const RolloutLayout& layout, const RolloutData& data, const QPointF& point);
// The layer (0-based) whose row is under point, or −1.
int rolloutLayerAt(const RolloutLayout& layout, const RolloutData& data, const QPointF& point);

// The lines under the title that say what is shown, packed into lines of at most width.
QStringList rolloutSubtitleLines(const RolloutData& data, double width, const ViewStyle& style, bool withHints = true);

// A value as written in a cell: two decimals ("0.44").
QString rolloutValueText(double value);

void paintRolloutFigure(QPainter& painter, const QSizeF& size, const RolloutData& data, const ViewStyle& style,
                        bool withTitle = true, bool withHints = true, double reservedRight = 0);

} // namespace attnlab::widgets
