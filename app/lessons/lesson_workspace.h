#pragma once

// From a lesson to what the app edits: the lesson's input as a WorkspaceState (matrix cells kept as written,
// "1/√2" stays "1/√2"), and the helpers that place the views where the lesson starts (query by position or
// token, the step view's stage for each paragraph, the language of the texts).

#include "model/teaching/lesson.h"
#include "app/workspace/workspace_state.h"

#include <QJsonObject>

namespace attnlab::app {

struct LessonWorkspace {
    WorkspaceState state;
    QString note; // how an input that the editor cannot show was adapted; empty when it shows as written
};

// lesson (parsed) + its file's "input" object (the cells as written) -> a workspace with the default toy
// model and default settings, except what the lesson sets (mask, scaling, exp overrides). `current` keeps
// the parts the lesson does not touch (the sentence while a matrices lesson is open).
// The lesson's token names become the names of the rows; a cross-attention problem (X, M with W_q, W_k, W_v
// or without them) opens in the editor's cross-attention form, which has no W_o.
model::Result<LessonWorkspace> lessonWorkspace(const model::Lesson& lesson, const QJsonObject& input,
                                               const WorkspaceState& current);

// The same for a lesson as read (its input as written is Lesson::input), with its model found
// (resolveLessonModel: "toy", a path relative to the lesson file, or a downloaded model's short name).
model::Result<LessonWorkspace> openedLessonWorkspace(const model::Lesson& lesson, const WorkspaceState& current);

// "2" (1-based) or a token ("it", any case) -> the 0-based query, or −1 when it names none of the tokens.
int resolveQuery(const QString& query, const QStringList& tokens);

// A lesson about the steps of attention (its view is "steps"): its paragraphs move the step view's stage.
bool isStepsLesson(const model::Lesson& lesson);

// The step view's stage (0 = QKᵀ … 4 = ×V) that a lesson's paragraph (0-based) explains: paragraphs follow
// the stages in order, skipping the mask stage when the lesson has no mask (it changes nothing there).
int stageForParagraph(const model::Lesson& lesson, int paragraph);

} // namespace attnlab::app
