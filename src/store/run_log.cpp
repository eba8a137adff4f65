// Sources, runs and report rows, archive totals and post-run housekeeping.
#include "dossier/core/date_time.hpp"
#include "dossier/store/article_store.hpp"
#include "index_queue.hpp"
#include "store_state.hpp"

namespace dossier::store {

namespace {

using detail::Statement;

/// Prepares `sql`, binds nothing, and returns the first column of the first row (0 when none).
core::Result<std::int64_t> scalar(sqlite3* db, const char* sql, const char* what) {
    auto st = Statement::prepare(db, sql, what);
    if (!st) return core::fail(std::move(st).error().message);
    auto row = st->step(what);
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? st->int64(0) : 0;
}

core::Result<std::vector<KeyCount>> counts(sqlite3* db, const char* sql) {
    auto st = Statement::prepare(db, sql, "stats");
    if (!st) return core::fail(std::move(st).error().message);
    std::vector<KeyCount> out;
    for (;;) {
        auto row = st->step("stats");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(KeyCount{st->text(0), st->int64(1)});
    }
}

core::Result<void> run_exists(sqlite3* db, std::int64_t run_id) {
    auto st = Statement::prepare(db, "SELECT 1 FROM crawl_runs WHERE id = ?1", "find run");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    auto row = st->step("find run");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return core::fail("store: no run " + std::to_string(run_id));
    return {};
}

}  // namespace

core::Result<void> ArticleStore::upsert_source(std::string_view id, std::string_view name, std::string_view homepage,
                                               std::string_view lang) {
    if (auto r = m_state->require_writable(); !r) return r;
    if (id.empty()) return core::fail("store: source has no id");
    auto st = Statement::prepare(m_state->handle(),
                                 "INSERT INTO sources (id, name, homepage, lang, added_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                 "ON CONFLICT (id) DO UPDATE SET name = excluded.name, homepage = excluded.homepage, "
                                 "lang = excluded.lang",
                                 "save source");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    st->bind(2, name);
    st->bind(3, homepage);
    st->bind(4, lang);
    st->bind(5, core::now_seconds());
    return st->run("save source " + std::string(id));
}

core::Result<std::int64_t> ArticleStore::begin_run(std::string_view kind) {
    if (auto r = m_state->require_writable(); !r) return core::fail(r.error().message);
    auto st = Statement::prepare(m_state->handle(), "INSERT INTO crawl_runs (kind, started_at) VALUES (?1, ?2)",
                                 "start run");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, kind);
    st->bind(2, core::now_seconds());
    if (auto r = st->run("start run"); !r) return core::fail(r.error().message);
    return sqlite3_last_insert_rowid(m_state->handle());
}

core::Result<void> ArticleStore::add_report(std::int64_t run_id, const RunReportRow& row) {
    if (auto r = m_state->require_writable(); !r) return r;
    auto st = Statement::prepare(m_state->handle(),
                                 "INSERT INTO run_reports (run_id, source_id, url, stage, message, at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 "add report");
    if (!st) return core::fail(std::move(st).error().message);
    if (auto r = run_exists(m_state->handle(), run_id); !r) return r;
    st->bind(1, run_id);
    st->bind(2, row.source_id);
    st->bind(3, row.url);
    st->bind(4, row.stage);
    st->bind(5, row.message);
    st->bind(6, core::now_seconds());
    return st->run("add report");
}

core::Result<void> ArticleStore::finish_run(std::int64_t run_id, std::int64_t new_count, std::int64_t duplicate_count,
                                            std::int64_t failed_count) {
    if (auto r = m_state->require_writable(); !r) return r;
    auto st = Statement::prepare(m_state->handle(),
                                 "UPDATE crawl_runs SET finished_at = ?2, new_count = ?3, duplicate_count = ?4, "
                                 "failed_count = ?5 WHERE id = ?1",
                                 "finish run");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    st->bind(2, core::now_seconds());
    st->bind(3, new_count);
    st->bind(4, duplicate_count);
    st->bind(5, failed_count);
    if (auto r = st->run("finish run"); !r) return r;
    if (sqlite3_changes(m_state->handle()) == 0) return core::fail("store: no run " + std::to_string(run_id));
    return {};
}

core::Result<std::optional<RunSummary>> ArticleStore::run(std::int64_t run_id) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT id, kind, started_at, finished_at, new_count, duplicate_count, failed_count "
                                 "FROM crawl_runs WHERE id = ?1",
                                 "read run");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    auto row = st->step("read run");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return std::optional<RunSummary>{};
    RunSummary r;
    r.id = st->int64(0);
    r.kind = st->text(1);
    r.started_at = st->int64(2);
    r.finished_at = st->opt_int64(3);
    r.new_count = st->int64(4);
    r.duplicate_count = st->int64(5);
    r.failed_count = st->int64(6);
    return std::optional<RunSummary>(std::move(r));
}

