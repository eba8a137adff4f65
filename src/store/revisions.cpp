// Revisions (migration 6, docs/dedup.md "Revisions"): a stored URL fetched again with a
// changed body. The articles row takes the newest version, so search finds what the page says
// now; each replaced version moves to article_revisions with the capture it came from, so
// nothing fetched is ever lost and `show --revisions` can diff them.
#include <cstdint>
#include <string>

#include "article_rows.hpp"
#include "dossier/core/date_time.hpp"
#include "index_queue.hpp"
#include "json_text.hpp"
#include "store_state.hpp"

namespace dossier::store {

using detail::Statement;
using detail::StoreState;

namespace {

core::Result<void> keep_old_version(sqlite3* db, std::int64_t id) {
    auto st = Statement::prepare(
        db,
        "INSERT INTO article_revisions (article_id, title, body, body_hash, fetched_at, capture_file, "
        "capture_offset, capture_length, replaced_at) SELECT id, title, body, body_hash, fetched_at, capture_file, "
        "capture_offset, capture_length, ?2 FROM articles WHERE id = ?1",
        "keep revision");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    st->bind(2, core::now_seconds());
    if (auto r = st->run("keep revision"); !r) return r;
    if (sqlite3_changes(db) == 0) return core::fail("store: no article " + std::to_string(id) + " to revise");
    return {};
}

core::Result<std::int64_t> write_new_version(sqlite3* db, std::int64_t id, const core::Article& a) {
    // The UPDATE OF title, body trigger (migration 5) swaps the full-text entry.
    auto st = Statement::prepare(db,
                                 "UPDATE articles SET title = ?2, body = ?3, body_hash = ?4, fetched_at = ?5, "
                                 "capture_file = ?6, capture_offset = ?7, capture_length = ?8, author = ?9, "
                                 "updated_at = ?10, updated_offset = ?11, updated_precision = ?12, "
                                 "extractor_version = ?13, methods = ?14, warnings = ?15 WHERE id = ?1 "
                                 "RETURNING sort_key",
                                 "write revision");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    st->bind(2, a.title);
    st->bind(3, a.text);
    st->bind(4, a.body_hash);
    st->bind(5, a.fetched_at);
    st->bind(6, a.capture.warc_file);
    st->bind(7, static_cast<std::int64_t>(a.capture.offset));
    st->bind(8, static_cast<std::int64_t>(a.capture.length));
    st->bind(9, a.author);
    detail::bind_date(*st, 10, a.updated);
    st->bind(13, a.extractor_version);
    st->bind(14, detail::to_json_object(a.methods));
    st->bind(15, detail::to_json_array(a.warnings));
    auto row = st->step("write revision");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return core::fail("store: no article " + std::to_string(id) + " to revise");
    const std::int64_t key = st->int64(0);
    if (auto done = st->step("write revision"); !done) return core::fail(std::move(done).error().message);
    return key;
}

core::Result<int> count_revisions(sqlite3* db, std::int64_t id) {
    auto st = Statement::prepare(db, "SELECT count(*) FROM article_revisions WHERE article_id = ?1", "count revisions");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    auto row = st->step("count revisions");
    if (!row) return core::fail(std::move(row).error().message);
    return static_cast<int>(st->int64(0));
}

}  // namespace

core::Result<int> ArticleStore::revise(std::int64_t id, const core::Article& newer) {
    if (auto r = m_state->require_writable(); !r) return core::fail(r.error().message);
    if (newer.capture.offset > static_cast<std::uint64_t>(INT64_MAX) ||
        newer.capture.length > static_cast<std::uint64_t>(INT64_MAX))
        return core::fail("store: capture offset out of range: " + newer.url);
    StoreState& s = *m_state;
    sqlite3* db = s.handle();
    return detail::in_savepoint(db, "revise_article", [&]() -> core::Result<int> {
        // The update trigger deletes the old full-text entry, which must exist: index what a
        // batch still holds queued first.
        if (auto r = detail::index_queued(s); !r) return core::fail(r.error().message);
        if (auto r = keep_old_version(db, id); !r) return core::fail(r.error().message);
        auto key = write_new_version(db, id, newer);
        if (!key) return core::fail(std::move(key).error().message);
        auto drop = Statement::prepare(db, "DELETE FROM article_cves WHERE article_id = ?1", "revise cves");
        if (!drop) return core::fail(std::move(drop).error().message);
        drop->bind(1, id);
        if (auto r = drop->run("revise cves"); !r) return core::fail(r.error().message);
        if (auto r = detail::insert_cves(s, id, *key, newer); !r) return core::fail(r.error().message);
        auto n = count_revisions(db, id);
        if (!n) return n;
        return *n + 1;
    });
}

core::Result<std::vector<Revision>> ArticleStore::revisions(std::int64_t id) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT title, body, body_hash, fetched_at, capture_file, capture_offset, "
                                 "capture_length, 0, id FROM article_revisions WHERE article_id = ?1 "
                                 "UNION ALL SELECT title, body, body_hash, fetched_at, capture_file, capture_offset, "
                                 "capture_length, 1, 0 FROM articles WHERE id = ?1 ORDER BY 8, 9",
                                 "read revisions");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    std::vector<Revision> out;
    for (;;) {
        auto row = st->step("read revisions");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        Revision r;
        r.number = static_cast<int>(out.size()) + 1;
        r.title = st->text(0);
        r.text = st->text(1);
        r.body_hash = st->text(2);
        r.fetched_at = st->int64(3);
        r.capture.warc_file = st->text(4);
        r.capture.offset = static_cast<std::uint64_t>(st->int64(5));
        r.capture.length = static_cast<std::uint64_t>(st->int64(6));
        r.current = st->int64(7) == 1;
        out.push_back(std::move(r));
    }
}

}  // namespace dossier::store
