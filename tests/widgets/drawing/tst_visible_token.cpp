// Whitespace-only tokens get visible marks in every view's labels; other tokens are left as they are.

#include "widgets/drawing/visible_token.h"
#include "test_registry.h"

#include <QTest>

namespace tst_visible_token {

using namespace attnlab::widgets;

class TestVisibleToken : public QObject {
    Q_OBJECT
private slots:
    void marksWhitespaceOnlyTokens_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("shown");
        QTest::newRow("space") << " " << "\u2423";
        QTest::newRow("two spaces") << "  " << "\u2423\u2423";
        QTest::newRow("newline") << "\n" << "\u21B5";
        QTest::newRow("tab") << "\t" << "\u21E5";
        QTest::newRow("word with a space") << " it" << " it";
        QTest::newRow("Japanese") << "得意" << "得意";
        QTest::newRow("Persian") << "سلام" << "سلام";
        QTest::newRow("empty") << "" << "";
    }
    void marksWhitespaceOnlyTokens()
    {
        QFETCH(QString, token);
        QFETCH(QString, shown);
        QCOMPARE(visibleToken(token), shown);
    }

    void marksEveryTokenOfAList()
    {
        QCOMPARE(visibleTokens({"a", " ", "b", "\n"}), (QStringList{"a", "\u2423", "b", "\u21B5"}));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestVisibleToken)
} // namespace tst_visible_token
#include "tst_visible_token.moc"
