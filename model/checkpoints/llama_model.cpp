#include "model/checkpoints/llama_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/core/memory_tuning.h"
#include "model/trace/trace_size.h"


#include <cmath>

namespace attnlab::model {

namespace {

// T positions 0..T-1, head size dh, base -> cos, sin: (T, dh/2) of the angle p · base^(−2i/dh). The angles
// are computed in double (then rounded once) so that far positions keep their precision.
void ropeTables(int T, int dh, double base, MatrixF& cos, MatrixF& sin)
{
    const int half = dh / 2;
    cos.resize(T, half);
    sin.resize(T, half);
    for (int i = 0; i < half; ++i) {
        const double theta = std::pow(base, -2.0 * i / dh);
        for (int p = 0; p < T; ++p) {
            cos(p, i) = float(std::cos(p * theta));
            sin(p, i) = float(std::sin(p * theta));
        }
    }
}

// x: (T, n·dh), n heads of dh columns; cos, sin: (T, dh/2) -> x rotated in place. Each pair (a, b) becomes
// (a cos − b sin, b cos + a sin). Rotate-half pairs feature i with i + dh/2 (Hugging Face), interleaved
// pairs 2i with 2i + 1 (llama2.c, Meta's original code).
void applyRopeF(MatrixF& x, int dh, const MatrixF& cos, const MatrixF& sin, RopeLayout layout)
{
    const int half = dh / 2;
    // a, b: (T, half) views of the first and second member of every pair.
    const auto rotate = [&](auto a, auto b) {
        const MatrixF a0 = a;
        a.array() = a0.array() * cos.array() - b.array() * sin.array();
        b.array() = b.array() * cos.array() + a0.array() * sin.array();
    };
    for (Eigen::Index h = 0; h < x.cols() / dh; ++h) {
        if (layout == RopeLayout::RotateHalf)
            rotate(x.middleCols(h * dh, half), x.middleCols(h * dh + half, half));
        else
            rotate(x(Eigen::all, Eigen::seqN(h * dh, half, 2)),
                   x(Eigen::all, Eigen::seqN(h * dh + 1, half, 2)));
    }
}

} // namespace

Result<std::shared_ptr<LlamaModel>> LlamaModel::load(const QString& folder)
{
    using R = Result<std::shared_ptr<LlamaModel>>;
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("llama"));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const CheckpointTensors& tensors = opened->tensors;
    TensorReader r(tensors, QStringLiteral("model."));

    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    const std::int64_t kv = std::int64_t(c.kvHeads) * c.headDim();
    LlamaWeights w;
    w.store.keep(tensors);
    w.embed = r.view(QStringLiteral("embed_tokens.weight"), {vocab, d}, w.store);
    w.layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("layers.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        LlamaLayerWeights& lw = w.layers[size_t(l)];
        lw.attnNorm = r.vector(name("input_layernorm.weight"), d);
        lw.wq = r.view(name("self_attn.q_proj.weight"), {d, d}, w.store);
        lw.wk = r.view(name("self_attn.k_proj.weight"), {kv, d}, w.store);
        lw.wv = r.view(name("self_attn.v_proj.weight"), {kv, d}, w.store);
        lw.wo = r.view(name("self_attn.o_proj.weight"), {d, d}, w.store);
        lw.mlpNorm = r.vector(name("post_attention_layernorm.weight"), d);
        lw.gate = r.view(name("mlp.gate_proj.weight"), {ff, d}, w.store);
        lw.up = r.view(name("mlp.up_proj.weight"), {ff, d}, w.store);
        lw.down = r.view(name("mlp.down_proj.weight"), {d, ff}, w.store);
    }
    w.norm = r.vector(QStringLiteral("norm.weight"), d);
    if (r.failed()) return R::failure(r.error());
    // lm_head lives outside the "model." prefix; a tied checkpoint may omit it (and its copy is ignored).
    if (!c.tiedEmbeddings) {
        TensorReader head(tensors, QString());
        w.lmHead = head.view(QStringLiteral("lm_head.weight"), {vocab, d}, w.store);
        if (head.failed())
            return R::failure(head.error() + QStringLiteral(" (config.json has tie_word_embeddings false)"));
    }
    return fromWeights(folder, c, std::move(w), RopeLayout::RotateHalf);
}

std::shared_ptr<LlamaModel> LlamaModel::fromWeights(const QString& path, const ModelConfig& config,
                                                    LlamaWeights weights, RopeLayout layout)
{
    std::shared_ptr<LlamaModel> model(new LlamaModel);
    model->setIdentity(path, config);
    model->m_w = std::move(weights);
    model->m_ropeLayout = layout;
    model->countWeights();
    return model;
}

