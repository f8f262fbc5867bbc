#pragma once

// The feed-forward networks' elementwise activations, one enum for every model: the toy model's choice and
// the checkpoints' config.json (whose Hugging Face spellings model_config.cpp maps onto it). activateInPlace
// is compiled once, in activations.cpp, for Matrix and MatrixF (kernel_types.h).

#include "model/core/result.h"
#include "model/kernels/kernel_types.h"

#include <QString>

namespace attnlab::model {

enum class Activation {
    ReLU,     // max(x, 0)
    Gelu,     // x·Φ(x) = ½x(1 + erf(x/√2)), exact
    GeluTanh, // ½x(1 + tanh(√(2/π)(x + 0.044715x³))), the approximation GPT-2 was trained with
    Silu,     // x·σ(x) = x / (1 + e^−x), Llama's (also called swish)
};

// The names, one per enum value: "relu", "gelu", "gelu_tanh", "silu".
QString activationName(Activation activation);
// One of those names (case and surrounding spaces ignored) -> the activation, or an error listing them.
Result<Activation> parseActivation(const QString& text);

// x: any shape -> the same shape, each entry replaced by activation(entry).
template <typename Scalar, int Options>
void activateInPlace(KernelMatrix<Scalar, Options>& x, Activation activation);

// x: any shape, a matrix or an expression -> activation applied to every entry, x left as it is.
template <typename Derived>
typename Derived::PlainObject activate(const Eigen::MatrixBase<Derived>& x, Activation activation)
{
    typename Derived::PlainObject out = x;
    activateInPlace(out, activation);
    return out;
}

} // namespace attnlab::model
