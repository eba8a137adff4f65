// RFC 3986 URI parsing, recomposition and reference resolution (sections 3, 5.2, 5.3).
#include "dossier/core/url.hpp"

#include <filesystem>

#include "dossier/core/strings.hpp"

namespace dossier::core {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_scheme_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; }

/// Splits a reference into its five components (RFC 3986 appendix B). `scheme` empty = relative.
struct Parts {
    std::string scheme;
    std::optional<std::string> authority;
    std::string path;
    std::optional<std::string> query;
    std::optional<std::string> fragment;
};

Parts split_reference(std::string_view s) {
    Parts p;
    std::size_t i = 0;
    if (!s.empty() && is_alpha(s[0])) {
        std::size_t j = 1;
        while (j < s.size() && is_scheme_char(s[j])) ++j;
        if (j < s.size() && s[j] == ':') {
            p.scheme = to_lower_ascii(s.substr(0, j));
            i = j + 1;
        }
    }
    if (s.substr(i, 2) == "//") {
        std::size_t end = s.find_first_of("/?#", i + 2);
        if (end == std::string_view::npos) end = s.size();
        p.authority = std::string(s.substr(i + 2, end - i - 2));
        i = end;
    }
    std::size_t end = s.find_first_of("?#", i);
    if (end == std::string_view::npos) end = s.size();
    p.path = std::string(s.substr(i, end - i));
    i = end;
    if (i < s.size() && s[i] == '?') {
        end = s.find('#', i);
        if (end == std::string_view::npos) end = s.size();
        p.query = std::string(s.substr(i + 1, end - i - 1));
        i = end;
    }
    if (i < s.size() && s[i] == '#') p.fragment = std::string(s.substr(i + 1));
    return p;
}

bool set_authority(Url& u, std::string_view a) {
    if (auto at = a.rfind('@'); at != std::string_view::npos) {
        u.userinfo = std::string(a.substr(0, at));
        a.remove_prefix(at + 1);
    }
    std::string_view host = a;
    if (!a.empty() && a[0] == '[') {
        auto close = a.find(']');
        if (close == std::string_view::npos) return false;
        host = a.substr(0, close + 1);
        a.remove_prefix(close + 1);
        if (!a.empty() && a[0] != ':') return false;
        if (!a.empty()) u.port = std::string(a.substr(1));
    } else if (auto colon = a.rfind(':'); colon != std::string_view::npos) {
        host = a.substr(0, colon);
        u.port = std::string(a.substr(colon + 1));
        // RFC 3986 section 3.2.2: outside brackets a host has no ':'. "a.com:8:" would read as
        // host "a.com:8" and, printed and parsed again, as host "a.com" port 8.
        if (host.find(':') != std::string_view::npos) return false;
    }
    for (char c : u.port)
        if (c < '0' || c > '9') return false;
    u.host = to_lower_ascii(host);
    return true;
}

// Links in pages hold bytes that are not URI characters: "/a b.html", a newline inside a long
// href. Browsers (WHATWG URL standard, "basic URL parser") drop tabs and newlines and
// percent-encode spaces and other controls. Url::parse refuses those bytes, so a resolved URL
// must not contain them: otherwise it could not be parsed again, keyed or fetched.
std::string clean_reference(std::string_view ref) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(ref.size());
    for (char ch : ref) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c > 0x20) {
            out.push_back(ch);
            continue;
        }
        out.push_back('%');
        out.push_back(k_hex[c >> 4]);
        out.push_back(k_hex[c & 15]);
    }
    return out;
}

// Url keeps no "authority present but empty" flag, so whether a URL has an authority (and
// prints "//") follows from its parts: any authority part, http(s), a file URL's absolute path
// (file:///x), and a path that starts with "//" (it came after an empty authority; without
// one it would read as a host). Not a rootless path: "file:a/b" must not become host "a".
bool has_authority(const Url& u) {
    const bool file_root = u.scheme == "file" && (u.path.empty() || u.path.front() == '/');
    return !u.host.empty() || !u.userinfo.empty() || !u.port.empty() || u.is_http() || file_root ||
           u.path.starts_with("//");
}

}  // namespace

