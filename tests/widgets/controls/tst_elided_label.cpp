// Tests widgets/controls/elided_label.cpp: each line is elided to the label's width, never widening its layout, and
// shown whole when there is room.

#include "widgets/controls/elided_label.h"
#include "test_registry.h"

#include <QApplication>
#include <QClipboard>
#include <QTest>

namespace tst_elided_label {

using namespace attnlab;

class TestElidedLabel : public QObject {
    Q_OBJECT
private slots:
    void elidesEachLineToItsWidth()
    {
        widgets::ElidedLabel label(Qt::ElideRight);
        label.setText(QStringLiteral("→ unfolding\n100%"));
        const QFontMetrics fm = label.fontMetrics();
        label.resize(fm.horizontalAdvance(QStringLiteral("→ unfolding")) + 4, 40);
        QCOMPARE(label.shownLines(), (QStringList{"→ unfolding", "100%"}));

        label.resize(fm.horizontalAdvance(QStringLiteral("→ unf…")) + 1, 40);
        const QStringList shown = label.shownLines();
        QVERIFY2(shown[0].endsWith(QChar(0x2026)) && shown[0].startsWith(QStringLiteral("→ u")),
                 qPrintable(shown[0]));
        QVERIFY(fm.horizontalAdvance(shown[0]) <= label.width());
        QCOMPARE(shown[1], QStringLiteral("100%"));
        QCOMPARE(label.text(), QStringLiteral("→ unfolding\n100%")); // the text itself stays whole
    }

    void pathsKeepTheirEnds()
    {
        widgets::ElidedLabel label(Qt::ElideMiddle);
        label.setText(
            QStringLiteral("/home/lecturer/.cache/huggingface/hub/models--gpt2/snapshots/abc/gpt2"));
        label.resize(label.fontMetrics().horizontalAdvance(QStringLiteral("/home/…/abc/gpt2")), 20);
        const QString shown = label.shownLines().front();
        QVERIFY2(shown.startsWith(QStringLiteral("/h")) && shown.endsWith(QStringLiteral("gpt2")) &&
                     shown.contains(QChar(0x2026)),
                 qPrintable(shown));
    }

    void copiesTheWholeText()
    {
        widgets::ElidedLabel label(Qt::ElideMiddle);
        label.setText(QStringLiteral("/home/lecturer/models/gpt2"));
        label.resize(20, 20);
        label.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("/home/lecturer/models/gpt2"));
    }

    void neverAsksForItsTextsWidth()
    {
        widgets::ElidedLabel label;
        label.setText(QString(200, QLatin1Char('x')));
        QVERIFY(label.minimumSizeHint().width() <
                label.fontMetrics().horizontalAdvance(QStringLiteral("xxxx")));
        QCOMPARE(label.sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
    }
};

ATTNLAB_TEST_MAIN(TestElidedLabel)
} // namespace tst_elided_label
#include "tst_elided_label.moc"
