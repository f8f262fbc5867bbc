// Tests model/teaching/lesson_draft.cpp: each operation of the lesson editor's draft, against the JSON it must
// write (written out here by hand from docs/LESSONS.md); round trips of built-in lessons (read as a draft,
// written back, read again: every field the same, facts kept); and a lesson built step by step that checkLesson
// reads with no problem and the fields it was given.

#include "model/teaching/lesson_draft.h"
#include "model/teaching/lesson.h"
#include "test_registry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace tst_lesson_draft {

using namespace attnlab::model;

namespace {

QByteArray builtInLessonBytes(const QString& id)
{
    QFile file(QFINDTESTDATA("../../resources/lessons/" + id + ".json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read lesson %s", qPrintable(id));
    return file.readAll();
}

QJsonObject parsedObject(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).object();
}

QStringList textsOf(const LocalizedText& text)
{
    QStringList out;
    for (const auto& [language, value] : text.texts)
        out << language + QLatin1Char('=') + value;
    return out;
}

// Every field of two lessons, compared one by one (a failure names the field).
void compareLessons(const Lesson& a, const Lesson& b)
{
    QCOMPARE(a.version, b.version);
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.languages, b.languages);
    QCOMPARE(a.order, b.order);
    QCOMPARE(textsOf(a.title), textsOf(b.title));
    QCOMPARE(textsOf(a.summary), textsOf(b.summary));
    QCOMPARE(a.view, b.view);
    QCOMPARE(a.input, b.input);
    QCOMPARE(a.text, b.text);
    QCOMPARE(a.modelName, b.modelName);
    QCOMPARE(a.query, b.query);
    QCOMPARE(a.layer, b.layer);
    QCOMPARE(a.head, b.head);
    QCOMPARE(a.step, b.step);
    QCOMPARE(a.exact, b.exact);
    QCOMPARE(a.steps.size(), b.steps.size());
    for (size_t i = 0; i < a.steps.size(); ++i) {
        const LessonStep& s = a.steps[i];
        const LessonStep& t = b.steps[i];
        QCOMPARE(textsOf(s.text), textsOf(t.text));
        QCOMPARE(textsOf(s.notes), textsOf(t.notes));
        QCOMPARE(s.view, t.view);
        QCOMPARE(s.query, t.query);
        QCOMPARE(s.layer, t.layer);
        QCOMPARE(s.head, t.head);
        QCOMPARE(s.step, t.step);
        QCOMPARE(s.question.has_value(), t.question.has_value());
        if (s.question) {
            QCOMPARE(int(s.question->kind), int(t.question->kind));
            QCOMPARE(textsOf(s.question->prompt), textsOf(t.question->prompt));
            QCOMPARE(s.question->key, t.question->key);
            QCOMPARE(s.question->answerWritten, t.question->answerWritten);
            QCOMPARE(s.question->answer, t.question->answer);
            QCOMPARE(s.question->tolerance, t.question->tolerance);
            QCOMPARE(s.question->correctOption, t.question->correctOption);
            QCOMPARE(s.question->options.size(), t.question->options.size());
        }
    }
    QCOMPARE(a.facts.size(), b.facts.size());
    for (size_t i = 0; i < a.facts.size(); ++i) {
        QCOMPARE(a.facts[i].name, b.facts[i].name);
        QCOMPARE(a.facts[i].written, b.facts[i].written);
        QCOMPARE(a.facts[i].values, b.facts[i].values);
    }
}

} // namespace

class TestLessonDraft : public QObject {
    Q_OBJECT
private slots:
    void aNewDraftIsAVersionOneLessonWithoutSteps()
    {
        const LessonDraft draft;
        const QJsonObject json = draft.json();
        QCOMPARE(json.value("format").toString(), QStringLiteral("attnlab-lesson"));
        QCOMPARE(json.value("version").toInt(), 1);
        QCOMPARE(draft.id(), QStringLiteral("my-lesson"));
        QCOMPARE(draft.languages(), QStringList{"en"});
        QCOMPARE(draft.view(), QStringLiteral("heatmap"));
        QCOMPARE(draft.input().value("model").toString(), QStringLiteral("toy"));
        QCOMPARE(draft.stepCount(), 0);
        // Without a title it is not a lesson yet: the reader says so.
        const LessonCheck check = checkLesson(draft.toText());
        QVERIFY(!check.problems.empty());
    }

