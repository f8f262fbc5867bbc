#pragma once

// The lesson browser: every built-in lesson as a card (thumbnail of its view, title, one-line summary) in the
// chosen language (English, Japanese or Persian). Double-click or Open emits lessonChosen; the window opens it.
// Shown at first start and from Help ▸ Lessons….

#include "model/teaching/lesson.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace attnlab::app {

class LessonThumbnails;

class LessonBrowser : public QDialog {
    Q_OBJECT
public:
    // Reads the catalogue and starts painting thumbnails (on a worker; placeholders until they arrive).
    explicit LessonBrowser(QWidget* parent = nullptr);

    QString language() const { return m_language; }
    void setLanguage(const QString& language); // "en", "ja" or "fa"; others fall back to English
    const std::vector<model::Lesson>& lessons() const { return m_lessons; }
    QListWidget* list() const { return m_list; }
    LessonThumbnails* thumbnails() const { return m_thumbnails; }
    QString currentLessonId() const;
    void selectLesson(const QString& id);

signals:
    void lessonChosen(const QString& id);

private:
    void fillList();
    void openCurrent();
    void thumbnailReady(const QString& id, const QImage& image);

    std::vector<model::Lesson> m_lessons;
    QString m_language = QStringLiteral("en");
    QComboBox* m_languageChoice = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_open = nullptr;
    LessonThumbnails* m_thumbnails = nullptr;
};

} // namespace attnlab::app
