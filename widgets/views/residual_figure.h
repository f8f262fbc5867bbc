#pragma once

// The residual-stream figure, apart from its widget: for one token, the L2 norm of its residual stream
// entering layer 1 and after every layer (a line), and per layer two bars side by side, the length ‖Δ‖ of
// what attention and the MLP add to the stream, each labelled with the cosine between Δ and the stream it
// joins (model/trace/residual_steps.h; lengths of updates do not add up, so nothing is stacked). Painted with
// QPainter only, for screen and export.

#include "widgets/drawing/chart_painting.h"
#include "model/trace/residual_steps.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QList>
#include <QString>

class QPainter;

namespace attnlab::widgets {

// What the figure shows, taken from model::residualSteps (nothing is computed here).
struct ResidualData {
    QString message;                 // non-empty: nothing to plot, show this instead
    int query = 0;                   // the token, 0-based
    QString token;
    QList<double> streamNorms;       // (L + 1): ‖input of layer 1‖, ‖output of layer l‖
    QList<model::LayerResidualSteps> steps; // (L): attention and MLP updates of each layer
    bool postNorm = false;           // some update is normalised with the stream after it joins (post-norm)
};

// trace (may be null), selection -> the data for the selected query, or the last token when none.
ResidualData residualData(const model::Trace* trace, const model::TraceSelection& selection);

struct ResidualLayout {
    QRectF title;
    PlotAxes stream; // x: 0 = input, l = after layer l
    PlotAxes bars;   // the same x; layer l's pair of bars is centred on l − 0.5
    QRectF legend;
};

// withTitle false: no headline (the explanation of line and bars stays); withHints false: no "click a bar".
ResidualLayout residualLayout(const QSizeF& size, const ResidualData& data, const ViewStyle& style,
                              bool withTitle = true, bool withHints = true);

// The two sublayers' bars.
enum class Sublayer { Attention, Mlp };

// One bar of layer (0-based) in figure coordinates; the pair of bars when both are asked for (the click
// target of a layer): residualBarRect(layout, data, layer).
QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer);
QRectF residualBarRect(const ResidualLayout& layout, const ResidualData& data, int layer, Sublayer sublayer);

// The colour of a sublayer's bars.
QColor residualSublayerColor(Sublayer sublayer, const ViewStyle& style);

// The label over a bar: the cosine with two decimals and a real minus sign ("cos −0.12"), or the number alone
// when short.
QString residualCosineText(double cosine, bool short_);

// The lines under the title that say what is shown, packed into lines of at most width (the figure's
// explanation; exposed for tests).
QStringList residualSubtitleLines(const ResidualData& data, double width, const ViewStyle& style, bool withHints = true);

void paintResidualFigure(QPainter& painter, const QSizeF& size, const ResidualData& data, const ViewStyle& style,
                         bool withTitle = true, bool withHints = true);

} // namespace attnlab::widgets
