#include "checkpoint_tensors.h"

#include <QDir>
#include <QFileInfo>

namespace attnlab::model {

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
                                             "model.safetensors.index.json")
                                  .arg(QDir::toNativeSeparators(folder)));
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
