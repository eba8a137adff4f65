#pragma once
// The order of the full-text index (docs/search.md, "Newest first"). The FTS5 table's rowid is
// not the article id but a key that sorts like the article's time (published, else first
// seen): FTS5 walks a term's matches in rowid order, so "newest 20 matches" reads 20 entries
// and stops, instead of reading every match and sorting; since:/until: become rowid ranges.
//   key = (clamp(time + 2^32, 0, 2^33 - 1) << 30) | id
// 33 bits of biased seconds cover the years 1834 to 2106; 30 bits of id keep keys unique for
// the first 2^30 (about a billion) articles, and order articles of the same second by id.
#include <algorithm>
#include <cstdint>

namespace dossier::store::detail {

inline constexpr int k_sort_key_id_bits = 30;
inline constexpr std::int64_t k_max_sort_key_id = (std::int64_t{1} << k_sort_key_id_bits) - 1;
inline constexpr std::int64_t k_sort_time_bias = std::int64_t{1} << 32;
inline constexpr std::int64_t k_max_biased_time = (std::int64_t{1} << 33) - 1;

/// The first key of second `t`: every article of time >= t has a key >= sort_key_floor(t).
constexpr std::int64_t sort_key_floor(std::int64_t t) {
    const std::int64_t biased = t > k_max_biased_time - k_sort_time_bias ? k_max_biased_time
                                : t < -k_sort_time_bias                    ? 0
                                                                           : t + k_sort_time_bias;
    return biased << k_sort_key_id_bits;
}

/// The time (unix seconds) a key was made from, within the clamped range.
constexpr std::int64_t sort_key_time(std::int64_t key) { return (key >> k_sort_key_id_bits) - k_sort_time_bias; }

/// The key of article `id` (1 .. k_max_sort_key_id) with time `t` (unix seconds).
constexpr std::int64_t sort_key(std::int64_t t, std::int64_t id) { return sort_key_floor(t) | id; }

}  // namespace dossier::store::detail
