// Safetensors reading: the file is memory-mapped read-only and every header field is checked with exact
// integer arithmetic before any tensor byte is touched, so a corrupted or hostile file yields an error, never
// a read outside the mapping.

#include "model/checkpoints/safetensors.h"

#include "model/core/json_describe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace attnlab::model {

namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;
constexpr std::uint64_t kMaxExactInteger = 1ull << 53; // every integer up to here is exact in a double
constexpr std::uint64_t kMaxIndexBytes = 100ull * 1024 * 1024;


// A JSON number that is an integer in [0, 2^53], or nullopt. QJsonValue keeps integers that fit in 64 bits
// exactly, so 2^53 + 1 is seen as such and rejected rather than rounded to 2^53.
std::optional<std::uint64_t> exactUnsigned(const QJsonValue& v)
{
    if (!v.isDouble()) return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0.0 && d <= double(kMaxExactInteger)) || d != std::floor(d)) return std::nullopt;
    const qint64 i = v.toInteger(-1);
    if (i < 0 || std::uint64_t(i) > kMaxExactInteger) return std::nullopt;
    return std::uint64_t(i);
}

std::uint64_t readLittleEndian64(const std::uint8_t* p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

// One header entry -> TensorInfo, or an error (without the file prefix) naming the tensor and the field.
Result<TensorInfo> parseEntry(const QString& name, const QJsonValue& value, std::uint64_t dataBytes)
{
    const auto fail = [&](const QString& what) {
        return Result<TensorInfo>::failure(QStringLiteral("tensor \"%1\": %2").arg(name, what));
    };
    if (!value.isObject())
        return fail(QStringLiteral("entry must be an object, got %1").arg(describeJson(value)));
    const QJsonObject entry = value.toObject();
    TensorInfo info;
    info.name = name;

    const QJsonValue dtype = entry.value(QLatin1String("dtype"));
    if (!dtype.isString()) return fail(QStringLiteral("dtype must be a string, got %1").arg(describeJson(dtype)));
    const QString dt = dtype.toString();
    bool known = false;
    for (const DType t : {DType::F32, DType::F16, DType::BF16, DType::I32, DType::Bool})
        if (dt == QLatin1String(dtypeName(t))) {
            info.dtype = t;
            known = true;
        }
    if (!known) return fail(QStringLiteral("dtype %1 is not supported (expected F32, F16, BF16, I32 or BOOL)").arg(dt));

    const QJsonValue shape = entry.value(QLatin1String("shape"));
    if (!shape.isArray())
        return fail(
            QStringLiteral("shape must be an array of non-negative integers, got %1").arg(describeJson(shape)));
    std::uint64_t elements = 1;
    bool overflow = false;
    for (const QJsonValue& dim : shape.toArray()) {
        const auto n = exactUnsigned(dim);
        if (!n)
            return fail(
                QStringLiteral("shape entries must be non-negative integers, got %1").arg(describeJson(dim)));
        info.shape.push_back(std::int64_t(*n));
        overflow = overflow || __builtin_mul_overflow(elements, *n, &elements);
    }
    std::uint64_t bytes = 0;
    // A zero dimension makes the product 0 even after an overflowing prefix; still reject such a shape.
    if (overflow || __builtin_mul_overflow(elements, dtypeSize(info.dtype), &bytes))
        return fail(
            QStringLiteral("shape %1 has too many elements")
                .arg(QString::fromUtf8(QJsonDocument(shape.toArray()).toJson(QJsonDocument::Compact))));

    const QJsonValue offsets = entry.value(QLatin1String("data_offsets"));
    const QJsonArray pair = offsets.toArray();
    const auto begin = pair.size() == 2 ? exactUnsigned(pair[0]) : std::nullopt;
    const auto end = pair.size() == 2 ? exactUnsigned(pair[1]) : std::nullopt;
    if (!offsets.isArray() || !begin || !end)
        return fail(QStringLiteral("data_offsets must be two non-negative integers [begin, end], got %1")
                        .arg(offsets.isArray()
                                 ? QString::fromUtf8(QJsonDocument(pair).toJson(QJsonDocument::Compact))
                                 : describeJson(offsets)));
    if (*begin > *end || *end > dataBytes)
        return fail(
            QStringLiteral("data_offsets [%1, %2] must satisfy begin <= end <= %3 (the data section size)")
                .arg(*begin)
                .arg(*end)
                .arg(dataBytes));
    if (*end - *begin != bytes)
        return fail(QStringLiteral("data_offsets [%1, %2] span %3 bytes but the shape and dtype need %4")
                        .arg(*begin)
                        .arg(*end)
                        .arg(*end - *begin)
                        .arg(bytes));
    info.begin = *begin;
    info.end = *end;
    return info;
}

QString safetensorsShapeText(const std::vector<std::int64_t>& shape)
{
    QStringList dims;
    for (std::int64_t d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QLatin1String(", ")) + QLatin1Char(']');
}

} // namespace

const char* dtypeName(DType dtype)
{
    switch (dtype) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    case DType::I32: return "I32";
    case DType::Bool: return "BOOL";
    }
    return "";
}

