#pragma once
// ArticleStore: the archive database (archive/dossier.db). SQLite in WAL mode with a busy
// timeout; the schema is an ordered list of migrations (PRAGMA user_version); articles are
// indexed by an external-content FTS5 table over title and body with dossier's own CJK-bigram
// tokenizer (docs/search.md). SQLite's types stay inside src/store/ (pimpl).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/article.hpp"
#include "dossier/core/result.hpp"
#include "dossier/store/crawl_state.hpp"

namespace dossier::store {

/// The newest schema version this build knows (the number of migrations).
int latest_schema_version() noexcept;

/// PRAGMA application_id of a dossier archive ("DOSS").
inline constexpr std::int32_t k_application_id = 0x444F5353;

enum class OpenMode { read_write, read_only };

/// How many of the newest matches SortOrder::rank ranks by default (ArticleFilter).
inline constexpr std::int64_t k_rank_window = 10000;

/// Filters shared by search, export (for_each) and count. All conditions are AND-ed.
struct ArticleFilter {
    std::vector<std::string> sources;   ///< source ids; empty = all
    std::optional<std::int64_t> since;  ///< unix seconds, inclusive (published, falling back to first_seen)
    std::optional<std::int64_t> until;  ///< unix seconds, exclusive
    std::string lang;                   ///< "zh", "en"; empty = all; "zh" matches "zh" and "zh-CN"
    std::int64_t limit = -1;            ///< -1 = no limit (search, for_each; count ignores it)
    std::int64_t offset = 0;
    /// SortOrder::rank only: rank every match. By default a query ranks the newest
    /// k_rank_window matches (all of them when there are fewer), so a term found in half the
    /// archive is ranked in bounded time (docs/search.md, "Ranking").
    bool exhaustive = false;
    /// How many of the newest matches SortOrder::rank ranks unless `exhaustive` (>= 1). With
    /// a source, language, tag or cve: filter, at most 3 x rank_window text matches are read
    /// for it, unless that leaves the page short (docs/search.md, "Ranking").
    std::int64_t rank_window = k_rank_window;
    /// search() only: one hit per story group (docs/dedup.md), its best-placed member, with
    /// the other members counted in SearchHit::copies. limit and offset then count stories.
    bool one_per_story = false;
};

enum class SortOrder {
    rank,    ///< best bm25 first (title weighted 10x over body), ties newest first
    newest,  ///< published (falling back to first_seen) descending
    oldest
};

/// A count of articles per key (source id or language).
struct KeyCount {
    std::string key;
    std::int64_t count = 0;
    friend bool operator==(const KeyCount&, const KeyCount&) = default;
};

/// One search result.
struct SearchHit {
    core::Article article;
    /// About 24 tokens of the body around the hits, each hit wrapped in the caller's markers,
    /// whitespace collapsed to single spaces; when only the title matched (or the query had
    /// no terms), the first ~200 characters of the body.
    std::string snippet;
    /// bm25 rank (title 10x body), lower is better, for SortOrder::rank: with IDFs sampled on
    /// the newest articles for the rank window, exact with `exhaustive` (docs/search.md,
    /// "Ranking"); 0 when the query had no terms or the order was by time.
    double rank = 0;
    /// With ArticleFilter::one_per_story: the other members of the hit's story group, and how
    /// many of them each source holds (most first). 0 and empty otherwise.
    std::int64_t copies = 0;
    std::vector<KeyCount> copy_sources;
};


/// Archive totals for `dossier stats`.
struct Stats {
    std::int64_t articles = 0;
    std::vector<KeyCount> by_source;  ///< most articles first, then by key
    std::vector<KeyCount> by_lang;    ///< most articles first; "" = unknown language
    std::optional<std::int64_t> oldest_published;  ///< unix seconds; empty when no article has a date
    std::optional<std::int64_t> newest_published;
    std::int64_t sources = 0;      ///< registered sources (upsert_source)
    std::int64_t runs = 0;         ///< crawl runs recorded
    std::int64_t db_size_bytes = 0;  ///< main database file pages (without the WAL)
    int schema_version = 0;
};

/// One CVE id of the facet (`dossier cves`): how many articles mention it, and the earliest.
struct CveCount {
    std::string cve;                  ///< "CVE-2025-59934"
    std::int64_t articles = 0;        ///< articles that mention it
    std::int64_t first_time = 0;      ///< unix seconds of the earliest (published, else first seen)
    std::int64_t first_article = 0;   ///< that article's id
    std::string first_source;         ///< and its source
};

/// What reindex() did.
struct ReindexReport {
    std::int64_t articles = 0;      ///< articles indexed
    std::int64_t cve_mentions = 0;  ///< (article, CVE id) rows
    int tokenizer_version = 0;      ///< the version the index now has (k_tokenizer_version)
};

/// One failure of a run (DESIGN.md, "Errors": every failure is a Report row).
struct RunReportRow {
    std::string source_id, url, stage, message;
    friend bool operator==(const RunReportRow&, const RunReportRow&) = default;
};

/// A recorded run (crawl, import, reextract ...).
struct RunSummary {
    std::int64_t id = 0;
    std::string kind;
    std::int64_t started_at = 0;               ///< unix seconds
    std::optional<std::int64_t> finished_at;   ///< empty while running (or when it died)
    std::int64_t new_count = 0, duplicate_count = 0, failed_count = 0;
};

/// A stored article that shares LSH band keys with an incoming one (docs/dedup.md): what
/// dedup::judge needs, read in one query. The store keeps fingerprints as bytes and knows no
/// MinHash; the crawl pipeline computes them and judges.
struct DedupCandidate {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::int64_t shared_bands = 0;  ///< band keys it shares with the query
    std::uint32_t shingles = 0;
    std::string signature;          ///< the bytes put_fingerprint stored
    std::optional<core::DateTime> published;
    std::string canonical_url;      ///< its URL key
    std::string origin_url;         ///< what its attribution names (URL-key form), may be empty
};

/// What deciding a story's original needs of one article (dedup::is_original_over).
struct StoryFacts {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::int64_t original_id = 0;  ///< its group's original
    std::optional<core::DateTime> published;
    std::string canonical_url;
    std::string origin_url;
};

/// One member of a story group, for `show` and search's "+N copies".
struct StoryMember {
    std::int64_t id = 0;
    std::string source_id, url, title;
    std::optional<core::DateTime> published;
    std::int64_t first_seen = 0;
    std::string relation;     ///< core::Article::relation
    std::string origin_name;  ///< core::Article::origin_name
    std::string origin_url;
};

/// A story group: every stored copy of one story, oldest (by sort key) first.
struct StoryGroup {
    std::int64_t id = 0;
    std::int64_t original_id = 0;  ///< the member judged the original (docs/dedup.md)
    std::vector<StoryMember> members;
};

/// One version of an article's text (`show --revisions`).
struct Revision {
    int number = 0;              ///< 1 = the first version stored
    std::int64_t fetched_at = 0;  ///< when that version's capture was made
    core::CaptureRef capture;
    std::string title, text, body_hash;
    bool current = false;        ///< the version the articles row (and search) holds
};

namespace detail {
struct StoreState;
}

/// The archive database. Move-only; owns one SQLite connection; not for concurrent use from
/// several threads (open one store per thread or process; WAL lets readers run beside a writer).
class ArticleStore {
public:
    /// Opens (creating it when `mode` is read_write and it is absent) the database at `path`:
    /// WAL, busy_timeout 5 s, synchronous=NORMAL, foreign_keys, the "dossier" tokenizer; then
    /// checks PRAGMA application_id and runs pending migrations, one transaction each.
    /// Fails, without modifying the file, when it is not an SQLite database, has tables but is
    /// not a dossier archive, or has a newer schema than this build. Read-only mode never
    /// creates or migrates: a missing file, an empty one or an older schema is an error.
    static core::Result<ArticleStore> open(const std::filesystem::path& path, OpenMode mode);

