#pragma once
// Source: one site dossier follows, as defined by feeds/<id>.toml (DESIGN.md, "Source definitions").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::core {

/// One place to discover articles: a feed, a listing page, or a sitemap.
struct IndexSpec {
    enum class Kind { feed, listing, sitemap };
    Kind kind = Kind::feed;
    std::string url;
    // Listing pages only: CSS selectors (the html module's subset); "sel@attr" reads an attribute.
    std::string item;   ///< one element per entry
    std::string link;   ///< within an item: the article link (default "a@href")
    std::string title;  ///< within an item: the title text
    std::string date;   ///< within an item: the date text or attribute
};

/// Optional extraction hints ([article] table); on a miss the generic cascade takes over.
struct ArticleHints {
    std::string title, body, date, author;  ///< selectors; "sel@attr" reads an attribute
    std::vector<std::string> remove;        ///< selectors removed from the body before extraction
};

/// Per-source fetch overrides ([fetch] table); empty = the crawl's defaults.
struct FetchSettings {
    std::optional<std::int64_t> min_interval_seconds;  ///< do not crawl the source more often than this
    std::optional<int> max_new;                        ///< new articles per run at most
    std::string proxy;
    std::string user_agent;
    std::string cookies;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Splits a field selector "sel@attr" into {selector, attribute}: at the last '@' outside
/// [...], (...) and quoted strings (a backslash escapes inside quotes), and only when what
/// follows is an attribute name — so a[href*="@"] and a[href*="/@"]@href both read right.
/// The attribute is empty when there is none. Both parts are trimmed.
std::pair<std::string, std::string> split_selector_attr(std::string_view spec);

/// The position of the '@' that split_selector_attr would split at (the last one outside
/// brackets, parentheses and quotes), whatever follows it; npos when there is none.
std::size_t selector_attr_at(std::string_view spec);

struct Source {
    std::string id;        ///< = the file name without .toml
    std::string name;
    std::string homepage;
    std::string lang;      ///< BCP 47 ("zh", "en")
    std::string timezone;  ///< IANA name, for dates printed without an offset
    std::vector<std::string> tags;
    bool enabled = true;
    std::vector<IndexSpec> index;
    ArticleHints article;
    FetchSettings fetch;
    std::string path;      ///< the file it was loaded from (for messages)
};

}  // namespace dossier::core
