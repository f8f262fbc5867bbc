#pragma once

// A seeded generator with the same output on every platform and standard library (std::normal_distribution
// differs between libstdc++ and libc++), so that a seed names the same toy model and Monte-Carlo run
// everywhere. SplitMix64 for the bits, Box–Muller for normals.

#include <cmath>
#include <cstdint>
#include <numbers>

namespace attnlab::model {

// splitmix64 (Steele, Lea, Flood 2014): the whole algorithm is these lines.
inline std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class SeededRandom {
public:
    // The state is the seed passed once through splitmix64, so that neighbouring seeds give unrelated streams.
    explicit SeededRandom(std::uint64_t seed) : m_state(splitmix64(seed)) {}
    // seed and a stream tag (e.g. which weight matrix of which layer) -> an independent stream.
    SeededRandom(std::uint64_t seed, std::uint64_t stream) : SeededRandom(seed) { m_state ^= splitmix64(stream); }

    std::uint64_t nextBits() { return splitmix64(m_state); }

    // Everything the generator's next outputs depend on, for a checkpoint that resumes a run exactly.
    struct State {
        std::uint64_t bits = 0;
        double spare = 0.0;
        bool hasSpare = false;
        bool operator==(const State&) const = default;
    };
    State state() const { return {m_state, m_spare, m_hasSpare}; }
    void restore(const State& s)
    {
        m_state = s.bits;
        m_spare = s.spare;
        m_hasSpare = s.hasSpare;
    }
    // An integer uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below 2⁻³² for n < 2³²).
    std::uint32_t below(std::uint32_t n) { return std::uint32_t(((nextBits() >> 32) * std::uint64_t(n)) >> 32); }

    // Standard normal: uniforms from 53 random bits, Box–Muller pairs (both halves are used).
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        // +1 keeps u1 away from 0, where log diverges.
        const double u1 = double((nextBits() >> 11) + 1) * 0x1.0p-53;
        const double u2 = double(nextBits() >> 11) * 0x1.0p-53;
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * std::numbers::pi * u2;
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

private:
    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace attnlab::model
