// Tests widgets/views/lens_view.cpp (with lens_figure.cpp): a hand-made logit lens of 2 layers × 3 tokens becomes a
// grid whose cells name each layer's top token, marked where it is already the last layer's, coloured by its
// probability on the weights' map, with layer 1 at the bottom and position 1 first (on the right in a right-to-left
// figure); a cell's tooltip lists its top 5 in percent; the view asks for the lens, says why there is none (the toy
// model, typed matrices, the model's reason, or while it is computed), selects a clicked token, and shows the last
// tokens that fit (or the selected one's stretch) when there are too many, saying which are left out.

#include "model/analysis/logit_lens.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/lens_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace tst_lens_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

model::Prediction lensPrediction(int position, const std::vector<std::pair<int, double>>& top, const QStringList& texts)
{
    model::Prediction p;
    p.position = position;
    p.top = top;
    p.texts = texts;
    return p;
}

// "the cat sat" through 2 layers. Layer 1 guesses "dog" after "cat" (0.40), layer 2 "sat" (0.90); after "the" both
// layers say "cat" (so layer 1 already agrees with the last); after "sat" layer 1 says "on", layer 2 "down".
std::shared_ptr<model::Trace> lensTrace()
{
    auto trace = std::make_shared<model::Trace>();
    trace->tokens = {QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat")};
    trace->layers.resize(2);
    auto lens = std::make_shared<model::LogitLens>();
    lens->layers.push_back({
        lensPrediction(0, {{5, 0.6}, {6, 0.2}}, {QStringLiteral("cat"), QStringLiteral("dog")}),
        lensPrediction(1, {{6, 0.4}, {7, 0.3}, {8, 0.2}, {9, 0.0035}, {10, 0.00001}, {11, 0.000001}},
                       {QStringLiteral("dog"), QStringLiteral("sat"), QStringLiteral(" ran"), QStringLiteral("."), QStringLiteral(" "), QStringLiteral("x")}),
        lensPrediction(2, {{12, 0.5}}, {QStringLiteral("on")}),
    });
    lens->layers.push_back({
        lensPrediction(0, {{5, 0.95}}, {QStringLiteral("cat")}),
        lensPrediction(1, {{7, 0.9}}, {QStringLiteral("sat")}),
        lensPrediction(2, {{13, 0.25}, {12, 0.2}}, {}), // no tokenizer: ids
    });
    trace->lens = lens;
    return trace;
}

// text as a reader sees it: without the marks that isolate tokens (U+2068) and numbers (U+2066) and end them.
QString lensPlain(QString text)
{
    for (const char16_t mark : {u'\u2066', u'\u2067', u'\u2068', u'\u2069'})
        text.remove(QChar(mark));
    return text;
}

} // namespace

class TestLensView : public QObject {
    Q_OBJECT

private slots:
    void registered()
    {
        QVERIFY(viewNames().contains(QStringLiteral("lens")));
        QCOMPARE(viewTitle(QStringLiteral("lens")), QStringLiteral("Logit lens"));
        auto view = createView(QStringLiteral("lens"));
        QVERIFY(dynamic_cast<LensView*>(view.get()));
        QCOMPARE(view->viewName(), QStringLiteral("lens"));
    }

    void asksForTheLens()
    {
        LensView view;
        model::AnalysisRequest lens;
        lens.lens = true;
        QCOMPARE(view.analysesNeeded(), lens);
        view.setTrace(lensTrace());
        model::TraceSelection selection;
        selection.query = 1;
        view.setSelection(selection);
        QCOMPARE(view.analysesNeeded(), lens); // one lens covers every token
    }

    void cellsNameEachLayersTopToken()
    {
        LensView view;
        view.setTrace(lensTrace());
        const LensData& data = view.data();
        QVERIFY2(data.message.isEmpty(), qPrintable(data.message));
        QCOMPARE(data.layers(), 2);
        QCOMPARE(data.positions(), 3);
        QCOMPARE(lensCellText(data, 0, 1), QStringLiteral("dog"));
        QCOMPARE(lensCellText(data, 1, 1), QStringLiteral("sat"));
        QCOMPARE(lensCellText(data, 1, 2), QStringLiteral("#13"));
        QCOMPARE(data.probability(0, 1), 0.4);
        QCOMPARE(data.probability(1, 0), 0.95);
        // Marked: layer 1 after "the" already says the last layer's "cat"; after "cat" and "sat" it does not.
        QVERIFY(data.cells[0][0].agreesWithLast);
        QVERIFY(!data.cells[0][1].agreesWithLast);
        QVERIFY(!data.cells[0][2].agreesWithLast); // "on" (12) is the last layer's second, not its first
        QVERIFY(data.cells[1][2].agreesWithLast);
        // A blank token is drawn visibly.
        QCOMPARE(data.cells[0][1].texts[4], QStringLiteral("␣"));
    }

