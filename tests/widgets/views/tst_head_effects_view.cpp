// Tests widgets/views/head_effects_view.cpp: the grid shows the trace's head effects on a diverging scale symmetric
// around 0 (the largest |Δ| as its limit), the list puts the most needed head (the most negative Δ) first, the title
// names the token and the subtitle the prediction; the view asks for the effects of the selected token, or the last
// one (analysesNeeded); it says why there are none for the toy model, typed matrices, or while they are computed;
// and a click on a cell emits layerHeadSelected.

#include "model/analysis/ablation_effects.h"
#include "model/attention/toy_model.h"
#include "widgets/views/head_effects_view.h"
#include "widgets/views/head_grid_figure.h"
#include "test_registry.h"

#include <QSignalSpy>
#include <QTest>

namespace tst_head_effects_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// A toy trace of 2 layers × 3 heads, marked as a checkpoint's, carrying hand-made effects for token 2 ("sat").
std::shared_ptr<model::Trace> tracedEffects()
{
    model::ToyConfig config;
    config.layers = 2;
    config.heads = 3;
    config.dModel = 24;
    config.dFf = 48;
    config.vocabSize = 64;
    auto trace = model::ToyModel(config).run(QStringLiteral("the cat sat"));
    if (!trace) qFatal("toy run failed");
    auto t = std::make_shared<model::Trace>(std::move(trace).value());
    t->source = model::TraceSource::Checkpoint;
    auto effects = std::make_shared<model::HeadEffects>();
    effects->position = 2;
    effects->target = 7;
    effects->targetText = QStringLiteral("down");
    effects->logProb = std::log(0.5);
    effects->delta = model::Matrix{{0.2, -0.8, 0.0}, {-0.1, 0.4, -2.0}};
    t->headEffects = effects;
    t->headEffectsQuery = 2;
    return t;
}

} // namespace

class TestHeadEffectsView : public QObject {
    Q_OBJECT

private slots:
    void showsTheEffectsOnADivergingScale()
    {
        HeadEffectsView view;
        view.setTrace(tracedEffects());
        const HeadGridData data = view.gridData();
        QVERIFY2(data.message.isEmpty(), qPrintable(data.message));
        QCOMPARE(data.scale, HeadGridScale::Diverging);
        QCOMPARE(data.hi, 2.0);
        QCOMPARE(data.values(1, 2), -2.0);
        QVERIFY(data.title.contains(QStringLiteral("“sat” (token 3)")));
        QVERIFY(data.subtitle.join(QLatin1Char(' ')).contains(QStringLiteral("“down”")));
        const QList<RankedHead> ranked = rankedHeads(data);
        QCOMPARE(ranked.size(), 6);
        QCOMPARE(ranked.first().layer, 1); // −2.0: L2 H3, then −0.8: L1 H2
        QCOMPARE(ranked.first().head, 2);
        QCOMPARE(ranked[1].layer, 0);
        QCOMPARE(ranked[1].head, 1);
        QCOMPARE(ranked.last().value, 0.4);
        // 0 is the centre colour whatever the limit.
        QCOMPARE(headGridColor(data, view.viewStyle(), 0.0), QColor(0xf7, 0xf7, 0xf7));
    }

    void asksForTheSelectedTokenOrTheLast()
    {
        HeadEffectsView view;
        QCOMPARE(view.analysesNeeded().effectsQuery, -1); // no trace: nothing to ask yet
        view.setTrace(tracedEffects());
        QCOMPARE(view.analysesNeeded().effectsQuery, 2);
        model::TraceSelection s;
        s.query = 1;
        view.setSelection(s);
        QCOMPARE(view.analysesNeeded().effectsQuery, 1);
        // Until the new token's effects arrive, the figure shows those in hand, titled with their own token.
        QVERIFY(view.gridData().title.contains(QStringLiteral("(token 3)")));
    }

    void saysWhyThereAreNone()
    {
        HeadEffectsView view;
        QVERIFY(!view.gridData().message.isEmpty());
        auto toy = tracedEffects();
        toy->source = model::TraceSource::Toy;
        view.setTrace(toy);
        QVERIFY(view.gridData().message.contains(QStringLiteral("toy model predicts nothing")));
        auto failed = tracedEffects();
        failed->headEffects.reset();
        failed->headEffectsError = QStringLiteral("the prediction needs every layer of the model");
        view.setTrace(failed);
        QCOMPARE(view.gridData().message, QStringLiteral("No effects: the prediction needs every layer of the model"));
    }

    void aClickOpensTheHead()
    {
        HeadEffectsView view;
        view.resize(1000, 600);
        view.setTrace(tracedEffects());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy opened(&view, &TraceView::layerHeadSelected);
        const HeadGridData data = view.gridData();
        const HeadGridLayout layout = headGridLayout(QSizeF(view.size()), data, view.viewStyle(), view.layoutDirection());
        QTest::mouseClick(&view, Qt::LeftButton, {}, headGridCellRect(layout, 1, 2).center().toPoint());
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(0).toInt(), 1);
        QCOMPARE(opened.first().at(1).toInt(), 2);
    }
};

ATTNLAB_TEST_MAIN(TestHeadEffectsView)
} // namespace tst_head_effects_view
#include "tst_head_effects_view.moc"
