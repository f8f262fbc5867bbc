#pragma once

// Matrices as text for slides and notebooks: CSV and LaTeX bmatrix, with exact values (9/26, \frac{\sqrt{2}}{2})
// or decimals. model::parseMatrix reads both back.

#include "model/core/matrix_types.h"

#include <QString>

namespace attnlab::model {

// (R, C) -> "a,b\nc,d\n"; exact: "9/26", "√2/2", else decimals.
QString matrixToCsv(const Matrix& m, bool exact);

// (R, C) -> "\begin{bmatrix} a & b \\ c & d \end{bmatrix}"; exact: \frac{9}{26}, \frac{\sqrt{2}}{2}, -\frac{1}{2}.
QString matrixToLatex(const Matrix& m, bool exact);

// One value as LaTeX: "\frac{3\sqrt{2}}{4}", "-11", "0.3462".
QString latexValue(double value, bool exact);

} // namespace attnlab::model
