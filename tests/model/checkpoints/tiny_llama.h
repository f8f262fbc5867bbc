#pragma once

// A tiny random Llama-family model for tests/model/checkpoints/tst_llama_model.cpp and tst_llama2c.cpp: its
// weights under the family's real state-dict names, written as a Hugging Face folder (config.json with the
// family's keys + model.safetensors, by tiny_checkpoint.h) or as a llama2.c .bin, and a forward pass in double
// written here with explicit loops from the equations of transformers' modeling_llama / _mistral / _qwen2 /
// _qwen3 / _gemma3 (RMSNorm, RoPE in either pairing, grouped-query causal attention with an optional sliding
// window, SwiGLU or GeGLU, and each family's additions), independent of the model layer.

#include "model/core/matrix_types.h"
#include "model/checkpoints/tiny_checkpoint.h"

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QString>
#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <vector>

namespace attnlab::test {

// config.json's rope_scaling, as the test writes it and reads it back in its reference.
struct RefRopeScaling {
    QString type; // "" (no rope_scaling), "linear" or "llama3"
    double factor = 1.0, lowFreqFactor = 1.0, highFreqFactor = 4.0;
    int originalMaxPositions = 8192;
};

struct TinyLlama {
    QString family = QStringLiteral("llama"); // model_type: llama, mistral, qwen2, qwen3, gemma3_text
    int d = 16, heads = 4, kvHeads = 2, layers = 2, ff = 24, vocab = 11, positions = 16;
    int headDim = 0; // written as head_dim when > 0; else d / heads
    bool tied = false;
    bool attentionBias = false; // llama, qwen3, gemma3: q/k/v/o_proj biases
    bool mlpBias = false;       // llama
    // The window W (query t sees keys t − W < s ≤ t): mistral on every layer; qwen2/qwen3 (use_sliding_window)
    // from layer maxWindowLayers on; gemma3 on all but every slidingPattern-th layer. 0: none.
    int slidingWindow = 0;
    int maxWindowLayers = 0;
    int slidingPattern = 2;
    double queryPreAttnScalar = 0.0; // gemma3
    double ropeTheta = 10000.0;
    double ropeLocalTheta = 10000.0; // gemma3's sliding layers
    RefRopeScaling rope;
    TensorMap tensors; // Hugging Face names

