#pragma once

// Thumbnails of the lessons: each lesson's trace is computed on one worker thread (QtConcurrent::mapped), then
// painted here, on the GUI thread, by the lesson's own view (TraceView::paintFigure) into a QImage, at the
// figure size the view is designed for and scaled down, so that a thumbnail looks like what the lesson opens.

#include "model/teaching/lesson.h"
#include "model/trace/trace.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <map>
#include <memory>

namespace attnlab::app {

// One lesson's computed trace (or why there is none), as the worker hands it back.
struct LessonTrace {
    QString id;
    std::shared_ptr<const model::Trace> trace;
    QString error;
};

class LessonThumbnails : public QObject {
    Q_OBJECT
public:
    explicit LessonThumbnails(QSize size, QObject* parent = nullptr);
    ~LessonThumbnails() override; // cancels the worker and waits for it

    // Starts computing the trace of every lesson not painted yet; thumbnailReady follows for each (in any order).
    void start(const std::vector<model::Lesson>& lessons);
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished(); // tests

    // The painted thumbnail, or a null image while it is computed (or when the lesson failed).
    QImage thumbnail(const QString& id) const;
    // Drops a lesson's thumbnail, so that the next start paints it again (a user lesson replaced).
    void forget(const QString& id);
    QSize size() const { return m_size; }

signals:
    void thumbnailReady(const QString& id, const QImage& image);

private:
    void resultReady(int index);

    QSize m_size;
    std::vector<model::Lesson> m_lessons;
    std::vector<model::Lesson> m_pending; // the lessons being computed
    std::map<QString, QImage> m_images;
    QThreadPool m_pool; // one thread: the thumbnails wait behind each other, not in front of the window's trace
    QFutureWatcher<LessonTrace> m_watcher;
};

// lesson + its trace -> the figure its view draws (at the view's preferred size, light theme, with the
// lesson's query, layer, head and step), scaled to fit `size`.
QImage paintLessonThumbnail(const model::Lesson& lesson, std::shared_ptr<const model::Trace> trace, QSize size);

} // namespace attnlab::app
