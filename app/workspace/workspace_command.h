#pragma once

// One undoable edit of the workspace, as the states before and after it. Consecutive keystrokes in a text
// field merge into one step, so that undo takes back a word, not a letter.

#include "app/workspace/workspace_state.h"

#include <QUndoCommand>

#include <functional>

namespace attnlab::app {

class WorkspaceCommand : public QUndoCommand {
public:
    using Apply = std::function<void(const WorkspaceState&)>;

    WorkspaceCommand(const QString& text, WorkspaceState before, WorkspaceState after, bool typing, Apply apply)
        : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_typing(typing),
          m_apply(std::move(apply))
    {
    }

    // The edit has already happened in the widgets when the command is pushed: the first redo() does nothing.
    void redo() override
    {
        if (m_pushed)
            m_apply(m_after);
        m_pushed = true;
    }
    void undo() override { m_apply(m_before); }

    int id() const override { return m_typing ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = static_cast<const WorkspaceCommand*>(other);
        if (!next->m_typing)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    WorkspaceState m_before;
    WorkspaceState m_after;
    bool m_typing = false;
    Apply m_apply;
    bool m_pushed = false;
};

} // namespace attnlab::app
