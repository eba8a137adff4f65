// Host rules for URL keys: IDNA (RFC 5891 A-labels via RFC 3492 Punycode, UTS 46 mapping
// approximated), the same-site approximation and Google AMP cache URLs.
#include "url_host.hpp"

#include <array>
#include <cstdint>

#include "dossier/core/strings.hpp"
#include "dossier/text/unicode.hpp"

namespace dossier::dedup {

namespace {

/// Suffixes under which strangers get their own subdomain ("alice.blogspot.com" and
/// "bob.blogspot.com" are different publishers): the site is one label more than the suffix.
/// A short private part of the public-suffix list, limited to hosts that publish articles.
constexpr auto k_shared_hosts = std::to_array<std::string_view>(
    {"blogspot.com",  "wordpress.com", "substack.com",      "medium.com",     "tumblr.com",    "ghost.io",
     "github.io",     "gitlab.io",     "gitee.io",          "netlify.app",    "vercel.app",    "pages.dev",
     "herokuapp.com", "appspot.com",   "azurewebsites.net", "cloudfront.net", "amazonaws.com", "cdn.ampproject.org",
     "wixsite.com",   "notion.site",   "hashnode.dev",      "lofter.com"});

/// Second-level labels that countries register under ("com.cn", "co.uk", "gov.cn", "ac.jp",
/// "or.kr"): under a two-letter top-level domain they are part of the public suffix.
constexpr auto k_country_second_level = std::to_array<std::string_view>(
    {"ac", "co", "com", "edu", "gen", "go", "gov", "ltd", "mil", "ne", "net", "nom", "or", "org", "plc", "sch"});

bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3492 section 5 parameter values for IDNA.
constexpr std::uint64_t k_base = 36;
constexpr std::uint64_t k_tmin = 1;
constexpr std::uint64_t k_tmax = 26;
constexpr std::uint64_t k_skew = 38;
constexpr std::uint64_t k_damp = 700;
constexpr std::uint64_t k_max_int = 0xFFFFFFFFu;

/// RFC 3492 section 6.1.
std::uint64_t adapt(std::uint64_t delta, std::uint64_t points, bool first) {
    delta = first ? delta / k_damp : delta / 2;
    delta += delta / points;
    std::uint64_t k = 0;
    while (delta > ((k_base - k_tmin) * k_tmax) / 2) {
        delta /= k_base - k_tmin;
        k += k_base;
    }
    return k + ((k_base - k_tmin + 1) * delta) / (delta + k_skew);
}

char punycode_digit(std::uint64_t d) { return d < 26 ? static_cast<char>('a' + d) : static_cast<char>('0' + (d - 26)); }

/// Fully percent-decodes a host (RFC 3986 section 3.2.2 allows pct-encoded reg-names). Nothing
/// when a '%' starts no triplet, or a decoded byte may not stand in a host name: decoding
/// "%2F" would move the path into the host.
std::optional<std::string> percent_decode_host(std::string_view host) {
    std::string out;
    for (std::size_t i = 0; i < host.size(); ++i) {
        if (host[i] != '%') {
            out.push_back(host[i]);
            continue;
        }
        if (i + 2 >= host.size() || hex_value(host[i + 1]) < 0 || hex_value(host[i + 2]) < 0) return std::nullopt;
        out.push_back(static_cast<char>(hex_value(host[i + 1]) * 16 + hex_value(host[i + 2])));
        i += 2;
    }
    for (char ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && !is_ascii_alnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return std::nullopt;
    }
    if (!text::is_valid_utf8(out)) return std::nullopt;
    return core::to_lower_ascii(out);
}

/// One folded label as an A-label; nothing when it holds an ASCII character a host name cannot.
std::optional<std::string> to_a_label(std::string_view label) {
    bool ascii = true;
    for (char ch : label) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            ascii = false;
        } else if (!is_ascii_alnum(c) && c != '-' && c != '_') {
            return std::nullopt;
        }
    }
    if (ascii) return std::string(label);
    std::u32string code_points;
    for (std::size_t i = 0; i < label.size();) code_points.push_back(text::next_codepoint(label, i));
    auto encoded = punycode_encode(code_points);
    if (!encoded) return std::nullopt;
    return "xn--" + *encoded;
}

/// UTS 46 section 4 mapping, approximated by NFKC_Casefold (it maps full-width letters and
/// U+FF0E to ASCII, and folds case), then label by label to A-labels (RFC 5891 section 4.4).
/// Differs from UTS 46 non-transitional processing only on deviation characters such as "ß".
std::optional<std::string> to_ascii_host(std::string_view host) {
    if (!text::is_valid_utf8(host)) return std::nullopt;
    std::string folded = text::nfkc_casefold(host);
    // RFC 3490 section 3.1: U+3002 IDEOGRAPHIC FULL STOP separates labels like ".".
    static constexpr std::string_view k_ideographic_stop = "\xE3\x80\x82";
    for (auto at = folded.find(k_ideographic_stop); at != std::string::npos; at = folded.find(k_ideographic_stop, at))
        folded.replace(at, k_ideographic_stop.size(), ".");
    std::string out;
    bool first = true;
    for (std::string_view label : core::split(folded, '.')) {
        if (!first) out.push_back('.');
        first = false;
        auto a_label = to_a_label(label);
        if (!a_label) return std::nullopt;
        out += *a_label;
    }
    return out;
}