    ArticleStore(ArticleStore&&) noexcept;
    ArticleStore& operator=(ArticleStore&&) noexcept;
    ArticleStore(const ArticleStore&) = delete;
    ArticleStore& operator=(const ArticleStore&) = delete;
    ~ArticleStore();

    /// Sets this connection's page cache to `mib` MiB (64 after open). A larger cache keeps more
    /// of the indexes in memory for bulk ingest and search; a crawl, which waits on the network,
    /// trades it for a smaller, flat memory footprint. Fails when SQLite refuses (mib < 1).
    core::Result<void> set_cache_mib(int mib);

    /// How dedup_candidates reaches the band table of a large archive (docs/dedup.md "Speed").
    /// Neither changes its answer, only the random reads it costs with a cold page cache.
    struct JudgingOptions {
        /// Probes the band keys first on this many read-only connections of their own, in
        /// parallel, so that the random reads overlap; 0..32.
        int read_ahead_threads = 0;
        /// Skips the keys the archive's band filter rules out (a Bloom filter of every band key,
        /// kept by put_fingerprint in the same transactions; 10 bits per key, 62 MB at a million
        /// articles, loaded on first use). Off only to measure what it saves.
        bool use_band_filter = true;
    };
    /// Fails for a read-only store or read_ahead_threads outside 0..32.
    core::Result<void> set_judging(const JudgingOptions& options);

    /// The schema version of the open database (latest_schema_version() after a read_write open).
    int schema_version() const;

