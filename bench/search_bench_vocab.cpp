// Builds the generator's vocabularies (search_bench_vocab.hpp). The Chinese one takes its
// middle ranks from real Chinese text in tests/fixtures, so its characters and bigrams have
// the frequencies of real pages rather than of a uniform draw.
#include "search_bench_vocab.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace dossier::bench {
namespace {

namespace fs = std::filesystem;

// Pages of tests/fixtures/pages with real simplified-Chinese text (rd-pixnet is traditional
// Chinese, the Japanese pages mix in kana: both left out); missing ones are skipped.
constexpr const char* k_zh_pages[] = {"rd-gmw", "rd-youth", "rd-qq", "csdn-1", "anquanke-1"};
constexpr std::uint64_t k_vocab_seed = 0xD055'1E55'0000'0005ULL;

/// Collects distinct words in the order they are first added.
class RankBuilder {
public:
    void add(const std::string& w) {
        if (!w.empty() && m_seen.insert(w).second) m_words.push_back(w);
    }
    std::size_t size() const { return m_words.size(); }
    std::vector<std::string> take() { return std::move(m_words); }

private:
    std::vector<std::string> m_words;
    std::unordered_set<std::string> m_seen;
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// `html` without the contents of <script> and <style> elements (their Chinese is font names).
std::string strip_code(const std::string& html) {
    std::string out;
    std::size_t pos = 0;
    while (pos < html.size()) {
        const std::size_t s1 = html.find("<script", pos), s2 = html.find("<style", pos);
        const std::size_t start = std::min(s1, s2);
        if (start == std::string::npos) break;
        out.append(html, pos, start - pos);
        const std::size_t end = html.find(start == s1 ? "</script>" : "</style>", start);
        if (end == std::string::npos) return out;
        pos = end + 8;
    }
    if (pos < html.size()) out.append(html, pos);
    return out;
}

struct HanCounts {
    std::unordered_map<std::string, std::size_t> chars, grams;
    std::size_t total_chars = 0;
};

/// Counts the Han characters of `text` and its 2-, 3- and 4-character substrings inside runs.
void count_han(const std::string& text, HanCounts& counts) {
    std::vector<std::string> run;
    auto flush = [&] {
        for (std::size_t i = 0; i < run.size(); ++i) {
            std::string gram = run[i];
            for (std::size_t n = 2; n <= 4 && i + n <= run.size(); ++n) {
                gram += run[i + n - 1];
                ++counts.grams[gram];
            }
        }
        run.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        if (is_han(next_code_point(text, i))) {
            run.push_back(text.substr(start, i - start));
            ++counts.chars[run.back()];
            ++counts.total_chars;
        } else {
            flush();
        }
    }
    flush();
}

/// Keys of `m` with count >= min_count (2-character keys: any count), most frequent first.
std::vector<std::string> by_frequency(const std::unordered_map<std::string, std::size_t>& m, std::size_t min_count) {
    std::vector<std::pair<std::string, std::size_t>> v;
    for (const auto& [k, n] : m)
        if (n >= min_count || k.size() <= 6) v.emplace_back(k, n);
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
        return a.first < b.first;
    });
    std::vector<std::string> out;
    out.reserve(v.size());
    for (auto& [k, n] : v) out.push_back(std::move(k));
    return out;
}

/// The first ranks: `head` words of `first`, then `first` and `second` interleaved 1:2.
void interleave(RankBuilder& rb, const std::vector<std::string>& first, const std::vector<std::string>& second,
                std::size_t head) {
    std::size_t i = 0, j = 0;
    for (; i < std::min(head, first.size()); ++i) rb.add(first[i]);
    while (i < first.size() || j < second.size()) {
        if (i < first.size()) rb.add(first[i++]);
        for (int k = 0; k < 2 && j < second.size(); ++k) rb.add(second[j++]);
    }
}

/// The UTF-8 encoding of a code point in the Basic Multilingual Plane above U+07FF.
std::string utf8(char32_t c) {
    return {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
            static_cast<char>(0x80 | (c & 0x3F))};
}

void finish(Vocabulary& v, RankBuilder& rb) {
    v.words = rb.take();
    v.zipf = Zipf(v.words.size(), 1.0);
}

