#pragma once
// Vocabularies of the search benchmark's generator. Each is a list of words in rank order
// (most frequent first) with a Zipf sampler over it: hand-written words take the first ranks,
// then (Chinese) 2-4-character strings that occur in the real Chinese pages of tests/fixtures,
// then a synthetic long tail (English: pronounceable nonsense words; Chinese: combinations of
// the fixtures' characters, drawn by their frequency). Independent of --seed, so the query set
// is the same for every archive.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "dossier/core/result.hpp"
#include "search_bench_rng.hpp"

namespace dossier::bench {

/// The hand-written lists (search_bench_words.cpp).
struct WordLists {
    std::vector<std::string> en_common;    ///< general English, most frequent first
    std::vector<std::string> en_security;  ///< security words
    std::vector<std::string> en_phrases;   ///< multi-word security phrases ("remote code execution")
    std::vector<std::string> zh_function;  ///< frequent Chinese function words and characters
    std::vector<std::string> zh_security;  ///< Chinese security words (漏洞, 勒索, 供应链 ...)
    std::vector<std::string> products;     ///< Notepad++, FortiOS, .NET, C# ...
    std::vector<std::string> zh_sources, en_sources;
    std::vector<std::string> tags;
};

/// Returns the hand-written lists.
WordLists word_lists();

struct Vocabulary {
    std::vector<std::string> words;  ///< rank order, most frequent first
    Zipf zipf;                       ///< exponent 1 over `words`
    std::size_t hand_written = 0;    ///< the first ranks that come from WordLists
    std::size_t from_fixtures = 0;   ///< the next ranks that come from fixture text (Chinese)
    const std::string& draw(Rng& rng) const { return words[zipf(rng)]; }
};

struct Vocabularies {
    WordLists lists;
    Vocabulary zh, en;
    std::size_t zh_fixture_files = 0;   ///< fixture files that gave Chinese text
    std::size_t zh_fixture_chars = 0;   ///< Han characters read from them
    std::vector<std::string> zh_chars;  ///< distinct Han characters, most frequent first
};

/// Builds both vocabularies with `size` words each, the Chinese one from the real Chinese pages
/// under `fixtures` (tests/fixtures). Fails when those pages give fewer than 5,000 Han characters.
core::Result<Vocabularies> build_vocabularies(const std::filesystem::path& fixtures, std::size_t size);

/// Decodes one UTF-8 code point at `i` of `s` and advances `i`; returns 0xFFFD for a bad byte.
char32_t next_code_point(const std::string& s, std::size_t& i);

/// True for a CJK Unified Ideograph (basic block and extension A).
inline bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

}  // namespace dossier::bench
