#include "app/lessons/lesson_problems.h"

#include <QFileInfo>
#include <QMessageBox>

namespace attnlab::app {

QStringList lessonProblemLines(const QString& fileName, const std::vector<model::LessonProblem>& problems)
{
    QStringList lines;
    for (const model::LessonProblem& problem : problems)
        lines << fileName + QStringLiteral(": ") + problem.text();
    return lines;
}

QMessageBox* showLessonProblems(QWidget* parent, const QString& path, const std::vector<model::LessonProblem>& problems)
{
    auto* box = new QMessageBox(QMessageBox::Warning, QObject::tr("Lesson File"),
                                QObject::tr("%1 is not a lesson AttnLab can open. What to change:").arg(QFileInfo(path).fileName()),
                                QMessageBox::Close, parent);
    box->setObjectName(QStringLiteral("lessonProblems"));
    QStringList items;
    for (const model::LessonProblem& problem : problems)
        items << QStringLiteral("<li>%1</li>").arg(problem.text().toHtmlEscaped());
    box->setInformativeText(QStringLiteral("<ul style=\"margin-left: 0\">%1</ul>").arg(items.join(QString())) +
                            QObject::tr("The lesson format is described in docs/LESSONS.md; "
                                        "<tt>attnlab lessons --validate FILE</tt> lists the same problems."));
    box->setTextFormat(Qt::PlainText);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse); // the problems can be copied into an editor
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

} // namespace attnlab::app
