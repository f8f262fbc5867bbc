#include "model/kernels/activations.h"

#include <cmath>
#include <numbers>

namespace attnlab::model {

QString activationName(Activation activation)
{
    return enumName(kActivationNames, activation);
}

Result<Activation> parseActivation(const QString& raw)
{
    if (const auto activation = enumValue(kActivationNames, raw.trimmed().toLower())) return *activation;
    return Result<Activation>::failure(QStringLiteral("unknown activation \"%1\" (expected %2)")
                                           .arg(raw, enumNames(kActivationNames).join(QStringLiteral(", "))));
}

// x: any shape -> the same shape. One switch per call; inside each case Eigen evaluates the whole matrix,
// vectorised except for erf, which Eigen offers only in unsupported/ (so std::erf entry by entry).
template <typename Scalar, int Options>
void activateInPlace(KernelMatrix<Scalar, Options>& x, Activation activation)
{
    switch (activation) {
    case Activation::ReLU:
        x = x.cwiseMax(Scalar(0));
        return;
    case Activation::Gelu: {
        // x/√2 as x·√2/2, whose halving is exact.
        const Scalar sqrt2 = Scalar(std::numbers::sqrt2);
        x = x.unaryExpr(
            [sqrt2](Scalar v) { return Scalar(0.5) * v * (Scalar(1) + std::erf(v * sqrt2 / Scalar(2))); });
        return;
    }
    case Activation::GeluTanh: {
        const Scalar c = Scalar(std::sqrt(2.0 / std::numbers::pi));
        const Scalar cubic = Scalar(0.044715);
        x.array() =
            Scalar(0.5) * x.array() * (Scalar(1) + (c * (x.array() + cubic * x.array().cube())).tanh());
        return;
    }
    case Activation::Silu:
        x.array() = x.array() / (Scalar(1) + (-x.array()).exp());
        return;
    }
}

template void activateInPlace(KernelMatrix<double, Eigen::ColMajor>&, Activation);
template void activateInPlace(KernelMatrix<float, Eigen::RowMajor>&, Activation);

} // namespace attnlab::model