void LlamaModel::countWeights()
{
    m_parameters = 0;
    count(m_w.embed);
    for (const LlamaLayerWeights& w : m_w.layers) {
        for (const WeightView* m : {&w.wq, &w.wk, &w.wv, &w.wo, &w.gate, &w.up, &w.down})
            count(*m);
        countVector(w.attnNorm);
        countVector(w.mlpNorm);
    }
    countVector(m_w.norm);
    count(m_w.lmHead);
}

Result<Trace> LlamaModel::run(const std::vector<int>& ids, const QStringList& tokens, MatrixF* logitsOut,
                          const std::atomic<bool>* cancelled, int layers) const
{
    using R = Result<Trace>;
    const int T = int(ids.size());
    if (auto ok = checkTokens(m_name, ids, tokens, m_config.vocab, m_config.maxPositions); !ok)
        return R::failure(ok.error());
    const int layerCount = layersToRun(layers);
    ModelConfig ran = m_config;
    ran.layers = layerCount;
    prepareHeap(estimatedRunBytes(ran, std::int64_t(ids.size()))); // memory_tuning.h: huge pages

    const int d = m_config.dModel;
    const int heads = m_config.heads;
    const int dh = m_config.headDim();
    const int kv = m_config.kvHeads * dh;
    const float eps = float(m_config.normEps);
    const float scale = 1.0f / std::sqrt(float(dh));

    Trace trace = startTrace(m_name, ids, tokens);
    trace.scale = double(scale);
    trace.scaling = Scaling{};
    trace.mask = MaskSpec::causal();
    const BoolMatrix allowed = buildMask(trace.mask, T, T).value();
    MatrixF cos, sin; // (T, dh/2)
    ropeTables(T, dh, m_config.ropeTheta, cos, sin);

    // x: (T, d) = embed[ids]; Llama adds no positional vector (RoPE acts inside attention).
    MatrixF x = m_w.embed(ids, Eigen::all);
    trace.embeddings = x.cast<double>();

    trace.layers.reserve(m_w.layers.size());
    MatrixF q(T, d), k(T, kv), v(T, kv), concat(T, d), attn(T, d);
    MatrixF gate(T, m_config.dFf), up(T, m_config.dFf), mlp(T, d);
    for (int l = 0; l < layerCount; ++l) {
        const LlamaLayerWeights& w = m_w.layers[size_t(l)];
        if (cancelRequested(cancelled)) return R::failure(cancelledMessage());
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = x.cast<double>();

        // rmsnorm(x): (T, d) -> q (T, d), k, v (T, kv); RoPE turns q and k by their positions.
        const MatrixF a = rmsNormF(x, w.attnNorm, eps, res.norm1);
        q.noalias() = a * w.wq.transpose();
        k.noalias() = a * w.wk.transpose();
        v.noalias() = a * w.wv.transpose();
        applyRopeF(q, dh, cos, sin, m_ropeLayout);
        applyRopeF(k, dh, cos, sin, m_ropeLayout);
        layer.heads = attendHeadsF(q, k, v, heads, m_config.kvHeads, scale, allowed, w.wo, WeightLayout::OutIn, concat);
        // concat: (T, d) -> (T, d) through o_proj (no bias); x + attention = the stream after attention.
        attn.noalias() = concat * w.wo.transpose();
        x += attn;
        layer.attentionOutput = attn.cast<double>();
        res.attentionOutput = layer.attentionOutput;
        res.afterAttention = x.cast<double>();

        // SwiGLU: rmsnorm(x) (T, d) -> silu(gate) ⊙ up (T, d_ff) -> down (T, d).
        const MatrixF b = rmsNormF(x, w.mlpNorm, eps, res.norm2);
        gate.noalias() = b * w.gate.transpose();
        up.noalias() = b * w.up.transpose();
        activateInPlace(gate, m_config.activation);
        gate.array() *= up.array();
        mlp.noalias() = gate * w.down.transpose();
        x += mlp;
        res.mlpOutput = mlp.cast<double>();
        res.output = x.cast<double>();
        trace.layers.push_back(std::move(layer));
    }
    trace.output = x.cast<double>();
    if (layerCount < m_config.layers) {
        endAfterLayers(trace, layerCount);
        if (logitsOut) *logitsOut = MatrixF();
        return trace;
    }

    // norm(x): (T, d) -> logits (T, vocab) = norm(x) · headᵀ, head = lm_head or the tied embedding.
    NormStats finalStats;
    const MatrixF f = rmsNormF(x, m_w.norm, eps, finalStats);
    MatrixF logits(T, m_config.vocab);
    logits.noalias() = f * (m_w.lmHead.size() ? m_w.lmHead : m_w.embed).transpose();
    trace.predictions = topPredictions(logits);
    if (logitsOut) *logitsOut = std::move(logits);
    return trace;
}

} // namespace attnlab::model
