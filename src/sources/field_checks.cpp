// Value checks for source definitions (see field_checks.hpp). The aim is that a typo fails when
// the file is loaded, not hours later in a crawl.
#include "field_checks.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>
#include <vector>

#include "dossier/core/source.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"

namespace dossier::sources {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

bool all_of(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

// Checks that [] and () pair up and quotes close; the html module parses the rest.
bool balanced(std::string_view s) {
    std::vector<char> open;
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == '\\') ++i;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '(') {
            open.push_back(c == '[' ? ']' : ')');
        } else if (c == ']' || c == ')') {
            if (open.empty() || open.back() != c) return false;
            open.pop_back();
        }
    }
    return quote == 0 && open.empty();
}

bool is_tzif(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return false;
    std::ifstream in(file, std::ios::binary);
    std::array<char, 4> magic{};
    in.read(magic.data(), magic.size());
    return in && std::string_view(magic.data(), magic.size()) == "TZif";  // RFC 8536 section 3.1
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

Reason url_problem(std::string_view url) {
    const auto u = core::Url::parse(core::trim(url));
    if (!u || core::trim(url).size() != url.size()) return "not an absolute url";
    if (!u->is_http()) return "not http(s)";
    if (u->host.empty()) return "no host";
    return std::nullopt;
}

Reason lang_problem(std::string_view lang) {
    // RFC 5646 section 2.1: language = 2*3ALPHA / 4ALPHA / 5*8ALPHA; subtags 1*8alphanum.
    const auto parts = core::split(lang, '-');
    bool ok = parts[0].size() >= 2 && parts[0].size() <= 8 && all_of(parts[0], is_alpha);
    for (std::size_t i = 1; ok && i < parts.size(); ++i)
        ok = !parts[i].empty() && parts[i].size() <= 8 && all_of(parts[i], is_alnum);
    if (ok) return std::nullopt;
    return "not a language tag like \"zh\", \"en\" or \"zh-CN\"";
}

Reason timezone_problem(std::string_view zone, const std::filesystem::path& zoneinfo) {
    const auto zone_char = [](char c) { return is_alnum(c) || c == '/' || c == '_' || c == '-' || c == '+'; };
    bool shape = !zone.empty() && zone.size() <= 64 && zone.front() != '/' && zone.back() != '/' &&
                 std::all_of(zone.begin(), zone.end(), zone_char);
    for (std::string_view part : core::split(zone, '/')) shape = shape && !part.empty() && part != "..";
    // Built with append: g++ 12 -O3 warns (-Wrestrict, a false positive) on "literal" + string&&.
    std::string reason = shape ? "unknown zone \"" : "not an IANA zone name like \"Asia/Shanghai\": \"";
    reason.append(zone).append("\"");
    if (!shape) return reason;
    std::error_code ec;
    if (zone == "UTC" || !std::filesystem::is_directory(zoneinfo, ec)) return std::nullopt;
    if (is_tzif(zoneinfo / std::string(zone))) return std::nullopt;
    return reason;
}

Reason selector_problem(std::string_view selector, bool attr_allowed) {
    if (core::trim(selector).empty()) return "empty selector";
    const std::size_t at = core::selector_attr_at(selector);
    std::string_view css = selector;
    if (at != std::string_view::npos) {
        if (!attr_allowed) return "\"@attribute\" is not allowed here";
        if (core::split_selector_attr(selector).second.empty()) return "bad attribute name after \"@\"";
        css = core::trim(selector.substr(0, at));
        if (css.empty()) return "empty selector before \"@\"";
    }
    if (!balanced(css)) return "unbalanced brackets or quotes";
    return std::nullopt;
}

Reason proxy_problem(std::string_view proxy) {
    static constexpr std::array<std::string_view, 6> k_schemes{"http", "https", "socks4", "socks4a", "socks5", "socks5h"};
    const auto u = core::Url::parse(proxy);
    if (!u || u->host.empty() || std::find(k_schemes.begin(), k_schemes.end(), u->scheme) == k_schemes.end())
        return "not a proxy url (http://, https://, socks5://host:port ...)";
    return std::nullopt;
}

Reason header_name_problem(std::string_view name) {
    // RFC 9110 section 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "."
    //                                / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static constexpr std::string_view k_tchar_punct = "!#$%&'*+-.^_`|~";
    const auto tchar = [](char c) { return is_alnum(c) || k_tchar_punct.find(c) != std::string_view::npos; };
    if (name.empty() || !std::all_of(name.begin(), name.end(), tchar)) return "not an http header name";
    if (core::iequals(name, "user-agent")) return "set it with fetch.user_agent";
    if (core::iequals(name, "cookie")) return "set it with fetch.cookies";
    return std::nullopt;
}

Reason header_value_problem(std::string_view value) {
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
        return "contains a line break or NUL";
    return std::nullopt;
}

std::optional<std::string_view> closest_key(std::string_view key, std::span<const std::string_view> candidates) {
    // Short keys get a tighter limit, or "x" would be "corrected" to "id".
    std::optional<std::string_view> best;
    std::size_t best_distance = std::max<std::size_t>(1, std::min<std::size_t>(2, key.size() / 3)) + 1;
    const std::string lower = core::to_lower_ascii(key);
    for (std::string_view c : candidates) {
        const std::size_t d = edit_distance(lower, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace dossier::sources
