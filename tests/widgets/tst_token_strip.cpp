// Tests widgets/token_strip.cpp: chips per token, selection by click, clearing by a second click.

#include "token_strip.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace attnlab;

class TestTokenStrip : public QObject {
    Q_OBJECT
private slots:
    void chipsFollowTokens()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("سلام"), QStringLiteral("دنیا")});
        QCOMPARE(strip.chip(0)->text(), QStringLiteral("سلام"));
        QVERIFY(strip.chip(2) == nullptr);
        strip.setTokens({QStringLiteral("得意"), QStringLiteral("な"), QStringLiteral("スポーツ")});
        QCOMPARE(strip.chip(2)->text(), QStringLiteral("スポーツ"));
    }

    void clickSelectsAndClears()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        strip.show();
        QSignalSpy selected(&strip, &widgets::TokenStrip::querySelected);
        QTest::mouseClick(strip.chip(1), Qt::LeftButton);
        QCOMPARE(selected.takeFirst().at(0).toInt(), 1);
        QVERIFY(strip.chip(1)->isChecked());
        QTest::mouseClick(strip.chip(1), Qt::LeftButton);
        QCOMPARE(selected.takeFirst().at(0).toInt(), -1);
        QVERIFY(!strip.chip(1)->isChecked());
    }

    void selectionSurvivesShorterInputOnlyWhenValid()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        strip.setSelected(2);
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(strip.selected(), -1);
    }
};

QTEST_MAIN(TestTokenStrip)
#include "tst_token_strip.moc"
