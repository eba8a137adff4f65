// Crawl state between runs (schema 4): conditional-GET validators per index URL and health
// per source. Article counts are never stored; they are counted when health is read, so a
// reextract or an import cannot leave them stale.
#include <string>

#include "dossier/store/article_store.hpp"
#include "json_text.hpp"
#include "store_state.hpp"

namespace dossier::store {

namespace {

using detail::Statement;

// Health columns in read_health's order; the article count follows them.
constexpr const char* k_health_columns =
    "h.last_attempt, h.last_success, h.last_error, h.consecutive_failures, h.last_new, h.quality_flags";

/// The health in the current row: columns first..first+5 as k_health_columns (h.* NULL when
/// the source has no health row), then the article count. Fails on a corrupt flag list.
core::Result<SourceHealth> read_health(const Statement& st, int first, std::string source_id) {
    SourceHealth h;
    h.source_id = std::move(source_id);
    h.last_attempt = st.opt_int64(first);
    h.last_success = st.opt_int64(first + 1);
    h.last_error = st.text(first + 2);
    h.consecutive_failures = st.int64(first + 3);
    h.last_new = st.int64(first + 4);
    h.articles = st.int64(first + 6);
    if (!st.is_null(first + 5)) {
        auto flags = detail::parse_json_array(st.text(first + 5));
        if (!flags) return core::fail("store: source " + h.source_id + ": corrupt quality_flags column");
        h.quality_flags = std::move(*flags);
    }
    return h;
}

}  // namespace

core::Result<std::optional<IndexState>> ArticleStore::index_state(std::string_view url) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT url, etag, last_modified, last_fetched, last_status, last_error "
                                 "FROM index_state WHERE url = ?1",
                                 "read index state");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, url);
    auto row = st->step("read index state");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return std::optional<IndexState>{};
    IndexState s;
    s.url = st->text(0);
    s.etag = st->text(1);
    s.last_modified = st->text(2);
    s.last_fetched = st->int64(3);
    s.last_status = static_cast<int>(st->int64(4));
    s.last_error = st->text(5);
    return std::optional<IndexState>(std::move(s));
}

core::Result<void> ArticleStore::put_index_state(const IndexState& s) {
    if (auto r = m_state->require_writable(); !r) return r;
    if (s.url.empty()) return core::fail("store: index state has no url");
    auto st = Statement::prepare(m_state->handle(),
                                 "INSERT OR REPLACE INTO index_state "
                                 "(url, etag, last_modified, last_fetched, last_status, last_error) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 "save index state");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, s.url);
    st->bind(2, s.etag);
    st->bind(3, s.last_modified);
    st->bind(4, s.last_fetched);
    st->bind(5, static_cast<std::int64_t>(s.last_status));
    st->bind(6, s.last_error);
    return st->run("save index state " + s.url);
}

core::Result<void> ArticleStore::record_source_crawl(std::string_view source_id, std::int64_t at, bool success,
                                                     std::string_view error, std::int64_t new_count,
                                                     const std::vector<std::string>& quality_flags) {
    if (auto r = m_state->require_writable(); !r) return r;
    if (source_id.empty()) return core::fail("store: source has no id");
    // ?3 is 1 for a success. One statement, so the failure count cannot race another writer.
    auto st = Statement::prepare(
        m_state->handle(),
        "INSERT INTO source_health (source_id, last_attempt, last_success, last_error, consecutive_failures, "
        "last_new, quality_flags) VALUES (?1, ?2, CASE WHEN ?3 THEN ?2 END, CASE WHEN ?3 THEN '' ELSE ?4 END, "
        "CASE WHEN ?3 THEN 0 ELSE 1 END, ?5, ?6) "
        "ON CONFLICT (source_id) DO UPDATE SET last_attempt = excluded.last_attempt, "
        "last_success = CASE WHEN ?3 THEN excluded.last_attempt ELSE last_success END, "
        "last_error = excluded.last_error, "
        "consecutive_failures = CASE WHEN ?3 THEN 0 ELSE consecutive_failures + 1 END, "
        "last_new = excluded.last_new, quality_flags = excluded.quality_flags",
        "record source crawl");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, source_id);
    st->bind(2, at);
    st->bind(3, std::int64_t{success ? 1 : 0});
    st->bind(4, error);
    st->bind(5, new_count);
    st->bind(6, detail::to_json_array(quality_flags));
    return st->run("record source crawl " + std::string(source_id));
}

core::Result<std::vector<SourceHealth>> ArticleStore::source_health() {
    // Every id known anywhere, each article count from one GROUP BY (served by the
    // (source_id, time) index), then the health row when there is one.
    auto st = Statement::prepare(
        m_state->handle(),
        std::string("WITH counts AS (SELECT source_id, count(*) AS n FROM articles WHERE source_id <> '' "
                    "GROUP BY source_id), "
                    "ids AS (SELECT source_id AS id FROM source_health UNION SELECT id FROM sources "
                    "UNION SELECT source_id FROM counts) "
                    "SELECT ids.id, ") +
            k_health_columns +
            ", COALESCE(c.n, 0) FROM ids LEFT JOIN source_health AS h ON h.source_id = ids.id "
            "LEFT JOIN counts AS c ON c.source_id = ids.id ORDER BY ids.id",
        "read source health");
    if (!st) return core::fail(std::move(st).error().message);
    std::vector<SourceHealth> out;
    for (;;) {
        auto row = st->step("read source health");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        auto health = read_health(*st, 1, st->text(0));
        if (!health) return core::fail(std::move(health).error().message);
        out.push_back(std::move(*health));
    }
}

core::Result<std::optional<SourceHealth>> ArticleStore::source_health(std::string_view source_id) {
    if (source_id.empty()) return std::optional<SourceHealth>{};
    // Columns 6 and 7: the article count and whether the source is known at all.
    auto st = Statement::prepare(
        m_state->handle(),
        std::string("SELECT ") + k_health_columns +
            ", (SELECT count(*) FROM articles WHERE source_id = ?1), "
            "h.source_id IS NOT NULL OR EXISTS (SELECT 1 FROM sources WHERE id = ?1) "
            "FROM (SELECT ?1) LEFT JOIN source_health AS h ON h.source_id = ?1",
        "read source health");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, source_id);
    auto row = st->step("read source health");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row || (st->int64(6) == 0 && st->int64(7) == 0)) return std::optional<SourceHealth>{};
    auto health = read_health(*st, 0, std::string(source_id));
    if (!health) return core::fail(std::move(health).error().message);
    return std::optional<SourceHealth>(std::move(*health));
}

}  // namespace dossier::store
