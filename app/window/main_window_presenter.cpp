// MainWindow's side of presenter support: a lesson step's presentation settings (zoom, panels) applied to
// presentation mode, and its presenter notes for the lecturer only, in the presenter window (a second screen)
// or, with one screen while presenting, a strip over the figure that Ctrl+Alt+N shows and hides.

#include "app/window/main_window.h"

#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_deck.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_text.h"
#include "app/lessons/presenter_window.h"
#include "app/window/presentation_mode.h"

#include <QAction>
#include <QGuiApplication>
#include <QMenu>

namespace attnlab::app {

PresenterWindow* MainWindow::presenterWindow()
{
    if (!m_presenter) {
        m_presenter = new PresenterWindow(this);
        updateLessonPresentation();
    }
    return m_presenter;
}

void MainWindow::togglePresenterNotes()
{
    // One screen while presenting: the presenter window would open behind the figure, so the notes go over it.
    if (m_presentation->isActive() && QGuiApplication::screens().size() < 2) {
        m_presentation->setNotesShown(!m_presentation->notesShown());
        return;
    }
    PresenterWindow* window = presenterWindow();
    if (window->isVisible())
        window->close();
    else
        window->showAway(this);
}

void MainWindow::createPresenterActions(QMenu* view)
{
    QAction* notes = view->addAction(tr("Presenter &Notes"));
    notes->setObjectName(QStringLiteral("presenterNotesAction"));
    notes->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N));
    notes->setToolTip(tr("The lesson's presenter notes, for your eyes only: a window on the other screen, or while "
                         "presenting on one screen a strip over the figure (Ctrl+Alt+N shows and hides it)"));
    connect(notes, &QAction::triggered, this, &MainWindow::togglePresenterNotes);
    connect(m_lessons, &LessonController::captionChanged, this, &MainWindow::updateLessonPresentation);
}

void MainWindow::updateLessonPresentation()
{
    const bool open = m_lessons && m_lessons->isOpen() && m_lessons->panel()->paragraphCount() > 0;
    const double zoom = m_style.presentationZoom;
    if (!open) {
        m_style.presentationZoom = 1.0;
        m_presentation->setLessonPanels(std::nullopt);
        m_presentation->setNotes(QString());
        if (m_presenter) m_presenter->clear();
    } else {
        const model::Lesson& lesson = m_lessons->panel()->lesson();
        const int step = m_lessons->panel()->paragraph();
        const QString language = m_lessons->panel()->language();
        const model::LessonPresentation presentation = model::presentationAt(lesson, step);
        m_style.presentationZoom = presentation.zoom.value_or(1.0);
        m_presentation->setLessonPanels(presentation.panels);
        const model::LessonStep& current = lesson.steps[size_t(step)];
        const QString shown = lesson.language(language);
        const bool rightToLeft = isRightToLeftLanguage(shown);
        const QString notes = current.notes.text(shown);
        m_presentation->setNotes(notes.isEmpty() ? QString()
                                                 : QStringLiteral("<p dir=\"%1\">%2</p>")
                                                       .arg(rightToLeft ? QStringLiteral("rtl") : QStringLiteral("ltr"),
                                                            lessonTextHtml(notes, rightToLeft)));
        if (m_presenter) {
            // Key and head questions are answered from the figure shown: the current trace and selection.
            QString answer;
            if (current.question && m_trace)
                answer = deckAnswerText(*current.question, *m_trace, m_selection,
                                        currentViewName() == QLatin1String("model"), shown);
            m_presenter->setStep(lesson, step, language, answer);
        }
    }
    if (m_style.presentationZoom != zoom)
        applyStyle();
}

} // namespace attnlab::app
