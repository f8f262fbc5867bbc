#pragma once

// Numbers and formulas read left to right in every language: "−0.35", "√16", "÷ √8", "S / √dₖ". In a
// right-to-left paragraph (the Persian interface) the Unicode bidirectional algorithm would move a leading minus
// or root sign to the other side of the digits ("0.35−", "16√", "8√ ÷"). leftToRight wraps the text in
// U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE: the text is laid out left to right as one
// unit wherever it stands, alone or inside a translated sentence, and whatever the painter's direction, on
// screen (QPainter, QCustomPlot's labels, QLabel) and in PNG, SVG and PDF alike. The marks have no width.
// The interface itself still mirrors: alignment and the order of words follow the language.

#include <QRectF>
#include <QString>

namespace attnlab::widgets {

inline constexpr char16_t kLeftToRightIsolate = u'\u2066';
inline constexpr char16_t kPopDirectionalIsolate = u'\u2069';

// text as one left-to-right unit ("" stays ""). Wrapping twice is harmless: isolates nest.
QString leftToRight(const QString& text);

// rect as a right-to-left figure places it: mirrored inside bounds when direction is RightToLeft (a painter on a
// right-to-left widget aligns text "left" to the right, so a rectangle laid out after a left-aligned title must
// move to the title's left), unchanged otherwise.
QRectF visualRect(Qt::LayoutDirection direction, const QRectF& bounds, const QRectF& rect);

// text without the isolate marks leftToRight adds (what a reader sees, for comparisons in tests and tooltips).
QString withoutIsolates(QString text);

} // namespace attnlab::widgets
