// Tests model/exact/matrix_writer.cpp: hand-written expected text, and that model::parseMatrix reads it back.

#include "model/exact/matrix_parser.h"
#include "model/exact/matrix_writer.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

namespace tst_matrix_writer {

using namespace attnlab::model;

class TestMatrixWriter : public QObject {
    Q_OBJECT
private slots:
    void latexValues_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("latex");
        QTest::newRow("integer") << 11.0 << "11";
        QTest::newRow("negative fraction") << -9.0 / 26 << "-\\frac{9}{26}";
        QTest::newRow("root over two") << 1 / std::sqrt(2.0) << "\\frac{\\sqrt{2}}{2}";
        QTest::newRow("three root two over four") << -3 / (2 * std::sqrt(2.0)) << "-\\frac{3\\sqrt{2}}{4}";
        QTest::newRow("two root three") << 2 * std::sqrt(3.0) << "2\\sqrt{3}";
    }
    void latexValues()
    {
        QFETCH(double, value);
        QFETCH(QString, latex);
        QCOMPARE(latexValue(value, true), latex);
    }

    void exactCsvAndLatex()
    {
        const Matrix m = (Matrix(2, 2) << 9.0 / 26, 2.5, -1 / std::sqrt(2.0), 0).finished();
        QCOMPARE(matrixToCsv(m, true), QStringLiteral("9/26,5/2\n-√2/2,0\n"));
        QCOMPARE(matrixToLatex(m, true), QStringLiteral("\\begin{bmatrix}\n\\frac{9}{26} & \\frac{5}{2} \\\\\n"
                                                        "-\\frac{\\sqrt{2}}{2} & 0\n\\end{bmatrix}\n"));
    }

    void roundTrip()
    {
        const Matrix m = (Matrix(2, 3) << 9.0 / 26, 2.0 / 13, 11, -1 / std::sqrt(2.0), 0.123456, 3).finished();
        for (bool exact : {true, false}) {
            const auto csv = parseMatrix(matrixToCsv(m, exact));
            QVERIFY2(csv.ok(), qPrintable(csv.error()));
            const auto latex = parseMatrix(matrixToLatex(m, exact));
            QVERIFY2(latex.ok(), qPrintable(latex.error()));
            // Exact forms are exact; decimals keep six significant digits.
            const double tol = exact ? 1e-6 : 1e-5; // 0.123456 is not exact either way
            ATTNLAB_COMPARE_MATRIX(csv->values, m, tol);
            ATTNLAB_COMPARE_MATRIX(latex->values, m, tol);
        }
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestMatrixWriter)
} // namespace tst_matrix_writer
#include "tst_matrix_writer.moc"
