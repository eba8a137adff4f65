#pragma once
// Private to extract/: measuring and tidying short texts (titles, names, paragraphs).
#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::extract::detail {

/// Whitespace runs (ASCII, U+00A0, U+3000) collapsed to one space; trimmed.
std::string collapse_ws(std::string_view s);

/// Code points, with Han/kana/Hangul counted `cjk_weight` times.
std::size_t weighted_length(std::string_view s, std::size_t cjk_weight);

/// Commas of Latin and CJK text: ',' '，' '、' '。' (a CJK full stop ends clauses as often as
/// a Latin comma does, so prose in Chinese gets comparable votes).
std::size_t count_commas(std::string_view s);

/// What collapse_ws(s) would measure, without building it: weighted_length of the collapsed
/// text, count_commas of it, and whether it is non-empty. One pass, no allocation.
struct Measure {
    std::size_t length = 0;
    std::size_t commas = 0;
    bool empty = true;
};
Measure measure_collapsed(std::string_view s, std::size_t cjk_weight);

/// The share of Han, kana and Hangul among the letters of `s` (0 when there are none).
double cjk_share(std::string_view s);

/// True when `s` contains Hiragana or Katakana.
bool has_kana(std::string_view s);

/// True when `s` contains Hangul syllables.
bool has_hangul(std::string_view s);

/// At most `max` code points of `s` (never cuts a UTF-8 sequence).
std::string truncate_codepoints(std::string_view s, std::size_t max);

/// Decodes HTML character references in text that was not parsed as HTML (JSON-LD strings
/// often carry "&#8216;" or "&amp;"): numeric ones and the common named ones. Unknown
/// references are kept as written.
std::string decode_entities(std::string_view s);

/// `s` without soft hyphens (U+00AD), zero-width spaces (U+200B), word joiners (U+2060) and
/// stray byte order marks (U+FEFF): invisible, but they split words for search and dedup.
std::string drop_invisible(std::string_view s);

/// ASCII-case-insensitive substring search.
bool icontains(std::string_view haystack, std::string_view needle);

}  // namespace dossier::extract::detail
