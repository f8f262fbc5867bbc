#pragma once

// Lessons: a titled, translated walk through one idea (the exam's softmax, multi-head attention as a sum, the
// causal mask …), stored as JSON: the built-in ones in resources/lessons/<id>.json (compiled in under
// ":/lessons"), a lecturer's own in any .attnlab-lesson file. The format, every field with its type and default,
// is docs/LESSONS.md; in short:
//
// {"format": "attnlab-lesson", "version": 1, "id": "exam-softmax", "order": 1, "languages": ["en", "ja", "fa"],
//  "title": {"en", "ja", "fa", …}, "summary": {…},
//  "view": "heatmap|heads|arcs|model|steps|pe|residual|effects|patching",
//  "input": {"matrices": {…the matrices file…}} | {"text": "…", "memory": "…", "model": "toy", "mask": "causal"},
//  "query": "2" | "it", "layer": 1, "head": 1, "step": 1-5, "exact": true,
//  "params": {…parameter calculator config, see parameter_count.h…}, "training": {"task", "preset"},
//  "patching": {"corrupted": "…", "target": "animal", "wrong": "street"},
//  "steps": [{"en", "ja", "fa"} | {"text": {"en", …}, "view", "query", "layer", "head", "step",
//             "question": {"kind": "key|head|number|choice", "prompt": {…}, "key", "answer",
//                          "tolerance", "options": [{…}, …]},   (version 2)
//             "notes": {…}, "presentation": {"zoom": 1.5, "panels": ["bar", "caption", "input"]}}, …],  (version 2)
//  "facts": {"name": 9.5 | "9/26" | [11, "5/2"], …}}
//
// Reading collects every problem it finds, each with its JSON path ("steps[3].text.ja"), instead of stopping at
// the first; lesson_validator.h adds what needs the model (layer, head and query in range).

#include "model/attention/toy_model.h"
#include "model/exact/matrix_problem.h"
#include "model/teaching/parameter_count.h"
#include "model/trace/patching_inputs.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace attnlab::model {

// The format's name and the version this reader understands ("format": "attnlab-lesson", "version": 1).
QString lessonFormatName();
// Version 2 adds a step's question and presenter notes; a version-1 file that uses them is told to declare 2.
inline constexpr int kLessonFormatVersion = 2;
// Lessons are hand-written text; a file larger than this is not one.
inline constexpr qint64 kMaxLessonBytes = 1024 * 1024;

// One text in every language a lesson is written in: (language code, text) pairs, the lesson's declared
// languages first and in their declared order.
struct LocalizedText {
    std::vector<std::pair<QString, QString>> texts;

    // That language's text; else its primary language's ("pt" for "pt-BR"); else the first non-empty text,
    // which is the lesson's first declared language's.
    QString text(const QString& language) const;
    // Exactly that language's text, or "" when there is none.
    QString get(const QString& language) const;
    QStringList languages() const;
    void set(const QString& language, const QString& text);
};

// A question a step asks before it shows its answer (format version 2; docs/LESSONS.md "Questions"). Until the
// learner answers or the lecturer reveals it, the figure hides the answer and the pane shows the prompt in
// place of the step's paragraph, which explains the answer once it is revealed.
struct LessonQuestion {
    enum class Kind {
        Key,    // click the key the step's query attends to most in the shown head (computed from the trace)
        Head,   // click the head whose weight from the step's query to `key` is largest (computed from the trace)
        Number, // type a number or a row of numbers: `answer` within `tolerance`
        Choice, // pick one of `options`: `correctOption`
    };
    Kind kind = Kind::Key;
    LocalizedText prompt;      // the question
    QString key;               // Head: the key token, a 1-based position or a token's text, as a query is written
    QStringList answerWritten; // Number: the answer as written ("9/26", "11", "5/2")
    std::vector<double> answer; // Number: its values, one per written entry
    double tolerance = 0.005;  // Number: the largest |typed − answer| of each entry that is still right
    std::vector<LocalizedText> options; // Choice: at least two
    int correctOption = 0;              // Choice: 0-based index into options
};

// The question kinds as the format names them: "key", "head", "number", "choice".
QString lessonQuestionKindName(LessonQuestion::Kind kind);

// How presentation mode shows a step (format version 2): the figure's zoom and the strips around it. What a step
// does not give stays as the steps before it left it.
struct LessonPresentation {
    std::optional<double> zoom;  // 0.5–2: presentation mode's fonts and lines × zoom (1 = its usual size)
    std::optional<QStringList> panels; // which of "bar", "caption", "input" show beside the figure
};

// The panels a step may show in presentation mode: the top bar, the paragraph under the figure, the input panel.
QStringList lessonPanelNames();

