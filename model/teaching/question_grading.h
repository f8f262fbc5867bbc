#pragma once

// Grading a lesson step's question (lesson.h LessonQuestion): what counts as the right answer of each kind, from
// the trace the figure shows (key and head questions) or from the lesson (number and choice questions). The
// window, the deck export and the tests all grade through these, so the answer a slide reveals is the one the
// learner's click is judged by.

#include "model/core/result.h"
#include "model/teaching/lesson.h"
#include "model/trace/trace_selection.h"

#include <Eigen/Core>

#include <QString>

#include <utility>
#include <vector>

namespace attnlab::model {

// Weights this close to a row's largest are ties: every tied key (or head) is a right answer. Traces keep float
// weights, so an exact comparison would call a uniform row's keys different.
inline constexpr double kAnswerTieTolerance = 1e-6;

// The keys one query attends to most. weights: (S) that query's row of one head, summing to 1. Ascending indices,
// 0-based; empty for an empty row.
std::vector<int> strongestKeys(const Eigen::Ref<const Eigen::VectorXd>& weights);

// The heads that link a query to a key most strongly. weights: (L, H), entry (l, h) the weight from the query to
// the key in layer l's head h. Pairs (layer, head), 0-based, in row-major order.
std::vector<std::pair<int, int>> strongestHeads(const Eigen::Ref<const Eigen::MatrixXd>& weights);

// A key question's right keys in the figure shown: the query's row of the selected head, or with all heads shown
// (or their mean or max) the mean of the visible heads' rows (selectedWeights). 0-based keys; empty when the
// query is not in the trace.
std::vector<int> rightKeys(const Trace& trace, const TraceSelection& selection, int query);

// A head question's right heads: the weight from query to key (0-based) in every head the figure draws
// (drawnHeads): the selected layer's (the head view: the selected head, or every head not hidden), or every
// layer's heads not hidden (allLayers: the model view's grid); (layer, head) pairs, 0-based.
std::vector<std::pair<int, int>> rightHeads(const Trace& trace, const TraceSelection& selection, int query, int key,
                                            bool allLayers);

// What a learner typed for a number question -> its values: "9/26", "0.346", "-1.5e-3", "√2/2", or a row
// "11, 5/2", "[11, 5/2]", "11 5/2". Fails with a message naming the entry that is not a number.
Result<std::vector<double>> parseTypedNumbers(const QString& typed);

// True when typed has as many entries as the question's answer and each is within its tolerance.
bool numberAnswerIsRight(const LessonQuestion& question, const std::vector<double>& typed);

// The answer of a number question as the lesson writes it: "9/26", or "[11, 5/2]" for a row.
QString writtenNumberAnswer(const LessonQuestion& question);

} // namespace attnlab::model
