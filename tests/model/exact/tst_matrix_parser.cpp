// Tests model/exact/matrix_parser.cpp: every pasted format (CSV, semicolons, whitespace, tabs, Python / NumPy,
// MATLAB, LaTeX with \frac and \sqrt), the exam's K matrix, round trips through formatExact, every error
// message (row, column and the offending text), and matrixFromCells as the matrices file uses it.

#include "model/exact/exact_format.h"
#include "model/exact/matrix_parser.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numbers>

namespace tst_matrix_parser {

using attnlab::model::findExactForm;
using attnlab::model::formatExact;
using attnlab::model::Matrix;
using attnlab::model::matrixFromCells;
using attnlab::model::parseMatrix;

namespace {

Matrix rows(std::initializer_list<std::initializer_list<double>> values)
{
    Matrix m(Eigen::Index(values.size()), Eigen::Index(values.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : values) {
        Eigen::Index c = 0;
        for (double v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

const double kSqrt2 = std::sqrt(2.0);
const double kPi = std::numbers::pi;

// The exam's K: rows of ±1/√2 written both ways.
Matrix examK()
{
    const double h = 1.0 / kSqrt2;
    return rows({{h, h}, {-h, h}, {h, -h}, {-h, -h}});
}

// value -> LaTeX written from its exact form independently of the parser: "-\frac{3\sqrt{2}}{4}".
QString latexOf(double value)
{
    const attnlab::model::ExactForm f = findExactForm(value);
    if (!f.exact) return attnlab::model::formatDecimal(value, 17);
    QString top = QString::number(std::abs(f.numerator));
    if (f.radicand != 1)
        top = (top == QLatin1String("1") ? QString() : top) + QStringLiteral("\\sqrt{%1}").arg(f.radicand);
    const QString sign = f.numerator < 0 ? QStringLiteral("-") : QString();
    if (f.denominator == 1) return sign + top;
    return sign + QStringLiteral("\\frac{%1}{%2}").arg(top).arg(f.denominator);
}

} // namespace

class TestMatrixParser : public QObject {
    Q_OBJECT

private slots:
    void formats_data();
    void formats();
    void cellTextsAreKeptAsTyped();
    void roundTrip_data();
    void roundTrip();
    void errors_data();
    void errors();
    void fromCells();
    void fromCellsErrors_data();
    void fromCellsErrors();
};

void TestMatrixParser::formats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Matrix>("expected");

    const Matrix m1234 = rows({{1, 2}, {3, 4}});
    const double h = 1.0 / kSqrt2;
    // plain text
    QTest::newRow("csv") << "1,2\n3,4" << m1234;
    QTest::newRow("csv with spaces and final newline") << "1, 2, 3\n4, 5, 6\n"
                                                       << rows({{1, 2, 3}, {4, 5, 6}});
    QTest::newRow("csv expressions") << "1/sqrt(2), -1/\u221A2\n3/2, exp(1/2)"
                                     << rows({{h, -h}, {1.5, std::exp(0.5)}});
    QTest::newRow("csv cells with spaces") << "1 / 2 , 2 pi" << rows({{0.5, 2 * kPi}});
    QTest::newRow("csv quoted") << "\"1/2\",'3'\n4,5" << rows({{0.5, 3}, {4, 5}});
    QTest::newRow("csv trailing commas") << "1,2,\n3,4," << m1234;
    QTest::newRow("semicolons") << "1 2; 3 4" << m1234;
    QTest::newRow("semicolons and commas") << "1, 2; 3, 4;" << m1234;
    QTest::newRow("whitespace") << "1 2 3\n4 5 6" << rows({{1, 2, 3}, {4, 5, 6}});
    QTest::newRow("tabs") << "1\t2\n3\t4" << m1234;
    QTest::newRow("blank lines") << "\n1 2\n\n  \n3 4\n\n" << m1234;
    QTest::newRow("windows line ends") << "1 2\r\n3 4\r\n" << m1234;
    QTest::newRow("single value") << "42" << rows({{42}});
    QTest::newRow("negative cells") << "-1 -2\n-3 -4" << rows({{-1, -2}, {-3, -4}});
    QTest::newRow("whitespace expressions")
        << "\u221A2 -1/\u221A2\n2pi 3\u221A2" << rows({{kSqrt2, -h}, {2 * kPi, 3 * kSqrt2}});
    QTest::newRow("latex cells in plain text") << "\\frac{1}{2} \\sqrt2" << rows({{0.5, kSqrt2}});
    // Python / NumPy / MATLAB
    QTest::newRow("nested list") << "[[1, 2], [3, 4]]" << m1234;
    QTest::newRow("nested list over lines") << "[[1, 2],\n [3, 4]]" << m1234;
    QTest::newRow("flat list is one row") << "[1, 2, 3]" << rows({{1, 2, 3}});
    QTest::newRow("exam K as strings")
        << "[[\"1/sqrt(2)\",\"1/sqrt(2)\"],[\"-1/\u221A2\",\"1/\u221A2\"],[\"1/\u221A2\",\"-1/\u221A2\"],"
           "[\"-1/sqrt(2)\",\"-1/sqrt(2)\"]]"
        << examK();
    QTest::newRow("single-quoted strings")
        << "[['1/2', '3'], ['-1', '2**0.5']]" << rows({{0.5, 3}, {-1, kSqrt2}});
    QTest::newRow("np.array") << "np.array([[1,2],[3,4]])" << m1234;
    QTest::newRow("numpy.array with dtype") << "numpy.array([[1,2],[3,4]], dtype=float)" << m1234;
    QTest::newRow("array with dtype object")
        << "array([[1.5, -2], [0, 1e-3]], dtype=np.float64)" << rows({{1.5, -2}, {0, 1e-3}});
    QTest::newRow("assignment") << "K = np.array([[1, 2]])" << rows({{1, 2}});
    QTest::newRow("python trailing commas") << "[[1, 2,], [3, 4,],]" << m1234;
    QTest::newRow("numpy functions") << "[[np.sqrt(2), math.pi], [np.exp(0), 1]]"
                                     << rows({{kSqrt2, kPi}, {1, 1}});
    QTest::newRow("matlab") << "[1 2; 3 4]" << m1234;
    // LaTeX
    QTest::newRow("bmatrix") << "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}" << m1234;
    QTest::newRow("pmatrix with frac and sqrt")
        << "\\begin{pmatrix} \\frac{1}{2} & \\sqrt{2} \\\\ -\\frac{1}{\\sqrt{2}} & \\sqrt2 \\end{pmatrix}"
        << rows({{0.5, kSqrt2}, {-h, kSqrt2}});
    QTest::newRow("exam K bmatrix")
        << "K = \\begin{bmatrix}\n \\frac{1}{\\sqrt{2}} & \\frac{1}{\\sqrt{2}} \\\\\n"
           " -\\frac{1}{\\sqrt{2}} & \\frac{1}{\\sqrt{2}} \\\\\n \\frac{1}{\\sqrt2} & -\\frac{1}{\\sqrt2} "
           "\\\\\n"
           " -\\frac{\\sqrt{2}}{2} & -\\tfrac{\\sqrt{2}}{2} \\\\\n\\end{bmatrix}"
        << examK();
    QTest::newRow("matrix") << "\\begin{matrix} 1 & 2 \\\\ 3 & 4 \\end{matrix}" << m1234;
    QTest::newRow("vmatrix in dollars") << "$$\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}$$" << m1234;
    QTest::newRow("starred with alignment")
        << "\\begin{bmatrix*}[r] 1 & 2 \\\\ 3 & 4 \\end{bmatrix*}" << m1234;
    QTest::newRow("array with column spec")
        << "\\left[\\begin{array}{cc} 1 & 2 \\\\ \\hline 3 & 4 \\end{array}\\right]" << m1234;
    QTest::newRow("body only") << "1 & 2 \\\\ 3 & 4" << m1234;
    QTest::newRow("body lines without row breaks") << "1 & 2\n3 & 4" << m1234;
    QTest::newRow("row spacing") << "1 & 2 \\\\[2pt] 3 & 4" << m1234;
    QTest::newRow("short forms and operators")
        << "\\frac12 & 2\\sqrt{3} \\\\ \\dfrac{3}{4} & \\pi \\\\ 2 \\cdot 3 & e^{1/2} \\\\ 6 \\div 4 & "
           "\\exp{1}"
        << rows({{0.5, 2 * std::sqrt(3.0)}, {0.75, kPi}, {6, std::exp(0.5)}, {1.5, std::exp(1.0)}});
    QTest::newRow("spacing commands") << "\\frac{1}{2}\\,\\sqrt{2} & \\left(1+1\\right)" << rows({{h, 2}});
}

void TestMatrixParser::formats()
{
    QFETCH(QString, text);
    QFETCH(Matrix, expected);
    const auto parsed = parseMatrix(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    ATTNLAB_COMPARE_MATRIX(parsed->values, expected, 1e-12);
    QCOMPARE(parsed->cellTexts.size(), std::size_t(expected.rows()));
    for (const QStringList& row : parsed->cellTexts)
        QCOMPARE(row.size(), qsizetype(expected.cols()));
}

void TestMatrixParser::cellTextsAreKeptAsTyped()
{
    const auto list = parseMatrix(QStringLiteral("[[\"1/sqrt(2)\", 3], [ ' -1 ', 4]]"));
    QVERIFY2(list.ok(), qPrintable(list.error()));
    QCOMPARE(list->cellTexts[0], QStringList({QStringLiteral("1/sqrt(2)"), QStringLiteral("3")}));
    QCOMPARE(list->cellTexts[1], QStringList({QStringLiteral("-1"), QStringLiteral("4")}));

    const auto latex = parseMatrix(QStringLiteral("\\begin{bmatrix} \\frac{1}{2} & 2 \\end{bmatrix}"));
    QVERIFY2(latex.ok(), qPrintable(latex.error()));
    QCOMPARE(latex->cellTexts[0], QStringList({QStringLiteral("\\frac{1}{2}"), QStringLiteral("2")}));
}

void TestMatrixParser::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("csv") << "csv";
    QTest::newRow("whitespace") << "whitespace";
    QTest::newRow("semicolons") << "semicolons";
    QTest::newRow("latex") << "latex";
    QTest::newRow("nested list") << "list";
}

void TestMatrixParser::roundTrip()
{
    QFETCH(QString, format);
    const double s2 = kSqrt2, s3 = std::sqrt(3.0);
    const Matrix m = rows({{9.0 / 26, -1 / s2, 2.5, 11},
                           {-3 / (2 * s2), 0, s3 / 3, 2 * std::sqrt(5.0)},
                           {kPi, 0.1234567, 1e-7, -12.5},
                           {-s3, 2.0 / 13, 1.0 / 997, 123456789}});
    // Decimals with 17 digits, so that a value with no exact form also comes back unchanged.
    auto cell = [&](Eigen::Index r, Eigen::Index c) {
        return format == QLatin1String("latex") ? latexOf(m(r, c)) : formatExact(m(r, c), 17);
    };
    const QString cellSep = format == QLatin1String("csv")     ? QStringLiteral(", ")
                            : format == QLatin1String("latex") ? QStringLiteral(" & ")
                            : format == QLatin1String("list")  ? QStringLiteral(", ")
                                                               : QStringLiteral(" ");
    const QString rowSep = format == QLatin1String("semicolons") ? QStringLiteral("; ")
                           : format == QLatin1String("latex")    ? QStringLiteral(" \\\\\n")
                           : format == QLatin1String("list")     ? QStringLiteral(",\n ")
                                                                 : QStringLiteral("\n");
    QStringList lines;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QStringList cells;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            cells << (format == QLatin1String("list") ? u'"' + cell(r, c) + u'"' : cell(r, c));
        lines << (format == QLatin1String("list") ? u'[' + cells.join(cellSep) + u']' : cells.join(cellSep));
    }
    QString text = lines.join(rowSep);
    if (format == QLatin1String("latex"))
        text = QStringLiteral("\\begin{bmatrix}\n%1\n\\end{bmatrix}").arg(text);
    else if (format == QLatin1String("list"))
        text = u'[' + text + u']';

    const auto parsed = parseMatrix(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error() + QStringLiteral("\n") + text));
    ATTNLAB_COMPARE_MATRIX(parsed->values, m, 1e-12);
}

void TestMatrixParser::errors_data()
{
    // Each row: the text and fragments that the message must contain ('|' separated).
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragments");

    QTest::newRow("empty") << ""
                           << "empty matrix";
    QTest::newRow("blank") << "  \n\n \t"
                           << "empty matrix";
    QTest::newRow("ragged") << "1 2 3\n4 5 6\n7 8"
                            << "row 3 has 2 columns, expected 3";
    QTest::newRow("ragged, one column") << "1,2\n3"
                                        << "row 2 has 1 column, expected 2";
    QTest::newRow("missing operand")
        << "1 2 3\n4 5 1/"
        << "row 2, column 3: cannot read \"1/\": expected a number after '/' at position 3";
    QTest::newRow("unknown name")
        << "1, sqr(2)"
        << "row 1, column 2: cannot read \"sqr(2)\": unknown name \"sqr\" at position 1";
    QTest::newRow("unknown variable") << "1 2\n3 x"
                                      << "row 2, column 2: cannot read \"x\": unknown name \"x\"";
    QTest::newRow("empty csv cell") << "1,,2"
                                    << "row 1, column 2 is empty";
    QTest::newRow("spaced expression in whitespace mode")
        << "1 / 2"
        << "row 1, column 2: cannot read \"/\": unexpected '/' at position 1";
    QTest::newRow("rows counted without blank lines") << "1 2\n\n\n3 oops"
                                                      << "row 2, column 2: cannot read \"oops\"";
    QTest::newRow("unbalanced list") << "[[1,2],[3,4]"
                                     << "missing ']'";
    QTest::newRow("ragged list") << "[[1,2],[3]]"
                                 << "row 2 has 1 column, expected 2";
    QTest::newRow("empty inner list") << "[[1,2],[]]"
                                      << "row 2 has 0 columns, expected 2";
    QTest::newRow("empty list") << "[]"
                                << "empty matrix";
    QTest::newRow("number between rows") << "[[1,2], 3]"
                                         << "unexpected \"3\" between the rows";
    QTest::newRow("three levels") << "[[[1]]]"
                                  << "row 1: lists are nested more than two deep";
    QTest::newRow("text after list") << "[[1,2]] foo"
                                     << "unexpected text after the list: \"foo\"";
    QTest::newRow("division by zero in list") << "[[\"1/0\", 1]]"
                                              << "row 1, column 1: cannot read \"1/0\": division by zero";
    QTest::newRow("ragged latex") << "\\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix}"
                                  << "row 2 has 1 column, expected 2";
    QTest::newRow("missing end") << "\\begin{bmatrix} 1 & 2"
                                 << "missing \\end{bmatrix}";
    QTest::newRow("latex division by zero")
        << "\\frac{1}{0} & 1"
        << "row 1, column 1: cannot read \"\\frac{1}{0}\" (read as \"((1)/(0))\"): division by zero";
    QTest::newRow("latex bad cell position") << "1 & 2 \\\\ 3 & \\frac{1}{}"
                                             << "row 2, column 2: cannot read \"\\frac{1}{}\"|unexpected ')'";
    QTest::newRow("unclosed brace") << "\\frac{1}{2 & 1"
                                    << "row 1, column 1: cannot read \"\\frac{1}{2\": missing '}'";
    QTest::newRow("stray brace") << "1} & 1"
                                 << "row 1, column 1: cannot read \"1}\": unexpected '}'";
    QTest::newRow("cube root") << "\\sqrt[3]{8} & 1"
                               << "row 1, column 1|only square roots are supported";
    QTest::newRow("unknown command")
        << "1 & \\alpha"
        << "row 1, column 2: cannot read \"\\alpha\": unknown LaTeX command \\alpha";
    QTest::newRow("deep braces") << QString(100000, u'{') + u'1' + QString(100000, u'}') +
                                        QStringLiteral(" & 1")
                                 << "row 1, column 1|nested more than 200 levels deep";
    QTest::newRow("deep commands") << QStringLiteral("\\sqrt").repeated(100000) + QStringLiteral("2 & 1")
                                   << "row 1, column 1|nested more than 200 levels deep";
    QTest::newRow("deep parentheses") << QString(100000, u'(') + QStringLiteral("1 2")
                                      << "row 1, column 1|nested more than 200 levels deep";
    QTest::newRow("missing argument") << "1 & \\frac{1}"
                                      << "row 1, column 2|missing argument";
}

void TestMatrixParser::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, fragments);
    const auto parsed = parseMatrix(text);
    QVERIFY2(!parsed.ok(), "accepted");
    for (const QString& fragment : fragments.split(u'|'))
        QVERIFY2(parsed.error().contains(fragment),
                 qPrintable(parsed.error() + QStringLiteral(" lacks ") + fragment));
    // Pasted walls of text are cut, so that the message stays one readable line.
    QVERIFY2(parsed.error().size() < 400, qPrintable(parsed.error()));
}

