#pragma once

// A tiny random BERT for the model tests and its forward pass written with explicit loops in double, from
// the tensors as Hugging Face names them (no "bert." prefix, LayerNorm weight/bias, torch Linear (out, in)).
// The test saves the tensors under the names a checkpoint variant uses and compares model/checkpoints/bert_model.cpp's
// trace with this reference.

#include "model/core/matrix_types.h"
#include "model/checkpoints/tiny_checkpoint.h"

#include <QRandomGenerator>
#include <QString>

#include <cmath>
#include <numbers>
#include <vector>

namespace attnlab::test {

using model::Matrix;

struct Dims {
    int d = 8, heads = 2, layers = 2, ff = 12, vocab = 13, positions = 16, types = 2;
};

// How the checkpoint is saved.
struct Variant {
    QString prefix = QStringLiteral("bert.");
    bool head = true;         // cls.predictions present
    bool tied = true;         // decoder = word embeddings; else cls.predictions.decoder.weight
    bool gammaBeta = false;   // LayerNorm.gamma / .beta instead of .weight / .bias
    bool decoderBias = false; // the output bias saved as cls.predictions.decoder.bias
    QString act = QStringLiteral("gelu");
    // model_type: "bert", "roberta" (positions from pad_token_id + 1 = 2, lm_head with the exact GELU) or
    // "distilbert" (no token types); the weights are BERT's under each family's names.
    QString family = QStringLiteral("bert");
};

inline constexpr double kEps = 1e-12;

// The row of the position table the first token reads: RoBERTa's create_position_ids_from_input_ids gives
// padding_idx + 1 + t (padding_idx 1 in its configs); BERT and DistilBERT t.
inline int positionOffset(const Variant& v)
{
    return v.family == QLatin1String("roberta") ? 2 : 0;
}

inline bool hasTokenTypes(const Variant& v)
{
    return v.family != QLatin1String("distilbert");
}

// Canonical names (no prefix, weight/bias, cls.predictions.bias); torch Linear weights are (out, in).
inline TensorMap randomBert(const Dims& n, const Variant& v, quint32 seed)
{
    QRandomGenerator rng(seed);
    TensorMap w;
    const auto add = [&](const QString& name, std::vector<qint64> shape, double scale, double offset = 0.0) {
        w[name] = attnlab::test::randomTensor(rng, std::move(shape), scale, offset);
    };
    const auto norm = [&](const QString& base) {
        add(base + QStringLiteral(".weight"), {n.d}, 0.3, 1.0);
        add(base + QStringLiteral(".bias"), {n.d}, 0.2);
    };
    const auto linear = [&](const QString& base, qint64 out, qint64 in, double scale) {
        add(base + QStringLiteral(".weight"), {out, in}, scale);
        add(base + QStringLiteral(".bias"), {out}, 0.2);
    };
    add(QStringLiteral("embeddings.word_embeddings.weight"), {n.vocab, n.d}, 1.0);
    add(QStringLiteral("embeddings.position_embeddings.weight"), {n.positions + positionOffset(v), n.d}, 0.5);
    if (hasTokenTypes(v)) add(QStringLiteral("embeddings.token_type_embeddings.weight"), {n.types, n.d}, 0.5);
    norm(QStringLiteral("embeddings.LayerNorm"));
    for (int l = 0; l < n.layers; ++l) {
        const QString p = QStringLiteral("encoder.layer.%1.").arg(l);
        for (const char* name : {"query", "key", "value"})
            linear(p + QStringLiteral("attention.self.") + QLatin1String(name), n.d, n.d, 0.8);
        linear(p + QStringLiteral("attention.output.dense"), n.d, n.d, 0.5);
        norm(p + QStringLiteral("attention.output.LayerNorm"));
        linear(p + QStringLiteral("intermediate.dense"), n.ff, n.d, 0.5);
        linear(p + QStringLiteral("output.dense"), n.d, n.ff, 0.4);
        norm(p + QStringLiteral("output.LayerNorm"));
    }
    if (v.head) {
        linear(QStringLiteral("cls.predictions.transform.dense"), n.d, n.d, 0.5);
        norm(QStringLiteral("cls.predictions.transform.LayerNorm"));
        if (!v.tied) add(QStringLiteral("cls.predictions.decoder.weight"), {n.vocab, n.d}, 1.0);
        add(QStringLiteral("cls.predictions.bias"), {n.vocab}, 0.3);
    }
    return w;
}

// ---- the reference forward, explicit loops in double ---------------------------------------------------

struct Reference {
    Matrix embeddings;                        // (T, d) after the embedding LayerNorm
    std::vector<std::vector<Matrix>> weights; // [layer][head] (T, T)
    std::vector<Matrix> afterAttention;       // [layer] (T, d)
    std::vector<Matrix> output;               // [layer] (T, d)
    Matrix logits;                            // (T, vocab); empty without the head
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
            out(t, i) = (x(t, i) - mean) / std::sqrt(var + kEps) * gamma.at(i) + beta.at(i);
    }
    return out;
}

