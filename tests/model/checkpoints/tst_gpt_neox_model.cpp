// Tests model/checkpoints/gpt_neox_model.cpp against a forward pass in double written here with explicit loops
// from the equations of transformers' modeling_gpt_neox (the fused query_key_value laid out per head, RoPE on the
// first rotary_pct of each head with frequencies of that many dimensions, the parallel or sequential residual,
// LayerNorm with biases, embed_out), for tiny random Pythia-style checkpoints the test writes with the real
// state-dict names. Also the config's refusals and a missing tensor named in the message.

#include "model/checkpoints/gpt_neox_model.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_checkpoint.h"
#include "test_support.h"
#include "model/checkpoints/head_effects_check.h"
#include "model/checkpoints/patching_check.h"
#include "test_registry.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace tst_gpt_neox_model {

using namespace attnlab::model;
using attnlab::test::Tensor;
using attnlab::test::TensorMap;

namespace {

struct TinyNeox {
    int d = 16, heads = 2, layers = 2, ff = 24, vocab = 13, positions = 16;
    double rotaryPct = 0.5;
    bool parallel = true, bias = true, tied = false;
    double linearScaling = 0.0; // rope_scaling {"type": "linear", "factor": …} when > 0
    TensorMap tensors;
    int hs() const { return d / heads; }
    int rotary() const { return int(hs() * rotaryPct); }
    const Tensor& at(const QString& name) const { return tensors.at(name); }
    const Tensor& layer(int l, const char* rest) const
    {
        return at(QStringLiteral("gpt_neox.layers.%1.").arg(l) + QLatin1String(rest));
    }
};

TinyNeox randomNeox(TinyNeox m, quint32 seed)
{
    QRandomGenerator rng(seed);
    const auto add = [&](const QString& name, std::vector<qint64> shape, double scale, double offset = 0.0) {
        m.tensors[name] = attnlab::test::randomTensor(rng, std::move(shape), scale, offset);
    };
    const qint64 d = m.d, ff = m.ff;
    add(QStringLiteral("gpt_neox.embed_in.weight"), {m.vocab, d}, 1.0);
    for (int l = 0; l < m.layers; ++l) {
        const QString p = QStringLiteral("gpt_neox.layers.%1.").arg(l);
        add(p + QStringLiteral("input_layernorm.weight"), {d}, 0.3, 1.0);
        add(p + QStringLiteral("input_layernorm.bias"), {d}, 0.2);
        add(p + QStringLiteral("attention.query_key_value.weight"), {3 * d, d}, 0.7);
        add(p + QStringLiteral("attention.dense.weight"), {d, d}, 0.5);
        if (m.bias) {
            add(p + QStringLiteral("attention.query_key_value.bias"), {3 * d}, 0.3);
            add(p + QStringLiteral("attention.dense.bias"), {d}, 0.3);
        }
        add(p + QStringLiteral("post_attention_layernorm.weight"), {d}, 0.3, 1.0);
        add(p + QStringLiteral("post_attention_layernorm.bias"), {d}, 0.2);
        add(p + QStringLiteral("mlp.dense_h_to_4h.weight"), {ff, d}, 0.6);
        add(p + QStringLiteral("mlp.dense_h_to_4h.bias"), {ff}, 0.2);
        add(p + QStringLiteral("mlp.dense_4h_to_h.weight"), {d, ff}, 0.4);
        add(p + QStringLiteral("mlp.dense_4h_to_h.bias"), {d}, 0.2);
    }
    add(QStringLiteral("gpt_neox.final_layer_norm.weight"), {d}, 0.3, 1.0);
    add(QStringLiteral("gpt_neox.final_layer_norm.bias"), {d}, 0.2);
    if (!m.tied) add(QStringLiteral("embed_out.weight"), {m.vocab, d}, 1.0);
    return m;
}

QByteArray neoxConfig(const TinyNeox& m)
{
    const auto flag = [](bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); };
    return QStringLiteral(R"({"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "hidden_size": %1,
        "num_attention_heads": %2, "num_hidden_layers": %3, "intermediate_size": %4, "vocab_size": %5,
        "max_position_embeddings": %6, "rotary_pct": %7, "rotary_emb_base": 10000, "use_parallel_residual": %8,
        "attention_bias": %9, "tie_word_embeddings": %10, "layer_norm_eps": 1e-05, "hidden_act": "gelu",
        "rope_scaling": %11})")
        .arg(m.d)
        .arg(m.heads)
        .arg(m.layers)
        .arg(m.ff)
        .arg(m.vocab)
        .arg(m.positions)
        .arg(m.rotaryPct)
        .arg(flag(m.parallel), flag(m.bias), flag(m.tied),
             m.linearScaling > 0 ? QStringLiteral(R"({"type": "linear", "factor": %1})").arg(m.linearScaling)
                                 : QStringLiteral("null"))
        .toUtf8();
}

