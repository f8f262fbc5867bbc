#include "model/checkpoints/language_model.h"

#include "model/checkpoints/bert_model.h"
#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/checkpoint_tensors.h"
#include "model/checkpoints/gpt2_model.h"
#include "model/checkpoints/gpt_neox_model.h"
#include "model/checkpoints/llama2c_checkpoint.h"
#include "model/checkpoints/llama_model.h"

#include "model/core/memory_tuning.h"
#include "model/kernels/float_layers.h"
#include "model/trace/trace_size.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attnlab::model {

LanguageModel::~LanguageModel() = default;

void LanguageModel::setIdentity(const QString& path, const ModelConfig& config)
{
    m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_name = QFileInfo(m_path).isDir() ? QFileInfo(m_path).fileName() : QFileInfo(m_path).completeBaseName();
    m_config = config;
}

namespace {

// The checks before computing: at least one token, at most maxPositions (0 = no limit), every id in
// [0, vocab), and as many token texts as ids (or none). Errors start with the model's name.
Result<void> checkTokens(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens, int vocab,
                         int maxPositions)
{
    using R = Result<void>;
    const qsizetype T = qsizetype(ids.size());
    if (T == 0) return R::failure(QStringLiteral("%1: no tokens to run").arg(modelName));
    if (maxPositions > 0 && T > maxPositions)
        return R::failure(
            QStringLiteral("%1: %2 tokens, but the model takes at most %3").arg(modelName).arg(T).arg(maxPositions));
    for (qsizetype t = 0; t < T; ++t)
        if (ids[size_t(t)] < 0 || ids[size_t(t)] >= vocab)
            return R::failure(QStringLiteral("%1: token id %2 at position %3 is outside the vocabulary (0 to %4)")
                                  .arg(modelName)
                                  .arg(ids[size_t(t)])
                                  .arg(t)
                                  .arg(vocab - 1));
    if (!tokens.isEmpty() && tokens.size() != T)
        return R::failure(
            QStringLiteral("%1: %2 token texts for %3 token ids").arg(modelName).arg(tokens.size()).arg(T));
    return R::success();
}

// The Trace's fields every checkpoint fills the same way: name, ids, positions 0..T-1, token texts (the
// ids as text when tokens is empty).
Trace startTrace(const QString& modelName, const std::vector<int>& ids, const QStringList& tokens)
{
    Trace trace;
    trace.modelName = modelName;
    trace.trained = true;
    trace.tokenIds = ids;
    trace.positions.resize(ids.size());
    std::iota(trace.positions.begin(), trace.positions.end(), 0);
    if (tokens.isEmpty())
        for (int id : ids)
            trace.tokens << QString::number(id);
    else
        trace.tokens = tokens;
    return trace;
}

// A checkpoint's trace keeps its streams in float32: those, or a conversion.
MatrixF floatsOf(const TraceMatrix& m)
{
    if (const MatrixF* f = m.floats()) return *f;
    return m.toDouble().cast<float>();
}

} // namespace

void LanguageModel::ForwardPass::reuseHeads(int l, MatrixF& concat) const
{
    const std::vector<HeadTrace>& heads = reuseHeadsOf->layers[size_t(l)].heads;
    const Eigen::Index n = blockRows, blocks = Eigen::Index(ids.size()) / n;
    const Eigen::Index dh = heads.front().output.cols();
    concat.resize(blocks * n, Eigen::Index(heads.size()) * dh);
    for (size_t h = 0; h < heads.size(); ++h) {
        const MatrixF output = floatsOf(heads[h].output).topRows(n); // (n, dh)
        for (Eigen::Index b = 0; b < blocks; ++b)
            concat.block(b * n, Eigen::Index(h) * dh, n, dh) = output;
    }
}

Result<Trace> LanguageModel::run(const std::vector<int>& ids, const QStringList& tokens, MatrixF* logitsOut,
                                 const std::atomic<bool>* cancelled, int layers, RunProgress* progress) const
{
    RunOptions options;
    options.logits = logitsOut;
    options.cancelled = cancelled;
    options.layers = layers;
    options.progress = progress;
    return run(ids, tokens, options);
}

