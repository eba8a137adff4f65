#pragma once
// Near-duplicate fingerprints: MinHash signatures over word and character shingles, and the
// LSH band keys the store indexes to find candidates. Pure functions; no I/O.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::dedup {

/// Changes whenever shingling, hashing or banding changes: signatures stored under another
/// version are not comparable and must be recomputed from the stored text.
inline constexpr int k_minhash_version = 2;

/// Hash functions in a signature (issue 6: 128).
inline constexpr std::size_t k_permutations = 128;
/// LSH: 32 bands of 3 rows over the first 96 values (issue 6 measured 32 bands of 4). A pair
/// with Jaccard J shares at least one band with probability 1 - (1 - J^3)^32: 0.986 at
/// J = 0.5, 1.00 from 0.6 on, 0.031 at 0.1, 0.004 at 0.05. With 4 rows it was 0.87 at J = 0.5,
/// and the half-length excerpts (J about 0.5) are exactly what that lost: the quality test
/// (tests/unit/dedup/dedup_quality_test.cpp) found 96.4 % of its grouped copies through a shared
/// band with 4 rows and finds 99.3 % with 3, for the same 32 stored keys per article. The price
/// is more candidates per lookup among unrelated articles (J^3 instead of J^4), which
/// bench/dedup_bench.cpp measures at 1,000,000 articles.
inline constexpr std::size_t k_bands = 32;
inline constexpr std::size_t k_rows = 3;
static_assert(k_bands * k_rows <= k_permutations);

/// Fewer distinct shingles than this (about 20 words or 23 CJK characters) make no
/// fingerprint: on so little text a shared phrase or a template line decides the score.
inline constexpr std::uint32_t k_min_shingles = 20;

/// One minimum per hash function. 32-bit values: half the storage of 64-bit ones (512 bytes
/// per article) and an accidental equal minimum between unrelated sets has probability about
/// 2^-32 per slot, far below the 1/128 resolution of the estimate.
using Signature = std::array<std::uint32_t, k_permutations>;

/// What the store keeps per article: the signature and the number of distinct shingles it was
/// computed from (containment needs the set sizes, which a signature alone does not give).
struct Fingerprint {
    Signature signature{};
    std::uint32_t shingles = 0;
};

/// The fingerprint of an article body. Pass the body with attribution lines removed
/// (strip_attribution in provenance.hpp) so copies that credit differently still match.
/// Text is folded per character (case, width, diacritics: text::fold); CJK characters form
/// 4-character shingles over the CJK characters in order (whitespace, punctuation and Latin words
/// between them skipped); other letters and digits form words, and 3 consecutive words form a
/// shingle. Mixed text yields both kinds. Returns nothing when the body has fewer than
/// k_min_shingles distinct shingles.
std::optional<Fingerprint> minhash(std::string_view body);

/// Estimated Jaccard similarity |A∩B| / |A∪B| of the two shingle sets: the fraction of equal
/// slots, in steps of 1/128 (standard error sqrt(J(1-J)/128), 0.044 at J = 0.5).
double jaccard_estimate(const Signature& a, const Signature& b);

/// Estimated containment |A∩B| / min(|A|, |B|) of the smaller set in the larger, in [0, 1].
/// From J = |A∩B| / (|A| + |B| - |A∩B|) follows |A∩B| = J (|A| + |B|) / (1 + J), so
/// C = J (|A| + |B|) / ((1 + J) min(|A|, |B|)). The error of J is multiplied by
/// (|A| + |B|) / min(|A|, |B|): the estimate is only as good as the sizes are alike
/// (judge() ignores it below a Jaccard floor). 0 when either set is empty.
double containment_estimate(const Fingerprint& a, const Fingerprint& b);

/// The k_bands LSH keys of a signature: band b's 4 values hashed, with b in the top bits
/// (b << 58 | 58-bit hash), so one indexed column holds every band and equal keys mean equal
/// band index and (up to a 2^-58 collision) equal rows. Every key is below 2^63, so it fits a
/// non-negative SQLite INTEGER.
std::array<std::uint64_t, k_bands> lsh_bands(const Signature& sig);

/// The signature as 512 bytes, each value little-endian, for a BLOB column.
std::string encode_signature(const Signature& sig);

/// Reads encode_signature's bytes back; nothing when `bytes` is not exactly 512 bytes long.
std::optional<Signature> decode_signature(std::string_view bytes);

}  // namespace dossier::dedup
