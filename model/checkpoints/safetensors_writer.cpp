#include "model/checkpoints/safetensors_writer.h"

#include "model/core/atomic_file.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <bit>
#include <numeric>

namespace attnlab::model {

static_assert(std::endian::native == std::endian::little, "the tensors' bytes are written as they lie in memory");

namespace {

std::uint64_t elementsOf(const std::vector<std::int64_t>& shape)
{
    std::uint64_t n = 1;
    for (std::int64_t d : shape)
        n *= std::uint64_t(std::max<std::int64_t>(d, 0));
    return n;
}

} // namespace

std::uint64_t TensorToWrite::bytes() const
{
    return elementsOf(shape) * dtypeSize(dtype);
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> safetensorsLayout(const std::vector<TensorToWrite>& tensors)
{
    std::vector<size_t> order(tensors.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return dtypeSize(tensors[a].dtype) > dtypeSize(tensors[b].dtype);
    });
    std::vector<std::pair<std::uint64_t, std::uint64_t>> layout(tensors.size());
    std::uint64_t offset = 0;
    for (size_t i : order) {
        layout[i] = {offset, offset + tensors[i].bytes()};
        offset = layout[i].second;
    }
    return layout;
}

QByteArray safetensorsHeader(const std::vector<TensorToWrite>& tensors, const std::map<QString, QString>& metadata)
{
    const auto layout = safetensorsLayout(tensors);
    QJsonObject header;
    if (!metadata.empty()) {
        QJsonObject meta;
        for (const auto& [key, value] : metadata)
            meta.insert(key, value);
        header.insert(QStringLiteral("__metadata__"), meta);
    }
    for (size_t i = 0; i < tensors.size(); ++i) {
        QJsonArray shape;
        for (std::int64_t d : tensors[i].shape)
            shape.append(qint64(d));
        header.insert(tensors[i].name,
                      QJsonObject{{QStringLiteral("dtype"), QLatin1String(dtypeName(tensors[i].dtype))},
                                  {QStringLiteral("shape"), shape},
                                  {QStringLiteral("data_offsets"),
                                   QJsonArray{qint64(layout[i].first), qint64(layout[i].second)}}});
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    json.append(QByteArray((8 - json.size() % 8) % 8, ' '));
    QByteArray out(8, '\0');
    const std::uint64_t length = std::uint64_t(json.size());
    for (int i = 0; i < 8; ++i)
        out[i] = char((length >> (8 * i)) & 0xFF);
    return out + json;
}

Result<void> writeSafetensors(const QString& path, const std::vector<TensorToWrite>& tensors,
                              const std::map<QString, QString>& metadata)
{
    QSet<QString> names;
    for (const TensorToWrite& t : tensors) {
        const auto refuse = [&](const QString& why) {
            return Result<void>::failure(QStringLiteral("cannot write %1: tensor \"%2\" %3").arg(path, t.name, why));
        };
        if (t.name.isEmpty() || t.name == QLatin1String("__metadata__"))
            return refuse(QStringLiteral("is not a tensor name"));
        if (names.contains(t.name)) return refuse(QStringLiteral("is named twice"));
        names.insert(t.name);
        if (std::any_of(t.shape.begin(), t.shape.end(), [](std::int64_t d) { return d < 0; }))
            return refuse(QStringLiteral("has a negative dimension"));
    }
    const QByteArray header = safetensorsHeader(tensors, metadata);
    const auto layout = safetensorsLayout(tensors);
    std::uint64_t dataBytes = 0;
    for (const auto& [begin, end] : layout)
        dataBytes = std::max(dataBytes, end);

    std::vector<size_t> order(tensors.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return layout[a].first < layout[b].first; });
    return writeFileAtomically(path, qint64(std::uint64_t(header.size()) + dataBytes), [&](const ByteSink& sink) {
        if (!sink(header.constData(), header.size())) return;
        std::vector<std::uint8_t> buffer; // one tensor at a time, reused
        for (size_t i : order) {
            const TensorToWrite& t = tensors[i];
            buffer.resize(size_t(t.bytes()));
            if (t.fill && !buffer.empty())
                t.fill(buffer.data());
            else
                std::fill(buffer.begin(), buffer.end(), std::uint8_t(0));
            if (!sink(reinterpret_cast<const char*>(buffer.data()), qint64(buffer.size()))) return;
        }
    });
}

} // namespace attnlab::model
