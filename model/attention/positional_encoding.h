#pragma once

// Positional encodings. Additive ones (naive, sinusoidal, learned) are added to the token embeddings;
// RoPE rotates each head's queries and keys (applyRope, model/kernels/rope.h); ALiBi adds a per-head linear
// bias to the scaled scores.

#include "model/core/enum_names.h"
#include "model/core/matrix_types.h"
#include "model/core/result.h"
#include "model/kernels/rope.h"

#include <QString>

#include <vector>

namespace attnlab::model {

enum class PositionalKind { None, Naive, Sinusoidal, Learned, Rope, Alibi };

// The names of the command line (--pe), sessions and messages, in enum order.
inline constexpr std::array<EnumName<PositionalKind>, 6> kPositionalKindNames{{
    {PositionalKind::None, "none"},
    {PositionalKind::Naive, "naive"},
    {PositionalKind::Sinusoidal, "sinusoidal"},
    {PositionalKind::Learned, "learned"},
    {PositionalKind::Rope, "rope"},
    {PositionalKind::Alibi, "alibi"},
}};

struct PositionalConfig {
    PositionalKind kind = PositionalKind::Sinusoidal;
    Matrix learnedTable; // (max positions, d) for Learned
    double ropeBase = 10000.0;
    RopeLayout ropeLayout = RopeLayout::RotateHalf;
};

// A name of kPositionalKindNames, in any case.
Result<PositionalKind> parsePositionalKind(const QString& text);
QString positionalKindName(PositionalKind kind);

// positions T, width d -> (T, d) with PE[i][j] = i: "add the position index to every component".
Matrix naiveEncoding(int positions, int dim);

// positions T, width d -> (T, d): PE[p][2i] = sin(p / 10000^(2i/d)), PE[p][2i+1] = cos(p / 10000^(2i/d)).
Matrix sinusoidalEncoding(int positions, int dim);

// The additive encoding for T positions of width d (zeros for None, RoPE and ALiBi). Fails when a learned
// table is too short or of the wrong width.
Result<Matrix> additiveEncoding(const PositionalConfig& config, int positions, int dim);

// ALiBi slopes for h heads: the geometric sequence 2^(−8/h), 2^(−16/h), … (Press et al.; for h not a power
// of two, the interleaving of the paper's reference code).
std::vector<double> alibiSlopes(int heads);

// queries T at queryPositions, keys S at keyPositions -> bias (T, S) = −slope · |t − s|.
Matrix alibiBias(const std::vector<int>& queryPositions, const std::vector<int>& keyPositions, double slope);

} // namespace attnlab::model
