#include "model/training/trainable_gpt.h"

#include "model/training/training_kernels.h"

#include <algorithm>
#include <cassert>

namespace attnlab::model {

using namespace training;

namespace {

// Scalars of forward activations per position (N = 1), of the attention maps per sequence, and of the gradient
// scratch per position, for the arena's size.
struct ArenaSizes {
    std::size_t perPosition, perSequence, gradPerPosition, gradFixed;
};

ArenaSizes arenaSizes(const GptShape& s, int T)
{
    const std::size_t C = std::size_t(s.dModel), F = std::size_t(s.dFf()), V = std::size_t(s.vocab);
    const std::size_t L = std::size_t(s.layers);
    // per layer: ln1 (C) + mean, rstd (2) + qkv (3C) + atty (C) + residual2 (C) [+ ln2 (C) + 2 + fch, fchGelu (2F)
    // + residual3 (C)]
    const std::size_t attention = C + 2 + 3 * C + C + C;
    const std::size_t mlp = s.attentionOnly ? 0 : C + 2 + 2 * F + C;
    const std::size_t perPosition = C /*encoded*/ + L * (attention + mlp) + C + 2 /*ln_f*/ + V /*probs*/ + 1 /*loss*/;
    const std::size_t perSequence = L * std::size_t(s.heads) * std::size_t(T) * std::size_t(T);
    // gradients of activations: the residual (C), a LayerNorm's output (C), qkv (3C), atty (C), fch (F), gelu (F)
    const std::size_t gradPerPosition = C + C + 3 * C + C + 2 * F;
    return {perPosition, perSequence, gradPerPosition, std::size_t(attentionScratchSize(T))};
}

} // namespace

template <typename Scalar>
TrainableGpt<Scalar>::TrainableGpt(const GptShape& shape, int maxBatch, int maxLength)
    : m_layout(shape), m_maxBatch(maxBatch), m_maxLength(maxLength)
{
    assert(maxBatch >= 1 && maxLength >= 1 && maxLength <= shape.context);
    m_parameters.assign(m_layout.bufferSize(), Scalar(0));
    m_gradients.assign(m_layout.bufferSize(), Scalar(0));
    const ArenaSizes a = arenaSizes(shape, maxLength);
    const std::size_t N = std::size_t(maxBatch) * std::size_t(maxLength);
    m_arena.assign(a.perPosition * N + a.perSequence * std::size_t(maxBatch), Scalar(0));
    m_gradArena.assign(a.gradPerPosition * N + a.gradFixed, Scalar(0));
    m_layers.resize(std::size_t(shape.layers));
    m_inputs.reserve(N);
    m_targets.reserve(N);
}

template <typename Scalar> void TrainableGpt<Scalar>::placeActivations(int batch, int length)
{
    const GptShape& s = shape();
    const std::size_t N = std::size_t(batch) * std::size_t(length), C = std::size_t(s.dModel),
                      F = std::size_t(s.dFf());
    Scalar* next = m_arena.data();
    auto take = [&next](std::size_t n) {
        Scalar* p = next;
        next += n;
        return p;
    };
    m_encoded = take(N * C);
    for (LayerActivations& a : m_layers) {
        a.ln1 = take(N * C);
        a.ln1Mean = take(N);
        a.ln1Rstd = take(N);
        a.qkv = take(3 * N * C);
        a.att = take(std::size_t(batch) * std::size_t(s.heads) * std::size_t(length) * std::size_t(length));
        a.atty = take(N * C);
        a.residual2 = take(N * C);
        if (s.attentionOnly) {
            a.ln2 = a.ln2Mean = a.ln2Rstd = a.fch = a.fchGelu = nullptr;
            a.residual3 = a.residual2;
        } else {
            a.ln2 = take(N * C);
            a.ln2Mean = take(N);
            a.ln2Rstd = take(N);
            a.fch = take(N * F);
            a.fchGelu = take(N * F);
            a.residual3 = take(N * C);
        }
    }
    m_lnf = take(N * C);
    m_lnfMean = take(N);
    m_lnfRstd = take(N);
    m_probs = take(N * std::size_t(s.vocab));
    m_losses = take(N);
    assert(next <= m_arena.data() + m_arena.size());
}

template <typename Scalar> const Scalar* TrainableGpt<Scalar>::param(ParameterKind kind, int layer) const
{
    return (m_shared ? m_shared->data() : m_parameters.data()) + m_layout.tensor(kind, layer).offset;
}

template <typename Scalar> void TrainableGpt<Scalar>::shareParameters(const ParameterBuffer<Scalar>& source)
{
    assert(source.size() == m_layout.bufferSize());
    m_shared = &source;
    m_parameters.clear();
    m_parameters.shrink_to_fit();
}

template <typename Scalar> Scalar* TrainableGpt<Scalar>::grad(ParameterKind kind, int layer)
{
    return m_gradients.data() + m_layout.tensor(kind, layer).offset;
}

template <typename Scalar>
Scalar TrainableGpt<Scalar>::forward(const int* inputs, const int* targets, int batch, int length)
{
    assert(batch >= 1 && batch <= m_maxBatch && length >= 1 && length <= m_maxLength);
    const GptShape& s = shape();
    const int B = batch, T = length, N = B * T, C = s.dModel, H = s.heads, F = s.dFf(), V = s.vocab;
    m_batch = B;
    m_length = T;
    m_inputs.assign(inputs, inputs + N);
    m_targets.assign(targets, targets + N);
    placeActivations(B, T);

    using K = ParameterKind;
    encoderForward(m_encoded, inputs, param(K::TokenEmbedding), param(K::PositionEmbedding), B, T, C);
    const Scalar* residual = m_encoded;
    for (int l = 0; l < s.layers; ++l) {
        LayerActivations& a = m_layers[std::size_t(l)];
        layerNormForward(a.ln1, a.ln1Mean, a.ln1Rstd, residual, param(K::Ln1Weight, l), param(K::Ln1Bias, l), N, C);
        matmulForward(a.qkv, a.ln1, param(K::AttnWeight, l), param(K::AttnBias, l), N, C, 3 * C);
        attentionForward(a.atty, a.att, a.qkv, B, T, C, H);
        // residual2 = residual + atty·W_O + b_O: the projection first, then the stream added in place.
        matmulForward(a.residual2, a.atty, param(K::AttnProjWeight, l), param(K::AttnProjBias, l), N, C, C);
        MatrixMap<Scalar>(a.residual2, N, C) += ConstMatrixMap<Scalar>(residual, N, C);
        if (!s.attentionOnly) {
            layerNormForward(a.ln2, a.ln2Mean, a.ln2Rstd, a.residual2, param(K::Ln2Weight, l), param(K::Ln2Bias, l), N, C);
            matmulForward(a.fch, a.ln2, param(K::FcWeight, l), param(K::FcBias, l), N, C, F);
            geluForward(a.fchGelu, a.fch, std::ptrdiff_t(N) * F);
            matmulForward(a.residual3, a.fchGelu, param(K::FcProjWeight, l), param(K::FcProjBias, l), N, F, C);
            MatrixMap<Scalar>(a.residual3, N, C) += ConstMatrixMap<Scalar>(a.residual2, N, C);
        }
        residual = a.residual3;
    }
    layerNormForward(m_lnf, m_lnfMean, m_lnfRstd, residual, param(K::LnfWeight), param(K::LnfBias), N, C);
    m_graded = logitsAndLossForward(m_probs, m_losses, m_lnf, param(K::TokenEmbedding), targets, N, C, V);
    // The accuracy now: backward overwrites the probabilities with their gradient.
    m_correct = 0;
    for (int n = 0; n < N; ++n) {
        if (targets[n] < 0) continue;
        const Scalar* p = m_probs + std::size_t(n) * V;
        m_correct += int(std::max_element(p, p + V) - p) == targets[n];
    }
    // The sum in double: N losses of float would lose digits to the order of the sum.
    m_lossSum = 0;
    for (int n = 0; n < N; ++n)
        m_lossSum += double(m_losses[n]);
    return m_graded == 0 ? Scalar(0) : Scalar(m_lossSum / m_graded);
}

template <typename Scalar> void TrainableGpt<Scalar>::backward(int gradedTotal)
{
    assert(m_batch > 0);
    const GptShape& s = shape();
    const int B = m_batch, T = m_length, N = B * T, C = s.dModel, H = s.heads, F = s.dFf(), V = s.vocab;
    std::fill(m_gradients.begin(), m_gradients.end(), Scalar(0));

    // The gradient arena's pieces: dresidual carries the stream's gradient down through the blocks.
    Scalar* g = m_gradArena.data();
    Scalar* dresidual = g;
    Scalar* dln = dresidual + std::size_t(N) * C;
    Scalar* dqkv = dln + std::size_t(N) * C;
    Scalar* datty = dqkv + 3 * std::size_t(N) * C;
    Scalar* dfch = datty + std::size_t(N) * C;
    Scalar* dgelu = dfch + std::size_t(N) * F;
    Scalar* scratch = dgelu + std::size_t(N) * F;

    using K = ParameterKind;
    const Scalar* lastResidual = s.layers > 0 ? m_layers.back().residual3 : m_encoded;
    std::fill(dln, dln + std::size_t(N) * C, Scalar(0));
    logitsAndLossBackward(dln, grad(K::TokenEmbedding), m_probs, m_lnf, param(K::TokenEmbedding), m_targets.data(),
                          gradedTotal > 0 ? gradedTotal : m_graded, N, C, V);
    std::fill(dresidual, dresidual + std::size_t(N) * C, Scalar(0));
    layerNormBackward(dresidual, grad(K::LnfWeight), grad(K::LnfBias), dln, lastResidual, param(K::LnfWeight),
                      m_lnfMean, m_lnfRstd, N, C);

    for (int l = s.layers - 1; l >= 0; --l) {
        LayerActivations& a = m_layers[std::size_t(l)];
        const Scalar* residual = l == 0 ? m_encoded : m_layers[std::size_t(l - 1)].residual3;
        if (!s.attentionOnly) {
            // residual3 = residual2 + mlp(residual2): dresidual flows to residual2 as is, plus the MLP's path.
            std::fill(dgelu, dgelu + std::size_t(N) * F, Scalar(0));
            matmulBackward(dgelu, grad(K::FcProjWeight, l), grad(K::FcProjBias, l), dresidual, a.fchGelu,
                           param(K::FcProjWeight, l), N, F, C);
            std::fill(dfch, dfch + std::size_t(N) * F, Scalar(0));
            geluBackward(dfch, a.fch, dgelu, std::ptrdiff_t(N) * F);
            std::fill(dln, dln + std::size_t(N) * C, Scalar(0));
            matmulBackward(dln, grad(K::FcWeight, l), grad(K::FcBias, l), dfch, a.ln2, param(K::FcWeight, l), N, C, F);
            layerNormBackward(dresidual, grad(K::Ln2Weight, l), grad(K::Ln2Bias, l), dln, a.residual2,
                              param(K::Ln2Weight, l), a.ln2Mean, a.ln2Rstd, N, C);
        }
        // residual2 = residual + attn(residual)
        std::fill(datty, datty + std::size_t(N) * C, Scalar(0));
        matmulBackward(datty, grad(K::AttnProjWeight, l), grad(K::AttnProjBias, l), dresidual, a.atty,
                       param(K::AttnProjWeight, l), N, C, C);
        attentionBackward(dqkv, scratch, datty, a.qkv, a.att, B, T, C, H);
        std::fill(dln, dln + std::size_t(N) * C, Scalar(0));
        matmulBackward(dln, grad(K::AttnWeight, l), grad(K::AttnBias, l), dqkv, a.ln1, param(K::AttnWeight, l), N, C,
                       3 * C);
        // The key bias adds q_t·b_k to every score of row t, which softmax ignores: its gradient is exactly 0.
        // Computed, it is rounding noise (Σ_s dS[t][s] = 0 only up to rounding), which AdamW's division by
        // √v + ε would turn into steps of up to the learning rate; the exact value leaves the bias where it is.
        std::fill(grad(K::AttnBias, l) + C, grad(K::AttnBias, l) + 2 * C, Scalar(0));
        layerNormBackward(dresidual, grad(K::Ln1Weight, l), grad(K::Ln1Bias, l), dln, residual, param(K::Ln1Weight, l),
                          a.ln1Mean, a.ln1Rstd, N, C);
    }
    encoderBackward(grad(K::TokenEmbedding), grad(K::PositionEmbedding), dresidual, m_inputs.data(), B, T, C);
}

template <typename Scalar> const Scalar* TrainableGpt<Scalar>::probabilities(int b, int t) const
{
    return m_probs + (std::size_t(b) * m_length + std::size_t(t)) * shape().vocab;
}

template <typename Scalar> const Scalar* TrainableGpt<Scalar>::attention(int layer, int b, int head) const
{
    const std::size_t T = std::size_t(m_length);
    return m_layers[std::size_t(layer)].att + (std::size_t(b) * shape().heads + std::size_t(head)) * T * T;
}

template class TrainableGpt<float>;
template class TrainableGpt<double>;

} // namespace attnlab::model