// One step of a lesson: its paragraph and, optionally, where the figure goes when the step is shown (what a step
// does not give stays as it is).
struct LessonStep {
    LocalizedText text;
    std::optional<LessonQuestion> question; // asked before the figure shows its answer
    LocalizedText notes;                    // presenter notes: the lecturer's screen only; may be empty
    LessonPresentation presentation;        // presentation mode's zoom and panels at this step
    QString view;             // "" = unchanged
    QString query;            // "" = unchanged; a 1-based index or a token
    std::optional<int> layer; // 1-based
    std::optional<int> head;  // 1-based
    std::optional<int> step;  // 1-5, the step view's stage

    bool movesFigure() const { return !view.isEmpty() || !query.isEmpty() || layer || head || step; }
};

// One thing wrong with a lesson file: where (a JSON path, "steps[3].head"; "" for the file as a whole) and what.
struct LessonProblem {
    QString path;
    QString message;

    // "steps[3].head: head 9 of 4 (valid 1–4)", or the message alone for the whole file.
    QString text() const;
};

// A number the lesson states, as written ("9/26") and as a value; a fact may be a row of numbers.
struct LessonFact {
    QString name;
    QStringList written;
    std::vector<double> values;
};

// A lesson about training: the task and model size the Train window opens with (training_presets.h).
struct LessonTraining {
    QString task;                    // "induction", "sort", "pronoun", …
    QString preset = QStringLiteral("tiny");
};

struct Lesson {
    int version = kLessonFormatVersion;
    QString id;
    QStringList languages; // the declared languages, in order; the first is the fallback
    int order = 0; // position in the catalogue
    LocalizedText title, summary;
    QString view;

    // The input: a matrices problem, or a sentence for a model (with optional memory sentence and mask).
    std::optional<MatrixProblem> problem;
    QString text, memory;
    QString modelName = toyModelName();
    std::optional<MaskSpec> mask;

    // Where the lesson starts; empty/unset means the view's own default.
    QString query;              // a 1-based index or a token, as --query takes it
    std::optional<int> layer;   // 1-based
    std::optional<int> head;    // 1-based
    std::optional<int> step;    // 1-5, the step view's stage
    bool exact = false;

    std::optional<TransformerShapeConfig> params; // the model whose sizes the lesson counts
    std::optional<LessonTraining> training;       // the lesson trains a model in the Train window
    // What the patching view is filled with ("patching": {"corrupted", "target", "wrong"}).
    std::optional<PatchingInputs> patching;
    std::vector<LessonStep> steps;
    std::vector<LessonFact> facts;

    QJsonObject input;  // the "input" object as written (matrix cells stay "1/√2" for the editor)
    QString sourcePath; // the file it was read from ("" when parsed from bytes); a relative model path starts there

    const LessonFact* fact(const QString& name) const;
    // The language the lesson is shown in for the interface language `ui`: ui when declared, else its primary
    // language ("pt" for "pt-BR") when declared, else the first declared language.
    QString language(const QString& ui) const;
};

// The views a lesson may open with.
QStringList lessonViewNames();

// Presentation mode at a step (0-based): each field as the last step up to it that gives it left it; unset when
// none has (the window's own settings hold).
LessonPresentation presentationAt(const Lesson& lesson, int step);

// What reading a lesson found: the lesson when it could be read at all (it may still have problems), and every
// problem in file order.
struct LessonCheck {
    std::optional<Lesson> lesson;
    std::vector<LessonProblem> problems;
};

// Problems in the order of the format's fields (docs/LESSONS.md), steps by index; stable within one field.
void sortLessonProblems(std::vector<LessonProblem>* problems);

// JSON -> the lesson and every problem of its fields (unknown or misspelt names, wrong types, values out of
// range, unknown views, a text missing for a declared language, malformed matrices). Needs no model.
LessonCheck checkLesson(const QByteArray& json);

// Reads a file (a path on disk or a ":/lessons/…" resource) and checks it; a file that cannot be read or is
// too large is one problem with an empty path.
LessonCheck checkLessonFile(const QString& path);

// JSON -> lesson, or the first problem as one message that names the file ("x.json: steps[2].ja: …").
Result<Lesson> parseLesson(const QByteArray& json, const QString& fileName);

// Reads and parses one file (a path on disk or a ":/lessons/…" resource).
Result<Lesson> readLesson(const QString& path);

struct LessonEntry {
    QString id;
    LocalizedText title;
    int order = 0;
};

// Every lesson in a directory (on disk or ":/lessons"; files `<id>.json` or `<id>.attnlab-lesson`), in catalogue
// order (order, then id). Fails on the first file that does not parse, or whose id is not its file name, naming it.
Result<std::vector<LessonEntry>> lessonCatalogue(const QString& directory);

// The lesson with this id in a directory; an unknown id fails with `unknown lesson "x" (known: a, b, …)`.
Result<Lesson> loadLesson(const QString& directory, const QString& id);

// The file of lesson `id` in a directory (<id>.json, else <id>.attnlab-lesson), or "" when there is none.
QString lessonFilePath(const QString& directory, const QString& id);

} // namespace attnlab::model
