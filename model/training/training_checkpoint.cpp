#include "model/training/training_checkpoint.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/safetensors.h"
#include "model/checkpoints/safetensors_writer.h"
#include "model/core/atomic_file.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

namespace attnlab::model {

// A named namespace, not an anonymous one: the model library is compiled in unity batches, where another
// file's anonymous helpers share this translation unit. The functions below name it in a using-directive of
// their own.
namespace training_checkpoint_detail {

constexpr double kLayerNormEpsilon = 1e-5; // the lab's GPT, as GPT-2's

using Tensors = std::vector<TensorToWrite>;

// The tensors GPT2LMHeadModel has, in layout order, with the attention-only model's ln_2 and MLP filled in.
Tensors gpt2Tensors(const ParameterLayout& layout, const ParameterBuffer<float>& params)
{
    Tensors tensors;
    const GptShape& s = layout.shape();
    const auto fromBuffer = [&](const ParameterTensor& t) {
        const float* source = params.data() + t.offset;
        const std::size_t bytes = t.size() * sizeof(float);
        tensors.push_back({t.name, DType::F32, t.shape,
                           [source, bytes](std::uint8_t* out) { std::memcpy(out, source, bytes); }});
    };
    const auto constant = [&](const QString& name, std::vector<std::int64_t> shape, float value) {
        std::size_t n = 1;
        for (std::int64_t dim : shape)
            n *= std::size_t(dim);
        tensors.push_back({name, DType::F32, std::move(shape), [value, n](std::uint8_t* out) {
                               for (std::size_t i = 0; i < n; ++i)
                                   std::memcpy(out + i * sizeof(float), &value, sizeof(float));
                           }});
    };
    for (const ParameterTensor& t : layout.tensors()) {
        fromBuffer(t);
        // The attention-only block ends at attn.c_proj.bias: GPT-2's ln_2 and MLP follow it.
        if (s.attentionOnly && t.kind == ParameterKind::AttnProjBias) {
            const QString p = QStringLiteral("h.%1.").arg(t.layer);
            const std::int64_t d = s.dModel, ff = s.dFf();
            constant(p + QLatin1String("ln_2.weight"), {d}, 1.0f);
            constant(p + QLatin1String("ln_2.bias"), {d}, 0.0f);
            constant(p + QLatin1String("mlp.c_fc.weight"), {d, ff}, 0.0f);
            constant(p + QLatin1String("mlp.c_fc.bias"), {ff}, 0.0f);
            constant(p + QLatin1String("mlp.c_proj.weight"), {ff, d}, 0.0f);
            constant(p + QLatin1String("mlp.c_proj.bias"), {d}, 0.0f);
        }
    }
    return tensors;
}

// The whole safetensors file in memory: the header, then every tensor where safetensorsLayout places it.
QByteArray safetensorsBytes(const Tensors& tensors, const std::map<QString, QString>& metadata)
{
    const QByteArray header = safetensorsHeader(tensors, metadata);
    const auto layout = safetensorsLayout(tensors);
    std::uint64_t dataBytes = 0;
    for (const auto& range : layout)
        dataBytes = std::max(dataBytes, range.second);
    QByteArray bytes(header.size() + qsizetype(dataBytes), '\0');
    std::memcpy(bytes.data(), header.constData(), std::size_t(header.size()));
    auto* data = reinterpret_cast<std::uint8_t*>(bytes.data() + header.size());
    for (std::size_t i = 0; i < tensors.size(); ++i)
        if (tensors[i].fill && tensors[i].bytes() > 0) tensors[i].fill(data + layout[i].first);
    return bytes;
}

QByteArray sha256(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QString hex64(std::uint64_t bits)
{
    return QStringLiteral("%1").arg(qulonglong(bits), 16, 16, QLatin1Char('0'));
}

const char* scheduleName(LearningRateSchedule schedule)
{
    return schedule == LearningRateSchedule::Constant ? "constant" : "cosine";
}

// The files of a GPT-2 folder, ready for writeFilesAtomically.
QList<QPair<QString, QByteArray>> gpt2Files(const QString& dir, const ParameterLayout& layout,
                                            const ParameterBuffer<float>& params,
                                            const QByteArray& tokenizerJson)
{
    const QDir folder(dir);
    QList<QPair<QString, QByteArray>> files{
        {folder.filePath(QLatin1String(kGpt2ConfigFile)), gpt2ConfigJson(layout.shape())},
        {folder.filePath(QLatin1String(kGpt2WeightsFile)), gpt2Safetensors(layout, params)}};
    if (!tokenizerJson.isEmpty())
        files.append({folder.filePath(QLatin1String(kTokenizerFile)), tokenizerJson});
    return files;
}

// dir and its missing parents; or "cannot write DIR: REASON" with the system's reason ("Not a directory" when
// a file is in a folder's place, "Permission denied", "No space left on device").
Result<void> makeFolder(const QString& dir)
{
    if (QFileInfo(dir).isDir()) return Result<void>::success();
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(QFile::encodeName(dir).toStdString()), error);
    if (!error && QFileInfo(dir).isDir()) return Result<void>::success();
    const QString reason = error ? QString::fromLocal8Bit(error.message()) : QStringLiteral("a file has its name");
    return Result<void>::failure(
        QStringLiteral("cannot write %1: %2 (the folder cannot be created)").arg(dir, reason));
}

// Fields of a JSON object read with one kept error naming the file and the field ("training.json: field
// \"settings.beta1\": …").
class FieldReader {
public:
    FieldReader(QJsonObject object, QString file, QString where = {})
        : m_object(std::move(object)), m_file(std::move(file)), m_where(std::move(where))
    {
    }
    FieldReader child(const char* key)
    {
        const QJsonValue v = value(key);
        if (!v.isUndefined() && !v.isObject()) fail(key, QStringLiteral("expected an object"));
        FieldReader r(v.toObject(), m_file, path(key) + QLatin1Char('.'));
        r.m_error = m_error;
        return r;
    }
    // Errors found in a child go back to its parent.
    void adopt(const FieldReader& child)
    {
        if (m_error.isEmpty()) m_error = child.m_error;
    }
    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    std::int64_t integer(const char* key, std::int64_t low, std::int64_t high)
    {
        const QJsonValue v = value(key);
        const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!v.isDouble() || d != std::floor(d) || d < double(low) || d > double(high)) {
            fail(key, QStringLiteral("expected an integer from %1 to %2").arg(low).arg(high));
            return low;
        }
        return std::int64_t(d);
    }
    bool boolean(const char* key)
    {
        const QJsonValue v = value(key);
        if (!v.isBool()) fail(key, QStringLiteral("expected true or false"));
        return v.toBool();
    }
    QString string(const char* key)
    {
        const QJsonValue v = value(key);
        if (!v.isString()) fail(key, QStringLiteral("expected a string"));
        return v.toString();
    }
    // A 64-bit value written as 16 hex digits.
    std::uint64_t bits(const char* key)
    {
        const QString text = string(key);
        bool ok = false;
        const std::uint64_t b = text.toULongLong(&ok, 16);
        if (!failed() && (!ok || text.size() != 16))
            fail(key, QStringLiteral("expected 16 hexadecimal digits, got \"%1\"").arg(text));
        return b;
    }
    // A double, read from key + "_bits" (its IEEE-754 bits, exact); key itself is the readable value, for
    // people.
    double real(const char* key)
    {
        const QByteArray bitsKey = QByteArray(key) + "_bits";
        return std::bit_cast<double>(bits(bitsKey.constData()));
    }
    std::uint64_t unsignedDecimal(const char* key)
    {
        const QString text = string(key);
        bool ok = false;
        const std::uint64_t n = text.toULongLong(&ok, 10);
        if (!failed() && !ok)
            fail(key, QStringLiteral("expected an unsigned integer as a string, got \"%1\"").arg(text));
        return n;
    }
    void fail(const char* key, const QString& what)
    {
        if (m_error.isEmpty()) m_error = QStringLiteral("%1: field \"%2\": %3").arg(m_file, path(key), what);
    }

private:
    QJsonValue value(const char* key) const { return m_object.value(QLatin1String(key)); }
    QString path(const char* key) const { return m_where + QLatin1String(key); }

