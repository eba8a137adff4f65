#pragma once
// What an ArticleStore owns (pimpl), shared by the store's .cpp files.
#include <filesystem>
#include <memory>

#include "dossier/store/article_store.hpp"
#include "band_filter.hpp"
#include "read_ahead.hpp"
#include "sqlite_statement.hpp"

namespace dossier::store::detail {

struct StoreState {
    DbHandle db;  // first member: destroyed last, after the statements below are finalized
    OpenMode mode = OpenMode::read_write;
    int version = 0;
    std::filesystem::path path;

    // Statements run per article, prepared on first use.
    Statement insert_article;
    Statement insert_tag;
    Statement insert_cve;
    Statement next_id;
    Statement select_tags;
    Statement select_article;
    Statement savepoint, release, rollback_to;  // put()'s savepoint
    Statement new_group;                          // put() of a new story (migration 6)

    // Fingerprints and dedup candidates (story_store.cpp), once per incoming article.
    Statement put_fingerprint, drop_bands, insert_band, dedup_candidates, story_facts;

    // How dedup_candidates reaches the band table: parallel warm-up of its probes (set_judging;
    // null when off), and the band filter (band_filter_table.hpp), loaded on first use, valid
    // while PRAGMA data_version says no other connection committed since.
    std::unique_ptr<ReadAhead> read_ahead;
    bool use_band_filter = true;
    std::unique_ptr<BandFilter> band_filter;
    std::int64_t band_filter_data_version = -1;
    Statement data_version, band_filter_row, band_filter_keys;

    // The full-text index queue (index_queue.hpp).
    Statement queue_id, index_queue, clear_queue;
    bool maybe_queued = false;  // false: the queue is certainly empty

    sqlite3* handle() const noexcept { return db.get(); }

    /// `slot`, prepared from `sql` if it is not yet; fails with db_error.
    core::Result<Statement*> cached(Statement& slot, const char* sql, std::string_view what) {
        if (!slot.prepared()) {
            auto st = Statement::prepare(db.get(), sql, what);
            if (!st) return core::fail(std::move(st).error().message);
            slot = std::move(*st);
        }
        return &slot;
    }

    /// Fails with "store: archive is open read-only" in read-only mode (a clearer message
    /// than SQLite's "attempt to write a readonly database").
    core::Result<void> require_writable() const {
        if (mode == OpenMode::read_only) return core::fail("store: archive is open read-only: " + path.string());
        return {};
    }
};

}  // namespace dossier::store::detail
