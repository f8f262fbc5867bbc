#include "gpt2_model.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace attnlab::model {

namespace {

QString shapeText(const std::vector<std::int64_t>& shape)
{
    QStringList parts;
    for (std::int64_t n : shape)
        parts << QString::number(n);
    return QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
}

// Reads tensors by name and checks each against the shape the config implies; the first problem is kept.
class TensorReader {
public:
    TensorReader(const SafetensorsFile& file, QString prefix, QString fileName)
        : m_file(file), m_prefix(std::move(prefix)), m_fileName(std::move(fileName))
    {
    }

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool has(const QString& name) const { return m_file.info(m_prefix + name) != nullptr; }

    // name, expected shape (1-D or 2-D) -> (rows, cols); a 1-D tensor (n) comes back as (1, n).
    MatrixF matrix(const QString& name, std::vector<std::int64_t> expected)
    {
        if (failed()) return {};
        const QString full = m_prefix + name;
        const TensorInfo* info = m_file.info(full);
        if (!info) {
            fail(QStringLiteral("tensor %1 is missing (expected shape %2)").arg(full, shapeText(expected)));
            return {};
        }
        if (info->shape != expected) {
            fail(QStringLiteral("tensor %1 has shape %2, expected %3")
                     .arg(full, shapeText(info->shape), shapeText(expected)));
            return {};
        }
        Result<MatrixF> m = m_file.matrix(full);
        if (!m) {
            fail(m.error());
            return {};
        }
        return std::move(m).value();
    }

    RowVectorF vector(const QString& name, std::int64_t n)
    {
        const MatrixF m = matrix(name, {n});
        return failed() ? RowVectorF() : RowVectorF(m.row(0));
    }

private:
    void fail(const QString& what)
    {
        if (!failed()) m_error = QStringLiteral("%1: %2").arg(m_fileName, what);
    }

    const SafetensorsFile& m_file;
    QString m_prefix;
    QString m_fileName;
    QString m_error;
};

// x: (T, d) -> (T, d): (x − mean) / √(var + eps) · γ + β per row, biased variance as torch.nn.LayerNorm.
// Statistics (before γ and β) go to stats.
MatrixF layerNormF(const MatrixF& x, const RowVectorF& gamma, const RowVectorF& beta, float eps,
                   NormStats& stats)
{
    const Eigen::VectorXf mean = x.rowwise().mean();
    MatrixF out = x.colwise() - mean;
    const Eigen::VectorXf variance = out.array().square().rowwise().mean();
    out.array().colwise() /= (variance.array() + eps).sqrt();
    out.array().rowwise() *= gamma.array();
    out.rowwise() += beta;
    stats.mean = mean.cast<double>();
    stats.variance = variance.cast<double>();
    return out;
}

// x: any shape -> the same shape, elementwise. gelu_new is GPT-2's tanh approximation, gelu the exact x·Φ(x).
void activateInPlace(MatrixF& x, const QString& activation)
{
    if (activation == QLatin1String("gelu_new")) {
        const float c = float(std::sqrt(2.0 / std::numbers::pi));
        x.array() = 0.5f * x.array() * (1.0f + (c * (x.array() + 0.044715f * x.array().cube())).tanh());
    } else if (activation == QLatin1String("gelu")) {
        const float invSqrt2 = float(1.0 / std::numbers::sqrt2);
        x = x.unaryExpr([invSqrt2](float v) { return 0.5f * v * (1.0f + std::erf(v * invSqrt2)); });
    } else if (activation == QLatin1String("relu")) {
        x = x.cwiseMax(0.0f);
    } else { // silu
        x.array() = x.array() / (1.0f + (-x.array()).exp());
    }
}

// scaled: (T, T) -> weights (T, T): causal softmax, row t over keys 0..t; the future gets weight 0.
MatrixF causalSoftmax(const MatrixF& scaled)
{
    MatrixF w = scaled;
    w.triangularView<Eigen::StrictlyUpper>().setConstant(-std::numeric_limits<float>::infinity());
    const Eigen::VectorXf rowMax = w.rowwise().maxCoeff();
    w = (w.colwise() - rowMax).array().exp().matrix();
    const Eigen::VectorXf rowSum = w.rowwise().sum();
    w.array().colwise() /= rowSum.array();
    return w;
}

// logits: (T, V) -> the top min(5, V) (id, probability) of softmax(logits) at every position.
std::vector<Prediction> topPredictions(const MatrixF& logits)
{
    std::vector<Prediction> predictions;
    const Eigen::Index vocab = logits.cols();
    const int keep = int(std::min<Eigen::Index>(5, vocab));
    std::vector<int> order(size_t(vocab), 0);
    for (Eigen::Index t = 0; t < logits.rows(); ++t) {
        // Softmax in double so that tiny probabilities of a large vocabulary keep their digits.
        const Eigen::RowVectorXd row = logits.row(t).cast<double>();
        const Eigen::RowVectorXd p = (row.array() - row.maxCoeff()).exp().matrix();
        const double sum = p.sum();
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                          [&p](int a, int b) { return p(a) > p(b) || (p(a) == p(b) && a < b); });
        Prediction prediction;
        prediction.position = int(t);
        for (int i = 0; i < keep; ++i)
            prediction.top.emplace_back(order[size_t(i)], p(order[size_t(i)]) / sum);
        predictions.push_back(std::move(prediction));
    }
    return predictions;
}

} // namespace

