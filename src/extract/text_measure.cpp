#include "text_measure.hpp"

#include <optional>

#include "dossier/core/strings.hpp"
#include "dossier/text/unicode.hpp"

namespace dossier::extract::detail {

namespace {
bool is_space_cp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0x200B || cp == 0xFEFF;
}
bool is_kana(char32_t cp) { return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF); }
bool is_hangul(char32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }
}  // namespace

std::string collapse_ws(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t cp = text::next_codepoint(s, i);
        if (is_space_cp(cp)) {
            space = true;
            continue;
        }
        if (cp == 0xAD) continue;  // soft hyphen: invisible
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.append(s.substr(start, i - start));
    }
    return out;
}

Measure measure_collapsed(std::string_view s, std::size_t cjk_weight) {
    // Mirrors collapse_ws + weighted_length + count_commas: a whitespace run between two kept
    // characters counts as one space; leading and trailing runs and soft hyphens count nothing.
    Measure m;
    bool space = false;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const auto b = static_cast<unsigned char>(s[i]);
        char32_t cp = b;
        std::size_t weight = 1;
        if (b < 0x80) {
            ++i;
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v') {
                space = true;
                continue;
            }
            if (b == ',') ++m.commas;
        } else {
            cp = text::next_codepoint(s, i);
            if (is_space_cp(cp)) {
                space = true;
                continue;
            }
            if (cp == 0xAD) continue;
            if (cp == 0xFF0C || cp == 0x3001 || cp == 0x3002) ++m.commas;
            if (text::is_cjk(cp)) weight = cjk_weight;
        }
        if (space && !m.empty) ++m.length;
        space = false;
        m.empty = false;
        m.length += weight;
    }
    return m;
}

std::size_t weighted_length(std::string_view s, std::size_t cjk_weight) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_codepoint(s, i);
        n += text::is_cjk(cp) ? cjk_weight : 1;
    }
    return n;
}

std::size_t count_commas(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_codepoint(s, i);
        if (cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x3002) ++n;
    }
    return n;
}

double cjk_share(std::string_view s) {
    std::size_t cjk = 0;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_codepoint(s, i);
        if (text::is_cjk(cp)) {
            ++cjk;
            ++letters;
        } else if (text::is_token_char(cp) && !(cp >= '0' && cp <= '9')) {
            ++letters;
        }
    }
    return letters == 0 ? 0.0 : static_cast<double>(cjk) / static_cast<double>(letters);
}

bool has_kana(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (is_kana(text::next_codepoint(s, i))) return true;
    return false;
}

bool has_hangul(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (is_hangul(text::next_codepoint(s, i))) return true;
    return false;
}

std::string truncate_codepoints(std::string_view s, std::size_t max) {
    std::size_t i = 0;
    for (std::size_t n = 0; n < max && i < s.size(); ++n) text::next_codepoint(s, i);
    return std::string(s.substr(0, i));
}

namespace {
struct Named {
    std::string_view name;
    char32_t cp;
};
constexpr Named k_named[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
                             {"apos", '\''},    {"nbsp", 0xA0},    {"hellip", 0x2026}, {"ndash", 0x2013},
                             {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
                             {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},    {"copy", 0xA9}};

std::optional<char32_t> reference_at(std::string_view s, std::size_t& i) {
    const std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) return std::nullopt;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return std::nullopt;
        for (char c : digits) {
            int d = -1;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            if (d < 0 || cp > 0x10FFFF) return std::nullopt;
            cp = cp * (hex ? 16u : 10u) + static_cast<char32_t>(d);
        }
    } else {
        bool found = false;
        for (const Named& n : k_named)
            if (body == n.name) {
                cp = n.cp;
                found = true;
            }
        if (!found) return std::nullopt;
    }
    i = semi + 1;
    return cp;
}
}  // namespace

std::string decode_entities(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '&')
            if (auto cp = reference_at(s, i)) {
                text::append_utf8(out, *cp);
                continue;
            }
        out.push_back(s[i++]);
    }
    return out;
}

std::string drop_invisible(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t cp = text::next_codepoint(s, i);
        if (cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) continue;
        out.append(s.substr(start, i - start));
    }
    return out;
}

bool icontains(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
        if (core::iequals(haystack.substr(i, needle.size()), needle)) return true;
    return false;
}

}  // namespace dossier::extract::detail
