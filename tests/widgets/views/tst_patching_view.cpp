// Tests widgets/views/patching_view.cpp: the bar's fields become the analysis the view asks for when Patch is
// pressed (or Enter), at the selected token or the last; what the view says instead of the figure (the toy model,
// nothing asked, computing, the reason there is none); a trace patched elsewhere (the command line) is drawn
// without asking; the shared colour scale's limit; and the figure draws the token grids' labels.

#include "model/analysis/activation_patching.h"
#include "model/attention/toy_model.h"
#include "widgets/views/patching_view.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace tst_patching_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// A toy trace of 2 layers × 3 heads over 3 tokens, marked as a checkpoint's.
std::shared_ptr<model::Trace> checkpointTrace()
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
    return t;
}

std::shared_ptr<const model::ActivationPatching> handMadePatching()
{
    auto p = std::make_shared<model::ActivationPatching>();
    p->position = 2;
    p->target = 5;
    p->wrong = 6;
    p->targetText = QStringLiteral(" down");
    p->wrongText = QStringLiteral(" up");
    p->clean = 2.0;
    p->corrupted = -1.0;
    p->heads = model::Matrix{{0.1, 0.9, -0.2}, {0.0, 0.3, 1.5}};
    p->residual = model::Matrix{{0.0, 1.0, 0.2}, {0.0, 0.4, -2.5}};
    p->mlp = model::Matrix{{0.0, 0.1, 0.0}, {0.0, 0.0, 0.7}};
    p->corruptedTokens = QStringList{QStringLiteral("the"), QStringLiteral("dog"), QStringLiteral("sat")};
    return p;
}

} // namespace

class TestPatchingView : public QObject {
    Q_OBJECT

private slots:
    void isRegistered()
    {
        QVERIFY(viewNames().contains(QStringLiteral("patching")));
        QCOMPARE(viewTitle(QStringLiteral("patching")), QStringLiteral("Patching"));
        QCOMPARE(createView(QStringLiteral("patching"))->viewName(), QStringLiteral("patching"));
    }

    void patchAsksForTheFieldsAtTheSelectedToken()
    {
        PatchingView view;
        auto trace = checkpointTrace();
        view.setTrace(trace);
        QVERIFY(view.analysesNeeded().patching.empty()); // nothing asked yet
        QVERIFY(view.message().contains(QStringLiteral("press Patch")));
        QSignalSpy changed(&view, &TraceView::analysesChanged);
        view.corruptedField()->setText(QStringLiteral("the dog sat"));
        view.targetField()->setText(QStringLiteral(" down"));
        QCOMPARE(changed.count(), 0); // typing asks nothing
        QTest::mouseClick(view.patchButton(), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        model::PatchingInputs expected;
        expected.corrupted = QStringLiteral("the dog sat");
        expected.target = QStringLiteral(" down");
        expected.position = 2; // the last token: nothing selected
        QCOMPARE(view.analysesNeeded().patching, expected);
        QVERIFY(view.message().contains(QStringLiteral("rerunning")));
        // The selected token is the one measured; Enter in a field asks again, with the wrong token.
        model::TraceSelection selection;
        selection.query = 1;
        view.setSelection(selection);
        view.wrongField()->setText(QStringLiteral(" up"));
        QTest::keyClick(view.wrongField(), Qt::Key_Return);
        QCOMPARE(changed.count(), 2);
        expected.position = 1;
        expected.wrong = QStringLiteral(" up");
        QCOMPARE(view.analysesNeeded().patching, expected);

        // The answer arrives: the figure is drawn; a refusal is said.
        auto answered = std::make_shared<model::Trace>(*trace);
        answered->patchingInputs = expected;
        answered->patchingError = QStringLiteral("the clean input has 3 tokens and the corrupted one 4");
        view.setTrace(answered);
        QCOMPARE(view.message(), QStringLiteral("No patching: the clean input has 3 tokens and the corrupted one 4"));
        answered->patchingError.clear();
        answered->patching = handMadePatching();
        view.setTrace(answered);
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        QCOMPARE(view.scaleLimit(), 2.5); // |−2.5| of the stream grid, above 1
        // Emptied fields ask for nothing.
        for (QLineEdit* field : {view.corruptedField(), view.targetField(), view.wrongField()})
            field->clear();
        QTest::mouseClick(view.patchButton(), Qt::LeftButton);
        QVERIFY(view.analysesNeeded().patching.empty());
    }

    void tooltipsNameTheSiteAndWhatItRestores()
    {
        PatchingView view;
        view.resize(1600, 900);
        auto trace = checkpointTrace();
        trace->patching = handMadePatching();
        view.setTrace(trace);
        // Sweep the widget: every site's tooltip appears somewhere, with its own value.
        QSet<QString> tips;
        for (int y = 0; y < view.height(); y += 3)
            for (int x = 0; x < view.width(); x += 3) {
                const QString tip = view.toolTipAt(QPointF(x, y));
                if (!tip.isEmpty()) tips.insert(tip);
            }
        QVERIFY(tips.contains(QStringLiteral("Layer 2, head 3 from the clean run: restores \u20661.500\u2069 of the logit difference")));
        QVERIFY(tips.contains(QStringLiteral("The stream entering layer 2 at token 3 “sat”, from the clean run: restores "
                                             "\u2066\u22122.500\u2069 of the logit difference")));
        QVERIFY(tips.contains(QStringLiteral("Layer 1's MLP output at token 2 “cat” (corrupted: “dog”), from the clean run: "
                                             "restores \u20660.100\u2069 of the logit difference")));
        // 6 heads, 6 stream cells, 6 MLP cells (the sorted list repeats the heads).
        int streams = 0, mlps = 0;
        for (const QString& tip : tips) {
            streams += tip.startsWith(QStringLiteral("The stream entering"));
            mlps += tip.contains(QStringLiteral("MLP output"));
        }
        QCOMPARE(streams, 6);
        QCOMPARE(mlps, 6);
        QVERIFY(view.toolTipAt(QPointF(5, 5)).isEmpty()); // the bar
    }

    void theToyModelAndTypedMatricesSayWhy()
    {
        PatchingView view;
        auto toy = checkpointTrace();
        toy->source = model::TraceSource::Toy;
        view.setTrace(toy);
        QVERIFY(view.message().contains(QStringLiteral("toy model predicts nothing")));
        auto typed = checkpointTrace();
        typed->source = model::TraceSource::Matrices;
        view.setTrace(typed);
        QCOMPARE(view.message(), QStringLiteral("Typed matrices have no prediction to restore"));
    }

    void drawsATracePatchedElsewhere()
    {
        PatchingView view;
        auto trace = checkpointTrace();
        trace->patching = handMadePatching();
        view.setTrace(trace);
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        QCOMPARE(view.scaleLimit(), 2.5);
        QImage image(1600, 900, QImage::Format_ARGB32);
        QPainter painter(&image);
        view.paintFigure(painter, QSizeF(image.size()));
        painter.end();
        // The strongest red of the scale (+1.5 of 2.5) and blue (−2.5) both appear.
        bool red = false, blue = false;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                red = red || (c.red() > 150 && c.blue() < 110 && c.green() < 140);
                blue = blue || (c.blue() > 100 && c.red() < 60);
            }
        QVERIFY(red && blue);
    }
};

ATTNLAB_TEST_MAIN(TestPatchingView)
} // namespace tst_patching_view
#include "tst_patching_view.moc"