    int dh() const { return headDim > 0 ? headDim : d / heads; }
    int qd() const { return heads * dh(); }
    int kv() const { return kvHeads * dh(); }
    bool gemma() const { return family == QLatin1String("gemma3_text"); }
    bool qkNorm() const { return gemma() || family == QLatin1String("qwen3"); }
    bool qkvBias() const { return family == QLatin1String("qwen2") || (attentionBias && family != QLatin1String("mistral")); }
    bool outBias() const { return attentionBias && family != QLatin1String("mistral") && family != QLatin1String("qwen2"); }
    bool slides(int l) const
    {
        if (slidingWindow == 0) return false;
        if (family == QLatin1String("mistral")) return true;
        if (gemma()) return (l + 1) % slidingPattern != 0;
        return l >= maxWindowLayers;
    }
    const Tensor& operator[](const QString& name) const
    {
        const auto it = tensors.find(name);
        if (it == tensors.end()) qFatal("no tensor %s", qPrintable(name));
        return it->second;
    }
    const Tensor& layer(int l, const char* rest) const
    {
        return (*this)[QStringLiteral("model.layers.%1.").arg(l) + QLatin1String(rest)];
    }
};

inline TinyLlama randomLlama(TinyLlama spec, quint32 seed)
{
    QRandomGenerator rng(seed);
    const auto add = [&](const QString& name, std::vector<qint64> shape, double scale, double offset = 0.0) {
        spec.tensors[name] = randomTensor(rng, std::move(shape), scale, offset);
    };
    const qint64 d = spec.d, kv = spec.kv(), qd = spec.qd(), ff = spec.ff, dh = spec.dh();
    // gemma3 stores norm weights w for a factor (1 + w): around 0 there, around 1 elsewhere.
    const double normOffset = spec.gemma() ? 0.0 : 1.0;
    // gemma3 multiplies the embeddings by √d: smaller ones keep the tiny model's scores in a sensible range.
    add(QStringLiteral("model.embed_tokens.weight"), {spec.vocab, d}, spec.gemma() ? 0.25 : 1.0);
    for (int l = 0; l < spec.layers; ++l) {
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        add(p + QStringLiteral("input_layernorm.weight"), {d}, 0.3, normOffset);
        add(p + QStringLiteral("self_attn.q_proj.weight"), {qd, d}, 0.8);
        add(p + QStringLiteral("self_attn.k_proj.weight"), {kv, d}, 0.8);
        add(p + QStringLiteral("self_attn.v_proj.weight"), {kv, d}, 0.6);
        add(p + QStringLiteral("self_attn.o_proj.weight"), {d, qd}, 0.5);
        add(p + QStringLiteral("post_attention_layernorm.weight"), {d}, 0.3, normOffset);
        add(p + QStringLiteral("mlp.gate_proj.weight"), {ff, d}, 0.6);
        add(p + QStringLiteral("mlp.up_proj.weight"), {ff, d}, 0.6);
        add(p + QStringLiteral("mlp.down_proj.weight"), {d, ff}, 0.4);
        if (spec.qkvBias()) {
            add(p + QStringLiteral("self_attn.q_proj.bias"), {qd}, 0.5);
            add(p + QStringLiteral("self_attn.k_proj.bias"), {kv}, 0.5);
            add(p + QStringLiteral("self_attn.v_proj.bias"), {kv}, 0.5);
        }
        if (spec.outBias()) add(p + QStringLiteral("self_attn.o_proj.bias"), {d}, 0.5);
        if (spec.mlpBias) {
            add(p + QStringLiteral("mlp.gate_proj.bias"), {ff}, 0.5);
            add(p + QStringLiteral("mlp.up_proj.bias"), {ff}, 0.5);
            add(p + QStringLiteral("mlp.down_proj.bias"), {d}, 0.5);
        }
        if (spec.qkNorm()) {
            add(p + QStringLiteral("self_attn.q_norm.weight"), {dh}, 0.3, normOffset);
            add(p + QStringLiteral("self_attn.k_norm.weight"), {dh}, 0.3, normOffset);
        }
        if (spec.gemma()) {
            add(p + QStringLiteral("pre_feedforward_layernorm.weight"), {d}, 0.3);
            add(p + QStringLiteral("post_feedforward_layernorm.weight"), {d}, 0.3);
        }
    }
    add(QStringLiteral("model.norm.weight"), {d}, 0.3, normOffset);
    if (!spec.tied) add(QStringLiteral("lm_head.weight"), {spec.vocab, d}, 1.0);
    return spec;
}

inline void appendFloats(QByteArray& out, const std::vector<float>& values)
{
    for (float v : values) {
        char b[4];
        qToLittleEndian<quint32>(std::bit_cast<quint32>(v), b);
        out.append(b, 4);
    }
}

inline void appendInt(QByteArray& out, qint32 v)
{
    char b[4];
    qToLittleEndian<qint32>(v, b);
    out.append(b, 4);
}

// config.json as the family writes it: Llama's keys, and the family's own (head_dim, biases, sliding window,
// gemma3's scalars). Keys a family's configuration class lacks are left out.
inline QByteArray llamaConfigJson(const TinyLlama& m)
{
    QString ropeScaling = QStringLiteral("null");
    if (m.rope.type == QLatin1String("linear"))
        ropeScaling = QStringLiteral(R"({"type": "linear", "factor": %1})").arg(m.rope.factor);
    else if (m.rope.type == QLatin1String("llama3"))
        ropeScaling = QStringLiteral(R"({"rope_type": "llama3", "factor": %1, "low_freq_factor": %2, )"
                                     R"("high_freq_factor": %3, "original_max_position_embeddings": %4})")
                          .arg(m.rope.factor)
                          .arg(m.rope.lowFreqFactor)
                          .arg(m.rope.highFreqFactor)
                          .arg(m.rope.originalMaxPositions);
    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    QString extra;
    if (m.headDim > 0) extra += QStringLiteral(R"(, "head_dim": %1)").arg(m.headDim);
    if (m.family == QLatin1String("llama"))
        extra += QStringLiteral(R"(, "attention_bias": %1, "mlp_bias": %2)").arg(flag(m.attentionBias), flag(m.mlpBias));
    if (m.family == QLatin1String("qwen3") || m.gemma())
        extra += QStringLiteral(R"(, "attention_bias": %1)").arg(flag(m.attentionBias));
    if (m.family == QLatin1String("mistral"))
        extra += m.slidingWindow > 0 ? QStringLiteral(R"(, "sliding_window": %1)").arg(m.slidingWindow)
                                     : QStringLiteral(R"(, "sliding_window": null)");
    if (m.family == QLatin1String("qwen2") || m.family == QLatin1String("qwen3"))
        extra += QStringLiteral(R"(, "use_sliding_window": %1, "sliding_window": %2, "max_window_layers": %3)")
                     .arg(flag(m.slidingWindow > 0))
                     .arg(m.slidingWindow > 0 ? m.slidingWindow : 4096)
                     .arg(m.maxWindowLayers);
    if (m.gemma())
        extra += QStringLiteral(R"(, "sliding_window": %1, "sliding_window_pattern": %2, "query_pre_attn_scalar": %3,)"
                                R"( "rope_local_base_freq": %4, "hidden_activation": "gelu_pytorch_tanh",)"
                                R"( "final_logit_softcapping": null, "attn_logit_softcapping": null)")
                     .arg(m.slidingWindow > 0 ? QString::number(m.slidingWindow) : QStringLiteral("null"))
                     .arg(m.slidingPattern)
                     .arg(m.queryPreAttnScalar)
                     .arg(m.ropeLocalTheta);
    else
        extra += QStringLiteral(R"(, "hidden_act": "silu")");
    return QStringLiteral(R"({"model_type": "%1", "hidden_size": %2, "intermediate_size": %3,
        "num_hidden_layers": %4, "num_attention_heads": %5, "num_key_value_heads": %6, "vocab_size": %7,
        "max_position_embeddings": %8, "rms_norm_eps": 1e-05, "rope_theta": %9,
        "tie_word_embeddings": %10, "rope_scaling": %11%12})")
        .arg(m.family)
        .arg(m.d)
        .arg(m.ff)
        .arg(m.layers)
        .arg(m.heads)
        .arg(m.kvHeads)
        .arg(m.vocab)
        .arg(m.positions)
        .arg(m.ropeTheta)
        .arg(flag(m.tied))
        .arg(ropeScaling)
        .arg(extra)
        .toUtf8();
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

inline void writeHfLlama(const QString& folder, const TinyLlama& m)
{
    if (!writeCheckpoint(folder, llamaConfigJson(m), m.tensors))
        qFatal("cannot write %s", qPrintable(folder));
}

// run.c's legacy .bin: 7 int32 (vocab negative when the classifier is separate), then the arrays in its
// order. The freq_cis block is filled with a marker value nobody should read.
inline QByteArray llama2cBytes(const TinyLlama& m)
{
    QByteArray out;
    for (qint32 v : {m.d, m.ff, m.layers, m.heads, m.kvHeads, m.tied ? m.vocab : -m.vocab, m.positions})
        appendInt(out, v);
    appendFloats(out, m[QStringLiteral("model.embed_tokens.weight")].data);
    for (const char* array :
         {"input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight",
          "self_attn.v_proj.weight", "self_attn.o_proj.weight", "post_attention_layernorm.weight",
          "mlp.gate_proj.weight", "mlp.down_proj.weight", "mlp.up_proj.weight"})
        for (int l = 0; l < m.layers; ++l)
            appendFloats(out, m.layer(l, array).data);
    appendFloats(out, m[QStringLiteral("model.norm.weight")].data);
    appendFloats(out, std::vector<float>(size_t(m.positions * m.dh()), 123.0f));
    if (!m.tied) appendFloats(out, m[QStringLiteral("lm_head.weight")].data);
    return out;
}

// ---- the reference forward in double --------------------------------------------------------------------

struct LlamaReference {
    std::vector<std::vector<model::Matrix>> q;       // [layer][head] (T, dh) after the q norm and RoPE
    std::vector<std::vector<model::Matrix>> weights; // [layer][head] (T, T)
    model::Matrix embeddings;                        // (T, d) the stream entering layer 0
    std::vector<model::Matrix> stream;               // [layer] (T, d) the stream leaving it
    model::Matrix logits;                            // (T, vocab)
};

// x: (T, n) -> x / sqrt(mean(x²) + 1e-5) · γ per row; gemma3's Gemma3RMSNorm multiplies by (1 + γ).
inline model::Matrix refRmsNorm(const model::Matrix& x, const Tensor& gamma, bool plusOne = false)
{
    model::Matrix out(x.rows(), x.cols());
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        double ms = 0.0;
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            ms += x(t, i) * x(t, i) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            out(t, i) = x(t, i) / std::sqrt(ms + 1e-5) * ((plusOne ? 1.0 : 0.0) + gamma.data[size_t(i)]);
    }
    return out;
}

