// Fuzzes CheckpointTensors::openFolder with the model.safetensors.index.json of a sharded checkpoint, beside two
// fixed valid shards (a.safetensors holds "a", b.safetensors holds "b"): a file name that leaves the folder, a
// missing shard or a tensor placed in the wrong shard must be refused with a message naming the file, and an
// accepted index must find every tensor it maps.

#include "model/checkpoints/checkpoint_tensors.h"
#include "fuzz_support.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace attnlab;

namespace {

// name -> a safetensors file holding one F32 tensor (2) of that name.
QByteArray shard(const char* name)
{
    QByteArray header = QByteArray(R"({")") + name + R"(": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}})";
    while (header.size() % 8)
        header.append(' ');
    QByteArray out(8, '\0');
    const quint64 length = quint64(header.size());
    for (int i = 0; i < 8; ++i)
        out[i] = char((length >> (8 * i)) & 0xFF);
    return out + header + QByteArray(8, '\0');
}

QString folder()
{
    static const QString path = [] {
        QDir dir = fuzz::scratchDir();
        FUZZ_CHECK(dir.mkpath(QStringLiteral("sharded")));
        const QString sharded = dir.filePath(QStringLiteral("sharded"));
        fuzz::writeFile(QStringLiteral("sharded/a.safetensors"), shard("a"));
        fuzz::writeFile(QStringLiteral("sharded/b.safetensors"), shard("b"));
        return sharded;
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString dir = folder();
    const QByteArray index = fuzz::bytes(data, size);
    fuzz::writeFile(QStringLiteral("sharded/model.safetensors.index.json"), index);
    const auto tensors = model::CheckpointTensors::openFolder(dir);
    if (!tensors) {
        FUZZ_CHECK(tensors.error().startsWith(dir + QLatin1Char('/')));
        return 0;
    }
    // Accepted: every tensor the index maps is found, in a shard inside the folder.
    const QJsonObject map = QJsonDocument::fromJson(index).object().value(QLatin1String("weight_map")).toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const model::CheckpointTensors::Found found = tensors->find(it.key());
        FUZZ_CHECK(found && found.file->path().startsWith(dir + QLatin1Char('/')));
        FUZZ_CHECK(found.file->matrix(it.key()).ok());
    }
    return 0;
}
