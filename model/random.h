#pragma once

// A seeded generator with the same output on every platform and standard library (std::normal_distribution
// differs between libstdc++ and libc++), so that a seed names the same toy model and Monte-Carlo run
// everywhere. SplitMix64 for the bits, Box–Muller for normals.

#include "matrix_types.h"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace attnlab::model {

class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t nextBits()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform in (0, 1): never 0, so that log() below is finite.
    double uniform() { return (double(nextBits() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }

    // Standard normal.
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double radius = std::sqrt(-2.0 * std::log(uniform()));
        const double angle = 2.0 * std::numbers::pi * uniform();
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

    // rows × cols with i.i.d. N(0, stddev²) entries, filled row by row.
    Matrix normalMatrix(Eigen::Index rows, Eigen::Index cols, double stddev = 1.0)
    {
        Matrix m(rows, cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                m(r, c) = stddev * normal();
        return m;
    }

private:
    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace attnlab::model
