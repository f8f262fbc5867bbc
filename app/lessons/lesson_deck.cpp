#include "app/lessons/lesson_deck.h"

#include "app/lessons/lesson_questions.h"
#include "app/lessons/lesson_text.h"
#include "app/lessons/lesson_workspace.h"
#include "model/analysis/trace_analyses.h"
#include "model/pipeline/trace_request.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <map>
#include <memory>

namespace attnlab::app {

namespace {

// The deck's own words ("Question", "Answer: …"), translated with the window's.
struct LessonDeckText {
    Q_DECLARE_TR_FUNCTIONS(LessonDeck)
};

// Page layout, as fractions of the page's width (the margin) and height (the header, the text's largest share).
constexpr double kDeckMargin = 0.03;
constexpr double kDeckHeaderHeight = 0.07;
constexpr double kDeckTextMaxShare = 0.38;
// The paragraph's font: the largest from kDeckTextPoints down to kDeckTextMinPoints that fits its share.
constexpr double kDeckTextPoints = 15.0;
constexpr double kDeckTextMinPoints = 9.0;

// The text under the figure, as HTML: the paragraph; or the question's prompt (and its options); or the answer
// and the paragraph that explains it.
QString pageTextHtml(const model::Lesson& lesson, const DeckPage& page, const model::Trace& trace,
                     const model::TraceSelection& selection, const QString& language, bool rightToLeft)
{
    const model::LessonStep& step = lesson.steps[size_t(page.paragraph)];
    const auto set = [rightToLeft](const QString& text) { return lessonTextHtml(text, rightToLeft); };
    QString body;
    if (page.kind == DeckPage::Kind::Step) {
        body = QStringLiteral("<p>%1</p>").arg(set(step.text.text(language)));
    } else if (page.kind == DeckPage::Kind::Question) {
        body = QStringLiteral("<p><b>%1</b></p>").arg(set(step.question->prompt.text(language)));
        if (!step.question->options.empty()) {
            body += QStringLiteral("<ol>");
            for (const model::LocalizedText& option : step.question->options)
                body += QStringLiteral("<li>%1</li>").arg(set(option.text(language)));
            body += QStringLiteral("</ol>");
        }
    } else {
        const QString answer = deckAnswerText(*step.question, trace, selection, page.view == QLatin1String("model"), language);
        body = QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                   .arg(set(LessonDeckText::tr("Answer: %1").arg(answer)), set(step.text.text(language)));
    }
    return QStringLiteral("<div dir=\"%1\" align=\"%2\">%3</div>")
        .arg(rightToLeft ? QStringLiteral("rtl") : QStringLiteral("ltr"), rightToLeft ? QStringLiteral("right") : QStringLiteral("left"),
             body);
}

// "3 / 7", or "3 / 7 · Question", "3 / 7 · Answer": where the page is in the lesson.
QString pagePosition(const DeckPage& page, int steps)
{
    const QString position = stepPosition(page.paragraph + 1, steps);
    if (page.kind == DeckPage::Kind::Question)
        return position + QStringLiteral(" · ") + LessonDeckText::tr("Question");
    if (page.kind == DeckPage::Kind::Answer)
        return position + QStringLiteral(" · ") + LessonDeckText::tr("Answer");
    return position;
}

// One page: the header (title, position), the figure, the text under it. size: the page in points at 96 DPI.
void paintDeckPage(QPainter& painter, const QSizeF& size, const model::Lesson& lesson, const DeckPage& page,
                   const widgets::TraceView& view, const QString& textHtml, const DeckOptions& options, bool rightToLeft)
{
    const widgets::ViewStyle& style = options.style;
    painter.fillRect(QRectF(QPointF(0, 0), size), style.background());
    const double margin = kDeckMargin * size.width();
    const double headerHeight = kDeckHeaderHeight * size.height();
    const QRectF header(margin, margin * 0.5, size.width() - 2 * margin, headerHeight);
    painter.setPen(style.foreground());
    QFont titleFont = style.font(14, true);
    painter.setFont(titleFont);
    const QString position = pagePosition(page, int(lesson.steps.size()));
    const double positionWidth = QFontMetricsF(titleFont).horizontalAdvance(position) + margin;
    // Absolute sides: a right-to-left QTextOption would otherwise mirror them a second time.
    const Qt::Alignment titleSide = Qt::AlignAbsolute | (rightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    const Qt::Alignment positionSide = Qt::AlignAbsolute | (rightToLeft ? Qt::AlignLeft : Qt::AlignRight);
    QTextOption direction;
    direction.setTextDirection(rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    const QString title = QFontMetricsF(titleFont).elidedText(lesson.title.text(options.language), Qt::ElideRight,
                                                              header.width() - positionWidth);
    direction.setAlignment(titleSide | Qt::AlignVCenter);
    painter.drawText(header, title, direction);
    painter.setPen(page.kind == DeckPage::Kind::Step ? style.muted() : style.accent());
    direction.setAlignment(positionSide | Qt::AlignVCenter);
    painter.drawText(header, position, direction);

    // The text first: the largest font that keeps it within its share; the figure takes the rest.
    QTextDocument document;
    document.setDocumentMargin(0);
    document.setTextWidth(size.width() - 2 * margin);
    document.setDefaultStyleSheet(QStringLiteral("body, p, li { color: %1; }").arg(style.foreground().name()));
    for (double points = kDeckTextPoints; points >= kDeckTextMinPoints - 1e-9; points -= 0.5) {
        document.setDefaultFont(style.font(points));
        document.setHtml(textHtml);
        if (document.size().height() <= kDeckTextMaxShare * size.height())
            break;
    }
    const double textHeight = document.size().height();
    const double figureTop = header.bottom() + margin * 0.5;
    const QRectF figure(margin, figureTop, size.width() - 2 * margin,
                        std::max(1.0, size.height() - figureTop - textHeight - 1.5 * margin));
    painter.save();
    painter.translate(figure.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), figure.size()));
    widgets::FigureParts parts;
    parts.hints = false;
    parts.answers = page.kind != DeckPage::Kind::Question;
    view.paintFigureWith(painter, figure.size(), parts);
    painter.restore();
    painter.save();
    painter.translate(margin, figure.bottom() + margin * 0.5);
    document.drawContents(&painter);
    painter.restore();
}

} // namespace

QString deckAnswerText(const model::LessonQuestion& question, const model::Trace& trace,
                       const model::TraceSelection& selection, bool allLayers, const QString& language)
{
    // The words the lesson pane uses for the same answer (lesson_questions.h).
    using Kind = model::LessonQuestion::Kind;
    if (question.kind == Kind::Key)
        return keyAnswerText(trace, rightQuestionKeys(trace, selection));
    if (question.kind == Kind::Head)
        return headAnswerText(rightQuestionHeads(trace, selection, resolveQuery(question.key, trace.keyTokens()), !allLayers));
    return writtenAnswerText(question, language);
}

std::vector<DeckPage> lessonDeckPages(const model::Lesson& lesson)
{
    DeckPage carried;
    carried.view = lesson.view;
    // A fresh window shows layer 1 with every head; a lesson's layer without a head selects head 1, and the
    // other way round (docs/LESSONS.md).
    if (lesson.layer || lesson.head) {
        carried.layer = lesson.layer.value_or(1) - 1;
        carried.head = lesson.head.value_or(1) - 1;
    } else {
        carried.head = model::AllHeads;
    }
    carried.query = lesson.query;
    carried.stage = lesson.step.value_or(5) - 1;
    std::vector<DeckPage> pages;
    for (size_t i = 0; i < lesson.steps.size(); ++i) {
        const model::LessonStep& step = lesson.steps[i];
        if (!step.view.isEmpty()) carried.view = step.view;
        if (step.layer) carried.layer = *step.layer - 1;
        if (step.head) carried.head = *step.head - 1;
        if (!step.query.isEmpty()) carried.query = step.query;
        if (step.step)
            carried.stage = *step.step - 1;
        else if (isStepsLesson(lesson) && (step.view.isEmpty() || step.view == QLatin1String("steps")))
            carried.stage = stageForParagraph(lesson, int(i));
        DeckPage page = carried;
        page.paragraph = int(i);
        page.kind = step.question ? DeckPage::Kind::Question : DeckPage::Kind::Step;
        pages.push_back(page);
        if (step.question) {
            page.kind = DeckPage::Kind::Answer;
            pages.push_back(page);
        }
    }
    return pages;
}

model::Result<QByteArray> renderLessonDeck(const model::Lesson& lesson, const model::Trace& trace,
                                           const model::TraceRequest& request, const DeckOptions& options)
{
    using R = model::Result<QByteArray>;
    const std::vector<DeckPage> pages = lessonDeckPages(lesson);
    if (pages.empty())
        return R::failure(QStringLiteral("lesson %1 has no steps: a deck has a page per step").arg(lesson.id));
    const QString language = lesson.language(options.language);
    const bool rightToLeft = isRightToLeftLanguage(language);
    const auto base = std::make_shared<const model::Trace>(trace);
    // The traces with the analyses a view needs besides the forward pass (rollout, lens, …), made once each.
    std::vector<std::pair<model::AnalysisRequest, std::shared_ptr<const model::Trace>>> analysed;
    std::map<QString, std::unique_ptr<widgets::TraceView>> views;

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(lesson.title.text(language));
        writer.setCreator(QStringLiteral("AttnLab"));
        writer.setResolution(96);
        const QSizeF size(options.pageSize);
        writer.setPageSize(QPageSize(size * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&writer);
        painter.setRenderHint(QPainter::Antialiasing);
        for (size_t i = 0; i < pages.size(); ++i) {
            const DeckPage& page = pages[i];
            auto& view = views[page.view];
            if (!view) view = widgets::createView(page.view);
            if (!view) return R::failure(QStringLiteral("page %1: unknown view \"%2\"").arg(i + 1).arg(page.view));
            model::TraceSelection selection;
            selection.layer = page.layer;
            selection.head = page.head;
            selection.query = page.query.isEmpty() ? -1 : resolveQuery(page.query, trace.tokens);
            view->setStyle(options.style);
            view->setTrace(base);
            view->setSelection(selection);
            const model::AnalysisRequest needed = view->analysesNeeded();
            if (needed != model::AnalysisRequest{}) {
                auto found = std::find_if(analysed.begin(), analysed.end(), [&](const auto& a) { return a.first == needed; });
                if (found == analysed.end()) {
                    model::Trace withAnalyses = trace;
                    model::TraceRequest more = request;
                    more.analyses = needed;
                    if (const auto added = model::addAnalyses(more, withAnalyses); !added)
                        return R::failure(QStringLiteral("page %1: %2").arg(i + 1).arg(added.error()));
                    analysed.emplace_back(needed, std::make_shared<const model::Trace>(std::move(withAnalyses)));
                    found = analysed.end() - 1;
                }
                view->setTrace(found->second);
                if (const QString missing = model::missingAnalysisError(needed, *found->second); !missing.isEmpty())
                    return R::failure(QStringLiteral("page %1 (%2 view): %3").arg(i + 1).arg(page.view, missing));
            }
            if (auto* steps = dynamic_cast<widgets::StepView*>(view.get())) steps->setStep(page.stage);
            if (i > 0 && !writer.newPage())
                return R::failure(QStringLiteral("page %1 could not be started").arg(i + 1));
            const QString text = pageTextHtml(lesson, page, *view->trace(), view->selection(), language, rightToLeft);
            paintDeckPage(painter, size, lesson, page, *view, text, options, rightToLeft);
        }
    }
    return buffer.data();
}

} // namespace attnlab::app
