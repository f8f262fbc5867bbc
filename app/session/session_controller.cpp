#include "app/session/session_controller.h"


#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLockFile>
#include <QMenu>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>
#include <QUndoStack>

namespace attnlab::app {

namespace {

bool g_interactive = false;
const QString kRecentKey = QStringLiteral("sessions/recent");
const QString kLastDirKey = QStringLiteral("sessions/lastDir");
constexpr int kAutosaveMilliseconds = 60 * 1000;

QString dataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

SessionController::SessionController(SessionHost* host, QObject* parent) : QObject(parent), m_host(host)
{
    connect(m_host->undoStack(), &QUndoStack::cleanChanged, this, &SessionController::updateTitle);
    m_autosave.setInterval(kAutosaveMilliseconds);
    connect(&m_autosave, &QTimer::timeout, this, &SessionController::autosaveNow);

    updateTitle();
    if (dataDirectory().isEmpty() || !QDir().mkpath(dataDirectory()))
        return; // nowhere to autosave
    const bool lockLeftBehind = QFileInfo::exists(lockPath());
    m_lock = std::make_unique<QLockFile>(lockPath());
    m_lock->setStaleLockTime(0); // only a lock whose process is gone is stale, however old it is
    bool locked = m_lock->tryLock(0);
    qint64 ownerPid = 0;
    if (!locked && m_lock->error() == QLockFile::LockFailedError && !m_lock->getLockInfo(&ownerPid, nullptr, nullptr)) {
        // A lock file without a pid: QLockFile creates the file, then flock()s it, then writes the pid, so a run
        // killed in between leaves it empty. With a stale time of 0 Qt never takes such a file for stale, and
        // every later start would believe another instance runs: no autosave, no recovery, ever. A live owner
        // holds the file's flock(), and removeStaleLockFile() refuses to remove a file whose flock is held.
        if (m_lock->removeStaleLockFile())
            locked = m_lock->tryLock(0);
    }
    if (locked) {
        // tryLock removed the lock of a process that no longer runs: that run ended without finish().
        m_previousRunCrashed = lockLeftBehind && QFileInfo::exists(autosavePath());
        m_autosave.start();
    } else {
        m_lock.reset(); // another instance runs and owns the autosave
    }
}

SessionController::~SessionController()
{
    finish();
}

void SessionController::setInteractive(bool interactive)
{
    g_interactive = interactive;
}

bool SessionController::isModified() const
{
    return !m_host->undoStack()->isClean();
}

QString SessionController::autosavePath()
{
    return dataDirectory() + QStringLiteral("/autosave.attnlab");
}

QString SessionController::lockPath()
{
    return dataDirectory() + QStringLiteral("/running.lock");
}

bool SessionController::newSession()
{
    if (!confirmDiscard())
        return false;
    m_host->applySession(Session{});
    m_path.clear();
    m_host->undoStack()->setClean();
    updateTitle();
    return true;
}

bool SessionController::openFile(const QString& path)
{
    // Read before asking anything: a file that cannot be opened changes nothing.
    const auto session = readSessionFile(path);
    if (!session) {
        reportError(tr("Cannot open the session"), session.error());
        return false;
    }
    if (!confirmDiscard())
        return false;
    m_host->applySession(*session);
    m_path = QFileInfo(path).absoluteFilePath();
    m_host->undoStack()->setClean();
    addRecent(m_path);
    m_lastError.clear();
    m_lastWarnings = session->warnings;
    if (!m_lastWarnings.isEmpty()) {
        m_host->showStatusMessage(m_lastWarnings.join(QLatin1Char(' ')), 10000);
        auto* box = new QMessageBox(QMessageBox::Information, tr("Session opened with changes"),
                                    m_lastWarnings.join(QLatin1Char('\n')), QMessageBox::Ok, m_host->sessionWindow());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(QStringLiteral("sessionWarning"));
        box->open();
    }
    updateTitle();
    return true;
}

bool SessionController::saveTo(const QString& path)
{
    const auto written = writeSessionFile(path, m_host->currentSession());
    if (!written) {
        reportError(tr("Cannot save the session"), written.error());
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_host->undoStack()->setClean();
    addRecent(m_path);
    m_lastError.clear();
    if (m_lock)
        QFile::remove(autosavePath()); // the work is safe in its own file now
    m_host->showStatusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_path)), 3000);
    updateTitle();
    return true;
}

bool SessionController::save()
{
    return m_path.isEmpty() ? saveAs() : saveTo(m_path);
}

