#include "app/lessons/lesson_thumbnails.h"

#include "app/lessons/lesson_workspace.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"
#include "app/workspace/workspace_request.h"

#include <QPainter>
#include <QtConcurrent>

namespace attnlab::app {

namespace {

// Runs on the worker: the lesson as it opens in a fresh window -> its trace.
LessonTrace computeLessonTrace(const model::Lesson& lesson)
{
    LessonTrace out{lesson.id, nullptr, {}};
    const auto workspace = openedLessonWorkspace(lesson, WorkspaceState{});
    if (!workspace) {
        out.error = workspace.error();
        return out;
    }
    const BuiltRequest built = buildRequest(workspace->state);
    if (!built.request) {
        out.error = built.error;
        return out;
    }
    auto trace = model::computeTrace(*built.request);
    if (!trace)
        out.error = trace.error();
    else
        out.trace = std::make_shared<const model::Trace>(std::move(trace).value());
    return out;
}

} // namespace

QImage paintLessonThumbnail(const model::Lesson& lesson, std::shared_ptr<const model::Trace> trace, QSize size)
{
    std::unique_ptr<widgets::TraceView> view = widgets::createView(lesson.view);
    if (!view || !trace)
        return {};
    model::TraceSelection selection;
    if (!lesson.query.isEmpty())
        selection.query = resolveQuery(lesson.query, trace->tokens);
    selection.layer = lesson.layer.value_or(1) - 1;
    selection.head = lesson.head.value_or(1) - 1;
    selection = model::clampSelection(selection, *trace);
    widgets::ViewStyle style;
    style.exact = lesson.exact || trace->exact;
    view->setStyle(style);
    view->setTrace(trace);
    view->setSelection(selection);
    if (auto* steps = qobject_cast<widgets::StepView*>(view.get()))
        steps->setStep(lesson.step.value_or(5) - 1);

    const QSize figureSize = view->preferredFigureSize();
    QImage figure(figureSize, QImage::Format_ARGB32_Premultiplied);
    figure.fill(style.background());
    {
        QPainter painter(&figure);
        painter.setRenderHint(QPainter::Antialiasing);
        view->paintFigureWith(painter, QSizeF(figureSize), widgets::FigureParts{true, false}); // a picture: no hints
    }
    // Letterboxed into the thumbnail's size, so that every thumbnail in the grid has the same frame.
    QImage thumbnail(size, QImage::Format_ARGB32_Premultiplied);
    thumbnail.fill(style.background());
    const QImage scaled = figure.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&thumbnail);
    painter.drawImage((size.width() - scaled.width()) / 2, (size.height() - scaled.height()) / 2, scaled);
    return thumbnail;
}

LessonThumbnails::LessonThumbnails(QSize size, QObject* parent) : QObject(parent), m_size(size)
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<LessonTrace>::resultReadyAt, this, &LessonThumbnails::resultReady);
}

LessonThumbnails::~LessonThumbnails()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void LessonThumbnails::start(const std::vector<model::Lesson>& lessons)
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
    m_lessons = lessons;
    // Only what has no thumbnail yet: a browser that gains a lesson repaints one card, not all of them.
    m_pending.clear();
    for (const model::Lesson& lesson : m_lessons)
        if (m_images.find(lesson.id) == m_images.end())
            m_pending.push_back(lesson);
    m_watcher.setFuture(QtConcurrent::mapped(&m_pool, m_pending, computeLessonTrace));
}

void LessonThumbnails::waitForFinished()
{
    // resultReadyAt arrives through the event loop: process events until every result has been painted.
    m_watcher.waitForFinished();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

void LessonThumbnails::forget(const QString& id)
{
    m_images.erase(id);
}

QImage LessonThumbnails::thumbnail(const QString& id) const
{
    const auto found = m_images.find(id);
    return found == m_images.end() ? QImage() : found->second;
}

void LessonThumbnails::resultReady(int index)
{
    const LessonTrace result = m_watcher.resultAt(index);
    const auto lesson = std::find_if(m_lessons.begin(), m_lessons.end(),
                                     [&](const model::Lesson& l) { return l.id == result.id; });
    if (lesson == m_lessons.end() || !result.trace)
        return; // the browser keeps the placeholder: the lesson still opens and says what is wrong
    const QImage image = paintLessonThumbnail(*lesson, result.trace, m_size);
    m_images[result.id] = image;
    emit thumbnailReady(result.id, image);
}

} // namespace attnlab::app

#include "moc_lesson_thumbnails.cpp"