core::Result<std::vector<RunReportRow>> ArticleStore::reports(std::int64_t run_id) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT source_id, url, stage, message FROM run_reports WHERE run_id = ?1 ORDER BY id",
                                 "read reports");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    std::vector<RunReportRow> out;
    for (;;) {
        auto row = st->step("read reports");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(RunReportRow{st->text(0), st->text(1), st->text(2), st->text(3)});
    }
}

core::Result<void> ArticleStore::add_run_source_counts(std::int64_t run_id, const RunSourceCounts& c) {
    if (auto r = m_state->require_writable(); !r) return r;
    if (c.source_id.empty()) return core::fail("store: run counts have no source id");
    if (auto r = run_exists(m_state->handle(), run_id); !r) return r;
    auto st = Statement::prepare(m_state->handle(),
                                 "INSERT INTO run_source_counts (run_id, source_id, new_count, duplicate, not_modified, "
                                 "failed) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (run_id, source_id) DO UPDATE SET "
                                 "new_count = new_count + excluded.new_count, duplicate = duplicate + excluded.duplicate, "
                                 "not_modified = not_modified + excluded.not_modified, failed = failed + excluded.failed",
                                 "add run counts");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    st->bind(2, c.source_id);
    st->bind(3, c.new_count);
    st->bind(4, c.duplicate);
    st->bind(5, c.not_modified);
    st->bind(6, c.failed);
    return st->run("add run counts " + c.source_id);
}

core::Result<std::vector<RunSourceCounts>> ArticleStore::run_source_counts(std::int64_t run_id) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT source_id, new_count, duplicate, not_modified, failed FROM run_source_counts "
                                 "WHERE run_id = ?1 ORDER BY source_id",
                                 "read run counts");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, run_id);
    std::vector<RunSourceCounts> out;
    for (;;) {
        auto row = st->step("read run counts");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(RunSourceCounts{st->text(0), st->int64(1), st->int64(2), st->int64(3), st->int64(4)});
    }
}

core::Result<Stats> ArticleStore::stats() {
    sqlite3* db = m_state->handle();
    Stats s;
    s.schema_version = m_state->version;
    auto total = scalar(db, "SELECT count(*) FROM articles", "stats");
    auto sources = scalar(db, "SELECT count(*) FROM sources", "stats");
    auto runs = scalar(db, "SELECT count(*) FROM crawl_runs", "stats");
    auto size = scalar(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size", "stats");
    if (!total || !sources || !runs || !size)
        return core::fail((!total ? total : !sources ? sources : !runs ? runs : size).error().message);
    s.articles = *total;
    s.sources = *sources;
    s.runs = *runs;
    s.db_size_bytes = *size;
    auto by_source = counts(db, "SELECT source_id, count(*) AS n FROM articles GROUP BY source_id ORDER BY n DESC, source_id");
    auto by_lang = counts(db, "SELECT lang, count(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang");
    if (!by_source) return core::fail(std::move(by_source).error().message);
    if (!by_lang) return core::fail(std::move(by_lang).error().message);
    s.by_source = std::move(*by_source);
    s.by_lang = std::move(*by_lang);
    auto st = Statement::prepare(db, "SELECT min(published_at), max(published_at) FROM articles", "stats");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = st->step("stats");
    if (!row) return core::fail(std::move(row).error().message);
    if (*row) {
        s.oldest_published = st->opt_int64(0);
        s.newest_published = st->opt_int64(1);
    }
    return s;
}

core::Result<void> ArticleStore::check_index() {
    // 'integrity-check' only reads, but it is spelled as an INSERT, so SQLite needs a
    // writable connection and takes the write lock for it. The argument 1 makes FTS5 also
    // re-tokenize the articles table (external content) and compare; without it only the
    // index's internal structure is checked.
    if (auto r = m_state->require_writable(); !r) return r;
    if (auto r = detail::index_queued(*m_state); !r) return r;
    return detail::exec(m_state->handle(), "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                        "check index");
}

core::Result<void> ArticleStore::optimize_after_run() {
    if (auto r = m_state->require_writable(); !r) return r;
    sqlite3* db = m_state->handle();
    if (auto r = detail::index_queued(*m_state); !r) return r;
    // 'merge' does a bounded amount of segment merging (here ~500 pages), keeping query
    // latency flat as segments accumulate without the cost of a full 'optimize'.
    if (auto r = detail::exec(db, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', 500)", "merge index"); !r)
        return r;
    if (auto r = detail::exec(db, "PRAGMA optimize", "optimize"); !r) return r;
    return detail::exec(db, "PRAGMA wal_checkpoint(PASSIVE)", "checkpoint");
}

}  // namespace dossier::store
