#pragma once
// What the nightly crawler keeps between runs (schema 4, docs/store.md): conditional-GET
// validators per index URL, health per source, and per-source counts of each run. Plain
// values; ArticleStore (article_store.hpp) reads and writes them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dossier::store {

/// The last fetch of one index URL (feed, listing or sitemap), for a conditional GET next time.
struct IndexState {
    std::string url;
    std::string etag;           ///< ETag response header as received (quotes and W/ kept); "" = none
    std::string last_modified;  ///< Last-Modified response header as received; "" = none
    std::int64_t last_fetched = 0;  ///< unix seconds of the last attempt; 0 = never
    int last_status = 0;            ///< HTTP status of the last attempt (304 included); 0 = no response
    std::string last_error;         ///< "" when the last attempt got a usable response
    friend bool operator==(const IndexState&, const IndexState&) = default;
};

/// How one source's crawls have gone (`dossier sources`).
struct SourceHealth {
    std::string source_id;
    std::optional<std::int64_t> last_attempt;  ///< unix seconds of the last crawl; empty = never crawled
    std::optional<std::int64_t> last_success;  ///< unix seconds of the last successful crawl
    std::string last_error;                    ///< of the last crawl; "" after a success
    std::int64_t consecutive_failures = 0;     ///< failed crawls since the last success
    std::int64_t articles = 0;                 ///< articles stored with this source_id (counted, not kept)
    std::int64_t last_new = 0;                 ///< new articles the last crawl stored
    /// Quality warnings of the last crawl, in the order given: "body_too_short", "no_date",
    /// "future_date", "same_body", "listing_empty", ...
    std::vector<std::string> quality_flags;
    friend bool operator==(const SourceHealth&, const SourceHealth&) = default;
};

/// What one run did for one source.
struct RunSourceCounts {
    std::string source_id;
    std::int64_t new_count = 0;     ///< articles stored as new
    std::int64_t duplicate = 0;     ///< entries already stored or judged copies
    std::int64_t not_modified = 0;  ///< index or article fetches answered 304 Not Modified
    std::int64_t failed = 0;        ///< fetch, parse or extract failures (each also a report row)
    friend bool operator==(const RunSourceCounts&, const RunSourceCounts&) = default;
};

}  // namespace dossier::store