Vocabulary build_zh(const WordLists& lists, const HanCounts& counts, const std::vector<std::string>& chars,
                    std::size_t size) {
    Vocabulary v;
    RankBuilder rb;
    interleave(rb, lists.zh_function, lists.zh_security, 12);
    v.hand_written = rb.size();
    for (const std::string& g : by_frequency(counts.grams, 2)) {
        if (rb.size() >= size * 3 / 4) break;
        rb.add(g);
    }
    v.from_fixtures = rb.size() - v.hand_written;
    Rng rng(k_vocab_seed);
    const Zipf char_zipf(chars.size(), 0.9);
    // Combinations of the fixtures' characters; in the last quarter of the ranks one character
    // of each word is any of the 20,902 CJK Unified Ideographs of Unicode 1.1, the rare
    // characters (names, transliterations) that real text also has.
    while (rb.size() < size) {
        const std::size_t len = std::size_t{2} + (rng.chance(0.3) ? 1u : 0u) + (rng.chance(0.1) ? 1u : 0u);
        const std::size_t rare_at = rb.size() >= size * 3 / 4 ? rng.below(len) : len;
        std::string w;
        for (std::size_t k = 0; k < len; ++k)
            w += k == rare_at ? utf8(static_cast<char32_t>(0x4E00 + rng.below(0x9FA6 - 0x4E00))) : chars[char_zipf(rng)];
        rb.add(w);
    }
    finish(v, rb);
    return v;
}

/// A pronounceable nonsense word of 2-4 syllables ("dravolent").
std::string nonsense_word(Rng& rng) {
    static constexpr const char* onsets[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r",
                                             "s", "t", "v", "w", "z", "bl", "br", "cr", "dr", "fl", "fr", "gr",
                                             "pl", "pr", "sc", "sk", "sl", "sp", "st", "tr", "th", "sh", "ch"};
    static constexpr const char* vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"};
    static constexpr const char* codas[] = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "x"};
    std::string w;
    const std::size_t syllables = 2 + rng.below(3);
    for (std::size_t k = 0; k < syllables; ++k) {
        w += onsets[rng.below(std::size(onsets))];
        w += vowels[rng.below(std::size(vowels))];
        w += codas[rng.below(std::size(codas))];
    }
    return w;
}

Vocabulary build_en(const WordLists& lists, std::size_t size) {
    Vocabulary v;
    RankBuilder rb;
    std::vector<std::string> security = lists.en_security;
    // A phrase every 12th security rank, so "remote code execution" is common but not top.
    for (std::size_t k = 0; k < lists.en_phrases.size(); ++k)
        security.insert(security.begin() + static_cast<std::ptrdiff_t>(std::min(security.size(), 6 + 12 * k)),
                        lists.en_phrases[k]);
    interleave(rb, lists.en_common, security, 40);
    v.hand_written = rb.size();
    Rng rng(k_vocab_seed + 1);
    while (rb.size() < size) rb.add(nonsense_word(rng));
    finish(v, rb);
    return v;
}

}  // namespace

char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = len == 1 ? b0 : (b0 & (0x7Fu >> len));
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (b & 0x3Fu);
    }
    i += len;
    return c;
}

core::Result<Vocabularies> build_vocabularies(const fs::path& fixtures, std::size_t size) {
    Vocabularies v;
    v.lists = word_lists();
    HanCounts counts;
    for (const char* page : k_zh_pages) {
        for (const char* name : {"source.html", "expected.txt"}) {
            const fs::path p = fixtures / "pages" / page / name;
            if (!fs::exists(p)) continue;
            const std::size_t before = counts.total_chars;
            count_han(strip_code(read_file(p)), counts);
            if (counts.total_chars > before) ++v.zh_fixture_files;
        }
    }
    v.zh_fixture_chars = counts.total_chars;
    if (counts.total_chars < 5000)
        return core::fail("bench: only " + std::to_string(counts.total_chars) +
                          " Han characters in the Chinese fixture pages under " + fixtures.string());
    v.zh_chars = by_frequency(counts.chars, 1);
    v.zh = build_zh(v.lists, counts, v.zh_chars, size);
    v.en = build_en(v.lists, size);
    return v;
}

}  // namespace dossier::bench
