#include "band_filter.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dossier::store::detail {

static_assert(std::endian::native == std::endian::little, "band filter rows are stored little-endian");

namespace {

constexpr std::uint64_t k_bits_per_key = 10;
constexpr int k_probes = 7;  // bits set per key inside its block
constexpr std::size_t k_min_rows = 8;

/// splitmix64's finaliser: band keys are hashes already, but the filter must not depend on
/// which of their bits are good.
std::uint64_t mix(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

}  // namespace

std::size_t BandFilter::rows_for(std::uint64_t keys) noexcept {
    const std::uint64_t row_bits = k_blocks_per_row * 512;
    return std::max<std::size_t>(k_min_rows, static_cast<std::size_t>((keys * k_bits_per_key + row_bits - 1) / row_bits));
}

BandFilter::BandFilter(std::size_t rows)
    : m_blocks(std::max(rows, std::size_t{1}) * k_blocks_per_row, Block{}), m_dirty(std::max(rows, std::size_t{1})) {}

std::uint64_t BandFilter::capacity() const noexcept {
    return static_cast<std::uint64_t>(m_blocks.size()) * 512 / k_bits_per_key;
}

std::size_t BandFilter::block_index(std::uint64_t h) const noexcept {
    // Lemire's multiply-shift maps the high 32 bits onto [0, blocks) without a division.
    return static_cast<std::size_t>(((h >> 32) * static_cast<std::uint64_t>(m_blocks.size())) >> 32);
}

void BandFilter::add(std::uint64_t key) noexcept {
    const std::uint64_t h = mix(key);
    const std::size_t b = block_index(h);
    Block& block = m_blocks[b];
    std::uint64_t bits = mix(h);
    for (int i = 0; i < k_probes; ++i, bits >>= 9) block[(bits >> 6) & 7] |= 1ull << (bits & 63);
    ++m_keys;
    const std::size_t row = b / k_blocks_per_row;
    if (!m_dirty[row]) {
        m_dirty[row] = true;
        m_dirty_rows.push_back(row);
    }
}

bool BandFilter::may_contain(std::uint64_t key) const noexcept {
    const std::uint64_t h = mix(key);
    const Block& block = m_blocks[block_index(h)];
    std::uint64_t bits = mix(h);
    for (int i = 0; i < k_probes; ++i, bits >>= 9)
        if ((block[(bits >> 6) & 7] & (1ull << (bits & 63))) == 0) return false;
    return true;
}

std::string_view BandFilter::row(std::size_t i) const noexcept {
    return {reinterpret_cast<const char*>(&m_blocks[i * k_blocks_per_row]), k_row_bytes};
}

bool BandFilter::load_row(std::size_t i, std::string_view bytes) noexcept {
    if (bytes.size() != k_row_bytes || i >= rows()) return false;
    std::memcpy(&m_blocks[i * k_blocks_per_row], bytes.data(), k_row_bytes);
    return true;
}

void BandFilter::clear_dirty() noexcept {
    for (std::size_t r : m_dirty_rows) m_dirty[r] = false;
    m_dirty_rows.clear();
}

}  // namespace dossier::store::detail
