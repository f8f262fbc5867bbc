#pragma once

// The scalar expressions a teacher types into a matrix cell: integers, decimals, fractions, sqrt(…), √…,
// pi (π), e, exp(…), unary minus, + − * / ^ and parentheses. "-1/√2", "3/2", "exp(1/2)", "2√3", "1e-3".

#include "result.h"

#include <QString>

namespace attnlab::model {

// text -> value, or an error naming the offending text and its character position
// ("unexpected ')' at position 4 in \"1/(2))\"").
Result<double> evaluateExpression(const QString& text);

} // namespace attnlab::model
