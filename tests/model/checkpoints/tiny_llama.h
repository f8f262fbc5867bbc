#pragma once

// A tiny random Llama for tests/model/checkpoints/tst_llama_model.cpp and tst_llama2c.cpp: its weights, written as a
// Hugging Face folder (config.json + model.safetensors, by tiny_checkpoint.h) or as a llama2.c .bin, and a
// forward pass in double written here with explicit loops (RMSNorm, RoPE in either pairing, grouped-query
// causal attention, SwiGLU), independent of the model layer.

#include "model/core/matrix_types.h"
#include "model/checkpoints/tiny_checkpoint.h"

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QString>
#include <QtEndian>

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
    int d = 16, heads = 4, kvHeads = 2, layers = 2, ff = 24, vocab = 11, positions = 16;
    bool tied = false;
    RefRopeScaling rope;
    TensorMap tensors; // Hugging Face names

    int dh() const { return d / heads; }
    int kv() const { return kvHeads * dh(); }
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
    const qint64 d = spec.d, kv = spec.kv(), ff = spec.ff;
    add(QStringLiteral("model.embed_tokens.weight"), {spec.vocab, d}, 1.0);
    for (int l = 0; l < spec.layers; ++l) {
        const QString p = QStringLiteral("model.layers.%1.").arg(l);
        add(p + QStringLiteral("input_layernorm.weight"), {d}, 0.3, 1.0);
        add(p + QStringLiteral("self_attn.q_proj.weight"), {d, d}, 0.8);
        add(p + QStringLiteral("self_attn.k_proj.weight"), {kv, d}, 0.8);
        add(p + QStringLiteral("self_attn.v_proj.weight"), {kv, d}, 0.6);
        add(p + QStringLiteral("self_attn.o_proj.weight"), {d, d}, 0.5);
        add(p + QStringLiteral("post_attention_layernorm.weight"), {d}, 0.3, 1.0);
        add(p + QStringLiteral("mlp.gate_proj.weight"), {ff, d}, 0.6);
        add(p + QStringLiteral("mlp.up_proj.weight"), {ff, d}, 0.6);
        add(p + QStringLiteral("mlp.down_proj.weight"), {d, ff}, 0.4);
    }
    add(QStringLiteral("model.norm.weight"), {d}, 0.3, 1.0);
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
    return QStringLiteral(R"({"model_type": "llama", "hidden_size": %1, "intermediate_size": %2,
        "num_hidden_layers": %3, "num_attention_heads": %4, "num_key_value_heads": %5, "vocab_size": %6,
        "max_position_embeddings": %7, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "hidden_act": "silu",
        "tie_word_embeddings": %8, "rope_scaling": %9})")
        .arg(m.d)
        .arg(m.ff)
        .arg(m.layers)
        .arg(m.heads)
        .arg(m.kvHeads)
        .arg(m.vocab)
        .arg(m.positions)
        .arg(m.tied ? QStringLiteral("true") : QStringLiteral("false"))
        .arg(ropeScaling)
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
    std::vector<std::vector<model::Matrix>> q;       // [layer][head] (T, dh) after RoPE
    std::vector<std::vector<model::Matrix>> weights; // [layer][head] (T, T)
    model::Matrix logits;                            // (T, vocab)
};

// x: (T, d) -> x / sqrt(mean(x²) + 1e-5) · γ per row
inline model::Matrix refRmsNorm(const model::Matrix& x, const Tensor& gamma)
{
    model::Matrix out(x.rows(), x.cols());
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        double ms = 0.0;
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            ms += x(t, i) * x(t, i) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            out(t, i) = x(t, i) / std::sqrt(ms + 1e-5) * gamma.data[size_t(i)];
    }
    return out;
}

// x: (T, in), w: (out, in) torch Linear -> (T, out) = x · wᵀ
inline model::Matrix refLinear(const model::Matrix& x, const Tensor& w)
{
    model::Matrix y(x.rows(), w.shape[0]);
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (qint64 o = 0; o < w.shape[0]; ++o) {
            double sum = 0.0;
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                sum += x(t, i) * w.at(o, i);
            y(t, o) = sum;
        }
    return y;
}

