#pragma once
// Registration of the "dossier" tokenizer with a connection's FTS5 module (private to store).
#include <sqlite3.h>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// Registers the tokenizer under the name "dossier" on `db`. Needed on every connection that
/// reads or writes articles_fts (the schema names it). Fails when FTS5 is unavailable.
core::Result<void> register_tokenizer(sqlite3* db);

}  // namespace dossier::store::detail
