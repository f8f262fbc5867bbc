#pragma once

// The lesson pane (a dock): the open lesson's title, its steps as numbered paragraphs with the current one
// highlighted, Previous / Next, an optional note (how the input was adapted) and the lesson's interactive
// extra below. Fonts follow the application's, so presentation mode makes the text large. A lesson about training
// shows a button that asks for the Train window, set to the lesson's task and model size.

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

    QTextBrowser* textView() const { return m_text; }
    QPushButton* previousButton() const { return m_previous; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* trainButton() const { return m_train; }

signals:
    void paragraphChanged(int paragraph);
    // The lesson's "Train this model…" button: the task ("sort", "induction", …) and preset ("tiny", "small")
    // the Train window should open with.
    void trainRequested(const QString& task, const QString& preset);

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
    QWidget* m_extra = nullptr;
};

} // namespace attnlab::app
