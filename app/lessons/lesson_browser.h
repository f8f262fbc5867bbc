#pragma once

// The lesson browser: every built-in lesson as a card (thumbnail of its view, title, one-line summary) in the
// chosen language (English, Japanese or Persian), then the user's own lessons, marked as such. Double-click or
// Open emits lessonChosen; the window opens it. Add Lesson… checks a lesson file and keeps a copy in the user
// lessons folder (a file with problems is not added: one dialog lists them); Remove deletes a user lesson's copy.
// Shown at first start and from Help ▸ Lessons….

#include "model/teaching/lesson.h"

#include <QDialog>
#include <QPointer>

#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QMessageBox;
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
    bool isUserLesson(const QString& id) const;

    // Add Lesson… after its file dialog: true when the file was added (and is selected); otherwise the problems
    // dialog is open (problemsDialog()).
    bool addLessonFile(const QString& path);
    // Remove after its confirmation: deletes the user lesson's copy and takes its card away.
    bool removeUserLessonNow(const QString& id);
    QPushButton* addButton() const { return m_add; }
    QPushButton* removeButton() const { return m_remove; }
    QMessageBox* problemsDialog() const { return m_problems; }
    QMessageBox* removeDialog() const { return m_confirmRemove; }

signals:
    void lessonChosen(const QString& id);

private:
    void loadLessons();
    void chooseLessonFile();
    void confirmRemove();
    void updateButtons();
    void fillList();
    void openCurrent();
    void thumbnailReady(const QString& id, const QImage& image);

    std::vector<model::Lesson> m_lessons;
    QString m_language = QStringLiteral("en");
    QComboBox* m_languageChoice = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPointer<QMessageBox> m_problems;
    QPointer<QMessageBox> m_confirmRemove;
    size_t m_builtInCount = 0; // m_lessons: the built-in lessons, then the user's
    LessonThumbnails* m_thumbnails = nullptr;
};

} // namespace attnlab::app
