#include "crawl_run.hpp"

#include <algorithm>
#include <atomic>

#include "dossier/archive/http_response.hpp"
#include "dossier/core/date_time.hpp"
#include "dossier/dedup/url_key.hpp"
#include "dossier/feed/feed.hpp"
#include "dossier/listing/listing.hpp"
#include "dossier/text/charset.hpp"

namespace dossier::crawl {

namespace {

std::atomic<Transport*> g_active{nullptr};

extract::Hints hints_for(const core::Source& s) {
    extract::Hints h;
    h.title = s.article.title;
    h.body = s.article.body;
    h.date = s.article.date;
    h.author = s.article.author;
    h.remove = s.article.remove;
    h.timezone = s.timezone;
    h.lang = s.lang;
    return h;
}

/// Newest first, entries without a date last, so that max_new keeps the newest articles.
void newest_first(std::vector<core::Entry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const core::Entry& a, const core::Entry& b) {
        if (a.published && b.published) return a.published->seconds > b.published->seconds;
        return a.published.has_value() && !b.published.has_value();
    });
}

/// Failures that may pass by the next run: worth fetching the index in full again.
bool is_transient(const fetch::Outcome& o) {
    switch (o.status) {
        case fetch::Status::timeout: case fetch::Status::connect_error: case fetch::Status::dns_error:
        case fetch::Status::cancelled: case fetch::Status::other:
            return true;
        case fetch::Status::http_error:
            return o.http_status == 0 || o.http_status == 408 || o.http_status == 429 || o.http_status >= 500;
        default:
            return false;
    }
}

}  // namespace

void request_stop() noexcept {
    if (Transport* t = g_active.load()) t->cancel();
}

void set_active_transport(Transport* t) noexcept { g_active.store(t); }

CrawlRun::CrawlRun(const ArchiveDir& dir, store::ArticleStore& store, const std::vector<core::Source>& sources,
                   const CrawlOptions& options, Transport& transport)
    : m_store(store),
      m_db_path(dir.db_path()),
      m_options(options),
      m_transport(transport),
      m_warc(dir, options.now, "dossier crawl"),
      m_pipeline(store, [this] {
          PipelineOptions o;
          o.before_commit = [this]() -> core::Result<void> { return m_warc.flush(); };
          o.on_stored = [this](const core::Article& a) { note_stored(a); };
          return o;
      }()) {
    for (const auto& src : sources) {
        SourceState s;
        s.source = &src;
        s.report.source_id = src.id;
        s.hints = hints_for(src);
        s.max_new = options.max_new.value_or(src.fetch.max_new.value_or(options.default_max_new));
        m_source_index[src.id] = m_sources.size();
        m_sources.push_back(std::move(s));
    }
}

std::uint64_t CrawlRun::add(Job job, fetch::Request request) {
    const std::uint64_t id = m_next_id++;
    request.id = id;
    const core::Source& src = *m_sources[job.source].source;
    request.proxy = src.fetch.proxy;
    request.user_agent = src.fetch.user_agent;
    request.cookies = src.fetch.cookies;
    request.headers = src.fetch.headers;
    m_jobs.emplace(id, std::move(job));
    m_transport.add(std::move(request));
    return id;
}

void CrawlRun::start_source(std::size_t i) {
    SourceState& s = m_sources[i];
    const core::Source& src = *s.source;
    auto health = m_store.source_health(src.id);
    if (health && *health && (*health)->last_attempt && src.fetch.min_interval_seconds && !m_options.force &&
        m_options.now - *(*health)->last_attempt < *src.fetch.min_interval_seconds) {
        s.report.skipped_because = "min_interval not elapsed since the last crawl";
        return;
    }
    s.report.attempted = true;
    (void)m_store.upsert_source(src.id, src.name, src.homepage, src.lang);
    for (const auto& spec : src.index) {
        fetch::Request r;
        r.url = spec.url;
        if (auto state = m_store.index_state(spec.url); state && *state && m_options.replay.empty()) {
            r.etag = (*state)->etag;
            r.last_modified = (*state)->last_modified;
        }
        add(Job{Job::Kind::index, i, spec, {}, {}}, std::move(r));
    }
}

