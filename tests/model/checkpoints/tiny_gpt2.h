#pragma once

// A tiny random GPT-2 (2 layers of 2 heads, d 8, vocabulary 11) that the tests write as a Hugging Face folder, and
// a reference forward for it written with explicit loops in double from the published equations (LayerNorm,
// Conv1D projections, causal softmax attention, GELU MLP, tied or separate unembedding), with ablation and
// activation patching as ablation.h and activation_patch.h define them.

#include "model/core/matrix_types.h"
#include "model/checkpoints/tiny_checkpoint.h"

#include <QRandomGenerator>
#include <QString>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

namespace attnlab::test::tiny_gpt2 {

using attnlab::model::Matrix;

// A float32 tensor: shape and row-major data.
struct Tensor {
    QString name;
    std::vector<qint64> shape;
    std::vector<float> data;

    // The trailing two dimensions at the given leading indices, as a double matrix.
    Matrix slice(std::initializer_list<qint64> leading) const
    {
        const qint64 rows = shape[shape.size() - 2], cols = shape.back();
        qint64 offset = 0, dim = 0;
        for (qint64 i : leading)
            offset = offset * shape[size_t(dim++)] + i;
        offset *= rows * cols;
        Matrix m(rows, cols);
        for (qint64 r = 0; r < rows; ++r)
            for (qint64 c = 0; c < cols; ++c)
                m(r, c) = data[size_t(offset + r * cols + c)];
        return m;
    }
};

// ---- the tiny random GPT-2
// -----------------------------------------------------------------------------------

inline constexpr int kD = 8, kHeads = 2, kLayers = 2, kVocab = 11, kPositions = 16, kFf = 4 * kD;

using Weights = std::vector<Tensor>;

inline const Tensor& find(const Weights& w, const QString& name)
{
    for (const Tensor& t : w)
        if (t.name.endsWith(name)) return t;
    qFatal("no tensor %s", qPrintable(name));
}

inline Weights randomGpt2(bool tied, const QString& prefix, quint32 seed)
{
    QRandomGenerator rng(seed);
    Weights w;
    const auto add = [&](const QString& name, std::vector<qint64> shape, double scale, double offset = 0.0) {
        Tensor t{prefix + name, shape, {}};
        qint64 n = 1;
        for (qint64 s : shape)
            n *= s;
        for (qint64 i = 0; i < n; ++i)
            t.data.push_back(float(offset + scale * (2.0 * rng.generateDouble() - 1.0)));
        w.push_back(std::move(t));
    };
    add(QStringLiteral("wte.weight"), {kVocab, kD}, 1.0);
    add(QStringLiteral("wpe.weight"), {kPositions, kD}, 0.5);
    for (int l = 0; l < kLayers; ++l) {
        const QString p = QStringLiteral("h.%1.").arg(l);
        add(p + QStringLiteral("ln_1.weight"), {kD}, 0.3, 1.0);
        add(p + QStringLiteral("ln_1.bias"), {kD}, 0.2);
        add(p + QStringLiteral("attn.c_attn.weight"), {kD, 3 * kD}, 0.8);
        add(p + QStringLiteral("attn.c_attn.bias"), {3 * kD}, 0.2);
        add(p + QStringLiteral("attn.c_proj.weight"), {kD, kD}, 0.5);
        add(p + QStringLiteral("attn.c_proj.bias"), {kD}, 0.2);
        add(p + QStringLiteral("ln_2.weight"), {kD}, 0.3, 1.0);
        add(p + QStringLiteral("ln_2.bias"), {kD}, 0.2);
        add(p + QStringLiteral("mlp.c_fc.weight"), {kD, kFf}, 0.5);
        add(p + QStringLiteral("mlp.c_fc.bias"), {kFf}, 0.2);
        add(p + QStringLiteral("mlp.c_proj.weight"), {kFf, kD}, 0.3);
        add(p + QStringLiteral("mlp.c_proj.bias"), {kD}, 0.2);
    }
    add(QStringLiteral("ln_f.weight"), {kD}, 0.3, 1.0);
    add(QStringLiteral("ln_f.bias"), {kD}, 0.2);
    if (!tied) {
        add(QStringLiteral("lm_head.weight"), {kVocab, kD}, 1.0);
        w.back().name = QStringLiteral("lm_head.weight"); // outside the transformer. prefix, as HF saves it
    }
    return w;
}

// The tensors as the shared test helpers write them: by name, float32, shapes as given.
inline attnlab::test::TensorMap tensorMap(const Weights& w)
{
    attnlab::test::TensorMap map;
    for (const Tensor& t : w)
        map[t.name] = attnlab::test::Tensor{t.shape, t.data};
    return map;
}

inline QByteArray configJson(bool tied, const QString& activation)
{
    return QStringLiteral(
               R"({"model_type": "gpt2", "n_embd": %1, "n_layer": %2, "n_head": %3, "n_positions": %4,
        "vocab_size": %5, "layer_norm_epsilon": 1e-05, "activation_function": "%6", "tie_word_embeddings": %7})")
        .arg(kD)
        .arg(kLayers)
        .arg(kHeads)
        .arg(kPositions)
        .arg(kVocab)
        .arg(activation, tied ? QStringLiteral("true") : QStringLiteral("false"))
        .toUtf8();
}

