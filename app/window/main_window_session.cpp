// MainWindow's side of sessions (SessionHost): the window's whole setup as a Session and back. The file, the
// title, autosave and recovery are SessionController's (session_controller.cpp).

#include "app/window/main_window.h"

#include "app/lessons/lesson_controller.h"
#include "app/window/comparison_tab.h"
#include "app/session/session_controller.h"
#include "app/workspace/workspace.h"
#include "widgets/views/trace_view.h"

#include <QAction>
#include <QLineEdit>
#include <QTabWidget>

namespace attnlab::app {

QString MainWindow::currentViewName() const
{
    // The Compare tab: the view it draws for A and B.
    if (m_comparison && m_tabs->currentWidget() == m_comparison) return m_comparison->shownView();
    auto* current = qobject_cast<widgets::TraceView*>(m_tabs->currentWidget());
    return current ? current->viewName() : QString();
}

Session MainWindow::currentSession() const
{
    Session session;
    session.workspace = state();
    session.view = currentViewName();
    session.layer = m_selection.layer;
    session.head = m_selection.head;
    session.query = m_selection.query;
    session.exact = m_style.exact;
    session.theme = m_style.theme;
    session.presentation = m_style.presentation;
    session.colorMap = m_style.weightMap;
    session.colorScale = m_style.weightScale;
    session.comparison = SessionComparison{m_comparison->textB()->text(), m_comparison->modelB(), m_comparison->shownView(),
                                           m_tabs->currentWidget() == m_comparison};
    return session;
}

void MainWindow::applySession(const Session& session)
{
    m_lessons->close();
    // Layer, head, query and exact display refer to the session's trace: they apply when it arrives (after
    // traceReady, which clamps the selection and sets exact display for the kind of input), and are dropped if
    // its run fails, is stopped, or its model does not load.
    SelectionRequest selection;
    selection.layer = session.layer;
    selection.head = session.head;
    selection.query = session.query;
    selection.exact = session.exact;
    m_workspace->selectOnNextTrace(selection);
    m_workspace->load(session.workspace, tr("Open session"));
    if (view(session.view))
        showView(session.view);
    if (session.comparison) {
        // B follows A's trace of this session (setTraceA), with this text, model and view.
        m_comparison->textB()->setText(session.comparison->text);
        m_comparison->setShownView(session.comparison->view);
        m_comparison->setModelB(session.comparison->model);
        if (session.comparison->shown) m_tabs->setCurrentWidget(m_comparison);
    }
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
    if (session.colorScale) {
        if (auto* action = findChild<QAction*>(QStringLiteral("colorScaleAction_") +
                                               model::enumName(widgets::kColorScaleNames, *session.colorScale)))
            action->setChecked(true);
        m_style.weightScale = *session.colorScale;
        applyStyle();
    }
}

} // namespace attnlab::app
