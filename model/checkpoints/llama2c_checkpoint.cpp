#include "model/checkpoints/llama2c_checkpoint.h"

#include "model/checkpoints/model_config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace attnlab::model {

namespace {

constexpr std::int64_t kHeaderBytes = 7 * 4;
// export.py's versioned formats start with the magic "ak42" as a uint32; run.c reads only the legacy one.
constexpr std::uint32_t kVersionedMagic = 0x616b3432;

struct Header {
    std::int64_t dim = 0, hidden = 0, layers = 0, heads = 0, kvHeads = 0, vocab = 0, seqLen = 0;
    bool shared = true;
    std::int64_t headSize() const { return dim / heads; }
    std::int64_t kvDim() const { return kvHeads * headSize(); }
    // Floats after the header, in run.c's order (see the header file).
    std::int64_t floats() const
    {
        std::int64_t n = vocab * dim;                              // token_embedding_table
        n += layers * dim;                                         // rms_att_weight
        n += layers * (dim * dim + 2 * kvDim() * dim + dim * dim); // wq, wk, wv, wo
        n += layers * dim;                                         // rms_ffn_weight
        n += layers * 3 * hidden * dim;                            // w1, w2, w3
        n += dim;                                                  // rms_final_weight
        n += seqLen * headSize();                                  // freq_cis_real + freq_cis_imag
        if (!shared) n += vocab * dim;                             // wcls
        return n;
    }
    std::int64_t bytes() const { return kHeaderBytes + 4 * floats(); }
};

// The 7 header integers -> a checked Header, or the first problem ("n_layers is -3, expected 1 to 256").
Result<Header> parseHeader(const std::uint8_t* data)
{
    std::int64_t v[7];
    for (int i = 0; i < 7; ++i)
        v[i] = qFromLittleEndian<qint32>(data + 4 * i);
    if (std::uint32_t(v[0]) == kVersionedMagic)
        return Result<Header>::failure(
            QStringLiteral("starts with the magic \"ak42\" of a versioned llama2.c export (version %1); only "
                           "the legacy format of run.c (7 int32, then float32 weights) is supported")
                .arg(v[1]));
    struct Field {
        const char* name;
        std::int64_t value; // what is checked: vocab_size's sign only says whether the classifier is shared
        std::int64_t shown; // what the header holds
        std::int64_t max;
        const char* range;
    };
    const Field fields[] = {{"dim", v[0], v[0], kMaxModelWidth, "1 to %1"},
                            {"hidden_dim", v[1], v[1], kMaxFfWidth, "1 to %1"},
                            {"n_layers", v[2], v[2], kMaxLayers, "1 to %1"},
                            {"n_heads", v[3], v[3], kMaxModelWidth, "1 to %1"},
                            {"n_kv_heads", v[4], v[4], kMaxModelWidth, "1 to %1"},
                            {"vocab_size", std::abs(v[5]), v[5], kMaxVocab, "±1 to ±%1"},
                            {"seq_len", v[6], v[6], kMaxPositions, "1 to %1"}};
    for (const Field& f : fields)
        if (f.value < 1 || f.value > f.max)
            return Result<Header>::failure(QStringLiteral("header field %1 is %2, expected %3")
                                               .arg(QLatin1String(f.name))
                                               .arg(f.shown)
                                               .arg(QString::fromUtf8(f.range).arg(f.max)));
    Header h{v[0], v[1], v[2], v[3], v[4], std::abs(v[5]), v[6], v[5] > 0};
    if (h.dim % h.heads != 0)
        return Result<Header>::failure(
            QStringLiteral("header says dim %1 with %2 heads, but dim must be divisible by n_heads")
                .arg(h.dim)
                .arg(h.heads));
    if (h.kvHeads > h.heads || h.heads % h.kvHeads != 0)
        return Result<Header>::failure(
            QStringLiteral("header says %1 heads and %2 key/value heads, but n_heads must be a multiple of "
                           "n_kv_heads")
                .arg(h.heads)
                .arg(h.kvHeads));
    if (h.headSize() % 2 != 0)
        return Result<Header>::failure(
            QStringLiteral("header says head size dim / n_heads = %1, which must be even for RoPE")
                .arg(h.headSize()));
    return h;
}

// Reads run.c's arrays in order out of the mapped file; the caller has checked the file's length, so no
// read leaves it. The first non-finite tensor is kept as the problem.
class Cursor {
public:
    explicit Cursor(const std::uint8_t* data) : m_data(data) {}

    const QString& problem() const { return m_problem; }

