#pragma once

// What switching parts of a model off did to its predictions, position by position: the token it predicted
// before (the original top 1) and the one it predicts after (the new top 1), each with its log-probability
// before and after. The token strip and `attnlab run --ablate` show these.

#include "model/core/matrix_types.h"
#include "model/trace/trace.h"

#include <vector>

namespace attnlab::model {

// before, after: the logits (T, V) without and with the ablation -> one AblationEffect per position (texts
// empty): log-probabilities are log softmax of each row, in double; a tie for the top goes to the lower id.
std::vector<AblationEffect> ablationEffects(const MatrixF& before, const MatrixF& after);

// "Which heads matter here": what switching off each head alone does to the model's own prediction at one position
// (LanguageModel::headAblationEffects), the effects view's and `run --head-effects`' numbers.
struct HeadEffects {
    int position = 0;     // 0-based
    int target = 0;       // the token predicted there, as trained
    QString targetText;   // as a reader sees it, when a tokenizer is known
    double logProb = 0.0; // log p(target) as trained
    AblationMode mode = AblationMode::Zero;
    Matrix delta;         // (layers, heads): log p(target) with the head off − logProb
};

} // namespace attnlab::model
