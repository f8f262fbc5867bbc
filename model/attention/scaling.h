#pragma once

// How raw scores QKᵀ are scaled before the softmax.

#include "model/core/enum_names.h"
#include "model/core/result.h"

#include <QString>

namespace attnlab::model {

enum class ScaleKind {
    InverseSqrtDk, // 1/√d_k (Vaswani et al.), the default
    None,          // unscaled dot products
    Temperature,   // 1/τ for a user temperature τ > 0
};

// The kinds' names: a session and the control bar write the kind alone; the command line, matrices files and
// lessons write "temperature:T" (parseScaling).
inline constexpr std::array<EnumName<ScaleKind>, 3> kScaleKindNames{{
    {ScaleKind::InverseSqrtDk, "sqrt"},
    {ScaleKind::None, "none"},
    {ScaleKind::Temperature, "temperature"},
}};

// The temperature takes effect only for ScaleKind::Temperature, and is kept under the other kinds.
struct Scaling {
    ScaleKind kind = ScaleKind::InverseSqrtDk;
    double temperature = 1.0;

    bool operator==(const Scaling&) const = default;
};

// The factor the raw scores are multiplied by, for key width dk.
double scaleFactor(const Scaling& scaling, int dk);

// "sqrt" (1/√d_k), "none", "temperature:T".
Result<Scaling> parseScaling(const QString& text);
// The spelling parseScaling reads back as the same Scaling: "sqrt", "none", "temperature:T" with every digit
// of T.
QString scalingName(const Scaling& scaling);

} // namespace attnlab::model
