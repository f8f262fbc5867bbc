#pragma once

// The text of the step view: how a value is shown, the label of each step's operation, and one query row's
// arithmetic written out from the numbers the trace holds (nothing is recomputed except the exp(x) terms
// of the softmax row, which the trace does not keep and which follow the trace's exp overrides).

#include "model/trace/trace.h"
#include "widgets/drawing/view_style.h"

#include <QString>
#include <QStringList>

namespace attnlab::widgets {

// The five steps of scaled dot-product attention, in order.
enum class AttentionStep : int { Scores = 0, Scaled = 1, Masked = 2, Softmax = 3, Output = 4 };
constexpr int kAttentionStepCount = 5;

// value -> "9/26", "√2/2", "−∞" (exact) or "0.346" (decimal, 3 significant digits); true minus signs.
QString stepValueText(double value, bool exact);

// value -> the shorter text of a matrix cell: exact as above, else two decimals below 10 ("0.35", "−4.64")
// and three significant digits above ("12.3", "123").
QString stepCellText(double value, bool exact);

// A token inside running text, wrapped in Unicode first-strong isolates so that a right-to-left word
// (سلام) does not reorder the punctuation around it.
QString isolatedToken(const QString& token);

// n -> "₁₂" (Unicode subscript digits), for row names such as a₂.
QString subscriptNumber(int n);

// The operation that leads to step `step` (on the arrow before it): "÷ √2", "mask", "softmax", "× V";
// "QKᵀ" for step 0.
QString stepOperation(const model::Trace& trace, const model::HeadTrace& head, int step);

// The name of the matrix at step `step`: "S = QKᵀ", "S / √d_k", "masked", "A = softmax", "Y = A·V".
QString stepMatrixTitle(const model::Trace& trace, int step);

// A sentence that says what the step does, for the view's headline.
QString stepDescription(const model::Trace& trace, const model::HeadTrace& head, int step);

// What step 2 divides by under the root: "64" for dₖ = 64, or gemma3's query_pre_attn_scalar when the trace's
// scale is 1/√ of something else; and whether it is something else.
QString sqrtDivisor(const model::Trace& trace, const model::HeadTrace& head);
bool scaledByOtherThanDk(const model::Trace& trace, const model::HeadTrace& head);

// query row q (0-based) of head at step `step` -> one line of arithmetic whose parts are joined by " = ",
// e.g. "a₂ = [e^{1/2}, …] / Σ = [3/2, …] / (13/3) = [9/26, …]". Empty when q is out of range.
QString stepRowArithmetic(const model::Trace& trace, const model::HeadTrace& head, int query, int step, bool exact);

// The same arithmetic as rich text for the figure: a muted caption, then one part per line with the "="
// signs aligned and e^{x} as superscripts.
QString stepArithmeticHtml(const model::Trace& trace, const model::HeadTrace& head, int query, int step,
                           const ViewStyle& style);

} // namespace attnlab::widgets
