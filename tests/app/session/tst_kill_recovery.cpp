// Killed, not lost (app/session/session_controller.cpp, and the writers it shares with figures and training:
// model/core/atomic_file.cpp, widgets/drawing/figure_export.cpp, model/training/training_checkpoint.cpp).
//
// The test starts the application as a real process — this executable again, in a child mode that builds the
// real MainWindow with its SessionController on the offscreen platform — and kills it with SIGKILL at seeded
// random moments: while it edits (typing, switching views and heads), autosaves, saves its session, exports a
// figure (SVG, PNG, PDF) or saves a training checkpoint while a run trains. The child writes to a log, one
// unbuffered line per step begun and finished, with the SHA-256 of each state it autosaves or saves. After every
// kill the test checks what is on disk and starts the child again:
// - the lock file left behind names the dead process, and the restart takes it over (the lock is stale, not
//   "another instance runs");
// - the restart offers the autosaved work exactly when an autosave is there, through the question the
//   application asks at start (answered Restore), and the work restored is the state of the last autosave that
//   finished (or of the one killed, if its file had already replaced the old one); a session save removes the
//   autosave, so after one no work is offered;
// - the session file reads back whole, as the last save (or the one killed) wrote it; every figure file present
//   is complete (SVG: well-formed XML ending in </svg>; PNG: decodes; PDF: %PDF … %%EOF); a training checkpoint
//   loads, or is refused with a message naming its folder — only the one being written when the kill came (or
//   one killed earlier that no save has replaced since) — and the checkpoint saved before it still loads with its
//   step.
//   tests_app_session tst_kill_recovery                       40 kills, seed 1
//   tests_app_session tst_kill_recovery -- --kills N --seed S another run

#include "app/session/session_controller.h"
#include "app/session/session_file.h"
#include "app/training/training_session.h"
#include "app/window/control_bar.h"
#include "app/window/input_panel.h"
#include "app/window/main_window.h"
#include "model/pipeline/trace_computer.h"
#include "model/training/tasks/training_task.h"
#include "model/training/training_checkpoint.h"
#include "model/training/training_presets.h"
#include "model/training/training_run.h"
#include "widgets/drawing/figure_export.h"
#include "widgets/views/trace_view.h"
#include "figure_file_check.h"
#include "test_registry.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QInputMethodEvent>
#include <QJsonDocument>
#include <QLockFile>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace tst_kill_recovery {

using namespace attnlab;
using app::SessionController;

