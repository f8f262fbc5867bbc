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

    m_question = new LessonQuestionBox(this);
    m_question->hide();
    layout->addWidget(m_question);
    connect(m_question, &LessonQuestionBox::answered, this, &LessonPanel::answerQuestion);
    connect(m_question, &LessonQuestionBox::revealClicked, this, [this] {
        const model::LessonQuestion* question = currentQuestion();
        if (!question) return;
        const bool fromFigure = question->kind == model::LessonQuestion::Kind::Key ||
                                question->kind == model::LessonQuestion::Kind::Head;
        if (fromFigure)
            emit revealRequested();
        else
            revealQuestion(writtenAnswerText(*question, m_lesson.language(m_language)));
    });
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("lessonScore"));
    m_score->hide();
    layout->addWidget(m_score);

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
    m_outcomes.assign(lesson.steps.size(), QuestionOutcome());
    m_right = m_graded = 0;
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
    emit questionChanged();
}

const model::LessonQuestion* LessonPanel::currentQuestion() const
{
    if (m_paragraph < 0 || m_paragraph >= paragraphCount()) return nullptr;
    const auto& question = m_lesson.steps[size_t(m_paragraph)].question;
    return question ? &*question : nullptr;
}

bool LessonPanel::questionWaiting() const
{
    return currentQuestion() && !outcome(m_paragraph).settled();
}

QuestionOutcome LessonPanel::outcome(int paragraph) const
{
    return paragraph >= 0 && size_t(paragraph) < m_outcomes.size() ? m_outcomes[size_t(paragraph)] : QuestionOutcome();
}

void LessonPanel::answerQuestion(bool right, const QString& answer)
{
    if (!questionWaiting() || size_t(m_paragraph) >= m_outcomes.size()) return;
    m_outcomes[size_t(m_paragraph)] = {right ? QuestionOutcome::State::Right : QuestionOutcome::State::Wrong, answer};
    ++m_graded;
    if (right) ++m_right;
    refresh();
    emit questionChanged();
}

void LessonPanel::revealQuestion(const QString& answer)
{
    if (!questionWaiting() || size_t(m_paragraph) >= m_outcomes.size()) return;
    m_outcomes[size_t(m_paragraph)] = {QuestionOutcome::State::Revealed, answer};
    refresh();
    emit questionChanged();
}

void LessonPanel::setPresenting(bool presenting)
{
    m_presenting = presenting;
    refresh();
}

QString LessonPanel::paragraphText(int paragraph) const
{
    if (paragraph < 0 || paragraph >= paragraphCount()) return {};
    const model::LessonStep& step = m_lesson.steps[size_t(paragraph)];
    if (!step.question) return step.text.text(m_language);
    const QuestionOutcome o = outcome(paragraph);
    if (!o.settled()) return step.question->prompt.text(m_language);
    const QString text = step.text.text(m_language);
    const QString mark = o.state == QuestionOutcome::State::Right   ? QStringLiteral("✓ ")
                         : o.state == QuestionOutcome::State::Wrong ? QStringLiteral("✗ ")
                                                                    : QString();
    return text.isEmpty() ? mark + questionOutcomeText(o) : mark + questionOutcomeText(o) + QStringLiteral(". ") + text;
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
    if (m_extra) {
        m_extraLayout->addWidget(m_extra);
        m_extra->setVisible(!questionWaiting());
    }
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
    for (int i = 0; i < paragraphCount(); ++i)
        paragraphs << paragraphText(i); // a waiting question's prompt, never the paragraph that answers it
    m_dark = m_text->palette().color(QPalette::Base).lightnessF() < 0.5;
    m_text->setHtml(lessonStepsHtml(paragraphs, m_paragraph, rightToLeft, m_dark));
    m_text->scrollToAnchor(QStringLiteral("p%1").arg(m_paragraph));
    m_position->setText(paragraphCount() > 0 ? tr("Step %1 of %2").arg(m_paragraph + 1).arg(paragraphCount()) : QString());
    m_previous->setEnabled(m_paragraph > 0);
    m_next->setEnabled(m_paragraph + 1 < paragraphCount());
    m_train->setVisible(m_lesson.training.has_value());
    if (const model::LessonQuestion* question = currentQuestion()) {
        m_question->setQuestion(*question, m_lesson.language(m_language), outcome(m_paragraph), rightToLeft);
        m_question->show();
    } else {
        m_question->hide();
    }
    // The lesson's extra may print the answer (the exam's table of 9/26 …): away while the question waits.
    if (m_extra) m_extra->setVisible(!questionWaiting());
    m_score->setText(tr("Score: %1 of %2").arg(m_right).arg(m_graded));
    m_score->setVisible(m_graded > 0 && !m_presenting);
    m_score->setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    m_score->setAlignment(rightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    m_train->setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
}

} // namespace attnlab::app

#include "moc_lesson_panel.cpp"
