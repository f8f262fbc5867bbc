// Tests model/exact/expression.cpp: every syntax element against values derived here with <cmath>, every error
// message (text, position and quoted input), and that pathological nesting is an error rather than a crash.

#include "model/exact/expression.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <numbers>

namespace tst_expression {

using attnlab::model::evaluateExpression;

class TestExpression : public QObject {
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void errors_data();
    void errors();
    void deepNestingIsAnError_data();
    void deepNestingIsAnError();
    void nestingUpToTheLimitWorks_data();
    void nestingUpToTheLimitWorks();
    void longTextIsElidedInMessages();
};

void TestExpression::values_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected");

    const double sqrt2 = std::sqrt(2.0);
    const double pi = std::numbers::pi;
    const double e = std::numbers::e;

    // numbers
    QTest::newRow("integer") << "11" << 11.0;
    QTest::newRow("zero") << "0" << 0.0;
    QTest::newRow("leading zeros") << "007" << 7.0;
    QTest::newRow("decimal") << "1.5" << 1.5;
    QTest::newRow("decimal without integer part") << ".5" << 0.5;
    QTest::newRow("decimal without fraction digits") << "2." << 2.0;
    QTest::newRow("exponent") << "1e-3" << 0.001;
    QTest::newRow("exponent upper case, plus") << "2.5E+2" << 250.0;
    QTest::newRow("exponent with unicode minus") << "1e\u22122" << 0.01;
    // arithmetic and precedence
    QTest::newRow("fraction") << "3/2" << 1.5;
    QTest::newRow("negative fraction") << "-9/26" << -9.0 / 26.0;
    QTest::newRow("precedence") << "1+2*3" << 7.0;
    QTest::newRow("parentheses") << "(1+2)*3" << 9.0;
    QTest::newRow("subtraction is left-associative") << "10-4-3" << 3.0;
    QTest::newRow("division is left-associative") << "24/4/3" << 2.0;
    QTest::newRow("mixed product") << "2*3/4" << 1.5;
    // power
    QTest::newRow("power") << "2^10" << 1024.0;
    QTest::newRow("power is right-associative") << "2^3^2" << 512.0;
    QTest::newRow("unary minus binds looser than power") << "-2^2" << -4.0;
    QTest::newRow("parenthesised negative base") << "(-2)^2" << 4.0;
    QTest::newRow("negative exponent") << "2^-1" << 0.5;
    QTest::newRow("negative exponent of a power") << "2^-2^2" << 1.0 / 16.0;
    QTest::newRow("fractional exponent") << "4^0.5" << 2.0;
    QTest::newRow("python power") << "2**3" << 8.0;
    // unary
    QTest::newRow("unary minus") << "-3" << -3.0;
    QTest::newRow("unary plus") << "+3" << 3.0;
    QTest::newRow("double minus") << "--3" << 3.0;
    QTest::newRow("minus a group") << "-(1+2)" << -3.0;
    QTest::newRow("minus after times") << "2*-3" << -6.0;
    QTest::newRow("minus minus") << "2--3" << 5.0;
    // unicode operators
    QTest::newRow("unicode minus and root") << "\u22121/\u221A2" << -1.0 / sqrt2;
    QTest::newRow("times sign") << "2\u00D73" << 6.0;
    QTest::newRow("middle dot") << "2\u00B73" << 6.0;
    QTest::newRow("dot operator") << "2\u22C53" << 6.0;
    QTest::newRow("division sign") << "6\u00F74" << 1.5;
    // roots
    QTest::newRow("sqrt()") << "sqrt(2)" << sqrt2;
    QTest::newRow("sqrt without parentheses") << "sqrt2" << sqrt2;
    QTest::newRow("root sign") << "\u221A2" << sqrt2;
    QTest::newRow("root sign with parentheses") << "\u221A(2)" << sqrt2;
    QTest::newRow("root of a sum") << "\u221A(9+16)" << 5.0;
    QTest::newRow("exam K entry") << "1/sqrt(2)" << 1.0 / sqrt2;
    QTest::newRow("minus one over root two") << "-1/\u221A2" << -1.0 / sqrt2;
    QTest::newRow("coefficient times root") << "3\u221A2" << 3.0 * sqrt2;
    QTest::newRow("exact display form") << "3\u221A2/4" << 3.0 * sqrt2 / 4.0;
    QTest::newRow("root times root") << "\u221A2\u221A3" << std::sqrt(6.0);
    QTest::newRow("nested roots") << "\u221A\u221A16" << 2.0;
    QTest::newRow("root then power") << "\u221A2^2" << 2.0;
    QTest::newRow("root over number") << "\u221A16/2" << 2.0;
    QTest::newRow("minus three over two root two") << "-3/(2\u221A2)" << -3.0 / (2.0 * sqrt2);
    // constants and functions
    QTest::newRow("pi") << "pi" << pi;
    QTest::newRow("pi sign") << "\u03C0" << pi;
    QTest::newRow("e") << "e" << e;
    QTest::newRow("two pi") << "2pi" << 2.0 * pi;
    QTest::newRow("two pi sign") << "2\u03C0" << 2.0 * pi;
    QTest::newRow("two e") << "2e" << 2.0 * e;
    QTest::newRow("pi over four") << "pi/4" << pi / 4.0;
    QTest::newRow("e squared") << "e^2" << e * e;
    QTest::newRow("exp") << "exp(1/2)" << std::exp(0.5);
    QTest::newRow("exp zero") << "exp(0)" << 1.0;
    QTest::newRow("ln") << "ln(2)" << std::log(2.0);
    QTest::newRow("ln e") << "ln(e)" << 1.0;
    QTest::newRow("log is natural") << "log(10)" << std::log(10.0);
    QTest::newRow("names ignore case") << "Sqrt(4)+PI" << 2.0 + pi;
    // implicit multiplication binds tighter than '/'
    QTest::newRow("number times group") << "2(3)" << 6.0;
    QTest::newRow("group times group") << "(2)(3)(4)" << 24.0;
    QTest::newRow("one over two root two") << "1/2\u221A2" << 1.0 / (2.0 * sqrt2);
    QTest::newRow("one over two pi") << "1/2pi" << 1.0 / (2.0 * pi);
    QTest::newRow("juxtaposition with space") << "2 pi" << 2.0 * pi;
    QTest::newRow("power before juxtaposition") << "2^3pi" << 8.0 * pi;
    // whitespace
    QTest::newRow("spaces") << " 1 + 2 " << 3.0;
    QTest::newRow("tabs and newlines") << "\t3\n*\n2" << 6.0;
    QTest::newRow("no-break space") << "1\u00A0+\u00A02" << 3.0;
}

