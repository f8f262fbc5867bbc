// Tests app/lessons/lesson_deck.cpp: the pages of a deck (a page per step, a question's answer after it, each
// step's view, layer, head, query and stage carried forward as the window does), the answers stated on the
// answer pages against weights written by hand, and the PDF: one page per page of the plan, every page the
// deck's size.

#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_deck.h"
#include "model/exact/matrix_problem.h"
#include "model/pipeline/trace_request.h"
#include "test_registry.h"

#include <QRegularExpression>
#include <QTest>

namespace tst_lesson_deck {

using namespace attnlab;
using app::DeckPage;
using Kind = DeckPage::Kind;

namespace {

model::Lesson parsed(const QByteArray& json)
{
    auto lesson = model::parseLesson(json, QStringLiteral("t.json"));
    if (!lesson) qFatal("%s", qPrintable(lesson.error()));
    return std::move(lesson).value();
}

// The pages of a PDF as Qt writes them: one "/Type /Page" object each (the page tree is "/Type /Pages").
int pdfPageCount(const QByteArray& pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    int count = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++count;
    return count;
}

// Q, K for three tokens a, b, c with d_k = 2 (scaled by 1/√2). Query a: q = (1, 0) scores k·q = (2, 0, 1): "a".
// Query b: q = (0, 1) scores (0, 1, 1): "b" and "c" tie.
const char* const kKeyLesson = R"({"format": "attnlab-lesson", "version": 2, "id": "keys", "title": {"en": "Keys"},
  "view": "heatmap", "query": 1,
  "input": {"matrices": {"Q": [[1, 0], [0, 1], [1, 1]], "K": [[2, 0], [0, 1], [1, 1]], "V": [[1, 0], [0, 1], [1, 1]],
                         "tokens": ["a", "b", "c"]}},
  "steps": [{"text": {"en": "a looks at itself"}, "question": {"kind": "key", "prompt": {"en": "Which key?"}}},
            {"text": {"en": "b is torn"}, "query": "b", "question": {"kind": "key", "prompt": {"en": "And b?"}}},
            {"text": {"en": "pick"}, "question": {"kind": "choice", "prompt": {"en": "Which?"},
                                                 "options": [{"en": "first"}, {"en": "second"}], "answer": 2}},
            {"text": {"en": "y"}, "question": {"kind": "number", "prompt": {"en": "y?"}, "answer": [11, "5/2"]}}]})";

} // namespace

class TestLessonDeck : public QObject {
    Q_OBJECT
private slots:
    void examPages()
    {
        const auto lesson = app::lessonFromArgument(QStringLiteral("exam-softmax"));
        QVERIFY(lesson);
        const std::vector<DeckPage> pages = app::lessonDeckPages(*lesson);
        // Five steps, two of them questions: seven pages.
        QCOMPARE(pages.size(), size_t(7));
        const std::vector<Kind> kinds{Kind::Step, Kind::Step, Kind::Question, Kind::Answer, Kind::Question, Kind::Answer, Kind::Step};
        const std::vector<int> paragraphs{0, 1, 2, 2, 3, 3, 4};
        // Without a mask the paragraphs walk the stages QKᵀ, scale, softmax, ×V (the mask stage skipped).
        const std::vector<int> stages{0, 1, 3, 3, 4, 4, 4};
        for (size_t i = 0; i < pages.size(); ++i) {
            QCOMPARE(pages[i].kind, kinds[i]);
            QCOMPARE(pages[i].paragraph, paragraphs[i]);
            QCOMPARE(pages[i].stage, stages[i]);
            QCOMPARE(pages[i].view, QStringLiteral("steps"));
            QCOMPARE(pages[i].query, QStringLiteral("2"));
        }
    }

