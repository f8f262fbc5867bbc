#include "model/checkpoints/bert_model.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/kernels/activations.h"
#include "model/kernels/norms.h"

#include <QStringList>

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

// Where each family keeps the same weights: RoBERTa is BERT's layout under "roberta." with its own LM head;
// DistilBERT renames every part (transformers' modeling_bert / _roberta / _distilbert state dicts). A layer's
// names follow `layer` ("encoder.layer.%1."); the head's names have no prefix.
struct EncoderNames {
    const char* architecture;
    const char* prefix; // what ForMaskedLM checkpoints put before the encoder's names; bare models omit it
    const char* embeddingNorm;
    const char* layer;
    const char* query;
    const char* key;
    const char* value;
    const char* attentionOutput;
    const char* attentionNorm;
    const char* intermediate;
    const char* output;
    const char* outputNorm;
    const char* headTransform;
    const char* headNorm;
    const char* headDecoder;     // its .weight, when not tied
    const char* headBias;        // the output bias
    const char* headDecoderBias; // where newer files also (or only) save it
};
constexpr EncoderNames kEncoderNames[] = {
    {"bert", "bert.", "embeddings.LayerNorm", "encoder.layer.%1.", "attention.self.query", "attention.self.key",
     "attention.self.value", "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
     "output.dense", "output.LayerNorm", "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm",
     "cls.predictions.decoder", "cls.predictions.bias", "cls.predictions.decoder.bias"},
    {"roberta", "roberta.", "embeddings.LayerNorm", "encoder.layer.%1.", "attention.self.query",
     "attention.self.key", "attention.self.value", "attention.output.dense", "attention.output.LayerNorm",
     "intermediate.dense", "output.dense", "output.LayerNorm", "lm_head.dense", "lm_head.layer_norm",
     "lm_head.decoder", "lm_head.bias", "lm_head.decoder.bias"},
    {"distilbert", "distilbert.", "embeddings.LayerNorm", "transformer.layer.%1.", "attention.q_lin",
     "attention.k_lin", "attention.v_lin", "attention.out_lin", "sa_layer_norm", "ffn.lin1", "ffn.lin2",
     "output_layer_norm", "vocab_transform", "vocab_layer_norm", "vocab_projector", "vocab_projector.bias",
     "vocab_projector.bias"},
};

const EncoderNames* encoderNames(const QString& architecture)
{
    for (const EncoderNames& names : kEncoderNames)
        if (architecture == QLatin1String(names.architecture)) return &names;
    return nullptr;
}

} // namespace