    void tooltipListsTheTopFive()
    {
        LensView view;
        view.setTrace(lensTrace());
        QCOMPARE(lensPlain(lensToolTip(view.data(), 0, 1)),
                 QStringLiteral("Layer 1 of 2, token 2 “cat”\n"
                                "what the model would predict next (the text goes on with “sat”) if it stopped after "
                                "this layer:\n"
                                "1. “dog” 40.0%\n"
                                "2. “sat” 30.0%\n"
                                "3. “ ran” 20.0%\n"
                                "4. “.” 0.35%\n"
                                "5. “␣” <0.01%"));
        QCOMPARE(lensPlain(lensToolTip(view.data(), 0, 0)),
                 QStringLiteral("Layer 1 of 2, token 1 “the”\n"
                                "what the model would predict next (the text goes on with “cat”) if it stopped after "
                                "this layer:\n"
                                "1. “cat” 60.0%\n"
                                "2. “dog” 20.0%\n"
                                "(already the last layer's prediction)"));
        // The last token has no continuation in the text; an encoder guesses the token itself.
        QVERIFY(lensPlain(lensToolTip(view.data(), 1, 2)).contains(QStringLiteral("would predict next if it stopped")));
        auto encoder = lensTrace();
        encoder->predictsNextToken = false;
        view.setTrace(encoder);
        QVERIFY(lensToolTip(view.data(), 1, 2).contains(QStringLiteral("would guess here")));
        QCOMPARE(lensToolTip(view.data(), 2, 0), QString()); // no such layer
    }

    void percentages()
    {
        QCOMPARE(lensPlain(lensPercentText(1.0)), QStringLiteral("100.0%"));
        QCOMPARE(lensPlain(lensPercentText(0.09996)), QStringLiteral("10.0%"));
        QCOMPARE(lensPlain(lensPercentText(0.0999)), QStringLiteral("9.99%"));
        QCOMPARE(lensPlain(lensPercentText(0.00006)), QStringLiteral("0.01%"));
        QCOMPARE(lensPlain(lensPercentText(0.00004)), QStringLiteral("<0.01%"));
    }

    void saysWhyThereIsNone()
    {
        LensView view;
        QVERIFY(view.data().message.startsWith(QStringLiteral("No trace yet")));
        auto computing = lensTrace();
        computing->lens.reset();
        view.setTrace(computing);
        QCOMPARE(view.data().message, QStringLiteral("Reading every layer's stream with the model's output…"));
        auto failed = lensTrace();
        failed->lens.reset();
        failed->lensError = QStringLiteral("bert-base-uncased has no language-model head to read the layers with");
        view.setTrace(failed);
        QCOMPARE(view.data().message,
                 QStringLiteral("No logit lens: bert-base-uncased has no language-model head to read the layers with"));
        auto toy = lensTrace();
        toy->source = model::TraceSource::Toy;
        view.setTrace(toy);
        QVERIFY(view.data().message.startsWith(QStringLiteral("The toy model predicts nothing")));
        auto typed = lensTrace();
        typed->source = model::TraceSource::Matrices;
        view.setTrace(typed);
        QCOMPARE(view.data().message, QStringLiteral("Typed matrices have no output layer to read the layers with"));
        QImage image(600, 400, QImage::Format_ARGB32);
        QPainter painter(&image);
        view.paintFigure(painter, QSizeF(600, 400)); // the message, not a grid
    }

