#pragma once
// Phase one of search, count and for_each (docs/search.md, "Phases"): the SQL that finds the
// matching articles in result order. Built from fixed fragments; every value that comes from
// the user (the MATCH expression included) is a bound parameter. Private to store.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/store/query.hpp"
#include "sqlite_statement.hpp"

namespace dossier::store::detail {

/// About 24 tokens of context: a line of English, two dozen Chinese characters.
inline constexpr int k_snippet_tokens = 24;
// snippet() marks hits with control characters the extractor never leaves in a body; they
// tell a body hit from a title-only hit and are replaced by the caller's markers.
inline constexpr char k_mark_open = '\x01';
inline constexpr char k_mark_close = '\x02';
/// A rank window with filters that look at each match (source, language, tag, CVE) examines
/// at most this many times rank_window of the newest matches of the terms.
inline constexpr std::int64_t k_rank_scan_factor = 3;

using Binding = std::variant<std::int64_t, double, std::string>;

/// SQL text and its bound values, in order.
struct SqlQuery {
    std::string sql;
    std::vector<Binding> binds;
};

/// What a ranked walk needs besides the query: each phrase's IDF, as dossier_rank's arguments
/// (rank_function.hpp): estimated IDFs, or else the phrases' exact numbers of matches; and the
/// oldest sort key a filtered rank window may examine (rank_scan_query).
struct RankInputs {
    std::vector<double> idfs;
    std::vector<std::int64_t> matches;
    std::optional<std::int64_t> scan_floor;
};

/// The page query: rows (article id, sort key, rank, raw snippet or NULL) in the order
/// `order`, with f's limit and offset. Rank ranks the newest f.rank_window matches (from
/// `rank.scan_floor` on, when set), or every match when f.exhaustive. Without `snippets` the
/// fourth column is NULL; with them it is NULL for a ranked row whose snippet was not made
/// (dossier_top, rank_function.hpp), and the caller must look that one up.
SqlQuery select_page(const ParsedQuery& p, const ArticleFilter& f, SortOrder order, const RankInputs& rank,
                     bool snippets);

/// SELECT count(*) of the matching articles.
SqlQuery count_query(const ParsedQuery& p, const ArticleFilter& f);

/// Whether the rank window of `p` with `f` needs a scan floor: it has a MATCH and filters that
/// look at each match, so filling the window may mean reading many times its size.
bool needs_scan_floor(const ParsedQuery& p, const ArticleFilter& f);

/// The sort key of the (k_rank_scan_factor * f.rank_window)-th newest match of the terms
/// within the time filters: one row, or none when there are fewer matches.
SqlQuery rank_scan_query(const ParsedQuery& p, const ArticleFilter& f);

/// `q` prepared with its values bound; fails with db_error(db, what).
core::Result<Statement> prepare(sqlite3* db, const SqlQuery& q, std::string_view what);

}  // namespace dossier::store::detail
