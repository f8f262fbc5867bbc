#pragma once

// Reading a Hugging Face checkpoint folder: its config.json, and tensors checked against the shapes the
// config implies. Shared by every architecture's loader.

#include "model/checkpoints/checkpoint_tensors.h"
#include "model/checkpoints/model_config.h"
#include "model/core/result.h"
#include "model/checkpoints/safetensors.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <memory>
#include <new>
#include <vector>

namespace attnlab::model {

using RowVectorF = Eigen::RowVectorXf;
class StoredWeight; // stored_weight.h

// A weight matrix (rows, cols), row-major float32, viewed where it lies: inside the memory-mapped checkpoint
// (F32 tensors: no copy, so a 500 MB model is ready as soon as it is mapped) or inside a converted copy a
// WeightStore owns (F16, BF16, transposed or llama2.c weights). Default-constructed: empty. Assigning
// re-points the view; it never copies the data.
class WeightView : public Eigen::Map<const MatrixF> {
    using Base = Eigen::Map<const MatrixF>;

public:
    WeightView() : Base(nullptr, 0, 0) {}
    WeightView(const float* data, Eigen::Index rows, Eigen::Index cols) : Base(data, rows, cols) {}
    WeightView(const WeightView& other) : Base(other.data(), other.rows(), other.cols()) {}
    WeightView& operator=(const WeightView& other)
    {
        // Eigen's Map cannot be re-pointed by assignment (that would copy coefficients), only rebuilt.
        new (static_cast<Base*>(this)) Base(other.data(), other.rows(), other.cols());
        return *this;
    }
};

// What the WeightViews of one model point into: the mapped checkpoint files, kept open, and the matrices
// that had to be converted. Owned by the model; views stay valid as long as it lives.
class WeightStore {
public:
    void keep(const CheckpointTensors& tensors)
    {
        m_files.insert(m_files.end(), tensors.files().begin(), tensors.files().end());
    }
    // m -> a view of it, owned from now on (a deque never moves what it holds).
    WeightView own(MatrixF m)
    {
        m_owned.push_back(std::move(m));
        const MatrixF& kept = m_owned.back();
        return WeightView(kept.data(), kept.rows(), kept.cols());
    }

private:
    std::vector<std::shared_ptr<SafetensorsFile>> m_files;
    std::deque<MatrixF> m_owned;
};

// "(3, 64)" for {3, 64}.
QString shapeText(const std::vector<std::int64_t>& shape);

// folder -> the parsed config.json in it, or an error naming the file.
Result<ModelConfig> readModelConfig(const QString& folder);

// A Hugging Face model folder opened for one architecture: config.json parsed with its model_type checked,
// model.safetensors (or its shards) mapped and validated.
struct CheckpointFolder {
    ModelConfig config;
    QString configPath;
    CheckpointTensors tensors;
};
// folder, the model_type it must have ("gpt2") or one of several (a family's loader) -> the opened folder, or
// the first error naming the file.
Result<CheckpointFolder> openCheckpointFolder(const QString& folder, const QString& architecture);
Result<CheckpointFolder> openCheckpointFolder(const QString& folder, const QStringList& architectures);

// Reads tensors by name and checks each against the shape the config implies; the first problem is kept,
// so a loader reads everything and asks failed() once at the end.
class TensorReader {
public:
    TensorReader(const CheckpointTensors& tensors, QString prefix);

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool has(const QString& name) const { return m_tensors.has(m_prefix + name); }

    // name, expected shape (1-D or 2-D) -> (rows, cols); a 1-D tensor (n) comes back as (1, n).
    MatrixF matrix(const QString& name, std::vector<std::int64_t> expected);
    // name, n -> the 1-D tensor (n).
    RowVectorF vector(const QString& name, std::int64_t n);
    // name, expected 2-D shape -> a view of the tensor: in place for 4-byte-aligned F32 data, else a
    // converted copy kept by store. Checked for NaN and infinity like matrix().
    WeightView view(const QString& name, std::vector<std::int64_t> expected, WeightStore& store);
    // The same for the large matrices of a forward that converts per layer (stored_weight.h): aligned F16 and
    // BF16 tensors stay where they lie, unconverted; anything else is view()'s.
    StoredWeight stored(const QString& name, std::vector<std::int64_t> expected, WeightStore& store);

    // Adds a problem found by the caller, unless one is already kept; it names the checkpoint's file (or
    // index), or the shard that holds a faulty tensor.
    void fail(const QString& what);
    void fail(const SafetensorsFile& file, const QString& what);

private:
    // The tensor called m_prefix + name if it exists with the expected shape; else nullptr and a kept error.
    CheckpointTensors::Found find(const QString& name, const std::vector<std::int64_t>& expected);

    const CheckpointTensors& m_tensors;
    QString m_prefix;
    QString m_error;
};

} // namespace attnlab::model
