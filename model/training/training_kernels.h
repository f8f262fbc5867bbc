#pragma once

// The layers of a trainable GPT, each a forward and, beside it, its backward, written by hand (as llm.c writes
// them) for one precision-independent template: float for training, double for the finite-difference checks.
//
// Conventions. N = B·T positions, C = d_model, H heads of hd = C / H features, F = 4·C, V the vocabulary.
// Every matrix is row-major and contiguous; (N, C) means N rows of C. Parameters are read in GPT-2's Conv1D
// layout, W (in, out), so a projection is out = inp·W + b. A backward ADDS into the gradients of the
// parameters (they are zeroed once per step) and of its input (dinp), so that a residual connection's two
// branches sum by themselves; it never reads what it writes.
//
// The kernels run on the calling thread: a step runs in parallel over shares of its batch (gpt_trainer.h), one
// synchronisation per step, which keeps its speed when another program holds a core (a parallel region per
// kernel waited for the busy core dozens of times a step).

#include <Eigen/Core>

namespace attnlab::model::training {

template <typename Scalar> using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar> using MatrixMap = Eigen::Map<RowMatrix<Scalar>>;
template <typename Scalar> using ConstMatrixMap = Eigen::Map<const RowMatrix<Scalar>>;

// out (N, C) = wte[inputs[n]] + wpe[n mod T]. inputs (N) in [0, V).
template <typename Scalar>
void encoderForward(Scalar* out, const int* inputs, const Scalar* wte, const Scalar* wpe, int B, int T, int C);
// dwte (V, C) += dout rows scattered by token; dwpe (T', C) += dout rows summed over the batch.
template <typename Scalar>
void encoderBackward(Scalar* dwte, Scalar* dwpe, const Scalar* dout, const int* inputs, int B, int T, int C);

// LayerNorm over each row of inp (N, C): out = (x − mean)·rstd·γ + β with rstd = 1/√(var + 1e-5) (biased
// variance, as torch.nn.LayerNorm). mean, rstd (N) are kept for the backward.
template <typename Scalar>
void layerNormForward(Scalar* out, Scalar* mean, Scalar* rstd, const Scalar* inp, const Scalar* gamma,
                      const Scalar* beta, int N, int C);
// With n̂ = (x − mean)·rstd and g = γ ⊙ dout: dinp += rstd·(g − mean(g) − n̂·mean(g ⊙ n̂)), dγ += Σ n̂ ⊙ dout,
// dβ += Σ dout (sums over rows).
template <typename Scalar>
void layerNormBackward(Scalar* dinp, Scalar* dgamma, Scalar* dbeta, const Scalar* dout, const Scalar* inp,
                       const Scalar* gamma, const Scalar* mean, const Scalar* rstd, int N, int C);

// out (N, OC) = inp (N, IC) · W (IC, OC) + bias (OC).
template <typename Scalar>
void matmulForward(Scalar* out, const Scalar* inp, const Scalar* weight, const Scalar* bias, int N, int IC, int OC);
// dinp (N, IC) += dout · Wᵀ;  dW (IC, OC) += inpᵀ · dout;  dbias (OC) += Σ_rows dout.
template <typename Scalar>
void matmulBackward(Scalar* dinp, Scalar* dweight, Scalar* dbias, const Scalar* dout, const Scalar* inp,
                    const Scalar* weight, int N, int IC, int OC);

// Causal self-attention of every (sequence b, head h):
//   qkv (N, 3C) holds q | k | v, head h's features at columns [h·hd, (h+1)·hd) of each third.
//   att (B, H, T, T): softmax(q·kᵀ/√hd) over keys s ≤ t (entries s > t are 0), kept for the backward and for
//   the Train window's maps. out (N, C): each head's att·v in its columns.
template <typename Scalar>
void attentionForward(Scalar* out, Scalar* att, const Scalar* qkv, int B, int T, int C, int H);
// dqkv (N, 3C) = the gradients of q, k and v (overwrites: each (b, h) owns its block); scratch holds T·T
// scalars for dP. With P = att, dO = dout's block:
//   dV = Pᵀ·dO,  dP = dO·Vᵀ,  dS = P ⊙ (dP − rowsum(P ⊙ dP)),  dQ = dS·K/√hd,  dK = dSᵀ·Q/√hd.
template <typename Scalar>
void attentionBackward(Scalar* dqkv, Scalar* scratch, const Scalar* dout, const Scalar* qkv, const Scalar* att,
                       int B, int T, int C, int H);
// Scalars of scratch attentionBackward needs.
int attentionScratchSize(int T);

// GELU with the tanh approximation (GPT-2's "gelu_new"): out = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), n values.
template <typename Scalar> void geluForward(Scalar* out, const Scalar* inp, std::ptrdiff_t n);
// dinp += dout · gelu'(inp).
template <typename Scalar> void geluBackward(Scalar* dinp, const Scalar* inp, const Scalar* dout, std::ptrdiff_t n);

// The tied output and the loss. logits (N, V) = inp (N, C) · wteᵀ, then probs = softmax(logits) row-wise
// (written over the logits). losses (N) = −log probs[n][target] for graded targets, 0 for ignored ones
// (target < 0). -> the graded positions' count.
template <typename Scalar>
int logitsAndLossForward(Scalar* probs, Scalar* losses, const Scalar* inp, const Scalar* wte, const int* targets,
                         int N, int C, int V);
// The mean loss's gradient: dlogits = (probs − onehot(target)) / graded for graded rows, 0 for ignored ones,
// written over probs; then dinp (N, C) += dlogits · wte and dwte (V, C) += dlogitsᵀ · inp.
template <typename Scalar>
void logitsAndLossBackward(Scalar* dinp, Scalar* dwte, Scalar* probs, const Scalar* inp, const Scalar* wte,
                           const int* targets, int graded, int N, int C, int V);

} // namespace attnlab::model::training
