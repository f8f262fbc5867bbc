#include "model/exact/expression.h"

#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

// Grammar (recursive descent, lowest precedence first):
//
//   sum       := product (('+' | '-') product)*
//   product   := unary (('*' | '/') unary)*
//   unary     := ('+' | '-') unary | juxtaposed
//   juxtaposed:= power power*              the next power must start with '(', '√' or a name
//   power     := atom ('^' exponent)?      right-associative: 2^3^2 = 2^9
//   exponent  := ('+' | '-') exponent | power
//   atom      := number | '(' sum ')' | '√' atom | pi | π | e | function atom
//   function  := sqrt | exp | ln | log     (log is natural, as in NumPy)
//
// Decisions a reader should know:
// - Unary minus binds looser than '^' (-2^2 = -4) but tighter than '*' and '/'.
// - Implicit multiplication ("3√2", "2pi", "2(3)") binds tighter than '*' and '/', as in physics
//   typesetting: "1/2√2" is 1/(2√2) and "1/2pi" is 1/(2π). A number never juxtaposes ("2 3" is an error),
//   so a missing operator is reported instead of silently multiplied.
// - 'e' after a number starts an exponent only when digits follow: "1e-3" = 0.001, "2e" = 2·e.
// - A function takes an atom, so "sqrt(2)" and "sqrt2" both work; "sqrt 2^2" = (√2)^2 like "√2^2".
// - Positions in messages are 1-based characters (UTF-16 code units) of the text as given.

namespace attnlab::model {

namespace {

// Far deeper than any typed cell; the limit keeps a pasted "((((…" from exhausting the stack.
constexpr int kMaxDepth = 200;

constexpr char16_t kMinusSign = u'\u2212';
constexpr char16_t kTimesSign = u'\u00D7';
constexpr char16_t kMiddleDot = u'\u00B7';
constexpr char16_t kDotOperator = u'\u22C5';
constexpr char16_t kDivisionSign = u'\u00F7';
constexpr char16_t kSquareRoot = u'\u221A';
constexpr char16_t kPi = u'\u03C0';

enum class Kind { Number, Name, Plus, Minus, Times, Divide, Power, Open, Close, Root, End };

struct Token {
    Kind kind = Kind::End;
    int pos = 0;  // 0-based index into the text
    QString text; // as typed
    double number = 0.0;
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

class Parser {
public:
    explicit Parser(const QString& text) : m_text(text) {}

    Result<double> evaluate()
    {
        if (m_text.trimmed().isEmpty()) return Result<double>::failure(QStringLiteral("empty expression"));
        std::optional<double> value;
        if (tokenize()) {
            value = parseSum();
            if (value && peek().kind != Kind::End) value = unexpected(peek());
        }
        if (!value) return Result<double>::failure(message());
        return *value;
    }

private:
    // Counts one level of nesting for as long as it lives.
    class Nested {
    public:
        explicit Nested(int& depth) : m_depth(depth) { ++m_depth; }
        ~Nested() { --m_depth; }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;

    private:
        int& m_depth;
    };

    QString message() const
    {
        QString text = m_error;
        if (m_errorPos >= 0) text += QStringLiteral(" at position %1").arg(m_errorPos + 1);
        return text + QStringLiteral(" in ") + quotedInMessage(m_text);
    }

    std::nullopt_t fail(const QString& error, int pos)
    {
        if (m_error.isEmpty()) {
            m_error = error;
            m_errorPos = pos;
        }
        return std::nullopt;
    }

    std::nullopt_t unexpected(const Token& t)
    {
        if (t.kind == Kind::End) return atEnd();
        return fail(QStringLiteral("unexpected '%1'").arg(t.text), t.pos);
    }

    // The text stopped where an operand was due: name what it was due after ("1/" -> after '/').
    std::nullopt_t atEnd()
    {
        // The last token before End is the operator (or '(' or function) still waiting for its operand.
        const QString after = m_tokens.size() >= 2 ? m_tokens[m_tokens.size() - 2].text : QString();
        return fail(QStringLiteral("expected a number after '%1'").arg(after), int(m_text.size()));
    }

    std::nullopt_t tooDeep(const Token& t)
    {
        return fail(QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth), t.pos);
    }

    // Overflow and NaN are caught where they arise, so that 1/exp(1000) is an error and not 0.
    std::optional<double> checked(double value, const Token& at)
    {
        if (std::isnan(value)) return fail(QStringLiteral("'%1' gives no real number").arg(at.text), at.pos);
        if (std::isinf(value))
            return fail(QStringLiteral("'%1' gives a number too large to represent").arg(at.text), at.pos);
        return value;
    }

