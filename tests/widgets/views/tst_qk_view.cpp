// Tests widgets/views/qk_view.cpp (with qk_figure.cpp): on a hand-built trace the view shows the selected head's
// queries and keys, follows the selected query (the last token when none is) and names its strongest keys, largest
// weight first and never a masked key; hovering a point says its token, position and, for a key, the weight the
// selected query gives it; clicking a query selects it and clicking a key does not; an aggregate of heads shows its
// first visible head; the legend moves to the left in a right-to-left figure; and it paints and exports.

#include "widgets/drawing/figure_export.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/qk_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace tst_qk_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// Four tokens, one layer of two heads with d_k = 2: the queries and keys at corners far apart, so that the points
// do not overlap. Head 1's weights: token 4 ("d") gives b 0.5, d 0.4, a 0.1 and c nothing (masked); token 1 only
// attends itself.
model::Trace qkHandTrace(bool floats = false)
{
    model::Trace trace;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    model::LayerTrace layer;
    for (int h = 0; h < 2; ++h) {
        model::HeadTrace head;
        const model::Matrix q{{0, 0}, {6, 0}, {0, 6}, {6, 6}};
        const model::Matrix k{{1, 3}, {5, 1}, {3, 5}, {2, 2}};
        if (floats) {
            head.q = model::MatrixF(q.cast<float>());
            head.k = model::MatrixF(k.cast<float>());
        } else {
            head.q = q;
            head.k = k;
        }
        head.weights = model::Matrix{{1, 0, 0, 0}, {0.5, 0.5, 0, 0}, {0.2, 0.3, 0.5, 0}, {0.1, 0.5, 0, 0.4}};
        layer.heads.push_back(head);
    }
    trace.layers.push_back(layer);
    return trace;
}

// What a reader sees: the text without its bidirectional isolates (U+2066 … U+2069).
QString qkReadable(const QString& text)
{
    return withoutIsolates(text).remove(QChar(0x2068));
}

model::TraceSelection qkSelection(int query, int head = 0)
{
    model::TraceSelection s;
    s.query = query;
    s.head = head;
    return s;
}

} // namespace

class TestQkView : public QObject {
    Q_OBJECT

private slots:
    void registered()
    {
        QVERIFY(viewNames().contains(QStringLiteral("qk")));
        QCOMPARE(viewTitle(QStringLiteral("qk")), QStringLiteral("Queries & keys"));
        auto view = createView(QStringLiteral("qk"));
        QVERIFY(dynamic_cast<QkView*>(view.get()));
        QCOMPARE(view->viewName(), QStringLiteral("qk"));
    }

    void namesTheStrongestKeysOfTheSelectedQuery()
    {
        QkView view;
        QVERIFY(view.data().message.startsWith(QStringLiteral("No trace yet")));
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        QVERIFY2(view.data().message.isEmpty(), qPrintable(view.data().message));
        // No query selected: the last token's, b 0.5, d 0.4, a 0.1; c is masked.
        QCOMPARE(view.data().query, 3);
        QCOMPARE(view.data().strongest, (std::vector<int>{1, 3, 0}));
        view.setSelection(qkSelection(2));
        QCOMPARE(view.data().strongest, (std::vector<int>{2, 1, 0}));
        view.setSelection(qkSelection(0));
        QCOMPARE(view.data().strongest, (std::vector<int>{0}));
        QCOMPARE(view.data().projection.queries.rows(), Eigen::Index(4));
        QCOMPARE(view.data().projection.keys.rows(), Eigen::Index(4));
    }

    void hoverSaysTokenPositionAndWeight()
    {
        QkView view;
        view.resize(900, 600);
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        const QPointF key = view.pointPosition({true, 1});
        QCOMPARE(view.pointAt(key).key, true);
        QCOMPARE(view.pointAt(key).index, 1);
        QCOMPARE(qkReadable(view.hoverText(key)), QStringLiteral("key “b”, position 2: weight 0.50 from query “d”"));
        const QPointF query = view.pointPosition({false, 2});
        QCOMPARE(qkReadable(view.hoverText(query)), QStringLiteral("query “c”, position 3"));
        QCOMPARE(view.hoverText(QPointF(2, 2)), QString()); // the corner: no point
    }

    void clickingAQuerySelectsIt()
    {
        QkView view;
        view.resize(900, 600);
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        QSignalSpy selected(&view, &TraceView::querySelected);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition({false, 1}).toPoint());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toInt(), 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition({true, 2}).toPoint());
        QCOMPARE(selected.count(), 1); // a key is not a query
    }

    void anAggregateShowsOneHead()
    {
        QkView view;
        model::TraceSelection s = qkSelection(3, model::AverageHeads);
        s.hiddenHeads = {0};
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        view.setSelection(s);
        QCOMPARE(view.data().head, 1); // the first visible head
        QVERIFY(view.data().oneOfSeveral);
        view.setSelection(qkSelection(3, 0));
        QCOMPARE(view.data().head, 0);
        QVERIFY(!view.data().oneOfSeveral);
    }

    void readsFloatHeads()
    {
        QkView view;
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace(true)));
        QVERIFY2(view.data().message.isEmpty(), qPrintable(view.data().message));
        QCOMPARE(view.data().strongest, (std::vector<int>{1, 3, 0}));
    }

    void theLegendFollowsTheLayoutDirection()
    {
        QkView view;
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        const QSizeF size(1000, 700);
        const QkLayout ltr = qkLayout(size, view.data(), ViewStyle{}, Qt::LeftToRight);
        const QkLayout rtl = qkLayout(size, view.data(), ViewStyle{}, Qt::RightToLeft);
        QVERIFY(ltr.legend.left() > ltr.plot.right());
        QVERIFY(rtl.legend.right() < rtl.plot.left());
        // The scatter itself is not mirrored: a point further right in the projection is further right on the page.
        const auto& p = view.data().projection;
        const int right = p.queries(0, 0) > p.queries(1, 0) ? 0 : 1, left = 1 - right;
        QVERIFY(qkPointPosition(rtl, view.data(), {false, right}).x() > qkPointPosition(rtl, view.data(), {false, left}).x());
        // The selected query always carries its label.
        QVERIFY(ltr.queryLabels[3] && rtl.queryLabels[3]);
    }

    void paintsAndExports()
    {
        QkView view;
        view.setTrace(std::make_shared<const model::Trace>(qkHandTrace()));
        for (const bool presentation : {false, true}) {
            ViewStyle style;
            style.presentation = presentation;
            style.theme = presentation ? Theme::Dark : Theme::Light;
            view.setStyle(style);
            QImage image(1280, 720, QImage::Format_ARGB32);
            QPainter painter(&image);
            view.paintFigureWith(painter, QSizeF(1280, 720), FigureParts{true, false});
            painter.end();
            QCOMPARE(image.pixelColor(2, 2).rgb(), style.background().rgb());
            // A query marker in its position's colour at its centre (position 1 of 4: the map's start).
            const QkLayout layout = qkLayout(QSizeF(1280, 720), view.data(), style, Qt::LeftToRight, true, false);
            const QPointF centre = qkPointPosition(layout, view.data(), {false, 1});
            QCOMPARE(image.pixelColor(centre.toPoint()).rgb(), style.weightColorAt(1.0 / 3).rgb());
        }
        QTemporaryDir dir;
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("qk.") + QLatin1String(suffix));
            const auto written = exportFigure(view, path, ExportOptions{});
            QVERIFY2(written.ok(), qPrintable(written.error()));
        }
    }
};

ATTNLAB_TEST_MAIN(TestQkView)
} // namespace tst_qk_view
#include "tst_qk_view.moc"
