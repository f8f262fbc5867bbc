#pragma once

// What the checkpoint benchmarks share: writing a checkpoint of random weights once (streamed, one tensor at a
// time, F32 or BF16), and the process's peak memory.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <bit>
#include <cstdint>
#include <vector>

namespace attnlab::bench {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");

struct TensorSpec {
    QString name;
    std::vector<qint64> shape;
    float scale;       // entries uniform in ±scale; gains (norm weights) are 1 + that
    bool gain = false;
};

inline qint64 elements(const std::vector<qint64>& shape)
{
    qint64 n = 1;
    for (qint64 s : shape)
        n *= s;
    return n;
}

// folder/config.json and folder/model.safetensors with every tensor of specs, F32 or (bf16) BF16, from a fixed
// seed: the same file on every machine. xorshift64*: 1.2 billion values in seconds.
inline bool writeCheckpoint(const QString& folder, const QJsonObject& config, const std::vector<TensorSpec>& specs,
                            bool bf16)
{
    QDir().mkpath(folder);
    QFile c(folder + "/config.json");
    if (!c.open(QIODevice::WriteOnly) || c.write(QJsonDocument(config).toJson()) < 0) return false;
    const qint64 width = bf16 ? 2 : 4;
    QJsonObject header;
    qint64 offset = 0;
    for (const TensorSpec& t : specs) {
        QJsonArray shape;
        for (qint64 s : t.shape)
            shape.append(s);
        const qint64 bytes = elements(t.shape) * width;
        header.insert(t.name, QJsonObject{{"dtype", bf16 ? "BF16" : "F32"},
                                          {"shape", shape},
                                          {"data_offsets", QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    // Written under a temporary name and renamed at the end: an interrupted write leaves no checkpoint behind.
    const QString path = folder + "/model.safetensors", partial = path + ".part";
    QFile s(partial);
    if (!s.open(QIODevice::WriteOnly)) return false;
    const quint64 length = quint64(json.size());
    s.write(reinterpret_cast<const char*>(&length), 8);
    s.write(json);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    const auto uniform = [&state] { // in [−1, 1)
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return float(double((state * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-52 - 1.0);
    };
    std::vector<float> data;
    std::vector<std::uint16_t> halves;
    for (const TensorSpec& t : specs) {
        data.resize(size_t(elements(t.shape)));
        for (float& v : data)
            v = (t.gain ? 1.0f : 0.0f) + t.scale * uniform();
        bool ok;
        if (bf16) {
            halves.resize(data.size());
            for (size_t i = 0; i < data.size(); ++i)
                halves[i] = std::uint16_t(std::bit_cast<std::uint32_t>(data[i]) >> 16); // truncated: any BF16 will do
            ok = s.write(reinterpret_cast<const char*>(halves.data()), qint64(halves.size() * 2)) == qint64(halves.size() * 2);
        } else {
            ok = s.write(reinterpret_cast<const char*>(data.data()), qint64(data.size() * 4)) == qint64(data.size() * 4);
        }
        if (!ok) return false;
    }
    if (!s.flush()) return false;
    s.close();
    QFile::remove(path);
    return QFile::rename(partial, path);
}

// Peak resident set size of this process (VmHWM), in MiB.
inline double peakRssMiB()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

} // namespace attnlab::bench