    bool tokenize()
    {
        const int n = int(m_text.size());
        int i = 0;
        while (i < n) {
            const QChar c = m_text[i];
            if (c.isSpace()) {
                ++i;
                continue;
            }
            Token t;
            t.pos = i;
            if (isDigit(c) || c == u'.') {
                i = readNumber(i, t);
                if (i < 0) return false;
            } else if (isAsciiLetter(c)) {
                int j = i;
                while (j < n && isAsciiLetter(m_text[j]))
                    ++j;
                t.kind = Kind::Name;
                t.text = m_text.mid(i, j - i);
                i = j;
            } else {
                t.kind = symbolKind(c);
                t.text = QString(c);
                // A surrogate pair is one character to the reader: quote both halves.
                const int width = (c.isHighSurrogate() && i + 1 < n) ? 2 : 1;
                if (t.kind == Kind::End) {
                    fail(QStringLiteral("unexpected '%1'").arg(m_text.mid(i, width)), i);
                    return false;
                }
                if (c == u'*' && i + 1 < n && m_text[i + 1] == u'*') { // Python's power operator
                    t.kind = Kind::Power;
                    t.text = QStringLiteral("**");
                    ++i;
                }
                ++i;
            }
            m_tokens.push_back(t);
        }
        Token end;
        end.pos = n;
        m_tokens.push_back(end);
        return true;
    }

    static Kind symbolKind(QChar c)
    {
        switch (c.unicode()) {
        case u'+':
            return Kind::Plus;
        case u'-':
        case kMinusSign:
            return Kind::Minus;
        case u'*':
        case kTimesSign:
        case kMiddleDot:
        case kDotOperator:
            return Kind::Times;
        case u'/':
        case kDivisionSign:
            return Kind::Divide;
        case u'^':
            return Kind::Power;
        case u'(':
            return Kind::Open;
        case u')':
            return Kind::Close;
        case kSquareRoot:
            return Kind::Root;
        case kPi:
            return Kind::Name;
        default:
            return Kind::End; // not part of the grammar
        }
    }

    // Reads "12", "1.5", ".5", "1.", "1e-3" starting at i into t; returns the index after it, or -1.
    int readNumber(int i, Token& t)
    {
        const int n = int(m_text.size());
        int j = i;
        while (j < n && isDigit(m_text[j]))
            ++j;
        if (j < n && m_text[j] == u'.') {
            ++j;
            while (j < n && isDigit(m_text[j]))
                ++j;
        }
        if (j < n && (m_text[j] == u'e' || m_text[j] == u'E')) {
            int k = j + 1;
            if (k < n && (m_text[k] == u'+' || m_text[k] == u'-' || m_text[k] == kMinusSign)) ++k;
            if (k < n && isDigit(m_text[k])) {
                j = k;
                while (j < n && isDigit(m_text[j]))
                    ++j;
            }
        }
        t.kind = Kind::Number;
        t.text = m_text.mid(i, j - i);
        if (t.text == QLatin1String(".")) {
            fail(QStringLiteral("unexpected '.'"), i);
            return -1;
        }
        bool ok = false;
        QString plain = t.text;
        t.number = plain.replace(kMinusSign, u'-').toDouble(&ok);
        if (!ok || !std::isfinite(t.number)) {
            fail(QStringLiteral("number %1 is out of range").arg(t.text), i);
            return -1;
        }
        return j;
    }

    const Token& peek() const { return m_tokens[m_index]; }
    const Token& next() { return m_tokens[m_index < m_tokens.size() - 1 ? m_index++ : m_index]; }

    std::optional<double> parseSum()
    {
        std::optional<double> value = parseProduct();
        while (value && (peek().kind == Kind::Plus || peek().kind == Kind::Minus)) {
            const Token& op = next();
            const std::optional<double> rhs = parseProduct();
            if (!rhs) return std::nullopt;
            value = checked(op.kind == Kind::Minus ? *value - *rhs : *value + *rhs, op);
        }
        return value;
    }

    std::optional<double> parseProduct()
    {
        std::optional<double> value = parseUnary();
        while (value && (peek().kind == Kind::Times || peek().kind == Kind::Divide)) {
            const Token& op = next();
            const std::optional<double> rhs = parseUnary();
            if (!rhs) return std::nullopt;
            if (op.kind == Kind::Divide && *rhs == 0.0) return fail(QStringLiteral("division by zero"), -1);
            value = checked(op.kind == Kind::Divide ? *value / *rhs : *value * *rhs, op);
        }
        return value;
    }

