#include "model/training/training_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace attnlab::model::training {

namespace {

template <typename Scalar> using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
template <typename Scalar> using RowMap = Eigen::Map<RowVector<Scalar>>;
template <typename Scalar> using ConstRowMap = Eigen::Map<const RowVector<Scalar>>;
// A block of columns of a row-major matrix: rows of `cols` scalars, `stride` apart.
template <typename Scalar>
using StridedMap = Eigen::Map<RowMatrix<Scalar>, 0, Eigen::OuterStride<>>;
template <typename Scalar>
using ConstStridedMap = Eigen::Map<const RowMatrix<Scalar>, 0, Eigen::OuterStride<>>;

constexpr double kLayerNormEps = 1e-5;

} // namespace

// ---- embeddings ----------------------------------------------------------------------------------------------

template <typename Scalar>
void encoderForward(Scalar* out, const int* inputs, const Scalar* wte, const Scalar* wpe, int B, int T, int C)
{
    for (int b = 0; b < B; ++b)
        for (int t = 0; t < T; ++t) {
            const int n = b * T + t;
            RowMap<Scalar>(out + std::ptrdiff_t(n) * C, C) =
                ConstRowMap<Scalar>(wte + std::ptrdiff_t(inputs[n]) * C, C) + ConstRowMap<Scalar>(wpe + std::ptrdiff_t(t) * C, C);
        }
}

template <typename Scalar>
void encoderBackward(Scalar* dwte, Scalar* dwpe, const Scalar* dout, const int* inputs, int B, int T, int C)
{
    // Sequential: two positions with the same token add into one row, in a fixed order.
    for (int b = 0; b < B; ++b)
        for (int t = 0; t < T; ++t) {
            const int n = b * T + t;
            const ConstRowMap<Scalar> d(dout + std::ptrdiff_t(n) * C, C);
            RowMap<Scalar>(dwte + std::ptrdiff_t(inputs[n]) * C, C) += d;
            RowMap<Scalar>(dwpe + std::ptrdiff_t(t) * C, C) += d;
        }
}

// ---- LayerNorm -----------------------------------------------------------------------------------------------

template <typename Scalar>
void layerNormForward(Scalar* out, Scalar* mean, Scalar* rstd, const Scalar* inp, const Scalar* gamma,
                      const Scalar* beta, int N, int C)
{
    const ConstRowMap<Scalar> g(gamma, C), bt(beta, C);
    for (int n = 0; n < N; ++n) {
        const ConstRowMap<Scalar> x(inp + std::ptrdiff_t(n) * C, C);
        const Scalar m = x.mean();
        const Scalar var = (x.array() - m).square().mean();
        const Scalar r = Scalar(1) / std::sqrt(var + Scalar(kLayerNormEps));
        RowMap<Scalar>(out + std::ptrdiff_t(n) * C, C).array() = (x.array() - m) * r * g.array() + bt.array();
        mean[n] = m;
        rstd[n] = r;
    }
}

template <typename Scalar>
void layerNormBackward(Scalar* dinp, Scalar* dgamma, Scalar* dbeta, const Scalar* dout, const Scalar* inp,
                       const Scalar* gamma, const Scalar* mean, const Scalar* rstd, int N, int C)
{
    const ConstRowMap<Scalar> g(gamma, C);
    for (int n = 0; n < N; ++n) {
        const auto x = ConstRowMap<Scalar>(inp + std::ptrdiff_t(n) * C, C).array();
        const auto d = ConstRowMap<Scalar>(dout + std::ptrdiff_t(n) * C, C).array();
        const RowVector<Scalar> norm = ((x - mean[n]) * rstd[n]).matrix();
        const RowVector<Scalar> dnorm = (g.array() * d).matrix();
        const Scalar dnormMean = dnorm.mean();
        const Scalar dnormNormMean = dnorm.dot(norm) / Scalar(C);
        RowMap<Scalar>(dinp + std::ptrdiff_t(n) * C, C).array() +=
            (dnorm.array() - dnormMean - norm.array() * dnormNormMean) * rstd[n];
    }
    // dγ, dβ: sums over the rows, in row order.
    RowMap<Scalar> dg(dgamma, C), db(dbeta, C);
    for (int n = 0; n < N; ++n) {
        const auto x = ConstRowMap<Scalar>(inp + std::ptrdiff_t(n) * C, C).array();
        const auto d = ConstRowMap<Scalar>(dout + std::ptrdiff_t(n) * C, C).array();
        dg.array() += (x - mean[n]) * rstd[n] * d;
        db.array() += d;
    }
}

// ---- projections ---------------------------------------------------------------------------------------------

