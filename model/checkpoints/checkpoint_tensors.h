#pragma once

// The tensors of a Hugging Face checkpoint folder, wherever they are stored: one model.safetensors, or the
// shards a model.safetensors.index.json names (large models are saved as model-00001-of-0000N.safetensors …).
// Loaders ask for tensors by name and never see how many files there are.

#include "model/core/result.h"
#include "model/checkpoints/safetensors.h"

#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace attnlab::model {

// PyTorch's weight files (pytorch_model*.bin, *.pt, *.pth, *.ckpt, or any file that is a zip archive, as
// torch.save writes them) are pickles, and unpickling runs code: AttnLab names them and never opens them.
// path -> "<name> is a PyTorch pickle, which AttnLab never opens …", or "" when the file is not one.
QString pickleRefusal(const QString& path);

class CheckpointTensors {
public:
    // folder -> its model.safetensors if present (as Hugging Face prefers), else every shard of its
    // model.safetensors.index.json; or an error naming the file and the problem (neither file, a shard that
    // fails to open, a tensor stored in two shards).
    static Result<CheckpointTensors> openFolder(const QString& folder);
    // One opened file.
    explicit CheckpointTensors(std::shared_ptr<SafetensorsFile> file);

    // The file errors should name when no single shard is at fault: model.safetensors or the index.
    const QString& path() const { return m_path; }
    const std::vector<std::shared_ptr<SafetensorsFile>>& files() const { return m_files; }

    // A tensor and the file that holds it; both null when no file has that name.
    struct Found {
        const SafetensorsFile* file = nullptr;
        const TensorInfo* info = nullptr;
        explicit operator bool() const { return info != nullptr; }
    };
    Found find(const QString& name) const;
    bool has(const QString& name) const { return bool(find(name)); }

private:
    CheckpointTensors() = default;
    QString m_path;
    std::vector<std::shared_ptr<SafetensorsFile>> m_files;
    std::map<QString, const SafetensorsFile*> m_fileOf; // tensor name -> its shard; empty for one file
};

} // namespace attnlab::model