    QJsonObject m_object;
    QString m_file, m_where, m_error;
};

void putReal(QJsonObject& object, const char* key, double value)
{
    object.insert(QLatin1String(key), value);
    object.insert(QLatin1String(key) + QLatin1String("_bits"), hex64(std::bit_cast<std::uint64_t>(value)));
}

Result<QByteArray> fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Result<QByteArray>::failure(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return hash.result().toHex();
}

} // namespace training_checkpoint_detail

QByteArray gpt2ConfigJson(const GptShape& shape)
{
    using namespace training_checkpoint_detail;
    // GPT2Config's keys (transformers' configuration_gpt2.py), with dropout off: the lab trains without it.
    // bos/eos: GPT2Config's default 50256 is beyond a task's vocabulary, so they are null (no such token).
    QJsonObject c{
        {QStringLiteral("architectures"), QJsonArray{QStringLiteral("GPT2LMHeadModel")}},
        {QStringLiteral("model_type"), QStringLiteral("gpt2")},
        {QStringLiteral("vocab_size"), shape.vocab},
        {QStringLiteral("n_positions"), shape.context},
        {QStringLiteral("n_ctx"), shape.context},
        {QStringLiteral("n_embd"), shape.dModel},
        {QStringLiteral("n_layer"), shape.layers},
        {QStringLiteral("n_head"), shape.heads},
        {QStringLiteral("n_inner"), QJsonValue::Null},
        {QStringLiteral("activation_function"), QStringLiteral("gelu_new")},
        {QStringLiteral("resid_pdrop"), 0.0},
        {QStringLiteral("embd_pdrop"), 0.0},
        {QStringLiteral("attn_pdrop"), 0.0},
        {QStringLiteral("layer_norm_epsilon"), kLayerNormEpsilon},
        {QStringLiteral("initializer_range"), 0.02},
        {QStringLiteral("scale_attn_weights"), true},
        {QStringLiteral("scale_attn_by_inverse_layer_idx"), false},
        {QStringLiteral("reorder_and_upcast_attn"), false},
        {QStringLiteral("tie_word_embeddings"), true},
        {QStringLiteral("use_cache"), true},
        {QStringLiteral("bos_token_id"), QJsonValue::Null},
        {QStringLiteral("eos_token_id"), QJsonValue::Null},
        {QStringLiteral("torch_dtype"), QStringLiteral("float32")},
        {QStringLiteral("attnlab_attention_only"), shape.attentionOnly},
    };
    return QJsonDocument(c).toJson(QJsonDocument::Indented);
}

