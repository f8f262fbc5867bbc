// Tests app/window/main_window.cpp and its panels through the user's actions: typing, clicking, undo, export.

#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "app/window/control_bar.h"
#include "app/window/export_dialog.h"
#include "widgets/controls/fade_overlay.h"
#include "widgets/views/head_grid_figure.h"
#include "widgets/views/head_roles_view.h"
#include "widgets/views/rollout_view.h"
#include "widgets/views/patching_view.h"
#include "model/analysis/activation_patching.h"
#include "model/analysis/attention_flow.h"
#include "widgets/views/head_view.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/step_view.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "app/workspace/workspace.h"
#include "app/lessons/lesson_panel.h"
#include "app/session/session_controller.h"
#include "app/window/model_info_panel.h"
#include "app/window/presentation_mode.h"
#include "app/window/shortcuts_sheet.h"
#include "widgets/controls/fade_overlay.h"
#include "widgets/controls/matrix_editor.h"
#include "widgets/controls/token_strip.h"
#include "widgets/controls/chip_contrast.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/pipeline/loaded_model.h"
#include "test_registry.h"
#include "test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QImage>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>

#include <algorithm>
#include <map>
#include <cmath>

Q_DECLARE_METATYPE(attnlab::app::ComputeState)

namespace tst_main_window {

using namespace attnlab;

namespace {

// Waits until the worker has delivered the trace for the latest input.
void settle(app::MainWindow& window)
{
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

void typeSentence(app::MainWindow& window, const QString& text)
{
    QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    // Japanese and Persian arrive through the input method, as a committed string; QTest types only ASCII.
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
    settle(window);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QSettings().clear(); // what an earlier run's window saved at its close
    }

    void cleanupTestCase() { QSettings().clear(); }

    void typingUpdatesTokensAndViews()
    {
        app::MainWindow window;
        window.show();
        typeSentence(window, QStringLiteral("得意 な スポーツ は ？"));
        QCOMPARE(window.tokenStrip()->tokens(), (QStringList{"得意", "な", "スポーツ", "は", "？"}));
        QVERIFY(window.trace());
        QCOMPARE(window.trace()->tokens.size(), 5);
        for (const QString& name : {QStringLiteral("heatmap"), QStringLiteral("heads"), QStringLiteral("arcs")})
            if (widgets::TraceView* view = window.view(name))
                QCOMPARE(view->trace(), window.trace().get());
    }

    // A 1280×720 projector: the window's smallest size fits under a title bar, so the status bar (and its Stop
    // button and progress) stays on screen. The model panel scrolls instead of growing (it was 859 px tall).
    void fitsA720PixelScreen()
    {
        app::MainWindow window;
        settle(window);
        // A Llama's fifteen rows in the model panel.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::writeHfLlama(dir.path(), test::randomLlama(test::TinyLlama{}, 3));
        auto loaded = model::LanguageModel::load(dir.path());
        QVERIFY2(loaded, qPrintable(loaded.error()));
        model::LoadedModel checkpoint;
        checkpoint.model = *loaded;
        window.modelInfo()->showCheckpoint(checkpoint);
        QVERIFY2(window.minimumSizeHint().height() <= 680,
                 qPrintable(QStringLiteral("minimum height %1").arg(window.minimumSizeHint().height())));
        QVERIFY(window.minimumSizeHint().width() <= 1280);
    }

    void chipSelectsQuery()
    {
        app::MainWindow window;
        window.show();
        typeSentence(window, QStringLiteral("the cat sat"));
        QTest::mouseClick(window.tokenStrip()->chip(1), Qt::LeftButton);
        QCOMPARE(window.selection().query, 1);
        for (const QString& name : {QStringLiteral("heatmap"), QStringLiteral("arcs")})
            if (widgets::TraceView* view = window.view(name))
                QCOMPARE(view->selection().query, 1);
    }

    void maskCellToggleRenormalises()
    {
        app::MainWindow window;
        window.show();
        typeSentence(window, QStringLiteral("a b c d"));
        auto* heatmap = qobject_cast<widgets::HeatmapView*>(window.view(QStringLiteral("heatmap")));
        QVERIFY(heatmap);
        window.showView(QStringLiteral("heatmap"));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // A click on cell (query 2, key 0): the new trace masks it and row 2 still sums to 1.
        const QPoint cell = heatmap->cellRect(2, 0, QSizeF(heatmap->size())).center().toPoint();
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, cell);
        settle(window);
        const model::HeadTrace& head = window.trace()->layers[0].heads[0];
        QCOMPARE(head.allowed(2, 0), false);
        QCOMPARE(head.weights(2, 0), 0.0);
        QVERIFY(std::abs(head.weights.row(2).sum() - 1.0) < 1e-12);
        QCOMPARE(window.state().compute.mask.kind, model::MaskKind::Custom);
        // Undo restores the unmasked row.
        window.undoStack()->undo();
        settle(window);
        QCOMPARE(window.trace()->layers[0].heads[0].allowed(2, 0), true);
    }

    void headSwatchTogglesHead()
    {
        app::MainWindow window;
        window.show();
        typeSentence(window, QStringLiteral("the cat sat on the mat"));
        auto* heads = qobject_cast<widgets::HeadView*>(window.view(QStringLiteral("heads")));
        QVERIFY(heads);
        window.showView(QStringLiteral("heads"));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QPoint swatch = heads->swatchRect(1, QSizeF(heads->size())).center().toPoint();
        QTest::mouseClick(heads, Qt::LeftButton, {}, swatch);
        QVERIFY(window.selection().hiddenHeads.contains(1));
        // Every view now hides head 2 (index 1), e.g. the average of heads leaves it out.
        QVERIFY(window.view(QStringLiteral("heatmap"))->selection().hiddenHeads.contains(1));
        QTest::mouseClick(heads, Qt::LeftButton, {}, swatch);
        QVERIFY(!window.selection().hiddenHeads.contains(1));
    }

