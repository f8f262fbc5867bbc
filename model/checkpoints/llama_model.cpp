#include "model/checkpoints/llama_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"
#include "model/kernels/rope.h"

namespace attnlab::model {

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

void LlamaModel::forward(ForwardPass& pass) const
{
    const int T = int(pass.ids.size());
    const int d = m_config.dModel;
    const int heads = m_config.heads;
    const int dh = m_config.headDim();
    const int kv = m_config.kvHeads * dh;
    const double eps = m_config.normEps;
    const float scale = float(pass.trace.scale);
    Trace& trace = pass.trace;
    // cos, sin: (T, dh/2), one table for the queries and keys of every head and layer.
    const RopeAngles<float, Eigen::RowMajor> rope =
        ropeAngles<float, Eigen::RowMajor>(trace.positions, dh, m_config.ropeTheta, m_config.ropeScaling);

    // x: (T, d) = embed[ids]; Llama adds no positional vector (RoPE acts inside attention).
    MatrixF x = m_w.embed(pass.ids, Eigen::all);
    trace.embeddings = x.cast<double>();

    trace.layers.reserve(size_t(pass.layers));
    MatrixF q(T, d), k(T, kv), v(T, kv), concat(T, d), attn(T, d);
    MatrixF gate(T, m_config.dFf), up(T, m_config.dFf), mlp(T, d);
    for (int l = 0; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const LlamaLayerWeights& w = m_w.layers[size_t(l)];
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = x.cast<double>();

        // rmsnorm(x): (T, d) -> q (T, d), k, v (T, kv); RoPE turns q and k by their positions.
        const MatrixF a = rmsNorm(x, w.attnNorm, eps, &res.norm1);
        q.noalias() = a * w.wq.transpose();
        k.noalias() = a * w.wk.transpose();
        v.noalias() = a * w.wv.transpose();
        applyRope(q, dh, rope, m_ropeLayout);
        applyRope(k, dh, rope, m_ropeLayout);
        layer.heads = attendHeadsF(q, k, v, heads, m_config.kvHeads, scale, pass.allowed, w.wo, WeightLayout::OutIn,
                                   concat);
        // concat: (T, d) -> (T, d) through o_proj (no bias); x + attention = the stream after attention.
        attn.noalias() = concat * w.wo.transpose();
        x += attn;
        layer.attentionOutput = attn.cast<double>();
        res.attentionOutput = layer.attentionOutput;
        res.afterAttention = x.cast<double>();

        // SwiGLU: rmsnorm(x) (T, d) -> silu(gate) ⊙ up (T, d_ff) -> down (T, d).
        const MatrixF b = rmsNorm(x, w.mlpNorm, eps, &res.norm2);
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
    if (!pass.logits) return;

    // norm(x): (T, d) -> logits (T, vocab) = norm(x) · headᵀ, head = lm_head or the tied embedding.
    const MatrixF f = rmsNorm(x, m_w.norm, eps);
    pass.logits->resize(T, m_config.vocab);
    pass.logits->noalias() = f * (m_w.lmHead.size() ? m_w.lmHead : m_w.embed).transpose();
}

} // namespace attnlab::model
