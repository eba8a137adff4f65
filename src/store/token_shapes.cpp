// Shapes of text the search tokenizer keeps whole. These scans run only where a token starts
// with a digit or "c", or at a token's edge, so plain words cost one byte comparison.
#include "token_shapes.hpp"

#include "dossier/text/unicode.hpp"

namespace dossier::store::detail {

namespace {

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

/// The folded code point at byte `i`, moving `i` past it; 0 at the end of the text.
char32_t folded_at(std::string_view s, std::size_t& i) {
    return i < s.size() ? text::fold(text::next_codepoint(s, i)) : 0;
}

/// Reads the digits at `i` (after folding: full-width digits count) into `out`, at most
/// `max` + 1 of them; returns how many it read.
int take_digits(std::string_view s, std::size_t& i, int max, std::string& out) {
    int digits = 0;
    while (digits <= max) {
        std::size_t next = i;
        const char32_t c = folded_at(s, next);
        if (!is_ascii_digit(c)) break;
        out.push_back(static_cast<char>(c));
        ++digits;
        i = next;
    }
    return digits;
}

/// Whether the character at `i` is `want` after folding, or any dash when `want` is '-'
/// (U+2010..U+2015 and U+2212, as normalize_cve_id reads them); moves `i` past it and
/// appends `want` to `out`.
bool take_separator(std::string_view s, std::size_t& i, char32_t want, std::string& out) {
    if (i >= s.size()) return false;
    const char32_t cp = text::next_codepoint(s, i);
    const bool dash = (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
    if (text::fold(cp) != want && !(want == '-' && dash)) return false;
    out.push_back(static_cast<char>(want));
    return true;
}

bool latin_at(std::string_view s, std::size_t i) {
    return i < s.size() && is_latin_token_char(text::next_codepoint(s, i));
}

}  // namespace

bool is_latin_token_char(char32_t cp) noexcept { return text::is_token_char(cp) && !text::is_cjk(text::fold(cp)); }

char32_t folded_before(std::string_view s, std::size_t& pos) noexcept {
    if (pos == 0) return 0;
    const auto last = static_cast<unsigned char>(s[pos - 1]);
    if (last < 0x80) {
        --pos;
        return text::fold(last);
    }
    std::size_t lead = pos - 1;
    while (lead > 0 && pos - lead < 4 && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
    std::size_t after = lead;
    const char32_t cp = text::next_codepoint(s, after);
    if (after != pos) {
        --pos;
        return 0xFFFD;
    }
    pos = lead;
    return text::fold(cp);
}

char32_t cjk_before(std::string_view s, std::size_t pos) noexcept {
    if (pos == 0 || static_cast<unsigned char>(s[pos - 1]) < 0x80) return 0;  // ASCII is never CJK
    const char32_t cp = folded_before(s, pos);
    return text::is_cjk(cp) ? cp : 0;
}

char32_t cjk_at(std::string_view s, std::size_t pos) noexcept {
    if (pos >= s.size() || static_cast<unsigned char>(s[pos]) < 0x80) return 0;
    const char32_t cp = text::fold(text::next_codepoint(s, pos));
    return text::is_cjk(cp) ? cp : 0;
}

std::string_view suffix_at(std::string_view s, std::size_t at, std::size_t& suffix_end) noexcept {
    if (at >= s.size()) return {};
    if (const auto byte = static_cast<unsigned char>(s[at]); byte < 0x80 && byte != '+' && byte != '#') return {};
    std::size_t i = at;
    const char32_t first = folded_at(s, i);
    if (first == '+') {
        if (folded_at(s, i) != '+') return {};
        suffix_end = i;
        return "++";
    }
    if (first != '#') return {};
    suffix_end = i;
    // "C#" but not "issue#123" or "page#section".
    return latin_at(s, i) ? std::string_view() : std::string_view("#");
}

bool scan_ipv4(std::string_view s, std::size_t start, std::string& whole, std::size_t& end) {
    constexpr int k_group_digits = 3;
    whole.clear();
    std::size_t i = start;
    for (int group = 0; group < 4; ++group) {
        if (group > 0 && !take_separator(s, i, '.', whole)) return false;
        const int digits = take_digits(s, i, k_group_digits, whole);
        if (digits == 0 || digits > k_group_digits) return false;
    }
    end = i;
    if (latin_at(s, i)) return false;
    std::size_t after = i;
    return !(folded_at(s, after) == '.' && latin_at(s, after));
}

bool scan_cve(std::string_view s, std::size_t start, std::string& whole, std::size_t& end) {
    constexpr int k_max_digits = 64;
    constexpr std::size_t k_shortest = 13;  // "cve-2025-1234" in ASCII; other forms are longer
    if (s.size() - start < k_shortest) return false;
    std::size_t i = start;
    if (folded_at(s, i) != 'c' || folded_at(s, i) != 'v' || folded_at(s, i) != 'e') return false;
    whole = "cve";
    if (!take_separator(s, i, '-', whole) || take_digits(s, i, 4, whole) != 4) return false;
    if (!take_separator(s, i, '-', whole)) return false;
    const int digits = take_digits(s, i, k_max_digits, whole);
    if (digits < 4 || digits > k_max_digits) return false;
    end = i;
    return !latin_at(s, i);
}

}  // namespace dossier::store::detail