    // The roles view needs the heads' scores: showing it computes them once, on the worker, without an undo step;
    // going to another view and back computes nothing; a click on a head opens it in the heatmap.
    void theRolesViewComputesRolesOnceAndOpensAHead()
    {
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        typeSentence(window, QStringLiteral("a b c a b c"));
        window.showView(QStringLiteral("heatmap"));
        settle(window);
        QVERIFY(window.trace() && !window.trace()->headRoles);
        const int undoSteps = window.undoStack()->count();
        QSignalSpy traces(window.workspace(), &app::Workspace::traceReady);
        // Views that need nothing new compute nothing.
        window.showView(QStringLiteral("arcs"));
        window.showView(QStringLiteral("heads"));
        settle(window);
        QCOMPARE(traces.count(), 0);

        auto* roles = qobject_cast<widgets::HeadRolesView*>(window.view(QStringLiteral("roles")));
        QVERIFY(roles);
        window.showView(QStringLiteral("roles"));
        settle(window);
        QCOMPARE(traces.count(), 1);
        QVERIFY(window.trace()->headRoles);
        QCOMPARE(roles->trace(), window.trace().get());
        QCOMPARE(window.undoStack()->count(), undoSteps);
        window.showView(QStringLiteral("heatmap"));
        window.showView(QStringLiteral("roles"));
        settle(window);
        QCOMPARE(traces.count(), 1);

        // A click on layer 1, head 2 of the grid: the heatmap shows that head.
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRectF figure = roles->figureRect();
        const widgets::HeadGridData data = roles->gridData();
        QVERIFY2(data.message.isEmpty(), qPrintable(data.message));
        const widgets::HeadGridLayout layout =
            widgets::headGridLayout(figure.size(), data, roles->viewStyle(), roles->layoutDirection());
        QTest::mouseClick(roles, Qt::LeftButton, {},
                          (widgets::headGridCellRect(layout, 0, 1).center() + figure.topLeft()).toPoint());
        QCOMPARE(window.currentViewName(), QStringLiteral("heatmap"));
        QCOMPARE(window.selection().layer, 0);
        QCOMPARE(window.selection().head, 1);
        QCOMPARE(window.view(QStringLiteral("heatmap"))->selection().head, 1);
        settle(window);
        QCOMPARE(traces.count(), 1);
    }

    // The patching view patches the current input on the worker when Patch is pressed, without an undo step, at
    // the selected token; a corrupted input of another length is refused with a message, and the app keeps going.
    void thePatchingViewPatchesTheCurrentInput()
    {
        const QString folder = QDir(test::sharedDir()).filePath(QStringLiteral("models/char-gpt-slm"));
        if (!QFileInfo::exists(folder)) QSKIP("../shared/models/char-gpt-slm is absent (set ATTNLAB_SHARED)");
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openModel(folder);
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelLoader()->isLoading(), 20000);
        typeSentence(window, QStringLiteral("the cat sat on the mat"));
        QCOMPARE(window.trace()->modelName, QStringLiteral("char-gpt-slm"));
        auto* patching = qobject_cast<widgets::PatchingView*>(window.view(QStringLiteral("patching")));
        QVERIFY(patching);
        window.showView(QStringLiteral("patching"));
        settle(window);
        QVERIFY(!window.trace()->patching);
        const int undoSteps = window.undoStack()->count();

        patching->corruptedField()->setText(QStringLiteral("the dog sat on the mat"));
        patching->targetField()->setText(QStringLiteral("a"));
        QTest::mouseClick(patching->patchButton(), Qt::LeftButton);
        settle(window);
        QVERIFY2(window.trace()->patching, qPrintable(window.trace()->patchingError));
        const model::ActivationPatching& result = *window.trace()->patching;
        QCOMPARE(result.position, 21);
        QCOMPARE(result.corruptedTokens.join(QString()), QStringLiteral("the dog sat on the mat"));
        for (int l = 0; l < 4; ++l)
            for (int t = 0; t < 4; ++t) // "the " is the same in both inputs: nothing to restore there
                QCOMPARE(result.residual(l, t), 0.0);
        QCOMPARE(window.undoStack()->count(), undoSteps);
        QVERIFY(patching->message().isEmpty());

        // Another token measured: patched again there.
        emit patching->querySelected(10);
        settle(window);
        QVERIFY(window.trace()->patching);
        QCOMPARE(window.trace()->patching->position, 10);

        // A corrupted input of another length: one message, no grid.
        patching->corruptedField()->setText(QStringLiteral("the dog sat on a mat"));
        QTest::keyClick(patching->corruptedField(), Qt::Key_Return);
        settle(window);
        QVERIFY(!window.trace()->patching);
        QVERIFY2(patching->message().contains(QStringLiteral("the clean input has 22 tokens and the corrupted one 20")),
                 qPrintable(patching->message()));
    }

