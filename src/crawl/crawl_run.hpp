#pragma once
// One crawl run's state machine: index requests, then article requests, driven by the
// transport's callbacks. Private to the crawl module.
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "dossier/crawl/crawler.hpp"
#include "dossier/crawl/transport.hpp"
#include "run_warc.hpp"

namespace dossier::crawl {

/// Makes `t` the transport request_stop() cancels (nullptr when no crawl runs).
void set_active_transport(Transport* t) noexcept;

/// A request in flight: what it is for.
struct Job {
    enum class Kind { index, article };
    Kind kind = Kind::index;
    std::size_t source = 0;   ///< index into the run's sources
    core::IndexSpec spec;     ///< index jobs: the index (a sitemap child keeps kind sitemap)
    core::Entry entry;        ///< article jobs: the entry that listed it
    std::string index_url;    ///< article jobs: the index that listed it
};

/// An index's validators wait for the end of the run: saved only when every entry it listed
/// was handled for good, else the next run would get a 304 and never see the rest again
/// (entries over max_new, articles that timed out, a run killed before its commit).
struct IndexProgress {
    store::IndexState state;
    bool complete = true;
};

/// Per-source counters of the run.
struct SourceState {
    const core::Source* source = nullptr;
    SourceReport report;
    Tally tally;
    extract::Hints hints;
    int max_new = 0;
    std::int64_t queued_new = 0;
    std::string first_error;
    // Content quality of what this run stored (DESIGN.md: flags shown by `sources list`).
    std::int64_t stored = 0, short_bodies = 0, no_date = 0, future_date = 0;
    std::set<std::string> body_hashes;
    bool empty_index = false;
    bool capped_index = false;  // a feed listed more items than the parser's cap
};

class CrawlRun {
public:
    CrawlRun(const ArchiveDir& dir, store::ArticleStore& store, const std::vector<core::Source>& sources,
             const CrawlOptions& options, Transport& transport);
    core::Result<CrawlReport> run();

private:
    void start_source(std::size_t i);
    void on_exchange(const fetch::Exchange& exchange);
    void on_done(fetch::Outcome&& outcome);
    void handle_index(const Job& job, fetch::Outcome& outcome);
    void handle_article(const Job& job, fetch::Outcome& outcome);
    void queue_entries(std::size_t source, const std::string& index_url, std::vector<core::Entry> entries);
    void save_index_states(bool run_ok);
    void index_failed(const Job& job, const std::string& url, const std::string& stage, const std::string& message);
    std::uint64_t add(Job job, fetch::Request request);
    void note_stored(const core::Article& a);
    void finish_source(SourceState& s);
    void stop(std::string message);
    core::Result<CrawlReport> close();

    store::ArticleStore& m_store;
    std::filesystem::path m_db_path;  ///< named in errors: SQLite's own messages name no file
    const CrawlOptions& m_options;
    Transport& m_transport;
    RunWarc m_warc;
    Pipeline m_pipeline;
    std::vector<SourceState> m_sources;
    std::unordered_map<std::string, std::size_t> m_source_index;
    std::unordered_map<std::uint64_t, Job> m_jobs;
    std::unordered_map<std::uint64_t, core::CaptureRef> m_refs;
    std::unordered_map<std::uint64_t, std::int64_t> m_started;
    std::unordered_set<std::string> m_queued_keys;
    std::unordered_map<std::string, IndexProgress> m_indexes;
    std::uint64_t m_next_id = 1;
    std::int64_t m_run_id = 0;
    /// The archive could not be written (WARC or database): the run stops, what is done is
    /// committed, and responses still arriving are not stored (they may not be archived).
    std::optional<core::Error> m_fatal;
    std::size_t m_done = 0;
};

}  // namespace dossier::crawl
