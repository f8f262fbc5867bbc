#pragma once

// A lesson paragraph as rich text for the lesson pane: the plain-text mathematics of the lesson files
// ("d_k", "QK^T", "9/26") set as a reader expects it (d<sub>k</sub>, QK<sup>T</sup>, a stacked-looking
// fraction), HTML-escaped, in the paragraph's writing direction, with the mathematics of a right-to-left
// paragraph kept left to right.

#include <QString>

namespace attnlab::app {

// Whether a language is written right to left (Persian, Arabic, Hebrew, Urdu, …): "fa", "ar-EG" -> true.
bool isRightToLeftLanguage(const QString& language);

// Text with right-to-left letters (Persian) and left-to-right mathematics in it -> the same text with each
// run of mathematics, Latin or CJK ("exp(1/2) ≈ 3/2", "(1/2, 1/2, −1/2, −1/2)", "y₂ = (11, 5/2)", "野球 が 得意")
// between U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. Without them the bidi algorithm
// takes numbers after Persian words for Arabic numbers and lays a tuple out right to left, (2/13 ,9/26); an
// isolate is laid out left to right as a whole and counts as one neutral character in the sentence around it.
// A run ends at a right-to-left character (also the Persian comma ، and Arabic digits); the sentence's own
// punctuation at its end (". ", ":", quotes) and brackets without their partner stay outside. Text without
// right-to-left letters, or with directional controls of its own, is returned as it is. Every place that
// shows a lesson's text (pane, browser cards, tooltips) passes it through here.
QString isolateLeftToRight(const QString& text);

// "Dividing by √D_k gives 9/26" -> "Dividing by √D<sub>k</sub> gives <sup>9</sup>⁄<sub>26</sub>".
// Only fractions of two plain numbers are set as fractions: "1/√2" and "e/(2(e + 1))" stay as written.
QString mathToHtml(const QString& text);

// A lesson's text (a paragraph, notes, an answer) as rich text: mathToHtml, after isolateLeftToRight when the
// lesson is shown right to left.
QString lessonTextHtml(const QString& text, bool rightToLeft);

// "3 / 7": where a step (number, 1-based) is in its lesson. A position, not a fraction: isolated left to right,
// so that a right-to-left line does not show "7 / 3".
QString stepPosition(int number, int count);

// The paragraphs of a lesson, numbered, the `current` one (0-based) highlighted, each an anchor "p<i>";
// rightToLeft for Persian (the paragraphs then pass through isolateLeftToRight); dark for the dark theme,
// whose highlight is a dim amber with light text instead of a pale yellow that glares on a projector.
QString lessonStepsHtml(const QStringList& paragraphs, int current, bool rightToLeft, bool dark = false);

// The current paragraph's background and text colours (#rrggbb) on the light or the dark theme.
struct LessonHighlight {
    const char* background;
    const char* text;
};
LessonHighlight lessonHighlight(bool dark);

// One paragraph as presentation mode's caption under the figure: "3/7  paragraph", set like the pane's,
// without the pane's highlight (the caption is the current paragraph). number and count are 1-based.
QString lessonCaptionHtml(const QString& paragraph, int number, int count, bool rightToLeft);

} // namespace attnlab::app