    // The rollout view computes the rollout when shown; in flow mode the flow follows the selected token, and a
    // token already computed (or refused) is not computed again.
    void theRolloutViewsFlowFollowsTheSelectedToken()
    {
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        typeSentence(window, QStringLiteral("the cat sat on the mat"));
        window.showView(QStringLiteral("heatmap"));
        settle(window);
        QVERIFY(window.trace() && !window.trace()->rollout);
        QSignalSpy traces(window.workspace(), &app::Workspace::traceReady);
        auto* rollout = qobject_cast<widgets::RolloutView*>(window.view(QStringLiteral("rollout")));
        QVERIFY(rollout);
        window.showView(QStringLiteral("rollout"));
        settle(window);
        QCOMPARE(traces.count(), 1);
        QVERIFY(window.trace()->rollout);
        QVERIFY(!window.trace()->flow);

        rollout->setMode(widgets::RolloutMode::Flow);
        settle(window);
        QCOMPARE(traces.count(), 2);
        QVERIFY(window.trace()->flow);
        const int first = window.trace()->flow->query;
        const int other = first == 0 ? 1 : 0;
        emit rollout->querySelected(other);
        settle(window);
        QCOMPARE(traces.count(), 3);
        QVERIFY(window.trace()->flow);
        QCOMPARE(window.trace()->flow->query, other);
        QCOMPARE(window.selection().query, other);
        // Nothing new is needed: no run.
        window.showView(QStringLiteral("heatmap"));
        window.showView(QStringLiteral("rollout"));
        settle(window);
        QCOMPARE(traces.count(), 3);
    }

    void exportWritesFiles()
    {
        app::MainWindow window;
        window.show();
        settle(window);
        QTemporaryDir dir;
        for (const QString& name : widgets::viewNames()) {
            app::ExportDialog dialog(*window.view(name), &window);
            for (const char* suffix : {"png", "svg", "pdf"}) {
                const QString path = dir.filePath(name + QLatin1Char('.') + QLatin1String(suffix));
                QVERIFY2(dialog.exportTo(path), qPrintable(path));
                QVERIFY(QFileInfo(path).size() > 1000);
            }
        }
    }

    // The dialog's "Title" check box: on, the step figure has its headline; off, not. Neither has the view's
    // key hints, which the screen shows.
    void exportDialogTitleCheckBox()
    {
        app::MainWindow window;
        window.show();
        settle(window);
        QTemporaryDir dir;
        auto* steps = window.view(QStringLiteral("steps"));
        app::ExportDialog dialog(*steps, &window);
        auto* title = dialog.findChild<QCheckBox*>(QStringLiteral("exportTitle"));
        QVERIFY(title);
        QVERIFY(title->isChecked());
        for (const bool on : {true, false}) {
            title->setChecked(on);
            const QString path = dir.filePath(QStringLiteral("steps%1.svg").arg(on));
            QVERIFY(dialog.exportTo(path));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString svg = QString::fromUtf8(file.readAll());
            QCOMPARE(svg.contains(QStringLiteral("Step 1 of 5")), on);
            QVERIFY(!svg.contains(QStringLiteral("move between steps")));
        }
    }