bool SessionController::saveAs()
{
    if (!g_interactive)
        return false;
    const QString start = m_path.isEmpty()
                              ? QSettings().value(kLastDirKey, QDir::homePath()).toString() + tr("/untitled.attnlab")
                              : m_path;
    QString path = QFileDialog::getSaveFileName(m_host->sessionWindow(), tr("Save Session"), start, tr("AttnLab sessions (*.attnlab)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".") + QLatin1String(kSessionSuffix);
    QSettings().setValue(kLastDirKey, QFileInfo(path).absolutePath());
    return saveTo(path);
}

void SessionController::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(m_host->sessionWindow(), tr("Open Session"),
                                                      QSettings().value(kLastDirKey, QDir::homePath()).toString(),
                                                      tr("AttnLab sessions (*.attnlab);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(kLastDirKey, QFileInfo(path).absolutePath());
    openFile(path);
}

bool SessionController::confirmDiscard()
{
    if (!isModified())
        return true;
    Answer answer = Answer::Discard; // nobody to ask: scripts and tests go on
    if (m_answer) {
        answer = m_answer();
    } else if (g_interactive && m_host->sessionWindow()->isVisible()) {
        const QString name = m_path.isEmpty() ? tr("the untitled session") : QFileInfo(m_path).fileName();
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"), tr("Save the changes to %1?").arg(name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_host->sessionWindow());
        box.setDefaultButton(QMessageBox::Save);
        const int button = box.exec();
        answer = button == QMessageBox::Save ? Answer::Save : button == QMessageBox::Discard ? Answer::Discard : Answer::Cancel;
    }
    switch (answer) {
    case Answer::Save: return save();
    case Answer::Discard: return true;
    case Answer::Cancel: return false;
    }
    return false;
}

QStringList SessionController::recentFiles()
{
    QStringList existing;
    for (const QString& path : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo::exists(path) && !existing.contains(path) && existing.size() < kMaxRecent)
            existing << path;
    return existing;
}

void SessionController::addRecent(const QString& path)
{
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    QSettings().setValue(kRecentKey, QStringList(recent.mid(0, kMaxRecent)));
}

void SessionController::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(recent[i]).fileName()),
                                                  this, [this, path = recent[i]] { openFile(path); });
        action->setToolTip(QDir::toNativeSeparators(recent[i]));
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

bool SessionController::autosaveNow()
{
    // While a crashed run's autosave waits for its answer, it must not be overwritten.
    if (!m_lock || m_previousRunCrashed || !isModified())
        return false;
    Session session = m_host->currentSession();
    session.autosaveOf = m_path;
    const auto written = writeSessionFile(autosavePath(), session);
    if (!written)
        m_host->showStatusMessage(tr("Autosave failed: %1").arg(written.error()), 5000);
    return written.ok();
}

bool SessionController::restoreAutosave()
{
    const auto session = readSessionFile(autosavePath());
    if (!session) {
        reportError(tr("Cannot open the session"), session.error());
        return false;
    }
    m_host->applySession(*session);
    m_path = session->autosaveOf;
    // The restored work is not saved anywhere but in the autosave: it stays marked as changed.
    m_host->undoStack()->resetClean();
    m_previousRunCrashed = false;
    m_lastWarnings = session->warnings;
    updateTitle();
    return true;
}

void SessionController::offerRecovery()
{
    if (!m_previousRunCrashed || !g_interactive)
        return;
    const QDateTime when = QFileInfo(autosavePath()).lastModified();
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved work?"),
                    tr("AttnLab did not close normally last time. Restore the work autosaved at %1?")
                        .arg(QLocale().toString(when, QLocale::ShortFormat)),
                    QMessageBox::NoButton, m_host->sessionWindow());
    QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Discard);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore && restoreAutosave())
        return;
    m_previousRunCrashed = false;
    QFile::remove(autosavePath());
}

void SessionController::finish()
{
    m_autosave.stop();
    if (!m_lock)
        return;
    QFile::remove(autosavePath());
    m_lock->unlock();
    m_lock.reset();
}

void SessionController::addFileActions(QMenu* file)
{
    QAction* newAction = file->addAction(tr("&New Session"), this, [this] { newSession(); });
    newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    QAction* open = file->addAction(tr("&Open Session…"), this, &SessionController::chooseAndOpen);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentSessions"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &SessionController::fillRecentMenu);
    fillRecentMenu();
    QAction* saveAction = file->addAction(tr("&Save Session"), this, [this] { save(); });
    saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    QAction* saveAsAction = file->addAction(tr("Save Session &As…"), this, [this] { saveAs(); });
    // Ctrl+Shift+S exports the figure; Save As takes Ctrl+Alt+S.
    saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
}

void SessionController::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
    m_host->sessionWindow()->setWindowTitle(tr("%1[*] — AttnLab").arg(name));
    m_host->sessionWindow()->setWindowModified(isModified());
}

void SessionController::reportError(const QString& title, const QString& message)
{
    m_lastError = message;
    m_host->showStatusMessage(QStringLiteral("⚠ ") + message, 10000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_host->sessionWindow());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("sessionError"));
    box->open();
}

} // namespace attnlab::app

#include "moc_session_controller.cpp"
