// Tests widgets/views/comparison_view.cpp and the signed heatmap it draws A − B with (heatmap_painter's
// HeatmapContent::signedLimit): a signed cell of +limit is the diverging map's top colour, −limit its bottom, 0 its
// centre; the comparison view has three panels for the heatmap (two for other views and for traces of different
// shapes), says over them that the inputs were aligned on the shorter one, which tokens differ and why there is no
// difference, shares one colour scale between A and B, and exports as one figure.

#include "model/analysis/trace_comparison.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/comparison_view.h"
#include "widgets/views/heatmap_painter.h"
#include "widgets/views/heatmap_view.h"
#include "test_registry.h"
#include "test_support.h"

#include <QImage>
#include <QPainter>
#include <QTest>

namespace tst_comparison_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// A causal trace of the tokens whose one layer has `heads` heads attending uniformly over the allowed keys.
std::shared_ptr<const model::Trace> comparisonViewTrace(const QStringList& tokens, int layers = 1, int heads = 2)
{
    model::Trace trace;
    trace.tokens = tokens;
    trace.modelName = QStringLiteral("hand");
    const int t = int(tokens.size());
    for (int i = 0; i < t; ++i) {
        trace.tokenIds.push_back(i);
        trace.positions.push_back(i);
    }
    model::BoolMatrix causal(t, t);
    model::Matrix uniform = model::Matrix::Zero(t, t);
    for (int i = 0; i < t; ++i)
        for (int j = 0; j <= i; ++j) {
            uniform(i, j) = 1.0 / (i + 1);
        }
    for (int i = 0; i < t; ++i)
        for (int j = 0; j < t; ++j)
            causal(i, j) = j <= i;
    for (int l = 0; l < layers; ++l) {
        model::LayerTrace layer;
        for (int h = 0; h < heads; ++h) {
            model::HeadTrace head;
            head.weights = uniform;
            head.allowed = causal;
            layer.heads.push_back(head);
        }
        trace.layers.push_back(layer);
    }
    return std::make_shared<const model::Trace>(std::move(trace));
}

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '));
}

} // namespace

class TestComparisonView : public QObject {
    Q_OBJECT

private slots:
    // +limit, 0 and −limit are the diverging map's ends and centre; a masked cell keeps the masked colour.
    void signedCellsUseTheDivergingMap()
    {
        HeatmapContent content;
        content.weights = model::Matrix(2, 2);
        content.weights << 0.5, 0.0, -0.5, 0.25;
        content.allowed = model::BoolMatrix::Constant(2, 2, true);
        content.allowed(0, 1) = false;
        content.queries = QStringList{QStringLiteral("a"), QStringLiteral("b")};
        content.keys = content.queries;
        content.signedLimit = 0.5;
        content.signedLabel = QStringLiteral("A − B");
        ViewStyle style;
        const QSizeF size(600, 400);
        const HeatmapLayout layout = layoutHeatmap(content, style, size);
        QImage image(size.toSize(), QImage::Format_ARGB32);
        QPainter painter(&image);
        paintHeatmap(painter, content, layout, style, size);
        painter.end();
        const auto at = [&](int q, int k) {
            const QRectF cell = layout.cell(q, k);
            // a corner away from the number in the middle
            return image.pixelColor(QPoint(int(cell.left() + 3), int(cell.top() + 3)));
        };
        QCOMPARE(at(0, 0), colorAt(ColorMapKind::Diverging, 1.0));
        QCOMPARE(at(1, 0), colorAt(ColorMapKind::Diverging, 0.0));
        QCOMPARE(at(1, 1), colorAt(ColorMapKind::Diverging, 0.75));
        // masked: the masked grey or its hatching, never a colour of the map
        const QColor masked = at(0, 1);
        QVERIFY2(masked == style.masked() || masked == hatchColor(style) ||
                     (qAbs(masked.red() - masked.blue()) < 16 && masked != colorAt(ColorMapKind::Diverging, 0.5)),
                 qPrintable(masked.name()));
        QCOMPARE(signedColorBarTicks(0.5, false).size(), 3);
        QCOMPARE(signedCellNumberText(-0.001), QStringLiteral("0.00"));
        QCOMPARE(signedCellNumberText(-0.25), QStringLiteral("−0.25"));
        QCOMPARE(signedCellNumberText(0.126), QStringLiteral("0.13"));
        QCOMPARE(signedColorBarTicks(0.5, true).first().text, QStringLiteral("−0.5"));
        QCOMPARE(signedColorBarTicks(0.5, true)[2].text, QStringLiteral("0"));
    }

    // The dark theme: A − B's 0 is the dark map's centre, near the background, not the light theme's white.
    void darkThemeDifferenceRecedesAtZero()
    {
        HeatmapContent content;
        content.weights = model::Matrix(1, 2);
        content.weights << 0.0, 0.5;
        content.allowed = model::BoolMatrix::Constant(1, 2, true);
        content.queries = QStringList{QStringLiteral("a")};
        content.keys = QStringList{QStringLiteral("a"), QStringLiteral("b")};
        content.signedLimit = 0.5;
        ViewStyle style;
        style.theme = Theme::Dark;
        const QSizeF size(600, 400);
        const HeatmapLayout layout = layoutHeatmap(content, style, size);
        QImage image(size.toSize(), QImage::Format_ARGB32);
        QPainter painter(&image);
        paintHeatmap(painter, content, layout, style, size);
        painter.end();
        const QRectF zero = layout.cell(0, 0);
        const QColor centre = image.pixelColor(QPoint(int(zero.left() + 3), int(zero.top() + 3)));
        QCOMPARE(centre, colorAt(ColorMapKind::DivergingDark, 0.5));
        QVERIFY2(contrastRatio(centre, style.background()) < 1.1, qPrintable(centre.name()));
        const QRectF top = layout.cell(0, 1);
        QCOMPARE(image.pixelColor(QPoint(int(top.left() + 3), int(top.top() + 3))), colorAt(ColorMapKind::DivergingDark, 1.0));
    }