QByteArray gpt2Safetensors(const ParameterLayout& layout, const ParameterBuffer<float>& params)
{
    using namespace training_checkpoint_detail;
    assert(params.size() == layout.bufferSize());
    return safetensorsBytes(gpt2Tensors(layout, params), {{QStringLiteral("format"), QStringLiteral("pt")}});
}

Result<void> saveGpt2Folder(const QString& dir, const ParameterLayout& layout,
                            const ParameterBuffer<float>& params, const QByteArray& tokenizerJson)
{
    using namespace training_checkpoint_detail;
    assert(params.size() == layout.bufferSize());
    if (auto made = makeFolder(dir); !made) return made;
    return writeFilesAtomically(gpt2Files(dir, layout, params, tokenizerJson));
}

Result<LoadedGpt> loadGpt2Folder(const QString& dir)
{
    using namespace training_checkpoint_detail;
    using R = Result<LoadedGpt>;
    // model_type first: another architecture's config.json fails GPT-2's parsing with a message about a key
    // it lacks, where the point is that it is not a GPT-2.
    const QString configFileName = QDir(dir).filePath(QLatin1String(kGpt2ConfigFile));
    QFile configFile(configFileName);
    if (!configFile.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("cannot read %1: %2").arg(configFileName, configFile.errorString()));
    const QJsonObject rawConfig = QJsonDocument::fromJson(configFile.readAll()).object();
    const QJsonValue modelType = rawConfig.value(QStringLiteral("model_type"));
    if (modelType.isString() && modelType.toString() != QLatin1String("gpt2"))
        return R::failure(
            QStringLiteral("%1: model_type is \"%2\": the training lab reads GPT-2 models (gpt2) only")
                .arg(configFileName, modelType.toString()));
    Result<CheckpointFolder> opened = openCheckpointFolder(dir, QStringLiteral("gpt2"));
    if (!opened) return R::failure(opened.error());
    const ModelConfig& c = opened->config;
    const QString& configPath = opened->configPath;
    const auto refuse = [&configPath](const QString& what) {
        return R::failure(QStringLiteral("%1: %2").arg(configPath, what));
    };
    if (c.activation != Activation::GeluTanh)
        return refuse(
            QStringLiteral("activation_function is not gelu_new (GELU, tanh form), the lab's GPT's"));
    if (c.dFf != 4 * c.dModel)
        return refuse(QStringLiteral("n_inner %1 is not 4 · n_embd = %2, the lab's GPT's")
                          .arg(c.dFf)
                          .arg(4 * c.dModel));
    if (!c.tiedEmbeddings)
        return refuse(QStringLiteral("tie_word_embeddings is false: the lab's GPT ties its output to wte"));
    if (std::abs(c.normEps - kLayerNormEpsilon) > 1e-12)
        return refuse(QStringLiteral("layer_norm_epsilon %1 is not 1e-05, the lab's GPT's").arg(c.normEps));

    // attnlab_attention_only is the lab's own key: parseModelConfig does not know it.
    const QJsonValue attentionOnly = rawConfig.value(QStringLiteral("attnlab_attention_only"));
    if (!attentionOnly.isUndefined() && !attentionOnly.isBool())
        return refuse(QStringLiteral("field \"attnlab_attention_only\": expected true or false"));

    LoadedGpt loaded;
    loaded.shape = {c.layers, c.heads, c.dModel, c.maxPositions, c.vocab, attentionOnly.toBool()};
    if (auto fits = checkShape(loaded.shape); !fits)
        return refuse(QStringLiteral("beyond the training lab's limits: %1").arg(fits.error()));

    const CheckpointTensors& tensors = opened->tensors;
    const QString prefix =
        tensors.has(QStringLiteral("transformer.wte.weight")) ? QStringLiteral("transformer.") : QString();
    TensorReader reader(tensors, prefix);
    const ParameterLayout layout(loaded.shape);
    loaded.parameters.assign(layout.bufferSize(), 0.0f);
    for (const ParameterTensor& t : layout.tensors()) {
        const MatrixF m = reader.matrix(t.name, t.shape);
        if (reader.failed()) return R::failure(reader.error());
        std::copy(m.data(), m.data() + m.size(), loaded.parameters.begin() + std::ptrdiff_t(t.offset));
    }
    // An attention-only model's MLP must add nothing: c_proj's weight and bias 0 (then whatever ln_2 and c_fc
    // hold, c_proj(GELU(…)) = 0). A folder without them is fine too.
    if (loaded.shape.attentionOnly) {
        for (int l = 0; l < loaded.shape.layers; ++l) {
            const QString w = QStringLiteral("h.%1.mlp.c_proj.weight").arg(l),
                          b = QStringLiteral("h.%1.mlp.c_proj.bias").arg(l);
            const std::int64_t d = c.dModel;
            for (const auto& [name, shape] : {std::pair{w, std::vector<std::int64_t>{4 * d, d}},
                                              std::pair{b, std::vector<std::int64_t>{d}}}) {
                if (!reader.has(name)) continue;
                const MatrixF m = reader.matrix(name, shape);
                if (reader.failed()) return R::failure(reader.error());
                if (!m.isZero(0.0))
                    return refuse(QStringLiteral("\"attnlab_attention_only\" is true, but %1%2 is not zero")
                                      .arg(prefix, name));
            }
        }
    }

    QFile tokenizer(QDir(dir).filePath(QLatin1String(kTokenizerFile)));
    if (tokenizer.exists()) {
        if (!tokenizer.open(QIODevice::ReadOnly))
            return R::failure(
                QStringLiteral("cannot read %1: %2").arg(tokenizer.fileName(), tokenizer.errorString()));
        loaded.tokenizerJson = tokenizer.readAll();
    }
    return loaded;
}

