// CVE ids: a scan over folded code points (no regex; this runs on every stored article).
#include "dossier/store/cve_ids.hpp"

#include <algorithm>

#include "dossier/text/unicode.hpp"

namespace dossier::store {

namespace {

constexpr std::size_t k_max_sequence_digits = 19;
constexpr int k_min_year = 1999;  // the first CVE ids were issued in 1999
constexpr int k_max_year = 2099;

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_alnum(char32_t c) { return is_digit(c) || (c >= U'a' && c <= U'z'); }

/// Case and width folded (text::fold), with every Unicode dash read as '-'.
char32_t fold_for_id(char32_t cp) {
    switch (cp) {
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        case 0x2212: case 0xFE63: case 0xFF0D: return U'-';
        default: return text::fold(cp);
    }
}

std::vector<char32_t> folded(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) out.push_back(fold_for_id(text::next_codepoint(text, i)));
    return out;
}

/// The id starting at cps[i] ("cve-YYYY-NNNN..."), canonical, and its length; empty when none.
std::optional<std::string> id_at(const std::vector<char32_t>& cps, std::size_t i, std::size_t& length) {
    const std::size_t n = cps.size();
    if (i + 13 > n || cps[i] != U'c' || cps[i + 1] != U'v' || cps[i + 2] != U'e' || cps[i + 3] != U'-') return {};
    if (i > 0 && is_alnum(cps[i - 1])) return {};
    int year = 0;
    for (std::size_t k = i + 4; k < i + 8; ++k) {
        if (!is_digit(cps[k])) return {};
        year = year * 10 + static_cast<int>(cps[k] - U'0');
    }
    if (year < k_min_year || year > k_max_year || cps[i + 8] != U'-') return {};
    std::size_t end = i + 9;
    while (end < n && is_digit(cps[end])) ++end;
    const std::size_t digits = end - (i + 9);
    if (digits < 4 || digits > k_max_sequence_digits || (end < n && is_alnum(cps[end]))) return {};
    std::string id = "CVE-" + std::to_string(year) + "-";
    for (std::size_t k = i + 9; k < end; ++k) id.push_back(static_cast<char>(cps[k]));
    length = end - i;
    return id;
}

/// Byte offsets where an id may start: 'c', 'C', or full-width 'ｃ' / 'Ｃ' (EF BD 83 / EF BC A3).
/// Most text has few, so only the code points around them are decoded and folded.
bool may_start_id(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == 'c' || c == 'C') return true;
    if (c != '\xEF' || i + 2 >= text.size()) return false;
    return (text[i + 1] == '\xBD' && text[i + 2] == '\x83') || (text[i + 1] == '\xBC' && text[i + 2] == '\xA3');
}

/// The start of the code point before byte `i` (UTF-8 continuation bytes are 10xxxxxx).
std::size_t previous_start(std::string_view text, std::size_t i) {
    std::size_t k = i - 1;
    while (k > 0 && i - k < 4 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
    return k;
}

}  // namespace

std::optional<std::string> normalize_cve_id(std::string_view text) {
    const auto cps = folded(text);
    std::size_t length = 0;
    auto id = id_at(cps, 0, length);
    if (!id || length != cps.size()) return {};
    return id;
}

std::vector<std::string> find_cve_ids(std::string_view text) {
    // An id is at most 32 code points ("cve-YYYY-" + 19 digits + the boundary); 40 leave room.
    constexpr std::size_t k_window = 40;
    std::vector<std::string> out;
    std::vector<char32_t> window;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!may_start_id(text, i)) continue;
        window.clear();
        const bool has_previous = i > 0;
        std::size_t j = has_previous ? previous_start(text, i) : i;
        while (j < text.size() && window.size() < k_window) window.push_back(fold_for_id(text::next_codepoint(text, j)));
        std::size_t length = 0;
        auto id = id_at(window, has_previous ? 1 : 0, length);
        if (!id) continue;
        if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(std::move(*id));
    }
    return out;
}

}  // namespace dossier::store
