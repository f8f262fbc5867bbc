#pragma once

// Hugging Face safetensors files, memory-mapped and validated: an 8-byte little-endian header length, a JSON
// header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {…}}, then the tensor bytes.
// F32 tensors are used in place (no copy); F16 and BF16 are converted to float32 on request. I32 and BOOL
// tensors (a trace's token ids and masks, model/trace/trace_safetensors.h) are read as bytes only.

#include "model/core/matrix_types.h"
#include "model/core/result.h"

#include <QString>
#include <QStringList>

#ifndef Q_MOC_RUN // moc needs none of Eigen, and reading it is most of moc's time
#include <Eigen/Core>
#endif

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

class QFile;

namespace attnlab::model {

enum class DType { F32, F16, BF16, I32, Bool };

// The dtype's name in a header ("F32", "BOOL") and its size in bytes.
const char* dtypeName(DType dtype);
std::uint64_t dtypeSize(DType dtype);

struct TensorInfo {
    QString name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; // byte offsets into the data section
    std::uint64_t end = 0;
    std::int64_t elements() const;
};

class SafetensorsFile {
public:
    // path -> a mapped, validated file, or an error naming the file and the problem: truncated file, header
    // length beyond the file, malformed JSON, unknown dtype, offsets out of range or overlapping, shape ×
    // dtype size ≠ byte length.
    static Result<std::shared_ptr<SafetensorsFile>> open(const QString& path);
    ~SafetensorsFile();

    const QString& path() const { return m_path; }
    QStringList names() const;
    const TensorInfo* info(const QString& name) const; // nullptr when absent
    std::uint64_t dataBytes() const;

    // Raw bytes of a tensor inside the mapping.
    const std::uint8_t* data(const TensorInfo& info) const;

    // The header's "__metadata__": its string values by key (safetensors allows only strings there; other
    // values are left out rather than refused).
    const std::map<QString, QString>& metadata() const { return m_metadata; }

    // A 1-D or 2-D tensor as a row-major float matrix: 2-D (r, c) -> (r, c); 1-D (n) -> (1, n). F32 is copied
    // out of the mapping only here, when a caller asks for a matrix. Errors name the tensor and its shape, or its
    // dtype when that is not F32, F16 or BF16.
    Result<MatrixF> matrix(const QString& name) const;

private:
    SafetensorsFile() = default;
    QString m_path;
    std::unique_ptr<QFile> m_file;
    const std::uint8_t* m_map = nullptr;
    std::uint64_t m_size = 0;
    std::uint64_t m_dataStart = 0;
    std::map<QString, TensorInfo> m_tensors;
    std::map<QString, QString> m_metadata;
};

// A sharded checkpoint: model.safetensors.index.json ({"weight_map": {tensor name: shard file name}}) ->
// every shard it names (file names relative to the index's directory), opened and validated, in file-name
// order. Errors name the index or the shard: missing weight_map, a file name that leaves the directory, a
// shard that fails to open, a tensor the index places in a shard that does not hold it.
Result<std::vector<std::shared_ptr<SafetensorsFile>>> openSharded(const QString& indexJsonPath);

// F16 / BF16 bits -> float, bit-exact (subnormals, ±inf and NaN payloads included).
float halfToFloat(std::uint16_t bits);
float bfloat16ToFloat(std::uint16_t bits);

} // namespace attnlab::model
