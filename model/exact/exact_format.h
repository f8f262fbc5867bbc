#pragma once

// Exact display of matrix-mode values: an integer, a fraction p/q, or p/q·√r when the value is one within
// 1e-9, else a decimal. 2.5 -> "5/2", 0.7071067811865476 -> "√2/2", -1.0606601717798212 -> "-3√2/4",
// 0.346153846… -> "9/26", 0.1234567 -> "0.123457".

#include <QString>

namespace attnlab::model {

struct ExactForm {
    long long numerator = 0;   // signed
    long long denominator = 1; // > 0
    long long radicand = 1;    // square-free, 1 when rational
    bool exact = false;        // false: no form within tolerance; use the decimal
};

// value -> the simplest form p/q·√r with q ≤ 1000 (rational) or q ≤ 100, r ≤ 50 (radical) that lies within
// tolerance of value.
ExactForm findExactForm(double value, double tolerance = 1e-9);

// value -> "11", "5/2", "-9/26", "√2/2", "3√2", or a decimal with `decimals` significant digits.
QString formatExact(double value, int decimals = 6);

// value -> the plain decimal used when exact display is off ("0.346154").
QString formatDecimal(double value, int decimals = 6);

} // namespace attnlab::model