namespace {

// The moments a kill is aimed at: the child logs "<moment>-begin" and "<moment>-done" around each.
const QStringList kKillMoments{QStringLiteral("edit"), QStringLiteral("autosave"), QStringLiteral("session"),
                               QStringLiteral("export"), QStringLiteral("checkpoint")};
const QStringList kKillTexts{QStringLiteral("The animal didn't cross the street because it was too tired"),
                             QStringLiteral("the cat sat on the mat"), QStringLiteral("猫がマットの上に座った"),
                             QStringLiteral("گربه روی فرش نشست"), QStringLiteral("a b c a b c a b")};

// The state an autosave or a session file holds, as its SHA-256 (hex): the session's JSON, compact.
QByteArray killSessionHash(const app::Session& session)
{
    const QByteArray json = QJsonDocument(app::sessionToJson(session)).toJson(QJsonDocument::Compact);
    return QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
}

// ---- The child: the application, doing what users do until it is killed. ----

struct KillChildLog {
    int fd = -1;
    QElapsedTimer clock;
    // One line per write(2), unbuffered: what the log says was finished is finished when the kill comes.
    void line(const QString& text) const
    {
        const QByteArray bytes = QStringLiteral("%1 %2\n").arg(clock.nsecsElapsed() / 1000).arg(text).toUtf8();
        if (::write(fd, bytes.constData(), size_t(bytes.size())) != bytes.size()) std::abort();
    }
};

// The child's files: the session, the figures and two training checkpoints that take turns (so that one of
// them is always a finished save while the other is written).
QString killSessionPath(const QString& dir) { return dir + QStringLiteral("/work.attnlab"); }
QString killFigurePath(const QString& dir, const QString& suffix) { return dir + QStringLiteral("/figure.") + suffix; }
QString killCheckpointPath(const QString& dir, int slot) { return dir + QStringLiteral("/checkpoint-%1").arg(slot); }

int runKillChild(const QString& dir, quint32 seed, bool once)
{
    KillChildLog log;
    log.clock.start();
    log.fd = ::open(QFile::encodeName(dir + QStringLiteral("/log-%1.txt").arg(seed)).constData(),
                    O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log.fd < 0) return 1;
    QRandomGenerator rng(seed);
    const auto pick = [&](int n) { return int(rng.bounded(quint32(std::max(1, n)))); };

    // As runMain sets up the application (its names place the autosave and the lock), with the answer to the
    // question "Restore unsaved work?" given as a user gives it: the Restore button, once the box is up.
    QCoreApplication::setApplicationName(QStringLiteral("AttnLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("AttnLab"));
    SessionController::setInteractive(true);
    bool asked = false;
    QTimer answer;
    answer.setInterval(5);
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            for (QAbstractButton* button : box->buttons())
                if (button->text() == QLatin1String("Restore")) {
                    asked = true;
                    button->click();
                    return;
                }
    });
    answer.start();

    app::MainWindow window;
    window.resize(1280, 720);
    window.show();
    SessionController* sessions = window.sessions();
    // Autosaves are this loop's, each logged; the timer would write ones the log does not know of.
    sessions->setAutosaveInterval(24 * 3600 * 1000);
    const bool crashed = sessions->previousRunCrashed();
    log.line(QStringLiteral("start %1 crashed %2").arg(QCoreApplication::applicationPid()).arg(crashed ? 1 : 0));
    qint64 lockPid = 0;
    QLockFile(SessionController::lockPath()).getLockInfo(&lockPid, nullptr, nullptr);
    log.line(QStringLiteral("lock %1").arg(lockPid));
    sessions->offerRecovery();
    answer.stop();
    if (crashed) {
        // The restored work once its trace is computed: the selection (layer, head, query) applies to a trace.
        for (int i = 0; i < 2; ++i) {
            window.computer()->waitForIdle();
            QCoreApplication::processEvents();
        }
        app::Session restored = window.currentSession();
        restored.autosaveOf = sessions->filePath();
        // The work restored, for the message when it is not the autosave's.
        QFile json(dir + QStringLiteral("/restored-%1.json").arg(seed));
        if (json.open(QIODevice::WriteOnly)) json.write(QJsonDocument(app::sessionToJson(restored)).toJson());
        json.close();
        log.line(QStringLiteral("restored %1 asked %2 modified %3")
                     .arg(QString::fromLatin1(killSessionHash(restored)))
                     .arg(asked ? 1 : 0)
                     .arg(sessions->isModified() ? 1 : 0));
    }
    log.line(QStringLiteral("ready"));
    if (once) return 0; // a clean exit: the controller's destructor removes the autosave and the lock

    QTabWidget* tabs = nullptr;
    for (QTabWidget* candidate : window.findChildren<QTabWidget*>())
        if (candidate->indexOf(window.view(QStringLiteral("heatmap"))) >= 0) tabs = candidate;
    if (!tabs) return 1;

    // A training run on the worker thread all along, as the Train window runs one.
    app::TrainingSession training;
    auto task = model::makeTrainingTask(QStringLiteral("sort"), 64);
    if (!task) return 1;
    model::PresetChoice choice = model::trainingPreset(model::TrainingPreset::Tiny, (*task)->name(), (*task)->sequenceLength());
    choice.settings.steps = 1'000'000;
    auto run = model::TrainingRun::start(std::move(*task), choice.shape, choice.settings);
    if (!run) return 1;
    training.start(std::move(*run), 1000);
    int checkpoints = 0;
    bool checkpointWritten = false;
    QObject::connect(&training, &app::TrainingSession::stateReady,
                     [&](const model::TrainingState& state, const QByteArray& tokenizerJson) {
                         const QString folder = killCheckpointPath(dir, checkpoints % 2);
                         log.line(QStringLiteral("checkpoint-begin %1 %2 %3").arg(checkpoints).arg(checkpoints % 2).arg(state.step));
                         QDir().mkpath(folder);
                         const auto saved = model::saveTrainingCheckpoint(folder, state, tokenizerJson);
                         log.line(QStringLiteral("checkpoint-done %1 %2").arg(checkpoints).arg(saved ? 1 : 0));
                         ++checkpoints;
                         checkpointWritten = true;
                     });

    const auto commitText = [](QWidget* edit, const QString& text) {
        QInputMethodEvent commit; // the text as an input method commits it (QTest types ASCII only)
        commit.setCommitString(text);
        QCoreApplication::sendEvent(edit, &commit);
    };
    static const QStringList suffixes{"svg", "png", "pdf"};
    for (int n = 0;; ++n) {
        // Mostly edits and autosaves, as in use; a session save (which ends the autosave's use) now and then.
        static const QList<int> weights{3, 3, 2, 1, 1};
        // Each run starts as work does: an edit, then its autosave.
        int w = pick(10);
        qsizetype chosen = 0;
        while (w >= weights[chosen]) w -= weights[chosen++];
        if (n < 2) chosen = n;
        const QString moment = kKillMoments[chosen];
        if (moment == QLatin1String("checkpoint")) {
            // The state arrives from between two steps and is saved as it arrives (stateReady above), which logs
            // checkpoint-begin and checkpoint-done.
            checkpointWritten = false;
            training.requestState();
            QElapsedTimer waiting;
            waiting.start();
            while (!checkpointWritten && waiting.elapsed() < 20000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            continue;
        }
        QString detail; // what the parent needs to know of the step
        if (moment == QLatin1String("autosave") || moment == QLatin1String("session")) {
            app::Session session = window.currentSession();
            if (moment == QLatin1String("autosave")) session.autosaveOf = sessions->filePath(); // as autosaveNow writes it
            detail = QString::fromLatin1(killSessionHash(session));
        } else if (moment == QLatin1String("export")) {
            detail = suffixes[pick(3)];
        }
        log.line(QStringLiteral("%1-begin %2 %3").arg(moment).arg(n).arg(detail));
        QString done;
        if (moment == QLatin1String("edit")) {
            QPlainTextEdit* edit = window.inputPanel()->sentenceEdit();
            edit->setFocus();
            if (pick(2) == 0) edit->selectAll();
            commitText(edit, kKillTexts[pick(int(kKillTexts.size()))]);
            tabs->setCurrentIndex(pick(tabs->count()));
            for (QSpinBox* spin : window.controls()->findChildren<QSpinBox*>())
                if (spin->isVisible() && spin->isEnabled() && pick(3) == 0)
                    spin->setValue(spin->minimum() + pick(spin->maximum() - spin->minimum() + 1));
            done = QStringLiteral("1");
        } else if (moment == QLatin1String("autosave")) {
            done = QString::number(sessions->autosaveNow() ? 1 : 0);
        } else if (moment == QLatin1String("session")) {
            done = QString::number(sessions->saveTo(killSessionPath(dir)) ? 1 : 0);
        } else {
            // The figure the window shows, as File ▸ Export Figure writes it.
            widgets::ExportOptions options;
            options.size = QSize(1200, 800);
            done = QString::number(widgets::exportFigure(*window.shownFigure(), killFigurePath(dir, detail), options) ? 1 : 0);
        }
        log.line(QStringLiteral("%1-done %2 %3").arg(moment).arg(n).arg(done));
        QCoreApplication::processEvents();
    }
}

// ---- The parent: kills, then checks what is on disk and what the restart offers. ----

struct KillOptions {
    int kills = 40;
    quint32 seed = 1;
};

KillOptions killOptions()
{
    KillOptions options;
    const QStringList& arguments = test::testArguments();
    for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--kills")) options.kills = arguments[i + 1].toInt();
        if (arguments[i] == QLatin1String("--seed")) options.seed = arguments[i + 1].toUInt();
    }
    return options;
}

struct KillLine {
    QString what;       // "autosave-begin", "ready", …
    QStringList fields; // what follows it
};

QList<KillLine> readKillLog(const QString& path)
{
    QFile file(path);
    QList<KillLine> lines;
    if (!file.open(QIODevice::ReadOnly)) return lines;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QStringList words = QString::fromUtf8(raw).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.size() >= 2) lines.append({words[1], words.mid(2)});
    }
    return lines;
}

} // namespace

