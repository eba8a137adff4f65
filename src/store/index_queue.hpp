#pragma once
// The full-text index queue (docs/search.md, "Writing"). put() inserts the article row and
// queues its id in a temp table; the queue is indexed with one INSERT ... SELECT into
// articles_fts at commit, before any full-text read on this connection, and at once for a
// put() outside a transaction. The queue is a table, not a vector, so savepoints and
// rollbacks (ours or SQLite's own after an I/O error) undo a queued id with its row.
#include <cstdint>

#include "store_state.hpp"

namespace dossier::store::detail {

/// Creates this connection's empty queue table (temp.fts_queue). Read-write connections only.
core::Result<void> create_index_queue(sqlite3* db);

/// Queues article `id` for indexing. Fails when SQLite fails.
core::Result<void> queue_for_index(StoreState& s, std::int64_t id);

/// Indexes every queued article (in id order, one statement) and empties the queue; does
/// nothing when the queue is known to be empty. Fails, leaving the queue as it was, when
/// SQLite or the tokenizer fails.
core::Result<void> index_queued(StoreState& s);

/// Forgets the queue after a rollback (the table's rows went with the transaction).
inline void queue_rolled_back(StoreState& s) noexcept { s.maybe_queued = false; }

}  // namespace dossier::store::detail