    /// Starts an explicit write transaction (BEGIN IMMEDIATE) for batched writes; put() and the
    /// other writers join it. Fails when one is already open or the database stays locked.
    core::Result<void> begin();
    /// Indexes the articles put() since begin() and commits. Fails when none is open or the
    /// indexing or the commit fails; the transaction then stays open for rollback().
    core::Result<void> commit();
    /// Rolls back the transaction begin() started; everything written since is gone.
    core::Result<void> rollback();

    /// Inserts `a` and returns its new id. Sets first_seen to now when it is 0; ignores a.id.
    /// Fails, storing nothing, when a.url is empty or SQLite fails. Outside begin() the row is
    /// committed and indexed at once; inside, it is indexed for full-text search in bulk at
    /// commit(), or earlier by any search/count/for_each on this store (docs/search.md,
    /// "Writing"), so this connection's searches always see it.
    core::Result<std::int64_t> put(const core::Article& a);
    /// The lowest id whose url or canonical_url equals `url` exactly; empty when none.
    core::Result<std::optional<std::int64_t>> find_by_url(std::string_view url);
    /// The lowest id with this body hash; empty when none (or `body_hash` is empty).
    core::Result<std::optional<std::int64_t>> find_by_body_hash(std::string_view body_hash);
    /// The article with this id, every field as put() stored it; empty when there is none.
    core::Result<std::optional<core::Article>> get(std::int64_t id);

    /// Articles matching the query language (query.hpp) and the filter, ordered by `order`.
    /// A query of field filters only lists articles newest first for SortOrder::rank.
    /// Fails with a one-line "search: ..." error for a broken query (never SQLite text).
    core::Result<std::vector<SearchHit>> search(std::string_view user_query, const ArticleFilter& f, SortOrder order,
                                                std::string_view mark_open = "[", std::string_view mark_close = "]");
    /// How many articles match (an empty query matches every article); ignores limit/offset.
    core::Result<std::int64_t> count(std::string_view user_query, const ArticleFilter& f);
    /// Calls `fn` for each article matching the filter (and the query, when not empty),
    /// newest first, one row at a time: memory does not grow with the number of rows. `fn`
    /// returns false to stop early (not an error). Fails on a broken query or a read error.
    core::Result<void> for_each(std::string_view user_query, const ArticleFilter& f,
                                const std::function<bool(const core::Article&)>& fn);
    /// CVE ids by number of mentioning articles (most first, then earliest first), counting
    /// only articles whose time (published, else first seen) is >= `since` when given; at
    /// most `limit` (-1 = all). Fails when SQLite fails.
    core::Result<std::vector<CveCount>> cve_counts(std::optional<std::int64_t> since, std::int64_t limit);
    /// The CVE ids article `id` mentions, sorted; empty for an unknown id.
    core::Result<std::vector<std::string>> article_cves(std::int64_t id);

    // --- Story groups, fingerprints and revisions (docs/dedup.md) ---

    /// Stores article `id`'s fingerprint (signature bytes, shingle count, MinHash version) and
    /// its LSH band keys (each < 2^63), replacing any it had. Fails when SQLite fails.
    core::Result<void> put_fingerprint(std::int64_t id, int version, std::uint32_t shingles, std::string_view signature,
                                       const std::vector<std::uint64_t>& bands);
    /// Articles with a fingerprint of `version` sharing at least one of `bands`, most shared
    /// bands first (then lowest id), at most `limit`. Fails when SQLite fails.
    core::Result<std::vector<DedupCandidate>> dedup_candidates(const std::vector<std::uint64_t>& bands, int version,
                                                               std::size_t limit);
    /// The fingerprint-less articles' ids, lowest first, after `after_id`, at most `limit`
    /// (for filling fingerprints in after an upgrade). Fails when SQLite fails.
    core::Result<std::vector<std::int64_t>> ids_without_fingerprint(int version, std::int64_t after_id,
                                                                    std::size_t limit);
    /// Article `id`'s group, its group's original and its dating and citation facts, in one
    /// indexed read (no text); empty for an unknown id. Fails when SQLite fails.
    core::Result<std::optional<StoryFacts>> story_facts(std::int64_t id);
    /// Ids of the articles whose origin_url equals `url_key` (they say they copy it), lowest first.
    core::Result<std::vector<std::int64_t>> find_citing(std::string_view url_key);
    /// Records that article `id`'s attribution names archived article `origin_id`.
    core::Result<void> set_origin_id(std::int64_t id, std::int64_t origin_id);
    /// Makes `article_id` the original of story group `group_id`. Fails when either is unknown
    /// or the article is not in that group.
    core::Result<void> set_group_original(std::int64_t group_id, std::int64_t article_id);
    /// The story group `group_id` with its members; empty when there is none.
    core::Result<std::optional<StoryGroup>> story(std::int64_t group_id);
    /// Number of members of each of `group_ids` (same order); 0 for an unknown group.
    core::Result<std::vector<std::int64_t>> group_sizes(const std::vector<std::int64_t>& group_ids);
    /// Replaces article `id`'s text with `newer`'s (title, body, body hash, capture, fetch time,
    /// author, updated date) and keeps the version it replaces as a revision; the full-text
    /// index and CVE rows follow. Its id, first_seen, publication date and group stay. Returns
    /// the new version's number. Fails, changing nothing, when `id` is unknown or SQLite fails.
    core::Result<int> revise(std::int64_t id, const core::Article& newer);
    /// Every version of article `id`, oldest first, the current one last; empty for an unknown id.
    core::Result<std::vector<Revision>> revisions(std::int64_t id);

