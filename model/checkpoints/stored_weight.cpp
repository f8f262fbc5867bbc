#include "model/checkpoints/stored_weight.h"

#include <bit>
#include <cassert>

namespace attnlab::model {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");

StoredWeight::StoredWeight(const std::uint16_t* halves, DType dtype, Eigen::Index rows, Eigen::Index cols)
    : m_halves(halves), m_dtype(dtype), m_rows(rows), m_cols(cols)
{
    assert(dtype == DType::F16 || dtype == DType::BF16);
}

WeightView StoredWeight::rowsAsFloats(Eigen::Index first, Eigen::Index n, MatrixF& scratch) const
{
    assert(first >= 0 && n >= 0 && first + n <= m_rows);
    if (isFloat()) return WeightView(m_floats.data() + first * m_cols, n, m_cols);
    scratch.resize(n, m_cols);
    halvesToFloats(m_halves + first * m_cols, m_dtype, std::size_t(n * m_cols), scratch.data());
    return WeightView(scratch.data(), n, m_cols);
}

MatrixF StoredWeight::gatherRows(const std::vector<int>& ids) const
{
    MatrixF out(Eigen::Index(ids.size()), m_cols);
    for (size_t i = 0; i < ids.size(); ++i) {
        assert(ids[i] >= 0 && ids[i] < m_rows);
        if (isFloat())
            out.row(Eigen::Index(i)) = m_floats.row(ids[i]);
        else
            halvesToFloats(m_halves + Eigen::Index(ids[i]) * m_cols, m_dtype, std::size_t(m_cols),
                           out.data() + Eigen::Index(i) * m_cols);
    }
    return out;
}

void halvesToFloats(const std::uint16_t* halves, DType dtype, std::size_t n, float* out)
{
    if (dtype == DType::BF16) {
        // A bfloat16 is the upper half of a float32: a shift, which the compiler vectorises; both cores share a
        // layer's 60 million values.
#pragma omp parallel for schedule(static) if (n > (1u << 20))
        for (std::size_t i = 0; i < n; ++i)
            out[i] = std::bit_cast<float>(std::uint32_t(halves[i]) << 16);
        return;
    }
#pragma omp parallel for schedule(static) if (n > (1u << 20))
    for (std::size_t i = 0; i < n; ++i)
        out[i] = halfToFloat(halves[i]);
}

bool halvesAllFinite(const std::uint16_t* halves, DType dtype, std::size_t n)
{
    const std::uint16_t exponent = dtype == DType::BF16 ? 0x7F80u : 0x7C00u;
    std::uint32_t bad = 0;
#pragma omp parallel for reduction(| : bad) schedule(static) if (n > (1u << 20))
    for (std::size_t i = 0; i < n; ++i)
        bad |= std::uint32_t((halves[i] & exponent) == exponent);
    return bad == 0;
}

} // namespace attnlab::model
