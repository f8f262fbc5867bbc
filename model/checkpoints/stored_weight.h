#pragma once

// StoredWeight: a weight matrix (rows, cols) as the checkpoint stores it. F32 is a WeightView of the mapped file
// (or of a converted copy); F16 and BF16 stay 2 bytes a value in the mapped file and are converted to float32
// when the forward uses them, one layer (or one chunk of the vocabulary) at a time, into scratch memory the
// forward reuses. A BF16 Llama-3.2-1B is 2.5 GB mapped instead of 5 GB of float32 converted at load.

#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/safetensors.h"

#include <cstdint>
#include <vector>

namespace attnlab::model {

class StoredWeight {
public:
    StoredWeight() = default;
    // Float32 where it lies. Implicit: a family that has only float32 weights passes its WeightViews.
    StoredWeight(const WeightView& floats) : m_floats(floats), m_rows(floats.rows()), m_cols(floats.cols()) {}
    // halves: rows · cols little-endian F16 or BF16 values, row-major, 2-byte aligned, kept alive by the caller
    // (the model's WeightStore holds the mapped file).
    StoredWeight(const std::uint16_t* halves, DType dtype, Eigen::Index rows, Eigen::Index cols);

    Eigen::Index rows() const { return m_rows; }
    Eigen::Index cols() const { return m_cols; }
    Eigen::Index size() const { return m_rows * m_cols; }
    // F32: used in place, never converted.
    bool isFloat() const { return m_halves == nullptr; }
    DType dtype() const { return isFloat() ? DType::F32 : m_dtype; }

    // The whole matrix as float32: the view itself, or scratch (resized) filled with the conversion.
    WeightView floats(MatrixF& scratch) const { return rowsAsFloats(0, m_rows, scratch); }
    // Rows [first, first + n) as float32 (n, cols), the same way.
    WeightView rowsAsFloats(Eigen::Index first, Eigen::Index n, MatrixF& scratch) const;
    // ids (each in [0, rows)) -> (ids, cols): the rows an embedding lookup reads, as float32.
    MatrixF gatherRows(const std::vector<int>& ids) const;

private:
    WeightView m_floats;
    const std::uint16_t* m_halves = nullptr;
    DType m_dtype = DType::F32;
    Eigen::Index m_rows = 0, m_cols = 0;
};

// n little-endian F16 or BF16 values -> n floats, bit-exact (safetensors.h's halfToFloat / bfloat16ToFloat).
void halvesToFloats(const std::uint16_t* halves, DType dtype, std::size_t n, float* out);
// True when none of the n F16 or BF16 values is NaN or infinite (all exponent bits set).
bool halvesAllFinite(const std::uint16_t* halves, DType dtype, std::size_t n);

} // namespace attnlab::model
