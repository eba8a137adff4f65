// search, count and for_each. SQL is built from fixed fragments; every value that comes from
// the user (the MATCH expression included) is a bound parameter. Two phases: one query finds
// the ids in result order (sorting only ids, ranks and times), then each article, and its
// snippet, is read by id, so snippet() runs for the returned page only and for_each holds
// one article at a time.
#include <algorithm>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "article_rows.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/store/query.hpp"
#include "dossier/text/unicode.hpp"
#include "index_queue.hpp"
#include "sort_key.hpp"

namespace dossier::store {

namespace {

using detail::Statement;
using detail::StoreState;
using Binding = std::variant<std::int64_t, std::string>;

/// About 24 tokens of context: a line of English, two dozen Chinese characters.
constexpr int k_snippet_tokens = 24;
/// Body characters shown when the body has no hit.
constexpr std::size_t k_lead_chars = 200;
// snippet() marks hits with control characters the extractor never leaves in a body; they
// tell a body hit from a title-only hit and are replaced by the caller's markers.
constexpr char k_open = '\x01';
constexpr char k_close = '\x02';

struct SqlQuery {
    std::string sql;
    std::vector<Binding> binds;
};

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

/// The sort key column of the table the query walks (add_from): the FTS5 rowid when there is
/// a MATCH, the first cve: filter's rows when there are only filters and one is cve:, else the
/// articles table's own key.
const char* key_column(const ParsedQuery& p) {
    if (!p.match.empty()) return "articles_fts.rowid";
    return p.cves.empty() ? "a.sort_key" : "c0.sort_key";
}

/// since/until as a range of sort keys (sort_key.hpp) on the walked table, which applies it
/// while it walks (FTS5 rowid range, index range).
void add_time(SqlQuery& q, const std::optional<std::int64_t>& value, const char* op, const ParsedQuery& p) {
    if (!value) return;
    q.sql += std::string(" AND ") + key_column(p) + op + "?";
    q.binds.emplace_back(detail::sort_key_floor(*value));
}

void add_filters(SqlQuery& q, const ArticleFilter& f, const ParsedQuery& p) {
    add_in(q, "a.source_id", f.sources);
    add_in(q, "a.source_id", p.sources);
    if (!f.lang.empty()) add_langs(q, {f.lang});
    add_langs(q, p.langs);
    add_time(q, f.since, " >= ", p);
    add_time(q, p.since, " >= ", p);
    add_time(q, f.until, " < ", p);
    add_time(q, p.until, " < ", p);
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

void append(SqlQuery& q, const SqlQuery& part) {
    q.sql += part.sql;
    q.binds.insert(q.binds.end(), part.binds.begin(), part.binds.end());
}

/// FROM/WHERE: through the FTS index when there is a MATCH expression, else the table alone.
/// The index's rowid is the article's sort key. CROSS JOIN keeps the FTS walk as the outer
/// loop (SQLite does not reorder it): left to itself the planner sometimes drove a filtered
/// count from the source index and ran the MATCH once per article of that source (2 s for
/// 12,000 articles at 100,000, against 10 ms this way).
void add_from(SqlQuery& q, const ParsedQuery& p) {
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
    q.sql += " FROM articles_fts CROSS JOIN articles AS a ON a.sort_key = articles_fts.rowid WHERE articles_fts MATCH ?";
    q.binds.emplace_back(p.match);
}

void add_limit(SqlQuery& q, const ArticleFilter& f) {
    q.sql += " LIMIT ? OFFSET ?";
    q.binds.emplace_back(f.limit < 0 ? std::int64_t{-1} : f.limit);
    q.binds.emplace_back(f.offset < 0 ? std::int64_t{0} : f.offset);
}

/// Phase one of search and for_each: (id, sort key, rank) in result order, nothing else, so
/// a sort over many matches moves 3 numbers per row, not article bodies and snippets.
/// newest/oldest walk the index in key order and stop after the page. rank ranks the newest
/// k_rank_window matches (docs/search.md, "Ranking"), or all of them when f.exhaustive.
SqlQuery select_ids(const ParsedQuery& p, const ArticleFilter& f, SortOrder order) {
    const bool fts = !p.match.empty();
    const std::string key = key_column(p);
    SqlQuery cond;
    add_filters(cond, f, p);
    SqlQuery q;
    if (order != SortOrder::rank || !fts) {
        q.sql = "SELECT a.id, " + key + ", 0.0";
        add_from(q, p);
        append(q, cond);
        q.sql += " ORDER BY " + key + (order == SortOrder::oldest ? " ASC" : " DESC");
    } else if (f.exhaustive) {
        q.sql = "SELECT a.id, articles_fts.rowid, articles_fts.rank";
        add_from(q, p);
        append(q, cond);
        q.sql += " ORDER BY articles_fts.rank, articles_fts.rowid DESC";
    } else {
        q.sql = "SELECT id, k, r FROM (SELECT a.id AS id, articles_fts.rowid AS k, articles_fts.rank AS r";
        add_from(q, p);
        append(q, cond);
        q.sql += " ORDER BY articles_fts.rowid DESC LIMIT ?) ORDER BY r, k DESC";
        q.binds.emplace_back(std::max<std::int64_t>(f.rank_window, 1));
    }
    add_limit(q, f);
    return q;
}

core::Result<Statement> prepare(StoreState& s, const SqlQuery& q, const char* what) {
    auto st = Statement::prepare(s.handle(), q.sql, what);
    if (!st) return st;
    for (std::size_t k = 0; k < q.binds.size(); ++k) {
        const int index = static_cast<int>(k + 1);
        if (const auto* n = std::get_if<std::int64_t>(&q.binds[k])) st->bind(index, *n);
        else st->bind(index, std::get<std::string>(q.binds[k]));
    }
    return st;
}

/// The query's parse; an empty query is allowed where it means "everything". Also indexes
/// the articles this connection put() in its open transaction, so every read sees them.
core::Result<ParsedQuery> parse(StoreState& s, std::string_view user_query, bool allow_empty) {
    if (auto r = detail::index_queued(s); !r) return core::fail(r.error().message);
    if (allow_empty && core::trim(user_query).empty()) return ParsedQuery{};
    return parse_query(user_query);
}

/// Steps `st`, turning an FTS5 query error into a one-line "search:" error: the parser only
/// hands FTS5 quoted strings, so this is a limit (e.g. an enormous query), not user syntax.
/// Other failures (locked, I/O, corruption) keep their store message.
core::Result<bool> step(Statement& st, bool has_match) {
    auto row = st.step("search");
    if (!row && has_match && st.error_code() == SQLITE_ERROR)
        return core::fail("search: the full-text index could not run this query");
    return row;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string lead_of(std::string_view body) {
    std::size_t i = 0;
    for (std::size_t chars = 0; i < body.size() && chars < k_lead_chars; ++chars) text::next_codepoint(body, i);
    std::string out = collapse_space(body.substr(0, i));
    if (i < body.size()) out += "…";
    return out;
}

std::string finish_snippet(const std::string& raw, const std::string& body, std::string_view open,
                           std::string_view close) {
    if (raw.find(k_open) == std::string::npos) return lead_of(body);
    std::string out;
    out.reserve(raw.size() + 16);
    for (const char c : raw) {
        if (c == k_open) out += open;
        else if (c == k_close) out += close;
        else out.push_back(c);
    }
    return collapse_space(out);
}

}  // namespace

namespace {

struct PageRow {
    std::int64_t id = 0, key = 0;
    double rank = 0;
};

/// The raw snippet of one matching row. Only snippet(): FTS5's bm25 computes each phrase's
/// document frequency with a pass over the phrase's whole doclist, and this statement is
/// reset for every row, so asking it for `rank` here would repeat that pass 20 times a page.
core::Result<void> snippet_of(Statement& st, const ParsedQuery& p, const PageRow& row, std::string& raw) {
    detail::ResetGuard guard(st);
    st.bind(1, p.match);
    st.bind(2, std::string_view(&k_open, 1));
    st.bind(3, std::string_view(&k_close, 1));
    st.bind(4, row.key);
    auto found = step(st, true);
    if (!found) return core::fail(std::move(found).error().message);
    if (*found) raw = st.text(0);
    return {};
}

}  // namespace

core::Result<std::vector<SearchHit>> ArticleStore::search(std::string_view user_query, const ArticleFilter& f,
                                                          SortOrder order, std::string_view mark_open,
                                                          std::string_view mark_close) {
    auto parsed = parse(*m_state, user_query, false);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    const bool has_match = !parsed->match.empty();
    auto ids = prepare(*m_state, select_ids(*parsed, f, order), "search");
    if (!ids) return core::fail(std::move(ids).error().message);
    std::vector<PageRow> page;
    for (;;) {
        auto row = step(*ids, has_match);
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) break;
        page.push_back({ids->int64(0), ids->int64(1), ids->real(2)});
    }
    // Phase two: the article and, through the same MATCH, its snippet, for this page only.
    Statement snippets;
    if (has_match) {
        auto st = Statement::prepare(m_state->handle(),
                                     "SELECT snippet(articles_fts, 1, ?2, ?3, '…', " +
                                         std::to_string(k_snippet_tokens) +
                                         ") FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?4",
                                     "search snippet");
        if (!st) return core::fail(std::move(st).error().message);
        snippets = std::move(*st);
    }
    std::vector<SearchHit> hits;
    hits.reserve(page.size());
    for (PageRow& row : page) {
        auto article = detail::load_article(*m_state, row.id);
        if (!article) return core::fail(std::move(article).error().message);
        if (!article->has_value()) continue;
        std::string raw;
        if (has_match) {
            if (auto r = snippet_of(snippets, *parsed, row, raw); !r)
                return core::fail(r.error().message);
        }
        SearchHit hit;
        hit.rank = row.rank;
        hit.snippet = finish_snippet(raw, (*article)->text, mark_open, mark_close);
        hit.article = std::move(**article);
        hits.push_back(std::move(hit));
    }
    return hits;
}

core::Result<std::int64_t> ArticleStore::count(std::string_view user_query, const ArticleFilter& f) {
    auto parsed = parse(*m_state, user_query, true);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    SqlQuery cond;
    add_filters(cond, f, *parsed);
    SqlQuery q;
    if (cond.sql.empty() && !parsed->match.empty()) {
        q.sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?";  // no join needed
        q.binds.emplace_back(parsed->match);
    } else {
        q.sql = "SELECT count(*)";
        add_from(q, *parsed);
        append(q, cond);
    }
    auto st = prepare(*m_state, q, "count");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = step(*st, !parsed->match.empty());
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? st->int64(0) : 0;
}

core::Result<void> ArticleStore::for_each(std::string_view user_query, const ArticleFilter& f,
                                          const std::function<bool(const core::Article&)>& fn) {
    auto parsed = parse(*m_state, user_query, true);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    auto ids = prepare(*m_state, select_ids(*parsed, f, SortOrder::newest), "export");
    if (!ids) return core::fail(std::move(ids).error().message);
    // One article in memory at a time; ids come from the time index, or from SQLite's sorter
    // (which spills to temporary files) when a MATCH or filter needs one.
    for (;;) {
        auto row = step(*ids, !parsed->match.empty());
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return {};
        auto article = detail::load_article(*m_state, ids->int64(0));
        if (!article) return core::fail(std::move(article).error().message);
        if (article->has_value() && !fn(**article)) return {};
    }
}

}  // namespace dossier::store