    // "All steps" of the step view's export: the exam's five steps as five PDF pages or five numbered PNG/SVG
    // files, as `attnlab export --all-steps` writes them, and the window stays at its step.
    void exportDialogAllSteps()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        window.showView(QStringLiteral("steps"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Only the step view has steps to export.
        app::ExportDialog heatmapDialog(*window.view(QStringLiteral("heatmap")), &window);
        QVERIFY(!heatmapDialog.findChild<QCheckBox*>(QStringLiteral("exportAllSteps")));

        auto* steps = qobject_cast<widgets::StepView*>(window.view(QStringLiteral("steps")));
        QVERIFY(steps);
        QCOMPARE(steps->trace()->tokens.size(), 4); // the exam's x1 … x4
        steps->setStep(1);
        QSignalSpy stepped(steps, &widgets::StepView::stepChanged);
        app::ExportDialog dialog(*steps, &window);
        auto* allSteps = dialog.findChild<QCheckBox*>(QStringLiteral("exportAllSteps"));
        auto* note = dialog.findChild<QLabel*>(QStringLiteral("exportAllStepsNote"));
        QVERIFY(allSteps && note);
        QVERIFY(!allSteps->isChecked());
        QVERIFY(note->isHidden());
        allSteps->setChecked(true);
        QVERIFY(!note->isHidden());
        // PNG is the first format: the note names the numbered files.
        QVERIFY2(note->text().contains(QStringLiteral("steps-1.png")) && note->text().contains(QStringLiteral("steps-5.png")),
                 qPrintable(note->text()));

        // PDF: one page per step. Pages are the objects "/Type /Page" (the page tree is "/Type /Pages").
        const QString pdf = dir.filePath(QStringLiteral("exam.pdf"));
        QVERIFY(dialog.exportTo(pdf));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QCOMPARE(QString::fromLatin1(pdfFile.readAll()).count(page), 5);

        // PNG: the chosen name numbered before the suffix, 1 … 5 and no more; each frame its own step.
        QVERIFY(dialog.exportTo(dir.filePath(QStringLiteral("exam.png"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("exam.png"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("exam-0.png"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("exam-6.png"))));
        QList<QImage> frames;
        for (int step = 1; step <= 5; ++step) {
            const QImage frame(dir.filePath(QStringLiteral("exam-%1.png").arg(step)));
            QVERIFY2(!frame.isNull(), qPrintable(QStringLiteral("exam-%1.png").arg(step)));
            for (const QImage& earlier : frames)
                QVERIFY(frame != earlier);
            frames << frame;
        }

        // SVG with %d typed by the user: the number goes there; the headline says which step each file is.
        QVERIFY(dialog.exportTo(dir.filePath(QStringLiteral("step%d-of-exam.svg"))));
        for (int step = 1; step <= 5; ++step) {
            QFile svg(dir.filePath(QStringLiteral("step%1-of-exam.svg").arg(step)));
            QVERIFY(svg.open(QIODevice::ReadOnly));
            QVERIFY(QString::fromUtf8(svg.readAll()).contains(QStringLiteral("Step %1 of 5").arg(step)));
        }

        // The window's step view is where it was, and nothing heard of the steps it went through.
        QCOMPARE(steps->step(), 1);
        QCOMPARE(stepped.count(), 0);

        QCOMPARE(app::ExportDialog::stepFramePattern(QStringLiteral("/a.b/steps.png")), QStringLiteral("/a.b/steps-%d.png"));
        QCOMPARE(app::ExportDialog::stepFramePattern(QStringLiteral("/a.b/s-%d.svg")), QStringLiteral("/a.b/s-%d.svg"));
        QCOMPARE(app::ExportDialog::stepFramePattern(QStringLiteral("/a.b/steps")), QStringLiteral("/a.b/steps-%d"));
    }

    void undoRedoTyping()
    {
        app::MainWindow window;
        window.show();
        typeSentence(window, QStringLiteral("one two"));
        const QString typed = window.inputPanel()->sentenceEdit()->toPlainText();
        QCOMPARE(typed, QStringLiteral("one two"));
        window.undoStack()->undo();
        settle(window);
        QVERIFY(window.inputPanel()->sentenceEdit()->toPlainText() != typed);
        window.undoStack()->redo();
        settle(window);
        QCOMPARE(window.inputPanel()->sentenceEdit()->toPlainText(), typed);
        QCOMPARE(window.trace()->tokens, (QStringList{"one", "two"}));
    }

    // Every setting of the control bar is an undo step, and so are the window size, padding count and
    // temperature that the state keeps while another mask or scaling is chosen.
    void everySettingIsAnUndoStep_data()
    {
        QTest::addColumn<app::ComputeState>("start");
        QTest::addColumn<QString>("control"); // the object name of the edited widget
        QTest::addColumn<QVariant>("value");  // a combo's item data, a spin box's or slider's value
        QTest::addColumn<app::ComputeState>("after");
        const auto with = [](auto change) {
            app::ComputeState s;
            change(s);
            return s;
        };
        using S = app::ComputeState;
        const S none;
        const S window5 = with([](S& s) { s.mask = {model::MaskKind::Window, 5, 1, {}}; });
        const S padding2 = with([](S& s) { s.mask = {model::MaskKind::Padding, 3, 2, {}}; });
        const S tau10 = with([](S& s) { s.scaling = {model::ScaleKind::Temperature, 10.0}; });
        QTest::newRow("mask") << none << "mask" << QVariant(QStringLiteral("causal"))
                              << with([](S& s) { s.mask.kind = model::MaskKind::Causal; });
        QTest::newRow("window size") << window5 << "maskSize" << QVariant(2)
                                     << with([](S& s) { s.mask = {model::MaskKind::Window, 2, 1, {}}; });
        QTest::newRow("padding count") << padding2 << "maskSize" << QVariant(0)
                                       << with([](S& s) { s.mask = {model::MaskKind::Padding, 3, 0, {}}; });
        QTest::newRow("window kept without a mask") << window5 << "mask" << QVariant(QStringLiteral("none"))
                                                    << with([](S& s) { s.mask = {model::MaskKind::None, 5, 1, {}}; });
        QTest::newRow("padding kept under causal") << padding2 << "mask" << QVariant(QStringLiteral("causal"))
                                                   << with([](S& s) { s.mask = {model::MaskKind::Causal, 3, 2, {}}; });
        QTest::newRow("scaling") << none << "scaling" << QVariant(QStringLiteral("none"))
                                 << with([](S& s) { s.scaling.kind = model::ScaleKind::None; });
        // The slider is logarithmic: position 0 is τ = 10^(0/50) = 1, position 50 is τ = 10^(50/50) = 10.
        QTest::newRow("temperature") << with([](S& s) { s.scaling = {model::ScaleKind::Temperature, 1.0}; })
                                     << "temperature" << QVariant(50) << tau10;
        QTest::newRow("temperature kept under √d_k") << tau10 << "scaling" << QVariant(QStringLiteral("sqrt"))
                                                      << with([](S& s) { s.scaling.temperature = 10.0; });
        QTest::newRow("positions") << none << "positional" << QVariant(int(model::PositionalKind::Rope))
                                   << with([](S& s) { s.positional = model::PositionalKind::Rope; });
        QTest::newRow("norm") << none << "norm" << QVariant(int(model::NormPlacement::Post))
                              << with([](S& s) { s.placement = model::NormPlacement::Post; });
    }

    void everySettingIsAnUndoStep()
    {
        QFETCH(app::ComputeState, start);
        QFETCH(QString, control);
        QFETCH(QVariant, value);
        QFETCH(app::ComputeState, after);
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.compute = start;
        window.setWorkspace(state);
        settle(window);
        QVERIFY(window.state().compute == start);
        const int steps = window.undoStack()->count();

        QWidget* widget = window.controls()->findChild<QWidget*>(control);
        QVERIFY2(widget, qPrintable(control));
        if (auto* combo = qobject_cast<QComboBox*>(widget))
            combo->setCurrentIndex(combo->findData(value));
        else if (auto* spin = qobject_cast<QSpinBox*>(widget))
            spin->setValue(value.toInt());
        else if (auto* slider = qobject_cast<QSlider*>(widget))
            slider->setValue(value.toInt());
        settle(window);
        QVERIFY(window.state().compute == after);
        QCOMPARE(window.undoStack()->count(), steps + 1);

        window.undoStack()->undo();
        settle(window);
        QVERIFY(window.state().compute == start);
        QVERIFY(window.controls()->computeState() == start);
        window.undoStack()->redo();
        settle(window);
        QVERIFY(window.state().compute == after);
        QVERIFY(window.controls()->computeState() == after);
    }

    void matrixModeExam()
    {
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices();
        window.setWorkspace(state);
        settle(window);
        QVERIFY(window.trace()->exact);
        const model::Matrix& w = window.trace()->layers[0].heads[0].weights.toDouble();
        QVERIFY(std::abs(w(1, 0) - 9.0 / 26) < 1e-12);
        QVERIFY(std::abs(window.trace()->output(1, 1) - 2.5) < 1e-12);
        QVERIFY(window.controls()->exact());
        // The panels describe typed matrices, not the toy model; positions and norms are not offered.
        QVERIFY(window.modelInfo()->value(QStringLiteral("Model")).startsWith(QStringLiteral("Typed matrices")));
        QCOMPARE(window.modelInfo()->value(QStringLiteral("Heads")), QStringLiteral("1"));
        QVERIFY(!window.controls()->findChild<QComboBox*>(QStringLiteral("positional"))->isEnabled());
        QVERIFY(window.controls()->findChild<QComboBox*>(QStringLiteral("mask"))->isEnabled());
    }

    void typedTokenNamesLabelTheRows()
    {
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices();
        window.setWorkspace(state);
        settle(window);
        QCOMPARE(window.trace()->tokens, (QStringList{"x1", "x2", "x3", "x4"}));
        QLineEdit* names = window.inputPanel()->tokensEdit();
        names->setFocus();
        QTest::keyClicks(names, QStringLiteral("the  cat sat down"));
        settle(window);
        QCOMPARE(window.state().input.tokens, (QStringList{"the", "cat", "sat", "down"}));
        QCOMPARE(window.trace()->tokens, (QStringList{"the", "cat", "sat", "down"}));
        QVERIFY(window.trace()->memoryTokens.isEmpty()); // K has no names of its own: the keys are the same tokens
        QLineEdit* keys = window.inputPanel()->memoryTokensEdit();
        QVERIFY(keys->isVisibleTo(window.inputPanel()));
        keys->setFocus();
        QTest::keyClicks(keys, QStringLiteral("k-a k-b k-c k-d"));
        settle(window);
        QCOMPARE(window.trace()->keyTokens(), (QStringList{"k-a", "k-b", "k-c", "k-d"}));
        // A fifth query row has no name: the rows are numbered rather than named wrongly.
        widgets::MatrixEditor* q = window.inputPanel()->matrixEditor(QStringLiteral("Q"));
        QVERIFY(q->pasteText(QStringLiteral("1 0; 0 1; -1 0; 0 -1; 1 1")));
        settle(window);
        QCOMPARE(window.trace()->tokens, (QStringList{"x1", "x2", "x3", "x4", "x5"}));
        QCOMPARE(window.trace()->keyTokens(), (QStringList{"k-a", "k-b", "k-c", "k-d"}));
        // Undo brings the names back with the rows.
        window.undoStack()->undo();
        settle(window);
        QCOMPARE(window.trace()->tokens, (QStringList{"the", "cat", "sat", "down"}));
    }

    void crossAttentionFormTakesAMemory()
    {
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices(); // X is 3 × 2, W_q = W_k = W_v = I
        state.input.form = app::MatrixForm::Cross;
        state.input.matrices[QStringLiteral("M")] = {{"1", "0"}, {"0", "1"}};
        state.input.memoryTokens = QStringList{"m-a", "m-b"};
        state.compute.scaling.kind = model::ScaleKind::None;
        window.setWorkspace(state);
        settle(window);
        QVERIFY(window.inputPanel()->matrixEditor(QStringLiteral("M"))->isVisibleTo(window.inputPanel()));
        QVERIFY(!window.inputPanel()->matrixEditor(QStringLiteral("Q"))->isVisibleTo(window.inputPanel()));
        QCOMPARE(window.trace()->tokens, (QStringList{"x1", "x2", "x3"}));
        QCOMPARE(window.trace()->keyTokens(), (QStringList{"m-a", "m-b"}));
        // Query x1 = (1, 0) against the keys (1, 0), (0, 1): weights (e, 1)/(e + 1).
        const double e = std::exp(1.0);
        QVERIFY(std::abs(window.trace()->layers[0].heads[0].weights(0, 0) - e / (e + 1)) < 1e-12);
    }

    void invalidCellIsMarkedAndNothingIsLost()
    {
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices();
        window.setWorkspace(state);
        settle(window);
        const auto previous = window.trace();
        widgets::MatrixEditor* q = window.inputPanel()->matrixEditor(QStringLiteral("Q"));
        q->table()->item(0, 1)->setText(QStringLiteral("1/"));
        settle(window);
        // The bad cell carries the parser's message; the views keep the last good trace.
        QVERIFY(!q->table()->item(0, 1)->toolTip().isEmpty());
        QCOMPARE(window.trace(), previous);
        q->table()->item(0, 1)->setText(QStringLiteral("0"));
        settle(window);
        QVERIFY(q->table()->item(0, 1)->toolTip().isEmpty());
    }

    // Chips made under the dark theme took the light theme's palette only in part: their text stayed light on
    // a light chip, and the tokens vanished.
    void tokenChipsFollowTheTheme()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setDarkTheme(true);
        typeSentence(window, QStringLiteral("WWW MMM"));
        window.setDarkTheme(false);
        QCoreApplication::processEvents();
        // Retried until the strip has laid its new chips out (slow under the sanitizers).
        QTRY_VERIFY2(test::labelContrast(window.tokenStrip(), window.tokenStrip()->chip(0)) > 100,
                     qPrintable(QStringLiteral("label contrast on the light theme: %1")
                                    .arg(test::labelContrast(window.tokenStrip(), window.tokenStrip()->chip(0)))));
        // And the other way: chips made under the light theme, shown on the dark one.
        typeSentence(window, QStringLiteral("MMM WWW"));
        window.setDarkTheme(true);
        QCoreApplication::processEvents();
        QTRY_VERIFY2(test::labelContrast(window.tokenStrip(), window.tokenStrip()->chip(0)) > 100,
                     qPrintable(QStringLiteral("label contrast on the dark theme: %1")
                                    .arg(test::labelContrast(window.tokenStrip(), window.tokenStrip()->chip(0)))));
        window.setDarkTheme(false);
    }

    // The exam lesson turns exact display on; a sentence after it showed 0.131385 in every cell (and nothing in
    // presentation mode) with the exam's lesson text still beside it.
    void exactDisplayAndLessonLeaveWithTheMatrices()
    {
        app::MainWindow window;
        window.show();
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        QVERIFY(window.controls()->exact());
        QVERIFY(window.lessonPanel()->isVisible());
        // The user goes to the Sentence tab and types.
        auto* tabs = window.inputPanel()->findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(0);
        typeSentence(window, QStringLiteral("The cat sat"));
        QCOMPARE(window.state().input.mode, app::InputMode::Sentence);
        QCOMPARE(window.trace()->tokens.size(), 3);
        QVERIFY(!window.controls()->exact());
        QVERIFY(!window.lessonPanel()->isVisible());
        // Back to the matrices (undo the typing, then the tab): exact display is on again for them.
        for (int i = 0; i < 5 && window.state().input.mode != app::InputMode::Matrices; ++i) {
            window.undoStack()->undo();
            settle(window);
        }
        QVERIFY(window.trace()->exact);
        QVERIFY(window.controls()->exact());
    }

    // After an error the last good result stayed on screen as if it were the current input's.
    void aFailedInputDimsThePreviousResult()
    {
        app::MainWindow window;
        window.show();
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices();
        window.setWorkspace(state);
        settle(window);
        QVERIFY(!window.showsStaleTrace());
        auto* note = window.findChild<QLabel*>(QStringLiteral("staleNote"));
        QVERIFY(note && !note->isVisible());
        widgets::MatrixEditor* q = window.inputPanel()->matrixEditor(QStringLiteral("Q"));
        q->table()->item(0, 1)->setText(QStringLiteral("1/"));
        settle(window);
        QVERIFY(window.showsStaleTrace());
        QVERIFY(note->isVisible());
        // The views are dimmed: a white cell of the heatmap's background shows as a mix of white and the
        // window's colour, at the cover's opacity.
        QWidget* tabs = window.view(QStringLiteral("heatmap"))->parentWidget()->parentWidget();
        auto* dim = tabs->findChild<widgets::FadeOverlay*>();
        QVERIFY(dim && dim->isVisible() && dim->opacity() < 0.6);
        const QColor windowColour = window.palette().color(QPalette::Window);
        const QImage shown = window.grab().toImage();
        const QPoint corner = window.view(QStringLiteral("heatmap"))->mapTo(&window, QPoint(3, 3));
        const QColor pixel = shown.pixelColor(corner * shown.devicePixelRatio());
        const double expected = dim->opacity() * 255 + (1 - dim->opacity()) * windowColour.red();
        QVERIFY2(std::abs(pixel.red() - expected) <= 3, qPrintable(QStringLiteral("%1, expected %2").arg(pixel.red()).arg(expected)));
        q->table()->item(0, 1)->setText(QStringLiteral("0"));
        settle(window);
        QVERIFY(!window.showsStaleTrace());
        QVERIFY(!note->isVisible());
    }

    // A restart brought a cross-attention sentence back without its memory, and an empty "No lesson open" pane
    // that took a third of the width.
    void aRestartKeepsTheMemoryAndNoEmptyLessonPane()
    {
        {
            app::MainWindow window;
            window.show();
            QVERIFY(window.openLesson(QStringLiteral("animal-it")));
            settle(window);
            typeSentence(window, QStringLiteral("得意 な スポーツ は ？"));
            QPlainTextEdit* memory = window.inputPanel()->memoryEdit();
            memory->setFocus();
            QInputMethodEvent commit;
            commit.setCommitString(QStringLiteral("野球 が 得意"));
            QCoreApplication::sendEvent(memory, &commit);
            settle(window);
            QCOMPARE(window.state().input.memory, QStringLiteral("野球 が 得意"));
            QVERIFY(window.lessonPanel()->isVisible());
            window.sessions()->setUnsavedChangesAnswer([] { return app::SessionController::Answer::Discard; });
            QVERIFY(window.close());
        }
        app::MainWindow restarted;
        restarted.show();
        settle(restarted);
        QCOMPARE(restarted.state().input.memory, QStringLiteral("野球 が 得意"));
        QCOMPARE(restarted.trace()->memoryTokens, (QStringList{"野球", "が", "得意"}));
        QVERIFY(!restarted.lessonPanel()->isVisible());
        QSettings().clear();
    }

    // The first start opened at 1400 × 900 whatever the screen: on a 1280 × 720 projector the heatmap's right
    // side, the Stop button and the status bar were off the screen.
    void theFirstStartFitsTheScreen()
    {
        QSettings().clear();
        app::MainWindow window;
        const QSize available = window.screen()->availableGeometry().size();
        QVERIFY2(window.width() <= available.width() && window.height() <= available.height(),
                 qPrintable(QStringLiteral("%1 × %2 on a screen of %3 × %4")
                                .arg(window.width())
                                .arg(window.height())
                                .arg(available.width())
                                .arg(available.height())));
    }

    // With ATTNLAB_RENDER_DIR set, saves screenshots of the window to look at (README: "Seeing what users see").
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (dir.isEmpty())
            QSKIP("set ATTNLAB_RENDER_DIR to save screenshots");
        app::MainWindow window;
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::WorkspaceState state = window.state();
        state.input = app::examMatrices();
        window.setWorkspace(state);
        settle(window);
        window.showView(QStringLiteral("steps"));
        if (auto* steps = qobject_cast<widgets::StepView*>(window.view(QStringLiteral("steps"))))
            steps->setStep(3);
        window.tokenStrip()->chip(1)->click();
        QCoreApplication::processEvents();
        window.grab().save(dir + QStringLiteral("/window-exam-steps.png"));
        window.setDarkTheme(true);
        window.setPresentationMode(true);
        window.showView(QStringLiteral("heatmap"));
        QTest::qWait(300); // let the font change reach every layout
        window.grab().save(dir + QStringLiteral("/window-exam-dark-presentation.png"));
        window.setDarkTheme(false);
        window.setPresentationMode(false);
        state = window.state();
        state.input = app::InputState{};
        state.input.text = QStringLiteral("得意 な スポーツ は ？");
        state.input.memory = QStringLiteral("野球 が 得意");
        window.setWorkspace(state);
        settle(window);
        window.showView(QStringLiteral("heads"));
        window.tokenStrip()->chip(2)->click();
        QCoreApplication::processEvents();
        window.grab().save(dir + QStringLiteral("/window-japanese-heads.png"));
    }

    // F5 enlarged the side panels and kept them on screen: at 1280 × 720 with a lesson open the heatmap got
    // about 70 × 110 px and no numbers. Presentation mode gives the figure the window, keeps the keys working
    // and leaves with Esc, putting the window back as it was.
    void presentationModeGivesTheFigureTheWindow_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("minimumNumberPixels");
        QTest::newRow("1280x720") << QSize(1280, 720) << 16.0;
        QTest::newRow("1920x1080") << QSize(1920, 1080) << 20.0;
    }
    void presentationModeGivesTheFigureTheWindow()
    {
        QFETCH(QSize, size);
        QFETCH(double, minimumNumberPixels);
        app::MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLesson(QStringLiteral("animal-it")));
        settle(window);
        QVERIFY(window.lessonPanel()->isVisible());
        const auto figureShare = [&window] {
            const QWidget* figure = window.view(window.currentViewName());
            return double(figure->width()) * figure->height() / (double(window.width()) * window.height());
        };
        const double before = figureShare();
        auto* presentation = window.findChild<QAction*>(QStringLiteral("presentationAction"));
        QVERIFY(presentation);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(presentation->isChecked());
        QVERIFY(window.presentationMode());
        QTest::qWait(100);
        QCoreApplication::processEvents();
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!window.lessonPanel()->isVisible());
        QVERIFY(window.presentation()->bar()->isVisible());
        // The lesson's paragraph is the caption, and the figure still has four fifths of the window.
        QLabel* caption = window.presentation()->caption();
        QVERIFY(caption->isVisible());
        QVERIFY2(caption->text().contains(QStringLiteral("1/")), qPrintable(caption->text()));
        window.showView(QStringLiteral("heatmap"));
        QTest::qWait(300); // the font change reaches every layout, the plot replots
        const double share = figureShare();
        QVERIFY2(share >= 0.8, qPrintable(QStringLiteral("the figure has %1% of the window (%2% before)")
                                              .arg(share * 100, 0, 'f', 1)
                                              .arg(before * 100, 0, 'f', 1)));
        auto* heatmap = qobject_cast<widgets::HeatmapView*>(window.view(QStringLiteral("heatmap")));
        QVERIFY(heatmap);
        QVERIFY(heatmap->screenLayout().numbers);
        const double numberPixels = QFontMetricsF(heatmap->screenLayout().numberFont).ascent();
        QVERIFY2(numberPixels >= minimumNumberPixels, qPrintable(QString::number(numberPixels)));
        qInfo("figure: %.1f%% of the window (%.1f%% before presentation mode); cell digits %.1f px high",
              share * 100, before * 100, numberPixels);
        const QString dir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        if (!dir.isEmpty())
            window.grab().save(dir + QStringLiteral("/presentation-%1x%2.png").arg(size.width()).arg(size.height()));

