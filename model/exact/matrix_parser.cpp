#include "model/exact/matrix_parser.h"

#include "model/exact/expression.h"

#include <QRegularExpression>

#include <optional>

// Format detection, first match wins:
// 1. LaTeX when the text has "\begin", '&' or "\\": rows split at "\\", cells at '&'.
// 2. Python / NumPy when it starts with '[' or "array(" (np., numpy., torch. …; "K = " allowed in front).
//    Rows are the inner lists; a list without inner lists is read like plain text below, so "[1, 2, 3]" is
//    one row and MATLAB's "[1 2; 3 4]" works too. Anything after the list inside "array(…)" (dtype=…) is
//    ignored.
// 3. Plain text: rows end at newlines and at ';'. If any comma appears, cells are separated by commas (CSV;
//    the expression grammar has no multi-argument function, so a comma is never part of a cell). Otherwise a
//    cell is a maximal run of non-space characters: "1/2 -3" is two cells, and "1 / 2" is three, so an
//    expression in whitespace mode must be written without spaces (or the text written as CSV).
// Blank rows are skipped and rows are numbered among the non-blank ones. In every format a cell may be
// quoted ("1/sqrt(2)" or '1/√2') and may use LaTeX (\frac{1}{2}, \sqrt{2}, \sqrt2, \pi, \cdot).

namespace attnlab::model {

namespace {

using CellGrid = std::vector<QStringList>;

// As in the expression grammar: deeper than any typed cell, shallow enough for any stack.
constexpr int kMaxBraceDepth = 200;

QString plural(qsizetype n, const char* word)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(word),
                                                n == 1 ? QString() : QStringLiteral("s"));
}

QString unquote(const QString& cell)
{
    const QString t = cell.trimmed();
    if (t.size() >= 2 && (t.front() == u'"' || t.front() == u'\'') && t.back() == t.front())
        return t.mid(1, t.size() - 2).trimmed();
    return t;
}

// s split at sep, except inside '…' or "…" (quoted Python / CSV strings).
QStringList splitOutsideQuotes(QStringView s, QChar sep)
{
    QStringList parts;
    QChar quote;
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!quote.isNull()) {
            if (s[i] == quote) quote = QChar();
        } else if (s[i] == u'"' || s[i] == u'\'') {
            quote = s[i];
        } else if (s[i] == sep) {
            parts.append(s.mid(start, i - start).toString());
            start = i + 1;
        }
    }
    parts.append(s.mid(start).toString());
    return parts;
}

// Cells of one comma-separated row, unquoted; a single trailing comma ("1, 2,") is allowed as in Python.
QStringList commaCells(QStringView row)
{
    QStringList cells = splitOutsideQuotes(row, u',');
    if (cells.size() > 1 && cells.back().trimmed().isEmpty()) cells.removeLast();
    for (QString& cell : cells)
        cell = unquote(cell);
    return cells;
}