// shards > 1: saved as model-0000i-of-0000n.safetensors with an index, as large models are.
inline void writeModel(const QString& folder, const QByteArray& config, const Weights& w, int shards = 1)
{
    const bool written = shards > 1 ? attnlab::test::writeShardedCheckpoint(folder, config, tensorMap(w), shards)
                                    : attnlab::test::writeCheckpoint(folder, config, tensorMap(w));
    if (!written) qFatal("cannot write the test model in %s", qPrintable(folder));
}

// ---- the reference forward, explicit loops in double
// ---------------------------------------------------------

struct Reference {
    std::vector<std::vector<Matrix>> weights; // [layer][head] (T, T)
    Matrix logits;                            // (T, vocab)
};

// x: (T, d) -> (T, d)
inline Matrix refLayerNorm(const Matrix& x, const Tensor& gamma, const Tensor& beta)
{
    Matrix out(x.rows(), x.cols());
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        double mean = 0.0, var = 0.0;
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            mean += x(t, i) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            var += (x(t, i) - mean) * (x(t, i) - mean) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            out(t, i) =
                (x(t, i) - mean) / std::sqrt(var + 1e-5) * gamma.data[size_t(i)] + beta.data[size_t(i)];
    }
    return out;
}

// x: (T, in), w: (in, out) Conv1D, b: (out) -> (T, out)
inline Matrix refLinear(const Matrix& x, const Tensor& w, const Tensor& b)
{
    const qint64 out = w.shape[1];
    Matrix y(x.rows(), out);
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (qint64 j = 0; j < out; ++j) {
            double sum = b.data[size_t(j)];
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                sum += x(t, i) * w.data[size_t(i * out + j)];
            y(t, j) = sum;
        }
    return y;
}

inline double refGelu(double x, bool exact)
{
    if (exact) return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
}

// Switching off, written from ablation.h's definition: rows replaced by 0, or every row by the rows' mean.
inline void refAblate(Matrix& m, Eigen::Index firstCol, Eigen::Index cols, bool mean)
{
    for (Eigen::Index c = firstCol; c < firstCol + cols; ++c) {
        double average = 0.0;
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            average += m(r, c) / double(m.rows());
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            m(r, c) = mean ? average : 0.0;
    }
}

// What a reference run keeps of each layer for patching another run with it.
struct RefActivations {
    std::vector<Matrix> entering; // [layer] (T, d) the stream entering it
    std::vector<Matrix> heads;    // [layer] (T, d) the heads' outputs side by side, before c_proj
    std::vector<Matrix> mlps;     // [layer] (T, d) the MLP output
};

// Activation patching written from activation_patch.h's definition: values of `source` put in place.
struct RefPatch {
    const RefActivations* source = nullptr;
    std::vector<std::pair<int, int>> heads;     // (layer, head): the head's output at every position
    std::vector<std::pair<int, int>> mlps;      // (layer, position): the MLP output at that position
    std::vector<std::pair<int, int>> streams;   // (layer, position): the stream entering the layer there
};

