#pragma once

// Whole matrices as people paste them: CSV, whitespace or tab separated rows, rows separated by newlines
// or semicolons (MATLAB "1 2; 3 4"), LaTeX bmatrix / pmatrix / matrix environments (& and \\), and Python /
// NumPy nested lists ("[[1, 2], [3, 4]]", "np.array([[1,2],[3,4]])"). Every cell is an expression.

#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <QString>
#include <QStringList>

namespace attnlab::model {

// One cell's text at its position (0-based), kept so that editors can show exactly what was typed.
struct ParsedMatrix {
    Matrix values;                      // (rows, cols)
    std::vector<QStringList> cellTexts; // rows × cols, trimmed
};

// text -> matrix. Errors name the 1-based row and column and the offending text:
// "row 2, column 3: cannot read \"1/\": expected a number after '/'"; ragged rows:
// "row 3 has 2 columns, expected 3". Empty input is an error.
Result<ParsedMatrix> parseMatrix(const QString& text);

// A JSON-style array of rows whose entries are numbers or expression strings (the matrices file).
// name is used in messages: "K: row 2, column 1: …".
Result<Matrix> matrixFromCells(const std::vector<QStringList>& cells, const QString& name = {});

} // namespace attnlab::model