CellGrid splitPlain(const QString& text)
{
    static const QRegularExpression rowBreak(QStringLiteral("[\\r\\n;]"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const bool csv = text.contains(u',');
    CellGrid grid;
    for (const QString& row : text.split(rowBreak)) {
        if (row.trimmed().isEmpty()) continue;
        QStringList cells = csv ? commaCells(row) : row.split(spaces, Qt::SkipEmptyParts);
        if (!csv)
            for (QString& cell : cells)
                cell = unquote(cell);
        grid.push_back(cells);
    }
    return grid;
}

// Index of the ']' that closes the '[' at open, skipping quoted strings; -1 when unbalanced.
qsizetype closingBracket(const QString& s, qsizetype open)
{
    int depth = 0;
    QChar quote;
    for (qsizetype i = open; i < s.size(); ++i) {
        const QChar c = s[i];
        if (!quote.isNull()) {
            if (c == quote) quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'[') {
            ++depth;
        } else if (c == u']' && --depth == 0) {
            return i;
        }
    }
    return -1;
}

// "[[1, 2], [3, 4]]", possibly wrapped: "K = np.array([[1, 2], [3, 4]], dtype=float)".
std::optional<Result<CellGrid>> splitList(const QString& text)
{
    static const QRegularExpression start(
        QStringLiteral("^(?:[A-Za-z_]\\w*\\s*=\\s*)?(?:(?:[A-Za-z_]\\w*)\\s*\\.\\s*)?(?:(?:array|asarray|"
                       "matrix|tensor)\\s*\\(\\s*)?\\["));
    static const QRegularExpression callTail(QStringLiteral("^\\s*(?:,.*)?\\)\\s*;?\\s*$"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression plainTail(QStringLiteral("^\\s*;?\\s*$"));
    const QRegularExpressionMatch m = start.match(text);
    if (!m.hasMatch()) return std::nullopt;
    const bool call = m.captured(0).contains(u'(');
    if (!call && m.captured(0).contains(u'.')) return std::nullopt; // "x.y[" is not a matrix literal
    const qsizetype open = m.capturedEnd() - 1;
    const qsizetype close = closingBracket(text, open);
    if (close < 0) return Result<CellGrid>::failure(QStringLiteral("missing ']' to close the list"));
    const QString tail = text.mid(close + 1);
    if (!(call ? callTail : plainTail).match(tail).hasMatch())
        return Result<CellGrid>::failure(QStringLiteral("unexpected text after the list: ") +
                                         quotedInMessage(tail.trimmed()));

    const QString inner = text.mid(open + 1, close - open - 1);
    if (!inner.contains(u'[')) return Result<CellGrid>(splitPlain(inner));
    CellGrid grid;
    for (qsizetype i = 0; i < inner.size();) {
        const QChar c = inner[i];
        if (c.isSpace() || c == u',') {
            ++i;
            continue;
        }
        const QString where = QStringLiteral("row %1").arg(grid.size() + 1);
        if (c != u'[')
            return Result<CellGrid>::failure(QStringLiteral("unexpected %1 between the rows of the list")
                                                 .arg(quotedInMessage(inner.mid(i).section(u',', 0, 0).trimmed())));
        const qsizetype end = closingBracket(inner, i);
        if (end < 0) return Result<CellGrid>::failure(where + QStringLiteral(": missing ']'"));
        const QStringView row = QStringView(inner).mid(i + 1, end - i - 1);
        if (row.contains(u'['))
            return Result<CellGrid>::failure(where + QStringLiteral(": lists are nested more than two deep"));
        grid.push_back(row.trimmed().isEmpty() ? QStringList() : commaCells(row));
        i = end + 1;
    }
    return Result<CellGrid>(grid);
}

// "K = \begin{bmatrix} 1 & \frac{1}{2} \\ 3 & 4 \end{bmatrix}", or the body alone ("1 & 2 \\ 3 & 4").
Result<CellGrid> splitLatex(const QString& text)
{
    // Any environment (bmatrix, pmatrix, vmatrix, matrix, bmatrix*[r], array{cc}, …) with its arguments.
    static const QRegularExpression begin(
        QStringLiteral("\\\\begin\\s*\\{([A-Za-z]+\\*?)\\}(?:\\s*\\{[^}]*\\}|\\s*\\[[^\\]]*\\])*"));
    static const QRegularExpression rowSpacing(QStringLiteral("^\\s*\\[[^\\]]*\\]"));
    QString body = text;
    if (const QRegularExpressionMatch m = begin.match(text); m.hasMatch()) {
        const qsizetype end = text.indexOf(QLatin1String("\\end"), m.capturedEnd());
        if (end < 0) return Result<CellGrid>::failure(QStringLiteral("missing \\end{%1}").arg(m.captured(1)));
        body = text.mid(m.capturedEnd(), end - m.capturedEnd());
    }
    body.remove(u'$').remove(QLatin1String("\\hline"));
    // Without any "\\" the rows can only be the lines ("1 & 2" on one line, "3 & 4" on the next).
    const bool lines = !body.contains(QLatin1String("\\\\"));
    CellGrid grid;
    for (QString row : lines ? body.split(u'\n') : body.split(QLatin1String("\\\\"))) {
        row.remove(rowSpacing); // "\\[2pt]"
        if (row.trimmed().isEmpty()) continue;
        QStringList cells = row.split(u'&');
        for (QString& cell : cells)
            cell = cell.trimmed();
        grid.push_back(cells);
    }
    return grid;
}

// LaTeX in a cell -> the expression grammar: \frac{a}{b} -> ((a)/(b)), \sqrt{x} -> √(x), {…} -> (…).
class LatexTranslator {
public:
    explicit LatexTranslator(const QString& text) : m_text(text) {}

    // The translation, or an error message.
    Result<QString> run()
    {
        QString out = group(false);
        if (!m_error.isEmpty()) return Result<QString>::failure(m_error);
        return Result<QString>::success(out);
    }

private:
    // Every group and command argument is one level: "{{{…" and "\sqrt\sqrt…" recurse through here, so the
    // depth is bounded like the expression grammar's.
    class Nested {
    public:
        explicit Nested(LatexTranslator& t) : m_t(t)
        {
            if (++m_t.m_depth > kMaxBraceDepth && m_t.m_error.isEmpty()) {
                m_t.m_error = QStringLiteral("nested more than %1 levels deep").arg(kMaxBraceDepth);
                m_t.m_i = m_t.m_text.size();
            }
        }
        ~Nested() { --m_t.m_depth; }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;

    private:
        LatexTranslator& m_t;
    };

    // Up to the end, or through the '}' that closes the group when inGroup.
    QString group(bool inGroup)
    {
        const Nested nested(*this);
        QString out;
        bool closed = false;
        while (!closed && m_i < m_text.size() && m_error.isEmpty()) {
            const QChar c = m_text[m_i];
            if (c == u'}') {
                ++m_i;
                closed = inGroup;
                if (!inGroup) m_error = QStringLiteral("unexpected '}'");
            } else if (c == u'{') {
                ++m_i;
                out += u'(' + group(true) + u')';
            } else if (c == u'\\') {
                out += command();
            } else {
                out += c;
                ++m_i;
            }
        }
        if (inGroup && !closed && m_error.isEmpty()) m_error = QStringLiteral("missing '}'");
        return out;
    }

    // A command's argument: a {group} or a single character ("\sqrt2", "\frac12").
    QString argument()
    {
        const Nested nested(*this);
        if (!m_error.isEmpty()) return {};
        while (m_i < m_text.size() && m_text[m_i].isSpace())
            ++m_i;
        if (m_i >= m_text.size()) {
            m_error = QStringLiteral("missing argument at the end");
            return {};
        }
        const QChar c = m_text[m_i];
        if (c == u'{') {
            ++m_i;
            return u'(' + group(true) + u')';
        }
        if (c == u'\\') return u'(' + command() + u')';
        ++m_i;
        return c;
    }

    QString command()
    {
        ++m_i; // the backslash
        const qsizetype start = m_i;
        while (m_i < m_text.size() && m_text[m_i].isLetter() && m_text[m_i].unicode() < 128)
            ++m_i;
        const QString name = m_text.mid(start, m_i - start);
        if (name.isEmpty()) { // "\," "\;" "\!" "\ ": spacing
            if (m_i < m_text.size()) ++m_i;
            return QStringLiteral(" ");
        }
        if (name == QLatin1String("frac") || name == QLatin1String("dfrac") ||
            name == QLatin1String("tfrac")) {
            const QString numerator = argument();
            const QString denominator = argument();
            return u'(' + numerator + u'/' + denominator + u')';
        }
        if (name == QLatin1String("sqrt")) {
            if (m_i < m_text.size() && m_text[m_i] == u'[')
                m_error = QStringLiteral("only square roots are supported");
            return u'\u221A' + argument();
        }
        if (name == QLatin1String("cdot") || name == QLatin1String("times") || name == QLatin1String("ast"))
            return QStringLiteral("*");
        if (name == QLatin1String("div")) return QStringLiteral("/");
        if (name == QLatin1String("pi")) return QStringLiteral("π");
        // Spaces keep a name from running into the next one ("e\exp" -> "e exp").
        if (name == QLatin1String("exp") || name == QLatin1String("ln") || name == QLatin1String("log"))
            return u' ' + name + u' ';
        if (name == QLatin1String("mathrm") || name == QLatin1String("text") ||
            name == QLatin1String("operatorname"))
            return argument();
        if (name == QLatin1String("left") || name == QLatin1String("right")) {
            if (m_i < m_text.size() && (m_text[m_i] == u'.' || m_text[m_i] == u'[' || m_text[m_i] == u']')) {
                const QChar d = m_text[m_i++];
                return d == u'.' ? QString() : QString(d == u'[' ? u'(' : u')');
            }
            return {};
        }
        m_error = QStringLiteral("unknown LaTeX command \\%1").arg(name);
        return {};
    }

    const QString& m_text;
    qsizetype m_i = 0;
    QString m_error;
    int m_depth = 0;
};

// A cell as typed -> the text the expression grammar reads (LaTeX translated, "np."/"math." dropped).
Result<QString> toExpressionText(const QString& cell)
{
    static const QRegularExpression modulePrefix(QStringLiteral("\\b(?:np|numpy|math)\\s*\\."));
    QString text = cell;
    text.remove(modulePrefix);
    if (text.contains(u'\\') || text.contains(u'{') || text.contains(u'}'))
        return LatexTranslator(text).run();
    return Result<QString>::success(text);
}

// Ragged rows first (the shape is wrong whatever the cells say), then every cell in reading order.
Result<Matrix> evaluateCells(const CellGrid& cells, const QString& prefix)
{
    if (cells.empty() || cells.front().isEmpty())
        return Result<Matrix>::failure(prefix + QStringLiteral("empty matrix"));
    const qsizetype cols = cells.front().size();
    for (std::size_t r = 0; r < cells.size(); ++r)
        if (cells[r].size() != cols)
            return Result<Matrix>::failure(prefix + QStringLiteral("row %1 has %2, expected %3")
                                                        .arg(r + 1)
                                                        .arg(plural(cells[r].size(), "column"))
                                                        .arg(cols));
    Matrix values(Eigen::Index(cells.size()), Eigen::Index(cols));
    for (std::size_t r = 0; r < cells.size(); ++r) {
        for (qsizetype c = 0; c < cols; ++c) {
            const QString cell = cells[r][c].trimmed();
            const QString where = prefix + QStringLiteral("row %1, column %2").arg(r + 1).arg(c + 1);
            if (cell.isEmpty()) return Result<Matrix>::failure(where + QStringLiteral(" is empty"));
            const Result<QString> text = toExpressionText(cell);
            if (!text)
                return Result<Matrix>::failure(
                    where + QStringLiteral(": cannot read %1: ").arg(quotedInMessage(cell)) + text.error());
            const Result<double> value = evaluateExpression(*text);
            if (!value) {
                // The expression quotes its text; the cell is quoted here already.
                QString detail = value.error();
                const QString suffix = QStringLiteral(" in ") + quotedInMessage(*text);
                if (detail.endsWith(suffix)) detail.chop(suffix.size());
                QString read = QStringLiteral(": cannot read %1").arg(quotedInMessage(cell));
                if (*text != cell) read += QStringLiteral(" (read as %1)").arg(quotedInMessage(*text));
                return Result<Matrix>::failure(where + read + QStringLiteral(": ") + detail);
            }
            values(Eigen::Index(r), Eigen::Index(c)) = *value;
        }
    }
    return values;
}

} // namespace

Result<ParsedMatrix> parseMatrix(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) return Result<ParsedMatrix>::failure(QStringLiteral("empty matrix"));

    Result<CellGrid> grid = CellGrid{};
    if (trimmed.contains(QLatin1String("\\begin")) || trimmed.contains(u'&') ||
        trimmed.contains(QLatin1String("\\\\")))
        grid = splitLatex(trimmed);
    else if (std::optional<Result<CellGrid>> list = splitList(trimmed))
        grid = std::move(*list);
    else
        grid = splitPlain(trimmed);
    if (!grid) return Result<ParsedMatrix>::failure(grid.error());

    Result<Matrix> values = evaluateCells(*grid, {});
    if (!values) return Result<ParsedMatrix>::failure(values.error());
    ParsedMatrix parsed;
    parsed.values = std::move(*values);
    parsed.cellTexts = std::move(*grid);
    for (QStringList& row : parsed.cellTexts)
        for (QString& cell : row)
            cell = cell.trimmed();
    return parsed;
}

Result<Matrix> matrixFromCells(const std::vector<QStringList>& cells, const QString& name)
{
    return evaluateCells(cells, name.isEmpty() ? QString() : name + QStringLiteral(": "));
}

} // namespace attnlab::model