bool isTrainingCheckpoint(const QString& dir)
{
    return QFileInfo(QDir(dir).filePath(QLatin1String(kTrainingJsonFile))).isFile();
}

QByteArray trainingJson(const TrainingState& state, const QByteArray& modelSha256,
                        const QByteArray& stateSha256, const QByteArray& configSha256,
                        const QByteArray& tokenizerSha256)
{
    using namespace training_checkpoint_detail;
    const GptShape& g = state.shape;
    const TrainingSettings& s = state.settings;
    QJsonObject shape{
        {QStringLiteral("layers"), g.layers},  {QStringLiteral("heads"), g.heads},
        {QStringLiteral("d_model"), g.dModel}, {QStringLiteral("context"), g.context},
        {QStringLiteral("vocab"), g.vocab},    {QStringLiteral("attention_only"), g.attentionOnly}};
    QJsonObject settings{{QStringLiteral("steps"), s.steps},
                         {QStringLiteral("batch"), s.batch},
                         {QStringLiteral("warmup"), s.warmup},
                         {QStringLiteral("schedule"), QLatin1String(scheduleName(s.schedule))},
                         // A decimal string: JSON numbers are doubles, exact only to 2⁵³.
                         {QStringLiteral("seed"), QString::number(qulonglong(s.seed))}};
    putReal(settings, "learning_rate", s.learningRate);
    putReal(settings, "min_learning_rate_fraction", s.minLearningRateFraction);
    putReal(settings, "weight_decay", s.weightDecay);
    putReal(settings, "beta1", s.beta1);
    putReal(settings, "beta2", s.beta2);
    putReal(settings, "eps", s.eps);
    putReal(settings, "clip", s.clip);
    QJsonObject random{{QStringLiteral("state"), hex64(state.dataRandom.bits)},
                       {QStringLiteral("has_spare"), state.dataRandom.hasSpare}};
    putReal(random, "spare", state.dataRandom.spare);
    QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("attnlab-training-checkpoint")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("step"), state.step},
        {QStringLiteral("task"), state.task},
        {QStringLiteral("shape"), shape},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("data_random"), random},
        {QStringLiteral("model_sha256"), QString::fromLatin1(modelSha256)},
        {QStringLiteral("training_state_sha256"), QString::fromLatin1(stateSha256)},
    };
    if (!configSha256.isEmpty()) root.insert(QStringLiteral("config_sha256"), QString::fromLatin1(configSha256));
    if (!tokenizerSha256.isEmpty())
        root.insert(QStringLiteral("tokenizer_sha256"), QString::fromLatin1(tokenizerSha256));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<void> saveTrainingCheckpoint(const QString& dir, const TrainingState& state,
                                    const QByteArray& tokenizerJson)
{
    using namespace training_checkpoint_detail;
    if (auto fits = checkShape(state.shape); !fits)
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(dir, fits.error()));
    const ParameterLayout layout(state.shape);
    // The tensors are copied out of the buffers by the layout's offsets: a buffer of another size would be read
    // past its end (a state of the moments before the first step once had none), so it is refused instead.
    for (const auto& [name, buffer] : {std::pair{"the weights", &state.parameters}, std::pair{"the first moments", &state.firstMoment},
                                       std::pair{"the second moments", &state.secondMoment}})
        if (buffer->size() != layout.bufferSize())
            return Result<void>::failure(QStringLiteral("cannot write %1: %2 have %3 values, the shape needs %4")
                                             .arg(dir, QLatin1String(name))
                                             .arg(buffer->size())
                                             .arg(layout.bufferSize()));
    if (auto made = makeFolder(dir); !made) return made;

    QList<QPair<QString, QByteArray>> files = gpt2Files(dir, layout, state.parameters, tokenizerJson);
    Tensors moments;
    for (const auto& [prefix, buffer] : {std::pair{kFirstMomentPrefix, &state.firstMoment},
                                         std::pair{kSecondMomentPrefix, &state.secondMoment}})
        for (const ParameterTensor& t : layout.tensors()) {
            const float* source = buffer->data() + t.offset;
            const std::size_t bytes = t.size() * sizeof(float);
            moments.push_back({QLatin1String(prefix) + t.name, DType::F32, t.shape,
                               [source, bytes](std::uint8_t* out) { std::memcpy(out, source, bytes); }});
        }
    const QByteArray stateBytes =
        safetensorsBytes(moments, {{QStringLiteral("step"), QString::number(state.step)}});
    // gpt2Files: config.json, model.safetensors, then tokenizer.json when there is one.
    const QByteArray modelSha = sha256(files[1].second);
    const QByteArray configSha = sha256(files[0].second);
    const QByteArray tokenizerSha = tokenizerJson.isEmpty() ? QByteArray() : sha256(tokenizerJson);
    const QDir folder(dir);
    files.append({folder.filePath(QLatin1String(kTrainingStateFile)), stateBytes});
    // training.json last: writeFilesAtomically renames in this order, so that a save killed between two renames
    // leaves the previous training.json, whose checksums then name the files that are already new.
    files.append({folder.filePath(QLatin1String(kTrainingJsonFile)),
                  trainingJson(state, modelSha, sha256(stateBytes), configSha, tokenizerSha)});
    return writeFilesAtomically(files);
}