    /// Totals for `dossier stats`.
    core::Result<Stats> stats();

    /// Inserts or updates a source's name, homepage and language.
    core::Result<void> upsert_source(std::string_view id, std::string_view name, std::string_view homepage,
                                     std::string_view lang);
    /// Records the start of a run of `kind` ("crawl", "import", ...) now; returns its id.
    core::Result<std::int64_t> begin_run(std::string_view kind);
    /// Adds a failure row to run `run_id`. Fails when the run does not exist.
    core::Result<void> add_report(std::int64_t run_id, const RunReportRow& row);
    /// Stores the end time and counts of run `run_id`. Fails when the run does not exist.
    core::Result<void> finish_run(std::int64_t run_id, std::int64_t new_count, std::int64_t duplicate_count,
                                  std::int64_t failed_count);
    /// The run with this id; empty when there is none.
    core::Result<std::optional<RunSummary>> run(std::int64_t run_id);
    /// The report rows of run `run_id` in the order they were added.
    core::Result<std::vector<RunReportRow>> reports(std::int64_t run_id);
    /// Adds `c`'s counts to those run `run_id` already has for c.source_id (a run may report a
    /// source in several steps). Fails when the run does not exist or c.source_id is empty.
    core::Result<void> add_run_source_counts(std::int64_t run_id, const RunSourceCounts& c);
    /// The per-source counts of run `run_id`, sorted by source id; empty for an unknown run.
    core::Result<std::vector<RunSourceCounts>> run_source_counts(std::int64_t run_id);

    /// The conditional-GET state of index `url`; empty when it was never stored.
    core::Result<std::optional<IndexState>> index_state(std::string_view url);
    /// Inserts or replaces every field of the state of s.url. Fails when s.url is empty.
    core::Result<void> put_index_state(const IndexState& s);

    /// Records the end of one crawl of `source_id` at `at` (unix seconds): last_attempt = at,
    /// last_new = new_count, quality_flags replaced by `quality_flags`. success = true sets
    /// last_success = at, clears last_error and resets consecutive_failures to 0; false
    /// stores `error` and adds 1 to consecutive_failures. Fails when source_id is empty.
    core::Result<void> record_source_crawl(std::string_view source_id, std::int64_t at, bool success,
                                           std::string_view error, std::int64_t new_count,
                                           const std::vector<std::string>& quality_flags);
    /// Every source that has a health row, an upsert_source row or articles, sorted by id,
    /// with its article count (one grouped query). A source never crawled has no last_attempt.
    /// Fails when SQLite fails or a stored flag list is corrupt.
    core::Result<std::vector<SourceHealth>> source_health();
    /// The health of one source; empty when it has no health row, no source row and no articles.
    core::Result<std::optional<SourceHealth>> source_health(std::string_view source_id);

    /// Checks that the full-text index holds exactly the articles table's text (FTS5
    /// 'integrity-check' against the content table: reads and re-tokenizes everything, so
    /// it takes minutes on a large archive; spelled as an INSERT, it takes the write lock). Fails on a read-only store, with "store: check index: ..." when the index is
    /// damaged, or when SQLite fails.
    core::Result<void> check_index();
    /// Rebuilds everything derived from the articles table without touching it: sort keys,
    /// the full-text index (re-tokenized with this build's tokenizer, then merged into one
    /// segment), the CVE rows, and the recorded tokenizer version. One transaction: a failure
    /// leaves the archive as it was. Fails on a read-only store or when SQLite fails.
    core::Result<ReindexReport> reindex();
    /// Housekeeping after a run: an incremental FTS5 'merge' step, PRAGMA optimize and a
    /// passive WAL checkpoint. Fails only when SQLite reports an error.
    core::Result<void> optimize_after_run();

private:
    explicit ArticleStore(std::unique_ptr<detail::StoreState> state);
    std::unique_ptr<detail::StoreState> m_state;
};

/// Creates (or migrates) the database at `path` only up to schema `version` (1..latest),
/// as an older dossier would have left it. For migration tests and upgrade checks; fails
/// like ArticleStore::open, or when `version` is out of range.
core::Result<void> create_archive_at_version(const std::filesystem::path& path, int version);

}  // namespace dossier::store
