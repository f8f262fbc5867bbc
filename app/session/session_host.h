#pragma once

// What SessionController needs of the window it keeps the document of: the whole setup as a Session and back,
// the undo history whose clean state means "saved", and a window for dialogs, the title and status messages.

#include "app/session/session_file.h"

class QUndoStack;
class QWidget;

namespace attnlab::app {

class SessionHost {
public:
    virtual ~SessionHost() = default;

    virtual Session currentSession() const = 0;
    // The session's workspace as one undo step, its look at once, its selection once its trace exists.
    virtual void applySession(const Session& session) = 0;
    virtual QUndoStack* undoStack() const = 0;
    // The window: parent of dialogs, owner of the title.
    virtual QWidget* sessionWindow() = 0;
    virtual void showStatusMessage(const QString& message, int milliseconds) = 0;
};

} // namespace attnlab::app
