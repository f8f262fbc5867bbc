#pragma once

// The residual-stream figure, apart from its widget: for one token, the L2 norm of its residual stream
// entering layer 1 and after every layer (a line), and per layer a stacked bar of how much each head and the
// MLP write into the stream (the norms of their rows). Painted with QPainter only, for screen and export.

#include "widgets/drawing/chart_painting.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QList>
#include <QString>

class QPainter;

namespace attnlab::widgets {

// What the figure shows, measured from the trace's matrices (norms of rows; nothing is recomputed).
struct ResidualData {
    QString message;                 // non-empty: nothing to plot, show this instead
    int query = 0;                   // the token, 0-based
    QString token;
    int heads = 0;                   // per layer (the most any layer has)
    QList<double> streamNorms;       // (L + 1): ‖input of layer 1‖, ‖output of layer l‖
    QList<QList<double>> bars;       // (L) × (heads + 1): ‖contribution_h row‖ …, ‖mlpOutput row‖
};

// trace (may be null), selection -> the data for the selected query, or the last token when none.
ResidualData residualData(const model::Trace* trace, const model::TraceSelection& selection);

struct ResidualLayout {
    QRectF title;
    PlotAxes stream; // x: 0 = input, l = after layer l
    PlotAxes bars;   // the same x; layer l's bar is centred on l − 0.5
    QRectF legend;
};

// withTitle false: no headline (the explanation of line and bars stays); withHints false: no "click a bar".
ResidualLayout residualLayout(const QSizeF& size, const ResidualData& data, const ViewStyle& style,
                              bool withTitle = true, bool withHints = true);

// The whole stacked bar of layer (0-based) in figure coordinates.
QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer);

// The colour of bar segment `part` (a head, or the MLP when part == data.heads).
QColor residualPartColor(const ResidualData& data, int part, const ViewStyle& style);

void paintResidualFigure(QPainter& painter, const QSizeF& size, const ResidualData& data, const ViewStyle& style,
                         bool withTitle = true, bool withHints = true);

} // namespace attnlab::widgets