    // Another view for the same traces: both panels are made anew with A's and B's traces, the selection and style.
    void showsAnotherView()
    {
        const auto a = comparisonViewTrace(words("the cat sat"), 2, 2);
        const auto b = comparisonViewTrace(words("the dog"), 2, 2);
        model::TraceSelection selection;
        selection.layer = 1;
        selection.head = 1;
        ComparisonView view(QStringLiteral("heatmap"));
        ViewStyle style;
        style.theme = Theme::Dark;
        view.setStyle(style);
        view.setSelection(selection);
        view.setTraces(a, b, model::compareTraces(*a, *b, selection).value(), {}, QStringLiteral("A"), QStringLiteral("B"));
        view.setShownView(QStringLiteral("arcs"));
        QCOMPARE(view.shownViewName(), QStringLiteral("arcs"));
        QCOMPARE(view.viewA()->viewName(), QStringLiteral("arcs"));
        QCOMPARE(view.viewA()->trace(), a.get());
        QCOMPARE(view.viewB()->trace(), b.get());
        QCOMPARE(view.viewB()->selection().layer, 1);
        QCOMPARE(view.viewB()->selection().head, 1);
        QCOMPARE(view.viewA()->viewStyle().theme, Theme::Dark);
        QVERIFY(!view.showsDifference());
        view.setShownView(QStringLiteral("nonsense")); // unknown: unchanged
        QCOMPARE(view.shownViewName(), QStringLiteral("arcs"));
        view.setShownView(QStringLiteral("heatmap"));
        QVERIFY(view.showsDifference());
    }

    void heatmapHasThreePanels()
    {
        const auto a = comparisonViewTrace(words("the cat sat"));
        const auto b = comparisonViewTrace(words("the dog"));
        model::TraceSelection selection;
        auto compared = model::compareTraces(*a, *b, selection);
        QVERIFY(compared);
        ComparisonView view(QStringLiteral("heatmap"));
        view.setTraces(a, b, std::move(compared).value(), {}, QStringLiteral("the cat sat"), QStringLiteral("the dog"));
        QVERIFY(view.showsDifference());
        QCOMPARE(view.shownViewName(), QStringLiteral("heatmap"));
        QCOMPARE(view.trace(), a.get());
        QCOMPARE(view.viewB()->trace(), b.get());
        const QStringList notes = view.notes();
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0], QStringLiteral("A has 3 tokens and B 2: compared on the first 2"));
        QCOMPARE(withoutIsolates(notes[1]), QStringLiteral("Tokens that differ: #2 cat → dog"));
        // three panels side by side
        QVERIFY(view.preferredFigureSize().width() >= 3 * view.viewA()->preferredFigureSize().width() - 1);
        const QImage image = renderImage(view, ExportOptions{QSize(1200, 500), 96, true});
        QCOMPARE(image.size(), QSize(1200, 500));
    }

    // A "max" colour scale would give A and B each their own top: the panels share the fixed 0 … 1 instead.
    void weightPanelsShareOneScale()
    {
        ComparisonView view(QStringLiteral("heatmap"));
        ViewStyle style;
        style.weightScale = ColorScale::Max;
        view.setStyle(style);
        QCOMPARE(view.viewA()->viewStyle().weightScale, ColorScale::Fixed);
        QCOMPARE(view.viewB()->viewStyle().weightScale, ColorScale::Fixed);
        style.weightScale = ColorScale::Log;
        view.setStyle(style);
        QCOMPARE(view.viewB()->viewStyle().weightScale, ColorScale::Log);
    }

    // Different shapes: side by side only, with the reason; other views never draw a difference.
    void refusedOrOtherViewsHaveTwoPanels()
    {
        const auto a = comparisonViewTrace(words("the cat"), 1, 2);
        const auto b = comparisonViewTrace(words("the cat"), 2, 2);
        model::TraceSelection selection;
        const auto compared = model::compareTraces(*a, *b, selection);
        QVERIFY(!compared);
        ComparisonView view(QStringLiteral("heatmap"));
        view.setTraces(a, b, std::nullopt, compared.error(), QStringLiteral("hand"), QStringLiteral("other"));
        QVERIFY(!view.showsDifference());
        QCOMPARE(view.notes(), QStringList{QStringLiteral("No difference A − B: ") + compared.error()});
        ComparisonView heads(QStringLiteral("heads"));
        const auto same = model::compareTraces(*a, *a, selection);
        heads.setTraces(a, a, *same, {}, QStringLiteral("x"), QStringLiteral("y"));
        QVERIFY(!heads.showsDifference());
        QVERIFY(heads.notes().isEmpty());
        QCOMPARE(heads.shownViewName(), QStringLiteral("heads"));
        // an unknown view name falls back to the heatmap
        QCOMPARE(ComparisonView(QStringLiteral("nonsense")).shownViewName(), QStringLiteral("heatmap"));
    }
};

ATTNLAB_TEST_MAIN(TestComparisonView)
} // namespace tst_comparison_view

#include "tst_comparison_view.moc"