Result<Trace> LanguageModel::run(const std::vector<int>& ids, const QStringList& tokens, const RunOptions& options) const
{
    using R = Result<Trace>;
    MatrixF* const logitsOut = options.logits;
    const std::atomic<bool>* const cancelled = options.cancelled;
    const int layers = options.layers;
    RunProgress* const progress = options.progress;
    if (const auto checked = checkTokens(m_name, ids, tokens, m_config.vocab, m_config.maxPositions); !checked)
        return R::failure(checked.error());
    if (const auto checked = checkAblation(options.ablation, m_config.layers, m_config.heads); !checked)
        return R::failure(QStringLiteral("%1: %2").arg(m_name, checked.error()));
    const Ablation ablation = options.ablation.normalized();
    const int T = int(ids.size());
    // layers asked for (0: all) -> how many run.
    const int layerCount = layers > 0 ? std::min(layers, m_config.layers) : m_config.layers;
    ModelConfig ran = m_config;
    ran.layers = layerCount;
    prepareHeap(estimatedRunBytes(ran, std::int64_t(T))); // memory_tuning.h: huge pages

    Trace trace = startTrace(m_name, ids, tokens);
    const float scale = float(m_config.attentionScale());
    trace.scale = double(scale);
    trace.scaling = Scaling{};
    trace.mask = causal() ? MaskSpec::causal() : MaskSpec::none();
    trace.kvHeads = m_config.kvHeads < m_config.heads ? m_config.kvHeads : 0;
    const bool allLayers = layerCount == m_config.layers;
    if (progress) {
        progress->layer = 0;
        progress->layers = layerCount;
    }
    if (options.patchSource || !options.patch.empty()) {
        if (!options.patchSource || int(options.patchSource->layers.size()) != m_config.layers ||
            int(options.patchSource->tokenIds.size()) < T)
            return R::failure(QStringLiteral("%1: patching needs the source's trace of every layer and at least %2 tokens")
                                  .arg(m_name)
                                  .arg(T));
        if (const auto checked = checkActivationPatch(options.patch, m_config.layers, m_config.heads, T); !checked)
            return R::failure(QStringLiteral("%1: %2").arg(m_name, checked.error()));
    }
    ForwardPass pass(ids, layerCount, trace, allLayers, cancelled, progress, ablation);
    pass.allowed = buildMask(trace.mask, T, T).value();
    pass.patch = options.patch;
    pass.patchSource = options.patchSource;
    forward(pass);
    if (pass.stopped()) return R::failure(cancelledMessage());
    trace.ablation = ablation;

    if (!allLayers) {
        trace.warnings << QStringLiteral("Showing the first %1 of %2 layers; the predictions need every layer.")
                              .arg(layerCount)
                              .arg(m_config.layers);
    } else if (pass.head) {
        trace.predictions = topPredictions(pass.head->hidden, pass.head->weight, pass.head->bias);
        // Decoders predict the token after each position; an encoder's MLM head the token at it.
        trace.predictsNextToken = causal();
    }
    if (logitsOut) {
        logitsOut->resize(0, 0);
        if (pass.head) *logitsOut = logitsOf(pass.head->hidden, pass.head->weight, pass.head->bias);
    }
    return trace;
}

