// Finding a declared charset without decoding: the Content-Type parameter (RFC 9110
// section 8.3), the XML declaration (XML 1.0 section 4.3.3) and the HTML prescan
// (WHATWG HTML section 13.2.3.2 "prescan a byte stream to determine its encoding").
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/strings.hpp"
#include "dossier/text/charset.hpp"

namespace dossier::text {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

struct Attribute {
    std::string name;  // lower-case
    std::string value;
};

/// HTML 13.2.3.2 "get an attribute": reads one attribute at s[i], advancing i. Nothing at '>'
/// or at the end of the window.
std::optional<Attribute> get_attribute(std::string_view s, std::size_t& i) {
    while (i < s.size() && (is_ws(s[i]) || s[i] == '/')) ++i;
    if (i >= s.size() || s[i] == '>') return std::nullopt;
    Attribute a;
    // The name runs to '=', whitespace, '/' or '>'; a leading '=' belongs to the name.
    do {
        a.name.push_back(lower(s[i]));
        ++i;
    } while (i < s.size() && s[i] != '=' && !is_ws(s[i]) && s[i] != '/' && s[i] != '>');
    while (i < s.size() && is_ws(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') return a;
    ++i;
    while (i < s.size() && is_ws(s[i])) ++i;
    if (i >= s.size()) return a;
    if (s[i] == '"' || s[i] == '\'') {
        const char quote = s[i++];
        const std::size_t end = s.find(quote, i);
        if (end == std::string_view::npos) {
            i = s.size();
            return std::nullopt;  // value runs past the window: not a usable declaration
        }
        for (std::size_t k = i; k < end; ++k) a.value.push_back(lower(s[k]));
        i = end + 1;
        return a;
    }
    while (i < s.size() && !is_ws(s[i]) && s[i] != '>') a.value.push_back(lower(s[i++]));
    return a;
}

/// WHATWG HTML "algorithm for extracting a character encoding from a meta element": the value after
/// "charset" [ws] "=" [ws] in a content attribute, quoted or up to ';' / whitespace.
std::optional<std::string> charset_from_meta_content(std::string_view c) {
    std::size_t pos = 0;
    for (;;) {
        pos = c.find("charset", pos);
        if (pos == std::string_view::npos) return std::nullopt;
        std::size_t i = pos + 7;
        while (i < c.size() && is_ws(c[i])) ++i;
        if (i >= c.size() || c[i] != '=') {
            pos = i;
            continue;
        }
        ++i;
        while (i < c.size() && is_ws(c[i])) ++i;
        if (i >= c.size()) return std::nullopt;
        if (c[i] == '"' || c[i] == '\'') {
            const char quote = c[i++];
            const std::size_t end = c.find(quote, i);
            if (end == std::string_view::npos) return std::nullopt;
            return std::string(c.substr(i, end - i));
        }
        std::size_t end = i;
        while (end < c.size() && !is_ws(c[end]) && c[end] != ';') ++end;
        if (end == i) return std::nullopt;
        return std::string(c.substr(i, end - i));
    }
}

/// The attributes of one <meta> at s[i] (just past "<meta"), per the prescan's meta steps.
std::optional<std::string> meta_charset(std::string_view s, std::size_t& i) {
    bool got_pragma = false;
    int need_pragma = -1;  // -1 null, 0 false, 1 true
    std::optional<std::string> charset;
    std::string seen;  // names already processed, '\n'-separated (duplicates are ignored)
    while (auto a = get_attribute(s, i)) {
        const std::string key = "\n" + a->name + "\n";
        if (seen.find(key) != std::string::npos) continue;
        seen += key;
        if (a->name == "http-equiv") {
            got_pragma = got_pragma || a->value == "content-type";
        } else if (a->name == "content" && !charset) {
            if (auto c = charset_from_meta_content(a->value)) {
                charset = std::move(c);
                need_pragma = 1;
            }
        } else if (a->name == "charset") {
            charset = a->value;
            need_pragma = 0;
        }
    }
    if (need_pragma < 0 || (need_pragma == 1 && !got_pragma) || !charset) return std::nullopt;
    const std::string label(core::trim(*charset));
    if (label.empty()) return std::nullopt;
    // A page cannot declare UTF-16 from inside itself: its markup was readable as ASCII.
    if (core::istarts_with(label, "utf-16")) return std::string("utf-8");
    return label;
}

/// XML 1.0 section 2.8/4.3.3: <?xml version="1.0" encoding="..."?> at the very start.
std::optional<std::string> xml_declared_encoding(std::string_view s) {
    if (!core::istarts_with(s, "<?xml") || s.size() < 6 || !is_ws(s[5])) return std::nullopt;
    const std::size_t end = s.find("?>");
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view decl = s.substr(0, end);
    std::size_t i = 5;
    while (auto a = get_attribute(decl, i))
        if (a->name == "encoding" && !a->value.empty()) return a->value;
    return std::nullopt;
}

/// Skips a tag that is not <meta> (s[i] is '<'): its name, then its attributes.
void skip_tag(std::string_view s, std::size_t& i) {
    while (i < s.size() && !is_ws(s[i]) && s[i] != '>') ++i;
    while (get_attribute(s, i)) {
    }
    if (i < s.size()) ++i;
}

}  // namespace

std::optional<std::string> charset_from_content_type(std::string_view content_type) {
    auto params = core::split(content_type, ';');
    for (std::size_t k = 1; k < params.size(); ++k) {
        std::string_view p = core::trim(params[k]);
        const std::size_t eq = p.find('=');
        if (eq == std::string_view::npos || !core::iequals(core::trim(p.substr(0, eq)), "charset")) continue;
        std::string_view v = core::trim(p.substr(eq + 1));
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
            v = core::trim(v.substr(1, v.size() - 2));
        if (v.empty()) return std::nullopt;
        return std::string(v);
    }
    return std::nullopt;
}

std::optional<std::string> prescan_charset(std::string_view bytes, std::size_t window) {
    const std::string_view s = bytes.substr(0, window);
    if (auto xml = xml_declared_encoding(s)) return xml;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '<') {
            ++i;
            continue;
        }
        std::string_view rest = s.substr(i);
        if (rest.substr(0, 4) == "<!--") {
            // "<!-->" closes itself: the "-->" search starts inside the opener.
            const std::size_t end = s.find("-->", i + 2);
            if (end == std::string_view::npos) return std::nullopt;
            i = end + 3;
        } else if (rest.size() > 5 && core::istarts_with(rest, "<meta") && (is_ws(rest[5]) || rest[5] == '/')) {
            i += 5;
            if (auto c = meta_charset(s, i)) return c;
        } else if (rest.size() > 1 && (is_alpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && is_alpha(rest[2])))) {
            skip_tag(s, i);
        } else if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '/' || rest[1] == '?')) {
            const std::size_t end = s.find('>', i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            i = end + 1;
        } else {
            ++i;
        }
    }
    return std::nullopt;
}

}  // namespace dossier::text
