// Tests widgets/views/heatmap_view.cpp, heatmap_painter.cpp and heatmap_plot.cpp: the figure renders in every
// script, theme and presentation mode; a cell's pixels are the colour map's colour of its weight; masked
// cells are grey, never the colour of zero; exact numbers; the selected row's outline; clicks on cells and
// labels emit the right signals; tooltips; and the on-screen QCustomPlot shows the same cells as the exported
// figure. With ATTNLAB_GALLERY=DIR set, gallery() writes the figures as PNGs into DIR for looking at them.

#include "widgets/drawing/figure_export.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_test_traces.h"
#include "widgets/views/heatmap_view.h"
#include "test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(std::shared_ptr<const attnlab::model::Trace>)
Q_DECLARE_METATYPE(attnlab::widgets::ViewStyle)

namespace tst_heatmap_view {

using namespace attnlab;
using namespace attnlab::test;
using widgets::HeatmapView;
using widgets::Theme;
using widgets::ViewStyle;
using widgets::ColorScale;

namespace {

const QSize kFigure(1000, 700);

widgets::ExportOptions figureOptions(QSize size = kFigure)
{
    widgets::ExportOptions options;
    options.size = size;
    return options;
}

ViewStyle styleWith(bool exact, Theme theme = Theme::Light, bool presentation = false)
{
    ViewStyle style;
    style.exact = exact;
    style.theme = theme;
    style.presentation = presentation;
    return style;
}

// A point inside cell (q, k) away from its centred number.
QPoint cornerOf(const QRectF& cell)
{
    return (cell.topLeft() + QPointF(std::min(4.0, cell.width() / 4), std::min(4.0, cell.height() / 4)))
        .toPoint();
}

} // namespace

class TestHeatmapView : public QObject {
    Q_OBJECT
private slots:
    void rendersEveryScriptAndTheme_data()
    {
        QTest::addColumn<std::shared_ptr<const model::Trace>>("trace");
        QTest::addColumn<int>("theme");
        QTest::addColumn<bool>("presentation");
        QTest::newRow("exam") << examTrace() << int(Theme::Light) << false;
        QTest::newRow("english causal") << toyTrace(kEnglish, true) << int(Theme::Light) << false;
        QTest::newRow("japanese") << toyTrace(kJapanese) << int(Theme::Light) << false;
        QTest::newRow("persian dark") << toyTrace(kPersian) << int(Theme::Dark) << false;
        QTest::newRow("english presentation") << toyTrace(kEnglish, true) << int(Theme::Light) << true;
        QTest::newRow("one token") << toyTrace(QStringLiteral("hello")) << int(Theme::Light) << false;
        QTest::newRow("cross attention")
            << toyTrace(kEnglish, false, 2, 2, 16, kJapanese) << int(Theme::Light) << false;
    }
    void rendersEveryScriptAndTheme()
    {
        QFETCH(std::shared_ptr<const model::Trace>, trace);
        QFETCH(int, theme);
        QFETCH(bool, presentation);
        HeatmapView view;
        const ViewStyle style = styleWith(false, Theme(theme), presentation);
        view.setStyle(style);
        view.setTrace(trace);
        const QImage image = widgets::renderImage(view, figureOptions());
        QCOMPARE(image.size(), kFigure);
        QVERIFY2(distinctColors(image) > 30, "the figure looks blank");
        QCOMPARE(image.pixelColor(2, 2), style.background());
        // Every cell lies inside the figure.
        const QRectF last =
            view.cellRect(int(trace->tokens.size()) - 1, int(trace->keyTokens().size()) - 1, kFigure);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(kFigure)).contains(last));
        // Queries are the trace's tokens, keys its key tokens (the memory for cross-attention).
        QCOMPARE(view.content().queries, trace->tokens);
        QCOMPARE(view.content().keys, trace->keyTokens());
    }

    void cellPixelsAreTheColorMapOfTheWeight_data()
    {
        QTest::addColumn<std::shared_ptr<const model::Trace>>("trace");
        QTest::newRow("exam") << examTrace();
        QTest::newRow("english") << toyTrace(kEnglish);
        QTest::newRow("30 words causal") << toyTrace(wordSentence(30), true);
    }
    void cellPixelsAreTheColorMapOfTheWeight()
    {
        QFETCH(std::shared_ptr<const model::Trace>, trace);
        HeatmapView view;
        view.setTrace(trace);
        const QImage image = widgets::renderImage(view, figureOptions());
        const model::Matrix& w = trace->layers[0].heads[0].weights.toDouble();
        const model::BoolMatrix& allowed = trace->layers[0].heads[0].allowed;
        for (int q = 0; q < w.rows(); ++q) {
            for (int k = 0; k < w.cols(); ++k) {
                if (!allowed(q, k)) continue;
                const QColor expected = widgets::colorAt(widgets::ColorMapKind::Viridis, w(q, k));
                const QColor actual = image.pixelColor(cornerOf(view.cellRect(q, k, kFigure)));
                QVERIFY2(colorDistance(actual, expected) <= 3,
                         qPrintable(QStringLiteral("cell (%1, %2): %3 instead of %4")
                                        .arg(q)
                                        .arg(k)
                                        .arg(actual.name(), expected.name())));
            }
        }
    }

    void maskedCellsAreGreyNotZero_data()
    {
        QTest::addColumn<int>("theme");
        QTest::newRow("light") << int(Theme::Light);
        QTest::newRow("dark") << int(Theme::Dark);
    }
    void maskedCellsAreGreyNotZero()
    {
        QFETCH(int, theme);
        HeatmapView view;
        const ViewStyle style = styleWith(false, Theme(theme));
        view.setStyle(style);
        const auto trace = toyTrace(kEnglish, true);
        view.setTrace(trace);
        const int last = int(trace->tokens.size()) - 1;
        QVERIFY(!view.content().allowed(0, last));
        const QImage image = widgets::renderImage(view, figureOptions());
        const QColor zero = widgets::colorAt(widgets::ColorMapKind::Viridis, 0.0);
        const QRectF cell = view.cellRect(0, last, kFigure);
        for (const QPointF& p :
             {cell.center(), cell.topLeft() + QPointF(2, 2), cell.bottomRight() - QPointF(3, 3)}) {
            const QColor c = image.pixelColor(p.toPoint());
            QVERIFY2(isGreyish(c), qPrintable(c.name()));
            QVERIFY2(colorDistance(c, zero) > 60, qPrintable(c.name()));
        }
        QCOMPARE(image.pixelColor(cell.center().toPoint()).name().size(), 7);
        // The hatching: the masked cells are not one flat colour.
        QSet<QRgb> colors;
        for (int x = int(cell.left()) + 1; x < int(cell.right()) - 1; ++x)
            colors.insert(image.pixel(x, int(cell.center().y())));
        QVERIFY(colors.size() >= 2);
        QVERIFY(colors.contains(style.masked().rgb()));
    }

    void numbersExactOrDecimal_data()
    {
        QTest::addColumn<bool>("exact");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("exact") << true << QStringList{QStringLiteral("9/26"), QStringLiteral("2/13")};
        QTest::newRow("decimal") << false << QStringList{QStringLiteral("0.35"), QStringLiteral("0.15")};
    }
    void numbersExactOrDecimal()
    {
        QFETCH(bool, exact);
        QFETCH(QStringList, expected);
        HeatmapView view;
        view.setStyle(styleWith(exact));
        view.setTrace(examTrace());
        const auto layout = widgets::layoutHeatmap(view.content(), view.viewStyle(), QSizeF(kFigure));
        QVERIFY(layout.numbers);
        QCOMPARE(layout.numberTexts.mid(4, 4),
                 (QStringList{expected[0], expected[0], expected[1], expected[1]}));
    }

    void numbersReadOnTheirCell()
    {
        // Black or white text keeps a WCAG contrast ratio of at least 4.5 on every colour of every map.
        for (auto kind :
             {widgets::ColorMapKind::Viridis, widgets::ColorMapKind::Magma, widgets::ColorMapKind::Cividis}) {
            for (int i = 0; i <= 100; ++i) {
                const QColor fill = widgets::colorAt(kind, i / 100.0);
                const double a = widgets::relativeLuminance(fill);
                const double b = widgets::relativeLuminance(widgets::textColorOn(fill));
                const double ratio = (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
                QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 on %2").arg(ratio).arg(fill.name())));
            }
        }
    }

    void titleAndNote()
    {
        HeatmapView view;
        view.setTrace(examTrace());
        QCOMPARE(view.content().title, QStringLiteral("Layer 1 · Head 1"));
        QCOMPARE(view.content().modelName, QStringLiteral("matrices"));
        QVERIFY(view.content().note.isEmpty());
        view.setTrace(toyTrace(kEnglish));
        model::TraceSelection s;
        s.layer = 1;
        s.head = model::AverageHeads;
        view.setSelection(s);
        QCOMPARE(view.content().title, QStringLiteral("Layer 2 · average of 2 heads"));
        QCOMPARE(view.content().note, QStringLiteral("untrained weights"));
    }

    void selectedRowIsOutlined()
    {
        HeatmapView view;
        view.setTrace(examTrace());
        model::TraceSelection s;
        s.query = 2;
        view.setSelection(s);
        const QImage image = widgets::renderImage(view, figureOptions());
        const QRectF cell = view.cellRect(2, 1, kFigure);
        const QColor accent = widgets::heatmapAccent(view.viewStyle());
        QVERIFY(colorDistance(image.pixelColor(QPointF(cell.center().x(), cell.top() - 1.25).toPoint()),
                              accent) < 40);
        // The other rows have no outline.
        const QRectF other = view.cellRect(0, 1, kFigure);
        QVERIFY(colorDistance(image.pixelColor(QPointF(other.center().x(), other.top() - 1.25).toPoint()),
                              accent) > 80);
    }

    void presentationModeHasLargerText()
    {
        HeatmapView normal, large;
        normal.setTrace(toyTrace(kEnglish));
        large.setTrace(toyTrace(kEnglish));
        large.setStyle(styleWith(false, Theme::Light, true));
        const auto a = widgets::layoutHeatmap(normal.content(), normal.viewStyle(), QSizeF(kFigure));
        const auto b = widgets::layoutHeatmap(large.content(), large.viewStyle(), QSizeF(kFigure));
        QVERIFY(b.titleFont.pixelSize() > a.titleFont.pixelSize() * 1.5);
        QVERIFY(b.rowLabelWidth > a.rowLabelWidth);
    }

    void clickOnCellTogglesMaskAndSelectsQuery_data()
    {
        QTest::addColumn<int>("query");
        QTest::addColumn<int>("key");
        QTest::newRow("(0, 0)") << 0 << 0;
        QTest::newRow("(2, 1)") << 2 << 1;
        QTest::newRow("(3, 3)") << 3 << 3;
        QTest::newRow("(1, 3)") << 1 << 3;
    }
    void clickOnCellTogglesMaskAndSelectsQuery()
    {
        QFETCH(int, query);
        QFETCH(int, key);
        HeatmapView view;
        view.setTrace(examTrace());
        view.resize(900, 650);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy toggled(&view, &HeatmapView::maskCellToggled);
        QSignalSpy selected(&view, &HeatmapView::querySelected);
        const QPoint at = view.cellRect(query, key, QSizeF(view.size())).center().toPoint();
        // The click lands on whatever widget is there (the plot), as a user's would.
        QWidget* target = view.childAt(at) ? view.childAt(at) : &view;
        QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&view, at));
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toInt(), query);
        QCOMPARE(toggled.at(0).at(1).toInt(), key);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), query);
    }

    void clickOnRowLabelSelectsQuery()
    {
        HeatmapView view;
        view.setTrace(toyTrace(kJapanese));
        view.resize(900, 650);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy toggled(&view, &HeatmapView::maskCellToggled);
        QSignalSpy selected(&view, &HeatmapView::querySelected);
        const QRectF label = view.rowLabelRect(2, QSizeF(view.size()));
        const QPoint at = QPointF(label.right() - 3, label.center().y()).toPoint();
        QWidget* target = view.childAt(at) ? view.childAt(at) : &view;
        QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&view, at));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), 2);
        QCOMPARE(toggled.count(), 0);
        // Clicking the selected query's label again clears the selection.
        model::TraceSelection s;
        s.query = 2;
        view.setSelection(s);
        QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&view, at));
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.at(1).at(0).toInt(), -1);
    }

    void toolTipOfOneHead_data()
    {
        QTest::addColumn<bool>("derived");
        QTest::newRow("scaled scores stored") << false;
        QTest::newRow("scaled scores derived, as in a checkpoint's trace") << true;
    }

    void toolTipOfOneHead()
    {
        QFETCH(bool, derived);
        HeatmapView view;
        view.setStyle(styleWith(true));
        view.setTrace(derived ? withoutScaledScores(examTrace()) : examTrace());
        const QString isolatedTip = view.cellToolTip(1, 0);
        // Each number is one left-to-right isolate (widgets/drawing/left_to_right.h).
        QVERIFY2(isolatedTip.contains(QStringLiteral("q·k = \u2066√2/2 ≈ 0.7071\u2069")), qPrintable(isolatedTip));
        const QString tip = widgets::withoutIsolates(isolatedTip);
        QVERIFY2(tip.contains(QStringLiteral("x2")) && tip.contains(QStringLiteral("x1")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("q·k = √2/2")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("scaled score = 1/2")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("weight = 9/26")), qPrintable(tip));
        QVERIFY(view.cellToolTip(4, 0).isEmpty());
        QVERIFY(view.cellToolTip(0, -1).isEmpty());
    }

    void toolTipOfAggregatedHeadsAndMaskedCells()
    {
        HeatmapView view;
        const auto trace = toyTrace(kPersian, true);
        view.setTrace(trace);
        model::TraceSelection s;
        s.head = model::AverageHeads;
        view.setSelection(s);
        const QString tip = view.cellToolTip(1, 0);
        QVERIFY2(tip.contains(QStringLiteral("average of heads")), qPrintable(tip));
        QVERIFY2(!tip.contains(QStringLiteral("q·k")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("سلام")) && tip.contains(QStringLiteral("دنیا")),
                 qPrintable(tip));
        QVERIFY2(view.cellToolTip(0, 1).contains(QStringLiteral("masked")),
                 qPrintable(view.cellToolTip(0, 1)));
        QVERIFY(!tip.contains(QStringLiteral("masked")));
    }

    // With the Max scale, each cell is the map at weight / (the largest allowed weight): the largest is the top
    // colour; with Log at (log10 w + 3) / 3. The colour bar's title names the scale (checked in the SVG).
    void scaledCellColours_data()
    {
        QTest::addColumn<int>("scale");
        QTest::newRow("max") << int(ColorScale::Max);
        QTest::newRow("log") << int(ColorScale::Log);
    }
    void scaledCellColours()
    {
        QFETCH(int, scale);
        const auto trace = toyTrace(kEnglish); // not causal: the first query's only weight would be 1
        HeatmapView view;
        ViewStyle style;
        style.weightScale = ColorScale(scale);
        view.setStyle(style);
        view.setTrace(trace);
        const QImage image = widgets::renderImage(view, figureOptions());
        const model::Matrix w = trace->layers[0].heads[0].weights.toDouble();
        const model::BoolMatrix& allowed = trace->layers[0].heads[0].allowed;
        double largest = 0;
        for (int q = 0; q < w.rows(); ++q)
            for (int k = 0; k < w.cols(); ++k)
                if (allowed(q, k)) largest = std::max(largest, w(q, k));
        QVERIFY(largest < 0.999); // else Max would look like Fixed
        bool sawTop = false;
        for (int q = 0; q < w.rows(); ++q) {
            for (int k = 0; k < w.cols(); ++k) {
                if (!allowed(q, k)) continue;
                const double t = ColorScale(scale) == ColorScale::Max ? w(q, k) / largest
                                                                      : std::clamp((std::log10(w(q, k)) + 3) / 3, 0.0, 1.0);
                const QColor expected = widgets::colorAt(widgets::ColorMapKind::Viridis, t);
                const QColor actual = image.pixelColor(cornerOf(view.cellRect(q, k, kFigure)));
                QVERIFY2(colorDistance(actual, expected) <= 3,
                         qPrintable(QStringLiteral("cell (%1, %2): %3 instead of %4")
                                        .arg(q)
                                        .arg(k)
                                        .arg(actual.name(), expected.name())));
                sawTop |= w(q, k) == largest && actual.name() == QStringLiteral("#fde725");
            }
        }
        QCOMPARE(sawTop, ColorScale(scale) == ColorScale::Max);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scaled.svg"));
        QVERIFY(widgets::exportFigure(view, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(ColorScale(scale) == ColorScale::Max ? QStringLiteral("weight (0–max)")
                                                                  : QStringLiteral("weight (log)")));
    }

    void screenShowsTheSameCellsAsTheFigure_data()
    {
        QTest::addColumn<std::shared_ptr<const model::Trace>>("trace");
        QTest::addColumn<ViewStyle>("style");
        QTest::newRow("exam") << examTrace() << ViewStyle();
        QTest::newRow("english causal") << toyTrace(kEnglish, true) << ViewStyle();
        ViewStyle maxDark = styleWith(false, Theme::Dark);
        maxDark.weightScale = ColorScale::Max;
        QTest::newRow("english, max scale, dark") << toyTrace(kEnglish) << maxDark;
        ViewStyle log;
        log.weightScale = ColorScale::Log;
        QTest::newRow("english causal, log scale") << toyTrace(kEnglish, true) << log;
    }
    void screenShowsTheSameCellsAsTheFigure()
    {
        QFETCH(std::shared_ptr<const model::Trace>, trace);
        QFETCH(ViewStyle, style);
        HeatmapView view;
        view.setStyle(style);
        view.setTrace(trace);
        view.resize(kFigure);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents(); // the plot follows a resize once the event loop comes back
        const QImage screen = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QImage figure = widgets::renderImage(view, figureOptions());
        QCOMPARE(screen.size(), figure.size());
        const auto& w = trace->layers[0].heads[0].weights;
        const auto& allowed = trace->layers[0].heads[0].allowed;
        for (int q = 0; q < w.rows(); ++q) {
            for (int k = 0; k < w.cols(); ++k) {
                const QRectF cell = view.cellRect(q, k, QSizeF(kFigure));
                if (!allowed(q, k)) { // grey on both, with hatching that may be a pixel apart
                    QVERIFY(isGreyish(screen.pixelColor(cell.center().toPoint())));
                    continue;
                }
                const QPoint p =
                    (cell.topLeft() + QPointF(cell.width() * 0.2, cell.height() * 0.25)).toPoint();
                // The plot quantises the map to 256 levels, like the figure's colour table.
                QVERIFY2(colorDistance(screen.pixelColor(p), figure.pixelColor(p)) <= 24,
                         qPrintable(QStringLiteral("cell (%1, %2): screen %3, figure %4")
                                        .arg(q)
                                        .arg(k)
                                        .arg(screen.pixelColor(p).name(), figure.pixelColor(p).name())));
            }
        }
    }

    void largeTraceRendersQuickly()
    {
        HeatmapView view;
        const auto trace = toyTrace(wordSentence(256), true, 1, 2);
        QElapsedTimer timer;
        timer.start();
        view.setTrace(trace);
        const QImage image = widgets::renderImage(view, figureOptions(QSize(1400, 1100)));
        QVERIFY(!image.isNull());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        const auto layout = widgets::layoutHeatmap(view.content(), view.viewStyle(), QSizeF(1400, 1100));
        QVERIFY(!layout.numbers);
        QVERIFY(layout.rowStep > 1);
        QVERIFY(widgets::maskHatchLines(layout, view.content().allowed, 7).size() < 1000);
    }

    void emptyViewRenders()
    {
        HeatmapView view;
        const QImage image = widgets::renderImage(view, figureOptions(QSize(400, 300)));
        QVERIFY(!image.isNull());
        QVERIFY(view.cellRect(0, 0, QSizeF(400, 300)).isNull());
        QVERIFY(view.cellToolTip(0, 0).isEmpty());
    }

    void gallery()
    {
        const QString dir = qEnvironmentVariable("ATTNLAB_GALLERY");
        if (dir.isEmpty()) QSKIP("set ATTNLAB_GALLERY=DIR to write the figures for looking at them");
        QDir().mkpath(dir);
        struct Shot {
            const char* name;
            std::shared_ptr<const model::Trace> trace;
            ViewStyle style;
            int head;
            int query;
        };
        const QList<Shot> shots{
            {"exam-exact", examTrace(), styleWith(true), 0, 1},
            {"exam-decimal-dark", examTrace(), styleWith(false, Theme::Dark), 0, -1},
            {"english-causal", toyTrace(kEnglish, true), styleWith(false), 0, 5},
            {"english-causal-dark", toyTrace(kEnglish, true), styleWith(false, Theme::Dark),
             model::AverageHeads, -1},
            {"english-presentation", toyTrace(kEnglish, true), styleWith(false, Theme::Light, true), 1, 3},
            {"japanese", toyTrace(kJapanese), styleWith(false), 0, 2},
            {"persian", toyTrace(kPersian), styleWith(false), 1, 0},
            {"cross-attention", toyTrace(kEnglish, false, 2, 2, 16, kJapanese), styleWith(false), 0, 1},
            {"words-256-causal", toyTrace(wordSentence(256), true, 1, 2), styleWith(false), 0, -1},
        };
        for (const Shot& shot : shots) {
            HeatmapView view;
            view.setStyle(shot.style);
            view.setTrace(shot.trace);
            model::TraceSelection s;
            s.head = shot.head;
            s.query = shot.query;
            view.setSelection(s);
            const QString base = dir + QLatin1Char('/') + QLatin1String(shot.name);
            QVERIFY(widgets::exportFigure(view, base + QStringLiteral(".png"), figureOptions()).ok());
            QVERIFY(widgets::exportFigure(view, base + QStringLiteral(".svg"), figureOptions()).ok());
            view.resize(kFigure);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVERIFY(view.grab().save(base + QStringLiteral("-screen.png")));
        }
    }
};

ATTNLAB_TEST_MAIN(TestHeatmapView)
} // namespace tst_heatmap_view
#include "tst_heatmap_view.moc"
