#pragma once

// What the user asks activation patching for (model/analysis/activation_patching.h), as typed: the corrupted
// input's text, the target and wrong tokens as text, and the token measured. The patching view asks for it
// (AnalysisRequest::patching), the worker computes it with the trace as the clean run, and the trace records what
// it answered (Trace::patchingInputs).

#include <QString>

namespace attnlab::model {

struct PatchingInputs {
    QString corrupted; // the corrupted input's text, of as many tokens as the clean one
    QString target;    // one token of the model's tokenizer, as text
    QString wrong;     // one token, or empty: the metric is log p(target) instead of the logit difference
    int position = -1; // 0-based token whose prediction is measured; −1: the last

    bool empty() const { return corrupted.isEmpty() && target.isEmpty(); }
    bool operator==(const PatchingInputs&) const = default;
};

} // namespace attnlab::model
