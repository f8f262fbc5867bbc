// A GUI monkey: the real main window driven by a seeded random sequence of what users do — typing and deleting
// text in four scripts, pasting matrices (valid and not), switching views, layers, heads, settings, theme and
// presentation, clicking and right-clicking the views, undo and redo, lessons, models, Stop, sessions, copying
// figures, exporting figures (SVG, PNG, PDF; each file must be whole), switching heads off, resizing down to
// 640×480, training — while computations run.
// After every action the window must answer an event-loop round trip within 1 s (kAnswerWithinMs); every 25 actions, once the worker is idle, the views show the trace of the current input
// (recomputed here through the pipeline the command line uses, model/pipeline/trace_request.h) or are marked
// stale, and undo then redo gives back the same state. Dialogs and menus that an action opens are closed as a user would close them.
//   tests_app tst_monkey                            2,000 actions, seed 1 (what CI runs, also under ASan)
//   tests_app tst_monkey -- --actions N --seed S    another run; a failure prints its seed and last 20 actions

#include "app/lessons/lesson_catalog.h"
#include "app/session/session_controller.h"
#include "app/training/train_window.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "app/workspace/workspace.h"
#include "app/workspace/workspace_request.h"
#include "model/attention/toy_model.h"
#include "model/pipeline/loaded_model.h"
#include "model/pipeline/model_loader.h"
#include "model/pipeline/trace_computer.h"
#include "model/pipeline/trace_request.h"
#include "model/teaching/lesson.h"
#include "widgets/controls/matrix_editor.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/trace_view.h"
#include "figure_file_check.h"
#include "test_registry.h"
#include "test_support.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <csignal>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>

#ifdef ATTNLAB_TEST_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

