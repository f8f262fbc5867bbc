#pragma once

// One optimizer step: global-norm gradient clipping, then AdamW exactly as PyTorch's torch.optim.AdamW computes it
// (Loshchilov & Hutter's decoupled weight decay), on the flat parameter buffer:
//   θ ← θ·(1 − lr·λ)                     (only tensors that decay: ParameterTensor::decays)
//   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
//   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
// with t the 1-based step.

#include "model/training/gpt_parameters.h"
#include "model/training/training_settings.h"

namespace attnlab::model {

// The gradients' global L2 norm √Σg² (summed in double), and when it exceeds maxNorm > 0 every gradient scaled
// by maxNorm / (norm + 1e-6), as torch.nn.utils.clip_grad_norm_. -> the norm before clipping. maxNorm 0: no
// clipping. The padding between tensors is 0 and stays 0.
template <typename Scalar> double clipGradientNorm(ParameterBuffer<Scalar>& gradients, double maxNorm);

template <typename Scalar> struct AdamWMoments {
    ParameterBuffer<Scalar> first, second; // m and v, the parameters' layout; zero before the first step
};

// step: the 1-based step t; lr: this step's learning rate. Updates parameters and moments in place.
template <typename Scalar>
void adamWStep(const ParameterLayout& layout, ParameterBuffer<Scalar>& parameters,
               const ParameterBuffer<Scalar>& gradients, AdamWMoments<Scalar>& moments, int step, double lr,
               const TrainingSettings& settings);

} // namespace attnlab::model
