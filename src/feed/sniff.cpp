// Format sniffing from bytes. Content-Type headers lie (krebsonsecurity.com serves its RSS as
// text/html), so the root element decides, as XML 1.0 section 2.8 lays out the prolog:
// XMLDecl? Misc* (doctypedecl Misc*)? element.
#include "sniff.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "dossier/core/strings.hpp"

namespace dossier::feed::detail {

namespace {

/// How far into a document the sniffer looks for the root element (a long internal DTD
/// subset or comment block could push it further; such documents are not feeds).
constexpr std::size_t k_sniff_window = std::size_t{64} << 10;
/// Junk before "<?xml" (PHP warnings, blank lines) is skipped only within this many bytes.
constexpr std::size_t k_junk_window = 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == ':';
}

bool starts_with(std::string_view s, std::size_t i, std::string_view prefix) {
    return i <= s.size() && s.substr(i).substr(0, prefix.size()) == prefix;
}

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
}

/// Index just past `end` at or after i, or npos.
std::size_t skip_past(std::string_view s, std::size_t i, std::string_view end) {
    const std::size_t at = s.find(end, i);
    return at == std::string_view::npos ? at : at + end.size();
}

}  // namespace

std::size_t doctype_end(std::string_view s, std::size_t i) {
    int depth = 0;
    char quote = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        } else if (c == '>' && depth <= 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

namespace {

/// The value of pseudo-attribute `name` inside an XML declaration.
std::string pseudo_attribute(std::string_view decl, std::string_view name) {
    std::size_t at = decl.find(name);
    while (at != std::string_view::npos) {
        std::size_t i = skip_space(decl, at + name.size());
        if (i < decl.size() && decl[i] == '=') {
            i = skip_space(decl, i + 1);
            if (i < decl.size() && (decl[i] == '"' || decl[i] == '\'')) {
                const std::size_t end = decl.find(decl[i], i + 1);
                if (end != std::string_view::npos) return std::string(decl.substr(i + 1, end - i - 1));
            }
        }
        at = decl.find(name, at + 1);
    }
    return {};
}

/// Reads the root start tag at s[i] ('<' already matched): its QName and namespace bindings.
void read_root(std::string_view s, std::size_t i, Prolog& p) {
    std::size_t j = i + 1;
    while (j < s.size() && is_name_char(s[j])) ++j;
    const std::string_view qname = s.substr(i + 1, j - i - 1);
    const std::size_t colon = qname.find(':');
    const std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
    p.root_local = std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    const std::string wanted = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
    // Attributes: name = "value" pairs up to '>'.
    while (j < s.size() && s[j] != '>') {
        j = skip_space(s, j);
        const std::size_t name_start = j;
        while (j < s.size() && is_name_char(s[j])) ++j;
        const std::string_view name = s.substr(name_start, j - name_start);
        if (name.empty()) {
            ++j;  // '/', or a stray character in a broken tag
            continue;
        }
        j = skip_space(s, j);
        if (j >= s.size() || s[j] != '=') continue;
        j = skip_space(s, j + 1);
        if (j >= s.size() || (s[j] != '"' && s[j] != '\'')) continue;
        const std::size_t end = s.find(s[j], j + 1);
        if (end == std::string_view::npos) return;
        if (name == wanted) p.root_ns = std::string(s.substr(j + 1, end - j - 1));
        j = end + 1;
    }
}

/// The ASCII projection of a UTF-16 document's start: every code unit's low byte.
std::string utf16_projection(std::string_view bytes, bool little_endian) {
    std::string out;
    const std::size_t n = std::min(bytes.size(), 2 * k_sniff_window) / 2;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const char lo = bytes[2 * k + (little_endian ? 0 : 1)];
        const char hi = bytes[2 * k + (little_endian ? 1 : 0)];
        out.push_back(hi == 0 ? lo : '\x80');
    }
    return out;
}

void read_markup(std::string_view s, std::size_t i, Prolog& p) {
    if (starts_with(s, i, "<?xml") && s.size() > i + 5 && (is_space(s[i + 5]) || s[i + 5] == '?')) {
        const std::size_t end = skip_past(s, i, "?>");
        if (end == std::string_view::npos) return;
        p.declared_encoding = pseudo_attribute(s.substr(i, end - i), "encoding");
        i = end;
    }
    while (i != std::string_view::npos && i < s.size()) {
        i = skip_space(s, i);
        if (starts_with(s, i, "<!--")) {
            i = skip_past(s, i + 4, "-->");
        } else if (starts_with(s, i, "<?")) {
            i = skip_past(s, i + 2, "?>");
        } else if (core::istarts_with(s.substr(i), "<!DOCTYPE")) {
            i = doctype_end(s, i + 9);
        } else {
            if (i + 1 < s.size() && s[i] == '<' && is_name_char(s[i + 1])) read_root(s, i, p);
            return;
        }
    }
}

}  // namespace

