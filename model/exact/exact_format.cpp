#include "model/exact/exact_format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace attnlab::model {

namespace {

constexpr long long kMaxRationalDenominator = 1000;
constexpr long long kMaxRadicalDenominator = 100;
constexpr long long kMaxRadicalNumerator = 10000;
// Beyond this a double has no fractional digits to speak of, and p·q products would approach the range of
// long long; such values are shown as decimals.
constexpr double kMaxExactMagnitude = 1e12;
// The square-free radicands 2..50, smallest first, so that ties prefer the smaller r.
constexpr std::array<long long, 30> kRadicands = {2,  3,  5,  6,  7,  10, 11, 13, 14, 15, 17, 19, 21, 22, 23,
                                                  26, 29, 30, 31, 33, 34, 35, 37, 38, 39, 41, 42, 43, 46, 47};

struct Fraction {
    long long p = 0;
    long long q = 0; // 0: none found
};

// x ≥ 0 -> the p/q with the smallest q ≤ maxDenominator and |p/q·scale − x·scale| ≤ tolerance, if any.
// The smallest-denominator fraction in an interval around x is always a best approximation of the first
// kind, hence a convergent or semiconvergent of x's continued fraction, and those come in increasing
// denominator order: walking them is exact and takes at most maxDenominator steps, unlike trying every q.
// scale lets the radical search measure the distance of p/q·√r to the value itself.
Fraction simplestFraction(double x, double scale, double target, double tolerance, long long maxDenominator)
{
    auto fits = [&](long long p, long long q) {
        return std::abs(double(p) / double(q) * scale - target) <= tolerance;
    };
    // h/k: the last two convergents, (h2/k2, h1/k1), seeded with 0/1 and 1/0.
    long long h2 = 0, k2 = 1, h1 = 1, k1 = 0;
    double rest = x;
    for (int step = 0; step < 64; ++step) {
        const double a = std::floor(rest);
        if (k1 > 0) {
            // Semiconvergents (h2 + m·h1)/(k2 + m·k1) for m = 1 … a, smallest denominators first.
            for (long long m = 1; double(m) < a && k2 + m * k1 <= maxDenominator; ++m)
                if (fits(h2 + m * h1, k2 + m * k1)) return {h2 + m * h1, k2 + m * k1};
        }
        // The next convergent (m = a); its denominator must stay in range before any long long product.
        if (a * double(k1) + double(k2) > double(maxDenominator) || a > kMaxExactMagnitude * 2) return {};
        const long long ai = static_cast<long long>(a);
        const long long h = ai * h1 + h2, k = ai * k1 + k2;
        if (fits(h, k)) return {h, k};
        h2 = h1;
        k2 = k1;
        h1 = h;
        k1 = k;
        const double fractional = rest - a;
        if (fractional <= 0.0) return {}; // x is exactly h/k, which did not fit: nothing else will
        rest = 1.0 / fractional;
    }
    return {};
}

QString trimZeros(QString text)
{
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.')) text.chop(1);
    }
    return text;
}

} // namespace

ExactForm findExactForm(double value, double tolerance)
{
    ExactForm form;
    if (!std::isfinite(value) || std::abs(value) > kMaxExactMagnitude) return form;
    const double magnitude = std::abs(value);
    const long long sign = value < 0.0 ? -1 : 1;

    const double nearest = std::round(magnitude);
    if (std::abs(nearest - magnitude) <= tolerance) {
        form.numerator = nearest == 0.0 ? 0 : sign * static_cast<long long>(nearest);
        form.exact = true;
        return form;
    }
    if (const Fraction f = simplestFraction(magnitude, 1.0, magnitude, tolerance, kMaxRationalDenominator);
        f.q > 0) {
        form.numerator = sign * f.p;
        form.denominator = f.q;
        form.exact = true;
        return form;
    }
    // value = p/q·√r: the rational search on value/√r, judged by the distance of p/q·√r itself.
    Fraction best;
    long long bestRadicand = 1;
    for (const long long r : kRadicands) {
        const double root = std::sqrt(double(r));
        const long long maxDenominator = best.q > 0 ? best.q - 1 : kMaxRadicalDenominator;
        if (maxDenominator < 1) break;
        const Fraction f = simplestFraction(magnitude / root, root, magnitude, tolerance, maxDenominator);
        if (f.q > 0 && f.p <= kMaxRadicalNumerator && f.p > 0) {
            best = f;
            bestRadicand = r;
        }
    }
    if (best.q > 0) {
        form.numerator = sign * best.p;
        form.denominator = best.q;
        form.radicand = bestRadicand;
        form.exact = true;
    }
    return form;
}

QString formatExact(double value, int decimals)
{
    const ExactForm form = findExactForm(value);
    if (!form.exact) return formatDecimal(value, decimals);
    if (form.numerator == 0) return QStringLiteral("0"); // never "-0"
    QString text = form.numerator < 0 ? QStringLiteral("-") : QString();
    const long long magnitude = std::abs(form.numerator);
    if (form.radicand == 1) {
        text += QString::number(magnitude);
    } else {
        if (magnitude != 1) text += QString::number(magnitude);
        text += u'\u221A' + QString::number(form.radicand);
    }
    if (form.denominator != 1) text += u'/' + QString::number(form.denominator);
    return text;
}

QString formatDecimal(double value, int decimals)
{
    if (std::isnan(value)) return QStringLiteral("nan");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    if (value == 0.0) return QStringLiteral("0");
    const int digits = std::clamp(decimals, 1, 17);
    const double magnitude = std::abs(value);
    // Plain notation in the range people read at a glance; 'g' (with its exponent) only outside it.
    if (magnitude >= 1e-4 && magnitude < 1e6) {
        const int exponent = int(std::floor(std::log10(magnitude)));
        const int places = std::max(0, digits - 1 - exponent);
        const QString text = trimZeros(QString::number(value, 'f', places));
        // Rounding can leave "-0" for values that are not zero but round away at this precision.
        return text == QLatin1String("-0") ? QStringLiteral("0") : text;
    }
    return QString::number(value, 'g', digits);
}

} // namespace attnlab::model