// ---- the reference, explicit loops in double ----------------------------------------------------------------

using Matrix = attnlab::model::Matrix;

Matrix neoxLayerNorm(const Matrix& x, const Tensor& g, const Tensor& b)
{
    Matrix out(x.rows(), x.cols());
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        double mean = 0.0, var = 0.0;
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            mean += x(t, i) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            var += (x(t, i) - mean) * (x(t, i) - mean) / double(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i)
            out(t, i) = (x(t, i) - mean) / std::sqrt(var + 1e-5) * g.at(i) + b.at(i);
    }
    return out;
}

// x (T, in) · wᵀ (w: (out, in)) + b (out), b optional
Matrix neoxLinear(const Matrix& x, const Tensor& w, const Tensor* b)
{
    Matrix y(x.rows(), w.shape[0]);
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (qint64 o = 0; o < w.shape[0]; ++o) {
            double sum = b ? b->at(o) : 0.0;
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                sum += x(t, i) * w.at(o, i);
            y(t, o) = sum;
        }
    return y;
}

struct NeoxReference {
    std::vector<std::vector<Matrix>> q, weights; // [layer][head] (T, hs), (T, T)
    std::vector<Matrix> stream;                  // [layer] (T, d)
    Matrix logits;                               // (T, vocab)
};

