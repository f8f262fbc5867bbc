#include "app/lessons/presenter_window.h"

#include "app/lessons/lesson_text.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QScreen>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {
// The next step's opening words: enough to know what comes, not a second paragraph to read.
constexpr int kNextStepCharacters = 140;
} // namespace

PresenterWindow::PresenterWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("presenterWindow"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("presenterPosition"));
    QFont big = m_position->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_position->setFont(big);
    top->addWidget(m_position, 1);
    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("presenterClock"));
    QFont clockFont = big;
    clockFont.setBold(false);
    m_clock->setFont(clockFont);
    top->addWidget(m_clock);
    layout->addLayout(top);

    // The notes in a large font: read at a glance from a lectern.
    m_notes = new QTextBrowser(this);
    m_notes->setObjectName(QStringLiteral("presenterNotes"));
    QFont notesFont = m_notes->font();
    notesFont.setPointSizeF(notesFont.pointSizeF() * 1.5);
    m_notes->setFont(notesFont);
    m_notes->setOpenLinks(false);
    layout->addWidget(m_notes, 1);

    m_answer = new QLabel(this);
    m_answer->setObjectName(QStringLiteral("presenterAnswer"));
    m_answer->setWordWrap(true);
    m_answer->setTextFormat(Qt::RichText);
    QFont answerFont = notesFont;
    answerFont.setBold(true);
    m_answer->setFont(answerFont);
    layout->addWidget(m_answer);

    m_next = new QLabel(this);
    m_next->setObjectName(QStringLiteral("presenterNext"));
    m_next->setWordWrap(true);
    m_next->setTextFormat(Qt::RichText);
    m_next->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_next);

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &PresenterWindow::updateClock);
    resize(720, 480);
    retranslate();
    clear();
}

void PresenterWindow::setStep(const model::Lesson& lesson, int step, const QString& language, const QString& answer)
{
    if (!m_hasLesson || lesson.id != m_lessonId) {
        m_since.start();
        m_lessonId = lesson.id;
    }
    m_hasLesson = true;
    m_tick->start();
    const int count = int(lesson.steps.size());
    const QString shown = lesson.language(language);
    const bool rightToLeft = isRightToLeftLanguage(shown);
    setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    const auto set = [rightToLeft](const QString& text) { return lessonTextHtml(text, rightToLeft); };
    const QString position = stepPosition(step + 1, count);
    m_position->setText(tr("Step %1 · %2").arg(position, lesson.title.text(shown)));
    if (step < 0 || step >= count) {
        m_notes->setHtml(QString());
        m_answer->clear();
        m_next->clear();
        return;
    }
    const model::LessonStep& current = lesson.steps[size_t(step)];
    const QString notes = current.notes.text(shown);
    m_notes->setHtml(notes.isEmpty() ? QStringLiteral("<p><i>%1</i></p>").arg(tr("No notes for this step.").toHtmlEscaped())
                                     : QStringLiteral("<p>%1</p>").arg(set(notes)));
    m_notes->document()->setDefaultTextOption(QTextOption(rightToLeft ? Qt::AlignRight : Qt::AlignLeft));
    m_answer->setVisible(current.question.has_value());
    m_answer->setText(current.question ? set(tr("Answer: %1").arg(answer)) : QString());
    if (step + 1 < count) {
        QString next = lesson.steps[size_t(step + 1)].text.text(shown).simplified();
        if (next.size() > kNextStepCharacters)
            next = next.left(kNextStepCharacters) + QStringLiteral("…");
        m_next->setText(set(tr("Next: %1").arg(next)));
    } else {
        m_next->setText(tr("Last step."));
    }
    updateClock();
}

void PresenterWindow::clear()
{
    m_hasLesson = false;
    m_lessonId.clear();
    m_tick->stop();
    m_position->setText(tr("No lesson is open"));
    m_clock->clear();
    m_notes->setHtml(QStringLiteral("<p><i>%1</i></p>")
                         .arg(tr("Open a lesson (Help ▸ Lessons…, File ▸ Open Lesson…): its presenter notes show here.").toHtmlEscaped()));
    m_answer->hide();
    m_next->clear();
}

void PresenterWindow::showAway(const QWidget* beside)
{
    const QScreen* mainScreen = beside ? beside->screen() : nullptr;
    for (QScreen* screen : QGuiApplication::screens())
        if (screen != mainScreen) {
            setScreen(screen);
            setGeometry(screen->availableGeometry());
            showMaximized();
            raise();
            return;
        }
    show();
    raise();
    activateWindow();
}

QString PresenterWindow::positionText() const
{
    return m_position->text();
}

QString PresenterWindow::notesText() const
{
    return m_notes->toPlainText();
}

QString PresenterWindow::answerText() const
{
    return m_answer->isVisibleTo(this) ? QTextDocumentFragment::fromHtml(m_answer->text()).toPlainText() : QString();
}

QString PresenterWindow::nextText() const
{
    return QTextDocumentFragment::fromHtml(m_next->text()).toPlainText();
}

void PresenterWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PresenterWindow::retranslate()
{
    setWindowTitle(tr("Presenter Notes — AttnLab"));
}

void PresenterWindow::updateClock()
{
    if (!m_hasLesson)
        return;
    const qint64 seconds = m_since.elapsed() / 1000;
    m_clock->setText(QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace attnlab::app

#include "moc_presenter_window.cpp"
