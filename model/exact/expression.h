#pragma once

// The scalar expressions a teacher types into a matrix cell: integers, decimals, fractions, sqrt(…), √…,
// pi (π), e, exp(…), unary minus, + − * / ^ and parentheses. "-1/√2", "3/2", "exp(1/2)", "2√3", "1e-3".

#include "model/core/result.h"

#include <QString>

namespace attnlab::model {

// text -> value, or an error naming the offending text and its 1-based character position
// ("unexpected ')' at position 6 in \"1/(2))\"", "division by zero in \"1/0\"", "empty expression").
Result<double> evaluateExpression(const QString& text);

// text in double quotes, cut to 80 characters with "…": how the expression and matrix parsers cite the input
// in a message, so that an error stays one readable line.
QString quotedInMessage(const QString& text);

} // namespace attnlab::model