    void selectionCarriedForward()
    {
        const model::Lesson lesson = parsed(R"({"format": "attnlab-lesson", "version": 1, "id": "c", "title": {"en": "C"},
            "view": "arcs", "input": {"text": "The cat sat on the mat"}, "query": "sat", "step": 2,
            "steps": [{"en": "one"}, {"text": {"en": "two"}, "view": "heads", "layer": 2},
                      {"text": {"en": "three"}, "head": 3, "query": "mat"}, {"text": {"en": "four"}, "view": "heatmap"}]})");
        const std::vector<DeckPage> pages = app::lessonDeckPages(lesson);
        QCOMPARE(pages.size(), size_t(4));
        // A fresh window: layer 1 with every head; each step's own fields stay for the steps after it.
        QCOMPARE(pages[0].view, QStringLiteral("arcs"));
        QCOMPARE(pages[0].layer, 0);
        QCOMPARE(pages[0].head, int(model::AllHeads));
        QCOMPARE(pages[0].query, QStringLiteral("sat"));
        QCOMPARE(pages[0].stage, 1);
        QCOMPARE(pages[1].view, QStringLiteral("heads"));
        QCOMPARE(pages[1].layer, 1);
        QCOMPARE(pages[2].view, QStringLiteral("heads"));
        QCOMPARE(pages[2].layer, 1);
        QCOMPARE(pages[2].head, 2);
        QCOMPARE(pages[2].query, QStringLiteral("mat"));
        QCOMPARE(pages[3].view, QStringLiteral("heatmap"));
        QCOMPARE(pages[3].head, 2);
        QCOMPARE(pages[3].query, QStringLiteral("mat"));
        for (const DeckPage& page : pages)
            QCOMPARE(page.kind, Kind::Step);
    }

    void answersStated()
    {
        const model::Lesson lesson = parsed(kKeyLesson);
        const auto trace = model::runMatrixProblem(*lesson.problem);
        QVERIFY(trace);
        model::TraceSelection selection;
        selection.query = 0;
        QCOMPARE(app::deckAnswerText(*lesson.steps[0].question, *trace, selection, false, QStringLiteral("en")), QStringLiteral("“a”"));
        selection.query = 1;
        QCOMPARE(app::deckAnswerText(*lesson.steps[1].question, *trace, selection, false, QStringLiteral("en")),
                 QStringLiteral("“b” / “c”"));
        QCOMPARE(app::deckAnswerText(*lesson.steps[2].question, *trace, selection, false, QStringLiteral("en")), QStringLiteral("second"));
        QCOMPARE(app::deckAnswerText(*lesson.steps[3].question, *trace, selection, false, QStringLiteral("en")), QStringLiteral("[11, 5/2]"));

        // A head question on weights written by hand: from "b" to "a", layer 1's heads give 0.2 and 0.9.
        model::Trace byHand;
        byHand.tokens = QStringList{"a", "b"};
        byHand.layers.resize(2);
        for (const auto& [layer, w0, w1] : {std::tuple{0, 0.2, 0.9}, std::tuple{1, 0.6, 0.3}})
            for (const double w : {w0, w1}) {
                model::HeadTrace head;
                head.weights = model::Matrix((model::Matrix(2, 2) << 1, 0, w, 1 - w).finished());
                byHand.layers[size_t(layer)].heads.push_back(head);
            }
        model::LessonQuestion which;
        which.kind = model::LessonQuestion::Kind::Head;
        which.key = QStringLiteral("a");
        model::TraceSelection fromB;
        fromB.query = 1;
        fromB.layer = 1;
        fromB.head = model::AllHeads;
        QCOMPARE(app::deckAnswerText(which, byHand, fromB, false, QStringLiteral("en")), QStringLiteral("layer 2, head 1"));
        QCOMPARE(app::deckAnswerText(which, byHand, fromB, true, QStringLiteral("en")), QStringLiteral("layer 1, head 2"));
    }

    void pdfHasAPagePerPage()
    {
        const model::Lesson lesson = parsed(kKeyLesson);
        model::TraceRequest request;
        request.problem = lesson.problem;
        const auto trace = model::computeTrace(request);
        QVERIFY(trace);
        app::DeckOptions options;
        options.pageSize = QSize(1280, 720);
        const auto pdf = app::renderLessonDeck(lesson, *trace, request, options);
        QVERIFY2(pdf, qPrintable(pdf ? QString() : pdf.error()));
        QVERIFY(pdf->startsWith("%PDF"));
        // Four questions: eight pages, each 1280 × 720 at 96 DPI = 960 × 540 points.
        QCOMPARE(pdfPageCount(*pdf), 8);
        QCOMPARE(int(QString::fromLatin1(*pdf).count(QStringLiteral("/MediaBox [0 0 960.000000 540.000000]"))), 8);
    }

    void noStepsNoDeck()
    {
        const model::Lesson lesson = parsed(R"({"format": "attnlab-lesson", "version": 1, "id": "e", "title": {"en": "E"},
            "view": "heatmap", "input": {"text": "a b"}})");
        model::TraceRequest request;
        request.text = lesson.text;
        const auto trace = model::computeTrace(request);
        QVERIFY(trace);
        const auto pdf = app::renderLessonDeck(lesson, *trace, request, {});
        QVERIFY(!pdf);
        QCOMPARE(pdf.error(), QStringLiteral("lesson e has no steps: a deck has a page per step"));
    }
};

ATTNLAB_TEST_MAIN(TestLessonDeck)
} // namespace tst_lesson_deck
#include "tst_lesson_deck.moc"
