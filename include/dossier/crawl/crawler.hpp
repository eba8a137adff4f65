#pragma once
// `dossier crawl`: one run over the enabled sources — index pages (feed, listing, sitemap),
// then the new articles they list — archived, extracted, deduplicated and stored, with a report
// per source and a row for every failure.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/core/source.hpp"
#include "dossier/crawl/archive_dir.hpp"
#include "dossier/crawl/pipeline.hpp"
#include "dossier/fetch/fetcher.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::crawl {

struct CrawlOptions {
    std::optional<int> max_new;          ///< overrides every source's [fetch].max_new
    int default_max_new = 100;           ///< when a source sets none: a first crawl stays bounded
    bool force = false;                  ///< ignore min_interval
    std::vector<std::filesystem::path> replay;  ///< answer from these WARCs instead of the network
    fetch::Options fetch;                ///< concurrency, delays, timeouts, caps, proxy
    std::int64_t now = 0;                ///< run start, unix seconds; 0 = the current time
    std::size_t max_child_sitemaps = 5;  ///< of a sitemap index, the first N are read
    /// SQLite page cache of the crawl's connection, MiB: a crawl waits on the network, so a
    /// small cache costs it little and keeps peak memory flat as the archive grows (measured:
    /// 64 MiB made peak RSS grow 38 -> 99 MiB from 2,000 to 10,000 articles; 8 MiB, 25 -> 35).
    int db_cache_mib = 8;
    /// How new articles are judged against the archive (docs/dedup.md "Speed"): the band
    /// filter, and band probes read ahead on 8 connections of their own, which overlaps the
    /// random reads a cold page cache costs.
    store::ArticleStore::JudgingOptions judging{8, true};
    /// Progress lines ("crawl: anquanke 12/40"), for a terminal; empty = silent.
    std::function<void(const std::string&)> progress;
};

/// What one source's crawl did.
struct SourceReport {
    std::string source_id;
    bool attempted = false;       ///< false when skipped (min_interval)
    std::string skipped_because;  ///< "min_interval 1h not elapsed"
    bool index_ok = false;        ///< at least one index fetched (or not modified) and parsed
    std::int64_t entries = 0;     ///< entries the indexes listed
    std::int64_t known = 0;       ///< entries already in the archive (not fetched again)
    std::int64_t new_count = 0, duplicate = 0, not_modified = 0, failed = 0;
    std::int64_t copies = 0;   ///< of new_count: copies of stories already stored (docs/dedup.md)
    std::int64_t revised = 0;  ///< stored URLs fetched again with a changed body
    std::vector<std::string> quality_flags;
};

struct CrawlReport {
    std::int64_t run_id = 0;
    std::vector<SourceReport> sources;
    std::vector<Failure> failures;  ///< every failure, with source, URL, stage and message
    std::string warc_written;       ///< the last WARC file of the run (relative to warc/)

    /// True when some source or article failed (exit code 3).
    bool has_failures() const;
};

/// Crawls `sources` (already filtered to the ones to run) into the archive. A bad source never
/// stops the run; a bad article never stops its source. Error only when the archive cannot be
/// written (WARC or database), after committing what was done.
core::Result<CrawlReport> run_crawl(const ArchiveDir& dir, store::ArticleStore& store,
                                    const std::vector<core::Source>& sources, const CrawlOptions& options);

/// Asks a running crawl to stop soon (from a SIGINT/SIGTERM handler): outstanding requests end
/// as cancelled, what was stored is committed. Async-signal-safe.
void request_stop() noexcept;

}  // namespace dossier::crawl
