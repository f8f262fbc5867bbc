#pragma once

// Normalisations of the residual stream, token by token (row by row): LayerNorm (GPT-2, BERT, the toy
// model) and RMSNorm (Llama), each with the statistics it divided by, which the views show. Compiled once,
// in norms.cpp, for Matrix and MatrixF (kernel_types.h).

#include "model/core/matrix_types.h"
#include "model/kernels/kernel_types.h"

namespace attnlab::model {

// Per token statistics over the features, before γ and β: LayerNorm's mean and biased variance. RMSNorm
// reports mean 0 and its mean square as the variance, so that the views show both norms alike. Double
// whatever the kernel's type: they go into the Trace.
struct NormStats {
    Vector mean;     // (T)
    Vector variance; // (T)
};

// x: (T, d) -> (T, d): (x − mean) / √(variance + eps) · γ + β per row, with the biased variance (divided by
// d) as torch.nn.LayerNorm. γ, β: (d), or empty for 1 and 0. The statistics go to *stats when given.
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options>
layerNorm(const KernelMatrix<Scalar, Options>& x, const KernelRowVector<Scalar>& gamma,
          const KernelRowVector<Scalar>& beta, double eps, NormStats* stats = nullptr);

// x: (T, d) -> (T, d): x / √(mean(x²) + eps) · γ per row, as Llama's RMSNorm. γ: (d), or empty for 1.
// *stats, when given, receives mean 0 and variance mean(x²).
template <typename Scalar, int Options>
KernelMatrix<Scalar, Options> rmsNorm(const KernelMatrix<Scalar, Options>& x,
                                      const KernelRowVector<Scalar>& gamma, double eps,
                                      NormStats* stats = nullptr);

} // namespace attnlab::model