Result<std::shared_ptr<BertModel>> BertModel::load(const QString& folder)
{
    using R = Result<std::shared_ptr<BertModel>>;
    QStringList encoders;
    for (const EncoderNames& family : kEncoderNames)
        encoders << QLatin1String(family.architecture);
    Result<CheckpointFolder> opened = openCheckpointFolder(folder, encoders);
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const EncoderNames* names = encoderNames(c.architecture);
    const CheckpointTensors& tensors = opened->tensors;
    // BertForMaskedLM / BertForPreTraining save "bert.embeddings…" beside "cls.…"; a bare BertModel saves
    // "embeddings…". RoBERTa and DistilBERT alike with their own prefixes.
    const QString prefix = tensors.has(QLatin1String(names->prefix) + QStringLiteral("embeddings.word_embeddings.weight"))
                               ? QLatin1String(names->prefix)
                               : QString();
    TensorReader r(tensors, prefix);
    const auto n = [](const char* base, const char* part) {
        return QLatin1String(base) + QLatin1Char('.') + QLatin1String(part);
    };

    std::shared_ptr<BertModel> model(new BertModel);
    model->m_weights.keep(tensors);
    model->setIdentity(folder, c);
    // RoBERTa's head applies the exact GELU whatever hidden_act says (RobertaLMHead calls gelu).
    model->m_headActivation = c.architecture == QLatin1String("roberta") ? Activation::Gelu : c.activation;
    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    model->m_wordEmbeddings = r.view(QStringLiteral("embeddings.word_embeddings.weight"), {vocab, d}, model->m_weights);
    model->m_positionEmbeddings = r.view(QStringLiteral("embeddings.position_embeddings.weight"),
                                         {std::int64_t(c.maxPositions) + c.positionOffset, d}, model->m_weights);
    if (c.typeVocab > 0)
        model->m_typeEmbeddings = r.view(QStringLiteral("embeddings.token_type_embeddings.weight"),
                                         {std::int64_t(c.typeVocab), d}, model->m_weights);
    const QString embNorm = QLatin1String(names->embeddingNorm);
    model->m_embGamma = r.vector(normName(r, embNorm, true), d);
    model->m_embBeta = r.vector(normName(r, embNorm, false), d);

    model->m_layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QString::fromLatin1(names->layer).arg(l);
        const auto name = [&p, &n](const char* base, const char* part) { return p + n(base, part); };
        const auto norm = [&](const char* base, bool weight) { return normName(r, p + QLatin1String(base), weight); };
        BertLayerWeights& w = model->m_layers[size_t(l)];
        w.qW = r.view(name(names->query, "weight"), {d, d}, model->m_weights);
        w.qB = r.vector(name(names->query, "bias"), d);
        w.kW = r.view(name(names->key, "weight"), {d, d}, model->m_weights);
        w.kB = r.vector(name(names->key, "bias"), d);
        w.vW = r.view(name(names->value, "weight"), {d, d}, model->m_weights);
        w.vB = r.vector(name(names->value, "bias"), d);
        w.attnOutW = r.view(name(names->attentionOutput, "weight"), {d, d}, model->m_weights);
        w.attnOutB = r.vector(name(names->attentionOutput, "bias"), d);
        w.ln1Gamma = r.vector(norm(names->attentionNorm, true), d);
        w.ln1Beta = r.vector(norm(names->attentionNorm, false), d);
        w.interW = r.view(name(names->intermediate, "weight"), {ff, d}, model->m_weights);
        w.interB = r.vector(name(names->intermediate, "bias"), ff);
        w.outW = r.view(name(names->output, "weight"), {d, ff}, model->m_weights);
        w.outB = r.vector(name(names->output, "bias"), d);
        w.ln2Gamma = r.vector(norm(names->outputNorm, true), d);
        w.ln2Beta = r.vector(norm(names->outputNorm, false), d);
    }
    if (r.failed()) return R::failure(r.error());

    // The MLM head lives outside the prefix. Its decoder is the word embeddings when tied (the default; a
    // saved copy is then ignored, as Hugging Face does), else its own (vocab, d) matrix. BERT saves the
    // output bias as cls.predictions.bias, newer versions also as decoder.bias (RoBERTa likewise).
    TensorReader head(tensors, QString());
    if (head.has(n(names->headTransform, "weight"))) {
        BertMlmHead& m = model->m_mlm;
        m.transformW = head.view(n(names->headTransform, "weight"), {d, d}, model->m_weights);
        m.transformB = head.vector(n(names->headTransform, "bias"), d);
        const QString norm = QLatin1String(names->headNorm);
        m.lnGamma = head.vector(normName(head, norm, true), d);
        m.lnBeta = head.vector(normName(head, norm, false), d);
        if (!c.tiedEmbeddings) m.decoder = head.view(n(names->headDecoder, "weight"), {vocab, d}, model->m_weights);
        const QString bias = !head.has(QLatin1String(names->headBias)) && head.has(QLatin1String(names->headDecoderBias))
                                 ? QLatin1String(names->headDecoderBias)
                                 : QLatin1String(names->headBias);
        m.bias = head.vector(bias, vocab);
        if (head.failed()) return R::failure(head.error());
        model->m_hasMlmHead = true;
    }

    for (const WeightView* m :
         {&model->m_wordEmbeddings, &model->m_positionEmbeddings, &model->m_typeEmbeddings})
        model->count(*m); // an empty view (DistilBERT's token types) counts 0
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

    // x: (T, d) = LN(word[ids] + position[o..o+T) + token_type[0]); one sequence, so every token is type 0
    // (DistilBERT has no types). o is RoBERTa's position offset, pad_token_id + 1; 0 for the others.
    MatrixF x = pass.firstStream([&] {
        MatrixF sum =
            m_wordEmbeddings(pass.ids, Eigen::all) + m_positionEmbeddings.middleRows(m_config.positionOffset, T);
        if (m_typeEmbeddings.size() > 0) sum.rowwise() += m_typeEmbeddings.row(0);
        return layerNorm(sum, m_embGamma, m_embBeta, eps);
    });
    trace.embeddings = x;

    trace.layers.reserve(size_t(pass.layers - pass.firstLayer));
    MatrixF q(T, d), k(T, d), v(T, d), concat(T, d), attn(T, d), hidden(T, m_config.dFf), mlp(T, d);
    for (int l = pass.firstLayer; l < pass.layers; ++l) {
        if (pass.stopRequested()) return;
        const BertLayerWeights& w = m_layers[size_t(l)];
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = latestStream(trace); // the same stored matrix: x as it entered this layer

        if (pass.reusesHeads(l)) {
            pass.reuseHeads(l, concat); // the trace's own heads: this layer's input is the trace's
        } else {
            // x: (T, d) -> q, k, v (T, d), each `heads` blocks of dh columns.
            q.noalias() = x * w.qW.transpose();
            q.rowwise() += w.qB;
            k.noalias() = x * w.kW.transpose();
            k.rowwise() += w.kB;
            v.noalias() = x * w.vW.transpose();
            v.rowwise() += w.vB;
            attendHeadsF(q, k, v, heads, heads, scale, pass.allowed, w.attnOutW, WeightLayout::OutIn, concat, layer);
        }
        pass.ablateHeads(l, d / heads, concat, layer);
        pass.narrow(l, concat, x); // from here on (T, ·) may be (outputRows, ·)
        // concat: (T, d) -> (T, d) through the output dense; post-norm: the stream after attention is
        // LN(x + attention), so afterAttention ≠ input + attentionOutput here.
        attn.noalias() = concat * w.attnOutW.transpose();
        attn.rowwise() += w.attnOutB;
        layer.attentionOutput = attn;
        res.attentionOutput = layer.attentionOutput;
        x = layerNorm(MatrixF(x + attn), w.ln1Gamma, w.ln1Beta, eps, &res.norm1);
        res.afterAttention = x;

        // W2·act(W1·x): (T, d) -> (T, d_ff) -> (T, d), then LN(x + mlp).
        hidden.noalias() = x * w.interW.transpose();
        hidden.rowwise() += w.interB;
        activateInPlace(hidden, m_config.activation);
        mlp.noalias() = hidden * w.outW.transpose();
        mlp.rowwise() += w.outB;
        pass.ablateMlp(l, mlp);
        res.mlpOutput = mlp;
        x = layerNorm(MatrixF(x + mlp), w.ln2Gamma, w.ln2Beta, eps, &res.norm2);
        res.output = x;
        pass.keepLayer(std::move(layer));
    }
    trace.output = latestStream(trace);
    if (!pass.wantsHead) return;
    pass.setHead(outputHead(x));
}

std::optional<LanguageModel::ForwardPass::Head> BertModel::outputHead(const MatrixF& stream) const
{
    if (!m_hasMlmHead) return std::nullopt;
    // MLM head: x (T, d) -> LN(act(x·W + b)) (T, d) -> logits (T, vocab) = · decoderᵀ + bias, the decoder
    // being the word embeddings when tied.
    MatrixF t(stream.rows(), m_config.dModel);
    t.noalias() = stream * m_mlm.transformW.transpose();
    t.rowwise() += m_mlm.transformB;
    activateInPlace(t, m_headActivation);
    return ForwardPass::Head{layerNorm(t, m_mlm.lnGamma, m_mlm.lnBeta, m_config.normEps),
                             m_mlm.decoder.size() ? m_mlm.decoder : m_wordEmbeddings, m_mlm.bias};
}

} // namespace attnlab::model