std::uint64_t dtypeSize(DType dtype)
{
    switch (dtype) {
    case DType::F32:
    case DType::I32: return 4;
    case DType::F16:
    case DType::BF16: return 2;
    case DType::Bool: return 1;
    }
    return 1;
}

std::int64_t TensorInfo::elements() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d; // validated by open(): the product fits
    return n;
}

SafetensorsFile::~SafetensorsFile() = default;

Result<std::shared_ptr<SafetensorsFile>> SafetensorsFile::open(const QString& path)
{
    using R = Result<std::shared_ptr<SafetensorsFile>>;
    const auto fail = [&](const QString& what) {
        return R::failure(QStringLiteral("%1: %2").arg(path, what));
    };

    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile);
    file->m_path = path;
    file->m_file = std::make_unique<QFile>(path);
    if (!file->m_file->open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(file->m_file->errorString()));
    const qint64 size = file->m_file->size();
    if (size < 8)
        return fail(QStringLiteral("file is %1 bytes, shorter than the 8-byte header length").arg(size));
    file->m_map = file->m_file->map(0, size);
    if (!file->m_map) return fail(QStringLiteral("cannot memory-map: %1").arg(file->m_file->errorString()));
#if defined(__linux__)
    // Every byte is read at load (the NaN check) and again by each forward pass: map the whole file now, in one
    // call, rather than page by page on first touch (older kernels: at least read it ahead).
    void* start = const_cast<std::uint8_t*>(file->m_map);
#if defined(MADV_POPULATE_READ)
    if (madvise(start, size_t(size), MADV_POPULATE_READ) != 0)
#endif
        madvise(start, size_t(size), MADV_WILLNEED);