namespace tst_monkey {

using namespace attnlab;

namespace {

// What the monkey types: Latin, Japanese, Persian, emoji, and pieces that are hard for a tokenizer.
const QStringList kMonkeyTexts{
    QStringLiteral("The animal didn't cross the street because it was too tired"),
    QStringLiteral("it"),
    QStringLiteral(" the cat sat on the mat"),
    QStringLiteral("得意 な スポーツ は ？"),
    QStringLiteral("猫が道を渡らなかった"),
    QStringLiteral("حیوان از خیابان عبور نکرد چون خیلی خسته بود"),
    QStringLiteral("۱۲۳ و 456"),
    QStringLiteral("🙂🚀 emoji 👩‍👩‍👧"),
    QStringLiteral("\t  \n"),
    QStringLiteral("a"),
    QStringLiteral("1 2 3 4 5 6 7 8 = "),
};

// Matrices as a user pastes them: valid ones, a ragged one, words, a huge number, nothing.
const QStringList kMonkeyMatrices{
    QStringLiteral("1 0\n0 1"),
    QStringLiteral("1/2 3\n-1 0.25\n2 2"),
    QStringLiteral("1 2 3\n4 5"),
    QStringLiteral("a b\nc d"),
    QStringLiteral("1e308 1e308\n1e308 1e308"),
    QString(),
    QStringLiteral("[[1, 2], [3, 4]]"),
};

// How soon the window must answer for the run to pass, in every build (the sanitizers' too): 1 s. The slowest
// answer is printed (README "Robustness checks" gives the figures); ctest runs the monkey alone (RUN_SERIAL), so
// that it times the window and not the tests beside it. Where a slow answer spends its time:
//   ATTNLAB_SLOW_EVENTS=50 tests_app tst_monkey -- --verbose   (every event of 50 ms or more, nested, tests/test_main.cpp)
constexpr qint64 kAnswerWithinMs = 1000;

struct MonkeyOptions {
    int actions = 2000;
    quint32 seed = 1;
    bool verbose = false; // every action on stderr as it runs
};

MonkeyOptions monkeyOptions()
{
    MonkeyOptions options;
    const QStringList& args = test::testArguments();
    for (qsizetype i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--actions")) options.actions = args[i + 1].toInt();
        if (args[i] == QLatin1String("--seed")) options.seed = args[i + 1].toUInt();
    }
    options.verbose = args.contains(QLatin1String("--verbose"));
    return options;
}

// What a crash prints (a signal handler or the sanitizer's death callback): the seed and the last actions. Not
// async-signal-safe, which a test that is about to die anyway can afford.
quint32 crashSeed = 0;
const std::deque<QString>* crashRecent = nullptr;

extern "C" void printMonkeyActions()
{
    if (!crashRecent) return;
    std::fprintf(stderr, "\nmonkey: crashed; seed %u; the last actions:\n", crashSeed);
    for (const QString& action : *crashRecent)
        std::fprintf(stderr, "  %s\n", action.toLocal8Bit().constData());
    std::fprintf(stderr, "reproduce: tests_app tst_monkey -- --seed %u --verbose\n", crashSeed);
    crashRecent = nullptr;
}

extern "C" void monkeyCrashed(int signal)
{
    printMonkeyActions();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void reportCrashes(quint32 seed, const std::deque<QString>* recent)
{
    crashSeed = seed;
    crashRecent = recent;
    for (int signal : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
        std::signal(signal, monkeyCrashed);
#ifdef ATTNLAB_TEST_SANITIZED
    __sanitizer_set_death_callback(printMonkeyActions);
#endif
}

// Closes what an action left open as a user would: a modal dialog (cancelled), a context menu (dismissed).
// Runs from a timer, so that it also reaches dialogs that run their own event loop.
class DialogCloser : public QObject {
public:
    explicit DialogCloser(QStringList* log) : m_log(log)
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, &DialogCloser::closeOpen);
        m_timer.start();
    }
    void closeOpen()
    {
        if (QWidget* popup = QApplication::activePopupWidget()) {
            m_log->append(QStringLiteral("  (closed a menu)"));
            popup->close();
        }
        if (QWidget* modal = QApplication::activeModalWidget()) {
            m_log->append(QStringLiteral("  (closed the dialog \"%1\")").arg(modal->windowTitle()));
            if (auto* dialog = qobject_cast<QDialog*>(modal))
                dialog->reject();
            else
                modal->close();
        }
    }

private:
    QStringList* m_log;
    QTimer m_timer;
};

// The time an event posted now takes to be handled: how long the window would keep a user waiting.
qint64 roundTripMs()
{
    QElapsedTimer timer;
    timer.start();
    bool handled = false;
    QTimer::singleShot(0, qApp, [&handled] { handled = true; });
    while (!handled && timer.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return timer.elapsed();
}

void commitText(QWidget* edit, const QString& text)
{
    // Japanese, Persian and emoji arrive through the input method, as a committed string; QTest types only ASCII.
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
}

// The action with this shortcut, triggered as pressing it would (not when it is disabled or hidden).
QString triggerShortcut(QWidget& window, const QKeySequence& keys)
{
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcuts().contains(keys)) {
            if (!action->isEnabled()) return QStringLiteral(" (disabled)");
            action->trigger();
            return QString();
        }
    return QStringLiteral(" (no such action)");
}

} // namespace

class TestMonkey : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The offscreen platform says what it cannot do (resize hints, raise, grab) at every such call; nothing the
        // window does.
        static const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext& context, const QString& message) {
                if (!message.startsWith(QLatin1String("This plugin does not support"))) previous(type, context, message);
            });
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_monkey"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void randomUserActionsKeepTheWindowWorking();
};

