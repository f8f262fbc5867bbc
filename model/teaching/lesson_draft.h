#pragma once

// A lesson being written in the lesson editor (Edit ▸ Lesson Editor…): the lesson kept as its JSON object, so
// that every field the editor does not show (facts, params, training, patching, matrices as written, the order)
// survives a round trip unchanged, with the typed operations the editor offers on top of it: the title and
// summary per language, the languages, the id, the input, steps recorded from the window (their figure:
// view, layer, head, query, stage), each step's text, question and presenter notes, moving and deleting steps.
// The format is docs/LESSONS.md; checkLesson / validateLesson judge the result, the draft never refuses a value.
//
// Texts are objects from language to string ({"en": "…", "ja": "…"}); setting a text to "" removes that
// language from it, so that the validator names what is missing instead of accepting an empty paragraph.

#include "model/core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace attnlab::model {

// Where a step puts the figure; what is unset stays as the previous step left it when the step is shown.
struct LessonDraftFigure {
    QString view;              // "heatmap", "arcs", … ; "" = unchanged
    QString query;             // a 1-based position ("3") or a token's text ("it"); "" = unchanged
    std::optional<int> layer;  // 1-based
    std::optional<int> head;   // 1-based
    std::optional<int> stage;  // 1-5, the step view's stage (the format's "step")

    bool operator==(const LessonDraftFigure&) const = default;
};

// A step's question as the editor shows it (docs/LESSONS.md "Questions"): kind "" is no question.
struct LessonDraftQuestion {
    QString kind;                     // "", "key", "head", "number", "choice"
    QJsonObject prompt;               // texts: language -> the question
    QString key;                      // head: the key token, "3" or "animal"
    QString answer;                   // number: as written, entries separated by commas ("9/26", "11, 5/2")
    QString tolerance;                // number: "" = the default 0.005
    std::vector<QJsonObject> options; // choice: texts per option
    int correctOption = 1;            // choice: 1-based

    bool operator==(const LessonDraftQuestion&) const = default;
};

class LessonDraft {
public:
    // A new lesson: format and version, id "my-lesson", the languages ["en"], an empty title, the heatmap view,
    // the default sentence through the toy model, no steps.
    LessonDraft();
    // A lesson file's bytes as a draft; fails only when they are not a JSON object (everything else is the
    // validator's to judge, and stays as written).
    static Result<LessonDraft> fromJson(const QByteArray& json);

    // The lesson as it will be written (version set, see version()).
    QJsonObject json() const;
    // json() as indented text, fields in the format's order (docs/LESSONS.md), matrix rows on one line each.
    QByteArray toText() const;

    // 2 exactly when a step has a question, presenter notes or presentation settings (the fields version 2 adds),
    // else 1.
    int version() const;

    QString id() const;
    void setId(const QString& id);
    // The declared languages, else the title's (the format's default).
    QStringList languages() const;
    // Declares languages (empty entries dropped); the texts of a language no longer declared are removed
    // everywhere (title, summary, steps, notes, questions), the texts of a new one are left for the author.
    void setLanguages(const QStringList& languages);
    QString title(const QString& language) const;
    void setTitle(const QString& language, const QString& text);
    QString summary(const QString& language) const;
    void setSummary(const QString& language, const QString& text);
    QString view() const;
    void setView(const QString& view);
    // The "input" object ({"text", "model", "mask"} or {"matrices": {…}}).
    QJsonObject input() const;
    void setInput(const QJsonObject& input);

    int stepCount() const;
    // Appends a step that shows figure, with no text yet; returns its index.
    int addStep(const LessonDraftFigure& figure);
    LessonDraftFigure stepFigure(int step) const;
    void setStepFigure(int step, const LessonDraftFigure& figure);
    QString stepText(int step, const QString& language) const;
    void setStepText(int step, const QString& language, const QString& text);
    QString stepNotes(int step, const QString& language) const;
    void setStepNotes(int step, const QString& language, const QString& text);
    LessonDraftQuestion stepQuestion(int step) const;
    // Writes the fields of question.kind only (kind "" removes the question).
    void setStepQuestion(int step, const LessonDraftQuestion& question);
    // Swaps step with its neighbour (delta −1 or +1); false when there is none.
    bool moveStep(int step, int delta);
    void removeStep(int step);

private:
    QJsonObject stepObject(int step) const; // the step in the long form {"text": {…}, …}
    void storeStep(int step, const QJsonObject& longForm);

    QJsonObject m_json;
};

// Any lesson JSON object as LessonDraft::toText writes it.
QByteArray lessonJsonText(const QJsonObject& lesson);

} // namespace attnlab::model