NeoxReference neoxReference(const TinyNeox& m, const std::vector<int>& ids)
{
    const int T = int(ids.size()), hs = m.hs(), rot = m.rotary();
    const auto optional = [&m](int l, const char* rest) -> const Tensor* {
        const auto it = m.tensors.find(QStringLiteral("gpt_neox.layers.%1.").arg(l) + QLatin1String(rest));
        return it == m.tensors.end() ? nullptr : &it->second;
    };
    NeoxReference ref;
    Matrix x(T, m.d);
    for (int t = 0; t < T; ++t)
        for (int i = 0; i < m.d; ++i)
            x(t, i) = m.at(QStringLiteral("gpt_neox.embed_in.weight")).at(ids[size_t(t)], i);
    for (int l = 0; l < m.layers; ++l) {
        // qkv.view(T, heads, 3·hs): head h's query is columns [3h·hs, 3h·hs + hs), its key the next hs, its value
        // the hs after.
        const Matrix qkv = neoxLinear(neoxLayerNorm(x, m.layer(l, "input_layernorm.weight"), m.layer(l, "input_layernorm.bias")),
                                     m.layer(l, "attention.query_key_value.weight"),
                                     optional(l, "attention.query_key_value.bias"));
        Matrix y = Matrix::Zero(T, m.d);
        ref.q.emplace_back();
        ref.weights.emplace_back();
        for (int h = 0; h < m.heads; ++h) {
            Matrix q = qkv.middleCols(3 * h * hs, hs), k = qkv.middleCols(3 * h * hs + hs, hs);
            const Matrix v = qkv.middleCols(3 * h * hs + 2 * hs, hs);
            // GPTNeoXRotaryEmbedding(rotary_ndims): inv_freq_i = 1 / base^(2i / rotary_ndims), scaled down by a
            // linear factor; rotate_half on the first rotary_ndims features, the rest passed through.
            for (int t = 0; t < T; ++t)
                for (int i = 0; i < rot / 2; ++i) {
                    double invFreq = 1.0 / std::pow(10000.0, 2.0 * i / rot);
                    if (m.linearScaling > 0) invFreq /= m.linearScaling;
                    const double angle = t * invFreq;
                    for (Matrix* z : {&q, &k}) {
                        const double a = (*z)(t, i), b = (*z)(t, i + rot / 2);
                        (*z)(t, i) = a * std::cos(angle) - b * std::sin(angle);
                        (*z)(t, i + rot / 2) = b * std::cos(angle) + a * std::sin(angle);
                    }
                }
            Matrix w = Matrix::Zero(T, T);
            for (int t = 0; t < T; ++t) {
                double max = -1e300, sum = 0.0;
                for (int s = 0; s <= t; ++s) {
                    w(t, s) = q.row(t).dot(k.row(s)) / std::sqrt(double(hs)); // norm_factor = head_size ** -0.5
                    max = std::max(max, w(t, s));
                }
                for (int s = 0; s <= t; ++s)
                    sum += (w(t, s) = std::exp(w(t, s) - max));
                for (int s = 0; s <= t; ++s)
                    w(t, s) /= sum;
            }
            y.middleCols(h * hs, hs) = w * v;
            ref.q.back().push_back(q);
            ref.weights.back().push_back(w);
        }
        const Matrix attn = neoxLinear(y, m.layer(l, "attention.dense.weight"), optional(l, "attention.dense.bias"));
        const auto mlp = [&](const Matrix& in) {
            Matrix h = neoxLinear(neoxLayerNorm(in, m.layer(l, "post_attention_layernorm.weight"),
                                              m.layer(l, "post_attention_layernorm.bias")),
                                 m.layer(l, "mlp.dense_h_to_4h.weight"), &m.layer(l, "mlp.dense_h_to_4h.bias"));
            for (Eigen::Index i = 0; i < h.size(); ++i)
                h(i) = 0.5 * h(i) * (1.0 + std::erf(h(i) / std::sqrt(2.0))); // "gelu": the exact one
            return neoxLinear(h, m.layer(l, "mlp.dense_4h_to_h.weight"), &m.layer(l, "mlp.dense_4h_to_h.bias"));
        };
        // GPTNeoXLayer: x = mlp(ln2(x)) + attn + x (parallel), or h = attn + x, x = mlp(ln2(h)) + h.
        if (m.parallel) {
            x = mlp(x) + attn + x;
        } else {
            const Matrix h = attn + x;
            x = mlp(h) + h;
        }
        ref.stream.push_back(x);
    }
    const Matrix f = neoxLayerNorm(x, m.at(QStringLiteral("gpt_neox.final_layer_norm.weight")),
                                  m.at(QStringLiteral("gpt_neox.final_layer_norm.bias")));
    ref.logits = neoxLinear(f, m.at(m.tied ? QStringLiteral("gpt_neox.embed_in.weight") : QStringLiteral("embed_out.weight")),
                           nullptr);
    return ref;
}

} // namespace

class TestGptNeoxModel : public QObject {
    Q_OBJECT

private slots:
    void matchesReference_data();
    void matchesReference();
    void refusals();
};

void TestGptNeoxModel::matchesReference_data()
{
    QTest::addColumn<int>("variant");
    QTest::newRow("Pythia: parallel residual, rotary_pct 0.5, biases") << 0;
    QTest::newRow("sequential residual, rotary_pct 0.25") << 1;
    QTest::newRow("no attention bias, tied, linear rope scaling, rotary_pct 1") << 2;
}