    void layerOneAtTheBottomInItsColours()
    {
        LensView view;
        view.setTrace(lensTrace());
        const ViewStyle style;
        const QSizeF size(800, 500);
        const LensLayout layout = lensLayout(size, view.data(), style, Qt::LeftToRight, true, false);
        QCOMPARE(layout.firstShown, 0);
        QCOMPARE(layout.lastShown, 2);
        QVERIFY(layout.cellTexts);
        QVERIFY(lensCellRect(layout, 0, 1).top() > lensCellRect(layout, 1, 1).top());
        QVERIFY(lensCellRect(layout, 0, 0).left() < lensCellRect(layout, 0, 1).left());
        QImage image(size.toSize(), QImage::Format_ARGB32);
        QPainter painter(&image);
        view.paintFigureWith(painter, size, FigureParts{true, false});
        painter.end();
        // Near a cell's corner (the token is in its centre): its top 1's probability on the fixed 0–1 scale.
        const auto colourAt = [&image](const QRectF& cell) { return image.pixelColor((cell.topLeft() + QPointF(4, 4)).toPoint()); };
        QCOMPARE(colourAt(lensCellRect(layout, 0, 1)).rgb(), style.weightColorAt(0.4).rgb());
        QCOMPARE(colourAt(lensCellRect(layout, 1, 1)).rgb(), style.weightColorAt(0.9).rgb());
        QCOMPARE(colourAt(lensCellRect(layout, 1, 2)).rgb(), style.weightColorAt(0.25).rgb());

        // Right to left: position 1 on the right, the layers as before.
        const LensLayout mirrored = lensLayout(size, view.data(), style, Qt::RightToLeft, true, false);
        QVERIFY(lensCellRect(mirrored, 0, 0).left() > lensCellRect(mirrored, 0, 1).left());
        QVERIFY(lensCellRect(mirrored, 0, 1).top() > lensCellRect(mirrored, 1, 1).top());
        QCOMPARE(lensPositionAt(mirrored, view.data(), lensCellRect(mirrored, 1, 0).center()), 0);
        QCOMPARE(lensLayerAt(mirrored, view.data(), lensCellRect(mirrored, 1, 0).center()), 1);
    }

    void noTextInCellsLowerThanIt()
    {
        LensView view;
        view.setTrace(lensTrace());
        QVERIFY(!lensLayout(QSizeF(800, 110), view.data(), ViewStyle{}, Qt::LeftToRight, true, false).cellTexts);
    }

    void clickingATokenSelectsIt()
    {
        LensView view;
        view.resize(900, 500);
        view.setTrace(lensTrace());
        QSignalSpy selected(&view, &TraceView::querySelected);
        const LensLayout layout = view.layout();
        QTest::mouseClick(&view, Qt::LeftButton, {}, lensCellRect(layout, 1, 2).center().toPoint());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), 2);
        // The token's label under the grid selects it too.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPointF(lensCellRect(layout, 0, 0).center().x(), layout.tokenLabels.center().y()).toPoint());
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.at(1).at(0).toInt(), 0);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3)); // not a token
        QCOMPARE(selected.count(), 2);
    }

    void tooManyTokensShowTheLastThatFit()
    {
        // 120 tokens of 2 layers, each predicting "word": too many for 500 points across.
        auto trace = std::make_shared<model::Trace>();
        trace->layers.resize(2);
        auto lens = std::make_shared<model::LogitLens>();
        lens->layers.resize(2);
        for (int t = 0; t < 120; ++t) {
            trace->tokens << QStringLiteral("w%1").arg(t);
            for (auto& layer : lens->layers)
                layer.push_back(lensPrediction(t, {{1, 0.5}}, {QStringLiteral("word")}));
        }
        trace->lens = lens;
        LensView view;
        view.setTrace(trace);
        const QSizeF size(500, 400);
        LensLayout layout = lensLayout(size, view.data(), ViewStyle{}, Qt::LeftToRight, true, false);
        QCOMPARE(layout.lastShown, 119);
        QVERIFY(layout.firstShown > 0);
        QVERIFY(!layout.note.isEmpty());
        // Every column shown is at least as wide as two letters and an ellipsis; the grid stays inside the figure.
        QVERIFY(layout.cellWidth >= QFontMetricsF(ViewStyle{}.font(9, true)).horizontalAdvance(QStringLiteral("ab…")));
        QVERIFY(layout.grid.right() <= size.width());
        QVERIFY(lensCellRect(layout, 0, layout.firstShown - 1).isNull());
        // A selected token before them brings its stretch into view.
        model::TraceSelection selection;
        selection.query = 10;
        view.setSelection(selection);
        layout = lensLayout(size, view.data(), ViewStyle{}, Qt::LeftToRight, true, false);
        QVERIFY(layout.firstShown <= 10 && layout.lastShown >= 10);
        QVERIFY(layout.lastShown < 119);
    }

    void exports()
    {
        LensView view;
        view.setTrace(lensTrace());
        QTemporaryDir dir;
        ExportOptions options;
        options.size = QSize(800, 500);
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("lens.") + QLatin1String(suffix));
            QVERIFY(exportFigure(view, path, options).ok());
            QVERIFY(QFileInfo(path).size() > 1000);
        }
    }
};

ATTNLAB_TEST_MAIN(TestLensView)
} // namespace tst_lens_view
#include "tst_lens_view.moc"
