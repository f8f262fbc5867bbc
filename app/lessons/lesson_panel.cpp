#include "app/lessons/lesson_panel.h"

#include "app/lessons/lesson_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace attnlab::app {

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("lessonSteps"));
    m_text->setOpenLinks(false);
    layout->addWidget(m_text, 3);

    // Only for a lesson with "training": the learner follows its steps in the Train window.
    m_train = new QPushButton(tr("T&rain This Model…"), this);
    m_train->setObjectName(QStringLiteral("lessonTrain"));
    m_train->setToolTip(
        tr("Open the Train window (Tools ▸ Train a Model…) set to this lesson's task and model size (Alt+R)"));
    m_train->hide();
    layout->addWidget(m_train);
    connect(m_train, &QPushButton::clicked, this, [this] {
        if (m_lesson.training) emit trainRequested(m_lesson.training->task, m_lesson.training->preset);
    });

    auto* navigation = new QHBoxLayout;
    m_previous = new QPushButton(tr("◀ &Previous"), this);
    m_previous->setObjectName(QStringLiteral("previousStep"));
    m_previous->setToolTip(tr("The previous step of the lesson (Alt+P)"));
    m_next = new QPushButton(tr("&Next ▶"), this);
    m_next->setObjectName(QStringLiteral("nextStep"));
    m_next->setToolTip(tr("The next step of the lesson (Alt+N)"));
    m_position = new QLabel(this);
    m_position->setAlignment(Qt::AlignCenter);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_position, 1);
    navigation->addWidget(m_next);
    layout->addLayout(navigation);
    connect(m_previous, &QPushButton::clicked, this, [this] { setParagraph(m_paragraph - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setParagraph(m_paragraph + 1); });

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("lessonNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    m_extraLayout = new QVBoxLayout;
    m_extraLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_extraLayout, 2);
    refresh();
}

void LessonPanel::setLesson(const model::Lesson& lesson, const QString& language)
{
    m_lesson = lesson;
    m_language = language;
    m_paragraph = 0;
    setNote({});
    refresh();
}

void LessonPanel::setLanguage(const QString& language)
{
    m_language = language;
    refresh();
}

void LessonPanel::setNote(const QString& note)
{
    m_note->setText(QStringLiteral("ⓘ ") + note);
    m_note->setVisible(!note.isEmpty());
}

void LessonPanel::setParagraph(int paragraph)
{
    const int clamped = std::clamp(paragraph, 0, std::max(paragraphCount() - 1, 0));
    if (clamped == m_paragraph)
        return;
    m_paragraph = clamped;
    refresh();
    emit paragraphChanged(m_paragraph);
}

void LessonPanel::setExtra(QWidget* extra)
{
    if (m_extra) {
        // Out of the layout at once; deleted later, since it may be the sender of the call that got here.
        m_extraLayout->removeWidget(m_extra);
        m_extra->hide();
        m_extra->deleteLater();
    }
    m_extra = extra;
    if (m_extra)
        m_extraLayout->addWidget(m_extra);
}

void LessonPanel::changeEvent(QEvent* event)
{
    // Presentation mode changes the application font: the title keeps its larger size relative to it.
    if (event->type() == QEvent::FontChange)
        refresh();
    QWidget::changeEvent(event);
}

bool LessonPanel::event(QEvent* event)
{
    const bool handled = QWidget::event(event);
    // A change of theme reaches this pane as an application palette change, and the text's own palette is
    // updated only after: look once every widget has its new palette, and redraw the current paragraph's
    // highlight if the theme changed.
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_dark != (m_text->palette().color(QPalette::Base).lightnessF() < 0.5)) refresh();
            },
            Qt::QueuedConnection);
    return handled;
}

void LessonPanel::refresh()
{
    // The direction of the language the lesson is shown in (its first declared one when it lacks the interface's).
    const bool rightToLeft = isRightToLeftLanguage(m_lesson.id.isEmpty() ? m_language : m_lesson.language(m_language));
    QFont titleFont = font();
    titleFont.setPointSizeF(font().pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(m_lesson.id.isEmpty() ? tr("No lesson open: Help ▸ Lessons…")
                                            : isolateLeftToRight(m_lesson.title.text(m_language)));
    m_title->setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    m_title->setAlignment(rightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    QStringList paragraphs;
    for (const model::LessonStep& step : m_lesson.steps)
        paragraphs << step.text.text(m_language);
    m_dark = m_text->palette().color(QPalette::Base).lightnessF() < 0.5;
    m_text->setHtml(lessonStepsHtml(paragraphs, m_paragraph, rightToLeft, m_dark));
    m_text->scrollToAnchor(QStringLiteral("p%1").arg(m_paragraph));
    m_position->setText(paragraphCount() > 0 ? tr("Step %1 of %2").arg(m_paragraph + 1).arg(paragraphCount()) : QString());
    m_previous->setEnabled(m_paragraph > 0);
    m_next->setEnabled(m_paragraph + 1 < paragraphCount());
    m_train->setVisible(m_lesson.training.has_value());
    m_train->setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
}

} // namespace attnlab::app

#include "moc_lesson_panel.cpp"
