#include "band_filter_table.hpp"

#include <memory>
#include <string>

#include "band_filter.hpp"
#include "store_state.hpp"

namespace dossier::store::detail {

namespace {

core::Result<std::int64_t> data_version(StoreState& s) {
    auto st = s.cached(s.data_version, "PRAGMA data_version", "read data version");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard g(**st);
    auto row = (*st)->step("read data version");
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? (*st)->int64(0) : 0;
}

/// Writes every row of `f` and its key count, replacing what the archive held.
core::Result<void> write_all(StoreState& s, BandFilter& f) {
    sqlite3* db = s.handle();
    return in_savepoint(db, "band_filter", [&]() -> core::Result<void> {
        if (auto r = exec(db, "DELETE FROM band_filter_rows", "write band filter"); !r) return r;
        auto ins = Statement::prepare(db, "INSERT INTO band_filter_rows (slot, bits) VALUES (?1, ?2)",
                                      "write band filter");
        if (!ins) return core::fail(std::move(ins).error().message);
        for (std::size_t i = 0; i < f.rows(); ++i) {
            ResetGuard g(*ins);
            ins->bind(1, static_cast<std::int64_t>(i));
            ins->bind_blob(2, f.row(i));
            if (auto r = ins->run("write band filter"); !r) return r;
        }
        auto info = Statement::prepare(db, "INSERT OR REPLACE INTO band_filter_info (id, keys, rows) VALUES (1, ?1, ?2)",
                                       "write band filter");
        if (!info) return core::fail(std::move(info).error().message);
        info->bind(1, static_cast<std::int64_t>(f.keys()));
        info->bind(2, static_cast<std::int64_t>(f.rows()));
        if (auto r = info->run("write band filter"); !r) return r;
        f.clear_dirty();
        return {};
    });
}

/// A filter of every band key the archive holds, sized for half as many again: one scan of
/// article_bands by its article index (it grows in insertion order, so it is read mostly
/// sequentially). At a million articles: 32 million keys, 42 s (once, after migration 7).
core::Result<std::unique_ptr<BandFilter>> build(StoreState& s, std::uint64_t at_least) {
    auto top = Statement::prepare(s.handle(), "SELECT ifnull(max(article_id), 0) FROM article_fingerprints",
                                  "build band filter");
    if (!top) return core::fail(std::move(top).error().message);
    auto top_row = top->step("build band filter");
    if (!top_row) return core::fail(std::move(top_row).error().message);
    // Ids are dense: 32 keys per fingerprinted article.
    const auto estimate = std::max<std::uint64_t>(at_least, static_cast<std::uint64_t>(*top_row ? top->int64(0) : 0) * 32);
    auto f = std::make_unique<BandFilter>(BandFilter::rows_for(estimate + estimate / 2));
    auto scan = Statement::prepare(s.handle(), "SELECT band FROM article_bands INDEXED BY article_bands_article",
                                   "build band filter");
    if (!scan) return core::fail(std::move(scan).error().message);
    sqlite3_stmt* raw = scan->get();
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) f->add(static_cast<std::uint64_t>(sqlite3_column_int64(raw, 0)));
    if (rc != SQLITE_DONE) return core::fail(db_error(s.handle(), "build band filter"));
    return f;
}

/// The stored filter; null when the archive has none (or a damaged one).
core::Result<std::unique_ptr<BandFilter>> load(StoreState& s) {
    auto info = Statement::prepare(s.handle(), "SELECT keys, rows FROM band_filter_info WHERE id = 1",
                                   "load band filter");
    if (!info) return core::fail(std::move(info).error().message);
    auto info_row = info->step("load band filter");
    if (!info_row) return core::fail(std::move(info_row).error().message);
    if (!*info_row) return std::unique_ptr<BandFilter>();
    const std::int64_t keys = info->int64(0), rows = info->int64(1);
    if (keys < 0 || rows < 1 || rows > (std::int64_t{1} << 24)) return std::unique_ptr<BandFilter>();
    auto f = std::make_unique<BandFilter>(static_cast<std::size_t>(rows));
    f->set_keys(static_cast<std::uint64_t>(keys));
    auto scan = Statement::prepare(s.handle(), "SELECT slot, bits FROM band_filter_rows ORDER BY slot",
                                   "load band filter");
    if (!scan) return core::fail(std::move(scan).error().message);
    std::int64_t expected = 0;
    for (;; ++expected) {
        auto row = scan->step("load band filter");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) break;
        if (scan->int64(0) != expected || !f->load_row(static_cast<std::size_t>(expected), scan->blob(1)))
            return std::unique_ptr<BandFilter>();
    }
    if (expected != rows) return std::unique_ptr<BandFilter>();
    return f;
}

}  // namespace

core::Result<BandFilter*> band_filter(StoreState& s) {
    auto version = data_version(s);
    if (!version) return core::fail(std::move(version).error().message);
    if (s.band_filter && *version != s.band_filter_data_version) s.band_filter.reset();  // another writer
    if (!s.band_filter) {
        auto loaded = load(s);
        if (!loaded) return core::fail(std::move(loaded).error().message);
        s.band_filter = std::move(*loaded);
    }
    const bool writable = s.mode == OpenMode::read_write;
    if ((!s.band_filter || s.band_filter->keys() > s.band_filter->capacity()) && writable) {
        auto built = build(s, s.band_filter ? s.band_filter->keys() : 0);
        if (!built) return core::fail(std::move(built).error().message);
        if (auto r = write_all(s, **built); !r) return core::fail(r.error().message);
        s.band_filter = std::move(*built);
    }
    s.band_filter_data_version = *version;
    return s.band_filter.get();
}

core::Result<void> flush_band_filter(StoreState& s) {
    if (!s.band_filter || s.band_filter->dirty_rows().empty()) return {};
    auto upd = s.cached(s.band_filter_row, "UPDATE band_filter_rows SET bits = ?2 WHERE slot = ?1",
                        "write band filter");
    if (!upd) return core::fail(std::move(upd).error().message);
    auto info = s.cached(s.band_filter_keys, "UPDATE band_filter_info SET keys = ?1 WHERE id = 1", "write band filter");
    if (!info) return core::fail(std::move(info).error().message);
    // A failed write keeps every row dirty: commit() fails, and whether the transaction is then
    // rolled back or commit() retried, the stored filter never lacks a committed key.
    for (std::size_t i : s.band_filter->dirty_rows()) {
        ResetGuard g(**upd);
        (*upd)->bind(1, static_cast<std::int64_t>(i));
        (*upd)->bind_blob(2, s.band_filter->row(i));
        if (auto r = (*upd)->run("write band filter"); !r) return r;
    }
    ResetGuard g(**info);
    (*info)->bind(1, static_cast<std::int64_t>(s.band_filter->keys()));
    if (auto r = (*info)->run("write band filter"); !r) return r;
    s.band_filter->clear_dirty();
    return {};
}

void drop_band_filter(StoreState& s) noexcept { s.band_filter.reset(); }

}  // namespace dossier::store::detail
