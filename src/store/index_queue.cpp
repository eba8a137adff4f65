// Why a queue: on SQLite 3.40, FTS5 writes its pending terms out as a new index segment
// whenever a savepoint or statement transaction it takes part in is released. Indexed by
// the old AFTER INSERT trigger (a statement transaction per insert) inside put()'s savepoint,
// every article became a segment of its own, and merging those segments was ~80 % of the
// cost of put(). Indexed here, a batch is one statement: FTS5 gathers the batch's terms in
// memory and writes a segment only every `hashsize` bytes (migration 4) and at the end.
#include "index_queue.hpp"

namespace dossier::store::detail {

core::Result<void> create_index_queue(sqlite3* db) {
    return exec(db, "CREATE TEMP TABLE IF NOT EXISTS fts_queue (id INTEGER PRIMARY KEY)", "create index queue");
}

core::Result<void> queue_for_index(StoreState& s, std::int64_t id) {
    auto st = s.cached(s.queue_id, "INSERT INTO temp.fts_queue (id) VALUES (?1)", "queue for index");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard guard(**st);
    (*st)->bind(1, id);
    if (auto r = (*st)->run("queue for index"); !r) return r;
    s.maybe_queued = true;
    return {};
}

namespace {

core::Result<void> index_and_clear(StoreState& s) {
    // Ascending rowids (sort keys, sort_key.hpp): FTS5 also flushes its pending terms whenever
    // a rowid is lower than the previous one.
    auto index = s.cached(s.index_queue,
                          "INSERT INTO articles_fts (rowid, title, body) SELECT a.sort_key, a.title, a.body "
                          "FROM temp.fts_queue AS q JOIN articles AS a ON a.id = q.id ORDER BY a.sort_key",
                          "index articles");
    if (!index) return core::fail(std::move(index).error().message);
    auto clear = s.cached(s.clear_queue, "DELETE FROM temp.fts_queue", "clear index queue");
    if (!clear) return core::fail(std::move(clear).error().message);
    {
        ResetGuard guard(**index);
        if (auto r = (*index)->run("index articles"); !r) return r;
    }
    ResetGuard guard(**clear);
    return (*clear)->run("clear index queue");
}

}  // namespace

core::Result<void> index_queued(StoreState& s) {
    sqlite3* db = s.handle();
    // Queued ids live only inside an open transaction (commit() and put() index them first),
    // so with none open the queue is empty, e.g. after SQLite rolled back on an I/O error.
    if (!s.maybe_queued || sqlite3_get_autocommit(db) != 0) {
        s.maybe_queued = false;
        return {};
    }
    // One savepoint: the index entries and the emptied queue happen together or not at all,
    // so no id can ever be indexed twice.
    if (auto r = in_savepoint(db, "index_queue", [&] { return index_and_clear(s); }); !r) return r;
    s.maybe_queued = false;
    return {};
}

}  // namespace dossier::store::detail
