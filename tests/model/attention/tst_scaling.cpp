// Tests model/attention/scaling.cpp: every spelling parseScaling accepts (with the Scaling it means) and
// refuses (with its message), the factor scaleFactor multiplies QKᵀ by for each kind, worked out by hand, and
// scalingName reading back through parseScaling.

#include "model/attention/scaling.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

Q_DECLARE_METATYPE(attnlab::model::ScaleKind)

namespace tst_scaling {

using namespace attnlab::model;

class TestScaling : public QObject {
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void factor_data();
    void factor();
    void nameReadsBack_data();
    void nameReadsBack();
};

void TestScaling::accepts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ScaleKind>("kind");
    QTest::addColumn<double>("temperature");
    // 1/√d_k (Vaswani et al.) has four spellings; case and surrounding spaces do not matter.
    QTest::newRow("sqrt") << "sqrt" << ScaleKind::InverseSqrtDk << 1.0;
    QTest::newRow("SQRT, spaced") << "  SQRT\t" << ScaleKind::InverseSqrtDk << 1.0;
    QTest::newRow("1/sqrt(dk)") << "1/sqrt(dk)" << ScaleKind::InverseSqrtDk << 1.0;
    QTest::newRow("1/Sqrt(DK)") << "1/Sqrt(DK)" << ScaleKind::InverseSqrtDk << 1.0;
    QTest::newRow("default") << "default" << ScaleKind::InverseSqrtDk << 1.0;
    QTest::newRow("none") << "none" << ScaleKind::None << 1.0;
    QTest::newRow("None, spaced") << " None " << ScaleKind::None << 1.0;
    // "temperature:" and τ > 0 as a decimal number.
    QTest::newRow("temperature:2") << "temperature:2" << ScaleKind::Temperature << 2.0;
    QTest::newRow("Temperature:0.5") << "Temperature:0.5" << ScaleKind::Temperature << 0.5;
    QTest::newRow("temperature:1e-3") << "temperature:1e-3" << ScaleKind::Temperature << 1e-3;
    QTest::newRow("temperature:+8") << "temperature:+8" << ScaleKind::Temperature << 8.0;
    QTest::newRow("temperature: 4 (space after the colon)")
        << "temperature: 4" << ScaleKind::Temperature << 4.0;
}

void TestScaling::accepts()
{
    QFETCH(QString, text);
    QFETCH(ScaleKind, kind);
    QFETCH(double, temperature);
    const Result<Scaling> scaling = parseScaling(text);
    QVERIFY2(scaling, qPrintable(scaling.error()));
    QCOMPARE(scaling->kind, kind);
    QCOMPARE(scaling->temperature, temperature);
}

void TestScaling::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    // The message quotes the text as it was given (spaces and case kept).
    const auto unknown = [](const QString& text) {
        return QStringLiteral("unknown scaling \"%1\" (expected sqrt, none or temperature:T)").arg(text);
    };
    const auto badTemperature = [](const QString& text) {
        return QStringLiteral("scaling \"%1\": the temperature must be a positive number").arg(text);
    };
    QTest::newRow("empty") << "" << unknown("");
    QTest::newRow("cube") << "cube" << unknown("cube");
    QTest::newRow(" Cube ") << " Cube " << unknown(" Cube ");
    // A temperature needs its value; sqrt and none take none.
    QTest::newRow("temperature alone") << "temperature" << unknown("temperature");
    QTest::newRow("sqrt:2") << "sqrt:2" << unknown("sqrt:2");
    QTest::newRow("none:1") << "none:1" << unknown("none:1");
    QTest::newRow(":2") << ":2" << unknown(":2");
    QTest::newRow("sqrt(dk)") << "sqrt(dk)" << unknown("sqrt(dk)");
    QTest::newRow("temp:2") << "temp:2" << unknown("temp:2");
    // τ must be a finite number above 0.
    QTest::newRow("temperature:") << "temperature:" << badTemperature("temperature:");
    QTest::newRow("temperature:0") << "temperature:0" << badTemperature("temperature:0");
    QTest::newRow("temperature:-1") << "temperature:-1" << badTemperature("temperature:-1");
    QTest::newRow("temperature:x") << "temperature:x" << badTemperature("temperature:x");
    QTest::newRow("temperature:1/2") << "temperature:1/2" << badTemperature("temperature:1/2");
    QTest::newRow("temperature:inf") << "temperature:inf" << badTemperature("temperature:inf");
    QTest::newRow("temperature:nan") << "temperature:nan" << badTemperature("temperature:nan");
    QTest::newRow("temperature:1e400") << "temperature:1e400" << badTemperature("temperature:1e400");
    QTest::newRow("TEMPERATURE:-2") << "TEMPERATURE:-2" << badTemperature("TEMPERATURE:-2");
}

