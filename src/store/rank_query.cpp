// Phase one SQL (rank_query.hpp). It selects ids, keys, ranks and snippets, never article
// rows, so a sort over many matches moves a few values per row.
#include "rank_query.hpp"

#include <algorithm>
#include <limits>

#include "dossier/core/strings.hpp"
#include "sort_key.hpp"

namespace dossier::store::detail {

namespace {

constexpr std::int64_t k_int64_max = std::numeric_limits<std::int64_t>::max();

void add_in(SqlQuery& q, const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    q.sql += std::string(" AND ") + column + " IN (";
    for (std::size_t k = 0; k < values.size(); ++k) {
        q.sql += k == 0 ? "?" : ", ?";
        q.binds.emplace_back(values[k]);
    }
    q.sql += ")";
}

/// Any of the languages; "zh" matches "zh" and "zh-CN" (BCP 47 prefix), case-insensitively.
void add_langs(SqlQuery& q, const std::vector<std::string>& langs) {
    if (langs.empty()) return;
    q.sql += " AND (";
    for (std::size_t k = 0; k < langs.size(); ++k) {
        const std::string lang = core::to_lower_ascii(langs[k]);
        q.sql += k == 0 ? "" : " OR ";
        q.sql += "lower(a.lang) = ? OR substr(lower(a.lang), 1, ?) = ?";
        q.binds.emplace_back(lang);
        q.binds.emplace_back(static_cast<std::int64_t>(lang.size() + 1));
        q.binds.emplace_back(lang + "-");
    }
    q.sql += ")";
}

/// Whether a filter reads the article's row (source, language) or its tags, so that a walk
/// of the FTS index joins the articles table.
bool joins_articles(const ParsedQuery& p, const ArticleFilter& f) {
    return !f.sources.empty() || !p.sources.empty() || !f.lang.empty() || !p.langs.empty() || !p.tags.empty();
}

/// The sort key column of the table the query walks (add_from): the FTS5 rowid when there is
/// a MATCH, the first cve: filter's rows when there are only filters and one is cve:, else the
/// articles table's own key.
const char* key_column(const ParsedQuery& p) {
    if (!p.match.empty()) return "articles_fts.rowid";
    return p.cves.empty() ? "a.sort_key" : "c0.sort_key";
}

/// The article id of a walked row. An FTS walk without the articles table takes it from the
/// sort key's low bits (sort_key.hpp), which saves a lookup per match of a rank window.
std::string id_column(const ParsedQuery& p, const ArticleFilter& f) {
    if (p.match.empty() || joins_articles(p, f)) return "a.id";
    return "(articles_fts.rowid & " + std::to_string(k_max_sort_key_id) + ")";
}

/// since/until as a range of sort keys (sort_key.hpp) on the walked table, which applies it
/// while it walks (FTS5 rowid range, index range).
void add_time(SqlQuery& q, const std::optional<std::int64_t>& value, const char* op, const ParsedQuery& p) {
    if (!value) return;
    q.sql += std::string(" AND ") + key_column(p) + op + "?";
    q.binds.emplace_back(sort_key_floor(*value));
}

void add_times(SqlQuery& q, const ArticleFilter& f, const ParsedQuery& p) {
    add_time(q, f.since, " >= ", p);
    add_time(q, p.since, " >= ", p);
    add_time(q, f.until, " < ", p);
    add_time(q, p.until, " < ", p);
}

void add_filters(SqlQuery& q, const ArticleFilter& f, const ParsedQuery& p) {
    add_in(q, "a.source_id", f.sources);
    add_in(q, "a.source_id", p.sources);
    if (!f.lang.empty()) add_langs(q, {f.lang});
    add_langs(q, p.langs);
    add_times(q, f, p);
    for (const auto& tag : p.tags) {
        q.sql += " AND EXISTS (SELECT 1 FROM article_tags AS t WHERE t.article_id = a.id AND t.tag = ? COLLATE NOCASE)";
        q.binds.emplace_back(tag);
    }
    // One primary-key probe per candidate; the walk itself is the first cve: when there is no
    // MATCH (add_from), so its own probe is skipped.
    const std::size_t first = p.match.empty() ? 1 : 0;
    for (std::size_t k = first; k < p.cves.size(); ++k) {
        q.sql += std::string(" AND EXISTS (SELECT 1 FROM article_cves AS c WHERE c.cve = ? AND c.sort_key = ") +
                 key_column(p) + ")";
        q.binds.emplace_back(p.cves[k]);
    }
}

/// FROM/WHERE: through the FTS index when there is a MATCH expression, else the table alone.
/// The index's rowid is the article's sort key. The articles table is joined only for
/// filters that read it, through the index that covers them: (sort_key, source_id, lang);
/// left to itself the planner takes the unique sort_key index and reads each row, whose
/// source and language come after the body's overflow pages (3x slower per match). CROSS
/// JOIN keeps the FTS walk as the outer loop: left to itself the planner sometimes drove a
/// filtered count from the source index and ran the MATCH once per article of that source
/// (2 s for 12,000 articles at 100,000, against 10 ms this way).
void add_from(SqlQuery& q, const ParsedQuery& p, const ArticleFilter& f) {
    if (p.match.empty() && !p.cves.empty()) {
        // cve:X alone: walk X's rows of article_cves in key order
        q.sql += " FROM article_cves AS c0 CROSS JOIN articles AS a ON a.sort_key = c0.sort_key WHERE c0.cve = ?";
        q.binds.emplace_back(p.cves.front());
        return;
    }
    if (p.match.empty()) {
        q.sql += " FROM articles AS a WHERE 1";
        return;
    }
    if (joins_articles(p, f))
        q.sql += " FROM articles_fts CROSS JOIN articles AS a INDEXED BY articles_sort_filters"
                 " ON a.sort_key = articles_fts.rowid WHERE articles_fts MATCH ?";
    else
        q.sql += " FROM articles_fts WHERE articles_fts MATCH ?";
    q.binds.emplace_back(p.match);
}

void add_limit(SqlQuery& q, const ArticleFilter& f) {
    q.sql += " LIMIT ? OFFSET ?";
    q.binds.emplace_back(f.limit < 0 ? std::int64_t{-1} : f.limit);
    q.binds.emplace_back(f.offset < 0 ? std::int64_t{0} : f.offset);
}

/// The IDF arguments of dossier_rank/dossier_top (rank_function.hpp), one bound value per
/// phrase: a REAL IDF, or an INTEGER number of matches.
std::string idf_args(SqlQuery& q, const RankInputs& rank) {
    std::string args;
    for (const double idf : rank.idfs) {
        args += ", ?";
        q.binds.emplace_back(idf);
    }
    for (const std::int64_t n : rank.matches) {
        args += ", ?";
        q.binds.emplace_back(n);
    }
    return args;
}

/// The snippet column: snippet() of the body with the control-character markers.
std::string snippet_call(SqlQuery& q) {
    q.binds.emplace_back(std::string(1, k_mark_open));
    q.binds.emplace_back(std::string(1, k_mark_close));
    return "snippet(articles_fts, 1, ?, ?, '…', " + std::to_string(k_snippet_tokens) + ")";
}

/// The rank and snippet columns of a ranked walk. A snippet is made only for a row that
/// dossier_top finds among the first offset + limit so far, so a page of 20 out of 10,000
/// ranked rows makes about 150 snippets, not 10,000, and the page needs no FTS5 query per
/// row afterwards (each is a seek per query token in every index segment).
std::string ranked_columns(SqlQuery& q, const ArticleFilter& f, const RankInputs& rank, bool snippets) {
    std::string cols = "dossier_rank(articles_fts" + idf_args(q, rank) + ") AS r, ";
    if (!snippets) return cols + "NULL AS s";
    cols += "CASE WHEN dossier_top(articles_fts, ?";
    const std::int64_t offset = std::max<std::int64_t>(f.offset, 0);
    const std::int64_t n = f.limit < 0 || f.limit > k_int64_max - offset ? -1 : f.limit + offset;
    q.binds.emplace_back(n);
    cols += idf_args(q, rank) + ") THEN ";
    return cols + snippet_call(q) + " END AS s";
}

}  // namespace

SqlQuery select_page(const ParsedQuery& p, const ArticleFilter& f, SortOrder order, const RankInputs& rank,
                     bool snippets) {
    const bool fts = !p.match.empty();
    const std::string key = key_column(p);
    const std::string id = id_column(p, f);
    SqlQuery q;
    if (order != SortOrder::rank || !fts) {
        // newest/oldest: the walk stops after the page; SQLite skips OFFSET rows before it
        // computes their columns, so only the page's rows get a snippet.
        q.sql = "SELECT " + id + ", " + key + ", 0.0, " + (fts && snippets ? snippet_call(q) : std::string("NULL"));
        add_from(q, p, f);
        add_filters(q, f, p);
        q.sql += " ORDER BY " + key + (order == SortOrder::oldest ? " ASC" : " DESC");
    } else if (f.exhaustive) {
        q.sql = "SELECT " + id + ", articles_fts.rowid, " + ranked_columns(q, f, rank, snippets);
        add_from(q, p, f);
        add_filters(q, f, p);
        q.sql += " ORDER BY r, articles_fts.rowid DESC";
    } else {
        // the newest rank_window matches, then the best of them (ties: newest first)
        q.sql = "SELECT id, k, r, s FROM (SELECT " + id + " AS id, articles_fts.rowid AS k, " +
                ranked_columns(q, f, rank, snippets);
        add_from(q, p, f);
        add_filters(q, f, p);
        if (rank.scan_floor) {
            q.sql += " AND articles_fts.rowid >= ?";
            q.binds.emplace_back(*rank.scan_floor);
        }
        q.sql += " ORDER BY articles_fts.rowid DESC LIMIT ?) ORDER BY r, k DESC";
        q.binds.emplace_back(std::max<std::int64_t>(f.rank_window, 1));
    }
    add_limit(q, f);
    return q;
}

SqlQuery count_query(const ParsedQuery& p, const ArticleFilter& f) {
    SqlQuery q{"SELECT count(*)", {}};
    add_from(q, p, f);
    add_filters(q, f, p);
    return q;
}

bool needs_scan_floor(const ParsedQuery& p, const ArticleFilter& f) {
    return !p.match.empty() && (joins_articles(p, f) || !p.cves.empty());
}

SqlQuery rank_scan_query(const ParsedQuery& p, const ArticleFilter& f) {
    SqlQuery q{"SELECT articles_fts.rowid FROM articles_fts WHERE articles_fts MATCH ?", {p.match}};
    add_times(q, f, p);
    q.sql += " ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?";
    const std::int64_t window = std::clamp<std::int64_t>(f.rank_window, 1, k_int64_max / k_rank_scan_factor);
    q.binds.emplace_back(k_rank_scan_factor * window - 1);
    return q;
}

core::Result<Statement> prepare(sqlite3* db, const SqlQuery& q, std::string_view what) {
    auto st = Statement::prepare(db, q.sql, what);
    if (!st) return st;
    for (std::size_t k = 0; k < q.binds.size(); ++k) {
        const int index = static_cast<int>(k + 1);
        if (const auto* n = std::get_if<std::int64_t>(&q.binds[k])) st->bind(index, *n);
        else if (const auto* x = std::get_if<double>(&q.binds[k])) st->bind(index, *x);
        else st->bind(index, std::get<std::string>(q.binds[k]));
    }
    return st;
}

}  // namespace dossier::store::detail