void TestExpression::values()
{
    QFETCH(QString, text);
    QFETCH(double, expected);
    const auto result = evaluateExpression(text);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY2(std::abs(*result - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
             qPrintable(QStringLiteral("%1 vs %2").arg(*result, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

void TestExpression::errors_data()
{
    // Each row: the text and fragments that the message must contain ('|' separated).
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragments");

    QTest::newRow("empty") << ""
                           << "empty expression";
    QTest::newRow("blank") << "  \t "
                           << "empty expression";
    QTest::newRow("extra close") << "1/(2))"
                                 << "unexpected ')' at position 6 in \"1/(2))\"";
    QTest::newRow("unknown name") << "sqr(2)"
                                  << "unknown name \"sqr\" at position 1 in \"sqr(2)\"";
    QTest::newRow("unknown variable") << "2*x"
                                      << "unknown name \"x\" at position 3";
    QTest::newRow("division by zero") << "1/0"
                                      << "division by zero in \"1/0\"";
    QTest::newRow("division by a zero sum") << "1/(1-1)"
                                            << "division by zero in \"1/(1-1)\"";
    QTest::newRow("zero to a negative power") << "0^-1"
                                              << "division by zero";
    QTest::newRow("missing operand") << "1/"
                                     << "expected a number after '/' at position 3 in \"1/\"";
    QTest::newRow("missing operand after root") << "2*\u221A"
                                                << "expected a number after '\u221A'";
    QTest::newRow("missing operand after function") << "sqrt"
                                                    << "expected a number after 'sqrt'";
    QTest::newRow("missing operand in group") << "("
                                              << "expected a number after '('";
    QTest::newRow("unclosed group") << "(1+2"
                                    << "missing ')' for the '(' at position 1 in \"(1+2\"";
    QTest::newRow("two numbers") << "2 3"
                                 << "unexpected '3' at position 3";
    QTest::newRow("two operators") << "1+*2"
                                   << "unexpected '*' at position 3";
    QTest::newRow("empty group") << "()"
                                 << "unexpected ')' at position 2";
    QTest::newRow("comma") << "1,5"
                           << "unexpected ',' at position 2";
    QTest::newRow("stray character") << "2$"
                                     << "unexpected '$' at position 2 in \"2$\"";
    QTest::newRow("non-ascii letter") << "\u03B1"
                                      << "unexpected '\u03B1' at position 1";
    QTest::newRow("lone dot") << "."
                              << "unexpected '.' at position 1";
    QTest::newRow("two dots") << "1.2.3"
                              << "unexpected '.3' at position 4";
    QTest::newRow("digit after name") << "pi2"
                                      << "unexpected '2' at position 3";
    QTest::newRow("root of a negative") << "sqrt(-1)"
                                        << "square root of a negative number at position 1";
    QTest::newRow("root sign of a negative") << "1+\u221A(-4)"
                                             << "square root of a negative number at position 3";
    QTest::newRow("log of zero") << "ln(0)"
                                 << "logarithm of a number that is not positive at position 1";
    QTest::newRow("overflowing exp") << "exp(1000)"
                                     << "too large|in \"exp(1000)\"";
    QTest::newRow("overflow hidden by a division") << "1/exp(1000)"
                                                   << "too large to represent at position 3";
    QTest::newRow("overflowing power") << "10^400"
                                       << "too large to represent at position 3";
    QTest::newRow("no real cube root") << "(-8)^(1/3)"
                                       << "no real number at position 5";
    QTest::newRow("number out of range") << "1e999"
                                         << "number 1e999 is out of range at position 1";
}

void TestExpression::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, fragments);
    const auto result = evaluateExpression(text);
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("accepted, value %1").arg(result ? *result : 0.0)));
    for (const QString& fragment : fragments.split(u'|'))
        QVERIFY2(result.error().contains(fragment),
                 qPrintable(result.error() + QStringLiteral(" lacks ") + fragment));
}

void TestExpression::deepNestingIsAnError_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("201 parentheses") << QString(201, u'(') + u'1' + QString(201, u')');
    QTest::newRow("100000 parentheses") << QString(100000, u'(') + u'1' + QString(100000, u')');
    QTest::newRow("unclosed parentheses") << QString(100000, u'(');
    QTest::newRow("minus signs") << QString(5000, u'-') + u'1';
    QTest::newRow("root signs") << QString(5000, u'\u221A') + u'4';
    QTest::newRow("power tower") << QStringLiteral("2^").repeated(5000) + u'1';
    QTest::newRow("repeated carets") << QStringLiteral("2") + QString(5000, u'^') + u'1';
    QTest::newRow("function calls") << QStringLiteral("sqrt(").repeated(5000) + u'1' + QString(5000, u')');
}

