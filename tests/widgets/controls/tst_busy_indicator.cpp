// Tests widgets/controls/busy_indicator.cpp: its button asks to stop; its text shows only when there is one.

#include "widgets/controls/busy_indicator.h"
#include "test_registry.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace tst_busy_indicator {

using namespace attnlab;

class TestBusyIndicator : public QObject {
    Q_OBJECT
private slots:
    void theButtonAsksToStop()
    {
        widgets::BusyIndicator busy(QStringLiteral("Stop"), QStringLiteral("Stop this"), QStringLiteral("stopIt"));
        busy.show();
        QVERIFY(QTest::qWaitForWindowExposed(&busy));
        auto* button = busy.findChild<QPushButton*>(QStringLiteral("stopIt"));
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Stop"));
        QCOMPARE(button->toolTip(), QStringLiteral("Stop this"));
        QSignalSpy stop(&busy, &widgets::BusyIndicator::stopRequested);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(stop.count(), 1);
    }

    void textShowsOnlyWhenGiven()
    {
        widgets::BusyIndicator busy(QStringLiteral("Cancel"), QString(), QStringLiteral("cancel"));
        busy.show();
        QVERIFY(QTest::qWaitForWindowExposed(&busy));
        auto* label = busy.findChild<QLabel*>();
        QVERIFY(label && label->isHidden());
        busy.setText(QStringLiteral("Loading gpt2…"));
        QVERIFY(label->isVisible());
        QCOMPARE(busy.text(), QStringLiteral("Loading gpt2…"));
        busy.setText(QString());
        QVERIFY(label->isHidden());
    }

    // Indeterminate (maximum 0) until told how far: then done of total, clamped; total 0 goes back.
    void progressWhenKnown()
    {
        widgets::BusyIndicator busy(QStringLiteral("Stop"), QString(), QStringLiteral("stop"));
        QCOMPARE(busy.progressMaximum(), 0);
        busy.setProgress(4, 16);
        QCOMPARE(busy.progressMaximum(), 16);
        QCOMPARE(busy.progressValue(), 4);
        busy.setProgress(20, 16);
        QCOMPARE(busy.progressValue(), 16);
        busy.setProgress(0, 0);
        QCOMPARE(busy.progressMaximum(), 0);
    }
};

ATTNLAB_TEST_MAIN(TestBusyIndicator)
} // namespace tst_busy_indicator
#include "tst_busy_indicator.moc"