template <typename Scalar>
void matmulForward(Scalar* out, const Scalar* inp, const Scalar* weight, const Scalar* bias, int N, int IC, int OC)
{
    MatrixMap<Scalar> o(out, N, OC);
    o.noalias() = ConstMatrixMap<Scalar>(inp, N, IC) * ConstMatrixMap<Scalar>(weight, IC, OC);
    o.rowwise() += ConstRowMap<Scalar>(bias, OC);
}

template <typename Scalar>
void matmulBackward(Scalar* dinp, Scalar* dweight, Scalar* dbias, const Scalar* dout, const Scalar* inp,
                    const Scalar* weight, int N, int IC, int OC)
{
    const ConstMatrixMap<Scalar> d(dout, N, OC);
    MatrixMap<Scalar>(dinp, N, IC).noalias() += d * ConstMatrixMap<Scalar>(weight, IC, OC).transpose();
    MatrixMap<Scalar>(dweight, IC, OC).noalias() += ConstMatrixMap<Scalar>(inp, N, IC).transpose() * d;
    RowMap<Scalar>(dbias, OC) += d.colwise().sum();
}

// ---- attention -----------------------------------------------------------------------------------------------

template <typename Scalar>
void attentionForward(Scalar* out, Scalar* att, const Scalar* qkv, int B, int T, int C, int H)
{
    const int hd = C / H;
    const Scalar scale = Scalar(1) / std::sqrt(Scalar(hd));
    const std::ptrdiff_t stride = 3 * std::ptrdiff_t(C);
    for (int bh = 0; bh < B * H; ++bh) {
        const int b = bh / H, h = bh % H;
        const Scalar* base = qkv + std::ptrdiff_t(b) * T * stride + std::ptrdiff_t(h) * hd;
        const ConstStridedMap<Scalar> q(base, T, hd, Eigen::OuterStride<>(stride));
        const ConstStridedMap<Scalar> k(base + C, T, hd, Eigen::OuterStride<>(stride));
        const ConstStridedMap<Scalar> v(base + 2 * C, T, hd, Eigen::OuterStride<>(stride));
        MatrixMap<Scalar> p(att + std::ptrdiff_t(bh) * T * T, T, T);
        p.noalias() = q * k.transpose();
        for (int t = 0; t < T; ++t) {
            auto row = p.row(t);
            auto seen = row.head(t + 1).array();
            const Scalar top = seen.maxCoeff() * scale;
            seen = (seen * scale - top).exp();
            seen /= seen.sum();
            row.tail(T - t - 1).setZero();
        }
        StridedMap<Scalar> o(out + std::ptrdiff_t(b) * T * C + std::ptrdiff_t(h) * hd, T, hd, Eigen::OuterStride<>(C));
        o.noalias() = p * v;
    }
}

int attentionScratchSize(int T)
{
    return T * T;
}

template <typename Scalar>
void attentionBackward(Scalar* dqkv, Scalar* scratch, const Scalar* dout, const Scalar* qkv, const Scalar* att,
                       int B, int T, int C, int H)
{
    const int hd = C / H;
    const Scalar scale = Scalar(1) / std::sqrt(Scalar(hd));
    const std::ptrdiff_t stride = 3 * std::ptrdiff_t(C);
    for (int bh = 0; bh < B * H; ++bh) {
        const int b = bh / H, h = bh % H;
        const std::ptrdiff_t offset = std::ptrdiff_t(b) * T * stride + std::ptrdiff_t(h) * hd;
        const ConstStridedMap<Scalar> q(qkv + offset, T, hd, Eigen::OuterStride<>(stride));
        const ConstStridedMap<Scalar> k(qkv + offset + C, T, hd, Eigen::OuterStride<>(stride));
        const ConstStridedMap<Scalar> v(qkv + offset + 2 * C, T, hd, Eigen::OuterStride<>(stride));
        StridedMap<Scalar> dq(dqkv + offset, T, hd, Eigen::OuterStride<>(stride));
        StridedMap<Scalar> dk(dqkv + offset + C, T, hd, Eigen::OuterStride<>(stride));
        StridedMap<Scalar> dv(dqkv + offset + 2 * C, T, hd, Eigen::OuterStride<>(stride));
        const ConstStridedMap<Scalar> dO(dout + std::ptrdiff_t(b) * T * C + std::ptrdiff_t(h) * hd, T, hd,
                                         Eigen::OuterStride<>(C));
        const ConstMatrixMap<Scalar> p(att + std::ptrdiff_t(bh) * T * T, T, T);
        MatrixMap<Scalar> dp(scratch, T, T);

        dv.noalias() = p.transpose() * dO;
        dp.noalias() = dO * v.transpose();
        // dS = P ⊙ (dP − rowsum(P ⊙ dP)), then the 1/√hd of the scores; zero above the diagonal, where P is.
        for (int t = 0; t < T; ++t) {
            auto row = dp.row(t).head(t + 1).array();
            const auto pr = p.row(t).head(t + 1).array();
            const Scalar dot = (pr * row).sum();
            row = pr * (row - dot) * scale;
            dp.row(t).tail(T - t - 1).setZero();
        }
        dq.noalias() = dp * k;
        dk.noalias() = dp.transpose() * q;
    }
}