void TestExpression::deepNestingIsAnError()
{
    QFETCH(QString, text);
    const auto result = evaluateExpression(text);
    QVERIFY(!result.ok());
    // "^^" is not nesting but an operand missing; everything else must hit the depth limit.
    if (!text.contains(QLatin1String("^^")))
        QVERIFY2(result.error().contains(QLatin1String("nested more than 200 levels deep")),
                 qPrintable(result.error()));
}

void TestExpression::nestingUpToTheLimitWorks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected");
    QTest::newRow("200 parentheses") << QString(200, u'(') + u'7' + QString(200, u')') << 7.0;
    QTest::newRow("200 minus signs") << QString(200, u'-') + u'7' << 7.0;
    QTest::newRow("199 minus signs") << QString(199, u'-') + u'7' << -7.0;
}

void TestExpression::nestingUpToTheLimitWorks()
{
    QFETCH(QString, text);
    QFETCH(double, expected);
    const auto result = evaluateExpression(text);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, expected);
}

void TestExpression::longTextIsElidedInMessages()
{
    const QString text = QStringLiteral("1+").repeated(10000) + u'x';
    const auto result = evaluateExpression(text);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().size() < 200, qPrintable(result.error()));
    QVERIFY(result.error().contains(QLatin1String("unknown name \"x\" at position 20001")));
    QVERIFY(result.error().contains(QStringLiteral("…\"")));
}

ATTNLAB_TEST_APPLESS_MAIN(TestExpression)
} // namespace tst_expression
#include "tst_expression.moc"
