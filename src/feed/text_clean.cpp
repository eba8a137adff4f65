// Plain-text cleanup of feed titles and names. RSS 2.0 does not say whether <title> may carry
// HTML, and publishers escape it once, twice or not at all ("&amp;#8217;", "&lt;b&gt;"), so
// RSS-like titles get a second, HTML-level decoding; Atom says exactly what its text is
// (RFC 4287 section 3.1), so Atom titles are read by their type attribute.
#include "text_clean.hpp"

#include <libxml/HTMLparser.h>

#include <array>

namespace dossier::feed::detail {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// HTML Living Standard, "numeric character reference end state": references to 0x80-0x9F
/// mean the windows-1252 characters that legacy pages meant by them.
constexpr std::array<unsigned short, 32> k_c1_as_cp1252{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/// Decodes the reference starting at s[i] == '&'; returns its length, or 0 when it is none.
std::size_t decode_reference(std::string_view s, std::size_t i, std::string& out) {
    std::size_t j = i + 1;
    unsigned long code = 0;
    if (j < s.size() && s[j] == '#') {
        ++j;
        const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        if (hex) ++j;
        const std::size_t start = j;
        while (j < s.size() && (hex ? is_hex(s[j]) : is_digit(s[j])) && j - start < 8) {
            const char c = lower(s[j]);
            code = code * (hex ? 16 : 10) + static_cast<unsigned long>(is_digit(c) ? c - '0' : c - 'a' + 10);
            ++j;
        }
        if (j == start || j >= s.size() || s[j] != ';') return 0;
        if (code >= 0x80 && code <= 0x9F) code = k_c1_as_cp1252[code - 0x80];
        append_utf8(out, code);
        return j + 1 - i;
    }
    const std::size_t start = j;
    while (j < s.size() && j - start < 32 && (is_alpha(s[j]) || (j > start && is_digit(s[j])))) ++j;
    if (j == start || j >= s.size() || s[j] != ';') return 0;
    const std::string name(s.substr(start, j - start));
    if (name == "apos") {
        out.push_back('\'');
    } else {
        const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
        if (e == nullptr) return 0;
        append_utf8(out, e->value);
    }
    return j + 1 - i;
}

/// If s[i] starts a tag ("<name ...>", "</name>"), returns its lower-case name and sets `end`
/// past the '>'; otherwise returns "".
std::string tag_at(std::string_view s, std::size_t i, std::size_t& end) {
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '/') ++j;
    std::string name;
    while (j < s.size() && (is_alpha(s[j]) || (!name.empty() && is_digit(s[j])))) name.push_back(lower(s[j++]));
    if (name.empty() || j >= s.size() || !(is_ascii_space(s[j]) || s[j] == '/' || s[j] == '>')) return {};
    char quote = 0;
    for (; j < s.size(); ++j) {
        if (quote != 0) {
            if (s[j] == quote) quote = 0;
        } else if (s[j] == '"' || s[j] == '\'') {
            quote = s[j];
        } else if (s[j] == '>') {
            end = j + 1;
            return name;
        }
    }
    return {};
}

bool breaks_line(std::string_view name) {
    static constexpr std::array<std::string_view, 14> k_breaks{"br", "p", "div", "li", "h1", "h2", "h3",
                                                              "h4", "h5", "h6", "tr", "td", "hr", "blockquote"};
    for (auto b : k_breaks)
        if (name == b) return true;
    return false;
}

bool is_inline_formatting(std::string_view name) {
    static constexpr std::array<std::string_view, 26> k_inline{
        "a",    "abbr", "b",     "big",  "br",   "cite",   "code", "del",  "em",  "font", "i",   "ins", "kbd",
        "mark", "q",    "s",     "small", "span", "strike", "strong", "sub", "sup", "tt",   "u",   "p",   "div"};
    for (auto n : k_inline)
        if (name == n) return true;
    return false;
}

std::string remove_tags(std::string_view s, bool all) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '<') {
            out.push_back(s[i++]);
            continue;
        }
        if (all && s.substr(i, 4) == "<!--") {
            const std::size_t end = s.find("-->", i + 4);
            i = end == std::string_view::npos ? s.size() : end + 3;
            continue;
        }
        std::size_t end = 0;
        const std::string name = tag_at(s, i, end);
        if (name.empty() || !(all || is_inline_formatting(name))) {
            out.push_back(s[i++]);
            continue;
        }
        if (breaks_line(name)) out.push_back(' ');
        i = end;
        if (all && (name == "script" || name == "style") && s[i - 2] != '/') {
            const std::size_t close = s.find("</" + name, i);  // lower-case only, as publishers write it
            i = close == std::string_view::npos ? s.size() : close;
        }
    }
    return out;
}

}  // namespace

void append_utf8(std::string& out, unsigned long c) {
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    const auto byte = [&](unsigned long v) { out.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
    if (c < 0x80) {
        byte(c);
    } else if (c < 0x800) {
        byte(0xC0 | (c >> 6));
        byte(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        byte(0xE0 | (c >> 12));
        byte(0x80 | ((c >> 6) & 0x3F));
        byte(0x80 | (c & 0x3F));
    } else {
        byte(0xF0 | (c >> 18));
        byte(0x80 | ((c >> 12) & 0x3F));
        byte(0x80 | ((c >> 6) & 0x3F));
        byte(0x80 | (c & 0x3F));
    }
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
        if (is_ascii_space(s[i]) || nbsp) {
            pending = !out.empty();
            i += nbsp ? 1 : 0;
            continue;
        }
        if (pending) out.push_back(' ');
        pending = false;
        out.push_back(s[i]);
    }
    return out;
}

std::string decode_entities(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = s[i] == '&' ? decode_reference(s, i, out) : 0;
        if (n == 0) out.push_back(s[i++]);
        i += n;
    }
    return out;
}

std::string strip_tags(std::string_view html) { return remove_tags(html, true); }

std::string strip_inline_tags(std::string_view s) { return remove_tags(s, false); }

std::string clean_title(std::string_view raw, TitleKind kind) {
    switch (kind) {
    case TitleKind::plain:
        return collapse_whitespace(raw);
    case TitleKind::loose:
        return collapse_whitespace(decode_entities(strip_inline_tags(raw)));
    case TitleKind::html:
        return collapse_whitespace(decode_entities(strip_tags(raw)));
    }
    return collapse_whitespace(raw);
}

std::string clean_name(std::string_view raw) { return collapse_whitespace(decode_entities(raw)); }

}  // namespace dossier::feed::detail
