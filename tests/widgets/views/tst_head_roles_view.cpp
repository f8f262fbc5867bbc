// Tests widgets/views/head_roles_view.cpp (with head_grid_figure.cpp): the sorted list's order (descending,
// ascending, by magnitude) written out by hand; a click on any cell or list row maps to its head, left to right
// and mirrored right to left; the painted cells have their scale's colours, and a diverging scale paints 0 in the
// centre colour of ColorBrewer's RdBu (#f7f7f7) and its ends in its blue and red; the view draws the chosen score
// of the trace's head roles, asks for them (analysesNeeded), says when they are missing or cannot be, and a
// click emits layerHeadSelected.

#include "model/attention/toy_model.h"
#include "model/exact/matrix_problem.h"
#include "model/trace/head_scores.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/head_grid_figure.h"
#include "widgets/views/head_roles_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace tst_head_roles_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// 3 layers × 4 heads, every value distinct; layer 2 has no fourth head (NaN).
model::Matrix gridValues()
{
    const double none = std::numeric_limits<double>::quiet_NaN();
    return model::Matrix{{0.10, 0.90, 0.30, 0.50}, {0.70, 0.20, 0.60, none}, {0.05, 0.80, 0.40, 0.15}};
}

HeadGridData gridData(HeadGridScale scale = HeadGridScale::Sequential)
{
    HeadGridData data;
    data.values = gridValues();
    data.scale = scale;
    data.title = QStringLiteral("a grid");
    data.subtitle << QStringLiteral("what it shows");
    data.scaleTitle = QStringLiteral("score");
    data.listTitle = QStringLiteral("Highest");
    return data;
}

