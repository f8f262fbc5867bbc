#include "model/attention/toy_model.h"

#include "model/core/random.h"
#include "model/tokenizers/word_tokenizer.h"

#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>

namespace attnlab::model {

namespace {

// Sequences longer than this are refused: the learned position table has this many rows, and a T × T heatmap
// of more cells is unreadable anyway.
constexpr int kToyMaxPositions = 512;

constexpr int kMaxDModel = 1024;
constexpr int kMaxLayers = 24;
constexpr int kMaxHeads = 64;
constexpr int kMaxDFf = 8192;
constexpr int kMaxVocab = 65536;
// Each limit alone is fine, but all of them at once would be ~4 × 10⁹ doubles. 2²⁷ parameters = 1 GiB.
constexpr qint64 kMaxParameters = qint64(1) << 27;

// Stream tags: each weight matrix draws from its own stream, so that E does not change when the number of
// layers does, and layer 0 is the same in a 2-layer and a 3-layer toy with the same seed.
enum class Stream : std::uint64_t { Embedding = 1, Positions, Wq, Wk, Wv, Wo, W1, W2 };

// Each (seed, matrix, layer) gets its own stream of the platform-independent generator in random.h.
SeededRandom normalStream(quint32 seed, Stream stream, int layer)
{
    return SeededRandom(std::uint64_t(seed), (std::uint64_t(stream) << 32) ^ std::uint64_t(layer));
}

// rows × cols with entries ~ N(0, stddev²), filled row by row: row i depends only on i and cols, so E's row
// for a word is the same whatever the vocabulary size.
Matrix normalMatrix(int rows, int cols, double stddev, quint32 seed, Stream stream, int layer = 0)
{
    SeededRandom normal = normalStream(seed, stream, layer);
    Matrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = stddev * normal.normal();
    return m;
}

// One layer's weights: attention (d, d) projections, FFN (d, d_ff) and (d_ff, d), zero biases, γ = 1, β = 0.
BlockWeights randomBlock(const ToyConfig& c, int layer)
{
    const int d = c.dModel;
    // 1/√d keeps x·W at unit variance for unit-variance x, so QKᵀ·(1/√d_k) has a spread of about 1: neither
    // uniform nor one-hot attention.
    const double sd = 1.0 / std::sqrt(double(d));
    BlockWeights b;
    b.placement = c.placement;
    MultiHeadWeights& a = b.attention;
    a.heads = c.heads;
    a.wq = normalMatrix(d, d, sd, c.seed, Stream::Wq, layer);
    a.wk = normalMatrix(d, d, sd, c.seed, Stream::Wk, layer);
    a.wv = normalMatrix(d, d, sd, c.seed, Stream::Wv, layer);
    a.wo = normalMatrix(d, d, sd, c.seed, Stream::Wo, layer);
    a.bq = a.bk = a.bv = a.bo = RowVector::Zero(d);
    for (LayerNormParams* norm : {&b.norm1, &b.norm2}) {
        norm->gamma = RowVector::Ones(d);
        norm->beta = RowVector::Zero(d);
    }
    b.ffn.w1 = normalMatrix(d, c.dFf, sd, c.seed, Stream::W1, layer);
    b.ffn.b1 = RowVector::Zero(c.dFf);
    b.ffn.w2 = normalMatrix(c.dFf, d, 1.0 / std::sqrt(double(c.dFf)), c.seed, Stream::W2, layer);
    b.ffn.b2 = RowVector::Zero(d);
    b.ffn.activation = c.activation;
    return b;
}

// FNV-1a, 64 bits, over bytes: simple, fixed forever, so ids saved in sessions stay valid.
std::uint64_t fnv1a64(const QByteArray& bytes)
{
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (char ch : bytes) {
        hash ^= std::uint64_t(static_cast<unsigned char>(ch));
        hash *= 0x100000001B3ull;
    }
    return hash;
}

qint64 parameterCount(const ToyConfig& c)
{
    const qint64 d = c.dModel, ff = c.dFf;
    const qint64 perLayer =
        4 * d * d + 4 * d + 2 * d * ff + ff + d + 4 * d; // W_qkvo, b_qkvo, FFN, 2 LayerNorms
    return qint64(c.vocabSize) * d + kToyMaxPositions * d + qint64(c.layers) * perLayer;
}

// One sequence's tokens -> (T, d) = E rows + the additive positional encoding at positions 0..T−1.
Result<Matrix> embed(const Matrix& embedding, const std::vector<int>& ids, const PositionalConfig& positional)
{
    const int t = int(ids.size());
    Result<Matrix> pe = additiveEncoding(positional, t, int(embedding.cols()));
    if (!pe) return pe;
    Matrix x(t, embedding.cols());
    for (int i = 0; i < t; ++i)
        x.row(i) = embedding.row(ids[std::size_t(i)]);
    x += *pe;
    return x;
}

// n -> positions 0..n−1
std::vector<int> positionsUpTo(int n)
{
    std::vector<int> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

} // namespace

QString toyModelName()
{
    return QStringLiteral("toy");
}

bool isToyModel(const QString& modelName)
{
    return modelName == toyModelName();
}

QString untrainedWarning()
{
    return QStringLiteral("The toy model's weights are random and untrained: its attention patterns show the "
                          "mechanism, not learned meaning.");
}

Result<void> validateToyConfig(const ToyConfig& c)
{
    const auto fail = [](const QString& message) { return Result<void>::failure(message); };
    const auto checkRange = [](const char* name, int value, int max) -> QString {
        if (value < 1)
            return QStringLiteral("toy model: %1 = %2, but it must be at least 1")
                .arg(QLatin1String(name))
                .arg(value);
        if (value > max)
            return QStringLiteral("toy model: %1 = %2 exceeds the limit of %3")
                .arg(QLatin1String(name))
                .arg(value)
                .arg(max);
        return {};
    };
    for (const QString& problem :
         {checkRange("d_model", c.dModel, kMaxDModel), checkRange("heads", c.heads, kMaxHeads),
          checkRange("layers", c.layers, kMaxLayers), checkRange("d_ff", c.dFf, kMaxDFf),
          checkRange("vocabulary size", c.vocabSize, kMaxVocab)})
        if (!problem.isEmpty()) return fail(problem);
    if (c.dModel % c.heads != 0)
        return fail(
            QStringLiteral("toy model: d_model = %1 is not divisible by heads = %2; each head needs an "
                           "equal share of the width")
                .arg(c.dModel)
                .arg(c.heads));
    const int headWidth = c.dModel / c.heads;
    if (c.positional == PositionalKind::Rope && headWidth % 2 != 0)
        return fail(
            QStringLiteral("toy model: RoPE rotates feature pairs, so the head width d_model / heads = "
                           "%1 / %2 = %3 must be even")
                .arg(c.dModel)
                .arg(c.heads)
                .arg(headWidth));
    if (const qint64 n = parameterCount(c); n > kMaxParameters)
        return fail(QStringLiteral("toy model: %1 parameters (%2 MiB) exceed the limit of %3 (%4 MiB); make "
                                   "d_model, d_ff, layers or the vocabulary smaller")
                        .arg(n)
                        .arg(n * 8 / (1 << 20))
                        .arg(kMaxParameters)
                        .arg(kMaxParameters * 8 / (1 << 20)));
    const Scaling& s = c.attention.scaling;
    if (s.kind == ScaleKind::Temperature && !(s.temperature > 0.0 && std::isfinite(s.temperature)))
        return fail(QStringLiteral("toy model: the temperature is %1 but must be a positive number")
                        .arg(s.temperature));
    const MaskSpec& m = c.attention.mask;
    if (m.kind == MaskKind::Window && m.window < 1)
        return fail(QStringLiteral("toy model: the mask window is %1 but must be at least 1").arg(m.window));
    if (m.kind == MaskKind::Padding && m.padding < 0)
        return fail(
            QStringLiteral("toy model: the mask padding is %1 but must be at least 0").arg(m.padding));
    return Result<void>::success();
}

// Draws every weight from `seed`. An invalid config builds nothing; run() then reports why.
ToyModel::ToyModel(ToyConfig config) : m_config(std::move(config))
{
    if (!validateToyConfig(m_config)) return;
    const ToyConfig& c = m_config;
    m_embedding = normalMatrix(c.vocabSize, c.dModel, 1.0, c.seed, Stream::Embedding); // (vocab, d) ~ N(0, 1)
    if (c.positional == PositionalKind::Learned)
        m_learnedPositions =
            normalMatrix(kToyMaxPositions, c.dModel, 0.1, c.seed, Stream::Positions); // N(0, 0.1²)
    m_blocks.reserve(std::size_t(c.layers));
    for (int layer = 0; layer < c.layers; ++layer)
        m_blocks.push_back(randomBlock(c, layer));
}

// word -> FNV-1a 64 of its case-folded UTF-8, modulo the vocabulary: "The" and "the" share an id.
int ToyModel::tokenId(const QString& word) const
{
    const std::uint64_t vocab = std::uint64_t(std::max(m_config.vocabSize, 1));
    return int(fnv1a64(word.toCaseFolded().toUtf8()) % vocab);
}

// text: T tokens, memory: S tokens (or none) -> Trace with `layers` LayerTraces of `heads` heads, weights
// (T, T) for self-attention or (T, S) for cross-attention, and output (T, d).
Result<Trace> ToyModel::run(const QString& text, const QString& memory) const
{
    const QStringList tokens = tokenizeWords(text), memoryTokens = tokenizeWords(memory);
    if (!tokens.isEmpty() && !memory.trimmed().isEmpty() && memoryTokens.isEmpty())
        return Result<Trace>::failure(QStringLiteral("no tokens in the memory text"));
    return runTokens(tokens, memoryTokens);
}

int ToyModel::maxTokens()
{
    return kToyMaxPositions;
}

Result<Trace> ToyModel::runTokens(const QStringList& tokens, const QStringList& memoryTokens,
                                  const std::atomic<bool>* cancelled, const Ablation* ablation) const
{
    std::vector<int> ids;
    for (const QString& token : tokens)
        ids.push_back(tokenId(token));
    return runWithIds(tokens, ids, memoryTokens, cancelled, ablation);
}

Result<Trace> ToyModel::runIds(const std::vector<int>& ids, const std::atomic<bool>* cancelled,
                               const Ablation* ablation) const
{
    QStringList tokens;
    for (int id : ids) {
        if (id < 0 || id >= m_config.vocabSize)
            return Result<Trace>::failure(QStringLiteral("token id %1 is outside the toy model's vocabulary of %2")
                                              .arg(id)
                                              .arg(m_config.vocabSize));
        tokens << QStringLiteral("#%1").arg(id);
    }
    return runWithIds(tokens, ids, {}, cancelled, ablation);
}

Result<Trace> ToyModel::runWithIds(const QStringList& tokens, const std::vector<int>& ids,
                                   const QStringList& memoryTokens, const std::atomic<bool>* cancelled,
                                   const Ablation* ablation) const
{
    const auto fail = [](const QString& message) { return Result<Trace>::failure(message); };
    if (const Result<void> valid = validateToyConfig(m_config); !valid) return fail(valid.error());
    const ToyConfig& c = m_config;

    Trace trace;
    trace.tokens = tokens;
    trace.memoryTokens = memoryTokens;
    if (trace.tokens.isEmpty()) return fail(QStringLiteral("no tokens in the text"));
    if (trace.tokens.size() > kToyMaxPositions)
        return fail(QStringLiteral("the text has %1 tokens, more than the toy model's limit of %2")
                        .arg(trace.tokens.size())
                        .arg(kToyMaxPositions));
    if (trace.memoryTokens.size() > kToyMaxPositions)
        return fail(QStringLiteral("the memory text has %1 tokens, more than the toy model's limit of %2")
                        .arg(trace.memoryTokens.size())
                        .arg(kToyMaxPositions));

    const int t = int(trace.tokens.size());
    const int s = trace.memoryTokens.isEmpty() ? t : int(trace.memoryTokens.size());
    // A custom mask is the one spec whose shape can be wrong; check it here rather than inside a block.
    if (const Result<BoolMatrix> mask = buildMask(c.attention.mask, t, s); !mask) return fail(mask.error());

    PositionalConfig positional;
    positional.kind = c.positional;
    positional.ropeBase = 10000.0;
    positional.ropeLayout = RopeLayout::RotateHalf;
    if (c.positional == PositionalKind::Learned) positional.learnedTable = m_learnedPositions;

    trace.tokenIds = ids;
    trace.positions = positionsUpTo(t);
    Result<Matrix> x = embed(m_embedding, trace.tokenIds, positional); // (T, d)
    if (!x) return fail(x.error());

    Matrix memoryStream; // (S, d), or empty for self-attention
    std::vector<int> memoryPositions;
    if (!trace.memoryTokens.isEmpty()) {
        std::vector<int> memoryIds;
        for (const QString& token : std::as_const(trace.memoryTokens))
            memoryIds.push_back(tokenId(token));
        Result<Matrix> embedded = embed(m_embedding, memoryIds, positional);
        if (!embedded) return fail(embedded.error());
        memoryStream = std::move(*embedded);
        memoryPositions = positionsUpTo(int(memoryIds.size())); // the memory's own positions 0..S−1
    }

    trace.modelName = toyModelName();
    trace.source = TraceSource::Toy;
    trace.trained = false;
    trace.exact = false;
    trace.scaling = c.attention.scaling;
    trace.mask = c.attention.mask;
    trace.expOverrides = c.attention.expOverrides;
    trace.scale = scaleFactor(c.attention.scaling, c.dModel / c.heads);
    trace.embeddings = *x;

    // Every layer applies the same mask, so a fully masked row would be reported once per layer: keep one.
    QStringList blockWarnings;
    Matrix stream = std::move(*x);
    trace.layers.reserve(m_blocks.size());
    if (ablation && ablation->empty()) ablation = nullptr;
    if (ablation)
        if (const Result<void> checked = checkAblation(*ablation, int(m_blocks.size()), c.heads); !checked)
            return fail(checked.error());
    for (const BlockWeights& block : m_blocks) {
        if (cancelRequested(cancelled)) return fail(cancelledMessage());
        LayerTrace layer = transformerBlock(stream, block, c.attention, positional, trace.positions, memoryStream,
                                            memoryPositions, &blockWarnings, ablation, int(trace.layers.size()));
        stream = *layer.residual.output.doubles();
        trace.layers.push_back(std::move(layer));
    }
    trace.output = std::move(stream);
    if (ablation) trace.ablation = ablation->normalized();
    blockWarnings.removeDuplicates();
    trace.warnings << untrainedWarning() << blockWarnings;
    return trace;
}

} // namespace attnlab::model
