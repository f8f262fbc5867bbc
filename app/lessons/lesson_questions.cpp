#include "app/lessons/lesson_questions.h"

#include "model/teaching/question_grading.h"
#include "widgets/drawing/visible_token.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <limits>

namespace attnlab::app {

std::vector<int> rightQuestionKeys(const model::Trace& trace, const model::TraceSelection& selection)
{
    if (trace.layers.empty()) return {};
    const model::TraceSelection s = model::clampSelection(selection, trace);
    return model::rightKeys(trace, s, s.query);
}

std::vector<std::pair<int, int>> rightQuestionHeads(const model::Trace& trace, const model::TraceSelection& selection,
                                                    int key, bool oneLayer)
{
    if (trace.layers.empty()) return {};
    const model::TraceSelection s = model::clampSelection(selection, trace);
    return model::rightHeads(trace, s, s.query, key, !oneLayer);
}

QString keyAnswerText(const model::Trace& trace, const std::vector<int>& keys)
{
    QStringList texts;
    const QStringList tokens = trace.keyTokens();
    for (int k : keys)
        texts << QStringLiteral("“%1”").arg(k < tokens.size() ? widgets::visibleToken(tokens[k]).trimmed()
                                                              : QString::number(k + 1));
    return texts.join(QStringLiteral(" / "));
}

QString headAnswerText(const std::vector<std::pair<int, int>>& heads)
{
    QStringList texts;
    for (const auto& [layer, head] : heads)
        texts << LessonQuestionBox::tr("layer %1, head %2").arg(layer + 1).arg(head + 1);
    return texts.join(QStringLiteral(" / "));
}

QString writtenAnswerText(const model::LessonQuestion& question, const QString& language)
{
    if (question.kind == model::LessonQuestion::Kind::Number) return model::writtenNumberAnswer(question);
    if (question.kind == model::LessonQuestion::Kind::Choice && question.correctOption >= 0 &&
        question.correctOption < int(question.options.size()))
        return question.options[size_t(question.correctOption)].text(language);
    return {};
}

QString questionOutcomeText(const QuestionOutcome& outcome)
{
    switch (outcome.state) {
    case QuestionOutcome::State::Right: return LessonQuestionBox::tr("Right");
    case QuestionOutcome::State::Wrong: return LessonQuestionBox::tr("Not quite: the answer is %1").arg(outcome.answer);
    case QuestionOutcome::State::Revealed: return LessonQuestionBox::tr("The answer is %1").arg(outcome.answer);
    case QuestionOutcome::State::Waiting: break;
    }
    return {};
}

LessonQuestionBox::LessonQuestionBox(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonQuestion"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("questionHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_optionLayout = new QVBoxLayout;
    layout->addLayout(m_optionLayout);
    m_optionGroup = new QButtonGroup(this);
    auto* row = new QHBoxLayout;
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("questionNumber"));
    m_number->setPlaceholderText(tr("a number, a fraction such as 3/7, or a row such as 3, 7/2"));
    m_check = new QPushButton(tr("&Check"), this);
    m_check->setObjectName(QStringLiteral("questionCheck"));
    m_check->setToolTip(tr("Check your answer (Return)"));
    m_reveal = new QPushButton(tr("Reve&al"), this);
    m_reveal->setObjectName(QStringLiteral("questionReveal"));
    m_reveal->setToolTip(tr("Show the answer without grading: for the lecturer"));
    row->addWidget(m_number, 1);
    row->addWidget(m_check);
    row->addWidget(m_reveal);
    layout->addLayout(row);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("questionMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("questionResult"));
    m_result->setWordWrap(true);
    QFont bold = m_result->font();
    bold.setBold(true);
    m_result->setFont(bold);
    m_result->hide();
    layout->addWidget(m_result);
    connect(m_check, &QPushButton::clicked, this, &LessonQuestionBox::check);
    connect(m_number, &QLineEdit::returnPressed, this, &LessonQuestionBox::check);
    connect(m_reveal, &QPushButton::clicked, this, &LessonQuestionBox::revealClicked);
}

void LessonQuestionBox::setQuestion(const model::LessonQuestion& question, const QString& language,
                                    const QuestionOutcome& outcome, bool rightToLeft)
{
    const bool kindChanged = m_question.kind != question.kind || m_question.prompt.text(language) !=
                                                                      question.prompt.text(m_language);
    m_question = question;
    m_language = language;
    setLayoutDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    const bool waiting = !outcome.settled();
    using Kind = model::LessonQuestion::Kind;
    // The options, rebuilt for each question (their texts are the lesson's, in its language).
    for (QRadioButton* button : m_options) {
        m_optionGroup->removeButton(button);
        button->deleteLater();
    }
    m_options.clear();
    if (question.kind == Kind::Choice && waiting)
        for (size_t i = 0; i < question.options.size(); ++i) {
            auto* button = new QRadioButton(question.options[i].text(language), this);
            button->setObjectName(QStringLiteral("questionOption%1").arg(i + 1));
            m_optionGroup->addButton(button, int(i));
            m_optionLayout->addWidget(button);
            m_options << button;
        }
    switch (question.kind) {
    case Kind::Key: m_hint->setText(tr("Click the key in the figure: a column of the heatmap or a token of the arcs.")); break;
    case Kind::Head: m_hint->setText(tr("Click the head in the figure.")); break;
    case Kind::Number: m_hint->setText(tr("Type your answer and press Check.")); break;
    case Kind::Choice: m_hint->setText(tr("Choose one and press Check.")); break;
    }
    m_hint->setVisible(waiting);
    m_number->setVisible(waiting && question.kind == Kind::Number);
    if (kindChanged || !waiting) m_number->clear();
    m_check->setVisible(waiting && (question.kind == Kind::Number || question.kind == Kind::Choice));
    m_reveal->setVisible(waiting);
    m_message->hide();
    m_result->setText(questionOutcomeText(outcome));
    m_result->setVisible(!waiting);
}

void LessonQuestionBox::check()
{
    using Kind = model::LessonQuestion::Kind;
    m_message->hide();
    if (m_question.kind == Kind::Number) {
        const auto typed = model::parseTypedNumbers(m_number->text());
        if (!typed) { // said here, beside what was typed: the learner corrects it and checks again
            m_message->setText(typed.error());
            m_message->show();
            return;
        }
        emit answered(model::numberAnswerIsRight(m_question, *typed), writtenAnswerText(m_question, m_language));
        return;
    }
    if (m_question.kind == Kind::Choice) {
        const int chosen = m_optionGroup->checkedId();
        if (chosen < 0) {
            m_message->setText(tr("Choose an option first."));
            m_message->show();
            return;
        }
        emit answered(chosen == m_question.correctOption, writtenAnswerText(m_question, m_language));
    }
}

} // namespace attnlab::app

#include "moc_lesson_questions.cpp"