// x: (T, in), w: (out, in) torch Linear, b: (out) -> (T, out)
inline Matrix refLinear(const Matrix& x, const Tensor& w, const Tensor& b)
{
    Matrix y(x.rows(), w.shape[0]);
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (qint64 j = 0; j < w.shape[0]; ++j) {
            double sum = b.at(j);
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                sum += x(t, i) * w.at(j, i);
            y(t, j) = sum;
        }
    return y;
}

inline double refActivation(double x, const QString& act)
{
    if (act == QLatin1String("relu")) return x > 0.0 ? x : 0.0;
    if (act == QLatin1String("gelu_new"))
        return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
    return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

inline Matrix activated(Matrix m, const QString& act)
{
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m(i) = refActivation(m(i), act);
    return m;
}

inline Reference referenceForward(const TensorMap& w, const Dims& n, const Variant& v,
                                  const std::vector<int>& ids)
{
    const auto W = [&w](const QString& name) -> const Tensor& { return w.at(name); };
    const auto L = [&](const QString& base, const Matrix& x) {
        return refLayerNorm(x, W(base + QStringLiteral(".weight")), W(base + QStringLiteral(".bias")));
    };
    const auto lin = [&](const QString& base, const Matrix& x) {
        return refLinear(x, W(base + QStringLiteral(".weight")), W(base + QStringLiteral(".bias")));
    };
    const int T = int(ids.size()), dh = n.d / n.heads;
    Reference ref;
    Matrix x(T, n.d);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < n.d; ++i)
            x(t, i) = W(QStringLiteral("embeddings.word_embeddings.weight")).at(ids[size_t(t)], i) +
                      W(QStringLiteral("embeddings.position_embeddings.weight")).at(t + positionOffset(v), i) +
                      (hasTokenTypes(v) ? W(QStringLiteral("embeddings.token_type_embeddings.weight")).at(0, i) : 0.0);
    x = ref.embeddings = L(QStringLiteral("embeddings.LayerNorm"), x);
    for (int l = 0; l < n.layers; ++l) {
        const QString p = QStringLiteral("encoder.layer.%1.").arg(l);
        const Matrix q = lin(p + QStringLiteral("attention.self.query"), x);
        const Matrix k = lin(p + QStringLiteral("attention.self.key"), x);
        const Matrix val = lin(p + QStringLiteral("attention.self.value"), x);
        Matrix y = Matrix::Zero(T, n.d);
        ref.weights.emplace_back();
        for (int h = 0; h < n.heads; ++h) {
            Matrix a(T, T);
            for (int t = 0; t < T; ++t) { // every key, both directions
                double sum = 0.0;
                for (int s = 0; s < T; ++s) {
                    double dot = 0.0;
                    for (int e = 0; e < dh; ++e)
                        dot += q(t, h * dh + e) * k(s, h * dh + e);
                    sum += (a(t, s) = std::exp(dot / std::sqrt(double(dh))));
                }
                for (int s = 0; s < T; ++s) {
                    a(t, s) /= sum;
                    for (int e = 0; e < dh; ++e)
                        y(t, h * dh + e) += a(t, s) * val(s, h * dh + e);
                }
            }
            ref.weights.back().push_back(a);
        }
        x = L(p + QStringLiteral("attention.output.LayerNorm"),
              x + lin(p + QStringLiteral("attention.output.dense"), y));
        ref.afterAttention.push_back(x);
        const Matrix hidden = activated(lin(p + QStringLiteral("intermediate.dense"), x), v.act);
        x = L(p + QStringLiteral("output.LayerNorm"), x + lin(p + QStringLiteral("output.dense"), hidden));
        ref.output.push_back(x);
    }
    if (!v.head) return ref;
    // RobertaLMHead: dense, gelu (the exact one, whatever hidden_act), layer_norm, decoder.
    const QString headAct = v.family == QLatin1String("roberta") ? QStringLiteral("gelu") : v.act;
    const Matrix f = L(QStringLiteral("cls.predictions.transform.LayerNorm"),
                       activated(lin(QStringLiteral("cls.predictions.transform.dense"), x), headAct));
    const Tensor& decoder = W(v.tied ? QStringLiteral("embeddings.word_embeddings.weight")
                                     : QStringLiteral("cls.predictions.decoder.weight"));
    ref.logits = Matrix(T, n.vocab);
    for (int t = 0; t < T; ++t)
        for (int j = 0; j < n.vocab; ++j) {
            double sum = W(QStringLiteral("cls.predictions.bias")).at(j);
            for (int i = 0; i < n.d; ++i)
                sum += f(t, i) * decoder.at(j, i);
            ref.logits(t, j) = sum;
        }
    return ref;
}

} // namespace attnlab::test