Result<LanguageModel::OutputHead> LanguageModel::rerunFrom(const Trace& trace, int firstLayer, int n, int position,
                                                            const std::vector<Rerun>& reruns, const Trace* source,
                                                            const std::atomic<bool>* cancelled) const
{
    using R = Result<OutputHead>;
    if (int(trace.layers.size()) != m_config.layers)
        return R::failure(QStringLiteral("%1: a rerun needs the trace of every layer").arg(m_name));
    if (firstLayer < 0 || firstLayer >= m_config.layers || n < 1 || n > int(trace.tokenIds.size()) || position < 0 ||
        position >= n)
        return R::failure(QStringLiteral("%1: a rerun from layer %2 of %3 tokens at token %4 is outside the trace")
                              .arg(m_name)
                              .arg(firstLayer + 1)
                              .arg(n)
                              .arg(position + 1));
    for (const Rerun& rerun : reruns)
        if ((!rerun.patch.empty() || rerun.sourceRow >= 0) &&
            (!source || int(source->layers.size()) != m_config.layers || int(source->tokenIds.size()) < n))
            return R::failure(QStringLiteral("%1: patching needs the source's trace of every layer and at least %2 tokens")
                                  .arg(m_name)
                                  .arg(n));

    // Only `position` of each rerun is read: the last layer computes that row alone (ForwardPass::outputRows)
    // unless a rerun changes the last layer's MLP.
    const int last = m_config.layers - 1;
    const bool narrowed = std::none_of(reruns.begin(), reruns.end(), [&](const Rerun& rerun) {
        return rerun.ablation.ablatesMlp(last) ||
               std::any_of(rerun.patch.mlps.begin(), rerun.patch.mlps.end(), [&](const MlpSite& site) { return site.layer == last; });
    });
    // Every block enters firstLayer with the trace's stream unless a rerun patches a row of it: then the
    // layer's heads attend as they did in the trace, and their outputs are taken from it.
    const std::vector<HeadTrace>& keptHeads = trace.layers[size_t(firstLayer)].heads;
    const bool reusesHeads =
        std::none_of(reruns.begin(), reruns.end(), [](const Rerun& rerun) { return rerun.sourceRow >= 0; }) &&
        int(keptHeads.size()) == m_config.heads &&
        std::all_of(keptHeads.begin(), keptHeads.end(), [&](const HeadTrace& h) { return h.output.rows() >= n; });
    const MatrixF entering = floatsOf(trace.layers[size_t(firstLayer)].residual.input).topRows(n);
    const MatrixF sourceEntering =
        source ? MatrixF(floatsOf(source->layers[size_t(firstLayer)].residual.input).topRows(n)) : MatrixF();
    const BoolMatrix one = buildMask(causal() ? MaskSpec::causal() : MaskSpec::none(), n, n).value();
    // At most kRows rows a pass, so that the pass's (rows, rows) attention stays small.
    constexpr int kRows = 1024;
    const int perPass = std::max(1, kRows / n);
    OutputHead result;
    result.hidden.resize(Eigen::Index(reruns.size()), m_config.dModel);
    for (size_t first = 0; first < reruns.size(); first += size_t(perPass)) {
        if (cancelRequested(cancelled)) return R::failure(cancelledMessage());
        const int blocks = int(std::min(reruns.size() - first, size_t(perPass)));
        const int rows = blocks * n;
        std::vector<int> ids;
        Trace scratch;
        scratch.scale = trace.scale;
        scratch.mask = trace.mask;
        MatrixF start(rows, entering.cols());
        BoolMatrix allowed = BoolMatrix::Constant(rows, rows, false);
        std::vector<Ablation> ablations(static_cast<size_t>(blocks));
        std::vector<ActivationPatch> patches(static_cast<size_t>(blocks));
        for (int b = 0; b < blocks; ++b) {
            const Rerun& rerun = reruns[first + size_t(b)];
            ids.insert(ids.end(), trace.tokenIds.begin(), trace.tokenIds.begin() + n);
            scratch.positions.insert(scratch.positions.end(), trace.positions.begin(), trace.positions.begin() + n);
            auto rowsOfBlock = start.middleRows(Eigen::Index(b) * n, n);
            rowsOfBlock = entering;
            if (rerun.sourceRow >= 0 && rerun.sourceRow < n) rowsOfBlock.row(rerun.sourceRow) = sourceEntering.row(rerun.sourceRow);
            allowed.block(Eigen::Index(b) * n, Eigen::Index(b) * n, n, n) = one;
            ablations[size_t(b)] = rerun.ablation.normalized();
            patches[size_t(b)] = rerun.patch;
        }
        scratch.tokenIds = ids;
        ForwardPass pass(ids, m_config.layers, scratch, true, nullptr, nullptr);
        pass.allowed = std::move(allowed);
        pass.firstLayer = firstLayer;
        pass.start = std::move(start);
        pass.blockRows = n;
        pass.blockAblations = std::move(ablations);
        pass.blockPatches = std::move(patches);
        pass.patchSource = source;
        pass.lean = true;
        if (reusesHeads) pass.reuseHeadsOf = &trace;
        if (narrowed)
            for (int b = 0; b < blocks; ++b)
                pass.outputRows.push_back(b * n + position);
        forward(pass);
        if (!pass.head) return R::failure(QStringLiteral("%1: the model has no language-model head to predict with").arg(m_name));
        // hidden: (blocks, d) narrowed, else (rows, d)
        for (int b = 0; b < blocks; ++b)
            result.hidden.row(Eigen::Index(first) + b) = pass.head->hidden.row(narrowed ? b : Eigen::Index(b) * n + position);
        result.weight = pass.head->weight;
        result.bias = pass.head->bias;
    }
    if (reruns.empty()) {
        const auto head = outputHead(floatsOf(trace.output).topRows(1));
        if (!head) return R::failure(QStringLiteral("%1: the model has no language-model head to predict with").arg(m_name));
        result.weight = head->weight;
        result.bias = head->bias;
    }
    return result;
}

