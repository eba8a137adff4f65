#pragma once
// dossier_rank(): the FTS5 auxiliary function that ranks search results (docs/search.md,
// "Ranking"). Private to store.
#include <sqlite3.h>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// Column weights of the rank: a hit in the title counts 10 times a hit in the body.
inline constexpr double k_title_weight = 10.0;
inline constexpr double k_body_weight = 1.0;

/// bm25's inverse document frequency (FTS5's formula) of a phrase found in `hits` of `rows`
/// rows: log((rows - hits + 0.5) / (hits + 0.5)), at least 1e-6, so that a phrase in more
/// than half the rows still counts a little.
double bm25_idf(double rows, double hits) noexcept;

/// Registers two FTS5 auxiliary functions on `db`:
///
///     dossier_rank(articles_fts [, idf_0, idf_1, ...])
///
/// returns FTS5's bm25(articles_fts, 10.0, 1.0) for the current row (lower is better), with
/// phrase k's inverse document frequency taken from argument idf_k when it is given: a REAL
/// is the IDF itself; an INTEGER is the number of rows the phrase matches, from which the IDF
/// is computed with the index's row count (as bm25 does). Without it (or NULL), the phrase's
/// matches are counted over the whole index, as bm25 does: a pass over all of them, once per
/// query and function.
///
///     dossier_top(articles_fts, n [, idf_0, idf_1, ...])
///
/// returns 1 when the current row, scored as dossier_rank scores it with the same IDFs, is
/// among the n first rows in result order (score, then the larger rowid) of the rows this
/// query has scored so far, else 0; n < 0 means no limit. So `CASE WHEN dossier_top(...)
/// THEN snippet(...) END` makes a snippet for every row of the final first n, and for about
/// n * (1 + ln(rows / n)) rows in all when the scores come in no particular order. It stops
/// reporting rows after 10 * n + 200 of them, so a caller must make a missing snippet itself.
///
/// Fails when FTS5 is missing or refuses a registration.
core::Result<void> register_rank_function(sqlite3* db);

}  // namespace dossier::store::detail