void TestScaling::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<Scaling> scaling = parseScaling(text);
    QVERIFY(!scaling);
    QCOMPARE(scaling.error(), message);
}

void TestScaling::factor_data()
{
    QTest::addColumn<ScaleKind>("kind");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<int>("dk");
    QTest::addColumn<double>("factor");
    // 1/√d_k: 1/√1 = 1, 1/√2, 1/√64 = 1/8; a width below 1 (no features) is taken as 1, never 1/0.
    QTest::newRow("sqrt, d_k 1") << ScaleKind::InverseSqrtDk << 1.0 << 1 << 1.0;
    QTest::newRow("sqrt, d_k 2") << ScaleKind::InverseSqrtDk << 1.0 << 2 << 1 / std::sqrt(2.0);
    QTest::newRow("sqrt, d_k 64") << ScaleKind::InverseSqrtDk << 1.0 << 64 << 0.125;
    QTest::newRow("sqrt, d_k 0") << ScaleKind::InverseSqrtDk << 1.0 << 0 << 1.0;
    QTest::newRow("sqrt, d_k -3") << ScaleKind::InverseSqrtDk << 1.0 << -3 << 1.0;
    // A kept temperature does not act under another kind: 1/√4 = 1/2, not 1/τ = 1/4.
    QTest::newRow("sqrt, d_k 4, τ 4 kept") << ScaleKind::InverseSqrtDk << 4.0 << 4 << 0.5;
    QTest::newRow("none, d_k 64") << ScaleKind::None << 1.0 << 64 << 1.0;
    QTest::newRow("none, d_k 64, τ 4 kept") << ScaleKind::None << 4.0 << 64 << 1.0;
    // 1/τ, whatever d_k.
    QTest::newRow("temperature 4") << ScaleKind::Temperature << 4.0 << 64 << 0.25;
    QTest::newRow("temperature 0.5") << ScaleKind::Temperature << 0.5 << 2 << 2.0;
    QTest::newRow("temperature 1") << ScaleKind::Temperature << 1.0 << 9 << 1.0;
}

void TestScaling::factor()
{
    QFETCH(ScaleKind, kind);
    QFETCH(double, temperature);
    QFETCH(int, dk);
    QFETCH(double, factor);
    QCOMPARE(scaleFactor(Scaling{kind, temperature}, dk), factor);
}

void TestScaling::nameReadsBack_data()
{
    QTest::addColumn<ScaleKind>("kind");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<QString>("name");
    QTest::newRow("sqrt") << ScaleKind::InverseSqrtDk << 1.0 << "sqrt";
    QTest::newRow("none") << ScaleKind::None << 1.0 << "none";
    QTest::newRow("temperature 2") << ScaleKind::Temperature << 2.0 << "temperature:2";
    QTest::newRow("temperature 0.25") << ScaleKind::Temperature << 0.25 << "temperature:0.25";
    // Every digit of τ is written, so that the trace JSON's "scaling" runs again with the same factor.
    QTest::newRow("temperature 1/3") << ScaleKind::Temperature << 1.0 / 3 << "temperature:0.3333333333333333";
    QTest::newRow("temperature 1.2345678") << ScaleKind::Temperature << 1.2345678 << "temperature:1.2345678";
}

// The name is what the trace JSON writes; parseScaling reads it back as the same Scaling.
void TestScaling::nameReadsBack()
{
    QFETCH(ScaleKind, kind);
    QFETCH(double, temperature);
    QFETCH(QString, name);
    const Scaling scaling{kind, temperature};
    QCOMPARE(scalingName(scaling), name);
    const Result<Scaling> back = parseScaling(name);
    QVERIFY2(back, qPrintable(back.error()));
    QVERIFY(*back == scaling);
}

ATTNLAB_TEST_APPLESS_MAIN(TestScaling)
} // namespace tst_scaling
#include "tst_scaling.moc"
