// Story groups, near-duplicate fingerprints and revisions (migration 6, docs/dedup.md). The
// store keeps what the crawl pipeline decided; it computes no fingerprint and judges nothing
// (DESIGN.md: "store knows no extraction and dedup no SQL").
#include <algorithm>
#include <string>
#include <vector>

#include "article_rows.hpp"
#include "band_filter.hpp"
#include "band_filter_table.hpp"
#include "dossier/core/date_time.hpp"
#include "index_queue.hpp"
#include "json_text.hpp"
#include "store_state.hpp"

namespace dossier::store {

using detail::ResetGuard;
using detail::Statement;
using detail::StoreState;

namespace {

/// Integers as a JSON array, bound once and expanded by json_each: one cached statement
/// whatever the number of values.
template <typename Int>
std::string json_int_array(const std::vector<Int>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ',';
        out += std::to_string(values[i]);
    }
    return out + "]";
}

/// Runs `sql` with `text_arg` bound to ?1 and returns the first column of each row.
core::Result<std::vector<std::int64_t>> ids_of(sqlite3* db, const char* sql, std::string_view text_arg,
                                               std::string_view what) {
    auto st = Statement::prepare(db, sql, what);
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, text_arg);
    std::vector<std::int64_t> out;
    for (;;) {
        auto row = st->step(what);
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(st->int64(0));
    }
}

core::Result<void> run_with(sqlite3* db, const char* sql, std::int64_t a, std::int64_t b, std::string_view what) {
    auto st = Statement::prepare(db, sql, what);
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, a);
    st->bind(2, b);
    return st->run(what);
}

/// A band as the band table and the band filter key it: the 63 low bits, so that it fits an
/// SQLite integer unchanged. Both must use this one function, or the filter would miss keys.
std::int64_t band_key(std::uint64_t band) noexcept { return static_cast<std::int64_t>(band & 0x7FFFFFFFFFFFFFFFull); }

}  // namespace

core::Result<void> ArticleStore::put_fingerprint(std::int64_t id, int version, std::uint32_t shingles,
                                                 std::string_view signature, const std::vector<std::uint64_t>& bands) {
    if (auto r = m_state->require_writable(); !r) return r;
    StoreState& s = *m_state;
    sqlite3* db = s.handle();
    auto fp = s.cached(s.put_fingerprint,
                       "INSERT OR REPLACE INTO article_fingerprints (article_id, version, shingles, signature) "
                       "VALUES (?1, ?2, ?3, ?4)",
                       "store fingerprint");
    if (!fp) return core::fail(std::move(fp).error().message);
    auto drop = s.cached(s.drop_bands, "DELETE FROM article_bands WHERE article_id = ?1", "store fingerprint");
    if (!drop) return core::fail(std::move(drop).error().message);
    auto band = s.cached(s.insert_band, "INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?1, ?2)",
                         "store fingerprint");
    if (!band) return core::fail(std::move(band).error().message);
    // Loaded (or built) before the savepoint: a build writes the whole filter.
    auto filter = detail::band_filter(s);
    if (!filter) return core::fail(std::move(filter).error().message);
    const bool own_transaction = sqlite3_get_autocommit(db) != 0;
    return detail::in_savepoint(db, "put_fingerprint", [&]() -> core::Result<void> {
        {
            ResetGuard g(**fp);
            (*fp)->bind(1, id);
            (*fp)->bind(2, static_cast<std::int64_t>(version));
            (*fp)->bind(3, static_cast<std::int64_t>(shingles));
            (*fp)->bind_blob(4, signature);
            if (auto r = (*fp)->run("store fingerprint"); !r) return r;
        }
        {
            ResetGuard g(**drop);
            (*drop)->bind(1, id);
            if (auto r = (*drop)->run("store fingerprint"); !r) return r;
        }
        for (std::uint64_t key : bands) {
            ResetGuard g(**band);
            (*band)->bind(1, band_key(key));
            (*band)->bind(2, id);
            if (auto r = (*band)->run("store fingerprint"); !r) return r;
        }
        // Keys of a replaced fingerprint stay in the filter, and so do those of a write that is
        // rolled back before the filter is reloaded: false positives, never a miss.
        if (*filter != nullptr) {
            for (std::uint64_t key : bands) (*filter)->add(static_cast<std::uint64_t>(band_key(key)));
            // Outside a transaction this savepoint is one: write the filter with the bands.
            // Inside one, commit() writes the rows changed since the last commit, once each.
            if (own_transaction)
                if (auto r = detail::flush_band_filter(s); !r) return r;
        }
        return {};
    });
}

