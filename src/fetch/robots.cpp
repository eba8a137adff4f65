// robots.txt per RFC 9309. Section numbers below are the RFC's.
#include "dossier/fetch/robots.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"

namespace dossier::fetch {

namespace {

/// Upper bound on Crawl-delay kept by the parser (the Fetcher applies its own, lower cap).
constexpr std::int64_t k_max_crawl_delay_ms = 24LL * 3600 * 1000;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// RFC 3986 section 2.3 unreserved characters.
bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void append_escaped(std::string& out, unsigned char c) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    out += '%';
    out += k_hex[c >> 4];
    out += k_hex[c & 0x0F];
}

/// Section 2.2.3: octets outside ASCII (and controls, space) are percent-encoded; an escaped
/// unreserved character is decoded; other escapes keep their meaning, with upper-case hex so
/// "%2f" and "%2F" compare equal. Applied to patterns and paths alike.
std::string normalise(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            const auto v = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            if (is_unreserved(v)) {
                out += static_cast<char>(v);
            } else {
                append_escaped(out, v);
            }
            i += 2;
        } else if (c >= 0x80 || c <= 0x20 || c == 0x7F) {
            append_escaped(out, c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

/// Full match of `text` against `pattern`, where '*' matches any run of octets. Greedy with
/// one backtrack point: linear in practice, O(n*m) at worst.
bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

/// Section 2.2.1: the product token is the leading run of [a-zA-Z_-] of a user-agent value.
std::string_view product_token(std::string_view value) {
    std::size_t n = 0;
    while (n < value.size()) {
        const char c = value[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) break;
        ++n;
    }
    return value.substr(0, n);
}

/// Parses a Crawl-delay value: seconds, optionally with a fraction ("2", "0.5").
std::optional<std::chrono::milliseconds> parse_delay(std::string_view v) {
    std::int64_t ms = 0;
    std::size_t i = 0;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
        ms = std::min(ms * 10 + (v[i] - '0') * 1000, k_max_crawl_delay_ms * 10);
    }
    const bool whole = i > 0;
    std::int64_t scale = 100;
    if (i < v.size() && v[i] == '.') {
        for (++i; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, scale /= 10) ms += (v[i] - '0') * scale;
    }
    if ((!whole && scale == 100) || core::trim(v.substr(i)).size() > 0) return std::nullopt;
    return std::chrono::milliseconds{std::min(ms, k_max_crawl_delay_ms)};
}

struct Line {
    std::string key;  ///< lower-case
    std::string_view value;
};

/// Section 2.2: "key : value # comment"; returns an empty key for lines that are not records.
Line split_line(std::string_view line) {
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return {};
    return {core::to_lower_ascii(core::trim(line.substr(0, colon))), core::trim(line.substr(colon + 1))};
}

struct Group {
    bool ours = false, star = false;
    bool has_rules = false;  ///< a rule line has been seen: the next user-agent starts a new group
    std::vector<std::pair<bool, std::string_view>> rules;  ///< (allow, raw pattern)
    std::optional<std::chrono::milliseconds> delay;
};

std::vector<Group> read_groups(std::string_view body, std::string_view token) {
    std::vector<Group> groups;
    std::size_t pos = 0;
    while (pos < body.size()) {
        // Section 2.2: lines end in CR, LF or CRLF.
        std::size_t end = body.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = body.size();
        const Line line = split_line(body.substr(pos, end - pos));
        pos = end + 1;
        if (line.key == "user-agent") {
            if (groups.empty() || groups.back().has_rules) groups.emplace_back();
            if (line.value == "*") {
                groups.back().star = true;
            } else if (core::iequals(product_token(line.value), token) && !token.empty()) {
                groups.back().ours = true;
            }
        } else if (groups.empty()) {
            continue;  // rules before any user-agent line belong to no group
        } else if (line.key == "allow" || line.key == "disallow") {
            groups.back().has_rules = true;
            // An empty value is no rule (section 2.2.2: "Disallow:" alone allows everything).
            if (!line.value.empty()) groups.back().rules.emplace_back(line.key == "allow", line.value);
        } else if (line.key == "crawl-delay") {
            groups.back().has_rules = true;
            if (!groups.back().delay) groups.back().delay = parse_delay(line.value);
        }
        // Other records (sitemap, host, unknown keys) neither form nor end a group.
    }
    return groups;
}

}  // namespace

Robots Robots::parse(std::string_view body, std::string_view user_agent_token) {
    body = body.substr(0, std::min(body.size(), k_robots_max_bytes));
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 byte order mark
    const std::vector<Group> groups = read_groups(body, user_agent_token);

    // Section 2.2.1: the groups naming our token, merged; else the "*" groups, merged.
    const bool have_ours = std::any_of(groups.begin(), groups.end(), [](const Group& g) { return g.ours; });
    Robots robots;
    for (const Group& g : groups) {
        if (have_ours ? !g.ours : !g.star) continue;
        if (!robots.m_crawl_delay) robots.m_crawl_delay = g.delay;
        for (const auto& [allow, raw] : g.rules) {
            Rule rule;
            rule.allow = allow;
            rule.pattern = normalise(raw);
            rule.weight = rule.pattern.size();
            if (!rule.pattern.empty() && rule.pattern.back() == '$') {
                rule.anchored = true;
                rule.pattern.pop_back();
            }
            // A prefix match is a full match of the pattern followed by "*".
            if (!rule.anchored) rule.pattern += '*';
            robots.m_rules.push_back(std::move(rule));
        }
    }
    return robots;
}

bool Robots::allowed(std::string_view path_and_query) const {
    std::string path = normalise(path_and_query.empty() ? std::string_view("/") : path_and_query);
    if (path == "/robots.txt") return true;  // section 2.2.2: implicitly allowed
    const Rule* best = nullptr;
    for (const Rule& rule : m_rules) {
        if (best && (rule.weight < best->weight || (rule.weight == best->weight && !rule.allow))) continue;
        if (!glob_match(rule.pattern, path)) continue;
        // Section 2.2.2: the most octets win; on a tie allow wins.
        best = &rule;
    }
    return best == nullptr || best->allow;
}

}  // namespace dossier::fetch