void CrawlRun::stop(std::string message) {
    if (m_fatal) return;
    m_fatal = core::Error{std::move(message)};
    m_transport.cancel();
}

void CrawlRun::on_exchange(const fetch::Exchange& exchange) {
    if (m_fatal) return;
    auto writer = m_warc.writer();
    if (!writer) return stop(writer.error().message);
    auto ref = (*writer)->write_response(exchange.url, exchange.started_at, exchange.response_block, exchange.ip,
                                         exchange.truncated);
    if (!ref) return stop(ref.error().message);
    if (!exchange.request_block.empty())
        (void)(*writer)->write_request(exchange.url, exchange.started_at, exchange.request_block,
                                       (*writer)->last_record_id());
    if (exchange.is_robots) return;
    core::CaptureRef stored = *ref;
    stored.warc_file = m_warc.name();
    m_refs[exchange.request_id] = stored;
    m_started[exchange.request_id] = exchange.started_at;
}

void CrawlRun::on_done(fetch::Outcome&& outcome) {
    auto it = m_jobs.find(outcome.id);
    if (it == m_jobs.end()) return;
    const Job job = std::move(it->second);
    m_jobs.erase(it);
    ++m_done;
    // After a fatal error nothing more is handled: this response may not be in the WARC file
    // (its write may be the one that failed), and a row must never lack its capture. No index
    // keeps its validators either (close()), so the next run lists every entry again.
    if (!m_fatal && job.kind == Job::Kind::index)
        handle_index(job, outcome);
    else if (!m_fatal)
        handle_article(job, outcome);
    m_refs.erase(outcome.id);
    m_started.erase(outcome.id);
    if (m_options.progress)
        m_options.progress("crawl: " + std::to_string(m_done) + " done, " + std::to_string(m_jobs.size()) + " to go");
}

void CrawlRun::index_failed(const Job& job, const std::string& url, const std::string& stage,
                            const std::string& message) {
    SourceState& s = m_sources[job.source];
    if (s.first_error.empty()) s.first_error = message;
    s.tally.fail(url, stage, message, s.source->id);
}

void CrawlRun::handle_index(const Job& job, fetch::Outcome& outcome) {
    SourceState& s = m_sources[job.source];
    IndexProgress& progress = m_indexes[job.spec.url];
    store::IndexState& state = progress.state;
    if (auto old = m_store.index_state(job.spec.url); old && *old) state = **old;  // keep validators by default
    state.url = job.spec.url;
    state.last_fetched = m_options.now;
    state.last_status = outcome.http_status;
    state.last_error.clear();
    if (outcome.status == fetch::Status::not_modified) {
        ++s.report.not_modified;
        s.report.index_ok = true;
        return;
    }
    if (outcome.status != fetch::Status::ok) {
        state.last_error = outcome.message;
        return index_failed(job, outcome.url, "fetch", outcome.message);
    }
    auto capture = archive::parse_http_response(outcome.response_block, m_options.fetch.max_body_bytes);
    if (!capture) {
        state.last_error = capture.error().message;
        return index_failed(job, outcome.final_url, "fetch", capture.error().message);
    }
    state.etag = outcome.etag;
    state.last_modified = outcome.last_modified;

    std::vector<core::Entry> entries;
    if (job.spec.kind == core::IndexSpec::Kind::listing) {
        auto utf8 = text::decode_to_utf8(capture->body, capture->header("content-type"));
        if (!utf8) return index_failed(job, outcome.final_url, "listing", utf8.error().message);
        auto listed = listing::parse(utf8->utf8, outcome.final_url, job.spec);
        if (!listed) return index_failed(job, outcome.final_url, "listing", listed.error().message);
        entries = std::move(listed->entries);
    } else {
        auto parsed = feed::parse(capture->body, outcome.final_url);
        if (!parsed) return index_failed(job, outcome.final_url, "feed", parsed.error().message);
        const std::size_t children = std::min(parsed->child_sitemaps.size(), m_options.max_child_sitemaps);
        for (std::size_t c = 0; c < children; ++c) {
            fetch::Request r;
            r.url = parsed->child_sitemaps[c];
            core::IndexSpec child = job.spec;
            child.url = r.url;
            add(Job{Job::Kind::index, job.source, child, {}, {}}, std::move(r));
        }
        if (children < parsed->child_sitemaps.size()) progress.complete = false;
        entries = std::move(parsed->entries);
        for (const std::string& w : parsed->warnings)
            if (w.find("item cap") != std::string::npos) s.capped_index = true;
        if (entries.empty() && children > 0) {
            s.report.index_ok = true;
            return;
        }
    }
    s.report.index_ok = true;
    if (entries.empty()) s.empty_index = true;
    queue_entries(job.source, job.spec.url, std::move(entries));
}

