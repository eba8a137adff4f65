// MinHash over shingles (Broder 1997), with one 64-bit hash per shingle and 128 cheap
// multiply-add-shift permutations of it, so a shingle is hashed once, not 128 times.
#include "dossier/dedup/minhash.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "dossier/text/unicode.hpp"

namespace dossier::dedup {

namespace {

/// splitmix64's finalizer: a fixed, well-mixing bijection on 64-bit values.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

constexpr std::uint64_t k_golden = 0x9E3779B97F4A7C15ULL;

/// h_i(x) = ((a_i x + b_i) mod 2^64) >> 32 for 32-bit x is Dietzfelbinger's multiply-add-shift
/// family, 2-independent; a_i odd. Fixed seeds: signatures must be the same on every machine
/// and in every run, because the store keeps them.
struct Permutations {
    std::array<std::uint64_t, k_permutations> a{};
    std::array<std::uint64_t, k_permutations> b{};
};

constexpr Permutations make_permutations() {
    Permutations p;
    std::uint64_t state = 0x646F737369657231ULL;  // "dossier1"
    for (std::size_t i = 0; i < k_permutations; ++i) {
        state += k_golden;
        p.a[i] = mix64(state) | 1U;
        state += k_golden;
        p.b[i] = mix64(state);
    }
    return p;
}

constexpr Permutations k_perm = make_permutations();


// Seeds that keep the two shingle kinds apart: a CJK 4-gram never equals a word 3-gram.
constexpr std::uint64_t k_cjk_seed = 0x636A6B34ULL;   // "cjk4"
constexpr std::uint64_t k_word_seed = 0x776F7264ULL;  // "word"

/// Turns folded characters into 32-bit shingle keys. Keeps the last 4 CJK characters and the
/// last 3 finished words as hashes in small rings, so no shingle allocates.
class Shingler {
public:
    explicit Shingler(std::vector<std::uint32_t>& out) : m_out(out) {}

    void add(char32_t cp) {
        if (text::is_cjk(cp)) {
            end_word();
            push_cjk(cp);
        } else if (text::is_token_char(cp)) {
            // FNV-1a over code points; the word is finished (and mixed) at its end.
            m_word = (m_word ^ cp) * 0x100000001B3ULL;
            m_in_word = true;
        } else {
            end_word();
        }
    }

    void finish() { end_word(); }

private:
    static constexpr std::uint64_t k_fnv_basis = 0xCBF29CE484222325ULL;

    void push_cjk(char32_t cp) {
        m_chars[m_char_count % 4] = mix64(cp + k_golden);
        ++m_char_count;
        if (m_char_count < 4) return;
        std::uint64_t h = k_cjk_seed;
        for (std::size_t k = m_char_count - 4; k < m_char_count; ++k) h = mix64(h ^ m_chars[k % 4]);
        emit(h);
    }

    void end_word() {
        if (!m_in_word) return;
        m_words[m_word_count % 3] = mix64(m_word);
        ++m_word_count;
        m_word = k_fnv_basis;
        m_in_word = false;
        if (m_word_count < 3) return;
        std::uint64_t h = k_word_seed;
        for (std::size_t k = m_word_count - 3; k < m_word_count; ++k) h = mix64(h ^ m_words[k % 3]);
        emit(h);
    }

    void emit(std::uint64_t h) { m_out.push_back(static_cast<std::uint32_t>(h >> 32)); }

    std::vector<std::uint32_t>& m_out;
    std::array<std::uint64_t, 4> m_chars{};
    std::array<std::uint64_t, 3> m_words{};
    std::size_t m_char_count = 0;
    std::size_t m_word_count = 0;
    std::uint64_t m_word = k_fnv_basis;
    bool m_in_word = false;
};

/// The distinct shingle keys of the body, sorted.
std::vector<std::uint32_t> shingle_keys(std::string_view body) {
    std::vector<std::uint32_t> keys;
    keys.reserve(body.size() / 3 + 4);
    Shingler shingler(keys);
    for (std::size_t i = 0; i < body.size();) {
        const char32_t cp = text::fold(text::next_codepoint(body, i));
        // fold() maps a lone combining mark to 0: it belongs to the letter before it.
        if (cp != 0) shingler.add(cp);
    }
    shingler.finish();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

Signature signature_of(const std::vector<std::uint32_t>& keys) {
    Signature sig;
    sig.fill(std::numeric_limits<std::uint32_t>::max());
    for (const std::uint32_t x : keys) {
        // The inner loop has no dependency between slots, so the compiler vectorizes it.
        for (std::size_t i = 0; i < k_permutations; ++i) {
            const auto h = static_cast<std::uint32_t>((k_perm.a[i] * x + k_perm.b[i]) >> 32);
            sig[i] = std::min(sig[i], h);
        }
    }
    return sig;
}

}  // namespace

std::optional<Fingerprint> minhash(std::string_view body) {
    const std::vector<std::uint32_t> keys = shingle_keys(body);
    if (keys.size() < k_min_shingles) return std::nullopt;
    Fingerprint fp;
    fp.signature = signature_of(keys);
    fp.shingles = static_cast<std::uint32_t>(keys.size());
    return fp;
}

double jaccard_estimate(const Signature& a, const Signature& b) {
    std::size_t equal = 0;
    for (std::size_t i = 0; i < k_permutations; ++i) equal += a[i] == b[i] ? 1U : 0U;
    return static_cast<double>(equal) / static_cast<double>(k_permutations);
}

double containment_estimate(const Fingerprint& a, const Fingerprint& b) {
    const double small = std::min(a.shingles, b.shingles);
    if (small <= 0.0) return 0.0;
    const double j = jaccard_estimate(a.signature, b.signature);
    const double sum = static_cast<double>(a.shingles) + static_cast<double>(b.shingles);
    return std::min(1.0, j * sum / ((1.0 + j) * small));
}

std::array<std::uint64_t, k_bands> lsh_bands(const Signature& sig) {
    std::array<std::uint64_t, k_bands> keys{};
    for (std::size_t band = 0; band < k_bands; ++band) {
        std::uint64_t h = mix64(band + k_golden);
        for (std::size_t r = 0; r < k_rows; ++r) h = mix64(h ^ sig[band * k_rows + r]);
        keys[band] = (std::uint64_t{band} << 58) | (h >> 6);
    }
    return keys;
}

std::string encode_signature(const Signature& sig) {
    std::string out;
    out.reserve(sig.size() * 4);
    for (const std::uint32_t v : sig) {
        for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((v >> shift) & 0xFFU));
    }
    return out;
}

std::optional<Signature> decode_signature(std::string_view bytes) {
    Signature sig{};
    if (bytes.size() != sig.size() * 4) return std::nullopt;
    for (std::size_t i = 0; i < sig.size(); ++i) {
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            v |= std::uint32_t{static_cast<unsigned char>(bytes[i * 4 + k])} << (8 * k);
        }
        sig[i] = v;
    }
    return sig;
}

}  // namespace dossier::dedup
