#pragma once

// Activation patching between two inputs of the same length (activation_patch.h): for every head (its output at
// every position), every layer's residual stream entering it and every layer's MLP output (at one position each),
// the clean run's value is put into the corrupted run, and the grids say how much of the clean prediction it
// brings back, as the restored fraction of a metric read at one position:
//
//   metric m = logit(target) − logit(wrong)   with a wrong token (the logit difference),
//            = log p(target)                  without one;
//   restored = (m_patched − m_corrupted) / (m_clean − m_corrupted): 0 nothing restored, 1 all of it.
//
// Each patched run reruns the model from the patched layer on only (LanguageModel::rerunFrom), the layers below
// reused from the corrupted trace; a decoder's runs keep only the tokens up to the metric's position, and a patch
// that changes nothing (the clean and corrupted values are equal, e.g. before the first token that differs) is
// 0 without a run.

#include "model/core/cancellation.h"
#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <QString>
#include <QStringList>

#include <atomic>

namespace attnlab::model {

class LanguageModel;
struct Trace;

struct PatchingQuery {
    int position = -1; // 0-based token whose prediction is measured; −1: the last
    int target = -1;   // token id: what the clean input should make the model say
    int wrong = -1;    // token id, or −1: measure log p(target) instead of the logit difference
};

struct ActivationPatching {
    int position = 0;
    int target = 0;
    int wrong = -1;
    double clean = 0.0;     // the metric on the clean input
    double corrupted = 0.0; // and on the corrupted one
    Matrix heads;           // (layers, heads) restored by one head's output at every position
    Matrix residual;        // (layers, T) restored by the stream entering layer l at token t
    Matrix mlp;             // (layers, T) restored by layer l's MLP output at token t
    // For readers (empty unless a caller with a tokenizer fills them): the corrupted input's tokens, and the
    // target's and wrong token's texts.
    QStringList corruptedTokens;
    QString targetText, wrongText;

    bool logitDifference() const { return wrong >= 0; }
};

// clean, corrupted: this model's traces of every layer of two inputs of the same number of tokens, nothing
// switched off -> the grids. Fails, with one message, for different token counts, a trace of fewer layers, a
// position or token id out of range, a target equal to the wrong token, inputs on which the metric is the same
// (nothing to restore), a model without a language-model head, or when *cancelled turns true.
Result<ActivationPatching> activationPatching(const LanguageModel& model, const Trace& clean, const Trace& corrupted,
                                              const PatchingQuery& query, const std::atomic<bool>* cancelled = nullptr);


} // namespace attnlab::model
