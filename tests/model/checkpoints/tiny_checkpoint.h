#pragma once

// Small checkpoints written by the model tests themselves: named float32 tensors saved as a safetensors file
// (8-byte header length, JSON header, little-endian data) beside a config.json, the layout of a Hugging Face
// model folder.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>
#include <QtEndian>

#include <bit>
#include <map>
#include <vector>

namespace attnlab::test {

// A float32 tensor: shape and row-major data.
struct Tensor {
    std::vector<qint64> shape;
    std::vector<float> data;

    double at(qint64 i) const { return data[size_t(i)]; }
    // (r, c) of a 2-D tensor.
    double at(qint64 r, qint64 c) const { return data[size_t(r * shape.back() + c)]; }
};

using TensorMap = std::map<QString, Tensor>;

// shape -> entries offset + scale · U(−1, 1).
inline Tensor randomTensor(QRandomGenerator& rng, std::vector<qint64> shape, double scale,
                           double offset = 0.0)
{
    Tensor t{std::move(shape), {}};
    qint64 n = 1;
    for (qint64 s : t.shape)
        n *= s;
    t.data.reserve(size_t(n));
    for (qint64 i = 0; i < n; ++i)
        t.data.push_back(float(offset + scale * (2.0 * rng.generateDouble() - 1.0)));
    return t;
}

// The bfloat16 nearest to v (ties to even), as a float: what a BF16 checkpoint of v holds.
inline float roundToBfloat16(float v)
{
    quint32 bits = std::bit_cast<quint32>(v);
    bits += 0x7FFFu + ((bits >> 16) & 1u);
    return std::bit_cast<float>(bits & 0xFFFF0000u);
}

// Every value of the tensors rounded to bfloat16, so that a reference reads what a BF16 checkpoint holds.
inline void roundToBfloat16(TensorMap& tensors)
{
    for (auto& [name, t] : tensors)
        for (float& v : t.data)
            v = roundToBfloat16(v);
}

// tensors -> the bytes of a safetensors file, every tensor F32 or (dtype "BF16") bfloat16, each value rounded to
// the nearest; shapes are written as given, whatever the data's length.
inline QByteArray safetensorsBytes(const TensorMap& tensors, const QString& dtype = QStringLiteral("F32"))
{
    const bool bf16 = dtype == QLatin1String("BF16");
    QJsonObject header;
    QByteArray data;
    for (const auto& [name, t] : tensors) {
        QJsonArray shape;
        for (qint64 s : t.shape)
            shape.append(s);
        const qint64 begin = data.size();
        for (float v : t.data) {
            char b[4];
            if (bf16) {
                qToLittleEndian<quint16>(quint16(std::bit_cast<quint32>(roundToBfloat16(v)) >> 16), b);
                data.append(b, 2);
            } else {
                qToLittleEndian<quint32>(std::bit_cast<quint32>(v), b);
                data.append(b, 4);
            }
        }
        header.insert(name,
                      QJsonObject{{QStringLiteral("dtype"), bf16 ? dtype : QStringLiteral("F32")},
                                  {QStringLiteral("shape"), shape},
                                  {QStringLiteral("data_offsets"), QJsonArray{begin, qint64(data.size())}}});
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), out.data());
    return out + json + data;
}

// folder, config.json text, tensors -> folder/config.json and folder/model.safetensors (F32, or BF16 rounded);
// false if unwritable.
inline bool writeCheckpoint(const QString& folder, const QByteArray& config, const TensorMap& tensors,
                            const QString& dtype = QStringLiteral("F32"))
{
    QDir().mkpath(folder);
    QFile c(folder + QStringLiteral("/config.json"));
    QFile s(folder + QStringLiteral("/model.safetensors"));
    const QByteArray st = safetensorsBytes(tensors, dtype);
    return c.open(QIODevice::WriteOnly) && c.write(config) == config.size() && s.open(QIODevice::WriteOnly) &&
           s.write(st) == st.size();
}

// folder, config.json text, tensors, n -> folder/config.json, the tensors dealt in turn into n shards
// model-0000i-of-0000n.safetensors, and the model.safetensors.index.json that maps each tensor to its shard,
// as Hugging Face saves large models; false if unwritable.
inline bool writeShardedCheckpoint(const QString& folder, const QByteArray& config, const TensorMap& tensors,
                                   int n)
{
    QDir().mkpath(folder);
    std::vector<TensorMap> shards(static_cast<size_t>(n));
    QJsonObject weightMap;
    int i = 0;
    const auto shardName = [n](int s) {
        return QStringLiteral("model-%1-of-%2.safetensors")
            .arg(s + 1, 5, 10, QLatin1Char('0'))
            .arg(n, 5, 10, QLatin1Char('0'));
    };
    for (const auto& [name, t] : tensors) {
        shards[size_t(i % n)].emplace(name, t);
        weightMap.insert(name, shardName(i % n));
        ++i;
    }
    const auto write = [&folder](const QString& name, const QByteArray& bytes) {
        QFile f(folder + QLatin1Char('/') + name);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    bool ok = write(QStringLiteral("config.json"), config);
    for (int s = 0; s < n; ++s)
        ok = ok && write(shardName(s), safetensorsBytes(shards[size_t(s)]));
    const QJsonObject index{{QStringLiteral("metadata"), QJsonObject{}},
                            {QStringLiteral("weight_map"), weightMap}};
    return ok && write(QStringLiteral("model.safetensors.index.json"), QJsonDocument(index).toJson());
}

} // namespace attnlab::test
