#pragma once

// A lesson paragraph as rich text for the lesson pane: the plain-text mathematics of the lesson files
// ("d_k", "QK^T", "9/26") set as a reader expects it (d<sub>k</sub>, QK<sup>T</sup>, a stacked-looking
// fraction), HTML-escaped, in the paragraph's writing direction.

#include <QString>

namespace attnlab::app {

// "Dividing by √D_k gives 9/26" -> "Dividing by √D<sub>k</sub> gives <sup>9</sup>⁄<sub>26</sub>".
// Only fractions of two plain numbers are set as fractions: "1/√2" and "e/(2(e + 1))" stay as written.
QString mathToHtml(const QString& text);

// The paragraphs of a lesson, numbered, the `current` one (0-based) highlighted, each an anchor "p<i>";
// rightToLeft for Persian.
QString lessonStepsHtml(const QStringList& paragraphs, int current, bool rightToLeft);

} // namespace attnlab::app