Result<std::shared_ptr<Gpt2Model>> Gpt2Model::load(const QString& folder)
{
    using R = Result<std::shared_ptr<Gpt2Model>>;
    const QDir dir(folder);
    const QString configPath = dir.filePath(QStringLiteral("config.json"));
    QFile configFile(configPath);
    if (!configFile.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot read (%2)").arg(configPath, configFile.errorString()));
    Result<ModelConfig> config = parseModelConfig(configFile.readAll(), configPath);
    if (!config) return R::failure(config.error());
    const ModelConfig& c = *config;
    if (c.architecture != QLatin1String("gpt2"))
        return R::failure(
            QStringLiteral("%1: model_type is \"%2\", expected \"gpt2\"").arg(configPath, c.architecture));
    static const QStringList activations = {QStringLiteral("gelu_new"), QStringLiteral("gelu"),
                                            QStringLiteral("relu"), QStringLiteral("silu")};
    if (!activations.contains(c.activation))
        return R::failure(QStringLiteral("%1: activation_function \"%2\" is not supported for GPT-2 (%3)")
                              .arg(configPath, c.activation, activations.join(QLatin1String(", "))));

    const QString weightsPath = dir.filePath(QStringLiteral("model.safetensors"));
    Result<std::shared_ptr<SafetensorsFile>> file = SafetensorsFile::open(weightsPath);
    if (!file) return R::failure(file.error());
    const SafetensorsFile& st = **file;
    // GPT2LMHeadModel saves "transformer.wte.weight"; a bare GPT2Model (the original gpt2 files)
    // "wte.weight".
    const QString prefix =
        st.info(QStringLiteral("transformer.wte.weight")) ? QStringLiteral("transformer.") : QString();
    TensorReader r(st, prefix, weightsPath);

    std::shared_ptr<Gpt2Model> model(new Gpt2Model);
    model->m_config = c;
    model->m_name = QFileInfo(QDir::cleanPath(dir.absolutePath())).fileName();
    const std::int64_t d = c.dModel, ff = c.dFf, vocab = c.vocab;
    model->m_wte = r.matrix(QStringLiteral("wte.weight"), {vocab, d});
    model->m_wpe = r.matrix(QStringLiteral("wpe.weight"), {std::int64_t(c.maxPositions), d});
    model->m_layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers && !r.failed(); ++l) {
        const QString p = QStringLiteral("h.%1.").arg(l);
        const auto name = [&p](const char* rest) { return p + QLatin1String(rest); };
        Gpt2LayerWeights& w = model->m_layers[size_t(l)];
        w.ln1Gamma = r.vector(name("ln_1.weight"), d);
        w.ln1Beta = r.vector(name("ln_1.bias"), d);
        w.attnW = r.matrix(name("attn.c_attn.weight"), {d, 3 * d});
        w.attnB = r.vector(name("attn.c_attn.bias"), 3 * d);
        w.projW = r.matrix(name("attn.c_proj.weight"), {d, d});
        w.projB = r.vector(name("attn.c_proj.bias"), d);
        w.ln2Gamma = r.vector(name("ln_2.weight"), d);
        w.ln2Beta = r.vector(name("ln_2.bias"), d);
        w.fcW = r.matrix(name("mlp.c_fc.weight"), {d, ff});
        w.fcB = r.vector(name("mlp.c_fc.bias"), ff);
        w.mlpProjW = r.matrix(name("mlp.c_proj.weight"), {ff, d});
        w.mlpProjB = r.vector(name("mlp.c_proj.bias"), d);
    }
    model->m_lnfGamma = r.vector(QStringLiteral("ln_f.weight"), d);
    model->m_lnfBeta = r.vector(QStringLiteral("ln_f.bias"), d);
    // lm_head is a torch Linear, (vocab, d), and lives outside the "transformer." prefix.
    if (!c.tiedEmbeddings && st.info(QStringLiteral("lm_head.weight"))) {
        TensorReader head(st, QString(), weightsPath);
        model->m_lmHead = head.matrix(QStringLiteral("lm_head.weight"), {vocab, d});
        if (head.failed()) return R::failure(head.error());
    }
    if (r.failed()) return R::failure(r.error());
    return model;
}