void TestMonkey::randomUserActionsKeepTheWindowWorking()
{
    const MonkeyOptions options = monkeyOptions();
    QRandomGenerator rng(options.seed);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());

    QStringList models{model::toyModelName()};
    for (const char* name : {"char-gpt-slm", "gpt-nano-sort", "aidreams260K"}) {
        const QString path = QDir(test::sharedDir()).filePath(QStringLiteral("models/%1").arg(QLatin1String(name)));
        if (QFileInfo::exists(path)) models << path;
    }
    if (models.size() == 1) qInfo("the shared checkpoints are absent: the monkey uses the toy model only");
    QStringList lessons;
    if (const auto catalogue = model::lessonCatalogue(app::lessonDirectory()))
        for (const model::LessonEntry& entry : *catalogue)
            lessons << entry.id;

    app::MainWindow window;
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTabWidget* tabs = nullptr; // the views' tabs (the input panel has tabs too)
    for (QTabWidget* candidate : window.findChildren<QTabWidget*>())
        if (candidate->indexOf(window.view(QStringLiteral("heatmap"))) >= 0) tabs = candidate;
    QVERIFY(tabs);

    QStringList log;                       // every action, newest last
    std::deque<QString> recent;            // the last 20, printed on failure
    DialogCloser closer(&log);
    reportCrashes(options.seed, &recent);
    const auto fail = [&](const QString& what) {
        QString message = QStringLiteral("%1\nseed %2; the last actions:\n").arg(what).arg(options.seed);
        for (const QString& action : recent)
            message += QStringLiteral("  %1\n").arg(action);
        message += QStringLiteral("reproduce: tests_app tst_monkey -- --actions %1 --seed %2").arg(options.actions).arg(options.seed);
        QFAIL(qPrintable(message));
    };

    const auto pick = [&](int n) { return int(rng.bounded(quint32(std::max(1, n)))); };
    const auto currentView = [&]() -> QWidget* { return tabs->currentWidget(); };
    const auto sessionFile = [&](int i) { return folder.filePath(QStringLiteral("monkey-%1.attnlab").arg(i)); };
    int sessionsSaved = 0;
    int figuresExported = 0;
    QString figureProblem; // set by an export that failed or left a file that is not whole
    std::map<QString, model::LoadedModel> loadedModels; // the checks' own copies, by path
    int actionIndex = 0;
    // A training run goes on while the monkey does the rest, for at most 40 actions: on 2 cores a run that trains
    // through all 2,000 would make every other action wait for the cores, not test them.
    int trainingSince = -1;

    struct MonkeyAction {
        QString name;
        int weight;
        std::function<QString()> run; // -> what it did, for the log
    };
    const std::vector<MonkeyAction> actions{
        {QStringLiteral("type"), 12,
         [&] {
             QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
             if (!edit->isVisible()) {
                 // The user clicks the Sentence tab first.
                 auto* modes = window.inputPanel()->findChild<QTabWidget*>();
                 if (modes) modes->setCurrentIndex(0);
             }
             edit->setFocus();
             const QString text = kMonkeyTexts[pick(int(kMonkeyTexts.size()))];
             // Appending, or replacing the whole text; a text past 300 characters is replaced (a lecturer's
             // sentence, not a book: long inputs have their own tests and limits).
             if (pick(2) == 0 || edit->toPlainText().size() > 300) {
                 edit->selectAll();
                 QTest::keyClick(edit, Qt::Key_Delete);
             }
             commitText(edit, text);
             return QStringLiteral("\"%1\"").arg(text);
         }},
        {QStringLiteral("delete"), 6,
         [&] {
             QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
             edit->setFocus();
             const int n = 1 + pick(8);
             for (int i = 0; i < n; ++i)
                 QTest::keyClick(edit, pick(3) == 0 ? Qt::Key_Delete : Qt::Key_Backspace);
             return QStringLiteral("%1 characters").arg(n);
         }},
        {QStringLiteral("paste matrix"), 4,
         [&] {
             const QString name = QStringList{"Q", "K", "V", "X"}[pick(4)];
             widgets::MatrixEditor* editor = window.inputPanel()->matrixEditor(name);
             if (!editor) return QStringLiteral("(no editor %1)").arg(name);
             const QString text = kMonkeyMatrices[pick(int(kMonkeyMatrices.size()))];
             editor->pasteText(text);
             return QStringLiteral("%1 ← \"%2\"").arg(name, QString(text).replace('\n', QLatin1String("\\n")));
         }},
        {QStringLiteral("input mode"), 3,
         [&] {
             auto* modes = window.inputPanel()->findChild<QTabWidget*>();
             if (!modes) return QStringLiteral("(none)");
             modes->setCurrentIndex(pick(modes->count()));
             return modes->tabText(modes->currentIndex());
         }},
        {QStringLiteral("view"), 10,
         [&] {
             tabs->setCurrentIndex(pick(tabs->count()));
             return tabs->tabText(tabs->currentIndex());
         }},
        {QStringLiteral("control"), 10,
         [&] {
             // A spin box, list or check box of the control bar, set as a user sets it.
             QList<QWidget*> controls;
             for (QWidget* w : window.controls()->findChildren<QWidget*>())
                 if (w->isVisible() && w->isEnabled() &&
                     (qobject_cast<QSpinBox*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QCheckBox*>(w)))
                     controls << w;
             if (controls.isEmpty()) return QStringLiteral("(none shown)");
             QWidget* w = controls[pick(int(controls.size()))];
             const QString name = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
             if (auto* spin = qobject_cast<QSpinBox*>(w)) {
                 spin->setValue(spin->minimum() + pick(spin->maximum() - spin->minimum() + 1));
                 return QStringLiteral("%1 = %2").arg(name).arg(spin->value());
             }
             if (auto* combo = qobject_cast<QComboBox*>(w)) {
                 combo->setCurrentIndex(pick(combo->count()));
                 return QStringLiteral("%1 = %2").arg(name, combo->currentText());
             }
             auto* check = qobject_cast<QCheckBox*>(w);
             check->click();
             return QStringLiteral("%1 = %2").arg(name).arg(check->isChecked());
         }},
        {QStringLiteral("click view"), 10,
         [&] {
             QWidget* view = currentView();
             QWidget* target = view->childAt(pick(std::max(1, view->width())), pick(std::max(1, view->height())));
             if (!target) target = view;
             const QPoint at(pick(std::max(1, target->width())), pick(std::max(1, target->height())));
             const Qt::MouseButton button = pick(5) == 0 ? Qt::RightButton : Qt::LeftButton;
             QTest::mouseClick(target, button, {}, at);
             return QStringLiteral("%1 %2 at %3,%4").arg(button == Qt::RightButton ? "right" : "left",
                                                          QString::fromLatin1(target->metaObject()->className()))
                 .arg(at.x())
                 .arg(at.y());
         }},
        {QStringLiteral("key"), 6,
         [&] {
             static const std::vector<std::pair<Qt::Key, const char*>> keys{
                 {Qt::Key_Left, "Left"},     {Qt::Key_Right, "Right"}, {Qt::Key_Up, "Up"},       {Qt::Key_Down, "Down"},
                 {Qt::Key_PageUp, "PageUp"}, {Qt::Key_PageDown, "PageDown"}, {Qt::Key_Home, "Home"}, {Qt::Key_End, "End"},
                 {Qt::Key_Tab, "Tab"},       {Qt::Key_Space, "Space"}};
             const auto& key = keys[size_t(pick(int(keys.size())))];
             QWidget* focus = QApplication::focusWidget() ? QApplication::focusWidget() : currentView();
             QTest::keyClick(focus, key.first);
             return QStringLiteral("%1 to %2").arg(QLatin1String(key.second), QString::fromLatin1(focus->metaObject()->className()));
         }},
        {QStringLiteral("undo"), 6,
         [&] { return QStringLiteral("Ctrl+Z") + triggerShortcut(window, QKeySequence::Undo); }},
        {QStringLiteral("redo"), 4,
         [&] { return QStringLiteral("Ctrl+Shift+Z") + triggerShortcut(window, QKeySequence::Redo); }},
        {QStringLiteral("shortcut"), 6,
         [&] {
             static const std::vector<std::pair<QKeySequence, const char*>> keys{
                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), "dark theme"},
                 {QKeySequence(Qt::Key_F5), "presentation"},
                 {QKeySequence(Qt::CTRL | Qt::Key_E), "exact"},
                 {QKeySequence(Qt::CTRL | Qt::Key_T), "caption"},
                 {QKeySequence(Qt::CTRL | Qt::Key_K), "switch the head off"},
                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), "everything back on"},
                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "copy figure"},
                 {QKeySequence(Qt::CTRL | Qt::Key_L), "focus the sentence"},
             };
             const auto& key = keys[size_t(pick(int(keys.size())))];
             return QLatin1String(key.second) + triggerShortcut(window, key.first);
         }},
        {QStringLiteral("lesson"), 2,
         [&] {
             if (lessons.isEmpty()) return QStringLiteral("(none)");
             const QString id = lessons[pick(int(lessons.size()))];
             window.openLesson(id);
             return id;
         }},
        {QStringLiteral("model"), 3,
         [&] {
             const QString path = models[pick(int(models.size()))];
             if (path == model::toyModelName()) {
                 QComboBox* chooser = window.inputPanel()->modelChooser();
                 chooser->setCurrentIndex(0);
                 return chooser->currentText();
             }
             window.openModel(path);
             return QFileInfo(path).fileName();
         }},
        {QStringLiteral("stop"), 3,
         [&] {
             auto* stop = window.findChild<QAbstractButton*>(QStringLiteral("stopCompute"));
             if (!stop || !stop->isVisible()) return QStringLiteral("(nothing running)");
             stop->click();
             return QStringLiteral("clicked");
         }},
        {QStringLiteral("save session"), 2,
         [&] {
             const QString path = sessionFile(sessionsSaved++);
             const bool saved = window.sessions()->saveTo(path);
             return QStringLiteral("%1 %2").arg(QFileInfo(path).fileName(), saved ? "" : window.sessions()->lastError());
         }},
        {QStringLiteral("open session"), 2,
         [&] {
             if (sessionsSaved == 0) return QStringLiteral("(none saved)");
             const QString path = sessionFile(pick(sessionsSaved));
             const bool opened = window.sessions()->openFile(path);
             return QStringLiteral("%1 %2").arg(QFileInfo(path).fileName(), opened ? "" : window.sessions()->lastError());
         }},
        {QStringLiteral("export figure"), 2,
         [&] {
             // The shown figure as File ▸ Export Figure writes it, in one of the three formats, over the last
             // export of that format; the file must then be whole.
             static const QStringList suffixes{"svg", "png", "pdf"};
             const QString path = folder.filePath(QStringLiteral("monkey-figure.%1").arg(suffixes[pick(3)]));
             widgets::TraceView* figure = window.shownFigure();
             if (!figure || !window.trace()) return QStringLiteral("(no figure shown)"); // as File ▸ Export Figure
             widgets::ExportOptions exportOptions;
             exportOptions.size = QSize(640 + pick(640), 400 + pick(400));
             const auto exported = widgets::exportFigure(*figure, path, exportOptions);
             if (!exported) {
                 figureProblem = exported.error();
                 return QFileInfo(path).fileName();
             }
             ++figuresExported;
             if (const QString problem = test::figureFileProblem(path, exportOptions.size); !problem.isEmpty())
                 figureProblem = QStringLiteral("%1 %2").arg(path, problem);
             return QStringLiteral("%1 %2×%3").arg(QFileInfo(path).fileName()).arg(exportOptions.size.width()).arg(exportOptions.size.height());
         }},
        {QStringLiteral("resize"), 3,
         [&] {
             const QSize size(640 + pick(1920 - 640 + 1), 480 + pick(1080 - 480 + 1));
             window.resize(size);
             return QStringLiteral("%1×%2").arg(size.width()).arg(size.height());
         }},
        {QStringLiteral("ablate"), 2,
         [&] {
             const auto trace = window.trace();
             if (!trace || trace->layers.empty()) return QStringLiteral("(no layers)");
             const int layer = pick(int(trace->layers.size()));
             const int head = pick(std::max<int>(1, int(trace->layers.front().heads.size())));
             window.toggleHeadAblation(layer, head);
             return QStringLiteral("layer %1 head %2").arg(layer + 1).arg(head + 1);
         }},
        {QStringLiteral("train"), 1,
         [&] {
             app::TrainWindow* train = window.trainWindow();
             switch (pick(4)) {
             case 0:
                 window.showTrainWindow(QStringLiteral("sort"), QStringLiteral("tiny"));
                 train->start();
                 trainingSince = actionIndex;
                 return QStringLiteral("start");
             case 1: train->pauseOrResume(); return QStringLiteral("pause or resume");
             case 2: train->stop(); trainingSince = -1; return QStringLiteral("stop");
             default: train->close(); return QStringLiteral("close the window");
             }
         }},
    };
    int totalWeight = 0;
    for (const MonkeyAction& action : actions)
        totalWeight += action.weight;

    qint64 slowestRoundTrip = 0;
    std::map<QString, qint64> timeByAction; // ms, the action and its round trip
    qint64 checkingMs = 0;
    int checks = 0;
    for (int i = 0; i < options.actions; ++i) {
        actionIndex = i;
        if (trainingSince >= 0 && i - trainingSince >= 40) {
            window.trainWindow()->stop();
            trainingSince = -1;
            recent.push_back(QStringLiteral("%1: train stop (after 40 actions)").arg(i));
            if (recent.size() > 20) recent.pop_front();
        }
        int w = pick(totalWeight);
        const MonkeyAction* action = &actions.front();
        for (const MonkeyAction& candidate : actions) {
            if (w < candidate.weight) {
                action = &candidate;
                break;
            }
            w -= candidate.weight;
        }
        QElapsedTimer took;
        took.start();
        const QString done = QStringLiteral("%1: %2 %3").arg(i + 1).arg(action->name, action->run());
        log << done;
        if (options.verbose) std::fprintf(stderr, "%s\n", qPrintable(done));
        recent.push_back(done);
        if (recent.size() > 20) recent.pop_front();

        const qint64 roundTrip = roundTripMs();
        slowestRoundTrip = std::max(slowestRoundTrip, roundTrip);
        if (options.verbose && roundTrip > 200) std::fprintf(stderr, "   round trip %lld ms\n", roundTrip);
        timeByAction[action->name] += took.elapsed();
        if (!figureProblem.isEmpty()) return fail(QStringLiteral("exporting the figure: %1").arg(figureProblem));
        if (roundTrip > kAnswerWithinMs)
            return fail(QStringLiteral("the window took %1 ms to answer (at most %2)").arg(roundTrip).arg(kAnswerWithinMs));

        if ((i + 1) % 25 != 0 && i + 1 != options.actions) continue;
        // Invariants, once the worker and the loader are idle.
        ++checks;
        QElapsedTimer checking;
        checking.start();
        const auto checked = qScopeGuard([&] { checkingMs += checking.elapsed(); });
        window.computer()->waitForIdle();
        QElapsedTimer loading;
        loading.start();
        while (window.modelLoader()->isLoading() && loading.elapsed() < 20000)
            QTest::qWait(20);
        window.computer()->waitForIdle();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();

        const app::WorkspaceState state = window.state();
        const app::BuiltRequest built = app::buildRequest(state);
        if (!window.showsStaleTrace() && built.request && window.trace()) {
            // The views' trace is the current input's: the same tokens and first head's weights as the pipeline
            // computes for the state, apart from the window.
            model::TraceRequest request = *built.request;
            request.analyses = {};
            if (request.modelName != model::toyModelName() && !request.problem) {
                // Each checkpoint is read once here (apart from the window's own copy).
                auto& loaded = loadedModels[request.modelName];
                if (!loaded.model)
                    if (auto read = model::loadModel(request.modelName)) loaded = *read;
                request.checkpoint = loaded;
            }
            const auto expected = model::computeTrace(request);
            if (expected) {
                const model::Trace& shown = *window.trace();
                if (shown.tokens != expected->tokens)
                    return fail(QStringLiteral("the views show tokens [%1] for an input of tokens [%2]")
                                    .arg(shown.tokens.join(QLatin1String(", ")), expected->tokens.join(QLatin1String(", "))));
                if (!shown.layers.empty() && !expected->layers.empty() && !shown.layers[0].heads.empty()) {
                    const model::Matrix a = shown.layers[0].heads[0].weights.toDouble();
                    const model::Matrix b = expected->layers[0].heads[0].weights.toDouble();
                    if (a.rows() != b.rows() || a.cols() != b.cols() || (a - b).cwiseAbs().maxCoeff() > 1e-5)
                        return fail(QStringLiteral("the views' weights are not the current input's"));
                }
            }
        }
        // Undo then redo gives back the same state.
        QUndoStack* undo = window.undoStack();
        if (undo->canUndo()) {
            const app::WorkspaceState before = window.state();
            undo->undo();
            undo->redo();
            if (!(window.state() == before)) return fail(QStringLiteral("undo then redo did not give back the state"));
        }
    }
    window.trainWindow()->stop();
    crashRecent = nullptr;
    QStringList times;
    for (const auto& [name, ms] : timeByAction)
        times << QStringLiteral("%1 %2 s").arg(name).arg(ms / 1000.0, 0, 'f', 1);
    qInfo("monkey: time by action: %s; invariant checks %.1f s", qPrintable(times.join(QLatin1String(", "))),
          checkingMs / 1000.0);
    qInfo("monkey: %d actions, seed %u, %d invariant checks, %d figures exported, slowest round trip %lld ms, crashes 0, "
          "hangs 0",
          options.actions, options.seed, checks, figuresExported, slowestRoundTrip);
}

ATTNLAB_TEST_MAIN(TestMonkey)
} // namespace tst_monkey
#include "tst_monkey.moc"