        // The keys of a class: the clicker's Page Down, heads, views.
        QTest::keyClick(heatmap, Qt::Key_PageDown);
        QCOMPARE(window.lessonPanel()->paragraph(), 1);
        QVERIFY2(caption->text().contains(QStringLiteral("2/")), qPrintable(caption->text()));
        const int head = window.selection().head;
        QTest::keyClick(heatmap, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(window.selection().head != head);
        QVERIFY(window.presentation()->bar()->findChild<QLabel*>(QStringLiteral("presentationStatus"))
                    ->text().contains(QStringLiteral("%1").arg(window.selection().head + 1)));
        QTest::keyClick(heatmap, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentViewName(), widgets::viewNames()[1]);
        // A second lesson opened while presenting is a caption, not a pane (the exam's paragraphs are the
        // longest of the built-in lessons).
        QVERIFY(window.openLesson(QStringLiteral("exam-softmax")));
        settle(window);
        QTest::qWait(300);
        QVERIFY(!window.lessonPanel()->isVisible());
        QVERIFY(caption->isVisible());
        if (!dir.isEmpty())
            window.grab().save(dir + QStringLiteral("/presentation-steps-%1x%2.png").arg(size.width()).arg(size.height()));
        QVERIFY2(figureShare() >= 0.8, qPrintable(QString::number(figureShare())));
        // The step view's arrows move its steps, and the lesson's caption with them.
        auto* steps = qobject_cast<widgets::StepView*>(window.view(QStringLiteral("steps")));
        QVERIFY(steps);
        QCOMPARE(window.currentViewName(), QStringLiteral("steps"));
        const int step = steps->step();
        QTest::keyClick(steps, Qt::Key_Right);
        QCOMPARE(steps->step(), step + 1);
        QVERIFY2(caption->text().contains(QStringLiteral("<b>2/5</b>")), qPrintable(caption->text()));
        // What settings keep while presenting is the window outside presentation mode: closed now, it would
        // come back with its panels.
        {
            app::MainWindow probe;
            QVERIFY(probe.restoreState(window.presentation()->windowState()));
            QVERIFY(!probe.findChild<QDockWidget*>(QStringLiteral("inputDock"))->isHidden());
        }
        // Ctrl+T hides the caption; Esc leaves and the window comes back with its menus and the lesson's pane.
        QTest::keyClick(window.view(window.currentViewName()), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(!caption->isVisible());
        QTest::keyClick(window.view(window.currentViewName()), Qt::Key_Escape);
        QVERIFY(!window.presentationMode());
        QVERIFY(!presentation->isChecked());
        QCoreApplication::processEvents();
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(window.tokenStrip()->isVisible());
        QVERIFY(!window.presentation()->bar()->isVisible());
        QVERIFY(window.lessonPanel()->isVisible());
        QVERIFY(!window.view(window.currentViewName())->viewStyle().presentation);
    }

    // Help ▸ Keyboard Shortcuts: every key of the menus (read from the menu bar, so a new action is on it) and
    // the views' own keys, on a sheet that prints and saves as PDF.
    void theShortcutsSheetListsEveryKey()
    {
        app::MainWindow window;
        window.show();
        auto* action = window.findChild<QAction*>(QStringLiteral("shortcutsAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = window.findChild<app::ShortcutsDialog*>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        const QString sheet = dialog->sheet()->toPlainText();
        for (const QString& expected : {QStringLiteral("Presentation Mode\nF5"), QStringLiteral("Next Lesson Paragraph\nPgDown"),
                                        QStringLiteral("Export Figure…\nCtrl+Shift+S"), QStringLiteral("Next Head\nCtrl+Right"),
                                        QStringLiteral("Keyboard Shortcuts\nCtrl+/"), QStringLiteral("Sentence field: a new line")})
            QVERIFY2(sheet.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + sheet));
        if (const QString render = qEnvironmentVariable("ATTNLAB_RENDER_DIR"); !render.isEmpty())
            dialog->grab().save(render + QStringLiteral("/shortcuts-sheet.png"));
        QVERIFY2(!sheet.contains(QLatin1Char('&')), qPrintable(sheet)); // accelerators are not shown
        for (QAction* shortcutAction : window.findChildren<QAction*>())
            if (!shortcutAction->shortcut().isEmpty() && !shortcutAction->text().isEmpty() &&
                !shortcutAction->associatedObjects().isEmpty())
                QVERIFY2(sheet.contains(shortcutAction->shortcut().toString(QKeySequence::NativeText)),
                         qPrintable(shortcutAction->text()));
        dialog->close();

        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("shortcuts.pdf"));
        const auto written = app::writeShortcutsPdf(app::shortcutsHtml(*window.menuBar()), pdf);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.contains("/Type /Page"));
        // A folder that does not exist: a message naming the file, and nothing written.
        const QString nowhere = dir.filePath(QStringLiteral("missing/shortcuts.pdf"));
        const auto failed = app::writeShortcutsPdf(app::shortcutsHtml(*window.menuBar()), nowhere);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(nowhere), qPrintable(failed.error()));
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    void presentationModeScalesFonts()
    {
        app::MainWindow window;
        window.setPresentationMode(true);
        QVERIFY(window.presentationMode());
        for (const QString& name : {QStringLiteral("heatmap"), QStringLiteral("arcs")})
            if (widgets::TraceView* view = window.view(name))
                QVERIFY(view->viewStyle().presentation);
        window.setPresentationMode(false);
    }
};

ATTNLAB_TEST_MAIN(TestMainWindow)
} // namespace tst_main_window
#include "tst_main_window.moc"
