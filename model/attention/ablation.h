#pragma once

// Switching parts of a model off: heads (their output before the output projection) and MLPs (what the
// feed-forward sublayer adds to the stream), to see whether a prediction depends on them. Every forward (the toy
// model's transformerBlock, the checkpoints' architectures) applies it at the same two points of each layer:
//
// - a head h of layer l: its output weights · V (T, d_v), which the output projection turns into its
//   contribution, is replaced before the projection, so the head adds nothing (zero) or the same vector at
//   every position (mean); its attention weights stay as they were, and the layer's other heads are untouched;
// - the MLP of layer l: its output (T, d) before it joins the stream (post-norm: before the LayerNorm of
//   stream + MLP; Gemma 3: after its post-MLP norm).
//
// Zero ablation sets the replaced rows to 0. Mean ablation sets every row to the mean of the rows over this
// input's positions (the head's or MLP's average output on this input, as "mean ablation" over one prompt;
// positions after a query are averaged in too, which is what the mean of the input is).

#include "model/core/enum_names.h"
#include "model/core/result.h"

#include <Eigen/Core>

#include <QString>

#include <utility>
#include <vector>

namespace attnlab::model {

enum class AblationMode { Zero, Mean };

// The names of the command line (--ablation) and sessions.
inline constexpr std::array<EnumName<AblationMode>, 2> kAblationModeNames{{
    {AblationMode::Zero, "zero"},
    {AblationMode::Mean, "mean"},
}};

// One head of one layer, both 0-based.
struct HeadRef {
    int layer = 0;
    int head = 0;

    bool operator==(const HeadRef&) const = default;
    auto operator<=>(const HeadRef&) const = default;
};

struct Ablation {
    std::vector<HeadRef> heads; // sorted, no repeats (normalized())
    std::vector<int> mlps;      // layers whose MLP is off, 0-based, sorted, no repeats
    AblationMode mode = AblationMode::Zero;

    bool empty() const { return heads.empty() && mlps.empty(); }
    bool ablatesHead(int layer, int head) const;
    bool ablatesMlp(int layer) const;
    // The heads of `layer` that are off, ascending.
    std::vector<int> headsOf(int layer) const;
    // The same set, sorted and without repeats.
    Ablation normalized() const;

    bool operator==(const Ablation&) const = default;
};

// Whether every head and MLP exists in a model of `layers` layers of `heads` heads; otherwise one message naming
// the first that does not, 1-based as the user wrote it, with the valid range ("--ablate 13.1: layer 13 does not
// exist; the model has layers 1 to 12").
Result<void> checkAblation(const Ablation& ablation, int layers, int heads);

// "3.5,1.2" (1-based LAYER.HEAD, comma-separated) -> heads (0-based); an error names the piece that cannot be
// read. Ranges are checked by checkAblation, once the model is known.
Result<std::vector<HeadRef>> parseHeadList(const QString& text);
// "1,3" (1-based layers) -> layers (0-based).
Result<std::vector<int>> parseLayerList(const QString& text);

// The ablation as the user reads it: "heads 3.5, 1.2 and the MLP of layer 4 (zero)" (1-based).
QString describeAblation(const Ablation& ablation);

// block (T, w): the rows of one head's output or of an MLP's output, replaced in place as `mode` says.
template <typename Block>
void ablateRows(Block&& block, AblationMode mode)
{
    if (mode == AblationMode::Zero || block.rows() == 0) {
        block.setZero();
        return;
    }
    using Scalar = typename std::decay_t<Block>::Scalar;
    const Eigen::Matrix<Scalar, 1, Eigen::Dynamic> mean = block.colwise().mean();
    block.rowwise() = mean;
}

// concat (T, heads·dh): the layer's head outputs side by side, head h in columns h·dh … (h+1)·dh − 1 -> the
// heads of `layer` that `ablation` switches off replaced.
template <typename M>
void ablateHeadColumns(const Ablation& ablation, int layer, int dh, M& concat)
{
    for (int h : ablation.headsOf(layer))
        ablateRows(concat.middleCols(Eigen::Index(h) * dh, dh), ablation.mode);
}

// mlp (T, d): what layer `layer`'s MLP adds -> replaced when `ablation` switches it off.
template <typename M>
void ablateMlpRows(const Ablation& ablation, int layer, M& mlp)
{
    if (ablation.ablatesMlp(layer)) ablateRows(mlp, ablation.mode);
}

} // namespace attnlab::model
