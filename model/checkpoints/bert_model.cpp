#include "model/checkpoints/bert_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"

namespace attnlab::model {

namespace {

// base "embeddings.LayerNorm", "weight" or "bias" -> the name the file uses: current checkpoints say
// weight/bias, those converted from the original TensorFlow BERT gamma/beta. When neither is present the
// current name is returned, so the "missing" message names what a user would look for.
QString normName(const TensorReader& r, const QString& base, bool weight)
{
    const QString current = base + (weight ? QLatin1String(".weight") : QLatin1String(".bias"));
    const QString old = base + (weight ? QLatin1String(".gamma") : QLatin1String(".beta"));
    return !r.has(current) && r.has(old) ? old : current;
}

} // namespace

Result<std::shared_ptr<BertModel>> BertModel::load(const QString& folder)
{
    using R = Result<std::shared_ptr<BertModel>>;
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, QStringLiteral("bert"));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const CheckpointTensors& tensors = opened->tensors;
    // BertForMaskedLM / BertForPreTraining save "bert.embeddings…" beside "cls.…"; a bare BertModel saves
    // "embeddings…".
    const QString prefix = tensors.has(QStringLiteral("bert.embeddings.word_embeddings.weight"))
                               ? QStringLiteral("bert.")
                               : QString();
    TensorReader r(tensors, prefix);

    std::shared_ptr<BertModel> model(new BertModel);
    model->m_weights.keep(tensors);
    model->setIdentity(folder, c);
    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    model->m_wordEmbeddings = r.view(QStringLiteral("embeddings.word_embeddings.weight"), {vocab, d}, model->m_weights);
    model->m_positionEmbeddings =
        r.view(QStringLiteral("embeddings.position_embeddings.weight"), {std::int64_t(c.maxPositions), d}, model->m_weights);
    model->m_typeEmbeddings =
        r.view(QStringLiteral("embeddings.token_type_embeddings.weight"), {std::int64_t(c.typeVocab), d}, model->m_weights);
    const QString embNorm = QStringLiteral("embeddings.LayerNorm");
    model->m_embGamma = r.vector(normName(r, embNorm, true), d);
    model->m_embBeta = r.vector(normName(r, embNorm, false), d);

    model->m_layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("encoder.layer.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        BertLayerWeights& w = model->m_layers[size_t(l)];
        w.qW = r.view(name("attention.self.query.weight"), {d, d}, model->m_weights);
        w.qB = r.vector(name("attention.self.query.bias"), d);
        w.kW = r.view(name("attention.self.key.weight"), {d, d}, model->m_weights);
        w.kB = r.vector(name("attention.self.key.bias"), d);
        w.vW = r.view(name("attention.self.value.weight"), {d, d}, model->m_weights);
        w.vB = r.vector(name("attention.self.value.bias"), d);
        w.attnOutW = r.view(name("attention.output.dense.weight"), {d, d}, model->m_weights);
        w.attnOutB = r.vector(name("attention.output.dense.bias"), d);
        w.ln1Gamma = r.vector(normName(r, name("attention.output.LayerNorm"), true), d);
        w.ln1Beta = r.vector(normName(r, name("attention.output.LayerNorm"), false), d);
        w.interW = r.view(name("intermediate.dense.weight"), {ff, d}, model->m_weights);
        w.interB = r.vector(name("intermediate.dense.bias"), ff);
        w.outW = r.view(name("output.dense.weight"), {d, ff}, model->m_weights);
        w.outB = r.vector(name("output.dense.bias"), d);
        w.ln2Gamma = r.vector(normName(r, name("output.LayerNorm"), true), d);
        w.ln2Beta = r.vector(normName(r, name("output.LayerNorm"), false), d);
    }
    if (r.failed()) return R::failure(r.error());

    // The MLM head lives outside the "bert." prefix. Its decoder is the word embeddings when tied (the
    // default; a saved copy is then ignored, as Hugging Face does), else its own (vocab, d) matrix. The
    // output bias is saved as cls.predictions.bias, and by newer versions also as decoder.bias.
    TensorReader head(tensors, QString());
    if (head.has(QStringLiteral("cls.predictions.transform.dense.weight"))) {
        BertMlmHead& m = model->m_mlm;
        m.transformW = head.view(QStringLiteral("cls.predictions.transform.dense.weight"), {d, d}, model->m_weights);
        m.transformB = head.vector(QStringLiteral("cls.predictions.transform.dense.bias"), d);
        const QString norm = QStringLiteral("cls.predictions.transform.LayerNorm");
        m.lnGamma = head.vector(normName(head, norm, true), d);
        m.lnBeta = head.vector(normName(head, norm, false), d);
        if (!c.tiedEmbeddings)
            m.decoder = head.view(QStringLiteral("cls.predictions.decoder.weight"), {vocab, d}, model->m_weights);
        const QString bias = !head.has(QStringLiteral("cls.predictions.bias")) &&
                                     head.has(QStringLiteral("cls.predictions.decoder.bias"))
                                 ? QStringLiteral("cls.predictions.decoder.bias")
                                 : QStringLiteral("cls.predictions.bias");
        m.bias = head.vector(bias, vocab);
        if (head.failed()) return R::failure(head.error());
        model->m_hasMlmHead = true;
    }

