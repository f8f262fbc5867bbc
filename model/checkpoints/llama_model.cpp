#include "model/checkpoints/llama_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"
#include "model/kernels/rope.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// gemma3's RMSNorm multiplies by (1 + w); the others by w. Stored as the factor itself.
RowVectorF normFactor(RowVectorF w, bool plusOne)
{
    if (plusOne) w.array() += 1.0f;
    return w;
}

// x: (T, n) += b (n) on every row; nothing for an empty b.
void addBias(MatrixF& x, const RowVectorF& b)
{
    if (b.size() > 0) x.rowwise() += b;
}

// x: (T, heads·dh), heads side by side -> each head's dh features RMS-normed with γ (dh): qwen3's and gemma3's
// q_norm / k_norm. A row-major (T, heads·dh) matrix is the row-major (T·heads, dh) matrix of its heads.
void rmsNormHeads(MatrixF& x, int dh, const RowVectorF& gamma, double eps)
{
    Eigen::Map<MatrixF> perHead(x.data(), x.size() / dh, dh);
    const MatrixF normed = rmsNorm(MatrixF(perHead), gamma, eps);
    perHead = normed;
}

} // namespace

Result<std::shared_ptr<LlamaModel>> LlamaModel::load(const QString& folder)
{
    using R = Result<std::shared_ptr<LlamaModel>>;
    Result<CheckpointFolder> opened =
        openCheckpointFolder(folder, QStringList(std::begin(kLlamaFamilyTypes), std::end(kLlamaFamilyTypes)));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const CheckpointTensors& tensors = opened->tensors;
    TensorReader r(tensors, QStringLiteral("model."));

    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab, dh = c.headDim();
    const std::int64_t qd = std::int64_t(c.heads) * dh, kv = std::int64_t(c.kvHeads) * dh;
    const bool gemma = c.gemmaNorms;
    LlamaWeights w;
    w.store.keep(tensors);
    w.embed = r.stored(QStringLiteral("embed_tokens.weight"), {vocab, d}, w.store);
    w.layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("layers.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        const auto norm = [&](const char* rest, std::int64_t n) { return normFactor(r.vector(name(rest), n), gemma); };
        LlamaLayerWeights& lw = w.layers[size_t(l)];
        lw.attnNorm = norm("input_layernorm.weight", d);
        lw.wq = r.stored(name("self_attn.q_proj.weight"), {qd, d}, w.store);
        lw.wk = r.stored(name("self_attn.k_proj.weight"), {kv, d}, w.store);
        lw.wv = r.stored(name("self_attn.v_proj.weight"), {kv, d}, w.store);
        lw.wo = r.stored(name("self_attn.o_proj.weight"), {d, qd}, w.store);
        if (c.qkvBias) {
            lw.bq = r.vector(name("self_attn.q_proj.bias"), qd);
            lw.bk = r.vector(name("self_attn.k_proj.bias"), kv);
            lw.bv = r.vector(name("self_attn.v_proj.bias"), kv);
        }
        if (c.outputBias) lw.bo = r.vector(name("self_attn.o_proj.bias"), d);
        if (c.qkNorm) {
            lw.qNorm = norm("self_attn.q_norm.weight", dh);
            lw.kNorm = norm("self_attn.k_norm.weight", dh);
        }
        if (gemma) {
            lw.attnOutNorm = norm("post_attention_layernorm.weight", d);
            lw.mlpNorm = norm("pre_feedforward_layernorm.weight", d);
            lw.mlpOutNorm = norm("post_feedforward_layernorm.weight", d);
        } else {
            lw.mlpNorm = norm("post_attention_layernorm.weight", d);
        }
        lw.gate = r.stored(name("mlp.gate_proj.weight"), {ff, d}, w.store);
        lw.up = r.stored(name("mlp.up_proj.weight"), {ff, d}, w.store);
        lw.down = r.stored(name("mlp.down_proj.weight"), {d, ff}, w.store);
        if (c.mlpBias) {
            lw.bGate = r.vector(name("mlp.gate_proj.bias"), ff);
            lw.bUp = r.vector(name("mlp.up_proj.bias"), ff);
            lw.bDown = r.vector(name("mlp.down_proj.bias"), d);
        }
    }
    w.norm = normFactor(r.vector(QStringLiteral("norm.weight"), d), gemma);
    if (r.failed()) return R::failure(r.error());
    // lm_head lives outside the "model." prefix; a tied checkpoint may omit it (and its copy is ignored).
    if (!c.tiedEmbeddings) {
        TensorReader head(tensors, QString());
        w.lmHead = head.stored(QStringLiteral("lm_head.weight"), {vocab, d}, w.store);
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
    m_weightBytes = 0;
    count(m_w.embed);
    for (const LlamaLayerWeights& w : m_w.layers) {
        for (const StoredWeight* m : {&w.wq, &w.wk, &w.wv, &w.wo, &w.gate, &w.up, &w.down})
            count(*m);
        for (const RowVectorF* v : {&w.attnNorm, &w.bq, &w.bk, &w.bv, &w.bo, &w.qNorm, &w.kNorm, &w.attnOutNorm,
                                    &w.mlpNorm, &w.bGate, &w.bUp, &w.bDown, &w.mlpOutNorm})
            countVector(*v);
    }
    countVector(m_w.norm);
    count(m_w.lmHead);
}

void LlamaModel::forward(ForwardPass& pass) const
{
    const ModelConfig& c = m_config;
    const int T = int(pass.ids.size());
    const int d = c.dModel;
    const int dh = c.headDim();
    const int qd = c.heads * dh, kv = c.kvHeads * dh;
    const double eps = c.normEps;
    const float scale = float(pass.trace.scale);
    Trace& trace = pass.trace;
    // cos, sin: (T, dh/2), one table for the queries and keys of every head and layer; gemma3's sliding layers
    // have a table of their own (another base, never scaled).
    const RopeAngles<float, Eigen::RowMajor> rope =
        ropeAngles<float, Eigen::RowMajor>(trace.positions, dh, c.ropeTheta, c.ropeScaling);
    const bool localRope = c.ropeLocalTheta > 0.0 && c.slidingWindow > 0;
    const RopeAngles<float, Eigen::RowMajor> ropeLocal =
        localRope ? ropeAngles<float, Eigen::RowMajor>(trace.positions, dh, c.ropeLocalTheta)
                  : RopeAngles<float, Eigen::RowMajor>{};
    trace.rope = {dh, c.ropeTheta, c.ropeScaling, localRope ? c.ropeLocalTheta : 0.0};
    trace.queryKeyNorm = c.qkNorm;
    // A sliding layer's query t sees keys t − W < s ≤ t. When every layer slides, the trace's mask says so.
    // Within what the pass allows (several inputs in one pass are kept apart there).
    const BoolMatrix windowed =
        c.slidingWindow > 0
            ? BoolMatrix(buildMask(MaskSpec::slidingWindow(c.slidingWindow), T, T).value().array() && pass.allowed.array())
            : BoolMatrix();
    if (c.slidingWindow > 0 && std::find(c.slidingLayers.begin(), c.slidingLayers.end(), false) == c.slidingLayers.end())
        trace.mask = MaskSpec::slidingWindow(c.slidingWindow);

    // x: (T, d) = embed[ids] (gemma3: × √d); no positional vector (RoPE acts inside attention).
    MatrixF x = pass.firstStream([&] {
        MatrixF e = m_w.embed.gatherRows(pass.ids);
        if (c.gemmaNorms) e *= std::sqrt(float(d));
        return e;
    });
    trace.embeddings = x;

    trace.layers.reserve(size_t(pass.layers - pass.firstLayer));
    MatrixF q(T, qd), k(T, kv), v(T, kv), concat(T, qd), attn(T, d);
    MatrixF gate(T, c.dFf), up(T, c.dFf), mlp(T, d);
    // A layer's seven matrices as float32: F32 weights where they lie, F16/BF16 converted into these, which every
    // layer reuses (a Llama-3.2-1B layer: 243 MB, against 5 GB for the whole model converted at load).
    MatrixF scratch[7];
    for (int l = pass.firstLayer; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const LlamaLayerWeights& stored = m_w.layers[size_t(l)];
        struct {
            WeightView wq, wk, wv, wo, gate, up, down;
        } w{stored.wq.floats(scratch[0]), stored.wk.floats(scratch[1]), stored.wv.floats(scratch[2]),
            stored.wo.floats(scratch[3]), stored.gate.floats(scratch[4]), stored.up.floats(scratch[5]),
            stored.down.floats(scratch[6])};
        const bool sliding = c.slides(l);
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = latestStream(trace); // the same stored matrix: x as it entered this layer

        if (pass.reusesHeads(l)) {
            pass.reuseHeads(l, concat); // the trace's own heads: this layer's input is the trace's
        } else {
            // rmsnorm(x): (T, d) -> q (T, qd), k, v (T, kv) (+ biases); q/k norms per head, then RoPE turns q and k
            // by their positions.
            const MatrixF a = rmsNorm(x, stored.attnNorm, eps, &res.norm1);
            q.noalias() = a * w.wq.transpose();
            k.noalias() = a * w.wk.transpose();
            v.noalias() = a * w.wv.transpose();
            addBias(q, stored.bq);
            addBias(k, stored.bk);
            addBias(v, stored.bv);
            if (c.qkNorm) {
                rmsNormHeads(q, dh, stored.qNorm, eps);
                rmsNormHeads(k, dh, stored.kNorm, eps);
            }
            const RopeAngles<float, Eigen::RowMajor>& angles = sliding && localRope ? ropeLocal : rope;
            applyRope(q, dh, angles, m_ropeLayout);
            applyRope(k, dh, angles, m_ropeLayout);
            attendHeadsF(q, k, v, c.heads, c.kvHeads, scale, sliding ? windowed : pass.allowed, w.wo,
                         WeightLayout::OutIn, concat, layer);
        }
        pass.ablateHeads(l, dh, concat, layer);
        pass.narrow(l, concat, x); // from here on (T, ·) may be (outputRows, ·)
        // concat: (T, qd) -> (T, d) through o_proj (+ bias; gemma3: then its norm); x + that = the stream after
        // attention.
        attn.noalias() = concat * w.wo.transpose();
        addBias(attn, stored.bo);
        if (c.gemmaNorms) attn = rmsNorm(attn, stored.attnOutNorm, eps);
        x += attn;
        layer.attentionOutput = attn;
        res.attentionOutput = layer.attentionOutput;
        res.afterAttention = x;

        // Gated MLP: rmsnorm(x) (T, d) -> act(gate) ⊙ up (T, d_ff) -> down (T, d) (gemma3: then its norm).
        const MatrixF b = rmsNorm(x, stored.mlpNorm, eps, &res.norm2);
        gate.noalias() = b * w.gate.transpose();
        up.noalias() = b * w.up.transpose();
        addBias(gate, stored.bGate);
        addBias(up, stored.bUp);
        activateInPlace(gate, c.activation);
        gate.array() *= up.array();
        mlp.noalias() = gate * w.down.transpose();
        addBias(mlp, stored.bDown);
        if (c.gemmaNorms) mlp = rmsNorm(mlp, stored.mlpOutNorm, eps);
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

std::optional<LanguageModel::ForwardPass::Head> LlamaModel::outputHead(const MatrixF& stream) const
{
    // norm(x): (T, d); logits (T, vocab) = norm(x) · headᵀ, head = lm_head or the tied embedding (run() computes
    // them, LanguageModel::Head).
    return ForwardPass::Head{rmsNorm(stream, m_w.norm, m_config.normEps), m_w.lmHead.size() ? m_w.lmHead : m_w.embed, {}};
}

} // namespace attnlab::model