    std::optional<double> parseUnary()
    {
        if (peek().kind != Kind::Plus && peek().kind != Kind::Minus) return parseJuxtaposed();
        const Token& op = next();
        const Nested nested(m_depth);
        if (m_depth > kMaxDepth) return tooDeep(op);
        const std::optional<double> value = parseUnary();
        if (!value) return std::nullopt;
        return op.kind == Kind::Minus ? -*value : *value;
    }

    std::optional<double> parseJuxtaposed()
    {
        std::optional<double> value = parsePower();
        while (value &&
               (peek().kind == Kind::Open || peek().kind == Kind::Root || peek().kind == Kind::Name)) {
            const Token& at = peek();
            const std::optional<double> rhs = parsePower();
            if (!rhs) return std::nullopt;
            value = checked(*value * *rhs, at);
        }
        return value;
    }

    std::optional<double> parsePower()
    {
        const std::optional<double> base = parseAtom();
        if (!base || peek().kind != Kind::Power) return base;
        const Token& op = next();
        const Nested nested(m_depth);
        if (m_depth > kMaxDepth) return tooDeep(op);
        const std::optional<double> exponent = parseExponent();
        if (!exponent) return std::nullopt;
        if (*base == 0.0 && *exponent < 0.0) return fail(QStringLiteral("division by zero"), -1);
        return checked(std::pow(*base, *exponent), op);
    }

    std::optional<double> parseExponent()
    {
        if (peek().kind != Kind::Plus && peek().kind != Kind::Minus) return parsePower();
        const Token& op = next();
        const Nested nested(m_depth);
        if (m_depth > kMaxDepth) return tooDeep(op);
        const std::optional<double> value = parseExponent();
        if (!value) return std::nullopt;
        return op.kind == Kind::Minus ? -*value : *value;
    }

    std::optional<double> parseAtom()
    {
        const Token& t = next();
        switch (t.kind) {
        case Kind::Number:
            return t.number;
        case Kind::Name:
            return parseName(t);
        case Kind::Open: {
            const Nested nested(m_depth);
            if (m_depth > kMaxDepth) return tooDeep(t);
            const std::optional<double> value = parseSum();
            if (!value) return std::nullopt;
            if (peek().kind == Kind::End)
                return fail(QStringLiteral("missing ')' for the '(' at position %1").arg(t.pos + 1), -1);
            if (peek().kind != Kind::Close) return unexpected(peek());
            next();
            return value;
        }
        case Kind::Root:
            return parseFunction(t, QStringLiteral("sqrt"));
        case Kind::End:
            return atEnd();
        default:
            return unexpected(t);
        }
    }

    std::optional<double> parseName(const Token& t)
    {
        const QString name = t.text.toLower();
        if (name == QLatin1String("pi") || t.text == QString(kPi)) return std::numbers::pi;
        if (name == QLatin1String("e")) return std::numbers::e;
        if (name == QLatin1String("sqrt") || name == QLatin1String("exp") || name == QLatin1String("ln") ||
            name == QLatin1String("log"))
            return parseFunction(t, name);
        return fail(QStringLiteral("unknown name \"%1\"").arg(t.text), t.pos);
    }

    // name is one of sqrt, exp, ln, log; its operand is an atom, usually "(…)".
    std::optional<double> parseFunction(const Token& t, const QString& name)
    {
        const Nested nested(m_depth);
        if (m_depth > kMaxDepth) return tooDeep(t);
        const std::optional<double> arg = parseAtom();
        if (!arg) return std::nullopt;
        if (name == QLatin1String("sqrt")) {
            if (*arg < 0.0) return fail(QStringLiteral("square root of a negative number"), t.pos);
            return std::sqrt(*arg);
        }
        if (name == QLatin1String("exp")) return checked(std::exp(*arg), t);
        if (*arg <= 0.0) return fail(QStringLiteral("logarithm of a number that is not positive"), t.pos);
        return std::log(*arg);
    }

    const QString& m_text;
    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
    int m_depth = 0;
    QString m_error;
    int m_errorPos = -1; // 0-based; -1: the error concerns the whole text
};

} // namespace

Result<double> evaluateExpression(const QString& text)
{
    return Parser(text).evaluate();
}

QString quotedInMessage(const QString& text)
{
    constexpr qsizetype maxQuoted = 80;
    if (text.size() <= maxQuoted) return u'"' + text + u'"';
    return u'"' + text.left(maxQuoted - 1) + QStringLiteral("…\"");
}

} // namespace attnlab::model
