#pragma once
// Unicode helpers on UTF-8 text: code point iteration, character classes for tokenizing,
// folding (case, width, diacritics) and NFKC case-folded normalization. ICU stays inside text/.
#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::text {

/// Decodes the code point starting at s[i] and advances i past it. An invalid or truncated
/// sequence yields U+FFFD and advances by one byte, so iteration always terminates.
char32_t next_codepoint(std::string_view s, std::size_t& i) noexcept;

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

/// Replaces each ill-formed sequence of `s` with U+FFFD, in place; returns true when it
/// replaced anything. One pass over valid text, which it leaves untouched.
bool repair_utf8(std::string& s);

/// Han ideographs, Hiragana, Katakana, Bopomofo and Hangul: scripts written without spaces,
/// which the search tokenizer splits into overlapping bigrams.
bool is_cjk(char32_t cp) noexcept;

/// Letters, digits and combining marks (Unicode general categories L*, N*, M*), the
/// characters unicode61 keeps inside a token.
bool is_token_char(char32_t cp) noexcept;

/// Private-use code points (icon-font glyphs), which never belong in article text.
bool is_private_use(char32_t cp) noexcept;

/// Folds one code point for matching: case-folded, full-width and compatibility forms mapped
/// to their plain form (ＣＶＥ -> cve), diacritics removed (é -> e) as unicode61 does.
/// Returns 0 when the code point folds to nothing (a lone combining mark).
char32_t fold(char32_t cp) noexcept;

/// NFKC with case folding (ICU nfkc_cf) of the whole text; invalid UTF-8 becomes U+FFFD.
std::string nfkc_casefold(std::string_view s);

/// Removes private-use code points and C0/C1 controls other than tab and newline.
std::string strip_private_use(std::string_view s);

}  // namespace dossier::text
