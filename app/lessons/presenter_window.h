#pragma once

// The presenter window (View ▸ Presenter Notes): what only the lecturer sees while the room sees the figure. The
// open lesson's step ("3 / 7"), its presenter notes, the answer of its question, the first words of the next
// step, and the time since the lesson opened. With a second screen it opens there, away from the main window.
// It only shows what it is given (MainWindow gives it the lesson, the step and the answer in words).

#include "model/teaching/lesson.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTextBrowser;
class QTimer;

namespace attnlab::app {

class PresenterWindow : public QWidget {
    Q_OBJECT
public:
    explicit PresenterWindow(QWidget* parent = nullptr);

    // The lesson's step (0-based) in language; answer: its question's right answer in words ("" without a
    // question). The clock restarts when another lesson is given.
    void setStep(const model::Lesson& lesson, int step, const QString& language, const QString& answer);
    // No lesson open: says so, and the clock stops.
    void clear();

    // Opens on the screen other than `beside`'s when there is one (maximised there), else beside it.
    void showAway(const QWidget* beside);

    // The texts shown, for tests: the position line, the notes as plain text, the answer line, the next step.
    QString positionText() const;
    QString notesText() const;
    QString answerText() const;
    QString nextText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateClock();

    QLabel* m_position = nullptr;
    QLabel* m_clock = nullptr;
    QTextBrowser* m_notes = nullptr;
    QLabel* m_answer = nullptr;
    QLabel* m_next = nullptr;
    QTimer* m_tick = nullptr;
    QElapsedTimer m_since;
    QString m_lessonId;
    bool m_hasLesson = false;
};

} // namespace attnlab::app
