// Tests app/window/comparison_tab.cpp in the main window: the Compare tab computes text B through the input's model
// and settings on its own worker, and its view shows A (the window's trace) beside B with A − B equal to A's
// selected weights minus those of B's own run; it follows the selection and the input, warns when the lengths
// differ, and says that typed matrices have no text B.

#include "app/window/comparison_tab.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "app/workspace/workspace_request.h"
#include "model/pipeline/trace_computer.h"
#include "model/trace/trace_selection.h"
#include "widgets/views/comparison_view.h"
#include "widgets/drawing/left_to_right.h"
#include "test_registry.h"

#include <QInputMethodEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTest>

namespace tst_comparison_tab {

using namespace attnlab;

namespace {

void settleComparison(app::MainWindow& window, app::ComparisonTab& tab)
{
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
    QTest::qWait(350); // the typing pause of text B
    tab.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

void typeSentenceA(app::MainWindow& window, const QString& text)
{
    QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

} // namespace

class TestComparisonTab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_comparison_tab"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void comparesTheInputWithTextB()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.findChild<app::ComparisonTab*>();
        QVERIFY(tab);
        typeSentenceA(window, QStringLiteral("the cat sat"));
        tab->textB()->setText(QStringLiteral("the dog sat"));
        settleComparison(window, *tab);
        const widgets::ComparisonView* view = tab->view();
        QVERIFY(view->viewB()->trace());
        QCOMPARE(view->viewB()->trace()->tokens, (QStringList{"the", "dog", "sat"}));
        QCOMPARE(view->trace(), window.trace().get());
        QVERIFY(view->comparison().has_value());
        QVERIFY(view->showsDifference());
        // B's own run, through the workspace's request with the text replaced
        app::WorkspaceState stateB = window.state();
        stateB.input.text = QStringLiteral("the dog sat");
        const app::BuiltRequest built = app::buildRequest(stateB);
        QVERIFY(built.request);
        const auto traceB = model::computeTrace(*built.request);
        QVERIFY(traceB);
        model::TraceSelection selection = view->selection();
        const model::Matrix expected = model::selectedWeights(*window.trace(), selection) - model::selectedWeights(*traceB, selection);
        QVERIFY((view->comparison()->difference - expected).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(expected.cwiseAbs().maxCoeff() > 0);
        QCOMPARE(view->notes().size(), 1);
        QCOMPARE(widgets::withoutIsolates(view->notes().first()), QStringLiteral("Tokens that differ: #2 cat → dog"));

        // a shorter B: aligned on it, and said
        tab->textB()->setText(QStringLiteral("the dog"));
        settleComparison(window, *tab);
        QCOMPARE(view->comparison()->alignment.tokens, 2);
        QVERIFY(view->notes().contains(QStringLiteral("A has 3 tokens and B 2: compared on the first 2")));
        // a new input A: B again, for it
        typeSentenceA(window, QStringLiteral("the dog"));
        settleComparison(window, *tab);
        QCOMPARE(view->trace(), window.trace().get());
        QVERIFY(view->notes().isEmpty());
        QCOMPARE(view->comparison()->largest, 0.0);
    }

    void typedMatricesHaveNoTextB()
    {
        app::MainWindow window;
        window.show();
        auto* tab = window.findChild<app::ComparisonTab*>();
        QVERIFY(tab);
        window.inputPanel()->findChild<QTabWidget*>()->setCurrentIndex(1);
        settleComparison(window, *tab);
        QVERIFY2(tab->status().contains(QStringLiteral("typed matrices")), qPrintable(tab->status()));
    }
};

ATTNLAB_TEST_MAIN(TestComparisonTab)
} // namespace tst_comparison_tab

#include "tst_comparison_tab.moc"
