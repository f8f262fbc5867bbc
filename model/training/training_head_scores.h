#pragma once

// The head scores the Train window plots over time (trace/head_scores.h defines them), for every head of a
// training snapshot: previous-token, first-token and diagonal on the task's probe, induction on a random
// sequence repeated (TrainingRun::inductionProbe), where an induction head shows itself whatever the task.

#include "model/training/training_run.h"

#include <vector>

namespace attnlab::model {

// Each score as (layers × heads) row-major: entry l·heads + h for head h of layer l.
struct HeadScoreSample {
    int step = 0;
    std::vector<double> previousToken, induction, firstToken, diagonal;
};

// probe: the task's probe at some step; repeated: the induction probe at the same step.
HeadScoreSample scoreSnapshotHeads(const AttentionSnapshot& probe, const AttentionSnapshot& repeated);

} // namespace attnlab::model