    for (const WeightView* m :
         {&model->m_wordEmbeddings, &model->m_positionEmbeddings, &model->m_typeEmbeddings})
        model->count(*m);
    model->countVector(model->m_embGamma);
    model->countVector(model->m_embBeta);
    for (const BertLayerWeights& w : model->m_layers) {
        for (const WeightView* m : {&w.qW, &w.kW, &w.vW, &w.attnOutW, &w.interW, &w.outW})
            model->count(*m);
        for (const RowVectorF* v : {&w.qB, &w.kB, &w.vB, &w.attnOutB, &w.ln1Gamma, &w.ln1Beta, &w.interB,
                                    &w.outB, &w.ln2Gamma, &w.ln2Beta})
            model->countVector(*v);
    }
    if (model->m_hasMlmHead) {
        const BertMlmHead& m = model->m_mlm;
        model->count(m.transformW);
        model->count(m.decoder); // empty when tied: counted once, as the word embeddings
        for (const RowVectorF* v : {&m.transformB, &m.lnGamma, &m.lnBeta, &m.bias})
            model->countVector(*v);
    }
    return model;
}

void BertModel::forward(ForwardPass& pass) const
{
    const int T = int(pass.ids.size());
    const int d = m_config.dModel;
    const int heads = m_config.heads;
    const double eps = m_config.normEps;
    const float scale = float(pass.trace.scale);
    Trace& trace = pass.trace;

    // x: (T, d) = LN(word[ids] + position[0..T) + token_type[0]); one sequence, so every token is type 0.
    MatrixF sum = m_wordEmbeddings(pass.ids, Eigen::all) + m_positionEmbeddings.topRows(T);
    sum.rowwise() += m_typeEmbeddings.row(0);
    MatrixF x = layerNorm(sum, m_embGamma, m_embBeta, eps);
    trace.embeddings = x.cast<double>();

    trace.layers.reserve(size_t(pass.layers));
    MatrixF q(T, d), k(T, d), v(T, d), concat(T, d), attn(T, d), hidden(T, m_config.dFf), mlp(T, d);
    for (int l = 0; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const BertLayerWeights& w = m_layers[size_t(l)];
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = x.cast<double>();

        // x: (T, d) -> q, k, v (T, d), each `heads` blocks of dh columns.
        q.noalias() = x * w.qW.transpose();
        q.rowwise() += w.qB;
        k.noalias() = x * w.kW.transpose();
        k.rowwise() += w.kB;
        v.noalias() = x * w.vW.transpose();
        v.rowwise() += w.vB;
        layer.heads =
            attendHeadsF(q, k, v, heads, heads, scale, pass.allowed, w.attnOutW, WeightLayout::OutIn, concat);
        // concat: (T, d) -> (T, d) through the output dense; post-norm: the stream after attention is
        // LN(x + attention), so afterAttention ≠ input + attentionOutput here.
        attn.noalias() = concat * w.attnOutW.transpose();
        attn.rowwise() += w.attnOutB;
        layer.attentionOutput = attn.cast<double>();
        res.attentionOutput = layer.attentionOutput;
        x = layerNorm(MatrixF(x + attn), w.ln1Gamma, w.ln1Beta, eps, &res.norm1);
        res.afterAttention = x.cast<double>();

        // W2·act(W1·x): (T, d) -> (T, d_ff) -> (T, d), then LN(x + mlp).
        hidden.noalias() = x * w.interW.transpose();
        hidden.rowwise() += w.interB;
        activateInPlace(hidden, m_config.activation);
        mlp.noalias() = hidden * w.outW.transpose();
        mlp.rowwise() += w.outB;
        res.mlpOutput = mlp.cast<double>();
        x = layerNorm(MatrixF(x + mlp), w.ln2Gamma, w.ln2Beta, eps, &res.norm2);
        res.output = x.cast<double>();
        trace.layers.push_back(std::move(layer));
    }
    trace.output = x.cast<double>();
    if (!pass.logits || !m_hasMlmHead) return;

    // MLM head: x (T, d) -> LN(act(x·W + b)) (T, d) -> logits (T, vocab) = · decoderᵀ + bias, the decoder
    // being the word embeddings when tied.
    MatrixF t(T, d);
    t.noalias() = x * m_mlm.transformW.transpose();
    t.rowwise() += m_mlm.transformB;
    activateInPlace(t, m_config.activation);
    const MatrixF f = layerNorm(t, m_mlm.lnGamma, m_mlm.lnBeta, eps);
    MatrixF& logits = *pass.logits;
    logits.resize(T, m_config.vocab);
    logits.noalias() = f * (m_mlm.decoder.size() ? m_mlm.decoder : m_wordEmbeddings).transpose();
    logits.rowwise() += m_mlm.bias;
}

} // namespace attnlab::model
