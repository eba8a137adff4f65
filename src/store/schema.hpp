#pragma once
// The archive schema as an ordered list of migrations (docs/search.md, "Schema").
#include <sqlite3.h>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// The number of migrations; the user_version of an up-to-date archive.
int migration_count() noexcept;

/// Applies migrations user_version+1 .. target in order, each in its own BEGIN IMMEDIATE
/// transaction that re-reads user_version (another process may have migrated meanwhile).
/// Fails, leaving the database at the last completed version, when a migration fails.
core::Result<void> migrate(sqlite3* db, int target);

/// PRAGMA user_version, or an error (an unreadable or non-SQLite file).
core::Result<int> read_user_version(sqlite3* db);

}  // namespace dossier::store::detail