// ablatedHeads: (layer, head) pairs; ablatedMlps: layers; mean: mean ablation instead of zero. patch: values
// taken from another run; kept, when given, receives this run's activations.
inline Reference referenceForward(const Weights& w, const std::vector<int>& ids, bool tied, bool exactGelu,
                           const std::vector<std::pair<int, int>>& ablatedHeads = {},
                           const std::vector<int>& ablatedMlps = {}, bool mean = false, const RefPatch& patch = {},
                           RefActivations* kept = nullptr)
{
    const int T = int(ids.size()), dh = kD / kHeads;
    Reference ref;
    Matrix x(T, kD);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < kD; ++i)
            x(t, i) = find(w, QStringLiteral("wte.weight")).data[size_t(ids[size_t(t)] * kD + i)] +
                      find(w, QStringLiteral("wpe.weight")).data[size_t(t * kD + i)];
    for (int l = 0; l < kLayers; ++l) {
        for (const auto& [layer, t] : patch.streams)
            if (layer == l) x.row(t) = patch.source->entering[size_t(l)].row(t);
        if (kept) kept->entering.push_back(x);
        const auto W = [&](const char* rest) -> const Tensor& {
            return find(w, QStringLiteral("h.%1.").arg(l) + QLatin1String(rest));
        };
        const Matrix qkv = refLinear(refLayerNorm(x, W("ln_1.weight"), W("ln_1.bias")),
                                     W("attn.c_attn.weight"), W("attn.c_attn.bias"));
        Matrix y = Matrix::Zero(T, kD);
        ref.weights.emplace_back();
        for (int h = 0; h < kHeads; ++h) {
            Matrix a = Matrix::Zero(T, T);
            for (int t = 0; t < T; ++t) {
                double max = -1e300, sum = 0.0;
                for (int s = 0; s <= t; ++s) {
                    double dot = 0.0;
                    for (int e = 0; e < dh; ++e)
                        dot += qkv(t, h * dh + e) * qkv(s, kD + h * dh + e);
                    a(t, s) = dot / std::sqrt(double(dh));
                    max = std::max(max, a(t, s));
                }
                for (int s = 0; s <= t; ++s)
                    sum += (a(t, s) = std::exp(a(t, s) - max));
                for (int s = 0; s <= t; ++s) {
                    a(t, s) /= sum;
                    for (int e = 0; e < dh; ++e)
                        y(t, h * dh + e) += a(t, s) * qkv(s, 2 * kD + h * dh + e);
                }
            }
            ref.weights.back().push_back(a);
        }
        for (const auto& [layer, head] : ablatedHeads)
            if (layer == l) refAblate(y, head * dh, dh, mean);
        for (const auto& [layer, head] : patch.heads)
            if (layer == l) y.middleCols(head * dh, dh) = patch.source->heads[size_t(l)].middleCols(head * dh, dh);
        if (kept) kept->heads.push_back(y);
        x += refLinear(y, W("attn.c_proj.weight"), W("attn.c_proj.bias"));
        Matrix hidden = refLinear(refLayerNorm(x, W("ln_2.weight"), W("ln_2.bias")), W("mlp.c_fc.weight"),
                                  W("mlp.c_fc.bias"));
        for (Eigen::Index t = 0; t < hidden.rows(); ++t)
            for (Eigen::Index j = 0; j < hidden.cols(); ++j)
                hidden(t, j) = refGelu(hidden(t, j), exactGelu);
        Matrix mlp = refLinear(hidden, W("mlp.c_proj.weight"), W("mlp.c_proj.bias"));
        if (std::find(ablatedMlps.begin(), ablatedMlps.end(), l) != ablatedMlps.end()) refAblate(mlp, 0, kD, mean);
        for (const auto& [layer, t] : patch.mlps)
            if (layer == l) mlp.row(t) = patch.source->mlps[size_t(l)].row(t);
        if (kept) kept->mlps.push_back(mlp);
        x += mlp;
    }
    const Matrix f =
        refLayerNorm(x, find(w, QStringLiteral("ln_f.weight")), find(w, QStringLiteral("ln_f.bias")));
    const Tensor& head = find(w, tied ? QStringLiteral("wte.weight") : QStringLiteral("lm_head.weight"));
    ref.logits.resize(T, kVocab);
    for (int t = 0; t < T; ++t)
        for (int v = 0; v < kVocab; ++v) {
            double sum = 0.0;
            for (int i = 0; i < kD; ++i)
                sum += f(t, i) * head.data[size_t(v * kD + i)];
            ref.logits(t, v) = sum;
        }
    return ref;
}

} // namespace attnlab::test::tiny_gpt2
