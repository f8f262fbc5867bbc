#pragma once

// Reading a Hugging Face checkpoint folder: its config.json, and tensors checked against the shapes the
// config implies. Shared by the GPT-2, BERT and Llama loaders.

#include "model_config.h"
#include "result.h"
#include "safetensors.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace attnlab::model {

using RowVectorF = Eigen::RowVectorXf;

// "(3, 64)" for {3, 64}.
QString shapeText(const std::vector<std::int64_t>& shape);

// folder -> the parsed config.json in it, or an error naming the file.
Result<ModelConfig> readModelConfig(const QString& folder);

// Reads tensors by name and checks each against the shape the config implies; the first problem is kept,
// so a loader reads everything and asks failed() once at the end.
class TensorReader {
public:
    TensorReader(const SafetensorsFile& file, QString prefix);

    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool has(const QString& name) const { return m_file.info(m_prefix + name) != nullptr; }

    // name, expected shape (1-D or 2-D) -> (rows, cols); a 1-D tensor (n) comes back as (1, n).
    MatrixF matrix(const QString& name, std::vector<std::int64_t> expected);
    // name, n -> the 1-D tensor (n).
    RowVectorF vector(const QString& name, std::int64_t n);

    // Adds a problem found by the caller (e.g. a NaN in a tensor), unless one is already kept.
    void fail(const QString& what);

private:
    const SafetensorsFile& m_file;
    QString m_prefix;
    QString m_error;
};

} // namespace attnlab::model
