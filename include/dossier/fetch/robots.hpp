#pragma once
// robots.txt (RFC 9309, "Robots Exclusion Protocol"): parsing a file into the rules that apply
// to one crawler, and matching paths against them. No I/O; the Fetcher fetches the file.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::fetch {

/// RFC 9309 section 2.5: crawlers must parse at least 500 KiB; we parse exactly that much.
inline constexpr std::size_t k_robots_max_bytes = std::size_t{500} << 10;

/// The rules of one robots.txt for one user-agent product token. A default-constructed Robots
/// allows everything (what RFC 9309 section 2.3.1.3 prescribes for a 4xx robots.txt).
class Robots {
public:
    Robots() = default;

    /// Parses `body` (the decoded robots.txt, at most k_robots_max_bytes are read) and keeps
    /// the group for `user_agent_token` (a product token such as "dossier", matched ASCII
    /// case-insensitively against the token part of each user-agent line, section 2.2.1);
    /// when no group names the token, the "*" groups; groups for the same agent are merged.
    /// Never fails: lines that are not records are ignored (section 2.2), so garbage = allow all.
    static Robots parse(std::string_view body, std::string_view user_agent_token);

    /// True when the crawler may fetch `path_and_query` ("/a/b?c=d"; empty = "/"): the longest
    /// matching allow/disallow rule decides, allow wins a tie, no match = allowed, and
    /// "/robots.txt" is always allowed (section 2.2.2). `*` and a final `$` are the special
    /// characters of section 2.2.3; both sides are percent-normalised before comparison.
    bool allowed(std::string_view path_and_query) const;

    /// The Crawl-delay of the chosen group (non-standard; seconds, fractions allowed, capped
    /// at one day), or nothing when the group has none or it is not a number.
    std::optional<std::chrono::milliseconds> crawl_delay() const { return m_crawl_delay; }

    /// Number of allow/disallow rules kept (for tests and diagnostics).
    std::size_t rule_count() const { return m_rules.size(); }

private:
    struct Rule {
        std::string pattern;  ///< normalised, without a final '$'
        bool anchored = false;  ///< the pattern ended with '$'
        bool allow = false;
        std::size_t weight = 0;  ///< octets of the normalised pattern as written (specificity)
    };
    std::vector<Rule> m_rules;
    std::optional<std::chrono::milliseconds> m_crawl_delay;
};

}  // namespace dossier::fetch