bool is_ip_literal(std::string_view host) {
    if (!host.empty() && host.front() == '[') return true;
    for (char c : host)
        if (c != '.' && (c < '0' || c > '9')) return false;
    return true;
}

/// The position where the last `labels` labels of `host` begin, or npos when it has no more.
std::size_t last_labels_start(std::string_view host, std::size_t labels) {
    std::size_t end = host.size();
    for (std::size_t n = 0; n < labels; ++n) {
        const std::size_t dot = end == 0 ? std::string_view::npos : host.rfind('.', end - 1);
        if (dot == std::string_view::npos) return std::string_view::npos;
        end = dot;
    }
    return end + 1;
}

}  // namespace

std::optional<std::string> punycode_encode(std::u32string_view label) {
    std::string out;
    for (char32_t c : label)
        if (c < 0x80) out.push_back(static_cast<char>(c));
    const std::uint64_t basic = out.size();
    std::uint64_t handled = basic;
    if (basic > 0) out.push_back('-');
    std::uint64_t n = 0x80;
    std::uint64_t delta = 0;
    std::uint64_t bias = 72;
    while (handled < label.size()) {
        std::uint64_t next = k_max_int + 1;
        for (char32_t c : label)
            if (c >= n && c < next) next = c;
        if ((next - n) > (k_max_int - delta) / (handled + 1)) return std::nullopt;  // section 6.4
        delta += (next - n) * (handled + 1);
        n = next;
        for (char32_t c : label) {
            if (c < n && ++delta > k_max_int) return std::nullopt;
            if (c != n) continue;
            std::uint64_t q = delta;
            for (std::uint64_t k = k_base;; k += k_base) {
                const std::uint64_t t = k <= bias ? k_tmin : (k >= bias + k_tmax ? k_tmax : k - bias);
                if (q < t) break;
                out.push_back(punycode_digit(t + (q - t) % (k_base - t)));
                q = (q - t) / (k_base - t);
            }
            out.push_back(punycode_digit(q));
            bias = adapt(delta, handled + 1, handled == basic);
            delta = 0;
            ++handled;
        }
        ++delta;
        ++n;
    }
    return out;
}

std::string normalize_host(std::string_view host) {
    std::string h(host);
    if (h.find('%') != std::string::npos)
        if (auto decoded = percent_decode_host(h)) h = std::move(*decoded);
    bool ascii = true;
    for (char c : h) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii)
        if (auto a_labels = to_ascii_host(h)) h = std::move(*a_labels);
    // Every trailing dot goes: dropping one would leave "e." of "e..", and the key of a key
    // must be the key itself.
    while (!h.empty() && h.back() == '.') h.pop_back();
    return h;
}

std::string site_of(std::string_view host) {
    if (is_ip_literal(host)) return std::string(host);
    std::size_t keep = 2;
    for (std::string_view suffix : k_shared_hosts) {
        if (host.size() > suffix.size() && host.ends_with(suffix) && host[host.size() - suffix.size() - 1] == '.') {
            keep = 1;
            for (char c : suffix) keep += c == '.' ? 1 : 0;
            keep += 1;
        }
    }
    if (keep == 2) {
        const std::size_t tld = last_labels_start(host, 1);
        const std::size_t sld = last_labels_start(host, 2);
        if (tld != std::string_view::npos && sld != std::string_view::npos && host.size() - tld == 2) {
            const std::string_view second = host.substr(sld, tld - 1 - sld);
            for (std::string_view s : k_country_second_level)
                if (second == s) keep = 3;
        }
    }
    const std::size_t start = last_labels_start(host, keep);
    return std::string(start == std::string_view::npos ? host : host.substr(start));
}

std::optional<std::string> amp_cache_origin(const core::Url& url) {
    // AMP cache URL format (developers.google.com/amp/cache/overview): /c/ documents, /v/ viewer,
    // then "s/" for an https origin, then the origin host and path.
    if (!url.is_http()) return std::nullopt;
    if (url.host != "cdn.ampproject.org" && !url.host.ends_with(".cdn.ampproject.org")) return std::nullopt;
    std::string_view rest = url.path;
    if (!rest.starts_with("/c/") && !rest.starts_with("/v/")) return std::nullopt;
    rest.remove_prefix(3);
    std::string origin = "http://";
    if (rest.starts_with("s/")) {
        origin = "https://";
        rest.remove_prefix(2);
    }
    origin += rest;
    if (url.query) origin += "?" + *url.query;
    auto parsed = core::Url::parse(origin);
    if (rest.empty() || rest.front() == '/' || !parsed || parsed->host.empty()) return std::nullopt;
    return origin;
}

}  // namespace dossier::dedup