#endif
    file->m_size = std::uint64_t(size);

    const std::uint64_t headerBytes = readLittleEndian64(file->m_map);
    if (headerBytes > kMaxHeaderBytes)
        return fail(QStringLiteral("header length %1 exceeds the 100 MB limit").arg(headerBytes));
    if (headerBytes > file->m_size - 8)
        return fail(
            QStringLiteral("header length %1 exceeds the %2 bytes after the length field (truncated file?)")
                .arg(headerBytes)
                .arg(file->m_size - 8));
    file->m_dataStart = 8 + headerBytes;
    const std::uint64_t dataBytes = file->m_size - file->m_dataStart;

    // fromRawData: parse the header in place, no copy of up to 100 MB.
    const QByteArray header =
        QByteArray::fromRawData(reinterpret_cast<const char*>(file->m_map + 8), qsizetype(headerBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(header, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("header is not valid JSON (%1 at byte %2)")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("header must be a JSON object {name: {dtype, shape, data_offsets}}"));

    const QJsonObject root = doc.object();
    std::vector<const TensorInfo*> byOffset;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__")) {
            const QJsonObject metadata = it.value().toObject();
            for (auto m = metadata.begin(); m != metadata.end(); ++m)
                if (m.value().isString()) file->m_metadata.emplace(m.key(), m.value().toString());
            continue;
        }
        Result<TensorInfo> info = parseEntry(it.key(), it.value(), dataBytes);
        if (!info) return fail(info.error());
        file->m_tensors.emplace(it.key(), std::move(info).value());
    }
    for (const auto& [name, info] : file->m_tensors)
        byOffset.push_back(&info);
    std::sort(byOffset.begin(), byOffset.end(), [](const TensorInfo* a, const TensorInfo* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    for (std::size_t i = 1; i < byOffset.size(); ++i) {
        const TensorInfo& a = *byOffset[i - 1];
        const TensorInfo& b = *byOffset[i];
        if (b.begin < a.end)
            return fail(QStringLiteral("tensors \"%1\" [%2, %3] and \"%4\" [%5, %6] overlap")
                            .arg(a.name)
                            .arg(a.begin)
                            .arg(a.end)
                            .arg(b.name)
                            .arg(b.begin)
                            .arg(b.end));
    }
    return file;
}

QStringList SafetensorsFile::names() const
{
    QStringList out;
    for (const auto& [name, info] : m_tensors)
        out << name;
    return out;
}

const TensorInfo* SafetensorsFile::info(const QString& name) const
{
    const auto it = m_tensors.find(name);
    return it == m_tensors.end() ? nullptr : &it->second;
}

std::uint64_t SafetensorsFile::dataBytes() const
{
    return m_size - m_dataStart;
}

const std::uint8_t* SafetensorsFile::data(const TensorInfo& info) const
{
    return m_map + m_dataStart + info.begin;
}

// 2-D (r, c) -> (r, c); 1-D (n) -> (1, n). Element by element through memcpy: the data may be unaligned.
Result<MatrixF> SafetensorsFile::matrix(const QString& name) const
{
    const TensorInfo* t = info(name);
    if (!t) return Result<MatrixF>::failure(QStringLiteral("%1: no tensor named \"%2\"").arg(m_path, name));
    if (t->dtype == DType::I32 || t->dtype == DType::Bool)
        return Result<MatrixF>::failure(QStringLiteral("%1: tensor \"%2\" is %3; a matrix must be F32, F16 or BF16")
                                            .arg(m_path, name, QLatin1String(dtypeName(t->dtype))));
    if (t->shape.empty() || t->shape.size() > 2)
        return Result<MatrixF>::failure(QStringLiteral("%1: tensor \"%2\" has shape %3; expected 1-D or 2-D")
                                            .arg(m_path, name, safetensorsShapeText(t->shape)));
    const Eigen::Index rows = t->shape.size() == 2 ? Eigen::Index(t->shape[0]) : 1;
    const Eigen::Index cols = Eigen::Index(t->shape.back());
    MatrixF m(rows, cols);
    const std::uint8_t* src = data(*t);
    float* dst = m.data();
    const Eigen::Index n = rows * cols;
    switch (t->dtype) {
    case DType::F32:
        if (n > 0) std::memcpy(dst, src, std::size_t(n) * sizeof(float));
        break;
    case DType::F16:
    case DType::BF16:
        for (Eigen::Index i = 0; i < n; ++i) {
            const std::uint16_t bits = std::uint16_t(src[2 * i] | (src[2 * i + 1] << 8));
            dst[i] = t->dtype == DType::F16 ? halfToFloat(bits) : bfloat16ToFloat(bits);
        }
        break;
    case DType::I32:
    case DType::Bool:
        break; // refused above
    }
    return m;
}

Result<std::vector<std::shared_ptr<SafetensorsFile>>> openSharded(const QString& indexJsonPath)
{
    using R = Result<std::vector<std::shared_ptr<SafetensorsFile>>>;
    const auto fail = [&](const QString& what) {
        return R::failure(QStringLiteral("%1: %2").arg(indexJsonPath, what));
    };
    QFile index(indexJsonPath);
    if (!index.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(index.errorString()));
    if (std::uint64_t(index.size()) > kMaxIndexBytes)
        return fail(QStringLiteral("index is %1 bytes, more than the 100 MB limit").arg(index.size()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(index.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON (%1 at byte %2)")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    const QJsonValue weightMap = doc.object().value(QLatin1String("weight_map"));
    if (!doc.isObject() || !weightMap.isObject())
        return fail(QStringLiteral("weight_map must be an object {tensor name: shard file}, got %1")
                        .arg(doc.isObject() ? describeJson(weightMap) : QStringLiteral("a non-object document")));

    // shard file name -> tensors the index places there
    std::map<QString, QStringList> shards;
    const QJsonObject map = weightMap.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().isString())
            return fail(QStringLiteral("weight_map[\"%1\"] must be a file name, got %2")
                            .arg(it.key(), describeJson(it.value())));
        const QString shard = it.value().toString();
        // Only a plain name in the index's folder: no path, no NUL, and no leading ':', which Qt would read
        // as a resource compiled into the program rather than a file.
        if (shard.isEmpty() || shard.contains(QLatin1Char('/')) || shard.contains(QLatin1Char('\\')) ||
            shard.contains(QChar(0)) || shard.startsWith(QLatin1Char(':')) || shard == QLatin1String(".") ||
            shard == QLatin1String(".."))
            return fail(QStringLiteral("weight_map[\"%1\"] must be a file name beside the index, got \"%2\"")
                            .arg(it.key(), shard));
        shards[shard] << it.key();
    }
    if (shards.empty()) return fail(QStringLiteral("weight_map is empty"));

    const QDir dir = QFileInfo(indexJsonPath).absoluteDir();
    std::vector<std::shared_ptr<SafetensorsFile>> files;
    for (const auto& [shard, tensors] : shards) {
        auto file = SafetensorsFile::open(dir.absolutePath() + QLatin1Char('/') + shard);
        if (!file) return R::failure(file.error());
        for (const QString& name : tensors)
            if (!(*file)->info(name))
                return fail(QStringLiteral("weight_map places \"%1\" in %2, which has no such tensor")
                                .arg(name, shard));
        files.push_back(std::move(file).value());
    }
    return files;
}

float halfToFloat(std::uint16_t bits)
{
    const std::uint32_t sign = std::uint32_t(bits & 0x8000u) << 16;
    const std::uint32_t exponent = (bits >> 10) & 0x1Fu;
    std::uint32_t mantissa = bits & 0x3FFu;
    std::uint32_t out = 0;
    if (exponent == 0x1F) {
        out = sign | 0x7F800000u | (mantissa << 13); // inf, or NaN with its payload
    } else if (exponent != 0) {
        out = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        out = sign; // ±0
    } else {
        // Subnormal half: mantissa · 2^-24. Normalise: shift until the implicit bit (0x400) is set.
        int e = 127 - 15 + 1;
        while (!(mantissa & 0x400u)) {
            mantissa <<= 1;
            --e;
        }
        out = sign | (std::uint32_t(e) << 23) | ((mantissa & 0x3FFu) << 13);
    }
    return std::bit_cast<float>(out);
}

float bfloat16ToFloat(std::uint16_t bits)
{
    return std::bit_cast<float>(std::uint32_t(bits) << 16);
}

} // namespace attnlab::model
