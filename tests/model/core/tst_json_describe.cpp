// Tests model/core/json_describe.cpp: how JSON values are named in error messages.

#include "model/core/json_describe.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace tst_json_describe {

using namespace attnlab::model;

class TestJsonDescribe : public QObject {
    Q_OBJECT
private slots:
    void describe_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("string") << QJsonValue(QStringLiteral("x")) << "\"x\"";
        QTest::newRow("integer") << QJsonValue(12) << "12";
        QTest::newRow("fraction") << QJsonValue(0.5) << "0.5";
        QTest::newRow("true") << QJsonValue(true) << "true";
        QTest::newRow("null") << QJsonValue() << "null";
        QTest::newRow("array") << QJsonValue(QJsonArray{1}) << "an array";
        QTest::newRow("object") << QJsonValue(QJsonObject{}) << "an object";
        QTest::newRow("long string is cut") << QJsonValue(QString(100, QLatin1Char('a')))
                                            << QStringLiteral("\"%1…\"").arg(QString(77, QLatin1Char('a')));
    }
    void describe()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, text);
        QCOMPARE(describeJson(value), text);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestJsonDescribe)
} // namespace tst_json_describe
#include "tst_json_describe.moc"