Result<Trace> Gpt2Model::run(const std::vector<int>& ids, const QStringList& tokens, MatrixF* logitsOut) const
{
    using R = Result<Trace>;
    const int T = int(ids.size());
    if (T == 0) return R::failure(QStringLiteral("%1: no tokens to run").arg(m_name));
    if (T > m_config.maxPositions)
        return R::failure(QStringLiteral("%1: %2 tokens, but the model takes at most %3 (n_positions)")
                              .arg(m_name)
                              .arg(T)
                              .arg(m_config.maxPositions));
    for (int t = 0; t < T; ++t)
        if (ids[size_t(t)] < 0 || ids[size_t(t)] >= m_config.vocab)
            return R::failure(
                QStringLiteral("%1: token id %2 at position %3 is outside the vocabulary (0 to %4)")
                    .arg(m_name)
                    .arg(ids[size_t(t)])
                    .arg(t)
                    .arg(m_config.vocab - 1));
    if (!tokens.isEmpty() && tokens.size() != T)
        return R::failure(
            QStringLiteral("%1: %2 token texts for %3 token ids").arg(m_name).arg(tokens.size()).arg(T));

    const int d = m_config.dModel;
    const int heads = m_config.heads;
    const int dh = m_config.headDim();
    const float eps = float(m_config.normEps);
    const float scale = 1.0f / std::sqrt(float(dh));

    Trace trace;
    trace.modelName = m_name;
    trace.trained = true;
    trace.tokenIds = ids;
    trace.positions.resize(size_t(T));
    std::iota(trace.positions.begin(), trace.positions.end(), 0);
    if (tokens.isEmpty())
        for (int id : ids)
            trace.tokens << QString::number(id);
    else
        trace.tokens = tokens;
    trace.scale = double(scale);
    trace.scaling = Scaling{};
    trace.mask = MaskSpec::causal();
    const BoolMatrix allowed = buildMask(trace.mask, T, T).value();

    // x: (T, d) = wte[ids] + wpe[0..T)
    MatrixF x = m_wte(ids, Eigen::all) + m_wpe.topRows(T);
    trace.embeddings = x.cast<double>();

    trace.layers.reserve(m_layers.size());
    MatrixF qkv(T, 3 * d), concat(T, d), attn(T, d), hidden(T, m_config.dFf), mlp(T, d);
    for (const Gpt2LayerWeights& w : m_layers) {
        LayerTrace layer;
        layer.hasResidual = true;
        ResidualTrace& res = layer.residual;
        res.input = x.cast<double>();

        // ln_1(x): (T, d) -> qkv (T, 3d) = q | k | v, each (T, d) of `heads` blocks of dh columns.
        const MatrixF a = layerNormF(x, w.ln1Gamma, w.ln1Beta, eps, res.norm1);
        qkv.noalias() = a * w.attnW;
        qkv.rowwise() += w.attnB;
        layer.heads.reserve(size_t(heads));
        for (int h = 0; h < heads; ++h) {
            const auto q = qkv.middleCols(h * dh, dh);         // (T, dh)
            const auto k = qkv.middleCols(d + h * dh, dh);     // (T, dh)
            const auto v = qkv.middleCols(2 * d + h * dh, dh); // (T, dh)
            MatrixF scores(T, T);
            scores.noalias() = q * k.transpose(); // (T, T)
            const MatrixF scaled = scores * scale;
            const MatrixF weights = causalSoftmax(scaled);
            concat.middleCols(h * dh, dh).noalias() = weights * v; // (T, dh)
            MatrixF contribution(T, d);
            // Head h's share of c_proj's output: output_h · rows [h·dh, (h+1)·dh) of c_proj.
            contribution.noalias() = concat.middleCols(h * dh, dh) * w.projW.middleRows(h * dh, dh);

            HeadTrace head;
            head.q = q.cast<double>();
            head.k = k.cast<double>();
            head.v = v.cast<double>();
            head.scores = scores.cast<double>();
            head.scaled = scaled.cast<double>();
            head.allowed = allowed;
            head.weights = weights.cast<double>();
            head.output = concat.middleCols(h * dh, dh).cast<double>();
            head.contribution = contribution.cast<double>();
            layer.heads.push_back(std::move(head));
        }
        // concat: (T, d) -> (T, d) through c_proj; x + attention = the stream after attention.
        attn.noalias() = concat * w.projW;
        attn.rowwise() += w.projB;
        x += attn;
        layer.attentionOutput = attn.cast<double>();
        res.attentionOutput = layer.attentionOutput;
        res.afterAttention = x.cast<double>();

        // mlp(ln_2(x)): (T, d) -> (T, d_ff) -> (T, d)
        const MatrixF b = layerNormF(x, w.ln2Gamma, w.ln2Beta, eps, res.norm2);
        hidden.noalias() = b * w.fcW;
        hidden.rowwise() += w.fcB;
        activateInPlace(hidden, m_config.activation);
        mlp.noalias() = hidden * w.mlpProjW;
        mlp.rowwise() += w.mlpProjB;
        x += mlp;
        res.mlpOutput = mlp.cast<double>();
        res.output = x.cast<double>();
        trace.layers.push_back(std::move(layer));
    }
    trace.output = x.cast<double>();

    // ln_f(x): (T, d) -> logits (T, vocab) = ln_f(x) · headᵀ, head = wte (tied) or lm_head.
    NormStats finalStats;
    const MatrixF f = layerNormF(x, m_lnfGamma, m_lnfBeta, eps, finalStats);
    MatrixF logits(T, m_config.vocab);
    logits.noalias() = f * (m_lmHead.size() ? m_lmHead : m_wte).transpose();
    trace.predictions = topPredictions(logits);
    if (logitsOut) *logitsOut = std::move(logits);
    return trace;
}

} // namespace attnlab::model
