// Tests sessions in the application (app/session/session_controller.cpp, app/window/main_window_session.cpp): a session saved
// from one window opens in another with the same state and trace; autosave writes after its interval; after a
// crash a new window restores the autosave; a bad file leaves the workspace as it was.

#include "model/pipeline/trace_computer.h"
#include "app/window/comparison_tab.h"
#include "app/window/control_bar.h"
#include "widgets/views/comparison_view.h"
#include "app/window/main_window.h"
#include "app/session/session_controller.h"
#include "app/session/session_file.h"
#include "test_support.h"
#include "file_size_limit.h"
#include "read_only_folder.h"
#include "widgets/controls/token_strip.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QLockFile>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <optional>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tst_session_window {

using namespace attnlab;
using app::SessionController;

namespace {

void settle(app::MainWindow& window)
{
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
    window.computer()->waitForIdle();
    QCoreApplication::processEvents();
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// The exam problem with a causal mask: something other than a fresh window's state.
app::WorkspaceState examWorkspace(const app::WorkspaceState& start)
{
    app::WorkspaceState state = start;
    state.input = app::examMatrices();
    state.compute.mask.kind = model::MaskKind::Causal;
    return state;
}

// What a crash leaves behind: a lock file naming a process that no longer runs. Written in QLockFile's own
// format (taken from a real lock) with the pid of a process that has exited.
void leaveStaleLock()
{
    QProcess gone;
    gone.start(QStringLiteral("true"), QStringList{});
    QVERIFY(gone.waitForStarted());
    const qint64 pid = gone.processId();
    QVERIFY(gone.waitForFinished());
    QTemporaryDir dir;
    QLockFile probe(dir.filePath(QStringLiteral("probe.lock")));
    QVERIFY(probe.tryLock(0));
    QByteArray contents = readAll(dir.filePath(QStringLiteral("probe.lock")));
    probe.unlock();
    contents = QByteArray::number(pid) + contents.mid(contents.indexOf('\n'));
    QVERIFY(writeAll(SessionController::lockPath(), contents));
}

} // namespace

class TestSessionWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_session_window"));
        QSettings().clear();
    }

    void init()
    {
        QFile::remove(SessionController::autosavePath());
        QFile::remove(SessionController::lockPath());
    }

    void savedSessionOpensInAnotherWindow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("exam.attnlab"));
        app::MainWindow first;
        first.show();
        QCOMPARE(first.windowTitle(), QStringLiteral("Untitled[*] — AttnLab"));
        first.setWorkspace(examWorkspace(first.state()));
        settle(first);
        first.showView(QStringLiteral("steps"));
        QTest::mouseClick(first.tokenStrip()->chip(2), Qt::LeftButton);
        QCOMPARE(first.selection().query, 2);
        QVERIFY(first.sessions()->isModified());
        QVERIFY(first.isWindowModified());

        QVERIFY2(first.sessions()->saveTo(path), qPrintable(first.sessions()->lastError()));
        QVERIFY(!first.sessions()->isModified());
        QVERIFY(!first.isWindowModified());
        QCOMPARE(first.windowTitle(), QStringLiteral("exam.attnlab[*] — AttnLab"));
        QCOMPARE(SessionController::recentFiles().value(0), QFileInfo(path).absoluteFilePath());

        app::MainWindow second;
        second.show();
        QVERIFY2(second.sessions()->openFile(path), qPrintable(second.sessions()->lastError()));
        settle(second);
        QVERIFY(second.state() == first.state());
        QCOMPARE(second.currentViewName(), QStringLiteral("steps"));
        QCOMPARE(second.selection().query, 2);
        QCOMPARE(second.controls()->exact(), first.controls()->exact());
        QVERIFY(second.trace() && first.trace());
        QCOMPARE(second.trace()->tokens, first.trace()->tokens);
        ATTNLAB_COMPARE_MATRIX(second.trace()->layers[0].heads[0].weights, first.trace()->layers[0].heads[0].weights, 0.0);
        ATTNLAB_COMPARE_MATRIX(second.trace()->output, first.trace()->output, 0.0);
        QVERIFY(!second.sessions()->isModified());
        QCOMPARE(second.windowTitle(), QStringLiteral("exam.attnlab[*] — AttnLab"));
    }

    // The Compare tab's text B, model B and view, and that it is shown, come back with the session.
    void comparisonComesBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compare.attnlab"));
        app::MainWindow first;
        first.show();
        settle(first);
        app::ComparisonTab* tab = first.comparisonTab();
        tab->textB()->setText(QStringLiteral("the dog sat"));
        tab->setShownView(QStringLiteral("arcs"));
        tab->setModelB(QStringLiteral("toy"));
        qobject_cast<QTabWidget*>(tab->parentWidget()->parentWidget())->setCurrentWidget(tab);
        QCOMPARE(first.currentViewName(), QStringLiteral("arcs"));
        QVERIFY2(first.sessions()->saveTo(path), qPrintable(first.sessions()->lastError()));
        QVERIFY(readAll(path).contains("\"compare\""));

        app::MainWindow second;
        second.show();
        QCOMPARE(second.comparisonTab()->shownView(), QStringLiteral("heatmap"));
        QVERIFY2(second.sessions()->openFile(path), qPrintable(second.sessions()->lastError()));
        settle(second);
        QCOMPARE(second.comparisonTab()->textB()->text(), QStringLiteral("the dog sat"));
        QCOMPARE(second.comparisonTab()->shownView(), QStringLiteral("arcs"));
        QCOMPARE(second.comparisonTab()->modelB(), QStringLiteral("toy"));
        QCOMPARE(second.shownFigure(), second.comparisonTab()->view());
    }

    void badFileLeavesTheWorkspace_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("problem");
        QTest::newRow("wrong type") << QByteArray(R"({"format": "attnlab-session", "version": 1, "input": {"text": 7}})")
                                    << R"(field "input.text" must be a string, got a number (7))";
        QTest::newRow("truncated") << QByteArray("{\"format\": \"attnlab-session\", \"version\": 1, \"inp")
                                   << QStringLiteral("not valid JSON");
        QTest::newRow("newer") << QByteArray(R"({"format": "attnlab-session", "version": 9})")
                               << QStringLiteral("saved by a newer AttnLab");
    }

    void badFileLeavesTheWorkspace()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.attnlab"));
        QVERIFY(writeAll(path, contents));
        app::MainWindow window;
        window.show();
        window.setWorkspace(examWorkspace(window.state()));
        settle(window);
        const app::WorkspaceState before = window.state();
        const int undoSteps = window.undoStack()->count();
        const QString title = window.windowTitle();

        QVERIFY(!window.sessions()->openFile(path));
        settle(window);
        const QString error = window.sessions()->lastError();
        QVERIFY2(error.startsWith(path) && error.contains(problem), qPrintable(error));
        QVERIFY(window.state() == before);
        QCOMPARE(window.undoStack()->count(), undoSteps);
        QCOMPARE(window.windowTitle(), title);
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("sessionError"));
        QVERIFY(box);
        QCOMPARE(box->text(), error);
    }

    // File > Save Session into a folder that became read-only, or onto a full disk: the window says why in a
    // message box and the status bar, the session stays unsaved, and the file on disk is what it was.
    void failedSaveShowsTheMessageAndKeepsTheFile_data()
    {
        QTest::addColumn<bool>("fullDisk");
        QTest::newRow("read-only folder") << false;
        QTest::newRow("full disk") << true;
    }

    void failedSaveShowsTheMessageAndKeepsTheFile()
    {
        QFETCH(bool, fullDisk);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lecture.attnlab"));
        app::MainWindow window;
        window.show();
        settle(window);
        QVERIFY2(window.sessions()->saveTo(path), qPrintable(window.sessions()->lastError()));
        const QByteArray saved = readAll(path);
        window.setWorkspace(examWorkspace(window.state()));
        settle(window);
        QVERIFY(window.sessions()->isModified());

        QAction* save = nullptr;
        for (QAction* action : window.menuBar()->findChildren<QAction*>())
            if (action->text() == QStringLiteral("&Save Session")) save = action;
        QVERIFY(save);
        {
            std::optional<attnlab::test::ReadOnlyFolder> readOnly;
            std::optional<attnlab::test::FileSizeLimit> limit;
            if (fullDisk) {
                limit.emplace(64);
                QVERIFY(limit->active());
            } else {
                readOnly.emplace(dir.path());
                if (!readOnly->active()) QSKIP(readOnly->why());
            }
            save->trigger();
        }
        const QString error = window.sessions()->lastError();
        QVERIFY2(error.startsWith(QStringLiteral("cannot write %1: %2").arg(path, fullDisk ? QStringLiteral("File too large")
                                                                                          : QStringLiteral("Permission denied"))),
                 qPrintable(error));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("sessionError"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QCOMPARE(box->text(), error);
        QCOMPARE(box->windowTitle(), QStringLiteral("Cannot save the session"));
        QVERIFY(window.statusBar()->currentMessage().contains(error));
        QVERIFY(window.sessions()->isModified());
        QCOMPARE(readAll(path), saved);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("lecture.attnlab")});
        box->close();
    }

    void autosaveWritesAfterItsInterval()
    {
        app::MainWindow window;
        window.sessions()->setAutosaveInterval(30);
        QTest::qWait(150);
        QVERIFY2(!QFileInfo::exists(SessionController::autosavePath()), "nothing to save: no autosave");
        window.setWorkspace(examWorkspace(window.state()));
        settle(window);
        QTRY_VERIFY(QFileInfo::exists(SessionController::autosavePath()));
        const auto autosaved = app::readSessionFile(SessionController::autosavePath());
        QVERIFY2(autosaved.ok(), qPrintable(autosaved.error()));
        QVERIFY(autosaved->workspace == window.state());

        // Saved work needs no autosave.
        QTemporaryDir dir;
        QVERIFY(window.sessions()->saveTo(dir.filePath(QStringLiteral("saved.attnlab"))));
        QVERIFY(!QFileInfo::exists(SessionController::autosavePath()));
    }

    void crashedRunIsRestored()
    {
        QTemporaryDir dir;
        const QString lecture = QFileInfo(dir.filePath(QStringLiteral("lecture.attnlab"))).absoluteFilePath();
        app::WorkspaceState unsaved;
        QByteArray autosave;
        {
            app::MainWindow crashing;
            QVERIFY(crashing.sessions()->saveTo(lecture));
            crashing.setWorkspace(examWorkspace(crashing.state()));
            settle(crashing);
            QVERIFY(crashing.sessions()->autosaveNow());
            unsaved = crashing.state();
            autosave = readAll(SessionController::autosavePath());
            QVERIFY(QFileInfo::exists(SessionController::lockPath()));
        }
        // A clean exit takes the autosave and the lock along.
        QVERIFY(!QFileInfo::exists(SessionController::autosavePath()));
        QVERIFY(!QFileInfo::exists(SessionController::lockPath()));
        {
            app::MainWindow afterCleanExit;
            QVERIFY(!afterCleanExit.sessions()->previousRunCrashed());
        }

        // A crash leaves both behind.
        QVERIFY(writeAll(SessionController::autosavePath(), autosave));
        leaveStaleLock();
        app::MainWindow restarted;
        QVERIFY(restarted.sessions()->previousRunCrashed());
        QVERIFY(restarted.state() != unsaved);
        QVERIFY(restarted.sessions()->restoreAutosave());
        settle(restarted);
        QVERIFY(restarted.state() == unsaved);
        QCOMPARE(restarted.sessions()->filePath(), lecture);
        QVERIFY(restarted.sessions()->isModified());
        QCOMPARE(restarted.windowTitle(), QStringLiteral("lecture.attnlab[*] — AttnLab"));
        QVERIFY(restarted.isWindowModified());
        QVERIFY(!restarted.sessions()->previousRunCrashed());
        // Saving it into its file ends the story: the file has the work, the autosave is gone.
        QVERIFY(restarted.sessions()->save());
        QVERIFY(app::readSessionFile(lecture)->workspace == unsaved);
        QVERIFY(!QFileInfo::exists(SessionController::autosavePath()));
    }

    // A run killed while it created its lock leaves the file empty (QLockFile creates it, then writes the pid):
    // with nobody holding it, the next start takes it over and offers the autosave; while a live process holds
    // its flock (it is writing its pid) the file is not taken.
    void emptyLockOfAKilledStartIsStale()
    {
        QVERIFY(writeAll(SessionController::autosavePath(),
                         R"({"format": "attnlab-session", "version": 1, "input": {"text": "killed while starting"}})"));
        {
            const int held = ::open(QFile::encodeName(SessionController::lockPath()).constData(), O_RDWR | O_CREAT, 0666);
            QVERIFY(held >= 0);
            QCOMPARE(::flock(held, LOCK_EX | LOCK_NB), 0);
            app::MainWindow second;
            QVERIFY(!second.sessions()->previousRunCrashed());
            QVERIFY(QFileInfo::exists(SessionController::lockPath()));
            QCOMPARE(QFileInfo(SessionController::lockPath()).size(), 0); // not taken over
            ::close(held); // the process is gone: its flock goes with it
        }
        QCOMPARE(QFileInfo(SessionController::lockPath()).size(), 0);
        app::MainWindow restarted;
        QVERIFY(restarted.sessions()->previousRunCrashed());
        qint64 pid = 0;
        QVERIFY(QLockFile(SessionController::lockPath()).getLockInfo(&pid, nullptr, nullptr));
        QCOMPARE(pid, QCoreApplication::applicationPid());
        QVERIFY(restarted.sessions()->restoreAutosave());
        QCOMPARE(restarted.state().input.text, QStringLiteral("killed while starting"));
    }

    void unsavedChangesAnswerDecidesTheClose()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept.attnlab"));
        app::MainWindow window;
        window.show();
        QVERIFY(window.sessions()->saveTo(path));
        window.setWorkspace(examWorkspace(window.state()));
        settle(window);
        window.sessions()->setUnsavedChangesAnswer([] { return SessionController::Answer::Cancel; });
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        window.sessions()->setUnsavedChangesAnswer([] { return SessionController::Answer::Save; });
        QVERIFY(window.close());
        QVERIFY(app::readSessionFile(path)->workspace == window.state());
    }

    void recentFilesDropMissingOnesAndKeepEight()
    {
        QTemporaryDir dir;
        app::MainWindow window;
        for (int i = 0; i < 10; ++i)
            QVERIFY(window.sessions()->saveTo(dir.filePath(QStringLiteral("s%1.attnlab").arg(i))));
        QStringList recent = SessionController::recentFiles();
        QCOMPARE(recent.size(), SessionController::kMaxRecent);
        QCOMPARE(QFileInfo(recent.first()).fileName(), QStringLiteral("s9.attnlab"));
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("s8.attnlab"))));
        recent = SessionController::recentFiles();
        QCOMPARE(recent.size(), SessionController::kMaxRecent - 1);
        QVERIFY(!recent.contains(QFileInfo(dir.filePath(QStringLiteral("s8.attnlab"))).absoluteFilePath()));
    }
};

ATTNLAB_TEST_MAIN(TestSessionWindow)
} // namespace tst_session_window
#include "tst_session_window.moc"
