#pragma once

// The logit lens figure, apart from its widget: a grid with a column per input position and a row per layer, each
// cell naming the token the residual stream after that layer would predict there if the model stopped (its top 1,
// model/analysis/logit_lens.h, carried by the trace as Trace::lens), coloured by that token's probability on the
// weights' colour map, and bold where it already is the last layer's prediction, so that one sees in which layer
// the answer forms. Layer 1 is the bottom row, just above the input tokens, and the last layer the top row, under
// the tokens that actually come next: the stream flows upwards from the input to the output as in the rollout
// figure and the published logit-lens plots, and the model's own predictions sit beside the text they predict.
// When the positions do not fit at a readable width, the last ones that fit are shown (the selected token's
// stretch when it lies before them) and the figure says which are left out. Painted with QPainter only, for screen
// and export; in a right-to-left figure the layout mirrors (position 1 on the right, as a Persian sentence reads)
// while numbers stay left to right. Nothing is computed here.

#include "model/core/matrix_types.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

namespace attnlab::widgets {

// One cell: the top predictions of the stream after one layer at one position.
struct LensCell {
    QStringList texts;                // the top tokens as drawn (visibleToken, or "#id" without a tokenizer), best first
    std::vector<double> probabilities; // their probabilities, best first (as many as texts)
    bool agreesWithLast = false;      // its top 1 is the last layer's top 1 at this position
};

// What the figure shows.
struct LensData {
    QString message;        // non-empty: nothing to draw, show this instead (no trace, being computed, impossible)
    QStringList tokens;     // (T) the input tokens as drawn
    int query = -1;         // the selected token, outlined; −1: none
    bool predictsNextToken = true; // decoders: the token after each position; BERT's MLM head: the token there
    std::vector<std::vector<LensCell>> cells; // cells[layer][position], layer 0-based (layer 1 first)
    model::Matrix probability; // (L, T): the top 1's probability of each cell

    int layers() const { return int(cells.size()); }
    int positions() const { return int(tokens.size()); }
};

// trace (may be null), selection -> the data; a message while the trace lacks the lens (it is being computed) or
// where it cannot have one (the toy model and typed matrices predict nothing, an encoder without an LM head, a
// trace of fewer layers than the model, more work than the limit: the model's reason).
LensData lensData(const model::Trace* trace, const model::TraceSelection& selection);

struct LensLayout {
    QRectF title;          // headline and explanation lines
    QRectF grid;           // the cells shown: L rows × (lastShown − firstShown + 1) columns
    double cellWidth = 0, cellHeight = 0;
    int layers = 0;        // rows
    int firstShown = 0;    // the positions shown, firstShown … lastShown (0-based)
    int lastShown = -1;
    QRectF rowLabels;      // "layer l", beside the grid
    QRectF tokenLabels;    // the input tokens, under the grid
    QRectF nextLabels;     // the tokens that come next, over the grid (empty: not drawn)
    bool rotatedTokens = false; // token labels read bottom to top (when they are wider than a column)
    double tokenPoints = 9;     // the token labels' size before the presentation scale
    QFont cellFont;
    bool cellTexts = false; // the cells are tall and wide enough for their token
    QRectF colorBar;
    QRectF colorBarTitle;
    WeightScale scale;
    QRectF note;           // under the token labels: which positions are left out (empty: all shown)
    Qt::LayoutDirection direction = Qt::LeftToRight;
};

LensLayout lensLayout(const QSizeF& size, const LensData& data, const ViewStyle& style,
                      Qt::LayoutDirection direction = Qt::LeftToRight, bool withTitle = true, bool withHints = true);

// The cell of layer (0-based) and position in figure coordinates; empty when the position is not shown.
QRectF lensCellRect(const LensLayout& layout, int layer, int position);
// The position whose column (cells or labels) is under point, or −1.
int lensPositionAt(const LensLayout& layout, const LensData& data, const QPointF& point);
// The layer (0-based) whose row of cells is under point, or −1.
int lensLayerAt(const LensLayout& layout, const LensData& data, const QPointF& point);

// The top 1 of a cell as written in it ("" out of range).
QString lensCellText(const LensData& data, int layer, int position);
// The tooltip of a cell: the layer and the token, then the top 5 with their probabilities in percent.
QString lensToolTip(const LensData& data, int layer, int position);
// A probability in percent, left to right: "43.2%", "0.35%", "<0.01%".
QString lensPercentText(double probability);

// The lines under the title that say what is shown, packed into lines of at most width.
QStringList lensSubtitleLines(const LensData& data, double width, const ViewStyle& style, bool withHints = true);

void paintLensFigure(QPainter& painter, const QSizeF& size, const LensData& data, const ViewStyle& style,
                     bool withTitle = true, bool withHints = true);

} // namespace attnlab::widgets
