#pragma once
// Shapes of text the search tokenizer keeps whole (docs/search.md, "Tokenizer"): the C++/C#
// suffix, IPv4 addresses and CVE ids, and the look-around the tokenizer needs for them and
// for CJK glue. All positions are byte offsets into UTF-8 text; every character is read
// folded (text::fold), so full-width and upper-case forms have the same shape.
#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::store::detail {

/// A letter, digit or mark that is not CJK: a character of a unicode61-style token.
bool is_latin_token_char(char32_t cp) noexcept;

/// The folded code point that ends at byte `pos` of `s` (0 at the start of the text), moving
/// `pos` to its first byte. A broken sequence reads as U+FFFD.
char32_t folded_before(std::string_view s, std::size_t& pos) noexcept;

/// The folded CJK character that ends at byte `pos` / starts at byte `pos` of `s`; 0 when
/// there is none (another character, or the edge of the text).
char32_t cjk_before(std::string_view s, std::size_t pos) noexcept;
char32_t cjk_at(std::string_view s, std::size_t pos) noexcept;

/// The "++" or "#" at byte `at` that makes "C++" / "C#" a token of its own ("" when none;
/// "issue#123" has none), and in `suffix_end` where it ends.
std::string_view suffix_at(std::string_view s, std::size_t at, std::size_t& suffix_end) noexcept;

/// An IPv4 address starting at byte `start`: four groups of 1-3 digits joined by dots,
/// followed neither by a letter or digit nor by a '.' and a letter or digit (so
/// 192.168.1.1.5 and 192.168.1.1a are not addresses; "192.168.1.1." ending a sentence is).
/// The caller checks what comes before. On success the folded text ("192.168.1.1") is in
/// `whole` and the end in `end`.
bool scan_ipv4(std::string_view s, std::size_t start, std::string& whole, std::size_t& end);

/// A CVE id starting at byte `start`: "CVE", a dash, 4 digits, a dash, 4 or more digits, and
/// no letter or digit after it (the shape normalize_cve_id accepts, any year; every Unicode
/// dash counts). On success the folded text ("cve-2025-59934") is in `whole`.
bool scan_cve(std::string_view s, std::size_t start, std::string& whole, std::size_t& end);

}  // namespace dossier::store::detail