    // -> the next rows · cols floats as (rows, cols); what names the tensor in an error.
    MatrixF matrix(std::int64_t rows, std::int64_t cols, const QString& what)
    {
        MatrixF m(rows, cols);
        const std::int64_t n = rows * cols;
        std::memcpy(m.data(), m_data + m_pos, size_t(n) * sizeof(float));
        if constexpr (std::endian::native == std::endian::big)
            for (std::int64_t i = 0; i < n; ++i)
                m.data()[i] =
                    std::bit_cast<float>(qFromLittleEndian(std::bit_cast<std::uint32_t>(m.data()[i])));
        m_pos += n * std::int64_t(sizeof(float));
        if (m_problem.isEmpty() && !m.allFinite())
            m_problem = QStringLiteral("%1 holds NaN or infinite values").arg(what);
        return m;
    }
    RowVectorF vector(std::int64_t n, const QString& what) { return matrix(1, n, what).row(0); }
    void skip(std::int64_t floats) { m_pos += floats * std::int64_t(sizeof(float)); }

private:
    const std::uint8_t* m_data;
    std::int64_t m_pos = 0;
    QString m_problem;
};

} // namespace

Result<std::shared_ptr<LlamaModel>> loadLlama2cCheckpoint(const QString& path)
{
    using R = Result<std::shared_ptr<LlamaModel>>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    const std::int64_t size = file.size();
    if (size < kHeaderBytes)
        return R::failure(QStringLiteral("%1: the file holds %2 bytes, less than the %3-byte llama2.c header")
                              .arg(path)
                              .arg(size)
                              .arg(kHeaderBytes));
    const std::uint8_t* map = file.map(0, size);
    if (!map) return R::failure(QStringLiteral("%1: cannot map the file (%2)").arg(path, file.errorString()));

    Result<Header> parsed = parseHeader(map);
    if (!parsed) return R::failure(QStringLiteral("%1: %2").arg(path, parsed.error()));
    const Header& h = *parsed;
    if (size != h.bytes())
        return R::failure(
            QStringLiteral(
                "%1: header says %2 layers of width %3 (hidden %4, vocabulary %5, %6 positions, %7 "
                "classifier): %8 bytes, but the file holds %9 bytes")
                .arg(path)
                .arg(h.layers)
                .arg(h.dim)
                .arg(h.hidden)
                .arg(h.vocab)
                .arg(h.seqLen)
                .arg(h.shared ? QStringLiteral("shared") : QStringLiteral("separate"))
                .arg(h.bytes())
                .arg(size));

    Cursor in(map + kHeaderBytes);
    const std::int64_t d = h.dim, kv = h.kvDim(), ff = h.hidden;
    const auto layerName = [](const char* array, std::int64_t l) {
        return QStringLiteral("%1 of layer %2").arg(QLatin1String(array)).arg(l);
    };
    LlamaWeights w;
    w.layers.resize(size_t(h.layers));
    w.embed = w.store.own(in.matrix(h.vocab, d, QStringLiteral("token_embedding_table")));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].attnNorm = in.vector(d, layerName("rms_att_weight", l));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].wq = w.store.own(in.matrix(d, d, layerName("wq", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].wk = w.store.own(in.matrix(kv, d, layerName("wk", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].wv = w.store.own(in.matrix(kv, d, layerName("wv", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].wo = w.store.own(in.matrix(d, d, layerName("wo", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].mlpNorm = in.vector(d, layerName("rms_ffn_weight", l));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].gate = w.store.own(in.matrix(ff, d, layerName("w1", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].down = w.store.own(in.matrix(d, ff, layerName("w2", l)));
    for (std::int64_t l = 0; l < h.layers; ++l)
        w.layers[size_t(l)].up = w.store.own(in.matrix(ff, d, layerName("w3", l)));
    w.norm = in.vector(d, QStringLiteral("rms_final_weight"));
    in.skip(h.seqLen * h.headSize()); // freq_cis_real, freq_cis_imag
    if (!h.shared) w.lmHead = w.store.own(in.matrix(h.vocab, d, QStringLiteral("wcls")));
    if (!in.problem().isEmpty()) return R::failure(QStringLiteral("%1: %2").arg(path, in.problem()));

    ModelConfig c;
    c.architecture = QStringLiteral("llama");
    c.layers = int(h.layers);
    c.heads = int(h.heads);
    c.kvHeads = int(h.kvHeads);
    c.dModel = int(h.dim);
    c.dFf = int(h.hidden);
    c.vocab = int(h.vocab);
    c.maxPositions = int(h.seqLen);
    c.normEps = 1e-5; // run.c's rmsnorm
    c.activation = Activation::Silu;
    c.tiedEmbeddings = h.shared;
    c.ropeTheta = 10000.0;
    return LlamaModel::fromWeights(path, c, std::move(w), RopeLayout::Interleaved);
}

QString llama2cTokenizerBeside(const QString& binPath)
{
    const QDir dir = QFileInfo(binPath).absoluteDir();
    if (dir.exists(QStringLiteral("tokenizer.bin"))) return dir.filePath(QStringLiteral("tokenizer.bin"));
    const QStringList candidates = dir.entryList({QStringLiteral("tok*.bin")}, QDir::Files, QDir::Name);
    return candidates.isEmpty() ? QString() : dir.filePath(candidates.first());
}

} // namespace attnlab::model