Prolog read_prolog(std::string_view bytes) {
    Prolog p;
    const auto b = [&](std::size_t k) { return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0u; };
    if (b(0) == 0xFF && b(1) == 0xFE) p.bom = Bom::utf16le;
    if (b(0) == 0xFE && b(1) == 0xFF) p.bom = Bom::utf16be;
    if (b(0) == '<' && b(1) == 0 && b(2) == '?' && b(3) == 0) p.bom = Bom::utf16le;  // XML 1.0 appendix F.1
    if (b(0) == 0 && b(1) == '<' && b(2) == 0 && b(3) == '?') p.bom = Bom::utf16be;
    if (p.bom == Bom::utf16le || p.bom == Bom::utf16be) {
        // libxml2 reads UTF-16 itself; only the root element is needed here.
        const std::string ascii = utf16_projection(bytes, p.bom == Bom::utf16le);
        const std::size_t i = ascii.find('<');
        if (i != std::string::npos) read_markup(ascii, i, p);
        return p;
    }
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) {
        p.bom = Bom::utf8;
        p.start = 3;
    }
    const std::string_view s = bytes.substr(0, std::min(bytes.size(), k_sniff_window));
    std::size_t i = skip_space(s, p.start);
    if (i < s.size() && s[i] == '{') {
        p.json_object = true;
        p.start = i;
        return p;
    }
    p.start = i;
    if (i < s.size() && s[i] == '<') read_markup(s, i, p);
    if (classify(p, {}) != Format::unknown) return p;
    // An XML declaration is only legal at the very start, so whatever precedes one is junk
    // (PHP warnings, a stray line of text): read the document from the declaration on.
    const std::size_t decl = s.substr(0, std::min(s.size(), k_junk_window)).find("<?xml", i);
    if (decl != std::string_view::npos && decl > i) {
        Prolog from_decl;
        from_decl.bom = p.bom;
        from_decl.start = decl;
        from_decl.junk_bytes = decl - i;
        read_markup(s, decl, from_decl);
        return from_decl;
    }
    return p;
}

Format classify(const Prolog& p, std::string_view bytes) {
    if (p.json_object) {
        // JSON Feed section "Top-level": version is "https://jsonfeed.org/version/1.1" (or 1);
        // PHP's json_encode writes the slashes as "\/", and sorted keys put it anywhere.
        std::size_t at = bytes.find("jsonfeed.org");
        while (at != std::string_view::npos) {
            std::string rest;
            for (std::size_t k = at + 12; k < bytes.size() && rest.size() < 9; ++k)
                if (bytes[k] != '\\') rest.push_back(bytes[k]);
            if (rest.rfind("/version/", 0) == 0) return Format::json_feed;
            at = bytes.find("jsonfeed.org", at + 1);
        }
        return Format::unknown;
    }
    const std::string& name = p.root_local;
    if (core::iequals(name, "rss")) return Format::rss;
    if (name == "RDF") return Format::rdf;
    if (name == "feed") return Format::atom;
    if (name == "urlset") return Format::sitemap_urlset;
    if (name == "sitemapindex") return Format::sitemap_index;
    if (core::iequals(name, "opml")) return Format::opml;
    return Format::unknown;
}

std::string describe_start(std::string_view bytes) {
    if (bytes.empty()) return "empty input";
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    if (bytes.size() >= 2 && byte(0) == 0x1F && byte(1) == 0x8B) return "gzip data";
    const std::string_view head = bytes.substr(0, 64);
    const auto controls = std::count_if(head.begin(), head.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && !is_space(c);
    });
    if (controls > 0) {
        std::string hex = "binary data (";
        for (std::size_t k = 0; k < std::min<std::size_t>(bytes.size(), 8); ++k) {
            std::array<char, 4> buf{};
            std::snprintf(buf.data(), buf.size(), "%02x", static_cast<unsigned>(static_cast<unsigned char>(bytes[k])));
            hex += (k == 0 ? "" : " ") + std::string(buf.data());
        }
        return hex + ")";
    }
    std::string text;
    for (char c : core::trim(bytes.substr(0, 200))) {
        if (text.size() >= 60) {
            text += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (is_space(c)) {
            if (!text.empty() && text.back() != ' ') text.push_back(' ');
        } else {
            text.push_back(u >= 0x80 ? '?' : c);
        }
    }
    return "\"" + text + "\"";
}

}  // namespace dossier::feed::detail