std::optional<Url> Url::parse(std::string_view text) {
    text = trim(text);
    Parts p = split_reference(text);
    if (p.scheme.empty()) return std::nullopt;
    for (char c : text)
        if (static_cast<unsigned char>(c) <= 0x20) return std::nullopt;  // controls and spaces are not URI chars
    Url u;
    u.scheme = std::move(p.scheme);
    if (p.authority && !set_authority(u, *p.authority)) return std::nullopt;
    if (u.is_http() && u.host.empty()) return std::nullopt;
    u.path = std::move(p.path);
    if (u.is_http() && u.path.empty()) u.path.push_back('/');  // push_back: g++ 12 -Wrestrict false positive on = "/"
    u.query = std::move(p.query);
    u.fragment = std::move(p.fragment);
    return u;
}

std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            auto last = out.rfind('/');
            out.erase(last == std::string::npos ? 0 : last);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            std::size_t next = in.find('/', in[0] == '/' ? 1 : 0);
            if (next == std::string_view::npos) next = in.size();
            out.append(in.substr(0, next));
            in.remove_prefix(next);
        }
    }
    return out;
}

std::optional<Url> Url::resolve(std::string_view reference_text) const {
    const std::string cleaned = clean_reference(trim(reference_text));
    const std::string_view reference = cleaned;
    Parts r = split_reference(reference);
    Url t;
    if (!r.scheme.empty()) {
        std::string text(reference);
        auto parsed = parse(text);
        if (!parsed) return std::nullopt;
        parsed->path = remove_dot_segments(parsed->path);
        if (parsed->is_http() && parsed->path.empty()) parsed->path.push_back('/');
        return parsed;
    }
    t.scheme = scheme;
    if (r.authority) {
        if (!set_authority(t, *r.authority)) return std::nullopt;
        // "//" or "//:80" against an http(s) base: parse() refuses an http URL without host.
        if (t.is_http() && t.host.empty()) return std::nullopt;
        t.path = remove_dot_segments(r.path);
        t.query = r.query;
    } else {
        t.userinfo = userinfo;
        t.host = host;
        t.port = port;
        if (r.path.empty()) {
            t.path = path;
            t.query = r.query ? r.query : query;
        } else {
            if (r.path[0] == '/') {
                t.path = remove_dot_segments(r.path);
            } else {
                // RFC 3986 section 5.2.3: merge with the base path.
                std::string merged;
                if (has_authority(*this) && path.empty())
                    merged = "/" + r.path;
                else
                    merged = path.substr(0, path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1) + r.path;
                t.path = remove_dot_segments(merged);
            }
            t.query = r.query;
        }
    }
    if (t.is_http() && t.path.empty()) t.path.push_back('/');
    t.fragment = r.fragment;
    return t;
}

std::string Url::authority() const {
    std::string a;
    if (!userinfo.empty()) a = userinfo + "@";
    a += host;
    if (!port.empty()) a += ":" + port;
    return a;
}

std::string Url::to_string() const {
    std::string s = scheme + ":";
    if (has_authority(*this)) s += "//" + authority();
    s += path;
    if (query) s += "?" + *query;
    if (fragment) s += "#" + *fragment;
    return s;
}

std::string file_url(std::string_view path) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(std::filesystem::path(path), ec).lexically_normal();
    const std::string p = ec ? std::string(path) : abs.generic_string();
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out = "file://";
    for (char ch : p) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_alpha(static_cast<char>(c)) || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(k_hex[c >> 4]);
            out.push_back(k_hex[c & 15]);
        }
    }
    return out;
}

std::string resolve_url(std::string_view base, std::string_view reference) {
    auto b = Url::parse(base);
    if (!b) return std::string(trim(reference));
    auto r = b->resolve(reference);
    return r ? r->to_string() : std::string(trim(reference));
}

}  // namespace dossier::core
