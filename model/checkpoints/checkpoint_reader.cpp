#include "model/checkpoints/checkpoint_reader.h"

#include "model/checkpoints/stored_weight.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <cstring>

namespace attnlab::model {

namespace {
// config.json files are a few kB; more than this is not one.
constexpr qint64 kMaxConfigBytes = 1 << 20;

// True when none of the n floats is NaN or infinite (all exponent bits set). A branch-free OR over the bit
// patterns, which the compiler vectorises and both cores share: it reads a 500 MB checkpoint at memory speed,
// where Eigen's allFinite() went one float at a time (0.6 s of GPT-2 small's load).
bool allFinite(const float* values, std::size_t n)
{
    constexpr std::uint32_t exponent = 0x7F800000u;
    const auto* bits = reinterpret_cast<const unsigned char*>(values);
    std::uint32_t bad = 0;
#pragma omp parallel for reduction(| : bad) schedule(static) if (n > (1u << 20))
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t b;
        std::memcpy(&b, bits + 4 * i, 4); // the mapped file need not be float-aligned for this read
        bad |= std::uint32_t((b & exponent) == exponent);
    }
    return bad == 0;
}
} // namespace

QString shapeText(const std::vector<std::int64_t>& shape)
{
    QStringList parts;
    for (std::int64_t n : shape)
        parts << QString::number(n);
    return QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
}

Result<ModelConfig> readModelConfig(const QString& folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral("config.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<ModelConfig>::failure(
            QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    if (file.size() > kMaxConfigBytes)
        return Result<ModelConfig>::failure(
            QStringLiteral("%1: %2 bytes is too large for a config.json").arg(path).arg(file.size()));
    return parseModelConfig(file.readAll(), path);
}

Result<CheckpointFolder> openCheckpointFolder(const QString& folder, const QString& architecture)
{
    return openCheckpointFolder(folder, QStringList{architecture});
}

Result<CheckpointFolder> openCheckpointFolder(const QString& folder, const QStringList& architectures)
{
    using R = Result<CheckpointFolder>;
    const QString configPath = QDir(folder).filePath(QStringLiteral("config.json"));
    Result<ModelConfig> config = readModelConfig(folder);
    if (!config) return R::failure(config.error());
    if (!architectures.contains(config->architecture)) {
        // "gpt2"; "bert", "roberta" or "distilbert"
        QStringList quoted;
        for (const QString& a : architectures)
            quoted << QLatin1Char('"') + a + QLatin1Char('"');
        const QString last = quoted.takeLast();
        const QString expected = quoted.isEmpty() ? last : quoted.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
        return R::failure(QStringLiteral("%1: model_type is \"%2\", expected %3").arg(configPath, config->architecture, expected));
    }
    Result<CheckpointTensors> tensors = CheckpointTensors::openFolder(folder);
    if (!tensors) return R::failure(tensors.error());
    return CheckpointFolder{std::move(config).value(), configPath, std::move(tensors).value()};
}

TensorReader::TensorReader(const CheckpointTensors& tensors, QString prefix)
    : m_tensors(tensors), m_prefix(std::move(prefix))
{
}

CheckpointTensors::Found TensorReader::find(const QString& name, const std::vector<std::int64_t>& expected)
{
    if (failed()) return {};
    const QString full = m_prefix + name;
    const CheckpointTensors::Found found = m_tensors.find(full);
    if (!found) {
        fail(QStringLiteral("tensor %1 is missing (expected shape %2)").arg(full, shapeText(expected)));
        return {};
    }
    if (found.info->shape != expected) {
        fail(*found.file, QStringLiteral("tensor %1 has shape %2, expected %3")
                              .arg(full, shapeText(found.info->shape), shapeText(expected)));
        return {};
    }
    return found;
}

MatrixF TensorReader::matrix(const QString& name, std::vector<std::int64_t> expected)
{
    const CheckpointTensors::Found found = find(name, expected);
    if (!found) return {};
    Result<MatrixF> m = found.file->matrix(found.info->name);
    if (!m) {
        // The file's own messages already start with its path.
        if (m_error.isEmpty()) m_error = m.error();
        return {};
    }
    if (!allFinite(m->data(), std::size_t(m->size()))) {
        fail(*found.file, QStringLiteral("tensor %1 holds NaN or infinite values").arg(found.info->name));
        return {};
    }
    return std::move(m).value();
}

WeightView TensorReader::view(const QString& name, std::vector<std::int64_t> expected, WeightStore& store)
{
    const CheckpointTensors::Found found = find(name, expected);
    if (!found) return {};
    const std::uint8_t* bytes = found.file->data(*found.info);
    if (found.info->dtype != DType::F32 || expected.size() != 2 ||
        reinterpret_cast<std::uintptr_t>(bytes) % alignof(float)) {
        MatrixF m = matrix(name, std::move(expected));
        return failed() ? WeightView() : store.own(std::move(m));
    }
    const WeightView v(reinterpret_cast<const float*>(bytes), expected[0], expected[1]);
    if (!allFinite(v.data(), std::size_t(v.size()))) {
        fail(*found.file, QStringLiteral("tensor %1 holds NaN or infinite values").arg(found.info->name));
        return {};
    }
    return v;
}

StoredWeight TensorReader::stored(const QString& name, std::vector<std::int64_t> expected, WeightStore& store)
{
    const CheckpointTensors::Found found = find(name, expected);
    if (!found) return {};
    const std::uint8_t* bytes = found.file->data(*found.info);
    const DType dtype = found.info->dtype;
    if ((dtype != DType::F16 && dtype != DType::BF16) || expected.size() != 2 ||
        reinterpret_cast<std::uintptr_t>(bytes) % alignof(std::uint16_t))
        return StoredWeight(view(name, std::move(expected), store));
    const auto* halves = reinterpret_cast<const std::uint16_t*>(bytes);
    if (!halvesAllFinite(halves, dtype, std::size_t(expected[0] * expected[1]))) {
        fail(*found.file, QStringLiteral("tensor %1 holds NaN or infinite values").arg(found.info->name));
        return {};
    }
    return StoredWeight(halves, dtype, expected[0], expected[1]);
}

RowVectorF TensorReader::vector(const QString& name, std::int64_t n)
{
    const MatrixF m = matrix(name, {n});
    return failed() ? RowVectorF() : RowVectorF(m.row(0));
}

void TensorReader::fail(const QString& what)
{
    if (!failed()) m_error = QStringLiteral("%1: %2").arg(m_tensors.path(), what);
}

void TensorReader::fail(const SafetensorsFile& file, const QString& what)
{
    if (!failed()) m_error = QStringLiteral("%1: %2").arg(file.path(), what);
}

} // namespace attnlab::model
