#pragma once

// Activation patching (Vig et al. 2020, Meng et al. 2022, Wang et al. 2022): a run of one input (the corrupted
// one) with some of its activations taken from a run of another input of the same length (the clean one), to find
// which of them carry what makes the clean prediction. The points are those where ablation.h switches things off:
//
// - a head h of layer l: its output weights · V (T, d_v), before the output projection, at every position;
// - the MLP of layer l: its output (T, d) before it joins the stream, at one position or at every one;
// - the residual stream entering layer l at one position: LanguageModel::Rerun::sourceRow.
//
// The source is the clean run's trace, which keeps each head's output (HeadTrace::output) and each MLP's
// (ResidualTrace::mlpOutput); a patched run of n tokens reads their first n rows.

#include "model/attention/ablation.h"
#include "model/core/matrix_types.h"

#include <Eigen/Core>

#include <vector>

namespace attnlab::model {

struct Trace;

// The MLP output of one layer (0-based) at one position (0-based), or at every position (−1).
struct MlpSite {
    int layer = 0;
    int position = -1;

    bool operator==(const MlpSite&) const = default;
};

struct ActivationPatch {
    std::vector<HeadRef> heads; // whole head outputs, every position
    std::vector<MlpSite> mlps;

    bool empty() const { return heads.empty() && mlps.empty(); }
    bool operator==(const ActivationPatch&) const = default;
};

// The rows a patch writes into, (n, w): a block of a row-major float matrix.
using PatchRows = Eigen::Ref<MatrixF, 0, Eigen::OuterStride<>>;

// concat (n, heads·dh) of `layer`: head h in columns h·dh … (h+1)·dh − 1 -> the heads `patch` names replaced by
// the first n rows of source.layers[layer].heads[h].output.
void patchHeadColumns(const ActivationPatch& patch, const Trace& source, int layer, int dh, PatchRows concat);

// mlp (n, d): what `layer`'s MLP adds -> the sites `patch` names replaced by the rows of
// source.layers[layer].residual.mlpOutput.
void patchMlpRows(const ActivationPatch& patch, const Trace& source, int layer, PatchRows mlp);

// Whether every head and MLP site exists in a model of `layers` layers of `heads` heads and a source of
// `tokens` tokens; otherwise one message naming the first that does not (1-based) and the valid range.
Result<void> checkActivationPatch(const ActivationPatch& patch, int layers, int heads, int tokens);

} // namespace attnlab::model
