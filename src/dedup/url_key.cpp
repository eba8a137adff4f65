// Canonical URL keys (RFC 3986 section 6.2 normalisation plus tracking-parameter removal).
#include "dossier/dedup/url_key.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"

namespace dossier::dedup {

namespace {

/// Parameters that track a click or a session and never select a different document.
/// Prefixes end in '_' or '.'; the rest match the whole (lower-cased) name.
/// Names that can select content on some site (id, p, sid, cid, page) are deliberately absent.
constexpr auto k_tracking_prefixes = std::to_array<std::string_view>({"utm_", "mc_", "pk_", "hmsr", "wt.", "_hs"});
constexpr auto k_tracking_params = std::to_array<std::string_view>(
    {"spm", "from", "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "twclid", "_ga", "_gl",
     "ref_src", "ref_url", "cmpid", "source", "sessionid", "session_id", "jsessionid", "phpsessid", "share",
     "share_token", "shareid", "share_source", "share_medium", "isappinstalled", "scene", "clicktime", "enterid",
     "from_source", "sharer_sharetime", "sharer_shareid", "ncid", "rss", "wd_source"});

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// RFC 3986 section 6.2.2: decode percent-encoded unreserved characters, upper-case the rest.
/// A '%' that starts no triplet is written "%25": left alone, a decoded digit after it could
/// form a new triplet ("%%42" -> "%B"), and the key of the key would differ.
std::string normalize_percent(std::string_view s) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            const auto c = static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            if (is_unreserved(c)) {
                out.push_back(c);
            } else {
                out.push_back('%');
                out.push_back(k_hex[hex_value(s[i + 1])]);
                out.push_back(k_hex[hex_value(s[i + 2])]);
            }
            i += 2;
        } else if (s[i] == '%') {
            out += "%25";
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string strip_www(std::string_view host) {
    return std::string(host.starts_with("www.") ? host.substr(4) : host);
}

/// WeChat article links carry a dozen share parameters; __biz, mid, idx and sn identify the article.
bool keep_wechat_param(std::string_view name) {
    return name == "__biz" || name == "mid" || name == "idx" || name == "sn";
}

}  // namespace

bool is_tracking_param(std::string_view name) {
    const std::string lower = core::to_lower_ascii(name);
    for (auto prefix : k_tracking_prefixes)
        if (lower.starts_with(prefix)) return true;
    return std::find(k_tracking_params.begin(), k_tracking_params.end(), lower) != k_tracking_params.end();
}

std::string url_key(std::string_view url) {
    auto parsed = core::Url::parse(url);
    if (!parsed) return std::string(core::trim(url));
    core::Url u = std::move(*parsed);
    // Every trailing dot goes: dropping one would leave "e." of "e..", and the key of a key
    // must be the key itself.
    while (!u.host.empty() && u.host.back() == '.') u.host.pop_back();
    if ((u.scheme == "http" && u.port == "80") || (u.scheme == "https" && u.port == "443")) u.port.clear();
    u.fragment.reset();
    // Percent-decoding first, as RFC 3986 section 6.2.2 orders it: "%2E%2E" decodes to a ".."
    // segment, which must then be removed like a written one.
    u.path = core::remove_dot_segments(normalize_percent(u.path));
    if (u.is_http() && u.path.empty()) u.path.push_back('/');
    if (u.query) {
        const bool wechat = u.host == "mp.weixin.qq.com";
        std::vector<std::pair<std::string, std::string>> params;
        for (auto piece : core::split(*u.query, '&')) {
            if (piece.empty()) continue;
            auto eq = piece.find('=');
            std::string name = normalize_percent(piece.substr(0, eq));
            std::string value = eq == std::string_view::npos ? std::string() : normalize_percent(piece.substr(eq + 1));
            if (wechat ? !keep_wechat_param(name) : is_tracking_param(name)) continue;
            // A bare "=" would print as nothing and be skipped as an empty piece next time.
            if (name.empty() && value.empty()) continue;
            params.emplace_back(std::move(name), std::move(value));
        }
        std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string q;
        for (const auto& [name, value] : params) {
            if (!q.empty()) q.push_back('&');
            q += name;
            if (!value.empty()) q += "=" + value;
        }
        u.query = q.empty() ? std::nullopt : std::optional<std::string>(std::move(q));
    }
    return u.to_string();
}

std::string preferred_key(std::string_view url, std::string_view declared_canonical) {
    const std::string fetched = url_key(url);
    if (core::trim(declared_canonical).empty()) return fetched;
    auto declared = core::Url::parse(url_key(declared_canonical));
    auto original = core::Url::parse(fetched);
    if (!declared || !declared->is_http()) return fetched;
    if (original && original->is_http() && strip_www(declared->host) != strip_www(original->host)) return fetched;
    return declared->to_string();
}

}  // namespace dossier::dedup
