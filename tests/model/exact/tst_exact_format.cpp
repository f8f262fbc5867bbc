// Tests model/exact/exact_format.cpp: the p/q·√r search (integers, fractions with large denominators, radicals,
// the simplest form winning), the strings shown, decimals, and values that must not be forced into a form.

#include "model/exact/exact_format.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <numbers>

namespace tst_exact_format {

using attnlab::model::ExactForm;
using attnlab::model::findExactForm;
using attnlab::model::formatDecimal;
using attnlab::model::formatExact;

class TestExactFormat : public QObject {
    Q_OBJECT

private slots:
    void findExactForm_data();
    void findExactForm();
    void findExactFormWithTolerance();
    void formatExact_data();
    void formatExact();
    void formatDecimal_data();
    void formatDecimal();
};

void TestExactFormat::findExactForm_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<qlonglong>("numerator");
    QTest::addColumn<qlonglong>("denominator");
    QTest::addColumn<qlonglong>("radicand");

    const double sqrt2 = std::sqrt(2.0);
    QTest::newRow("integer") << 11.0 << true << 11LL << 1LL << 1LL;
    QTest::newRow("negative integer") << -3.0 << true << -3LL << 1LL << 1LL;
    QTest::newRow("almost an integer") << 0.9999999999 << true << 1LL << 1LL << 1LL;
    QTest::newRow("tiny is zero") << 1e-12 << true << 0LL << 1LL << 1LL;
    QTest::newRow("negative tiny is zero") << -1e-12 << true << 0LL << 1LL << 1LL;
    QTest::newRow("five halves") << 2.5 << true << 5LL << 2LL << 1LL;
    QTest::newRow("nine 26ths") << 9.0 / 26.0 << true << 9LL << 26LL << 1LL;
    QTest::newRow("minus nine 26ths") << -9.0 / 26.0 << true << -9LL << 26LL << 1LL;
    QTest::newRow("two 13ths") << 2.0 / 13.0 << true << 2LL << 13LL << 1LL;
    QTest::newRow("printed with 9 digits") << 0.346153846 << true << 9LL << 26LL << 1LL;
    QTest::newRow("one third within tolerance") << 0.3333333333 << true << 1LL << 3LL << 1LL;
    QTest::newRow("denominator 997") << 1.0 / 997.0 << true << 1LL << 997LL << 1LL;
    QTest::newRow("denominator 1000") << 999.0 / 1000.0 << true << 999LL << 1000LL << 1LL;
    QTest::newRow("pi-like fraction") << 355.0 / 113.0 << true << 355LL << 113LL << 1LL;
    QTest::newRow("large integer") << 123456789.0 << true << 123456789LL << 1LL << 1LL;
    QTest::newRow("1e12") << 1e12 << true << 1000000000000LL << 1LL << 1LL;
    QTest::newRow("large half") << 1e11 + 0.5 << true << 200000000001LL << 2LL << 1LL;
    QTest::newRow("one over root two") << 1.0 / sqrt2 << true << 1LL << 2LL << 2LL;
    QTest::newRow("minus three over two root two") << -3.0 / (2.0 * sqrt2) << true << -3LL << 4LL << 2LL;
    QTest::newRow("root three over three") << std::sqrt(3.0) / 3.0 << true << 1LL << 3LL << 3LL;
    QTest::newRow("two root five") << 2.0 * std::sqrt(5.0) << true << 2LL << 1LL << 5LL;
    QTest::newRow("minus root three") << -std::sqrt(3.0) << true << -1LL << 1LL << 3LL;
    QTest::newRow("root eight is two root two") << std::sqrt(8.0) << true << 2LL << 1LL << 2LL;
    QTest::newRow("root 50 is five root two") << std::sqrt(50.0) << true << 5LL << 1LL << 2LL;
    QTest::newRow("root of three halves") << std::sqrt(1.5) << true << 1LL << 2LL << 6LL;
    QTest::newRow("radicand 47") << std::sqrt(47.0) / 5.0 << true << 1LL << 5LL << 47LL;
    QTest::newRow("radical denominator 99") << 7.0 * sqrt2 / 99.0 << true << 7LL << 99LL << 2LL;
    QTest::newRow("large radical numerator") << 9999.0 * std::sqrt(3.0) << true << 9999LL << 1LL << 3LL;
    QTest::newRow("decimal") << 0.1234567 << false << 0LL << 1LL << 1LL;
    QTest::newRow("small decimal") << 1e-7 << false << 0LL << 1LL << 1LL;
    QTest::newRow("pi") << std::numbers::pi << false << 0LL << 1LL << 1LL;
    QTest::newRow("e") << std::numbers::e << false << 0LL << 1LL << 1LL;
    QTest::newRow("denominator 1001") << 1.0 / 1001.0 << false << 0LL << 1LL << 1LL;
    QTest::newRow("radical denominator 101") << sqrt2 / 101.0 << false << 0LL << 1LL << 1LL;
    QTest::newRow("beyond 1e12") << 1e13 << false << 0LL << 1LL << 1LL;
    QTest::newRow("huge") << 1e300 << false << 0LL << 1LL << 1LL;
    QTest::newRow("largest double") << -std::numeric_limits<double>::max() << false << 0LL << 1LL << 1LL;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << false << 0LL << 1LL << 1LL;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << false << 0LL << 1LL << 1LL;
}

