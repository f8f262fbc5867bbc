#include "model/checkpoints/checkpoint_tensors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace attnlab::model {

namespace {

const QStringList kPickleNames = {QStringLiteral("pytorch_model*.bin"), QStringLiteral("*.pt"), QStringLiteral("*.pth"),
                                  QStringLiteral("*.ckpt")};

// What a folder without safetensors weights holds instead, for its message ("" when nothing known).
QString otherWeightsHint(const QDir& dir)
{
    const QStringList pickles = dir.entryList(kPickleNames, QDir::Files, QDir::Name);
    if (!pickles.isEmpty())
        return QStringLiteral("; ") + pickleRefusal(dir.filePath(pickles.first()));
    const QStringList others = dir.entryList(
        {QStringLiteral("tf_model.h5"), QStringLiteral("flax_model.msgpack"), QStringLiteral("*.gguf")}, QDir::Files,
        QDir::Name);
    if (!others.isEmpty())
        return QStringLiteral("; %1 is in a format AttnLab does not read: save the model as safetensors")
            .arg(others.first());
    return {};
}

} // namespace

QString pickleRefusal(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    bool pickle = QDir::match(kPickleNames, name);
    if (!pickle) {
        // torch.save's zip archive, whatever the file is called; only its first four bytes are read.
        QFile file(path);
        pickle = file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayLiteral("PK\x03\x04");
    }
    if (!pickle) return {};
    return QStringLiteral("%1 is a PyTorch pickle, which AttnLab never opens because loading one can run code: "
                          "save the model as safetensors")
        .arg(name);
}

CheckpointTensors::CheckpointTensors(std::shared_ptr<SafetensorsFile> file) : m_path(file->path())
{
    m_files.push_back(std::move(file));
}

Result<CheckpointTensors> CheckpointTensors::openFolder(const QString& folder)
{
    using R = Result<CheckpointTensors>;
    const QDir dir(folder);
    const QString single = dir.filePath(QStringLiteral("model.safetensors"));
    const QString index = dir.filePath(QStringLiteral("model.safetensors.index.json"));
    if (QFileInfo::exists(single) || !QFileInfo::exists(index)) {
        // A missing model.safetensors is reported by open(), naming the file.
        Result<std::shared_ptr<SafetensorsFile>> file = SafetensorsFile::open(single);
        if (!file) {
            if (QFileInfo::exists(single)) return R::failure(file.error());
            return R::failure(QStringLiteral("%1: the folder has neither model.safetensors nor "
                                             "model.safetensors.index.json%2")
                                  .arg(QDir::toNativeSeparators(folder), otherWeightsHint(dir)));
        }
        return CheckpointTensors(std::move(file).value());
    }

    Result<std::vector<std::shared_ptr<SafetensorsFile>>> shards = openSharded(index);
    if (!shards) return R::failure(shards.error());
    CheckpointTensors tensors;
    tensors.m_path = index;
    tensors.m_files = std::move(shards).value();
    for (const std::shared_ptr<SafetensorsFile>& file : tensors.m_files) {
        for (const QString& name : file->names()) {
            const auto [it, inserted] = tensors.m_fileOf.emplace(name, file.get());
            if (!inserted)
                return R::failure(QStringLiteral("%1: tensor \"%2\" is stored twice, in %3 and in %4")
                                      .arg(index, name, QFileInfo(it->second->path()).fileName(),
                                           QFileInfo(file->path()).fileName()));
        }
    }
    return tensors;
}

CheckpointTensors::Found CheckpointTensors::find(const QString& name) const
{
    if (m_fileOf.empty()) {
        const SafetensorsFile& file = *m_files.front();
        const TensorInfo* info = file.info(name);
        return info ? Found{&file, info} : Found{};
    }
    const auto it = m_fileOf.find(name);
    if (it == m_fileOf.end()) return {};
    return Found{it->second, it->second->info(name)};
}

} // namespace attnlab::model
