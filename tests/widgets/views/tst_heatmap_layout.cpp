// Tests widgets/views/heatmap_layout.cpp. The geometry helpers (cell, label boxes, hit tests) and the mask's
// hatch lines run on a layout whose numbers are set by hand, so every expected rectangle and segment is
// worked out below; layoutHeatmap itself is checked for the relations its design promises on a small grid
// (cells of equal size at most 2.2 times as wide as tall, labels a gap away from the grid, the block centred,
// the colour bar beside the grid) and for the cell numbers written out by hand.

#include "widgets/views/heatmap_layout.h"
#include "test_registry.h"

#include <QFontMetricsF>
#include <QTest>

#include <cmath>

namespace tst_heatmap_layout {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// A 2 × 3 grid at (100, 50) with cells 20 × 20: it spans x 100-160, y 50-90. Labels: a 30-wide band
// 6 to the left, a 12-high band 6 below.
HeatmapLayout handLayout()
{
    HeatmapLayout l;
    l.grid = QRectF(100, 50, 60, 40);
    l.rows = 2;
    l.cols = 3;
    l.cellWidth = 20;
    l.cellHeight = 20;
    l.labelGap = 6;
    l.rowLabelWidth = 30;
    l.colLabelHeight = 12;
    return l;
}

// A 2 × 2 grid at the origin with cells 10 × 10.
HeatmapLayout square()
{
    HeatmapLayout l;
    l.grid = QRectF(0, 0, 20, 20);
    l.rows = 2;
    l.cols = 2;
    l.cellWidth = 10;
    l.cellHeight = 10;
    return l;
}

model::BoolMatrix boolMatrix(std::initializer_list<std::initializer_list<bool>> rows)
{
    model::BoolMatrix m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (bool v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

bool sameLine(const QLineF& a, const QLineF& b)
{
    const auto near = [](QPointF p, QPointF q) {
        return std::abs(p.x() - q.x()) < 1e-9 && std::abs(p.y() - q.y()) < 1e-9;
    };
    return near(a.p1(), b.p1()) && near(a.p2(), b.p2());
}

QString describe(const QList<QLineF>& lines)
{
    QStringList out;
    for (const QLineF& l : lines)
        out << QStringLiteral("(%1,%2)-(%3,%4)").arg(l.x1()).arg(l.y1()).arg(l.x2()).arg(l.y2());
    return out.join(QStringLiteral(" "));
}

HeatmapContent smallContent()
{
    HeatmapContent c;
    c.weights = model::Matrix{{0.5, 0.25, 0.25}, {0.0, 1.0, 0.0}};
    c.allowed = model::BoolMatrix::Constant(2, 3, true);
    c.queries = {QStringLiteral("cat"), QStringLiteral("sat")};
    c.keys = {QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat")};
    c.title = QStringLiteral("Layer 1 · Head 1");
    c.modelName = QStringLiteral("toy");
    return c;
}

} // namespace

class TestHeatmapLayout : public QObject {
    Q_OBJECT
private slots:
    void cellsAndLabelBoxes()
    {
        const HeatmapLayout l = handLayout();
        QCOMPARE(l.cell(0, 0), QRectF(100, 50, 20, 20));
        QCOMPARE(l.cell(1, 2), QRectF(140, 70, 20, 20)); // x 100 + 2·20, y 50 + 1·20
        // Row labels end the gap before the grid: x 100 − 6 − 30 = 64.
        QCOMPARE(l.rowLabel(0), QRectF(64, 50, 30, 20));
        QCOMPARE(l.rowLabel(1), QRectF(64, 70, 30, 20));
        // Key labels start the gap below it: y 90 + 6 = 96.
        QCOMPARE(l.colLabel(0), QRectF(100, 96, 20, 12));
        QCOMPARE(l.colLabel(2), QRectF(140, 96, 20, 12));
    }

    void hitTests_data()
    {
        QTest::addColumn<QPointF>("pos");
        QTest::addColumn<int>("query");
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("rowLabel");
        QTest::newRow("first cell") << QPointF(105, 55) << 0 << 0 << -1;
        QTest::newRow("middle of (0, 1)") << QPointF(130, 60) << 0 << 1 << -1;
        QTest::newRow("just inside the last cell") << QPointF(159.9, 89.9) << 1 << 2 << -1;
        QTest::newRow("on the right edge") << QPointF(160, 60) << 0 << 2 << -1; // clamped to the last column
        QTest::newRow("left of the grid, on label 0") << QPointF(99.9, 55) << -1 << -1 << 0;
        QTest::newRow("label band's left end") << QPointF(64, 75) << -1 << -1 << 1;
        QTest::newRow("left of the label band") << QPointF(63.9, 55) << -1 << -1 << -1;
        QTest::newRow("above") << QPointF(120, 49.9) << -1 << -1 << -1;
        QTest::newRow("below the grid, beside it") << QPointF(80, 90) << -1 << -1 << -1;
        QTest::newRow("on a key label") << QPointF(130, 100) << -1 << -1 << -1;
    }
    void hitTests()
    {
        QFETCH(QPointF, pos);
        QFETCH(int, query);
        QFETCH(int, key);
        QFETCH(int, rowLabel);
        const HeatmapLayout l = handLayout();
        QCOMPARE(l.cellAt(pos), std::make_pair(query, key));
        QCOMPARE(l.rowLabelAt(pos), rowLabel);
        // An empty layout hits nothing.
        const HeatmapLayout empty;
        QCOMPARE(empty.cellAt(pos), std::make_pair(-1, -1));
        QCOMPARE(empty.rowLabelAt(pos), -1);
    }

    void hatchOverOneMaskedCell()
    {
        // Causal 2 × 2: only (query 0, key 1), x 10-20, y 0-10, is masked. Lines x + y = c for c = 5, 15, 25,
        // 35 (spacing 10, starting at half a spacing). c = 5 and 35 touch only allowed cells. c = 15 crosses
        // the masked cell from x = 10 (y = 5) to x = 15 (y = 0); c = 25 from x = 15 (y = 10) to x = 20 (y =
        // 5).
        const QList<QLineF> lines = maskHatchLines(square(), boolMatrix({{true, false}, {true, true}}), 10);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(sameLine(lines[0], QLineF(10, 5, 15, 0)), qPrintable(describe(lines)));
        QVERIFY2(sameLine(lines[1], QLineF(15, 10, 20, 5)), qPrintable(describe(lines)));
    }

    void hatchIsContinuousAcrossMaskedCells()
    {
        // Everything masked: one segment per line, from edge to edge of the grid, never cut at cell borders.
        // c = 5: (0, 5)-(5, 0); c = 15: (0, 15)-(15, 0) through three cells; c = 25: (5, 20)-(20, 5); c = 35:
        // (15, 20)-(20, 15).
        const QList<QLineF> lines =
            maskHatchLines(square(), boolMatrix({{false, false}, {false, false}}), 10);
        const QList<QLineF> expected{QLineF(0, 5, 5, 0), QLineF(0, 15, 15, 0), QLineF(5, 20, 20, 5),
                                     QLineF(15, 20, 20, 15)};
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QVERIFY2(sameLine(lines[i], expected[i]), qPrintable(describe(lines)));
        // Nothing masked, nothing drawn.
        QVERIFY(maskHatchLines(square(), boolMatrix({{true, true}, {true, true}}), 10).isEmpty());
        // A mask of another shape than the layout, or no spacing: nothing.
        QVERIFY(maskHatchLines(square(), boolMatrix({{false, false, false}}), 10).isEmpty());
        QVERIFY(maskHatchLines(square(), boolMatrix({{false, false}, {false, false}}), 0).isEmpty());
    }

    void cellNumbers()
    {
        QCOMPARE(cellNumberText(9.0 / 26.0, true), QStringLiteral("9/26"));
        QCOMPARE(cellNumberText(9.0 / 26.0, false), QStringLiteral("0.35")); // 0.3461… to two decimals
        QCOMPARE(cellNumberText(2.0 / 13.0, false), QStringLiteral("0.15")); // 0.1538…
        QCOMPARE(cellNumberText(1.0, false), QStringLiteral("1.00"));
        QCOMPARE(cellNumberText(0.0, true), QStringLiteral("0"));
        QCOMPARE(cellNumberText(0.5, true), QStringLiteral("1/2"));
    }

    void figureFontsArePixels()
    {
        // Points at 96 DPI: 10 pt = 10·96/72 = 13.3 → 13 px; 12 pt = 16 px; presentation ×1.6: 16 pt → 21 px.
        ViewStyle style;
        QCOMPARE(figureFont(style, 10).pixelSize(), 13);
        QCOMPARE(figureFont(style, 12, true).pixelSize(), 16);
        QVERIFY(figureFont(style, 12, true).bold());
        style.presentation = true;
        QCOMPARE(figureFont(style, 10).pixelSize(), 21);
    }

    void smallGrid()
    {
        const ViewStyle style;
        const QSizeF figure(640, 400);
        const HeatmapLayout l = layoutHeatmap(smallContent(), style, figure);
        QCOMPARE(l.rows, 2);
        QCOMPARE(l.cols, 3);
        // The title line starts at the 12-unit padding and spans the width between the paddings.
        QCOMPARE(l.titleRect.topLeft(), QPointF(12, 12));
        QCOMPARE(l.titleRect.width(), 640.0 - 24);
        // Equal cells fill the grid, at most 2.2 times as wide as tall and 180 units.
        QCOMPARE(l.grid.width(), 3 * l.cellWidth);
        QCOMPARE(l.grid.height(), 2 * l.cellHeight);
        QVERIFY(l.cellWidth > 0 && l.cellHeight > 0);
        QVERIFY(l.cellWidth <= 2.2 * l.cellHeight + 1e-9);
        QVERIFY(l.cellWidth <= 180 && l.cellHeight <= 180);
        QVERIFY(l.grid.top() > l.titleRect.bottom());
        // Labels: the row labels end and the key labels start one gap (6) from the grid; short keys lie flat.
        QCOMPARE(l.labelGap, 6.0);
        QCOMPARE(l.rowLabel(0).right() + l.labelGap, l.grid.left());
        QCOMPARE(l.colLabel(0).top(), l.grid.bottom() + l.labelGap);
        QVERIFY(!l.verticalKeys);
        QCOMPARE(l.rowStep, 1);
        QCOMPARE(l.colStep, 1);
        QCOMPARE(l.rowTexts, (QStringList{"cat", "sat"}));
        QCOMPARE(l.colTexts, (QStringList{"the", "cat", "sat"}));
        QVERIFY(l.queryTitle.right() <= l.rowLabel(0).left() + 1e-9);
        QVERIFY(l.keyTitle.top() >= l.colLabel(0).bottom());
        // The colour bar 22 units right of the grid, inside the figure, its title above it.
        QCOMPARE(l.colorBar.left(), l.grid.right() + 22);
        QCOMPARE(l.colorBar.width(), 14.0);
        QVERIFY(l.colorBar.right() + l.tickWidth <= figure.width() - 12 + 1e-9);
        QVERIFY(l.colorBarTitle.bottom() <= l.colorBar.top());
        QVERIFY(l.colorBar.bottom() <= figure.height() - 12 + 1e-9);
        // Centred: as much room left of the query title as right of the bar's ticks.
        const double leftMargin = l.queryTitle.left();
        const double rightMargin = figure.width() - (l.colorBar.right() + l.tickWidth);
        QVERIFY2(std::abs(leftMargin - rightMargin) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(leftMargin).arg(rightMargin)));
        // Big cells show their numbers, row by row.
        QVERIFY(l.numbers);
        QCOMPARE(l.numberTexts, (QStringList{"0.50", "0.25", "0.25", "0.00", "1.00", "0.00"}));
        HeatmapContent exact = smallContent();
        exact.exact = true;
        QCOMPARE(layoutHeatmap(exact, style, figure).numberTexts,
                 (QStringList{"1/2", "1/4", "1/4", "0", "1", "0"}));
        // Every cell lies inside the figure.
        for (int q = 0; q < 2; ++q)
            for (int k = 0; k < 3; ++k)
                QVERIFY(QRectF(0, 0, 640, 400).contains(l.cell(q, k)));
    }

    void presentationScalesThePadding()
    {
        ViewStyle style;
        style.presentation = true;
        const HeatmapLayout l = layoutHeatmap(smallContent(), style, QSizeF(1280, 800));
        QCOMPARE(l.titleRect.topLeft(), QPointF(12 * 1.6, 12 * 1.6));
        QCOMPARE(l.labelGap, 6 * 1.6);
        QCOMPARE(l.colorBar.left(), l.grid.right() + 22 * 1.6);
        QCOMPARE(l.lineScale, 2.0);
    }

    void manyTokensThinTheLabels()
    {
        HeatmapContent c;
        const int n = 200;
        c.weights = model::Matrix::Constant(n, n, 1.0 / n);
        c.allowed = model::BoolMatrix::Constant(n, n, true);
        for (int i = 0; i < n; ++i) {
            c.queries << QStringLiteral("token%1").arg(i);
            c.keys << QStringLiteral("token%1").arg(i);
        }
        const HeatmapLayout l = layoutHeatmap(c, ViewStyle{}, QSizeF(640, 400));
        QCOMPARE(l.rows, n);
        // 200 rows in under 400 units: cells under 2 units, far below a label's height, so labels are thinned
        // and the numbers left out.
        QVERIFY(l.cellHeight < 2.0);
        QVERIFY(l.rowStep > 1);
        QVERIFY(!l.numbers);
        QVERIFY(l.numberTexts.isEmpty());
        // Each drawn label (every rowStep-th) has at least its cells' height: rowStep·h ≥ 0.95·label height.
        QVERIFY(l.rowStep * l.cellHeight >= 0.95 * QFontMetricsF(l.labelFont).height() - 1e-9);
        QVERIFY((l.rowStep - 1) * l.cellHeight < 0.95 * QFontMetricsF(l.labelFont).height());
        // Keys wider than a column are turned upright.
        QVERIFY(l.verticalKeys);
        QVERIFY(l.colStep > 1);
    }

    void longLabelsAreElided()
    {
        HeatmapContent c = smallContent();
        c.queries[0] =
            QStringLiteral("an-extraordinarily-long-token-that-would-take-half-of-the-figure-if-drawn-whole");
        const HeatmapLayout l = layoutHeatmap(c, ViewStyle{}, QSizeF(640, 400));
        // The band is capped at 28 % of the width: 0.28·640 = 179.2.
        QVERIFY(l.rowLabelWidth <= 179.2 + 1e-9);
        QVERIFY(l.rowTexts[0].endsWith(QStringLiteral("…")));
        QVERIFY(QFontMetricsF(l.labelFont).horizontalAdvance(l.rowTexts[0]) <= l.rowLabelWidth + 1e-6);
        QCOMPARE(l.rowTexts[1], QStringLiteral("sat"));
    }

    void emptyContent()
    {
        HeatmapContent c;
        c.title = QStringLiteral("Layer 1");
        const HeatmapLayout l = layoutHeatmap(c, ViewStyle{}, QSizeF(640, 400));
        QCOMPARE(l.rows, 0);
        QCOMPARE(l.cols, 0);
        QVERIFY(l.grid.isNull());
        QCOMPARE(l.cellAt(QPointF(320, 200)), std::make_pair(-1, -1));
        QVERIFY(!l.numbers);
    }
};

ATTNLAB_TEST_MAIN(TestHeatmapLayout)
} // namespace tst_heatmap_layout
#include "tst_heatmap_layout.moc"