// x: (T, heads·dh) -> refRmsNorm over each head's dh features (qwen3's and gemma3's q_norm / k_norm, applied to
// the view (…, heads, dh)).
inline model::Matrix refHeadNorm(const model::Matrix& x, int dh, const Tensor& gamma, bool plusOne)
{
    model::Matrix out(x.rows(), x.cols());
    for (Eigen::Index h = 0; h < x.cols() / dh; ++h)
        out.middleCols(h * dh, dh) = refRmsNorm(x.middleCols(h * dh, dh), gamma, plusOne);
    return out;
}

// x: (T, in), w: (out, in) torch Linear -> (T, out) = x · wᵀ, + b (out) when given
inline model::Matrix refLinear(const model::Matrix& x, const Tensor& w, const Tensor* b = nullptr)
{
    model::Matrix y(x.rows(), w.shape[0]);
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (qint64 o = 0; o < w.shape[0]; ++o) {
            double sum = b ? b->at(o) : 0.0;
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                sum += x(t, i) * w.at(o, i);
            y(t, o) = sum;
        }
    return y;
}

// inv_freq of pair i, as transformers' modeling_rope_utils computes it (_compute_default_rope_parameters,
// _compute_linear_scaling_rope_parameters, _compute_llama3_parameters), written out line by line.
inline double refInvFreq(int i, int dh, const RefRopeScaling& s, double base = 10000.0)
{
    const double invFreq = 1.0 / std::pow(base, 2.0 * i / dh);
    if (s.type == QLatin1String("linear")) return invFreq / s.factor;
    if (s.type != QLatin1String("llama3")) return invFreq;
    const double lowFreqWavelen = s.originalMaxPositions / s.lowFreqFactor;
    const double highFreqWavelen = s.originalMaxPositions / s.highFreqFactor;
    const double wavelen = 2 * std::numbers::pi / invFreq;
    // wavelen < high_freq_wavelen: do nothing; wavelen > low_freq_wavelen: divide by factor
    const double invFreqLlama = wavelen > lowFreqWavelen ? invFreq / s.factor : invFreq;
    // otherwise: interpolate between the two, using a smooth factor
    const double smoothFactor =
        (s.originalMaxPositions / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
    const double smoothedInvFreq = (1 - smoothFactor) * invFreqLlama / s.factor + smoothFactor * invFreqLlama;
    const bool isMediumFreq = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
    return isMediumFreq ? smoothedInvFreq : invFreqLlama;
}

// x: (T, n·dh) -> every head's features rotated by position: the pair (j, j + dh/2) (rotate-half) or
// (2i, 2i + 1) (interleaved) of frequency i turns by t · inv_freq(i).
inline model::Matrix refRope(model::Matrix x, int dh, bool interleaved, const RefRopeScaling& scaling = {},
                             double base = 10000.0)
{
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (Eigen::Index h = 0; h < x.cols() / dh; ++h)
            for (int i = 0; i < dh / 2; ++i) {
                const double angle = double(t) * refInvFreq(i, dh, scaling, base);
                const Eigen::Index a = h * dh + (interleaved ? 2 * i : i);
                const Eigen::Index b = h * dh + (interleaved ? 2 * i + 1 : i + dh / 2);
                const double x0 = x(t, a), x1 = x(t, b);
                x(t, a) = x0 * std::cos(angle) - x1 * std::sin(angle);
                x(t, b) = x0 * std::sin(angle) + x1 * std::cos(angle);
            }
    return x;
}

// transformers' ACT2FN: "silu" x·σ(x); gemma3's "gelu_pytorch_tanh" 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
inline double refActivation(double x, bool geluTanh)
{
    if (!geluTanh) return x / (1.0 + std::exp(-x));
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
}

inline LlamaReference llamaReference(const TinyLlama& m, const std::vector<int>& ids, bool interleaved)
{
    const int T = int(ids.size()), dh = m.dh();
    const bool gemma = m.gemma();
    const Tensor& embed = m[QStringLiteral("model.embed_tokens.weight")];
    const auto optional = [&m](int l, const char* rest) -> const Tensor* {
        const auto it = m.tensors.find(QStringLiteral("model.layers.%1.").arg(l) + QLatin1String(rest));
        return it == m.tensors.end() ? nullptr : &it->second;
    };
    LlamaReference ref;
    model::Matrix x(T, m.d);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < m.d; ++i)
            x(t, i) = embed.at(ids[size_t(t)], i) * (gemma ? std::sqrt(double(m.d)) : 1.0); // Gemma3TextScaledWordEmbedding
    ref.embeddings = x;
    // Gemma3Attention: scaling = query_pre_attn_scalar ** -0.5; the others head_dim ** -0.5.
    const double scaling = 1.0 / std::sqrt(gemma ? m.queryPreAttnScalar : double(dh));
    for (int l = 0; l < m.layers; ++l) {
        const bool sliding = m.slides(l);
        // gemma3: sliding layers use the local base and plain RoPE; global ones rope_theta and rope_scaling.
        const RefRopeScaling ropeScaling = gemma && sliding ? RefRopeScaling{} : m.rope;
        const double base = gemma && sliding ? m.ropeLocalTheta : m.ropeTheta;
        const model::Matrix a = refRmsNorm(x, m.layer(l, "input_layernorm.weight"), gemma);
        model::Matrix q = refLinear(a, m.layer(l, "self_attn.q_proj.weight"), optional(l, "self_attn.q_proj.bias"));
        model::Matrix k = refLinear(a, m.layer(l, "self_attn.k_proj.weight"), optional(l, "self_attn.k_proj.bias"));
        const model::Matrix v =
            refLinear(a, m.layer(l, "self_attn.v_proj.weight"), optional(l, "self_attn.v_proj.bias"));
        if (m.qkNorm()) {
            q = refHeadNorm(q, dh, m.layer(l, "self_attn.q_norm.weight"), gemma);
            k = refHeadNorm(k, dh, m.layer(l, "self_attn.k_norm.weight"), gemma);
        }
        q = refRope(q, dh, interleaved, ropeScaling, base);
        k = refRope(k, dh, interleaved, ropeScaling, base);
        model::Matrix y = model::Matrix::Zero(T, m.qd());
        ref.q.emplace_back();
        ref.weights.emplace_back();
        for (int h = 0; h < m.heads; ++h) {
            const int g = h * m.kvHeads / m.heads; // grouped-query: consecutive query heads share a kv head
            model::Matrix w = model::Matrix::Zero(T, T);
            for (int t = 0; t < T; ++t) {
                // create_sliding_window_causal_mask: key s is seen when s ≤ t and s > t − sliding_window.
                const int first = sliding ? std::max(0, t - m.slidingWindow + 1) : 0;
                double max = -1e300, sum = 0.0;
                for (int s = first; s <= t; ++s) {
                    double dot = 0.0;
                    for (int e = 0; e < dh; ++e)
                        dot += q(t, h * dh + e) * k(s, g * dh + e);
                    w(t, s) = dot * scaling;
                    max = std::max(max, w(t, s));
                }
                for (int s = first; s <= t; ++s)
                    sum += (w(t, s) = std::exp(w(t, s) - max));
                for (int s = first; s <= t; ++s) {
                    w(t, s) /= sum;
                    for (int e = 0; e < dh; ++e)
                        y(t, h * dh + e) += w(t, s) * v(s, g * dh + e);
                }
            }
            ref.q.back().push_back(q.middleCols(h * dh, dh));
            ref.weights.back().push_back(w);
        }
        model::Matrix attn = refLinear(y, m.layer(l, "self_attn.o_proj.weight"), optional(l, "self_attn.o_proj.bias"));
        if (gemma) attn = refRmsNorm(attn, m.layer(l, "post_attention_layernorm.weight"), true);
        x += attn;
        const model::Matrix b = refRmsNorm(
            x, m.layer(l, gemma ? "pre_feedforward_layernorm.weight" : "post_attention_layernorm.weight"), gemma);
        model::Matrix gate = refLinear(b, m.layer(l, "mlp.gate_proj.weight"), optional(l, "mlp.gate_proj.bias"));
        const model::Matrix up = refLinear(b, m.layer(l, "mlp.up_proj.weight"), optional(l, "mlp.up_proj.bias"));
        for (Eigen::Index t = 0; t < gate.rows(); ++t)
            for (Eigen::Index j = 0; j < gate.cols(); ++j)
                gate(t, j) = refActivation(gate(t, j), gemma) * up(t, j);
        model::Matrix mlp = refLinear(gate, m.layer(l, "mlp.down_proj.weight"), optional(l, "mlp.down_proj.bias"));
        if (gemma) mlp = refRmsNorm(mlp, m.layer(l, "post_feedforward_layernorm.weight"), true);
        x += mlp;
        ref.stream.push_back(x);
    }
    const model::Matrix f = refRmsNorm(x, m[QStringLiteral("model.norm.weight")], gemma);
    ref.logits = refLinear(
        f, m[m.tied ? QStringLiteral("model.embed_tokens.weight") : QStringLiteral("lm_head.weight")]);
    return ref;
}

} // namespace attnlab::test