void CrawlRun::queue_entries(std::size_t source, const std::string& index_url, std::vector<core::Entry> entries) {
    SourceState& s = m_sources[source];
    newest_first(entries);
    for (auto& entry : entries) {
        ++s.report.entries;
        const std::string key = dedup::url_key(entry.url);
        if (!m_queued_keys.insert(key).second) continue;  // listed twice in this run
        // Known and unchanged since its capture (the entry's updated date): nothing to fetch. A
        // known URL whose entry says it changed is fetched again and becomes a revision.
        auto wanted = m_pipeline.needs_fetch(entry);
        if (wanted && !*wanted) {
            ++s.report.known;
            continue;
        }
        if (s.queued_new >= s.max_new) {
            m_indexes[index_url].complete = false;  // the rest waits for the next run
            continue;
        }
        ++s.queued_new;
        fetch::Request r;
        r.url = entry.url;
        add(Job{Job::Kind::article, source, {}, std::move(entry), index_url}, std::move(r));
    }
}

void CrawlRun::save_index_states(bool run_ok) {
    for (auto& [url, progress] : m_indexes) {
        if (!run_ok || !progress.complete) {
            progress.state.etag.clear();
            progress.state.last_modified.clear();
        }
        (void)m_store.put_index_state(progress.state);
    }
}

void CrawlRun::handle_article(const Job& job, fetch::Outcome& outcome) {
    SourceState& s = m_sources[job.source];
    if (outcome.status != fetch::Status::ok) {
        s.tally.fail(outcome.url, "fetch", outcome.message, s.source->id);
        if (is_transient(outcome)) m_indexes[job.index_url].complete = false;  // retried next run
        return;
    }
    auto capture = archive::parse_http_response(outcome.response_block, m_options.fetch.max_body_bytes);
    if (!capture) {
        s.tally.fail(outcome.final_url, "fetch", capture.error().message, s.source->id);
        return;
    }
    capture->url = outcome.final_url;
    auto started = m_started.find(outcome.id);
    const std::int64_t archived_at = m_transport.archived_at(outcome.id);
    capture->fetched_at = started != m_started.end() ? started->second : archived_at != 0 ? archived_at : m_options.now;
    auto ref = m_refs.find(outcome.id);
    capture->ref = ref != m_refs.end() ? ref->second : m_transport.archived_ref(outcome.id);
    if (capture->ref.empty()) {  // archive first, always: no row without its capture
        s.tally.fail(outcome.final_url, "archive", "crawl: response was not archived: " + outcome.final_url,
                     s.source->id);
        return;
    }
    if (!is_html(*capture)) {
        s.tally.fail(outcome.final_url, "extract",
                     "extract: not HTML: " + capture->media_type() + (looks_binary(*capture) ? " (binary data)" : ""),
                     s.source->id);
        return;
    }
    const CaptureContext context{s.source->id, s.hints, &job.entry};
    const std::size_t failures = s.tally.failures.size();
    m_pipeline.process(*capture, s.tally, &context);
    // A store failure is the database refusing a write (disk full, I/O error), not a bad
    // article: stop, as for a WARC write error, instead of failing every article after it.
    if (s.tally.failures.size() > failures && s.tally.failures.back().stage == "store")
        stop(s.tally.failures.back().message + ": " + m_db_path.string());
}

void CrawlRun::note_stored(const core::Article& a) {
    auto it = m_source_index.find(a.source_id);
    if (it == m_source_index.end()) return;
    SourceState& s = m_sources[it->second];
    ++s.stored;
    if (a.text.size() < 500) ++s.short_bodies;
    if (!a.published) ++s.no_date;
    if (a.published && a.published->seconds > m_options.now + 86400) ++s.future_date;
    s.body_hashes.insert(a.body_hash);
}

}  // namespace dossier::crawl