core::Result<std::vector<DedupCandidate>> ArticleStore::dedup_candidates(const std::vector<std::uint64_t>& bands,
                                                                         int version, std::size_t limit) {
    std::vector<DedupCandidate> out;
    if (bands.empty() || limit == 0) return out;
    std::vector<std::int64_t> keys;
    keys.reserve(bands.size());
    for (std::uint64_t k : bands) keys.push_back(band_key(k));
    StoreState& s = *m_state;
    if (s.use_band_filter) {  // keys no article has cost no probe
        auto filter = detail::band_filter(s);
        if (!filter) return core::fail(std::move(filter).error().message);
        if (*filter != nullptr)
            std::erase_if(keys, [&](std::int64_t k) { return !(*filter)->may_contain(static_cast<std::uint64_t>(k)); });
        if (keys.empty()) return out;
    }
    // One key gains nothing from a parallel read; from two on, the reads overlap.
    if (s.read_ahead && keys.size() >= 2) s.read_ahead->warm_bands(keys);
    // One probe of the (band, article_id) primary key per band; the shared-band count orders
    // the candidates so that the limit keeps the likeliest copies.
    auto st = s.cached(
        s.dedup_candidates,
        "SELECT c.article_id, a.group_id, c.shared, f.shingles, f.signature, a.published_at, a.published_offset, "
        "a.published_precision, a.canonical_url, a.origin_url FROM "
        "(SELECT b.article_id AS article_id, count(*) AS shared FROM json_each(?1) AS j "
        " JOIN article_bands AS b ON b.band = j.value "
        " JOIN article_fingerprints AS v ON v.article_id = b.article_id AND v.version = ?2 "
        " GROUP BY b.article_id ORDER BY shared DESC, b.article_id LIMIT ?3) AS c "
        "JOIN article_fingerprints AS f ON f.article_id = c.article_id "
        "JOIN articles AS a ON a.id = c.article_id ORDER BY c.shared DESC, c.article_id",
        "find dedup candidates");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard guard(**st);
    (*st)->bind(1, json_int_array(keys));
    (*st)->bind(2, static_cast<std::int64_t>(version));
    (*st)->bind(3, static_cast<std::int64_t>(limit));
    for (;;) {
        auto row = (*st)->step("find dedup candidates");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        DedupCandidate c;
        c.id = (*st)->int64(0);
        c.group_id = (*st)->int64(1);
        c.shared_bands = (*st)->int64(2);
        c.shingles = static_cast<std::uint32_t>((*st)->int64(3));
        c.signature = (*st)->blob(4);
        c.published = detail::read_date(**st, 5);
        c.canonical_url = (*st)->text(8);
        c.origin_url = (*st)->text(9);
        out.push_back(std::move(c));
    }
}

core::Result<void> ArticleStore::set_judging(const JudgingOptions& options) {
    if (auto r = m_state->require_writable(); !r) return r;
    if (options.read_ahead_threads < 0 || options.read_ahead_threads > 32)
        return core::fail("store: read-ahead threads must be 0..32");
    StoreState& s = *m_state;
    s.read_ahead.reset();
    if (options.read_ahead_threads > 0)
        s.read_ahead = std::make_unique<detail::ReadAhead>(s.path, options.read_ahead_threads);
    s.use_band_filter = options.use_band_filter;
    return {};
}

core::Result<std::vector<std::int64_t>> ArticleStore::ids_without_fingerprint(int version, std::int64_t after_id,
                                                                              std::size_t limit) {
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT a.id FROM articles AS a WHERE a.id > ?1 AND NOT EXISTS (SELECT 1 FROM "
                                 "article_fingerprints AS f WHERE f.article_id = a.id AND f.version = ?2) "
                                 "ORDER BY a.id LIMIT ?3",
                                 "list articles without fingerprint");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, after_id);
    st->bind(2, static_cast<std::int64_t>(version));
    st->bind(3, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> out;
    for (;;) {
        auto row = st->step("list articles without fingerprint");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(st->int64(0));
    }
}

