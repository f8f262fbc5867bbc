#include "model/checkpoints/gpt2_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"

namespace attnlab::model {

Result<std::shared_ptr<Gpt2Model>> Gpt2Model::load(const QString& folder)
{
    using R = Result<std::shared_ptr<Gpt2Model>>;
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("gpt2"));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const CheckpointTensors& tensors = opened->tensors;

    // GPT2LMHeadModel saves "transformer.wte.weight"; a bare GPT2Model (the original gpt2 files)
    // "wte.weight".
    const QString prefix =
        tensors.has(QStringLiteral("transformer.wte.weight")) ? QStringLiteral("transformer.") : QString();
    TensorReader r(tensors, prefix);

    std::shared_ptr<Gpt2Model> model(new Gpt2Model);
    model->m_weights.keep(tensors);
    model->setIdentity(folder, c);
    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    model->m_wte = r.view(QStringLiteral("wte.weight"), {vocab, d}, model->m_weights);
    model->m_wpe = r.view(QStringLiteral("wpe.weight"), {std::int64_t(c.maxPositions), d}, model->m_weights);
    model->m_layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("h.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        Gpt2LayerWeights& w = model->m_layers[size_t(l)];
        w.ln1Gamma = r.vector(name("ln_1.weight"), d);
        w.ln1Beta = r.vector(name("ln_1.bias"), d);
        w.attnW = r.view(name("attn.c_attn.weight"), {d, 3 * d}, model->m_weights);
        w.attnB = r.vector(name("attn.c_attn.bias"), 3 * d);
        w.projW = r.view(name("attn.c_proj.weight"), {d, d}, model->m_weights);
        w.projB = r.vector(name("attn.c_proj.bias"), d);
        w.ln2Gamma = r.vector(name("ln_2.weight"), d);
        w.ln2Beta = r.vector(name("ln_2.bias"), d);
        w.fcW = r.view(name("mlp.c_fc.weight"), {d, ff}, model->m_weights);
        w.fcB = r.vector(name("mlp.c_fc.bias"), ff);
        w.mlpProjW = r.view(name("mlp.c_proj.weight"), {ff, d}, model->m_weights);
        w.mlpProjB = r.vector(name("mlp.c_proj.bias"), d);
    }
    model->m_lnfGamma = r.vector(QStringLiteral("ln_f.weight"), d);
    model->m_lnfBeta = r.vector(QStringLiteral("ln_f.bias"), d);
    // lm_head is a torch Linear, (vocab, d), and lives outside the "transformer." prefix.
    if (!c.tiedEmbeddings && tensors.has(QStringLiteral("lm_head.weight"))) {
        TensorReader head(tensors, QString());
        model->m_lmHead = head.view(QStringLiteral("lm_head.weight"), {vocab, d}, model->m_weights);
        if (head.failed()) return R::failure(head.error());
    }
    if (r.failed()) return R::failure(r.error());
    model->count(model->m_wte);
    model->count(model->m_wpe);
    for (const Gpt2LayerWeights& w : model->m_layers) {
        for (const WeightView* m : {&w.attnW, &w.projW, &w.fcW, &w.mlpProjW})
            model->count(*m);
        for (const RowVectorF* v : {&w.ln1Gamma, &w.ln1Beta, &w.attnB, &w.projB, &w.ln2Gamma, &w.ln2Beta, &w.fcB,
                                    &w.mlpProjB})
            model->countVector(*v);
    }
    model->countVector(model->m_lnfGamma);
    model->countVector(model->m_lnfBeta);
    model->count(model->m_lmHead);
    return model;
}

void Gpt2Model::forward(ForwardPass& pass) const
{
    const int T = int(pass.ids.size());
    const int d = m_config.dModel;
    const int heads = m_config.heads;
    const double eps = m_config.normEps;
    const float scale = float(pass.trace.scale);
    Trace& trace = pass.trace;

    // x: (T, d) = wte[ids] + wpe[0..T) (or, resuming, the stream entering pass.firstLayer)
    MatrixF x = pass.firstStream([&] { return m_wte(pass.ids, Eigen::all) + m_wpe.topRows(T); });
    trace.embeddings = x;

    trace.layers.reserve(size_t(pass.layers - pass.firstLayer));
    MatrixF qkv(T, 3 * d), concat(T, d), attn(T, d), hidden(T, m_config.dFf), mlp(T, d);
    for (int l = pass.firstLayer; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const Gpt2LayerWeights& w = m_layers[size_t(l)];
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = latestStream(trace); // the same stored matrix: x as it entered this layer

        if (pass.reusesHeads(l)) {
            pass.reuseHeads(l, concat); // the trace's own heads: this layer's input is the trace's
        } else {
            // ln_1(x): (T, d) -> qkv (T, 3d) = q | k | v, each (T, d) of `heads` blocks of dh columns.
            const MatrixF a = layerNorm(x, w.ln1Gamma, w.ln1Beta, eps, &res.norm1);
            qkv.noalias() = a * w.attnW;
            qkv.rowwise() += w.attnB;
            // q | k | v: (T, d) each, `heads` blocks of dh columns; c_proj is a Conv1D, (in, out).
            attendHeadsF(qkv.leftCols(d), qkv.middleCols(d, d), qkv.rightCols(d), heads, heads, scale,
                         pass.allowed, w.projW, WeightLayout::InOut, concat, layer);
        }
        pass.ablateHeads(l, d / heads, concat, layer);
        pass.narrow(l, concat, x); // from here on (T, ·) may be (outputRows, ·)
        // concat: (T, d) -> (T, d) through c_proj; x + attention = the stream after attention.
        attn.noalias() = concat * w.projW;
        attn.rowwise() += w.projB;
        x += attn;
        layer.attentionOutput = attn;
        res.attentionOutput = layer.attentionOutput;
        res.afterAttention = x;

        // mlp(ln_2(x)): (T, d) -> (T, d_ff) -> (T, d)
        const MatrixF b = layerNorm(x, w.ln2Gamma, w.ln2Beta, eps, &res.norm2);
        hidden.noalias() = b * w.fcW;
        hidden.rowwise() += w.fcB;
        activateInPlace(hidden, m_config.activation);
        mlp.noalias() = hidden * w.mlpProjW;
        mlp.rowwise() += w.mlpProjB;
        pass.ablateMlp(l, mlp);
        x += mlp;
        res.mlpOutput = mlp;
        res.output = x;
        pass.keepLayer(std::move(layer));
    }
    trace.output = latestStream(trace);
    if (!pass.wantsHead) return;

    pass.setHead(outputHead(x));
}

std::optional<LanguageModel::ForwardPass::Head> Gpt2Model::outputHead(const MatrixF& stream) const
{
    // ln_f(x): (T, d); logits (T, vocab) = ln_f(x) · headᵀ, head = wte (tied) or lm_head (run() computes them,
    // LanguageModel::Head).
    return ForwardPass::Head{layerNorm(stream, m_lnfGamma, m_lnfBeta, m_config.normEps),
                             m_lmHead.size() ? m_lmHead : m_wte, {}};
}

} // namespace attnlab::model
