// Tests model/core/result.h: a value or an error message, Result<void> for success or an error alone, and
// that a message can never become a successful Result<QString> by being returned.

#include "model/core/result.h"
#include "test_registry.h"

#include <QJsonValue>
#include <QTest>

#include <memory>
#include <type_traits>

namespace tst_result {

using namespace attnlab::model;

// `return message;` in a function returning Result<QString> must not compile (it would be a success); nor in
// one returning another type a QString converts to. Values of every other type still convert on return.
static_assert(!std::is_convertible_v<QString, Result<QString>>);
static_assert(!std::is_convertible_v<const QString&, Result<QString>>);
static_assert(!std::is_convertible_v<QString, Result<QJsonValue>>);
static_assert(requires(QString text) { Result<QString>::success(text); });
static_assert(std::is_convertible_v<int, Result<int>>);
static_assert(std::is_convertible_v<QStringList, Result<QStringList>>);
static_assert(std::is_convertible_v<std::unique_ptr<int>, Result<std::unique_ptr<int>>>);
// Nothing but success() and failure() makes a Result<void>: no bool or message slips in as one.
static_assert(!std::is_convertible_v<bool, Result<void>>);
static_assert(!std::is_convertible_v<QString, Result<void>>);
static_assert(!std::is_default_constructible_v<Result<void>>);

namespace {

// n ≥ 1, or a message naming it.
Result<void> checkPositive(int n)
{
    if (n < 1) return Result<void>::failure(QStringLiteral("%1 is not positive").arg(n));
    return Result<void>::success();
}

// "Ada" -> "Hello, Ada"; an empty name is an error.
Result<QString> greeting(const QString& name)
{
    if (name.isEmpty()) return Result<QString>::failure(QStringLiteral("no name"));
    return Result<QString>::success(QStringLiteral("Hello, ") + name);
}

} // namespace

class TestResult : public QObject {
    Q_OBJECT

private slots:
    void voidResultIsSuccessOrItsMessage_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("error");
        QTest::newRow("positive") << 3 << true << QString();
        QTest::newRow("one") << 1 << true << QString();
        QTest::newRow("zero") << 0 << false << QStringLiteral("0 is not positive");
        QTest::newRow("negative") << -2 << false << QStringLiteral("-2 is not positive");
    }

    void voidResultIsSuccessOrItsMessage()
    {
        QFETCH(int, n);
        QFETCH(bool, ok);
        QFETCH(QString, error);
        const Result<void> checked = checkPositive(n);
        QCOMPARE(checked.ok(), ok);
        QCOMPARE(bool(checked), ok);
        QCOMPARE(checked.error(), error);
    }

    void aFailureWithoutAMessageIsStillAFailure()
    {
        QVERIFY(!Result<void>::failure(QString()).ok());
        QVERIFY(!Result<int>::failure(QString()).ok());
        QVERIFY(Result<void>::success().error().isEmpty());
    }

    void stringResultKeepsValueAndErrorApart_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("text"); // the value when ok, else the error
        QTest::newRow("named") << QStringLiteral("Ada") << true << QStringLiteral("Hello, Ada");
        QTest::newRow("empty") << QString() << false << QStringLiteral("no name");
    }

    void stringResultKeepsValueAndErrorApart()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QFETCH(QString, text);
        const Result<QString> said = greeting(name);
        QCOMPARE(said.ok(), ok);
        if (ok) {
            QCOMPARE(*said, text);
            QVERIFY(said.error().isEmpty());
        } else {
            QCOMPARE(said.error(), text);
        }
    }

    void anEmptyStringIsAValue()
    {
        // Success with an empty value is not an error: ok() looks at the value, not at the text.
        const Result<QString> empty = Result<QString>::success(QString());
        QVERIFY(empty.ok());
        QVERIFY(empty->isEmpty());
    }

    void valuesConvertAndMoveOut()
    {
        const auto make = []() -> Result<std::unique_ptr<int>> { return std::make_unique<int>(7); };
        Result<std::unique_ptr<int>> made = make();
        QVERIFY(made.ok());
        QCOMPARE(**made, 7);
        const std::unique_ptr<int> taken = std::move(made).value();
        QCOMPARE(*taken, 7);

        const auto half = [](int n) -> Result<int> {
            if (n % 2 != 0) return Result<int>::failure(QStringLiteral("%1 is odd").arg(n));
            return n / 2;
        };
        QCOMPARE(half(10).value(), 5);
        QCOMPARE(half(7).error(), QStringLiteral("7 is odd"));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestResult)
} // namespace tst_result
#include "tst_result.moc"
