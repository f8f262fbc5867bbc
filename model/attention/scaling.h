#pragma once

// How raw scores QKᵀ are scaled before the softmax.

#include "model/core/result.h"

#include <QString>

namespace attnlab::model {

enum class ScaleKind {
    InverseSqrtDk, // 1/√d_k (Vaswani et al.), the default
    None,          // unscaled dot products
    Temperature,   // 1/τ for a user temperature τ > 0
};

struct Scaling {
    ScaleKind kind = ScaleKind::InverseSqrtDk;
    double temperature = 1.0;
};

// The factor the raw scores are multiplied by, for key width dk.
double scaleFactor(const Scaling& scaling, int dk);

// "sqrt" (1/√d_k), "none", "temperature:T".
Result<Scaling> parseScaling(const QString& text);
QString scalingName(const Scaling& scaling);

} // namespace attnlab::model
