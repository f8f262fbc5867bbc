// Tests widgets/controls/matrix_editor.cpp: paste in every format, error marks, size changes.

#include "widgets/controls/matrix_editor.h"
#include "test_registry.h"

#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

#include <cmath>

namespace tst_matrix_editor {

using namespace attnlab;

class TestMatrixEditor : public QObject {
    Q_OBJECT
private slots:
    void pasteFormats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("csv") << "1/√2,1/√2\n-1/√2,1/√2\n";
        QTest::newRow("latex") << "\\begin{bmatrix} \\frac{1}{\\sqrt{2}} & \\frac{1}{\\sqrt{2}} \\\\ -\\frac{1}{\\sqrt{2}} & "
                                  "\\frac{1}{\\sqrt{2}} \\end{bmatrix}";
        QTest::newRow("numpy") << "np.array([[1/sqrt(2), 1/sqrt(2)], [-1/sqrt(2), 1/sqrt(2)]])";
        QTest::newRow("semicolons") << "1/√2 1/√2; -1/√2 1/√2";
    }
    void pasteFormats()
    {
        QFETCH(QString, text);
        widgets::MatrixEditor editor(QStringLiteral("K"));
        QSignalSpy edited(&editor, &widgets::MatrixEditor::edited);
        QString error;
        QVERIFY2(editor.pasteText(text, &error), qPrintable(error));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(editor.rows(), 2);
        QCOMPARE(editor.cols(), 2);
        // The cells keep the pasted expressions as text; their meaning is the app's business.
        QCOMPARE(int(editor.cellTexts().size()), 2);
        QVERIFY(!editor.cellTexts()[1][0].isEmpty());
    }

    void pasteByKeyboard()
    {
        widgets::MatrixEditor editor(QStringLiteral("V"));
        editor.show();
        QApplication::clipboard()->setText(QStringLiteral("[[12, -3], [14, 16], [7, -10], [6, -3]]"));
        editor.table()->setFocus();
        QTest::keySequence(editor.table(), QKeySequence::Paste);
        QCOMPARE(editor.rows(), 4);
        QCOMPARE(editor.cellTexts()[2], (QStringList{"7", "-10"}));
    }

    void badPasteKeepsTheMatrix()
    {
        widgets::MatrixEditor editor(QStringLiteral("Q"));
        editor.setCellTexts({{"1", "0"}, {"0", "1"}});
        QString error;
        QVERIFY(!editor.pasteText(QStringLiteral("1,2\n3"), &error));
        QVERIFY2(error.contains(QStringLiteral("row 2")), qPrintable(error));
        QCOMPARE(editor.cellTexts(), (std::vector<QStringList>{{"1", "0"}, {"0", "1"}}));
    }

    void errorMarks()
    {
        widgets::MatrixEditor editor(QStringLiteral("Q"));
        editor.setCellTexts({{"1", "2/"}});
        editor.setCellError(0, 1, QStringLiteral("expected a number after '/'"));
        QCOMPARE(editor.table()->item(0, 1)->toolTip(), QStringLiteral("expected a number after '/'"));
        editor.clearErrors();
        QVERIFY(editor.table()->item(0, 1)->toolTip().isEmpty());
    }

    void resizeEmitsAndFillsZeros()
    {
        widgets::MatrixEditor editor(QStringLiteral("X"));
        editor.setCellTexts({{"1", "2"}, {"3", "4"}});
        QSignalSpy edited(&editor, &widgets::MatrixEditor::edited);
        editor.findChildren<QSpinBox*>().first()->setValue(3); // rows
        QCOMPARE(edited.count(), 1);
        QCOMPARE(editor.cellTexts()[2], (QStringList{"0", "0"}));
    }

    void setValuesShowsExactForms()
    {
        widgets::MatrixEditor editor(QStringLiteral("K"));
        model::Matrix m(1, 3);
        m << 1 / std::sqrt(2.0), 2.5, 9.0 / 26;
        editor.setValues(m);
        QCOMPARE(editor.cellTexts()[0], (QStringList{"√2/2", "5/2", "9/26"}));
    }
};

ATTNLAB_TEST_MAIN(TestMatrixEditor)
} // namespace tst_matrix_editor
#include "tst_matrix_editor.moc"
