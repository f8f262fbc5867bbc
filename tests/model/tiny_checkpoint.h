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

// tensors -> the bytes of a safetensors file; shapes are written as given, whatever the data's length.
inline QByteArray safetensorsBytes(const TensorMap& tensors)
{
    QJsonObject header;
    QByteArray data;
    for (const auto& [name, t] : tensors) {
        QJsonArray shape;
        for (qint64 s : t.shape)
            shape.append(s);
        const qint64 begin = data.size();
        for (float v : t.data) {
            char b[4];
            qToLittleEndian<quint32>(std::bit_cast<quint32>(v), b);
            data.append(b, 4);
        }
        header.insert(name,
                      QJsonObject{{QStringLiteral("dtype"), QStringLiteral("F32")},
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

// folder, config.json text, tensors -> folder/config.json and folder/model.safetensors; false if unwritable.
inline bool writeCheckpoint(const QString& folder, const QByteArray& config, const TensorMap& tensors)
{
    QDir().mkpath(folder);
    QFile c(folder + QStringLiteral("/config.json"));
    QFile s(folder + QStringLiteral("/model.safetensors"));
    const QByteArray st = safetensorsBytes(tensors);
    return c.open(QIODevice::WriteOnly) && c.write(config) == config.size() && s.open(QIODevice::WriteOnly) &&
           s.write(st) == st.size();
}

} // namespace attnlab::test
