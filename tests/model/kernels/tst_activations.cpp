// Tests model/kernels/activations.cpp: the one name table, and every activation in double (Matrix) and float
// (MatrixF) against values from their definitions: Φ(1) = 0.8413447460685429 from the normal table, the tanh
// approximation evaluated by hand, the logistic function.

#include "model/kernels/activations.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

Q_DECLARE_METATYPE(attnlab::model::Activation)

namespace tst_activations {

using namespace attnlab::model;

namespace {

// Φ(1), the standard normal distribution function at 1 (tables: 0.84134 47460 68543).
constexpr double kPhi1 = 0.8413447460685429;
// ½(1 + tanh(√(2/π)·(1 + 0.044715))) = ½(1 + tanh(0.8335606…)), GPT-2's approximation of Φ(1) at 1.
constexpr double kGeluTanh1 = 0.8411919906082768;

template <typename Scalar, int Options> void checkValue(Activation activation, double x, double expected)
{
    // A (2, 3) matrix of x: every entry, in either storage order, gets the same value.
    KernelMatrix<Scalar, Options> m = KernelMatrix<Scalar, Options>::Constant(2, 3, Scalar(x));
    activateInPlace(m, activation);
    // Float keeps about 7 significant digits of the result, double about 16.
    const double tolerance =
        (sizeof(Scalar) == sizeof(float) ? 1e-6 : 1e-15) * std::max(1.0, std::abs(expected));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            QVERIFY2(std::abs(double(m(r, c)) - expected) <= tolerance,
                     qPrintable(QStringLiteral("(%1, %2): %3, expected %4")
                                    .arg(r)
                                    .arg(c)
                                    .arg(double(m(r, c)), 0, 'g', 17)
                                    .arg(expected, 0, 'g', 17)));
}

} // namespace

class TestActivations : public QObject {
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void rejectsOtherNames_data();
    void rejectsOtherNames();
    void values_data();
    void values();
    void activateLeavesItsInput();
};

void TestActivations::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Activation>("activation");
    QTest::newRow("relu") << "relu" << Activation::ReLU;
    QTest::newRow("gelu") << "gelu" << Activation::Gelu;
    QTest::newRow("gelu_tanh") << "gelu_tanh" << Activation::GeluTanh;
    QTest::newRow("silu") << "silu" << Activation::Silu;
}

// Each name parses to its activation (case and spaces aside) and is the name the activation gives back.
void TestActivations::names()
{
    QFETCH(QString, name);
    QFETCH(Activation, activation);
    const Result<Activation> parsed =
        parseActivation(QStringLiteral("  ") + name.toUpper() + QStringLiteral(" "));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, activation);
    QCOMPARE(activationName(activation), name);
}

void TestActivations::rejectsOtherNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("swish") << "swish";
    // Configuration spellings are mapped where config.json is read, not here.
    QTest::newRow("gelu_new") << "gelu_new";
    QTest::newRow("empty") << "";
}

void TestActivations::rejectsOtherNames()
{
    QFETCH(QString, name);
    const Result<Activation> parsed = parseActivation(name);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(QStringLiteral("\"%1\"").arg(name)), qPrintable(parsed.error()));
    for (const char* valid : {"relu", "gelu", "gelu_tanh", "silu"})
        QVERIFY2(parsed.error().contains(QLatin1String(valid)), qPrintable(parsed.error()));
}

void TestActivations::values_data()
{
    QTest::addColumn<Activation>("activation");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expected");
    const double e = std::exp(1.0);
    QTest::newRow("relu(-1)") << Activation::ReLU << -1.0 << 0.0;
    QTest::newRow("relu(0)") << Activation::ReLU << 0.0 << 0.0;
    QTest::newRow("relu(2.5)") << Activation::ReLU << 2.5 << 2.5;
    // gelu(x) = x·Φ(x); Φ(−1) = 1 − Φ(1).
    QTest::newRow("gelu(1)") << Activation::Gelu << 1.0 << kPhi1;
    QTest::newRow("gelu(-1)") << Activation::Gelu << -1.0 << -(1 - kPhi1);
    QTest::newRow("gelu(0)") << Activation::Gelu << 0.0 << 0.0;
    QTest::newRow("gelu(6)") << Activation::Gelu << 6.0 << 6.0 * (1 - 9.865876450377012e-10); // 1 − Φ(6)
    // tanh is odd: gelu_tanh(−1) = −½(1 − tanh(0.83…)) = −(1 − gelu_tanh(1)).
    QTest::newRow("gelu_tanh(1)") << Activation::GeluTanh << 1.0 << kGeluTanh1;
    QTest::newRow("gelu_tanh(-1)") << Activation::GeluTanh << -1.0 << -(1 - kGeluTanh1);
    QTest::newRow("gelu_tanh(0)") << Activation::GeluTanh << 0.0 << 0.0;
    // silu(x) = x / (1 + e^−x).
    QTest::newRow("silu(1)") << Activation::Silu << 1.0 << 1 / (1 + 1 / e);
    QTest::newRow("silu(-1)") << Activation::Silu << -1.0 << -1 / (1 + e);
    QTest::newRow("silu(0)") << Activation::Silu << 0.0 << 0.0;
    QTest::newRow("silu(-200)") << Activation::Silu << -200.0 << 0.0; // e^200 overflows float: −200/∞ = −0
}

void TestActivations::values()
{
    QFETCH(Activation, activation);
    QFETCH(double, x);
    QFETCH(double, expected);
    checkValue<double, Eigen::ColMajor>(activation, x, expected);
    checkValue<float, Eigen::RowMajor>(activation, x, expected);
}

// activate() copies: the matrix (or expression) given stays as it is.
void TestActivations::activateLeavesItsInput()
{
    Matrix x(1, 3);
    x << -2, 0, 3;
    const Matrix relu = activate(x, Activation::ReLU);
    ATTNLAB_COMPARE_MATRIX(relu, (Matrix(1, 3) << 0, 0, 3).finished(), 0.0);
    ATTNLAB_COMPARE_MATRIX(x, (Matrix(1, 3) << -2, 0, 3).finished(), 0.0);
    using MatrixF = KernelMatrix<float, Eigen::RowMajor>;
    const MatrixF doubled = activate(MatrixF::Constant(1, 2, -1.0f) * 2.0f, Activation::ReLU);
    QCOMPARE(doubled(0, 1), 0.0f);
}

ATTNLAB_TEST_APPLESS_MAIN(TestActivations)
} // namespace tst_activations
#include "tst_activations.moc"
