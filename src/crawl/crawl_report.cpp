// The run as a whole: start every source, drive the transport, then write the report, the
// source health and the run's counts into the archive.
#include <atomic>

#include "crawl_run.hpp"
#include "dossier/core/date_time.hpp"

namespace dossier::crawl {

namespace {

/// Quality flags (DESIGN.md): signs that a source's pages changed under its extraction rules.
/// Thresholds: a majority of new articles, so one short news brief does not raise a flag.
std::vector<std::string> quality_flags(const SourceState& s) {
    std::vector<std::string> flags;
    if (s.empty_index) flags.emplace_back("index_empty");
    if (s.capped_index) flags.emplace_back("index_capped");
    if (s.stored == 0) return flags;
    if (s.short_bodies * 2 > s.stored) flags.emplace_back("body_too_short");
    if (s.no_date * 2 > s.stored) flags.emplace_back("no_date");
    if (s.future_date > 0) flags.emplace_back("future_date");
    if (s.stored >= 2 && s.body_hashes.size() == 1) flags.emplace_back("same_body");
    return flags;
}

}  // namespace

bool CrawlReport::has_failures() const { return !failures.empty(); }

core::Result<CrawlReport> CrawlRun::run() {
    auto run_id = m_store.begin_run("crawl");
    if (!run_id) return core::fail(run_id.error().message);
    m_run_id = *run_id;
    for (std::size_t i = 0; i < m_sources.size(); ++i) start_source(i);
    m_transport.run([this](const fetch::Exchange& e) { on_exchange(e); },
                    [this](fetch::Outcome&& o) { on_done(std::move(o)); });
    return close();
}

void CrawlRun::finish_source(SourceState& s) {
    SourceReport& r = s.report;
    r.new_count = s.tally.stored;
    r.duplicate = s.tally.duplicate;
    r.copies = s.tally.copies;
    r.revised = s.tally.revised;
    r.failed = s.tally.failed();
    r.quality_flags = quality_flags(s);
    if (!r.attempted) return;
    const bool ok = r.index_ok;
    (void)m_store.record_source_crawl(r.source_id, m_options.now, ok, ok ? std::string() : s.first_error, r.new_count,
                                      r.quality_flags);
    store::RunSourceCounts counts;
    counts.source_id = r.source_id;
    counts.new_count = r.new_count;
    counts.duplicate = r.duplicate;
    counts.not_modified = r.not_modified;
    counts.failed = r.failed;
    (void)m_store.add_run_source_counts(m_run_id, counts);
}

core::Result<CrawlReport> CrawlRun::close() {
    auto committed = m_pipeline.finish();
    save_index_states(committed.has_value() && !m_fatal);
    CrawlReport report;
    report.run_id = m_run_id;
    report.warc_written = m_warc.name();
    std::int64_t stored = 0, duplicate = 0;
    for (auto& s : m_sources) {
        finish_source(s);
        stored += s.report.new_count;
        duplicate += s.report.duplicate;
        for (auto& f : s.tally.failures) {
            (void)m_store.add_report(m_run_id, {f.source, f.where, f.stage, f.message});
            report.failures.push_back(std::move(f));
        }
        report.sources.push_back(std::move(s.report));
    }
    (void)m_store.finish_run(m_run_id, stored, duplicate, static_cast<std::int64_t>(report.failures.size()));
    (void)m_store.optimize_after_run();
    if (m_fatal) return core::fail(m_fatal->message);
    if (!committed) return core::fail(committed.error().message + ": " + m_db_path.string());
    return report;
}

core::Result<CrawlReport> run_crawl(const ArchiveDir& dir, store::ArticleStore& store,
                                    const std::vector<core::Source>& sources, const CrawlOptions& options) {
    CrawlOptions opts = options;
    if (opts.now == 0) opts.now = core::now_seconds();
    if (auto ok = dir.prepare_for_writing(); !ok) return core::fail(ok.error().message);
    if (auto ok = store.set_cache_mib(opts.db_cache_mib); !ok) return core::fail(ok.error().message);
    if (auto ok = store.set_judging(opts.judging); !ok) return core::fail(ok.error().message);
    std::unique_ptr<Transport> transport;
    if (opts.replay.empty()) {
        transport = network_transport(opts.fetch);
    } else {
        auto replay = replay_transport(opts.replay, dir.warc_dir());
        if (!replay) return core::fail(replay.error().message);
        transport = std::move(*replay);
    }
    CrawlRun run(dir, store, sources, opts, *transport);
    set_active_transport(transport.get());
    auto report = run.run();
    set_active_transport(nullptr);
    return report;
}

}  // namespace dossier::crawl
