#pragma once

// Attention masks. A mask is a boolean (T queries, S keys) matrix: true where the query may attend the key.
// Masked scores become −∞ before the softmax.

#include "model/core/enum_names.h"
#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <QString>

namespace attnlab::model {

enum class MaskKind {
    None,    // every query sees every key
    Causal,  // query t sees keys s ≤ t (the future is hidden)
    Window,  // causal sliding window: query t sees the `window` most recent keys t−window < s ≤ t
    Padding, // the last `padding` keys are padding and hidden from every query
    Custom,  // an arbitrary boolean matrix
};

// The kinds' names: a session and the control bar write the kind alone; the command line, matrices files and
// lessons write "window:K" and "padding:N" (parseMaskSpec).
inline constexpr std::array<EnumName<MaskKind>, 5> kMaskKindNames{{
    {MaskKind::None, "none"},
    {MaskKind::Causal, "causal"},
    {MaskKind::Window, "window"},
    {MaskKind::Padding, "padding"},
    {MaskKind::Custom, "custom"},
}};

// Only the fields of its kind take effect; the others are kept, so that a spec can hold what the user set
// for every kind (the workspace restores a window size when the window mask is chosen again).
struct MaskSpec {
    MaskKind kind = MaskKind::None;
    int window = 1;
    int padding = 0;
    BoolMatrix custom; // (T, S) for MaskKind::Custom; true = may attend

    // Every field, whether its kind uses it or not (custom by shape and entries).
    bool operator==(const MaskSpec& o) const
    {
        return kind == o.kind && window == o.window && padding == o.padding && sameMatrix(custom, o.custom);
    }

    static MaskSpec none() { return {}; }
    static MaskSpec causal() { return {MaskKind::Causal, 1, 0, {}}; }
    static MaskSpec slidingWindow(int k) { return {MaskKind::Window, k, 0, {}}; }
    static MaskSpec paddingLast(int n) { return {MaskKind::Padding, 1, n, {}}; }
    static MaskSpec fromMatrix(BoolMatrix allowed) { return {MaskKind::Custom, 1, 0, std::move(allowed)}; }
};

// "none", "causal", "window:K", "padding:N" (the command line and matrices-file spelling).
Result<MaskSpec> parseMaskSpec(const QString& text);
QString maskSpecName(const MaskSpec& spec);

// spec, T queries, S keys -> allowed (T, S). Fails only for a custom matrix of the wrong shape
// or a window < 1 / padding < 0.
Result<BoolMatrix> buildMask(const MaskSpec& spec, int queries, int keys);

} // namespace attnlab::model
