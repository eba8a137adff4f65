#pragma once
// A Bloom filter over the archive's LSH band keys (private to store; docs/dedup.md "Speed").
//
// Most incoming articles are new stories: none of their 32 band keys is in the archive, yet each
// probe of the band table costs a random read when the page cache is cold. The filter answers
// "certainly absent" for nearly all of those keys from memory (about 1.5 % false positives at
// 10 bits per key), so only keys that may be present are probed. No false negatives: every key
// the archive holds was added (band_filter_table.hpp keeps the persisted copy in step with the
// band table, in the same transactions).
//
// Blocked layout: one 64-byte block per key, so a lookup is one cache miss. The blocks are
// grouped in rows of k_blocks_per_row, the unit the archive stores (one row per 4 KiB page).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace dossier::store::detail {

class BandFilter {
public:
    static constexpr std::size_t k_blocks_per_row = 62;                 // 3,968 bytes
    static constexpr std::size_t k_row_bytes = k_blocks_per_row * 64;

    /// The rows a filter needs to hold `keys` keys at 10 bits each (at least 8 rows).
    static std::size_t rows_for(std::uint64_t keys) noexcept;

    /// An empty filter of `rows` rows.
    explicit BandFilter(std::size_t rows);

    void add(std::uint64_t key) noexcept;
    /// False only when `key` was never added.
    bool may_contain(std::uint64_t key) const noexcept;

    /// Keys added, counting repeats: past capacity() the false-positive rate climbs.
    std::uint64_t keys() const noexcept { return m_keys; }
    void set_keys(std::uint64_t keys) noexcept { m_keys = keys; }
    std::uint64_t capacity() const noexcept;

    std::size_t rows() const noexcept { return m_blocks.size() / k_blocks_per_row; }
    /// Row `i`'s bytes (little-endian words), as stored.
    std::string_view row(std::size_t i) const noexcept;
    /// Sets row `i` from stored bytes; false when their size is not k_row_bytes.
    bool load_row(std::size_t i, std::string_view bytes) noexcept;
    /// The rows changed since the last clear_dirty(), each once.
    const std::vector<std::size_t>& dirty_rows() const noexcept { return m_dirty_rows; }
    /// Forgets the changed rows: call once they are written.
    void clear_dirty() noexcept;

private:
    using Block = std::array<std::uint64_t, 8>;  // 512 bits, one cache line
    std::size_t block_index(std::uint64_t h) const noexcept;

    std::vector<Block> m_blocks;
    std::vector<bool> m_dirty;  // per row
    std::vector<std::size_t> m_dirty_rows;
    std::uint64_t m_keys = 0;
};

}  // namespace dossier::store::detail
