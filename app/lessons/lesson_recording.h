#pragma once

// What the lesson editor records from the window: the workspace's input as a lesson's "input" object (the
// inverse of lesson_workspace.h: a sentence with its model, memory and mask, or the matrices as typed, cells as
// written), and the figure a step shows (the view, layer, head, query and the step view's stage).
//
// A step records all of its figure's fields, not only those that differ from the step before: a step then
// shows the same figure wherever it is moved to, and deleting its neighbour changes nothing about it. What the
// format cannot say is left out: "all heads" or the mean of the heads (the step keeps the head the previous
// step left), the stage outside the step view.

#include "app/workspace/workspace_state.h"
#include "model/teaching/lesson_draft.h"
#include "model/trace/trace_selection.h"

#include <QJsonObject>
#include <QStringList>

namespace attnlab::app {

// {"text", "model", "memory"?, "mask"?} for a sentence; {"matrices": {…}} for typed matrices (the form's
// matrices, tokens and memory tokens when there is one per row, heads, mask, scaling and exp overrides when they
// are not the defaults). A checkpoint is named by its path as the workspace holds it.
QJsonObject lessonInputFromWorkspace(const WorkspaceState& state);

// view ("heatmap"), the selection (0-based), the tokens of the trace, the step view's stage (0-based) -> the
// step's figure (1-based). The query is the token's text when that text names it (its first occurrence, any
// case), else its position; no query when none is selected.
model::LessonDraftFigure recordedFigure(const QString& view, const model::TraceSelection& selection,
                                        const QStringList& tokens, int stage);

} // namespace attnlab::app