// A toy trace of 2 layers × 3 heads carrying hand-made roles: previous token 0.1 · (3l + h + 1), entropy the
// reverse order.
std::shared_ptr<const model::Trace> tracedRoles()
{
    model::ToyConfig config;
    config.layers = 2;
    config.heads = 3;
    config.dModel = 24;
    auto trace = model::ToyModel(config).run(QStringLiteral("the cat sat on the mat"));
    if (!trace.ok()) qFatal("%s", qPrintable(trace.error()));
    auto roles = std::make_shared<model::HeadRoles>();
    roles->previousToken = model::Matrix{{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};
    roles->entropy = model::Matrix{{1.6, 1.5, 1.4}, {1.3, 1.2, 1.1}};
    for (model::Matrix* m : {&roles->induction, &roles->firstToken, &roles->diagonal, &roles->duplicate})
        *m = model::Matrix::Constant(2, 3, 0.25);
    roles->hasInduction = true;
    roles->hasDuplicate = true;
    roles->probeTokenIds = {3, 1, 4, 3, 1, 4};
    trace->headRoles = roles;
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

QColor pixelAt(const QImage& image, const QPointF& p)
{
    return image.pixelColor(int(p.x()), int(p.y()));
}

} // namespace

class TestHeadRolesView : public QObject {
    Q_OBJECT
private slots:
    void listIsSortedByValue_data()
    {
        QTest::addColumn<int>("order");
        QTest::newRow("descending") << int(HeadGridOrder::Descending);
        QTest::newRow("ascending") << int(HeadGridOrder::Ascending);
    }

    void listIsSortedByValue()
    {
        QFETCH(int, order);
        HeadGridData data = gridData();
        data.order = HeadGridOrder(order);
        const QList<RankedHead> ranked = rankedHeads(data);
        QCOMPARE(ranked.size(), 11); // the missing head is left out
        // By hand from L1 .10 .90 .30 .50 / L2 .70 .20 .60 – / L3 .05 .80 .40 .15, highest first.
        const QList<double> values{0.90, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20, 0.15, 0.10, 0.05};
        const QList<QPair<int, int>> heads{{0, 1}, {2, 1}, {1, 0}, {1, 2}, {0, 3}, {2, 2},
                                           {0, 2}, {1, 1}, {2, 3}, {0, 0}, {2, 0}};
        for (int i = 0; i < ranked.size(); ++i) {
            const int k = data.order == HeadGridOrder::Descending ? i : int(ranked.size()) - 1 - i;
            QCOMPARE(ranked[i].value, values[k]);
            QCOMPARE(ranked[i].layer, heads[k].first);
            QCOMPARE(ranked[i].head, heads[k].second);
        }
        QCOMPARE(rankedHeadLabel(ranked[0]), data.order == HeadGridOrder::Descending ? QStringLiteral("L1 H2")
                                                                                    : QStringLiteral("L3 H1"));
    }

    void largestMagnitudeFirstForSignedValues()
    {
        HeadGridData data;
        data.values = model::Matrix{{0.2, -0.9}, {0.5, -0.1}};
        data.scale = HeadGridScale::Diverging;
        data.order = HeadGridOrder::LargestMagnitude;
        const QList<RankedHead> ranked = rankedHeads(data);
        QCOMPARE(ranked.size(), 4);
        QCOMPARE(ranked[0].value, -0.9);
        QCOMPARE(ranked[1].value, 0.5);
        QCOMPARE(ranked[2].value, 0.2);
        QCOMPARE(ranked[3].value, -0.1);
        // A true minus sign, and no sign on a value that rounds to 0.
        QCOMPARE(headGridValueText(-0.9, 2), QStringLiteral("−0.90"));
        QCOMPARE(headGridValueText(-0.001, 2), QStringLiteral("0.00"));
    }

    void clicksMapToTheirHead_data()
    {
        QTest::addColumn<bool>("rightToLeft");
        QTest::addColumn<bool>("presentation");
        QTest::newRow("left to right") << false << false;
        QTest::newRow("right to left") << true << false;
        QTest::newRow("presentation") << false << true;
    }

    void clicksMapToTheirHead()
    {
        QFETCH(bool, rightToLeft);
        QFETCH(bool, presentation);
        const HeadGridData data = gridData();
        ViewStyle style;
        style.presentation = presentation;
        const Qt::LayoutDirection direction = rightToLeft ? Qt::RightToLeft : Qt::LeftToRight;
        const HeadGridLayout l = headGridLayout(QSizeF(1280, 720), data, style, direction);
        // Rows are layers from top to bottom; heads run in the reading direction.
        const QRectF first = headGridCellRect(l, 0, 0), next = headGridCellRect(l, 0, 1), below = headGridCellRect(l, 1, 0);
        QVERIFY(below.top() >= first.bottom() - 1e-9);
        QVERIFY(rightToLeft ? next.right() <= first.left() + 1e-9 : next.left() >= first.right() - 1e-9);
        // The list sits after the grid in the reading direction.
        QVERIFY(rightToLeft ? l.list.right() < l.grid.left() : l.list.left() > l.grid.right());
        for (int layer = 0; layer < 3; ++layer)
            for (int head = 0; head < 4; ++head) {
                const GridHead hit = headGridHeadAt(l, data, headGridCellRect(l, layer, head).center());
                if (layer == 1 && head == 3) {
                    QVERIFY(!hit.valid()); // no such head
                    continue;
                }
                QCOMPARE(hit.layer, layer);
                QCOMPARE(hit.head, head);
            }
        const QList<RankedHead> ranked = rankedHeads(data);
        QVERIFY(l.listRows >= 5);
        for (int row = 0; row < l.listRows; ++row) {
            const GridHead hit = headGridHeadAt(l, data, headGridListRowRect(l, row).center());
            QCOMPARE(hit.layer, ranked[row].layer);
            QCOMPARE(hit.head, ranked[row].head);
        }
        QVERIFY(!headGridHeadAt(l, data, QPointF(2, 2)).valid());
    }

    void cellsArePaintedInTheirColours()
    {
        HeadGridData data;
        data.values = model::Matrix{{-2.0, 0.0, 2.0}};
        data.scale = HeadGridScale::Diverging;
        data.hi = 2.0;
        data.title = QStringLiteral("signed");
        ViewStyle style;
        // 0 is the centre colour of the blue–white–red map, the limits its ends (ColorBrewer RdBu).
        QCOMPARE(headGridColor(data, style, 0.0), QColor(0xf7, 0xf7, 0xf7));
        QCOMPARE(headGridColor(data, style, -2.0), QColor(0x21, 0x66, 0xac));
        QCOMPARE(headGridColor(data, style, 2.0), QColor(0xb2, 0x18, 0x2b));
        QCOMPARE(headGridColor(data, style, 9.0), QColor(0xb2, 0x18, 0x2b)); // clamped
        // Symmetric: the same distance from 0 on either side is as far from white.
        const QColor minus = headGridColor(data, style, -1.0), plus = headGridColor(data, style, 1.0);
        QVERIFY(minus.blue() > minus.red() && plus.red() > plus.blue());

        const QSize size(900, 500);
        QImage image(size, QImage::Format_RGB32);
        {
            QPainter painter(&image);
            paintHeadGrid(painter, QSizeF(size), data, style);
        }
        const HeadGridLayout l = headGridLayout(QSizeF(size), data, style);
        // A corner of each cell, clear of its label.
        const auto corner = [&l](int head) { return headGridCellRect(l, 0, head).topLeft() + QPointF(4, 4); };
        QCOMPARE(pixelAt(image, corner(0)), QColor(0x21, 0x66, 0xac));
        QCOMPARE(pixelAt(image, corner(1)), QColor(0xf7, 0xf7, 0xf7));
        QCOMPARE(pixelAt(image, corner(2)), QColor(0xb2, 0x18, 0x2b));
        // The colour bar's middle is 0's colour.
        const QColor middle = pixelAt(image, l.colorBar.center());
        QVERIFY2(std::abs(middle.red() - 0xf7) <= 12 && std::abs(middle.blue() - 0xf7) <= 12,
                 qPrintable(middle.name()));

        // Sequential: the weights' map from lo to hi, viridis's ends on the light theme.
        HeadGridData sequential = gridData();
        QCOMPARE(headGridColor(sequential, style, 0.0), QColor(0x44, 0x01, 0x54));
        QCOMPARE(headGridColor(sequential, style, 1.0), QColor(0xfd, 0xe7, 0x25));
        QCOMPARE(headGridColor(sequential, style, std::nan("")), style.masked());
    }

    void viewDrawsTheChosenScore()
    {
        HeadRolesView view;
        QCOMPARE(view.viewName(), QStringLiteral("roles"));
        QVERIFY(view.analysesNeeded().headRoles);
        QVERIFY(viewNames().contains(QStringLiteral("roles")));
        QCOMPARE(viewTitle(QStringLiteral("roles")), QStringLiteral("Head roles"));
        QVERIFY(dynamic_cast<HeadRolesView*>(createView(QStringLiteral("roles")).get()));
        QVERIFY(!view.gridData().message.isEmpty()); // no trace

        const auto trace = tracedRoles();
        view.setTrace(trace);
        HeadGridData data = view.gridData();
        QVERIFY(data.message.isEmpty());
        QCOMPARE(data.values, trace->headRoles->previousToken);
        QCOMPARE(data.order, HeadGridOrder::Descending);
        QCOMPARE(rankedHeads(data).front().layer, 1); // 0.6: layer 2, head 3
        QCOMPARE(rankedHeads(data).front().head, 2);

        // The selector chooses the score; entropy lists the sharpest heads first, on 0 … its maximum.
        QComboBox* selector = view.scoreSelector();
        QCOMPARE(selector->count(), 6);
        selector->setCurrentIndex(selector->findData(QStringLiteral("entropy")));
        QCOMPARE(view.score(), model::HeadRole::Entropy);
        data = view.gridData();
        QCOMPARE(data.values, trace->headRoles->entropy);
        QCOMPARE(data.order, HeadGridOrder::Ascending);
        QCOMPARE(data.hi, 1.6);
        QCOMPARE(rankedHeads(data).front().layer, 1); // 1.1: layer 2, head 3
        view.setScore(model::HeadRole::Induction);
        QCOMPARE(selector->currentData().toString(), QStringLiteral("induction"));
        QVERIFY(view.gridData().note.contains(QStringLiteral("3 random tokens")));

        // The selected head is outlined.
        model::TraceSelection selection;
        selection.layer = 1;
        selection.head = 2;
        view.setSelection(selection);
        QCOMPARE(view.gridData().currentLayer, 1);
        QCOMPARE(view.gridData().currentHead, 2);
    }

    void clickOpensTheHead()
    {
        HeadRolesView view;
        view.resize(1200, 700);
        view.setTrace(tracedRoles());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &TraceView::layerHeadSelected);
        const QRectF figure = view.figureRect();
        QVERIFY(figure.top() > 0); // under the selector
        const HeadGridData data = view.gridData();
        const HeadGridLayout l = headGridLayout(figure.size(), data, view.viewStyle(), view.layoutDirection());
        QTest::mouseClick(&view, Qt::LeftButton, {}, (headGridCellRect(l, 0, 1).center() + figure.topLeft()).toPoint());
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy[0][0].toInt(), 0);
        QCOMPARE(spy[0][1].toInt(), 1);
        // The first list row is the highest score, 0.6 at layer 2, head 3.
        QTest::mouseClick(&view, Qt::LeftButton, {}, (headGridListRowRect(l, 0).center() + figure.topLeft()).toPoint());
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy[1][0].toInt(), 1);
        QCOMPARE(spy[1][1].toInt(), 2);
        // Outside the grid and the list: nothing.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, view.height() - 3));
        QCOMPARE(spy.size(), 2);
    }

    void missingRolesAreExplained()
    {
        HeadRolesView view;
        // A trace without roles: they are being computed.
        model::ToyConfig config;
        auto plain = model::ToyModel(config).run(QStringLiteral("a b c"));
        QVERIFY(plain.ok());
        view.setTrace(std::make_shared<const model::Trace>(*plain));
        QVERIFY(view.gridData().message.contains(QStringLiteral("Computing")));

        // Typed matrices: five scores, and a message instead of induction.
        model::MatrixProblem problem;
        problem.q = model::Matrix{{1, 0}, {0, 1}, {1, 1}};
        problem.k = problem.q;
        problem.v = problem.q;
        auto typed = model::runMatrixProblem(problem);
        QVERIFY(typed.ok());
        typed->headRoles = std::make_shared<const model::HeadRoles>(
            model::headRolesOf(*typed, nullptr, QStringLiteral("typed matrices have no model")));
        view.setTrace(std::make_shared<const model::Trace>(*typed));
        view.setScore(model::HeadRole::Diagonal);
        QVERIFY(view.gridData().message.isEmpty());
        QCOMPARE(view.gridData().values.size(), Eigen::Index(1));
        view.setScore(model::HeadRole::Induction);
        QVERIFY(view.gridData().message.contains(QStringLiteral("Typed matrices have no induction score")));
        // No token repeats: duplicate-token scores are all 0, and the figure says why.
        view.setScore(model::HeadRole::Duplicate);
        QVERIFY(view.gridData().note.contains(QStringLiteral("No token")));

        // Cross-attention has no roles.
        auto cross = *plain;
        auto none = std::make_shared<model::HeadRoles>();
        none->unavailable = QStringLiteral("cross-attention");
        cross.headRoles = none;
        view.setTrace(std::make_shared<const model::Trace>(cross));
        QVERIFY(view.gridData().message.contains(QStringLiteral("cross-attention")));
    }

    void exportsAFigure()
    {
        HeadRolesView view;
        view.setTrace(tracedRoles());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("roles.png"));
        ExportOptions options;
        options.size = QSize(1280, 720);
        QVERIFY(exportFigure(view, path, options));
        QImage image(path);
        QVERIFY(!image.isNull());
        // Without hints: the exported figure does not tell a mouse what to do.
        QVERIFY(!view.gridData(false).subtitle.join(QString()).contains(QStringLiteral("click")));
        QVERIFY(view.gridData(true).subtitle.join(QString()).contains(QStringLiteral("click")));
    }
};

ATTNLAB_TEST_MAIN(TestHeadRolesView)
} // namespace tst_head_roles_view
#include "tst_head_roles_view.moc"
