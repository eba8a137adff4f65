#pragma once
// SQL functions dossier registers on every connection, so migrations written in SQL can
// compute what put() computes in C++ (one definition of each).
#include <sqlite3.h>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// Registers dossier_sort_key(time, id) -> INTEGER (sort_key.hpp) and
/// dossier_cves(title, body) -> TEXT, a JSON array of the CVE ids in them (cve_ids.hpp).
/// Both are deterministic. Also the FTS5 auxiliary function dossier_rank (rank_function.hpp).
/// Fails when SQLite refuses a registration.
core::Result<void> register_sql_functions(sqlite3* db);

}  // namespace dossier::store::detail
