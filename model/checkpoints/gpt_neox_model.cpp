#include "model/checkpoints/gpt_neox_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"
#include "model/kernels/rope.h"

namespace attnlab::model {

Result<std::shared_ptr<GptNeoxModel>> GptNeoxModel::load(const QString& folder)
{
    using R = Result<std::shared_ptr<GptNeoxModel>>;
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("gpt_neox"));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const CheckpointTensors& tensors = opened->tensors;
    const QString prefix =
        tensors.has(QStringLiteral("gpt_neox.embed_in.weight")) ? QStringLiteral("gpt_neox.") : QString();
    TensorReader r(tensors, prefix);

    std::shared_ptr<GptNeoxModel> model(new GptNeoxModel);
    model->m_weights.keep(tensors);
    model->setIdentity(folder, c);
    WeightStore& store = model->m_weights;
    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    model->m_embed = r.view(QStringLiteral("embed_in.weight"), {vocab, d}, store);
    model->m_layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("layers.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        GptNeoxLayerWeights& w = model->m_layers[size_t(l)];
        w.ln1Gamma = r.vector(name("input_layernorm.weight"), d);
        w.ln1Beta = r.vector(name("input_layernorm.bias"), d);
        w.qkvW = r.view(name("attention.query_key_value.weight"), {3 * d, d}, store);
        w.denseW = r.view(name("attention.dense.weight"), {d, d}, store);
        if (c.qkvBias) {
            w.qkvB = r.vector(name("attention.query_key_value.bias"), 3 * d);
            w.denseB = r.vector(name("attention.dense.bias"), d);
        }
        w.ln2Gamma = r.vector(name("post_attention_layernorm.weight"), d);
        w.ln2Beta = r.vector(name("post_attention_layernorm.bias"), d);
        w.fcW = r.view(name("mlp.dense_h_to_4h.weight"), {ff, d}, store);
        w.fcB = r.vector(name("mlp.dense_h_to_4h.bias"), ff);
        w.projW = r.view(name("mlp.dense_4h_to_h.weight"), {d, ff}, store);
        w.projB = r.vector(name("mlp.dense_4h_to_h.bias"), d);
    }
    model->m_lnfGamma = r.vector(QStringLiteral("final_layer_norm.weight"), d);
    model->m_lnfBeta = r.vector(QStringLiteral("final_layer_norm.bias"), d);
    if (r.failed()) return R::failure(r.error());
    // embed_out lives outside the prefix.
    if (!c.tiedEmbeddings) {
        TensorReader head(tensors, QString());
        model->m_unembed = head.view(QStringLiteral("embed_out.weight"), {vocab, d}, store);
        if (head.failed())
            return R::failure(head.error() + QStringLiteral(" (config.json has tie_word_embeddings false)"));
    }

    model->count(model->m_embed);
    model->count(model->m_unembed);
    model->countVector(model->m_lnfGamma);
    model->countVector(model->m_lnfBeta);
    for (const GptNeoxLayerWeights& w : model->m_layers) {
        for (const WeightView* m : {&w.qkvW, &w.denseW, &w.fcW, &w.projW})
            model->count(*m);
        for (const RowVectorF* v :
             {&w.ln1Gamma, &w.ln1Beta, &w.qkvB, &w.denseB, &w.ln2Gamma, &w.ln2Beta, &w.fcB, &w.projB})
            model->countVector(*v);
    }
    return model;
}