core::Result<std::optional<StoryFacts>> ArticleStore::story_facts(std::int64_t id) {
    StoreState& s = *m_state;
    auto st = s.cached(s.story_facts,
                       "SELECT a.group_id, g.original_id, a.published_at, a.published_offset, a.published_precision, "
                       "a.canonical_url, a.origin_url FROM articles AS a LEFT JOIN story_groups AS g ON g.id = a.group_id "
                       "WHERE a.id = ?1",
                       "read story facts");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard guard(**st);
    (*st)->bind(1, id);
    auto row = (*st)->step("read story facts");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return std::optional<StoryFacts>{};
    StoryFacts f;
    f.id = id;
    f.group_id = (*st)->int64(0);
    f.original_id = (*st)->is_null(1) ? id : (*st)->int64(1);
    f.published = detail::read_date(**st, 2);
    f.canonical_url = (*st)->text(5);
    f.origin_url = (*st)->text(6);
    return std::optional<StoryFacts>(std::move(f));
}

core::Result<std::vector<std::int64_t>> ArticleStore::find_citing(std::string_view url_key) {
    if (url_key.empty()) return std::vector<std::int64_t>{};
    // The repeated `origin_url <> ''` lets SQLite use the partial index articles_origin_url,
    // which it cannot prove applies to a bound parameter alone (a full scan otherwise).
    return ids_of(m_state->handle(), "SELECT id FROM articles WHERE origin_url = ?1 AND origin_url <> '' ORDER BY id",
                  url_key, "find citing articles");
}

core::Result<void> ArticleStore::set_origin_id(std::int64_t id, std::int64_t origin_id) {
    if (auto r = m_state->require_writable(); !r) return r;
    return run_with(m_state->handle(), "UPDATE articles SET origin_id = ?2 WHERE id = ?1", id, origin_id,
                    "set origin");
}

core::Result<void> ArticleStore::set_group_original(std::int64_t group_id, std::int64_t article_id) {
    if (auto r = m_state->require_writable(); !r) return r;
    sqlite3* db = m_state->handle();
    if (auto r = run_with(db,
                          "UPDATE story_groups SET original_id = ?2 WHERE id = ?1 AND EXISTS (SELECT 1 FROM articles "
                          "WHERE id = ?2 AND group_id = ?1)",
                          group_id, article_id, "set story original");
        !r)
        return r;
    if (sqlite3_changes(db) == 0)
        return core::fail("store: article " + std::to_string(article_id) + " is not in story group " +
                          std::to_string(group_id));
    return {};
}

core::Result<std::optional<StoryGroup>> ArticleStore::story(std::int64_t group_id) {
    sqlite3* db = m_state->handle();
    auto head = Statement::prepare(db, "SELECT original_id FROM story_groups WHERE id = ?1", "read story");
    if (!head) return core::fail(std::move(head).error().message);
    head->bind(1, group_id);
    auto found = head->step("read story");
    if (!found) return core::fail(std::move(found).error().message);
    if (!*found) return std::optional<StoryGroup>{};
    StoryGroup g;
    g.id = group_id;
    g.original_id = head->int64(0);
    auto st = Statement::prepare(db,
                                 "SELECT id, source_id, url, title, published_at, published_offset, "
                                 "published_precision, first_seen, relation, origin_name, origin_url FROM articles "
                                 "WHERE group_id = ?1 ORDER BY sort_key, id",
                                 "read story");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, group_id);
    for (;;) {
        auto row = st->step("read story");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) break;
        StoryMember m;
        m.id = st->int64(0);
        m.source_id = st->text(1);
        m.url = st->text(2);
        m.title = st->text(3);
        m.published = detail::read_date(*st, 4);
        m.first_seen = st->int64(7);
        m.relation = st->text(8);
        m.origin_name = st->text(9);
        m.origin_url = st->text(10);
        g.members.push_back(std::move(m));
    }
    return std::optional<StoryGroup>(std::move(g));
}

core::Result<std::vector<std::int64_t>> ArticleStore::group_sizes(const std::vector<std::int64_t>& group_ids) {
    std::vector<std::int64_t> out(group_ids.size(), 0);
    if (group_ids.empty()) return out;
    auto st = Statement::prepare(m_state->handle(),
                                 "SELECT j.key, (SELECT count(*) FROM articles WHERE group_id = j.value) "
                                 "FROM json_each(?1) AS j",
                                 "count story copies");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, json_int_array(group_ids));
    for (;;) {
        auto row = st->step("count story copies");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        const auto at = static_cast<std::size_t>(st->int64(0));
        if (at < out.size()) out[at] = st->int64(1);
    }
}

}  // namespace dossier::store
