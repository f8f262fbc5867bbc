#pragma once

// Writing safetensors files, the format safetensors.h reads and Python's `safetensors` and numpy load: an 8-byte
// little-endian header length N, N bytes of JSON header {"__metadata__": {key: string}, name: {"dtype", "shape",
// "data_offsets": [begin, end]}} padded with spaces so that the data start at a multiple of 8, then every tensor's
// bytes, row-major and little-endian, one after the other without gaps (offsets count from the data's start).

#include "model/checkpoints/safetensors.h"

#include <QByteArray>

#include <functional>
#include <map>

namespace attnlab::model {

struct TensorToWrite {
    QString name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape; // [] is a scalar (one element)
    // Writes the tensor's bytes (elements × dtypeSize), row-major and little-endian, into out, which has room
    // for exactly that many. Called once, while the file is written, so what it reads must live until then.
    std::function<void(std::uint8_t* out)> fill;

    std::uint64_t bytes() const;
};

// Where each tensor's bytes go: tensors with larger elements first (F32 and I32, then F16 and BF16, then BOOL),
// in the given order within each size, so that every element lies at a multiple of its size in the file.
// -> for tensors[i], [begin, end) in the data section.
std::vector<std::pair<std::uint64_t, std::uint64_t>> safetensorsLayout(const std::vector<TensorToWrite>& tensors);

// The header as written, length field included: 8 bytes of N, then the compact JSON (keys sorted, as QJsonObject
// writes them) padded with spaces to N, a multiple of 8. Metadata is left out when empty.
QByteArray safetensorsHeader(const std::vector<TensorToWrite>& tensors, const std::map<QString, QString>& metadata);

// Writes the file whole or not at all (atomic_file.h), streaming one tensor at a time, so a file larger than
// memory can be written. Refuses an empty or repeated name, "__metadata__" as a tensor's name, and a negative
// dimension, naming the tensor.
Result<void> writeSafetensors(const QString& path, const std::vector<TensorToWrite>& tensors,
                              const std::map<QString, QString>& metadata = {});

} // namespace attnlab::model