void TestMatrixParser::fromCells()
{
    // The matrices file reader turns JSON numbers into strings; 17 digits must survive.
    const std::vector<QStringList> cells = {
        {QStringLiteral("1/sqrt(2)"), QStringLiteral("1/sqrt(2)")},
        {QStringLiteral("-1/\u221A2"), QStringLiteral("1/\u221A2")},
        {QStringLiteral("1/\u221A2"), QStringLiteral("-1/\u221A2")},
        {QString::number(-1 / kSqrt2, 'g', 17), QStringLiteral(" -0.70710678118654757 ")},
    };
    const auto k = matrixFromCells(cells, QStringLiteral("K"));
    QVERIFY2(k.ok(), qPrintable(k.error()));
    ATTNLAB_COMPARE_MATRIX(*k, examK(), 1e-15);
}

void TestMatrixParser::fromCellsErrors_data()
{
    QTest::addColumn<std::vector<QStringList>>("cells");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    const QString one = QStringLiteral("1"), two = QStringLiteral("2");
    QTest::newRow("ragged") << std::vector<QStringList>{{one, two}, {one}} << "K"
                            << "K: row 2 has 1 column, expected 2";
    QTest::newRow("bad cell")
        << std::vector<QStringList>{{one, QStringLiteral("oops")}} << "V"
        << "V: row 1, column 2: cannot read \"oops\": unknown name \"oops\" at position 1";
    QTest::newRow("empty cell") << std::vector<QStringList>{{one, QStringLiteral(" ")}} << "Q"
                                << "Q: row 1, column 2 is empty";
    QTest::newRow("no rows") << std::vector<QStringList>{} << "K"
                             << "K: empty matrix";
    QTest::newRow("no columns") << std::vector<QStringList>{{}} << "X"
                                << "X: empty matrix";
    QTest::newRow("no name") << std::vector<QStringList>{{one}, {one, two}} << ""
                             << "row 2 has 2 columns, expected 1";
}

void TestMatrixParser::fromCellsErrors()
{
    QFETCH(std::vector<QStringList>, cells);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const auto result = matrixFromCells(cells, name);
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), expected);
}

ATTNLAB_TEST_APPLESS_MAIN(TestMatrixParser)
} // namespace tst_matrix_parser
#include "tst_matrix_parser.moc"