// ---- GELU ----------------------------------------------------------------------------------------------------

namespace {
constexpr double kGeluScale = 0.7978845608028654; // √(2/π)
constexpr double kGeluCubic = 0.044715;
} // namespace

template <typename Scalar> void geluForward(Scalar* out, const Scalar* inp, std::ptrdiff_t n)
{
    const auto x = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>(inp, n);
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>(out, n) =
        Scalar(0.5) * x * (Scalar(1) + (Scalar(kGeluScale) * (x + Scalar(kGeluCubic) * x.cube())).tanh());
}

template <typename Scalar> void geluBackward(Scalar* dinp, const Scalar* inp, const Scalar* dout, std::ptrdiff_t n)
{
    const auto x = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>(inp, n);
    const auto d = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>(dout, n);
    const Eigen::Array<Scalar, Eigen::Dynamic, 1> th = (Scalar(kGeluScale) * (x + Scalar(kGeluCubic) * x.cube())).tanh();
    // d/dx ½x(1 + tanh u) = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>(dinp, n) +=
        d * (Scalar(0.5) * (Scalar(1) + th) +
             Scalar(0.5) * x * (Scalar(1) - th.square()) * Scalar(kGeluScale) * (Scalar(1) + Scalar(3 * kGeluCubic) * x.square()));
}

// ---- output and loss -----------------------------------------------------------------------------------------

template <typename Scalar>
int logitsAndLossForward(Scalar* probs, Scalar* losses, const Scalar* inp, const Scalar* wte, const int* targets,
                         int N, int C, int V)
{
    MatrixMap<Scalar> p(probs, N, V);
    p.noalias() = ConstMatrixMap<Scalar>(inp, N, C) * ConstMatrixMap<Scalar>(wte, V, C).transpose();
    int graded = 0;
    for (int n = 0; n < N; ++n) {
        auto row = p.row(n).array();
        row = (row - row.maxCoeff()).exp();
        row /= row.sum();
        if (targets[n] >= 0) {
            losses[n] = -std::log(std::max(row(targets[n]), std::numeric_limits<Scalar>::min()));
            ++graded;
        } else {
            losses[n] = Scalar(0);
        }
    }
    return graded;
}

template <typename Scalar>
void logitsAndLossBackward(Scalar* dinp, Scalar* dwte, Scalar* probs, const Scalar* inp, const Scalar* wte,
                           const int* targets, int graded, int N, int C, int V)
{
    MatrixMap<Scalar> d(probs, N, V);
    const Scalar perPosition = graded > 0 ? Scalar(1) / Scalar(graded) : Scalar(0);
    for (int n = 0; n < N; ++n) {
        if (targets[n] < 0) {
            d.row(n).setZero();
            continue;
        }
        d(n, targets[n]) -= Scalar(1);
        d.row(n) *= perPosition;
    }
    MatrixMap<Scalar>(dinp, N, C).noalias() += d * ConstMatrixMap<Scalar>(wte, V, C);
    MatrixMap<Scalar>(dwte, V, C).noalias() += d.transpose() * ConstMatrixMap<Scalar>(inp, N, C);
}

#define ATTNLAB_TRAINING_KERNELS(S)                                                                                 \
    template void encoderForward<S>(S*, const int*, const S*, const S*, int, int, int);                             \
    template void encoderBackward<S>(S*, S*, const S*, const int*, int, int, int);                                  \
    template void layerNormForward<S>(S*, S*, S*, const S*, const S*, const S*, int, int);                          \
    template void layerNormBackward<S>(S*, S*, S*, const S*, const S*, const S*, const S*, const S*, int, int);     \
    template void matmulForward<S>(S*, const S*, const S*, const S*, int, int, int);                                \
    template void matmulBackward<S>(S*, S*, S*, const S*, const S*, const S*, int, int, int);                       \
    template void attentionForward<S>(S*, S*, const S*, int, int, int, int);                                        \
    template void attentionBackward<S>(S*, S*, const S*, const S*, const S*, int, int, int, int);                   \
    template void geluForward<S>(S*, const S*, std::ptrdiff_t);                                                     \
    template void geluBackward<S>(S*, const S*, const S*, std::ptrdiff_t);                                          \
    template int logitsAndLossForward<S>(S*, S*, const S*, const S*, const int*, int, int, int);                    \
    template void logitsAndLossBackward<S>(S*, S*, S*, const S*, const S*, const int*, int, int, int, int);

ATTNLAB_TRAINING_KERNELS(float)
ATTNLAB_TRAINING_KERNELS(double)

} // namespace attnlab::model::training