void GptNeoxModel::forward(ForwardPass& pass) const
{
    const ModelConfig& c = m_config;
    const int T = int(pass.ids.size());
    const int d = c.dModel, heads = c.heads, hs = c.headDim();
    const int rotary = c.ropeDims > 0 ? c.ropeDims : hs;
    const double eps = c.normEps;
    const float scale = float(pass.trace.scale);
    Trace& trace = pass.trace;
    // cos, sin: (T, rotary/2): the frequencies of a rotary-dimensional RoPE, shared by every head and layer.
    const RopeAngles<float, Eigen::RowMajor> rope =
        ropeAngles<float, Eigen::RowMajor>(trace.positions, rotary, c.ropeTheta, c.ropeScaling);

    trace.rope = {rotary, c.ropeTheta, c.ropeScaling, 0.0};

    // (T, d); no positional vector
    MatrixF x = pass.firstStream([&] { return m_embed(pass.ids, Eigen::all); });
    trace.embeddings = x;

    trace.layers.reserve(size_t(pass.layers - pass.firstLayer));
    MatrixF qkv(T, 3 * d), q(T, d), k(T, d), v(T, d), concat(T, d), attn(T, d), hidden(T, c.dFf), mlp(T, d);
    MatrixF qRot(T, heads * rotary), kRot(T, heads * rotary);
    for (int l = pass.firstLayer; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const GptNeoxLayerWeights& w = m_layers[size_t(l)];
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = latestStream(trace); // the same stored matrix: x as it entered this layer

        if (pass.reusesHeads(l)) {
            pass.reuseHeads(l, concat); // the trace's own heads: this layer's input is the trace's
        } else {
            // input_layernorm(x) (T, d) -> qkv (T, 3d), per head [q_h | k_h | v_h] -> q, k, v (T, d) head-major.
            const MatrixF a = layerNorm(x, w.ln1Gamma, w.ln1Beta, eps, &res.norm1);
            qkv.noalias() = a * w.qkvW.transpose();
            if (w.qkvB.size() > 0) qkv.rowwise() += w.qkvB;
            for (int h = 0; h < heads; ++h) {
                q.middleCols(h * hs, hs) = qkv.middleCols(3 * h * hs, hs);
                k.middleCols(h * hs, hs) = qkv.middleCols(3 * h * hs + hs, hs);
                v.middleCols(h * hs, hs) = qkv.middleCols(3 * h * hs + 2 * hs, hs);
            }
            // Partial rotary: the first `rotary` features of each head turn, the rest pass unchanged.
            for (int h = 0; h < heads; ++h) {
                qRot.middleCols(h * rotary, rotary) = q.middleCols(h * hs, rotary);
                kRot.middleCols(h * rotary, rotary) = k.middleCols(h * hs, rotary);
            }
            applyRope(qRot, rotary, rope, RopeLayout::RotateHalf);
            applyRope(kRot, rotary, rope, RopeLayout::RotateHalf);
            for (int h = 0; h < heads; ++h) {
                q.middleCols(h * hs, rotary) = qRot.middleCols(h * rotary, rotary);
                k.middleCols(h * hs, rotary) = kRot.middleCols(h * rotary, rotary);
            }
            attendHeadsF(q, k, v, heads, heads, scale, pass.allowed, w.denseW, WeightLayout::OutIn, concat, layer);
        }
        pass.ablateHeads(l, hs, concat, layer);
        pass.narrow(l, concat, x); // from here on (T, ·) may be (outputRows, ·)
        attn.noalias() = concat * w.denseW.transpose();
        if (w.denseB.size() > 0) attn.rowwise() += w.denseB;
        layer.attentionOutput = attn;
        res.attentionOutput = layer.attentionOutput;
        const MatrixF afterAttention = x + attn;
        res.afterAttention = afterAttention;

        // mlp: post_attention_layernorm of x (parallel) or of x + attention (sequential) (T, d) -> (T, d_ff)
        // -> (T, d).
        const MatrixF b = layerNorm(c.parallelResidual ? x : afterAttention, w.ln2Gamma, w.ln2Beta, eps, &res.norm2);
        hidden.noalias() = b * w.fcW.transpose();
        hidden.rowwise() += w.fcB;
        activateInPlace(hidden, c.activation);
        mlp.noalias() = hidden * w.projW.transpose();
        mlp.rowwise() += w.projB;
        pass.ablateMlp(l, mlp);
        x = afterAttention + mlp;
        res.mlpOutput = mlp;
        res.output = x;
        pass.keepLayer(std::move(layer));
    }
    trace.output = latestStream(trace);
    if (!pass.wantsHead) return;

    pass.setHead(outputHead(x));
}

std::optional<LanguageModel::ForwardPass::Head> GptNeoxModel::outputHead(const MatrixF& stream) const
{
    // final_layer_norm(x): (T, d); logits = that · embed_outᵀ (run() computes them, LanguageModel::Head).
    return ForwardPass::Head{layerNorm(stream, m_lnfGamma, m_lnfBeta, m_config.normEps),
                             m_unembed.size() ? m_unembed : m_embed, {}};
}

} // namespace attnlab::model
