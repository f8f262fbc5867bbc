// MainWindow's side of sessions: the window's whole setup as a Session and back. The file, the title,
// autosave and recovery are SessionController's (session_controller.cpp).

#include "app/window/main_window.h"

#include "app/window/control_bar.h"
#include "app/session/session_controller.h"
#include "app/session/session_file.h"
#include "widgets/controls/token_strip.h"
#include "widgets/views/trace_view.h"

#include <QAction>
#include <QTabWidget>

namespace attnlab::app {

QString MainWindow::currentViewName() const
{
    auto* current = qobject_cast<widgets::TraceView*>(m_tabs->currentWidget());
    return current ? current->viewName() : QString();
}

Session MainWindow::currentSession() const
{
    Session session;
    session.workspace = m_state;
    session.view = currentViewName();
    session.layer = m_selection.layer;
    session.head = m_selection.head;
    session.query = m_selection.query;
    session.exact = m_style.exact;
    session.theme = m_style.theme;
    session.presentation = m_style.presentation;
    session.colorMap = m_style.weightMap;
    return session;
}

void MainWindow::applySession(const Session& session)
{
    setWorkspace(session.workspace);
    if (view(session.view))
        showView(session.view);
    // The menu's check marks follow the look through their toggled signals.
    if (session.theme) {
        if (auto* dark = findChild<QAction*>(QStringLiteral("darkThemeAction")))
            dark->setChecked(*session.theme == widgets::Theme::Dark);
        setDarkTheme(*session.theme == widgets::Theme::Dark);
    }
    if (session.presentation) {
        if (auto* presentation = findChild<QAction*>(QStringLiteral("presentationAction")))
            presentation->setChecked(*session.presentation);
        setPresentationMode(*session.presentation);
    }
    if (session.colorMap) {
        m_style.weightMap = *session.colorMap;
        applyStyle();
    }
    m_controls->setExact(session.exact);
    // Layer, head and query refer to the trace being computed: apply them when it arrives (after
    // traceReady, which clamps the selection and may turn exact display on for a new matrix problem).
    disconnect(m_pendingSessionSelection);
    m_pendingSessionSelection = connect(
        m_computer, &model::TraceComputer::traceReady, this,
        [this, layer = session.layer, head = session.head, query = session.query, exact = session.exact] {
            m_controls->setExact(exact);
            m_controls->setLayerHead(layer, head);
            m_selection.layer = m_controls->layer();
            m_selection.head = m_controls->head();
            m_selection.query = query;
            if (m_trace)
                m_selection = model::clampSelection(m_selection, *m_trace);
            m_tokens->setSelected(m_selection.query);
            pushViews();
        },
        Qt::SingleShotConnection);
}

} // namespace attnlab::app
