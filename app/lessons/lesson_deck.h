#pragma once

// A lesson as a slide deck (`attnlab export --lesson ID|FILE --deck --out lesson.pdf`): one page per step, its
// figure (vector) above its paragraph; a step that asks a question gets two pages, the question with the
// figure's answers hidden (FigureParts::answers), then the answer with them and the step's paragraph. The pages
// follow the lesson as the window shows it: each step's view, layer, head, query and stage, carried forward
// from the steps before (docs/LESSONS.md "Steps"), and the step view's stage following the paragraphs in a
// lesson about the steps of attention.

#include "model/pipeline/trace_request.h"
#include "model/teaching/lesson.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

namespace attnlab::app {

// Where the figure of one page goes and what the page is.
struct DeckPage {
    enum class Kind {
        Step,     // a step without a question: its figure and paragraph
        Question, // a step's question: the figure without its answers, the prompt (and the options)
        Answer,   // the page after a question: the figure, the right answer, the step's paragraph
    };
    int paragraph = 0; // the step, 0-based
    Kind kind = Kind::Step;
    QString view;
    int layer = 0;                     // 0-based
    int head = -1;                     // 0-based, or model::AllHeads
    QString query;                     // as the lesson writes it ("2", "it"); "" = none
    int stage = 4;                     // the step view's stage, 0-based
};

// The pages of a lesson, in order: a page per step, and a question's answer page after its question page.
std::vector<DeckPage> lessonDeckPages(const model::Lesson& lesson);

// The right answer of a question in words, as its answer page states it: "9/26", "[11, 5/2]", "“animal”" (tied
// keys "“b” / “c”"), "layer 2, head 3", an option's text. selection: the figure's; allLayers: a head question
// asked in the model view (every layer's heads), not the head view (the selected layer's).
QString deckAnswerText(const model::LessonQuestion& question, const model::Trace& trace,
                       const model::TraceSelection& selection, bool allLayers, const QString& language);

struct DeckOptions {
    QString language = QStringLiteral("en"); // the interface's: the lesson's texts in it, or its first language
    widgets::ViewStyle style;                // theme, presentation, exact values
    QSize pageSize{1280, 720};               // points at 96 DPI, as figures are (16:9, a projector's shape)
};

// Every page of the deck as one PDF, or an error naming the page that could not be drawn (an analysis the
// trace cannot have). trace: the lesson's input run (its model, its text or matrices).
model::Result<QByteArray> renderLessonDeck(const model::Lesson& lesson, const model::Trace& trace,
                                           const model::TraceRequest& request, const DeckOptions& options);

} // namespace attnlab::app