    void fromJsonRefusesWhatIsNotAnObject()
    {
        QVERIFY(!LessonDraft::fromJson("[1, 2]"));
        QVERIFY(!LessonDraft::fromJson("{\"id\": "));
        QVERIFY(LessonDraft::fromJson("{}"));
    }

    void titleSummaryAndEmptyTextsRemoveTheLanguage()
    {
        LessonDraft draft;
        draft.setTitle("en", "Where does it look?");
        draft.setTitle("ja", "どこを見る？");
        QCOMPARE(draft.json().value("title").toObject(),
                 (QJsonObject{{"en", "Where does it look?"}, {"ja", "どこを見る？"}}));
        draft.setTitle("ja", "");
        QCOMPARE(draft.json().value("title").toObject(), (QJsonObject{{"en", "Where does it look?"}}));
        draft.setSummary("en", "One row.");
        QCOMPARE(draft.json().value("summary").toObject(), (QJsonObject{{"en", "One row."}}));
        // The summary is optional: its last text gone, the field goes.
        draft.setSummary("en", "");
        QVERIFY(!draft.json().contains("summary"));
        draft.setId("it-and-animal");
        QCOMPARE(draft.json().value("id").toString(), QStringLiteral("it-and-animal"));
    }

    void recordedStepsWriteTheirFigureInTheLongForm()
    {
        LessonDraft draft;
        LessonDraftFigure figure;
        figure.view = "arcs";
        figure.layer = 2;
        figure.head = 3;
        figure.query = "it";
        QCOMPARE(draft.addStep(figure), 0);
        LessonDraftFigure stage;
        stage.view = "steps";
        stage.query = "4";
        stage.stage = 4;
        QCOMPARE(draft.addStep(stage), 1);
        const QJsonArray steps = draft.json().value("steps").toArray();
        QCOMPARE(steps[0].toObject(), (QJsonObject{{"text", QJsonObject{}}, {"view", "arcs"}, {"layer", 2}, {"head", 3},
                                                   {"query", "it"}}));
        // A position is written as a number, as the format's query takes it.
        QCOMPARE(steps[1].toObject(), (QJsonObject{{"text", QJsonObject{}}, {"view", "steps"}, {"query", 4}, {"step", 4}}));
        QCOMPARE(draft.stepFigure(0), figure);
        QCOMPARE(draft.stepFigure(1), stage);
        draft.setStepText(0, "en", "Head 3 of layer 2.");
        QCOMPARE(draft.stepText(0, "en"), QStringLiteral("Head 3 of layer 2."));
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("text").toObject(),
                 (QJsonObject{{"en", "Head 3 of layer 2."}}));
    }

    void aShortFormStepStaysShortWhileItIsAParagraphAlone()
    {
        auto draft = LessonDraft::fromJson(R"({"steps": [{"en": "one", "ja": "一"}]})");
        QVERIFY(draft);
        draft->setStepText(0, "en", "One.");
        QCOMPARE(draft->json().value("steps").toArray()[0].toObject(), (QJsonObject{{"en", "One."}, {"ja", "一"}}));
        draft->setStepNotes(0, "en", "Ask the room.");
        QCOMPARE(draft->json().value("steps").toArray()[0].toObject(),
                 (QJsonObject{{"text", QJsonObject{{"en", "One."}, {"ja", "一"}}}, {"notes", QJsonObject{{"en", "Ask the room."}}}}));
        QCOMPARE(draft->version(), 2);
        draft->setStepNotes(0, "en", "");
        QVERIFY(!draft->json().value("steps").toArray()[0].toObject().contains("notes"));
        QCOMPARE(draft->version(), 1);
        // A step's presentation settings (kept as written, not edited here) are version 2 too.
        auto presenting = LessonDraft::fromJson(R"({"steps": [{"text": {"en": "one"}, "presentation": {"zoom": 1.5}}]})");
        QVERIFY(presenting);
        QCOMPARE(presenting->version(), 2);
    }

    void questionsOfEachKind()
    {
        LessonDraft draft;
        draft.addStep({});
        QCOMPARE(draft.version(), 1);

        LessonDraftQuestion number;
        number.kind = "number";
        number.prompt = QJsonObject{{"en", "What weight does query 2 give key 1?"}};
        number.answer = "9/26";
        number.tolerance = "0.001";
        number.key = "ignored";  // a number question has no key: not written
        draft.setStepQuestion(0, number);
        QCOMPARE(draft.version(), 2);
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("question").toObject(),
                 (QJsonObject{{"kind", "number"}, {"prompt", QJsonObject{{"en", "What weight does query 2 give key 1?"}}},
                              {"answer", "9/26"}, {"tolerance", 0.001}}));
        LessonDraftQuestion back = draft.stepQuestion(0);
        QCOMPARE(back.answer, QStringLiteral("9/26"));
        QCOMPARE(back.tolerance, QStringLiteral("0.001"));

        // A row: [11, "5/2"], a plain number stays a number.
        number.answer = "[11, 5/2]";
        number.tolerance.clear();
        draft.setStepQuestion(0, number);
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("question").toObject().value("answer").toArray(),
                 (QJsonArray{11, "5/2"}));
        QVERIFY(!draft.json().value("steps").toArray()[0].toObject().value("question").toObject().contains("tolerance"));
        QCOMPARE(draft.stepQuestion(0).answer, QStringLiteral("11, 5/2"));

        LessonDraftQuestion head;
        head.kind = "head";
        head.prompt = QJsonObject{{"en", "Which head links it to animal?"}};
        head.key = "animal";
        draft.setStepQuestion(0, head);
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("question").toObject(),
                 (QJsonObject{{"kind", "head"}, {"prompt", QJsonObject{{"en", "Which head links it to animal?"}}},
                              {"key", "animal"}}));
        head.key = "2";
        draft.setStepQuestion(0, head);
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("question").toObject().value("key"), QJsonValue(2));
        QCOMPARE(draft.stepQuestion(0).key, QStringLiteral("2"));

        LessonDraftQuestion choice;
        choice.kind = "choice";
        choice.prompt = QJsonObject{{"en", "Which is larger?"}};
        choice.options = {QJsonObject{{"en", "the first"}}, QJsonObject{{"en", "the second"}}};
        choice.correctOption = 2;
        draft.setStepQuestion(0, choice);
        QCOMPARE(draft.json().value("steps").toArray()[0].toObject().value("question").toObject(),
                 (QJsonObject{{"kind", "choice"}, {"prompt", QJsonObject{{"en", "Which is larger?"}}},
                              {"options", QJsonArray{QJsonObject{{"en", "the first"}}, QJsonObject{{"en", "the second"}}}},
                              {"answer", 2}}));
        QCOMPARE(draft.stepQuestion(0), choice);

        draft.setStepQuestion(0, {});
        QVERIFY(!draft.json().value("steps").toArray()[0].toObject().contains("question"));
        QCOMPARE(draft.version(), 1);
    }

    void moveAndRemoveSteps()
    {
        LessonDraft draft;
        for (const char* text : {"a", "b", "c"}) {
            const int step = draft.addStep({});
            draft.setStepText(step, "en", text);
        }
        const auto order = [&] {
            QStringList texts;
            for (int i = 0; i < draft.stepCount(); ++i)
                texts << draft.stepText(i, "en");
            return texts;
        };
        QVERIFY(draft.moveStep(2, -1));
        QCOMPARE(order(), (QStringList{"a", "c", "b"}));
        QVERIFY(draft.moveStep(0, 1));
        QCOMPARE(order(), (QStringList{"c", "a", "b"}));
        QVERIFY(!draft.moveStep(0, -1));
        QVERIFY(!draft.moveStep(2, 1));
        QCOMPARE(order(), (QStringList{"c", "a", "b"}));
        draft.removeStep(1);
        QCOMPARE(order(), (QStringList{"c", "b"}));
        draft.removeStep(5); // out of range: nothing
        QCOMPARE(draft.stepCount(), 2);
    }

    void removingALanguageRemovesItsTextsEverywhere()
    {
        auto draft = LessonDraft::fromJson(R"({"languages": ["en", "ja"], "title": {"en": "T", "ja": "題"},
            "summary": {"en": "S", "ja": "要"},
            "steps": [{"text": {"en": "one", "ja": "一"}, "notes": {"ja": "注"},
                       "question": {"kind": "choice", "prompt": {"en": "P", "ja": "問"},
                                    "options": [{"en": "x", "ja": "エ"}, {"en": "y", "ja": "ワ"}], "answer": 1}}]})");
        QVERIFY(draft);
        draft->setLanguages({"en", " ", "en"});
        QCOMPARE(draft->languages(), QStringList{"en"});
        const QJsonObject json = draft->json();
        QCOMPARE(json.value("title").toObject(), (QJsonObject{{"en", "T"}}));
        QCOMPARE(json.value("summary").toObject(), (QJsonObject{{"en", "S"}}));
        const QJsonObject step = json.value("steps").toArray()[0].toObject();
        QCOMPARE(step.value("text").toObject(), (QJsonObject{{"en", "one"}}));
        QVERIFY(!step.contains("notes")); // its only text was Japanese
        const QJsonObject question = step.value("question").toObject();
        QCOMPARE(question.value("prompt").toObject(), (QJsonObject{{"en", "P"}}));
        QCOMPARE(question.value("options").toArray(), (QJsonArray{QJsonObject{{"en", "x"}}, QJsonObject{{"en", "y"}}}));
        // Adding a language writes no texts: the validator names each one missing.
        draft->setLanguages({"en", "fa"});
        QCOMPARE(draft->languages(), (QStringList{"en", "fa"}));
        QCOMPARE(draft->json().value("title").toObject(), (QJsonObject{{"en", "T"}}));
    }

    void languagesDefaultToTheTitles()
    {
        auto draft = LessonDraft::fromJson(R"({"title": {"ja": "題", "en": "T"}})");
        QVERIFY(draft);
        QCOMPARE(draft->languages(), (QStringList{"en", "ja"}));
    }

    void theTextIsIndentedInTheFormatsOrder()
    {
        LessonDraft draft;
        draft.setTitle("en", "T");
        draft.setInput(QJsonObject{{"matrices", QJsonObject{{"Q", QJsonArray{QJsonArray{1, 0}, QJsonArray{0, 1}}}}}});
        const QByteArray text = draft.toText();
        // format, version, id, languages, title, view, input, steps: in that order.
        QVERIFY(text.startsWith("{\n  \"format\": \"attnlab-lesson\",\n  \"version\": 1,\n  \"id\": \"my-lesson\",\n"));
        QVERIFY(text.indexOf("\"title\"") < text.indexOf("\"view\""));
        QVERIFY(text.indexOf("\"view\"") < text.indexOf("\"input\""));
        QVERIFY(text.indexOf("\"input\"") < text.indexOf("\"steps\""));
        QVERIFY(text.contains("[[1, 0], [0, 1]]"));
        QVERIFY(text.endsWith("}\n"));
        QCOMPARE(parsedObject(text), draft.json());
    }

    void builtInLessonsRoundTrip_data()
    {
        QTest::addColumn<QString>("id");
        // A matrices lesson with questions and facts; a matrices lesson with a mask; a sentence lesson; a lesson
        // about shapes (params); the first lesson of all, with every language.
        for (const char* id : {"exam-softmax", "causal-mask", "animal-it", "shape-calculator", "multihead-sum"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void builtInLessonsRoundTrip()
    {
        QFETCH(QString, id);
        const QByteArray original = builtInLessonBytes(id);
        auto draft = LessonDraft::fromJson(original);
        QVERIFY(draft);
        const QByteArray written = draft->toText();
        const LessonCheck before = checkLesson(original);
        const LessonCheck after = checkLesson(written);
        QVERIFY(before.lesson && after.lesson);
        QVERIFY2(after.problems.empty(), qPrintable(after.problems.empty() ? QString() : after.problems.front().text()));
        compareLessons(*before.lesson, *after.lesson);
        // Every field stays as written, the ones the editor does not show too (facts, params, matrices).
        QCOMPARE(parsedObject(written), parsedObject(original));
    }

    void examFactsSurvive()
    {
        auto draft = LessonDraft::fromJson(builtInLessonBytes("exam-softmax"));
        QVERIFY(draft);
        draft->setTitle("en", "My exam");
        const auto lesson = parseLesson(draft->toText(), "exam.attnlab-lesson");
        QVERIFY2(lesson, qPrintable(lesson.error()));
        QVERIFY(lesson->fact("weights_row_2"));
        QCOMPARE(lesson->fact("weights_row_2")->written, (QStringList{"9/26", "9/26", "2/13", "2/13"}));
        QCOMPARE(lesson->fact("output_row_2")->values, (std::vector<double>{11.0, 2.5}));
        QCOMPARE(lesson->title.get("en"), QStringLiteral("My exam"));
        QCOMPARE(lesson->version, 2); // it asks questions
    }

    void aDraftBuiltStepByStepReadsWithoutProblems()
    {
        LessonDraft draft;
        draft.setId("cat-on-mat");
        draft.setLanguages({"en", "ja"});
        draft.setTitle("en", "Where does sat look?");
        draft.setTitle("ja", "satはどこを見る？");
        draft.setInput(QJsonObject{{"text", "The cat sat on the mat"}, {"model", "toy"}});
        LessonDraftFigure first;
        first.view = "heatmap";
        first.layer = 1;
        first.head = 2;
        first.query = "sat";
        draft.addStep(first);
        draft.setStepText(0, "en", "Each row sums to 1.");
        draft.setStepText(0, "ja", "各行の和は1です。");
        LessonDraftFigure second;
        second.view = "arcs";
        second.query = "6";
        draft.addStep(second);
        draft.setStepText(1, "en", "The weights of mat.");
        draft.setStepText(1, "ja", "matの重み。");
        draft.setStepNotes(1, "en", "Wait.");
        draft.setStepNotes(1, "ja", "待つ。");
        LessonDraftQuestion question;
        question.kind = "number";
        question.prompt = QJsonObject{{"en", "How much?"}, {"ja", "いくつ？"}};
        question.answer = "9/26";
        draft.setStepQuestion(1, question);

        const LessonCheck check = checkLesson(draft.toText());
        QVERIFY(check.lesson);
        QVERIFY2(check.problems.empty(), qPrintable(check.problems.empty() ? QString() : check.problems.front().text()));
        const Lesson& lesson = *check.lesson;
        QCOMPARE(lesson.version, 2);
        QCOMPARE(lesson.id, QStringLiteral("cat-on-mat"));
        QCOMPARE(lesson.languages, (QStringList{"en", "ja"}));
        QCOMPARE(lesson.title.get("ja"), QStringLiteral("satはどこを見る？"));
        QCOMPARE(lesson.text, QStringLiteral("The cat sat on the mat"));
        QCOMPARE(lesson.view, QStringLiteral("heatmap"));
        QCOMPARE(lesson.steps.size(), size_t(2));
        QCOMPARE(lesson.steps[0].view, QStringLiteral("heatmap"));
        QCOMPARE(lesson.steps[0].layer, std::optional<int>(1));
        QCOMPARE(lesson.steps[0].head, std::optional<int>(2));
        QCOMPARE(lesson.steps[0].query, QStringLiteral("sat"));
        QCOMPARE(lesson.steps[0].text.get("ja"), QStringLiteral("各行の和は1です。"));
        QVERIFY(!lesson.steps[0].question);
        QCOMPARE(lesson.steps[1].view, QStringLiteral("arcs"));
        QCOMPARE(lesson.steps[1].query, QStringLiteral("6"));
        QCOMPARE(lesson.steps[1].notes.get("en"), QStringLiteral("Wait."));
        QVERIFY(lesson.steps[1].question);
        QCOMPARE(int(lesson.steps[1].question->kind), int(LessonQuestion::Kind::Number));
        QCOMPARE(lesson.steps[1].question->answerWritten, QStringList{"9/26"});
        QCOMPARE(lesson.steps[1].question->answer, std::vector<double>{9.0 / 26.0});
        QCOMPARE(lesson.steps[1].question->tolerance, 0.005);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLessonDraft)
} // namespace tst_lesson_draft
#include "tst_lesson_draft.moc"
