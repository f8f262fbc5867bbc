#pragma once

// The feed-forward networks' elementwise activations, one enum for every model: the toy model's choice and
// the checkpoints' config.json (whose Hugging Face spellings model_config.cpp maps onto it). activateInPlace
// is compiled once, in activations.cpp, for Matrix and MatrixF (kernel_types.h).

#include "model/core/enum_names.h"
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

// The names of the command line (--activation), sessions and lessons, one per value. config.json's other
// spellings (gelu_new, swish, …) are read by model_config.cpp.
inline constexpr std::array<EnumName<Activation>, 4> kActivationNames{{
    {Activation::ReLU, "relu"},
    {Activation::Gelu, "gelu"},
    {Activation::GeluTanh, "gelu_tanh"},
    {Activation::Silu, "silu"},
}};

// The activation's name in kActivationNames.
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