class TestKillRecovery : public QObject {
    Q_OBJECT
private slots:
    void killedAtRandomMomentsLosesNothing();
};

void TestKillRecovery::killedAtRandomMomentsLosesNothing()
{
    // In the child, this test is the application being killed.
    const QStringList& arguments = test::testArguments();
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--child")); at >= 0) {
        // _exit: the test's application object and the child's killed predecessors are no leaks to report.
        const int code = runKillChild(arguments.value(at + 1), arguments.value(at + 2).toUInt(),
                                      arguments.contains(QStringLiteral("--once")));
        std::fflush(nullptr);
        ::_exit(code);
    }

    const KillOptions options = killOptions();
    QRandomGenerator rng(options.seed);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString dir = folder.path();
    // The child's own data and settings folders (autosave, lock, recent files), away from the user's.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The child's training on one core: the suite runs the tests beside one another, and the monkey's answers
    // are timed.
    environment.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    const QString dataDir = dir + QStringLiteral("/data/AttnLab/AttnLab");
    const QString autosavePath = dataDir + QStringLiteral("/autosave.attnlab");
    const QString lockPath = dataDir + QStringLiteral("/running.lock");

    // What the files must hold, from what the logs say was finished. nullopt: no file.
    std::optional<QByteArray> autosaveHash, sessionHash;
    std::map<int, int> checkpointStep; // slot -> step of its last finished save
    std::set<int> interruptedSlots;    // slots whose last save was killed: refused until a save finishes there
    int checkpointsRefused = 0;
    std::map<QString, int> killsAt, landedInside;
    std::map<QString, qint64> usTaken; // typical duration of each moment, µs
    int survived = 0, offered = 0, runs = 0;
    QElapsedTimer total;
    total.start();

    // Starts the child with this seed; returns its log's path once it says "ready" (it took over the lock).
    const auto startChild = [&](QProcess& child, quint32 seed, bool once) -> QString {
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.setStandardOutputFile(QProcess::nullDevice());
        QStringList childArguments{QStringLiteral("tst_kill_recovery"), QStringLiteral("--"), QStringLiteral("--child"),
                                   dir, QString::number(seed)};
        if (once) childArguments << QStringLiteral("--once");
        child.start(QCoreApplication::applicationFilePath(), childArguments);
        ++runs;
        return dir + QStringLiteral("/log-%1.txt").arg(seed);
    };
    const auto waitFor = [&](const QString& logPath, const std::function<bool(const QList<KillLine>&)>& enough,
                             QProcess& child, int ms) {
        QElapsedTimer waiting;
        waiting.start();
        while (waiting.elapsed() < ms && child.state() != QProcess::NotRunning) {
            if (enough(readKillLog(logPath))) return true;
            QThread::usleep(500);
        }
        return enough(readKillLog(logPath));
    };
    const auto contains = [](const QList<KillLine>& lines, const QString& what) {
        return std::any_of(lines.begin(), lines.end(), [&](const KillLine& l) { return l.what == what; });
    };

    // The checks of a start: the stale lock taken over, the autosave offered exactly when there is one, and the
    // work restored equal to it.
    const auto checkStart = [&](const QList<KillLine>& lines, qint64 pid, const std::optional<QByteArray>& onDisk,
                                quint32 seed) {
        QVERIFY2(!lines.isEmpty() && lines[0].what == QLatin1String("start"), "the child did not start");
        QCOMPARE(lines[0].fields.value(0).toLongLong(), pid);
        QVERIFY2(lines.size() > 1 && lines[1].what == QLatin1String("lock"), "the child logged no lock");
        QVERIFY2(lines[1].fields.value(0).toLongLong() == pid,
                 "the restart did not take over the lock of the killed process: it took it for a running instance");
        const bool crashed = lines[0].fields.value(2) == QLatin1String("1");
        QCOMPARE(crashed, onDisk.has_value());
        if (!crashed) return;
        ++offered;
        QVERIFY2(lines.size() > 2 && lines[2].what == QLatin1String("restored"), "the autosave was not restored");
        QCOMPARE(lines[2].fields.value(2), QStringLiteral("1")); // asked "Restore unsaved work?"
        if (lines[2].fields.value(0).toLatin1() != *onDisk) { // restored what the autosave holds
            QFile restored(dir + QStringLiteral("/restored-%1.json").arg(seed));
            QVERIFY(restored.open(QIODevice::ReadOnly));
            const auto autosave = app::readSessionFile(autosavePath);
            QVERIFY(autosave);
            QFAIL(qPrintable(QStringLiteral("the work restored is not the autosave's:\n%1\nthe autosave:\n%2")
                                 .arg(QString::fromUtf8(restored.readAll()),
                                      QString::fromUtf8(QJsonDocument(app::sessionToJson(*autosave)).toJson()))));
        }
        QCOMPARE(lines[2].fields.value(4), QStringLiteral("1")); // and it is unsaved work
    };

    std::optional<QByteArray> autosaveOnDisk; // as read by the session reader after the last kill
    for (int kill = 0; kill < options.kills; ++kill) {
        const QString moment = kKillMoments[kill % kKillMoments.size()];
        QProcess child;
        const quint32 childSeed = options.seed * 1000 + quint32(kill);
        const QString logPath = startChild(child, childSeed, false);
        QVERIFY2(child.waitForStarted(20000), "the application did not start");
        const qint64 pid = child.processId();
        QVERIFY2(waitFor(logPath, [&](const QList<KillLine>& l) { return contains(l, QStringLiteral("ready")); }, child, 120000),
                 "the restart did not get ready: it refused to start or hung");
        checkStart(readKillLog(logPath), pid, autosaveOnDisk, childSeed);
        if (QTest::currentTestFailed()) {
            child.kill();
            child.waitForFinished();
            return;
        }

        // The kill: after the 1st or 2nd time the moment begins, a random part of the moment's usual length later.
        const int occurrence = 1 + int(rng.bounded(2u));
        const QString begin = moment + QStringLiteral("-begin");
        const bool reached = waitFor(logPath, [&](const QList<KillLine>& l) {
            return std::count_if(l.begin(), l.end(), [&](const KillLine& x) { return x.what == begin; }) >= occurrence;
        }, child, 120000);
        QVERIFY2(child.state() == QProcess::Running,
                 qPrintable(QStringLiteral("the application ended by itself (exit code %1) before it was killed during %2")
                                .arg(child.exitCode())
                                .arg(moment)));
        QVERIFY2(reached, qPrintable(QStringLiteral("the application did not reach %1 within 2 minutes").arg(moment)));
        const qint64 usual = usTaken.count(moment) ? usTaken[moment] : 2000;
        QThread::usleep(rng.bounded(quint32(std::max<qint64>(usual, 200) * 5 / 4)));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QVERIFY(child.waitForFinished(20000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        ++killsAt[moment];

        // What the log says was finished, and what was under way when the kill came.
        const QList<KillLine> lines = readKillLog(logPath);
        std::optional<QByteArray> autosavePending, sessionPending;
        bool autosaveMayBeGone = false;
        std::optional<std::pair<int, int>> checkpointPending; // slot, step
        QString lastBegun;
        qint64 begunAt = 0;
        QFile rawLog(logPath);
        QVERIFY(rawLog.open(QIODevice::ReadOnly));
        const QList<QByteArray> rawLines = rawLog.readAll().split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const KillLine& l = lines[i];
            const qint64 at = rawLines.value(i).split(' ').value(0).toLongLong();
            if (l.what.endsWith(QLatin1String("-begin"))) {
                lastBegun = l.what.chopped(6);
                begunAt = at;
                if (l.what == QLatin1String("autosave-begin")) autosavePending = l.fields.value(1).toLatin1();
                if (l.what == QLatin1String("session-begin")) {
                    sessionPending = l.fields.value(1).toLatin1();
                    autosaveMayBeGone = true;
                }
                if (l.what == QLatin1String("checkpoint-begin"))
                    checkpointPending = std::pair{l.fields.value(1).toInt(), l.fields.value(2).toInt()};
            } else if (l.what.endsWith(QLatin1String("-done"))) {
                const qint64 took = at - begunAt; // a running average of each moment's length
                usTaken[lastBegun] = usTaken.count(lastBegun) ? (3 * usTaken[lastBegun] + took) / 4 : took;
                const bool ok = l.fields.value(1) == QLatin1String("1");
                if (l.what == QLatin1String("autosave-done") && ok) autosaveHash = autosavePending;
                if (l.what == QLatin1String("session-done") && ok) {
                    sessionHash = sessionPending;
                    autosaveHash.reset(); // a saved session needs no autosave: saveTo removes it
                }
                if (l.what == QLatin1String("checkpoint-done") && ok) {
                    checkpointStep[checkpointPending->first] = checkpointPending->second;
                    interruptedSlots.erase(checkpointPending->first);
                }
                autosavePending.reset();
                sessionPending.reset();
                autosaveMayBeGone = false;
                checkpointPending.reset();
                lastBegun.clear();
            }
        }
        if (!lastBegun.isEmpty()) ++landedInside[lastBegun];

        // The lock file of the dead process is still there.
        qint64 lockPid = 0;
        QVERIFY2(QLockFile(lockPath).getLockInfo(&lockPid, nullptr, nullptr), "the killed process left no lock file");
        QCOMPARE(lockPid, pid);

        // The autosave: the last finished one, or the one killed if its file was already in place.
        autosaveOnDisk.reset();
        if (QFileInfo::exists(autosavePath)) {
            const auto read = app::readSessionFile(autosavePath);
            QVERIFY2(read, qPrintable(QStringLiteral("the autosave does not read back after a kill during %1: %2").arg(moment, read.error())));
            autosaveOnDisk = killSessionHash(*read);
            QVERIFY2(autosaveOnDisk == autosaveHash || (autosavePending && autosaveOnDisk == autosavePending),
                     qPrintable(QStringLiteral("after a kill during %1 the autosave holds another state than the last autosave's").arg(moment)));
        } else {
            QVERIFY2(!autosaveHash || autosaveMayBeGone,
                     qPrintable(QStringLiteral("after a kill during %1 the autosave is gone").arg(moment)));
            autosaveHash.reset();
        }
        if (autosaveOnDisk) autosaveHash = autosaveOnDisk; // what the next run restores and goes on from

        // The session file: whole, and the last save's (or the killed save's) state.
        if (QFileInfo::exists(dir + QStringLiteral("/work.attnlab"))) {
            const auto read = app::readSessionFile(killSessionPath(dir));
            QVERIFY2(read, qPrintable(QStringLiteral("the session file does not read back after a kill during %1: %2").arg(moment, read.error())));
            const QByteArray onDisk = killSessionHash(*read);
            QVERIFY2(onDisk == sessionHash || (sessionPending && onDisk == sessionPending),
                     qPrintable(QStringLiteral("after a kill during %1 the session file holds a state never saved").arg(moment)));
            sessionHash = onDisk;
        } else {
            QVERIFY2(!sessionHash, "the session file is gone");
        }

        // Figures: every file present is whole.
        for (const char* suffix : {"svg", "png", "pdf"}) {
            const QString path = killFigurePath(dir, QLatin1String(suffix));
            if (!QFileInfo::exists(path)) continue;
            const QString problem = test::figureFileProblem(path, QSize(1200, 800));
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after a kill during %1, %2 %3").arg(moment, path, problem)));
        }

        // Checkpoints: the finished one loads with its step; the one killed loads (old or new step) or is refused
        // with a message that names a file of it.
        for (int slot = 0; slot < 2; ++slot) {
            const QString path = killCheckpointPath(dir, slot);
            if (!QFileInfo::exists(path)) continue;
            const bool beingWritten = checkpointPending && checkpointPending->first == slot;
            const auto loaded = model::loadTrainingCheckpoint(path);
            if (!loaded) {
                // Refused: only the save killed now, or one killed before that no save has finished over since.
                QVERIFY2(beingWritten || interruptedSlots.count(slot),
                         qPrintable(QStringLiteral("a finished checkpoint does not load after a kill: %1").arg(loaded.error())));
                QVERIFY2(loaded.error().contains(path), qPrintable(loaded.error()));
                checkpointStep.erase(slot);
                interruptedSlots.insert(slot);
                ++checkpointsRefused;
                continue;
            }
            interruptedSlots.erase(slot);
            const bool old = checkpointStep.count(slot) && loaded->step == checkpointStep[slot];
            const bool killedOne = beingWritten && loaded->step == checkpointPending->second;
            QVERIFY2(old || killedOne, qPrintable(QStringLiteral("checkpoint %1 holds step %2, never saved there").arg(slot).arg(loaded->step)));
            checkpointStep[slot] = loaded->step;
        }
        ++survived;
    }

    // The last restart: it offers the last autosave, and a clean exit removes the autosave and the lock.
    QProcess last;
    const QString logPath = startChild(last, options.seed * 1000 + 999, true);
    QVERIFY(last.waitForStarted(20000));
    const qint64 pid = last.processId();
    QVERIFY(last.waitForFinished(120000));
    QCOMPARE(last.exitStatus(), QProcess::NormalExit);
    QCOMPARE(last.exitCode(), 0);
    checkStart(readKillLog(logPath), pid, autosaveOnDisk, options.seed * 1000 + 999);
    QVERIFY(!QFileInfo::exists(lockPath));
    QVERIFY(!QFileInfo::exists(autosavePath));

    QStringList byMoment, inside;
    const std::map<QString, QString> names{{"edit", "edit"}, {"autosave", "autosave"}, {"session", "session save"},
                                           {"export", "export"}, {"checkpoint", "training"}};
    for (const QString& moment : kKillMoments) {
        byMoment << QStringLiteral("%1 %2").arg(names.at(moment)).arg(killsAt[moment]);
        inside << QStringLiteral("%1 %2").arg(names.at(moment)).arg(landedInside[moment]);
    }
    qInfo("kills: %d survived of %d (%s)", survived, options.kills, qPrintable(byMoment.join(QLatin1String(", "))));
    qInfo("kills: %d restarts offered the autosaved work; kills that landed inside the step: %s; %d interrupted "
          "checkpoints refused; %d runs in %.1f s",
          offered, qPrintable(inside.join(QLatin1String(", "))), checkpointsRefused, runs, total.elapsed() / 1000.0);
}

ATTNLAB_TEST_MAIN(TestKillRecovery)
} // namespace tst_kill_recovery
#include "tst_kill_recovery.moc"