Result<TrainingState> loadTrainingCheckpoint(const QString& dir)
{
    using namespace training_checkpoint_detail;
    using R = Result<TrainingState>;
    const QDir folder(dir);
    const QString jsonPath = folder.filePath(QLatin1String(kTrainingJsonFile));
    if (!QFileInfo(jsonPath).isFile()) {
        if (QFileInfo(folder.filePath(QLatin1String(kGpt2WeightsFile))).isFile())
            return R::failure(
                QStringLiteral("%1 has no %2: it is a model without training state, which can be "
                               "opened or trained from (--init) but not resumed")
                    .arg(dir, QLatin1String(kTrainingJsonFile)));
        return R::failure(QStringLiteral("%1 is not a training checkpoint: it has no %2")
                              .arg(dir, QLatin1String(kTrainingJsonFile)));
    }
    QFile jsonFile(jsonPath);
    if (!jsonFile.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("cannot read %1: %2").arg(jsonPath, jsonFile.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(jsonFile.readAll(), &parseError);
    if (!doc.isObject())
        return R::failure(
            QStringLiteral("%1: not a JSON object (%2)").arg(jsonPath, parseError.errorString()));

    FieldReader root(doc.object(), jsonPath);
    if (root.string("format") != QLatin1String("attnlab-training-checkpoint") && !root.failed())
        root.fail("format", QStringLiteral("expected \"attnlab-training-checkpoint\""));
    root.integer("version", 1, 1);
    TrainingState state;
    state.step = int(root.integer("step", 0, std::numeric_limits<int>::max()));
    state.task = root.string("task");
    // The files of the checkpoint against the checksums training.json keeps, before any is read as a model:
    // a file written later (a plain save over the checkpoint, or a save killed between its renames, which
    // renames training.json last) must not be resumed with moments that belong to other weights.
    // config_sha256 and tokenizer_sha256 are absent from checkpoints written before they were kept.
    const QString statePath = folder.filePath(QLatin1String(kTrainingStateFile));
    std::vector<std::pair<QString, QString>> checked{
        {folder.filePath(QLatin1String(kGpt2WeightsFile)), root.string("model_sha256")},
        {statePath, root.string("training_state_sha256")}};
    for (const auto& [key, file] : {std::pair{"config_sha256", kGpt2ConfigFile}, std::pair{"tokenizer_sha256", kTokenizerFile}})
        if (doc.object().contains(QLatin1String(key)))
            checked.insert(checked.begin(), {folder.filePath(QLatin1String(file)), root.string(key)});
    if (root.failed()) return R::failure(root.error());
    for (const auto& [path, expected] : checked) {
        Result<QByteArray> actual = fileSha256(path);
        if (!actual) return R::failure(actual.error());
        if (QString::fromLatin1(*actual) != expected)
            return R::failure(QStringLiteral("%1 was changed after %2 was written (its SHA-256 differs: another save "
                                             "replaced it, or a save was interrupted before it finished): the "
                                             "training state does not belong to these files")
                                  .arg(path, QLatin1String(kTrainingJsonFile)));
    }
    Result<LoadedGpt> model = loadGpt2Folder(dir);
    if (!model) return R::failure(model.error());

    FieldReader shape = root.child("shape");
    GptShape& g = state.shape;
    g.layers = int(shape.integer("layers", 1, kMaxTrainingLayers));
    g.heads = int(shape.integer("heads", 1, kMaxTrainingHeads));
    g.dModel = int(shape.integer("d_model", 1, kMaxTrainingDModel));
    g.context = int(shape.integer("context", 2, kMaxTrainingContext));
    g.vocab = int(shape.integer("vocab", 2, kMaxTrainingVocab));
    g.attentionOnly = shape.boolean("attention_only");
    root.adopt(shape);

    FieldReader settings = root.child("settings");
    TrainingSettings& s = state.settings;
    s.steps = int(settings.integer("steps", 1, std::numeric_limits<int>::max()));
    s.batch = int(settings.integer("batch", 1, 4096));
    s.warmup = int(settings.integer("warmup", 0, std::numeric_limits<int>::max()));
    const QString schedule = settings.string("schedule");
    if (schedule == QLatin1String("constant"))
        s.schedule = LearningRateSchedule::Constant;
    else if (schedule == QLatin1String("cosine"))
        s.schedule = LearningRateSchedule::Cosine;
    else if (!settings.failed())
        settings.fail("schedule",
                      QStringLiteral("expected \"cosine\" or \"constant\", got \"%1\"").arg(schedule));
    s.seed = settings.unsignedDecimal("seed");
    s.learningRate = settings.real("learning_rate");
    s.minLearningRateFraction = settings.real("min_learning_rate_fraction");
    s.weightDecay = settings.real("weight_decay");
    s.beta1 = settings.real("beta1");
    s.beta2 = settings.real("beta2");
    s.eps = settings.real("eps");
    s.clip = settings.real("clip");
    root.adopt(settings);

    FieldReader random = root.child("data_random");
    state.dataRandom.bits = random.bits("state");
    state.dataRandom.spare = random.real("spare");
    state.dataRandom.hasSpare = random.boolean("has_spare");
    root.adopt(random);
    if (root.failed()) return R::failure(root.error());
    if (auto valid = checkSettings(s); !valid)
        return R::failure(QStringLiteral("%1: settings: %2").arg(jsonPath, valid.error()));
    if (!(g == model->shape))
        return R::failure(
            QStringLiteral("%1: the shape differs from %2's (%3 layers, %4 heads, d_model %5, context "
                           "%6, vocabulary %7%8)")
                .arg(jsonPath, QLatin1String(kGpt2ConfigFile))
                .arg(model->shape.layers)
                .arg(model->shape.heads)
                .arg(model->shape.dModel)
                .arg(model->shape.context)
                .arg(model->shape.vocab)
                .arg(model->shape.attentionOnly ? QStringLiteral(", attention only") : QString()));

    Result<std::shared_ptr<SafetensorsFile>> moments = SafetensorsFile::open(statePath);
    if (!moments) return R::failure(moments.error());
    const ParameterLayout layout(g);
    state.parameters = std::move(model->parameters);
    state.firstMoment.assign(layout.bufferSize(), 0.0f);
    state.secondMoment.assign(layout.bufferSize(), 0.0f);
    for (const auto& [prefix, buffer] : {std::pair{kFirstMomentPrefix, &state.firstMoment},
                                         std::pair{kSecondMomentPrefix, &state.secondMoment}})
        for (const ParameterTensor& t : layout.tensors()) {
            const QString name = QLatin1String(prefix) + t.name;
            const TensorInfo* info = (*moments)->info(name);
            if (!info) return R::failure(QStringLiteral("%1: tensor \"%2\" is missing").arg(statePath, name));
            if (info->dtype != DType::F32 || info->shape != t.shape)
                return R::failure(QStringLiteral("%1: tensor \"%2\" is %3 %4, expected F32 %5")
                                      .arg(statePath, name, QLatin1String(dtypeName(info->dtype)),
                                           shapeText(info->shape), shapeText(t.shape)));
            std::memcpy(buffer->data() + t.offset, (*moments)->data(*info), t.size() * sizeof(float));
        }
    return state;
}

} // namespace attnlab::model