Result<Matrix> LanguageModel::headAblationEffects(const Trace& trace, int position, int target, AblationMode mode,
                                                  const std::atomic<bool>* cancelled) const
{
    using R = Result<Matrix>;
    const int T = int(trace.tokenIds.size());
    if (int(trace.layers.size()) != m_config.layers || !trace.ablation.empty())
        return R::failure(QStringLiteral("%1: the effects of heads need the trace of every layer, nothing switched off")
                              .arg(m_name));
    if (position < 0 || position >= T)
        return R::failure(QStringLiteral("%1: position %2 is outside the text (1 to %3)").arg(m_name).arg(position + 1).arg(T));
    if (target < 0 || target >= m_config.vocab)
        return R::failure(QStringLiteral("%1: token id %2 is outside the vocabulary (0 to %3)")
                              .arg(m_name)
                              .arg(target)
                              .arg(m_config.vocab - 1));
    const auto head = outputHead(floatsOf(trace.output));
    if (!head) return R::failure(QStringLiteral("%1: the model has no language-model head to predict with").arg(m_name));
    const double baseline = logProbability(head->hidden.row(position), head->weight, head->bias, target);

    // A decoder's position sees only itself and what comes before: the tokens after it are left out of every rerun,
    // except for mean ablation, whose mean is over every position of the input.
    const int n = causal() && mode == AblationMode::Zero ? position + 1 : T;
    // The reruns of one layer go through the model together (rerunFrom): one matrix product for all its heads
    // instead of one per head.
    const int L = m_config.layers, H = m_config.heads;
    MatrixF hidden(Eigen::Index(L) * H, m_config.dModel); // (layers · heads, d): row l·H + h, head h of l off
    std::vector<QString> errors(static_cast<size_t>(L));
    // The layers' reruns are independent: each core takes whole layers, the deepest work (layer 1's) first, with
    // Eigen's products single-threaded inside, which keeps both cores busier than splitting every product in two.
#pragma omp parallel for schedule(dynamic, 1)
    for (int l = 0; l < m_config.layers; ++l) {
        std::vector<Rerun> reruns(static_cast<size_t>(m_config.heads));
        for (int h = 0; h < m_config.heads; ++h) {
            reruns[size_t(h)].ablation.heads = {{l, h}};
            reruns[size_t(h)].ablation.mode = mode;
        }
        const auto out = rerunFrom(trace, l, n, position, reruns, nullptr, cancelled);
        if (!out) {
            errors[size_t(l)] = out.error();
            continue;
        }
        hidden.middleRows(Eigen::Index(l) * H, H) = out->hidden;
    }
    for (const QString& error : errors)
        if (!error.isEmpty()) return R::failure(error);
    // Every rerun's log p at once: the unembedding (GPT-2's: 154 MB) is read once, not once a layer.
    const std::vector<double> logProbabilitiesAt =
        logProbabilities(hidden, head->weight, head->bias, std::vector<int>(size_t(L) * size_t(H), target));
    Matrix effects(L, H);
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h)
            effects(l, h) = logProbabilitiesAt[size_t(l) * size_t(H) + size_t(h)] - baseline;
    return effects;
}

std::vector<Prediction> LanguageModel::lensPredictions(const MatrixF& stream) const
{
    const auto head = outputHead(stream);
    if (!head) return {};
    return topPredictions(head->hidden, head->weight, head->bias);
}

Result<std::shared_ptr<LanguageModel>> LanguageModel::load(const QString& path)
{
    using R = Result<std::shared_ptr<LanguageModel>>;
    const QFileInfo info(path);
    if (!info.exists()) return R::failure(QStringLiteral("%1: no such file or folder").arg(path));
    if (!info.isDir()) {
        const QString pickle = pickleRefusal(path);
        if (!pickle.isEmpty()) return R::failure(QStringLiteral("%1: %2").arg(path, pickle));
        if (info.suffix().compare(QLatin1String("bin"), Qt::CaseInsensitive) == 0) {
            auto model = loadLlama2cCheckpoint(path);
            if (!model) return R::failure(model.error());
            return std::shared_ptr<LanguageModel>(std::move(model).value());
        }
        return R::failure(QStringLiteral("%1: expected a model folder with config.json and model.safetensors, "
                                         "or a llama2.c .bin checkpoint")
                              .arg(path));
    }
    Result<ModelConfig> config = readModelConfig(path);
    if (!config) return R::failure(config.error());
    const QString configPath = QDir(path).filePath(QStringLiteral("config.json"));
    if (config->architecture == QLatin1String("gpt2")) {
        auto model = Gpt2Model::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    if (config->architecture == QLatin1String("bert") || config->architecture == QLatin1String("roberta") ||
        config->architecture == QLatin1String("distilbert")) {
        auto model = BertModel::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    if (config->architecture == QLatin1String("gpt_neox")) {
        auto model = GptNeoxModel::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    if (isLlamaFamily(config->architecture)) {
        auto model = LlamaModel::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    return R::failure(QStringLiteral("%1: the %2 architecture is not supported (GPT-2, BERT and the Llama family are)")
                          .arg(configPath, config->architecture));
}

} // namespace attnlab::model
