#pragma once

// A lesson step's question in the lesson pane (docs/LESSONS.md "Questions"): how it stands (waiting, answered
// right or not, revealed), its right answers for key and head questions read from the trace a view shows (graded
// by model/teaching/question_grading.h), and the controls under the text that ask it: a line edit for a number,
// radio buttons for a choice, a line that says where to click for a key or a head, Check and Reveal.

#include "model/teaching/lesson.h"
#include "model/trace/trace_selection.h"

#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace attnlab::app {

// How one step's question stands.
struct QuestionOutcome {
    enum class State { Waiting, Right, Wrong, Revealed };
    State state = State::Waiting;
    QString answer; // the right answer as shown ("9/26", "“animal”", "layer 2, head 3"); empty while waiting
    bool settled() const { return state != State::Waiting; }
};

// The keys a key question calls right: the largest weights of the selection's query row in the selected head,
// or in the mean over the layer's visible heads when the selection shows every head (0-based, ascending; ties
// within model::kAnswerTieTolerance all right). Empty without a query.
std::vector<int> rightQuestionKeys(const model::Trace& trace, const model::TraceSelection& selection);

// The heads a head question calls right: those with the largest weight from the selection's query to key among
// the heads shown, {layer, head} 0-based. oneLayer: the heads the head view draws of the selected layer
// (model::drawnHeads); else every head of every layer (the head grids). Empty without a query or the key.
std::vector<std::pair<int, int>> rightQuestionHeads(const model::Trace& trace, const model::TraceSelection& selection,
                                                    int key, bool oneLayer);

// The right answer as the pane says it: keys as their tokens in quotes ("“animal”", ties joined with " / "),
// heads as "layer 2, head 3" (1-based).
QString keyAnswerText(const model::Trace& trace, const std::vector<int>& keys);
QString headAnswerText(const std::vector<std::pair<int, int>>& heads);
// A number question's answer as the lesson writes it; a choice's right option in language.
QString writtenAnswerText(const model::LessonQuestion& question, const QString& language);

// What the pane says once a question is settled: "Right", "Not quite: the answer is 9/26", "The answer is 9/26".
QString questionOutcomeText(const QuestionOutcome& outcome);

// The controls that ask the current step's question, under the lesson's text. Number and choice questions are
// graded here (answered); key and head questions are answered by a click on the figure, which the controller
// grades. Reveal shows the answer without grading (revealClicked).
class LessonQuestionBox : public QWidget {
    Q_OBJECT
public:
    explicit LessonQuestionBox(QWidget* parent = nullptr);

    // Shows question's controls in language, or only its outcome once settled.
    void setQuestion(const model::LessonQuestion& question, const QString& language, const QuestionOutcome& outcome,
                     bool rightToLeft);

    QLineEdit* numberEdit() const { return m_number; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* revealButton() const { return m_reveal; }
    QLabel* hintLabel() const { return m_hint; }
    QLabel* messageLabel() const { return m_message; } // a typed value that does not parse: why
    QLabel* resultLabel() const { return m_result; }
    QList<QRadioButton*> optionButtons() const { return m_options; }

signals:
    // A number or choice question graded: right or not, and the right answer as shown.
    void answered(bool right, const QString& answer);
    void revealClicked();

private:
    void check();

    model::LessonQuestion m_question;
    QString m_language;
    QLabel* m_hint = nullptr;
    QLineEdit* m_number = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_reveal = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_result = nullptr;
    QVBoxLayout* m_optionLayout = nullptr;
    QButtonGroup* m_optionGroup = nullptr;
    QList<QRadioButton*> m_options;
};

} // namespace attnlab::app