void TestExactFormat::findExactForm()
{
    QFETCH(double, value);
    QFETCH(bool, exact);
    QFETCH(qlonglong, numerator);
    QFETCH(qlonglong, denominator);
    QFETCH(qlonglong, radicand);
    const ExactForm form = attnlab::model::findExactForm(value);
    QCOMPARE(form.exact, exact);
    if (!exact) return;
    QCOMPARE(form.numerator, numerator);
    QCOMPARE(form.denominator, denominator);
    QCOMPARE(form.radicand, radicand);
}

void TestExactFormat::findExactFormWithTolerance()
{
    const ExactForm loose = attnlab::model::findExactForm(0.3334, 1e-3);
    QVERIFY(loose.exact);
    QCOMPARE(loose.numerator, 1LL);
    QCOMPARE(loose.denominator, 3LL);
    QVERIFY(!attnlab::model::findExactForm(0.3334).exact);
}

void TestExactFormat::formatExact_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");

    const double sqrt2 = std::sqrt(2.0);
    QTest::newRow("integer") << 11.0 << "11";
    QTest::newRow("negative integer") << -3.0 << "-3";
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("negative zero") << -0.0 << "0";
    QTest::newRow("tiny") << 1e-12 << "0";
    QTest::newRow("negative tiny") << -1e-12 << "0";
    QTest::newRow("five halves") << 2.5 << "5/2";
    QTest::newRow("nine 26ths") << 9.0 / 26.0 << "9/26";
    QTest::newRow("minus nine 26ths") << -9.0 / 26.0 << "-9/26";
    QTest::newRow("two 13ths") << 2.0 / 13.0 << "2/13";
    QTest::newRow("one over root two") << 1.0 / sqrt2 << "\u221A2/2";
    QTest::newRow("minus three over two root two") << -3.0 / (2.0 * sqrt2) << "-3\u221A2/4";
    QTest::newRow("three root two over four") << 3.0 * sqrt2 / 4.0 << "3\u221A2/4";
    QTest::newRow("root three over three") << std::sqrt(3.0) / 3.0 << "\u221A3/3";
    QTest::newRow("minus root three") << -std::sqrt(3.0) << "-\u221A3";
    QTest::newRow("two root five") << 2.0 * std::sqrt(5.0) << "2\u221A5";
    QTest::newRow("large integer") << 123456789.0 << "123456789";
    QTest::newRow("decimal") << 0.1234567 << "0.123457";
    QTest::newRow("small decimal") << 1e-7 << "1e-07";
    QTest::newRow("pi") << std::numbers::pi << "3.14159";
    QTest::newRow("beyond 1e12") << 1.5e13 << "1.5e+13";
    QTest::newRow("huge negative") << -1e300 << "-1e+300";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << "\u221E";
    QTest::newRow("minus infinity") << -std::numeric_limits<double>::infinity() << "-\u221E";
}

void TestExactFormat::formatExact()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(attnlab::model::formatExact(value), expected);
}

void TestExactFormat::formatDecimal_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("digits");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nine 26ths") << 9.0 / 26.0 << 6 << "0.346154";
    QTest::newRow("negative") << -12.5 << 6 << "-12.5";
    QTest::newRow("integer-valued") << 100.0 << 6 << "100";
    QTest::newRow("zero") << 0.0 << 6 << "0";
    QTest::newRow("negative zero") << -0.0 << 6 << "0";
    QTest::newRow("rounds to integer") << 123456.7 << 6 << "123457";
    QTest::newRow("just below 1e6") << 999999.4 << 6 << "999999";
    QTest::newRow("no exponent for few digits") << 12345.678 << 3 << "12346";
    QTest::newRow("lower limit") << 1e-4 << 6 << "0.0001";
    QTest::newRow("just above lower limit") << 0.000123456789 << 6 << "0.000123457";
    QTest::newRow("tiny") << 1e-7 << 6 << "1e-07";
    QTest::newRow("below lower limit") << 2.5e-5 << 6 << "2.5e-05";
    QTest::newRow("1e6") << 1e6 << 6 << "1e+06";
    QTest::newRow("huge") << 1e300 << 6 << "1e+300";
    QTest::newRow("one third, 3 digits") << 1.0 / 3.0 << 3 << "0.333";
    QTest::newRow("two digits") << 1.5 << 2 << "1.5";
    QTest::newRow("digits clamped to 1") << std::numbers::pi << 0 << "3";
    QTest::newRow("17 digits round-trip") << 0.1 << 17 << "0.10000000000000001";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 6 << "nan";
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 6 << "\u221E";
    QTest::newRow("minus infinity") << -std::numeric_limits<double>::infinity() << 6 << "-\u221E";
}

void TestExactFormat::formatDecimal()
{
    QFETCH(double, value);
    QFETCH(int, digits);
    QFETCH(QString, expected);
    QCOMPARE(attnlab::model::formatDecimal(value, digits), expected);
}

ATTNLAB_TEST_APPLESS_MAIN(TestExactFormat)
} // namespace tst_exact_format
#include "tst_exact_format.moc"
