#pragma once
// Deterministic randomness for the search benchmark: splitmix64 to seed, xoshiro256** to draw,
// and a Zipf sampler over ranks 0..n-1. No std::random_device and no <random> distributions,
// whose output differs between standard libraries: the same seed gives the same archive on
// every machine.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dossier::bench {

/// splitmix64 step: advances `state` and returns the next well-mixed 64-bit value.
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// xoshiro256** (Blackman and Vigna), seeded from splitmix64.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : m_s) s = splitmix64(seed);
    }
    /// An independent stream for item `index` of stream `seed` (articles, queries, vocabulary).
    static Rng for_item(std::uint64_t seed, std::uint64_t index) {
        std::uint64_t mix = seed ^ (index * 0xD1B54A32D192ED03ULL);
        return Rng(splitmix64(mix));
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [0, n); n > 0.
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
    /// Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::size_t>(hi - lo + 1)));
    }
    bool chance(double p) { return uniform() < p; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4]{};
};

/// Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1)^exponent.
class Zipf {
public:
    Zipf() = default;
    Zipf(std::size_t n, double exponent = 1.0) : m_cdf(n) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            total += 1.0 / std::pow(static_cast<double>(i + 1), exponent);
            m_cdf[i] = total;
        }
        for (double& c : m_cdf) c /= total;
    }
    /// A rank; the first draws the most often. The sampler must not be empty.
    std::size_t operator()(Rng& rng) const {
        const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end(), rng.uniform());
        return std::min(static_cast<std::size_t>(it - m_cdf.begin()), m_cdf.size() - 1);
    }
    /// The probability of drawing `rank` (for choosing "common" and "rare" query terms).
    double probability(std::size_t rank) const { return m_cdf[rank] - (rank == 0 ? 0.0 : m_cdf[rank - 1]); }
    std::size_t size() const { return m_cdf.size(); }

private:
    std::vector<double> m_cdf;
};

}  // namespace dossier::bench
