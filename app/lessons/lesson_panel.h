#pragma once

// The lesson pane (a dock): the open lesson's title, its steps as numbered paragraphs with the current one
// highlighted, Previous / Next, an optional note (how the input was adapted) and the lesson's interactive
// extra below. A step with a question shows its prompt in place of its paragraph and, under the text, the controls
// that ask it (LessonQuestionBox); once answered or revealed, the outcome and then the paragraph. A lesson taken
// alone keeps a score (hidden in presentation mode). Presenter notes are never shown here. Fonts follow the application's, so presentation mode makes the text large. A lesson about training
// shows a button that asks for the Train window, set to the lesson's task and model size.

#include "app/lessons/lesson_questions.h"
#include "model/teaching/lesson.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace attnlab::app {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    // Shows the lesson from its first paragraph in the interface language ("en", "ja", "fa"), or the lesson's
    // first declared language when it is not written in that one.
    void setLesson(const model::Lesson& lesson, const QString& language);
    const model::Lesson& lesson() const { return m_lesson; }
    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    void setNote(const QString& note);

    int paragraph() const { return m_paragraph; } // 0-based
    int paragraphCount() const { return int(m_lesson.steps.size()); }
    void setParagraph(int paragraph); // clamped; emits paragraphChanged when it changes

    // The lesson's interactive part under the text (owned by the pane from here on; nullptr removes it).
    void setExtra(QWidget* extra);
    QWidget* extra() const { return m_extra; }

    // The current step's question, or nullptr; whether it still waits for its answer.
    const model::LessonQuestion* currentQuestion() const;
    bool questionWaiting() const;
    QuestionOutcome outcome(int paragraph) const;
    // Settles the current step's question: answered (right or not) or revealed (no score); answer is the right
    // answer as shown. Nothing when it is settled already.
    void answerQuestion(bool right, const QString& answer);
    void revealQuestion(const QString& answer);
    int score() const { return m_right; }    // questions answered right
    int answered() const { return m_graded; } // questions answered (not revealed)
    // Presentation mode: the score is the learner's, not the room's; hidden.
    void setPresenting(bool presenting);
    // What the pane shows for a step: the prompt while its question waits, else the outcome and the paragraph.
    QString paragraphText(int paragraph) const;

    QTextBrowser* textView() const { return m_text; }
    LessonQuestionBox* questionBox() const { return m_question; }
    QLabel* scoreLabel() const { return m_score; }
    QPushButton* previousButton() const { return m_previous; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* trainButton() const { return m_train; }

signals:
    void paragraphChanged(int paragraph);
    // The lesson's "Train this model…" button: the task ("sort", "induction", …) and preset ("tiny", "small")
    // the Train window should open with.
    void trainRequested(const QString& task, const QString& preset);
    // The current step's question was settled, or the step shown changed: the figure hides or shows its answers.
    void questionChanged();
    // Reveal on a key or head question: its answer comes from the figure's trace (the controller's).
    void revealRequested();

protected:
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void refresh();

    model::Lesson m_lesson;
    QString m_language = QStringLiteral("en");
    int m_paragraph = 0;
    bool m_dark = false; // the highlight last drawn was the dark theme's
    QLabel* m_title = nullptr;
    QLabel* m_note = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_position = nullptr;
    QPushButton* m_train = nullptr;
    QVBoxLayout* m_extraLayout = nullptr;
    LessonQuestionBox* m_question = nullptr;
    QLabel* m_score = nullptr;
    // Per step. A step once answered stays answered when the learner goes back to it: going back is to re-read
    // the explanation, which a fresh question would hide again, and each question counts once in the score.
    std::vector<QuestionOutcome> m_outcomes;
    int m_right = 0;
    int m_graded = 0;
    bool m_presenting = false;
    QWidget* m_extra = nullptr;
};

} // namespace attnlab::app
