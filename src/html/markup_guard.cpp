// The depth estimate exists because Gumbo 0.10 (Debian 12) has no tree-depth limit: for most
// start tags it scans the whole stack of open elements, so 100,000 nested <div>s take minutes,
// and its error records copy that stack. Counting tags first is linear and lets parse() refuse
// such input before Gumbo sees it. Tokenizing follows WHATWG HTML 13.2.5 only as far as needed
// to find tag boundaries.
#include "markup_guard.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace dossier::html::detail {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Void elements (HTML 13.1.2) and elements whose end tag may be omitted because the next
// sibling closes them (HTML 13.1.2.4): they do not make the tree deeper when left open.
constexpr auto k_flat = std::to_array<std::string_view>(
    {"area",   "base",  "br",  "col",    "embed",    "hr",       "img",     "input", "link",  "meta",
     "source", "track", "wbr", "param",  "keygen",   "basefont", "bgsound", "frame", "image", "p",
     "li",     "dt",    "dd",  "option", "optgroup", "tr",       "td",      "th",    "thead", "tbody",
     "tfoot",  "rb",    "rt",  "rp",     "rtc",      "colgroup", "caption", "html"});

// Elements whose content is not markup (HTML 13.1.2.1 raw text and escapable raw text).
// Not noscript: Gumbo parses without scripting, so its content is markup. The skip ends at the
// first "</name", never later than the tokenizer does, so nothing is hidden from the count.
constexpr auto k_raw = std::to_array<std::string_view>(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
    for (std::string_view s : list)
        if (s == name) return true;
    return false;
}

/// Reads a tag name at s[i] (lower-cased, at most 32 chars kept); advances i past it.
std::string read_name(std::string_view s, std::size_t& i) {
    std::string name;
    while (i < s.size() && !is_ws(s[i]) && s[i] != '>' && s[i] != '/') {
        if (name.size() < 32) name.push_back(lower(s[i]));
        ++i;
    }
    return name;
}

/// Skips the attributes of a tag to just past its '>' (HTML 13.2.5.32-13.2.5.40: a quote
/// only opens a value right after '='). Returns true when the tag ends with "/>".
bool skip_attributes(std::string_view s, std::size_t& i) {
    const auto skip_ws = [&] {
        while (i < s.size() && is_ws(s[i])) ++i;
    };
    for (;;) {
        skip_ws();
        if (i >= s.size()) return false;
        if (s[i] == '>') {
            ++i;
            return false;
        }
        if (s[i] == '/') {
            ++i;
            if (i < s.size() && s[i] == '>') {
                ++i;
                return true;
            }
            continue;
        }
        ++i;  // the first character of a name may be '='
        while (i < s.size() && !is_ws(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
        skip_ws();
        if (i >= s.size() || s[i] != '=') continue;
        ++i;
        skip_ws();
        if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
            const std::size_t end = s.find(s[i], i + 1);
            i = end == std::string_view::npos ? s.size() : end + 1;
        } else {
            while (i < s.size() && !is_ws(s[i]) && s[i] != '>') ++i;
        }
    }
}

/// The end of a comment that starts at s[lt] ("<!--"): after "-->" or "--!>" (HTML 13.2.5.43-51;
/// "<!-->" and "<!--->" end at once).
std::size_t comment_end(std::string_view s, std::size_t lt) {
    const std::size_t a = s.find("-->", lt + 2);
    const std::size_t b = s.find("--!>", lt + 4);
    if (a == std::string_view::npos && b == std::string_view::npos) return s.size();
    if (b == std::string_view::npos || (a != std::string_view::npos && a < b)) return a + 3;
    return b + 4;
}

/// Skips the content of a raw-text element up to its end tag "</name" (case-insensitive).
void skip_raw_text(std::string_view s, std::size_t& i, std::string_view name) {
    while (i < s.size()) {
        const std::size_t lt = s.find("</", i);
        if (lt == std::string_view::npos) {
            i = s.size();
            return;
        }
        std::size_t k = lt + 2;
        std::size_t m = 0;
        while (m < name.size() && k < s.size() && lower(s[k]) == name[m]) ++k, ++m;
        if (m == name.size()) {
            i = lt;
            return;
        }
        i = lt + 2;
    }
}

}  // namespace

MarkupShape measure_markup(std::string_view s, std::size_t depth_limit, std::size_t tag_limit) {
    MarkupShape shape;
    std::size_t depth = 0;
    std::size_t foreign_at = 0;  // depth of the open <svg>/<math>; 0 outside foreign content
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t lt = s.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
        i = lt + 1;
        const char c = s[i];
        if (s.substr(lt, 4) == "<!--") {
            i = comment_end(s, lt);
        } else if (c == '!' || c == '?') {
            const std::size_t end = s.find('>', i);
            i = end == std::string_view::npos ? s.size() : end + 1;
        } else if (c == '/' && i + 1 < s.size() && is_alpha(s[i + 1])) {
            ++i;
            const std::string name = read_name(s, i);
            skip_attributes(s, i);
            if (!listed(k_flat, name) && depth > 0) --depth;
            if (depth < foreign_at) foreign_at = 0;
        } else if (is_alpha(c)) {
            const std::string name = read_name(s, i);
            const bool self_closing = skip_attributes(s, i);
            ++shape.start_tags;
            if (listed(k_raw, name)) {
                skip_raw_text(s, i, name);
            } else if (!listed(k_flat, name) &&
                       !(self_closing && (foreign_at > 0 || name == "svg" || name == "math"))) {
                // "<div/>" opens a div in HTML content: "/>" closes only in SVG and MathML.
                ++depth;
                if (depth > shape.max_depth) shape.max_depth = depth;
                if (foreign_at == 0 && (name == "svg" || name == "math")) foreign_at = depth;
            }
        }
        if (shape.max_depth > depth_limit || shape.start_tags > tag_limit) break;
    }
    return shape;
}

std::string with_safe_char_refs(std::string_view html) {
    std::string out;
    std::size_t copied = 0;  // html[0, copied) is in out
    std::size_t at = 0;
    while ((at = html.find("&#", at)) != std::string_view::npos) {
        std::size_t end = at + 2;
        const bool hex = end < html.size() && (html[end] == 'x' || html[end] == 'X');
        if (hex) ++end;
        const std::size_t digits = end;
        std::uint32_t value = 0;
        bool beyond = false;
        for (; end < html.size(); ++end) {
            const char c = html[end];
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
            if (d < 0) break;
            if (!beyond) {  // saturates: once past U+10FFFF it stays there
                value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
                beyond = value > 0x10FFFF;
            }
        }
        if (end == digits || !beyond) {
            at = end;
            continue;
        }
        if (out.empty()) out.reserve(html.size());
        out.append(html.substr(copied, at - copied));
        out += "&#xFFFD;";
        if (end < html.size() && html[end] == ';') ++end;
        copied = at = end;
    }
    if (copied == 0) return std::string(html);
    out.append(html.substr(copied));
    return out;
}

}  // namespace dossier::html::detail
