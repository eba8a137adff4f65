// dossier reindex: everything derived from the articles rows, rebuilt from them.
#include <string>

#include "dossier/store/article_store.hpp"
#include "dossier/store/search_tokenizer.hpp"
#include "index_queue.hpp"
#include "store_state.hpp"

namespace dossier::store {

namespace {

core::Result<std::int64_t> count_of(sqlite3* db, const char* sql, const char* what) {
    auto st = detail::Statement::prepare(db, sql, what);
    if (!st) return core::fail(std::move(st).error().message);
    auto row = st->step(what);
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? st->int64(0) : 0;
}

core::Result<ReindexReport> rebuild_all(sqlite3* db) {
    // Keys first: the update trigger re-indexes a changed row, and 'rebuild' then starts over.
    const std::string meta = "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('tokenizer_version', '" +
                             std::to_string(k_tokenizer_version) + "')";
    const char* steps[][2] = {
        {"UPDATE articles SET sort_key = dossier_sort_key(COALESCE(published_at, first_seen), id) "
         "WHERE sort_key IS NOT dossier_sort_key(COALESCE(published_at, first_seen), id)",
         "reindex: sort keys"},
        {"INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')", "reindex: rebuild full-text index"},
        {"INSERT INTO articles_fts (articles_fts) VALUES ('optimize')", "reindex: merge full-text index"},
        {"DELETE FROM article_cves", "reindex: cve ids"},
        {"INSERT INTO article_cves (cve, sort_key, article_id) "
         "SELECT j.value, a.sort_key, a.id FROM articles AS a, json_each(dossier_cves(a.title, a.body)) AS j",
         "reindex: cve ids"},
        {meta.c_str(), "reindex: tokenizer version"},
    };
    for (const auto& [sql, what] : steps)
        if (auto r = detail::exec(db, sql, what); !r) return core::fail(r.error().message);
    ReindexReport report;
    report.tokenizer_version = k_tokenizer_version;
    auto articles = count_of(db, "SELECT count(*) FROM articles", "reindex: count");
    if (!articles) return core::fail(std::move(articles).error().message);
    report.articles = *articles;
    auto cves = count_of(db, "SELECT count(*) FROM article_cves", "reindex: count");
    if (!cves) return core::fail(std::move(cves).error().message);
    report.cve_mentions = *cves;
    return report;
}

}  // namespace

core::Result<ReindexReport> ArticleStore::reindex() {
    if (auto r = m_state->require_writable(); !r) return core::fail(r.error().message);
    sqlite3* db = m_state->handle();
    if (sqlite3_get_autocommit(db) == 0) return core::fail("store: reindex: a transaction is already open");
    if (auto r = detail::exec(db, "BEGIN IMMEDIATE", "reindex"); !r) return core::fail(r.error().message);
    auto report = rebuild_all(db);
    if (!report) {
        (void)detail::exec(db, "ROLLBACK", "reindex: roll back");
        return report;
    }
    if (auto r = detail::exec(db, "COMMIT", "reindex: commit"); !r) {
        (void)detail::exec(db, "ROLLBACK", "reindex: roll back");
        return core::fail(r.error().message);
    }
    return report;
}

}  // namespace dossier::store
