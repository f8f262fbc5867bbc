#pragma once

// Lessons: a titled, translated walk through one idea (the exam's softmax, multi-head attention as a sum, the
// causal mask …), stored as JSON (resources/lessons/<id>.json, compiled in under ":/lessons"). A lesson holds
// its input (a matrices problem or a sentence for a model), the view and selection to start from, the
// explanation paragraphs in English, Japanese and Persian, and the key numbers it states ("facts"), which
// the tests recompute from the input.
//
// {"id": "exam-softmax", "order": 1, "title": {"en", "ja", "fa"}, "summary": {"en", "ja", "fa"},
//  "view": "heatmap|heads|arcs|model|steps|pe|residual|effects|patching",
//  "input": {"matrices": {…the matrices file…}} | {"text": "…", "memory": "…", "model": "toy", "mask": "causal"},
//  "query": "2" | "it", "layer": 1, "head": 1, "step": 1-5, "exact": true,
//  "params": {…parameter calculator config, see parameter_count.h…}, "training": {"task", "preset"},
//  "patching": {"corrupted": "…", "target": "animal", "wrong": "street"},
//  "steps": [{"en", "ja", "fa"}, …], "facts": {"name": 9.5 | "9/26" | [11, "5/2"], …}}

#include "model/attention/toy_model.h"
#include "model/exact/matrix_problem.h"
#include "model/teaching/parameter_count.h"
#include "model/trace/patching_inputs.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace attnlab::model {

// One text in every language a lesson is written in.
struct LocalizedText {
    QString en, ja, fa;

    // "en", "ja" or "fa" -> that text; English when the language is unknown or the translation empty.
    QString text(const QString& language) const;
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
    QString id;
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
    std::vector<LocalizedText> steps;
    std::vector<LessonFact> facts;

    const LessonFact* fact(const QString& name) const;
};

// The views a lesson may open with.
QStringList lessonViewNames();

// JSON -> lesson; fileName names the file in every message, with the field ("x.json: steps[2].ja: …").
Result<Lesson> parseLesson(const QByteArray& json, const QString& fileName);

// Reads and parses one file (a path on disk or a ":/lessons/…" resource).
Result<Lesson> readLesson(const QString& path);

struct LessonEntry {
    QString id;
    LocalizedText title;
    int order = 0;
};

// Every *.json lesson in a directory (on disk or ":/lessons"), in catalogue order (order, then id). Fails on
// the first file that does not parse, naming it.
Result<std::vector<LessonEntry>> lessonCatalogue(const QString& directory);

// The lesson with this id in a directory; an unknown id fails with `unknown lesson "x" (known: a, b, …)`.
Result<Lesson> loadLesson(const QString& directory, const QString& id);

} // namespace attnlab::model