// inv_freq of pair i, as transformers' modeling_rope_utils computes it (_compute_default_rope_parameters,
// _compute_linear_scaling_rope_parameters, _compute_llama3_parameters), written out line by line.
inline double refInvFreq(int i, int dh, const RefRopeScaling& s)
{
    const double invFreq = 1.0 / std::pow(10000.0, 2.0 * i / dh);
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
inline model::Matrix refRope(model::Matrix x, int dh, bool interleaved, const RefRopeScaling& scaling = {})
{
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (Eigen::Index h = 0; h < x.cols() / dh; ++h)
            for (int i = 0; i < dh / 2; ++i) {
                const double angle = double(t) * refInvFreq(i, dh, scaling);
                const Eigen::Index a = h * dh + (interleaved ? 2 * i : i);
                const Eigen::Index b = h * dh + (interleaved ? 2 * i + 1 : i + dh / 2);
                const double x0 = x(t, a), x1 = x(t, b);
                x(t, a) = x0 * std::cos(angle) - x1 * std::sin(angle);
                x(t, b) = x0 * std::sin(angle) + x1 * std::cos(angle);
            }
    return x;
}

inline LlamaReference llamaReference(const TinyLlama& m, const std::vector<int>& ids, bool interleaved)
{
    const int T = int(ids.size()), dh = m.dh();
    const Tensor& embed = m[QStringLiteral("model.embed_tokens.weight")];
    LlamaReference ref;
    model::Matrix x(T, m.d);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < m.d; ++i)
            x(t, i) = embed.at(ids[size_t(t)], i);
    for (int l = 0; l < m.layers; ++l) {
        const model::Matrix a = refRmsNorm(x, m.layer(l, "input_layernorm.weight"));
        const model::Matrix q = refRope(refLinear(a, m.layer(l, "self_attn.q_proj.weight")), dh, interleaved, m.rope);
        const model::Matrix k = refRope(refLinear(a, m.layer(l, "self_attn.k_proj.weight")), dh, interleaved, m.rope);
        const model::Matrix v = refLinear(a, m.layer(l, "self_attn.v_proj.weight"));
        model::Matrix y = model::Matrix::Zero(T, m.d);
        ref.q.emplace_back();
        ref.weights.emplace_back();
        for (int h = 0; h < m.heads; ++h) {
            const int g = h * m.kvHeads / m.heads; // grouped-query: consecutive query heads share a kv head
            model::Matrix w = model::Matrix::Zero(T, T);
            for (int t = 0; t < T; ++t) {
                double max = -1e300, sum = 0.0;
                for (int s = 0; s <= t; ++s) {
                    double dot = 0.0;
                    for (int e = 0; e < dh; ++e)
                        dot += q(t, h * dh + e) * k(s, g * dh + e);
                    w(t, s) = dot / std::sqrt(double(dh));
                    max = std::max(max, w(t, s));
                }
                for (int s = 0; s <= t; ++s)
                    sum += (w(t, s) = std::exp(w(t, s) - max));
                for (int s = 0; s <= t; ++s) {
                    w(t, s) /= sum;
                    for (int e = 0; e < dh; ++e)
                        y(t, h * dh + e) += w(t, s) * v(s, g * dh + e);
                }
            }
            ref.q.back().push_back(q.middleCols(h * dh, dh));
            ref.weights.back().push_back(w);
        }
        x += refLinear(y, m.layer(l, "self_attn.o_proj.weight"));
        const model::Matrix b = refRmsNorm(x, m.layer(l, "post_attention_layernorm.weight"));
        model::Matrix gate = refLinear(b, m.layer(l, "mlp.gate_proj.weight"));
        const model::Matrix up = refLinear(b, m.layer(l, "mlp.up_proj.weight"));
        for (Eigen::Index t = 0; t < gate.rows(); ++t)
            for (Eigen::Index j = 0; j < gate.cols(); ++j)
                gate(t, j) = gate(t, j) / (1.0 + std::exp(-gate(t, j))) * up(t, j);
        x += refLinear(gate, m.layer(l, "mlp.down_proj.weight"));
    }
    const model::Matrix f = refRmsNorm(x, m[QStringLiteral("model.norm.weight")]);
    ref.logits = refLinear(
        f, m[m.tied ? QStringLiteral("model.embed_tokens.weight") : QStringLiteral("lm_head.weight")]);
    return ref;
}

} // namespace attnlab::test
