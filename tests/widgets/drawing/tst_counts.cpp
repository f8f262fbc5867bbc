// Tests widgets/drawing/counts.cpp: the counted nouns of the status bar and the subtitles, singular for one.

#include "widgets/drawing/counts.h"
#include "test_registry.h"

#include <QTest>

namespace tst_counts {

using namespace attnlab::widgets;

class TestCounts : public QObject {
    Q_OBJECT
private slots:
    void singularForOne()
    {
        QCOMPARE(layerCount(1), QStringLiteral("1 layer"));
        QCOMPARE(headCount(1), QStringLiteral("1 head"));
        QCOMPARE(tokenCount(1), QStringLiteral("1 token"));
    }

    void pluralOtherwise()
    {
        QCOMPARE(layerCount(0), QStringLiteral("0 layers"));
        QCOMPARE(layerCount(12), QStringLiteral("12 layers"));
        QCOMPARE(headCount(32), QStringLiteral("32 heads"));
        QCOMPARE(tokenCount(1032), QStringLiteral("1032 tokens"));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestCounts)
} // namespace tst_counts
#include "tst_counts.moc"
