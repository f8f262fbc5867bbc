#pragma once

// The main window's document: which `.attnlab` file the workspace belongs to, whether it has unsaved changes
// (the undo stack's clean state), File ▸ New / Open / Save / Save As / Open Recent, the window title, and
// autosave with recovery after a crash.
//
// Autosave: every interval (60 s) with unsaved changes the session is written atomically to
// AppDataLocation/autosave.attnlab. A lock file there (running.lock, the pid) marks a running instance; a clean
// exit removes both. A start that finds the lock of a process that no longer runs (or one left empty by a start
// killed while it wrote its pid), and an autosave, knows the previous run crashed and offers the autosave back. A second instance, finding the lock held, does not
// autosave, so that it never overwrites the first one's work.

#include "app/session/session_file.h"
#include "app/session/session_host.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class QLockFile;
class QMenu;

namespace attnlab::app {

class SessionController : public QObject {
    Q_OBJECT
public:
    // host outlives the controller.
    SessionController(SessionHost* host, QObject* parent);
    ~SessionController() override;

    // Dialogs (save changes? restore?) are shown only in the application proper, which turns this on; tests
    // and scripts never block on one and take the unsaved-changes answer from setUnsavedChangesAnswer.
    static void setInteractive(bool interactive);
    enum class Answer { Save, Discard, Cancel };
    void setUnsavedChangesAnswer(std::function<Answer()> answer) { m_answer = std::move(answer); }

    QString filePath() const { return m_path; } // "" = untitled
    bool isModified() const;
    const QString& lastError() const { return m_lastError; }
    const QStringList& lastWarnings() const { return m_lastWarnings; }

    // Each returns false when it did not happen (cancelled, or failed with lastError() saying why); a failed
    // open leaves the workspace as it was.
    bool newSession();
    bool openFile(const QString& path);
    bool saveTo(const QString& path);
    bool save();   // to filePath(), or Save As when untitled
    bool saveAs(); // asks for a name (interactive only)
    // Before the window closes or another session replaces this one: Save / Discard / Cancel.
    bool confirmDiscard();

    static QStringList recentFiles(); // existing files only, newest first, at most kMaxRecent
    static constexpr int kMaxRecent = 8;

    void setAutosaveInterval(int milliseconds) { m_autosave.setInterval(milliseconds); }
    static QString autosavePath();
    static QString lockPath();
    bool autosaveNow();                   // writes when there are unsaved changes; true when written
    bool previousRunCrashed() const { return m_previousRunCrashed; }
    bool restoreAutosave();               // the crashed run's work, as unsaved changes of its file
    void offerRecovery();                 // at start: asks whether to restore (interactive), else nothing
    void finish();                        // a clean exit: removes the autosave and the lock

    void addFileActions(QMenu* file);

private:
    void chooseAndOpen();
    void updateTitle();
    void addRecent(const QString& path);
    void fillRecentMenu();
    void reportError(const QString& title, const QString& message);

    SessionHost* m_host;
    QString m_path;
    QString m_lastError;
    QStringList m_lastWarnings;
    QTimer m_autosave;
    std::unique_ptr<QLockFile> m_lock; // held while this instance owns the autosave
    bool m_previousRunCrashed = false;
    QMenu* m_recentMenu = nullptr;
    std::function<Answer()> m_answer;
};

} // namespace attnlab::app