void TestGptNeoxModel::matchesReference()
{
    QFETCH(int, variant);
    TinyNeox spec;
    if (variant == 1) {
        spec.parallel = false;
        spec.rotaryPct = 0.25;
    } else if (variant == 2) {
        spec.bias = false;
        spec.tied = true;
        spec.linearScaling = 2.0;
        spec.rotaryPct = 1.0;
    }
    const TinyNeox m = randomNeox(spec, quint32(31 + variant));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("tiny-pythia"));
    QVERIFY(attnlab::test::writeCheckpoint(folder, neoxConfig(m), m.tensors));
    auto loaded = LanguageModel::load(folder);
    QVERIFY2(loaded, qPrintable(loaded.error()));
    const LanguageModel& model = **loaded;
    QVERIFY(dynamic_cast<const GptNeoxModel*>(&model));
    QCOMPARE(model.config().ropeDims, m.rotary());
    qint64 elements = 0;
    for (const auto& [name, t] : m.tensors)
        elements += qint64(t.data.size());
    QCOMPARE(model.parameterCount(), elements);

    attnlab::test::checkHeadEffectsAgainstWholeRuns(model, {1, 4, 1, 5, 9, 2, 6, 5});
    attnlab::test::checkPatchingAgainstWholeRuns(model, {1, 4, 1, 5, 9, 2, 6, 5}, {1, 4, 7, 5, 9, 2, 6, 5});
    const std::vector<int> ids{1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 12, 0};
    MatrixF logits;
    auto trace = model.run(ids, {}, &logits);
    QVERIFY2(trace, qPrintable(trace.error()));
    const NeoxReference ref = neoxReference(m, ids);
    QCOMPARE(trace->layers.size(), size_t(m.layers));
    for (int l = 0; l < m.layers; ++l) {
        const LayerTrace& layer = trace->layers[size_t(l)];
        for (int h = 0; h < m.heads; ++h) {
            ATTNLAB_COMPARE_MATRIX(layer.heads[size_t(h)].weights.toDouble(), ref.weights[size_t(l)][size_t(h)], 1e-4);
            ATTNLAB_COMPARE_MATRIX(layer.heads[size_t(h)].q.toDouble(), ref.q[size_t(l)][size_t(h)], 1e-4);
        }
        ATTNLAB_COMPARE_MATRIX(layer.residual.output.toDouble(), ref.stream[size_t(l)], 1e-4);
        ATTNLAB_COMPARE_MATRIX(Matrix(layer.residual.afterAttention.toDouble() + layer.residual.mlpOutput.toDouble()), layer.residual.output.toDouble(),
                               1e-5);
    }
    ATTNLAB_COMPARE_MATRIX(Matrix(logits.cast<double>()), ref.logits, 1e-4);
    for (const Prediction& p : trace->predictions) {
        const Eigen::RowVectorXd row = ref.logits.row(p.position);
        const Eigen::RowVectorXd e = (row.array() - row.maxCoeff()).exp().matrix();
        std::vector<int> order(size_t(m.vocab));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&e](int a, int b) { return e(a) > e(b); });
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(p.top[size_t(i)].first, order[size_t(i)]);
            QVERIFY(std::abs(p.top[size_t(i)].second - e(order[size_t(i)]) / e.sum()) < 1e-4);
        }
    }
}

void TestGptNeoxModel::refusals()
{
    const TinyNeox m = randomNeox(TinyNeox{}, 3);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // rotary_pct 0.1 of 8 features is 0 rotary features.
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), neoxConfig(m).replace("\"rotary_pct\": 0.5", "\"rotary_pct\": 0.1"),
                                           m.tensors));
    auto few = LanguageModel::load(dir.path());
    QVERIFY(!few);
    QVERIFY2(few.error().contains(QLatin1String("config.json: rotary_pct 0.1 of the head size 8 gives 0 rotary features")),
             qPrintable(few.error()));
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), neoxConfig(m).replace("\"rotary_pct\": 0.5", "\"rotary_pct\": 2"),
                                           m.tensors));
    auto above = LanguageModel::load(dir.path());
    QVERIFY(!above);
    QVERIFY2(above.error().contains(QLatin1String("rotary_pct must be a number in (0, 1], got 2")), qPrintable(above.error()));
    // A missing fused projection is named with its shape.
    TinyNeox missing = m;
    missing.tensors.erase(QStringLiteral("gpt_neox.layers.1.attention.query_key_value.weight"));
    QVERIFY(attnlab::test::writeCheckpoint(dir.path(), neoxConfig(missing), missing.tensors));
    auto gone = LanguageModel::load(dir.path());
    QVERIFY(!gone);
    QVERIFY2(gone.error().contains(QLatin1String("gpt_neox.layers.1.attention.query_key_value.weight is missing")) &&
                 gone.error().contains(QLatin1String("(48, 16)")),
             qPrintable(gone.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestGptNeoxModel)
} // namespace tst_gpt_neox_model
#include "tst_gpt_neox_model.moc"
