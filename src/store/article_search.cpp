// search, count and for_each. Two phases: one query finds the ids in result order, with the
// snippets of the page (rank_query.hpp), then each article is read by id, so for_each holds
// one article at a time.
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "article_rows.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/text/unicode.hpp"
#include "index_queue.hpp"
#include "rank_function.hpp"
#include "rank_prefix.hpp"
#include "rank_query.hpp"
#include "rank_sample.hpp"

namespace dossier::store {

namespace {

using detail::Statement;
using detail::StoreState;
using detail::k_mark_close;
using detail::k_mark_open;

/// Body characters shown when the body has no hit.
constexpr std::size_t k_lead_chars = 200;

/// Steps `st`, turning an FTS5 query error into a one-line "search:" error: the parser only
/// hands FTS5 quoted strings, so this is a limit (e.g. an enormous query), not user syntax.
/// Other failures (locked, I/O, corruption) keep their store message.
core::Result<bool> step(Statement& st, bool has_match) {
    auto row = st.step("search");
    if (!row && has_match && st.error_code() == SQLITE_ERROR)
        return core::fail("search: the full-text index could not run this query");
    return row;
}

/// What a ranked page query needs (rank_query.hpp): each phrase's IDF, sampled on the newest
/// articles for the rank window and counted over the whole index for exhaustive
/// (rank_sample.hpp); and, for a window with per-match filters, the oldest key it may examine.
/// Nothing for the other orders, which do not rank.
core::Result<detail::RankInputs> rank_inputs(StoreState& s, const ParsedQuery& p, const ArticleFilter& f,
                                             SortOrder order) {
    detail::RankInputs out;
    if (order != SortOrder::rank || p.match.empty()) return out;
    if (f.exhaustive) {
        auto counts = detail::count_phrases(s.handle(), p.match);
        if (!counts) return core::fail(std::move(counts).error().message);
        out.matches = std::move(*counts);
        return out;
    }
    auto samples = detail::sample_phrases(s.handle(), p.match);
    if (!samples) return core::fail(std::move(samples).error().message);
    for (const detail::PhraseSample& x : *samples)
        out.idfs.push_back(detail::bm25_idf(static_cast<double>(x.articles), static_cast<double>(x.hits)));
    // A page without a limit would always be filled again (read_page).
    if (f.limit < 0 || !detail::needs_scan_floor(p, f)) return out;
    auto st = detail::prepare(s.handle(), detail::rank_scan_query(p, f), "search");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = step(*st, true);
    if (!row) return core::fail(std::move(row).error().message);
    if (*row) out.scan_floor = st->int64(0);
    return out;
}

/// The query's parse; an empty query is allowed where it means "everything". Also indexes
/// the articles this connection put() in its open transaction, so every read sees them.
/// A prefix phrase becomes the OR of its index terms when there are few (rank_prefix.hpp).
core::Result<ParsedQuery> parse(StoreState& s, std::string_view user_query, bool allow_empty) {
    if (auto r = detail::index_queued(s); !r) return core::fail(r.error().message);
    if (allow_empty && core::trim(user_query).empty()) return ParsedQuery{};
    auto parsed = parse_query(user_query);
    if (!parsed || parsed->match.find("\"*") == std::string::npos) return parsed;
    auto expanded = detail::expand_prefixes(s.handle(), parsed->match);
    if (!expanded) return core::fail(std::move(expanded).error().message);
    parsed->match = std::move(*expanded);
    return parsed;
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
    if (raw.find(k_mark_open) == std::string::npos) return lead_of(body);
    std::string out;
    out.reserve(raw.size() + 16);
    for (const char c : raw) {
        if (c == k_mark_open) out += open;
        else if (c == k_mark_close) out += close;
        else out.push_back(c);
    }
    return collapse_space(out);
}

struct PageRow {
    std::int64_t id = 0, key = 0;
    double rank = 0;
    std::optional<std::string> snippet;  // raw, from phase one; missing: look it up
};

/// The raw snippet of one page row that phase one left without one, through `lookup`
/// (prepared on first use). Each lookup is an FTS5 query of its own: a seek per query token
/// in every index segment.
core::Result<void> snippet_of(StoreState& s, Statement& lookup, const ParsedQuery& p, const PageRow& row,
                              std::string& raw) {
    if (!lookup.prepared()) {
        auto st = Statement::prepare(s.handle(),
                                     "SELECT snippet(articles_fts, 1, ?2, ?3, '…', " +
                                         std::to_string(detail::k_snippet_tokens) +
                                         ") FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?4",
                                     "search snippet");
        if (!st) return core::fail(std::move(st).error().message);
        lookup = std::move(*st);
    }
    detail::ResetGuard guard(lookup);
    lookup.bind(1, p.match);
    lookup.bind(2, std::string_view(&k_mark_open, 1));
    lookup.bind(3, std::string_view(&k_mark_close, 1));
    lookup.bind(4, row.key);
    auto found = step(lookup, true);
    if (!found) return core::fail(std::move(found).error().message);
    if (*found) raw = lookup.text(0);
    return {};
}

/// Runs a page query: its rows in result order, each with its snippet when the query made it.
core::Result<std::vector<PageRow>> run_page(StoreState& s, const ParsedQuery& p, const ArticleFilter& f,
                                            SortOrder order, const detail::RankInputs& rank) {
    auto st = detail::prepare(s.handle(), detail::select_page(p, f, order, rank, true), "search");
    if (!st) return core::fail(std::move(st).error().message);
    std::vector<PageRow> page;
    for (;;) {
        auto row = step(*st, !p.match.empty());
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return page;
        page.push_back({st->int64(0), st->int64(1), st->real(2), std::nullopt});
        if (!st->is_null(3)) page.back().snippet = st->text(3);
    }
}

/// Phase one. A rank window bounded by its scan floor that cannot fill the page is filled
/// again without the bound, so that a filter that rejects most recent matches still finds
/// older ones: the bound never makes a page shorter than the whole window would.
core::Result<std::vector<PageRow>> read_rows(StoreState& s, const ParsedQuery& p, const ArticleFilter& f,
                                             SortOrder order) {
    auto rank = rank_inputs(s, p, f, order);
    if (!rank) return core::fail(std::move(rank).error().message);
    auto page = run_page(s, p, f, order, *rank);
    if (!page || !rank->scan_floor || static_cast<std::int64_t>(page->size()) >= f.limit) return page;
    rank->scan_floor.reset();
    return run_page(s, p, f, order, *rank);
}

/// Rows read ahead per story wanted once a page had copies to fold: three times the page, and
/// four times more on each further pass. The first pass reads exactly the page, so a page
/// without copies costs what the plain search costs (the figures of docs/search.md).
constexpr std::int64_t k_story_read_ahead = 3;
/// The most rows one_per_story reads before it settles for a short page.
constexpr std::int64_t k_max_story_rows = 200000;

/// Phase one for ArticleFilter::one_per_story: rows in result order, the first (best placed)
/// member of each story group only, offset and limit counted in stories.
core::Result<std::vector<PageRow>> read_story_rows(StoreState& s, const ParsedQuery& p, const ArticleFilter& f,
                                                   SortOrder order) {
    ArticleFilter wide = f;
    wide.offset = 0;
    const std::int64_t wanted = f.limit < 0 ? -1 : f.offset + f.limit;
    wide.limit = wanted;
    auto group = Statement::prepare(s.handle(), "SELECT group_id FROM articles WHERE id = ?1", "search stories");
    if (!group) return core::fail(std::move(group).error().message);
    for (;;) {
        auto rows = read_rows(s, p, wide, order);
        if (!rows) return rows;
        std::vector<PageRow> kept;
        std::unordered_set<std::int64_t> seen;
        for (PageRow& row : *rows) {
            group->bind(1, row.id);
            auto found = group->step("search stories");
            if (!found) return core::fail(std::move(found).error().message);
            const std::int64_t g = *found ? group->int64(0) : row.id;
            group->reset();
            if (seen.insert(g).second) kept.push_back(std::move(row));
            if (wanted >= 0 && static_cast<std::int64_t>(kept.size()) >= wanted) break;
        }
        const bool exhausted = wide.limit < 0 || static_cast<std::int64_t>(rows->size()) < wide.limit;
        if (exhausted || (wanted >= 0 && static_cast<std::int64_t>(kept.size()) >= wanted) ||
            wide.limit >= k_max_story_rows) {
            const auto from = std::min<std::size_t>(kept.size(), static_cast<std::size_t>(f.offset));
            return std::vector<PageRow>(std::make_move_iterator(kept.begin() + static_cast<std::ptrdiff_t>(from)),
                                        std::make_move_iterator(kept.end()));
        }
        wide.limit = wide.limit == wanted ? wanted * k_story_read_ahead + 10 : wide.limit * 4;
    }
}

core::Result<std::vector<PageRow>> read_page(StoreState& s, const ParsedQuery& p, const ArticleFilter& f,
                                             SortOrder order) {
    return f.one_per_story ? read_story_rows(s, p, f, order) : read_rows(s, p, f, order);
}

/// The other members of article `id`'s story, per source, most first.
core::Result<void> fill_copies(StoreState& s, Statement& st, SearchHit& hit) {
    if (!st.prepared()) {
        auto prepared = Statement::prepare(s.handle(),
                                           "SELECT source_id, count(*) FROM articles WHERE group_id = ?1 AND id <> ?2 "
                                           "GROUP BY source_id ORDER BY count(*) DESC, source_id",
                                           "count story copies");
        if (!prepared) return core::fail(std::move(prepared).error().message);
        st = std::move(*prepared);
    }
    detail::ResetGuard guard(st);
    st.bind(1, hit.article.group_id);
    st.bind(2, hit.article.id);
    for (;;) {
        auto row = st.step("count story copies");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return {};
        hit.copy_sources.push_back({st.text(0), st.int64(1)});
        hit.copies += st.int64(1);
    }
}

}  // namespace

core::Result<std::vector<SearchHit>> ArticleStore::search(std::string_view user_query, const ArticleFilter& f,
                                                          SortOrder order, std::string_view mark_open,
                                                          std::string_view mark_close) {
    auto parsed = parse(*m_state, user_query, false);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    auto page = read_page(*m_state, *parsed, f, order);
    if (!page) return core::fail(std::move(page).error().message);
    // Phase two: the article, and a snippet where phase one made none, for this page only.
    Statement lookup, copies;
    std::vector<SearchHit> hits;
    hits.reserve(page->size());
    for (PageRow& row : *page) {
        auto article = detail::load_article(*m_state, row.id);
        if (!article) return core::fail(std::move(article).error().message);
        if (!article->has_value()) continue;
        std::string raw = row.snippet.value_or(std::string());
        if (!parsed->match.empty() && !row.snippet) {
            if (auto r = snippet_of(*m_state, lookup, *parsed, row, raw); !r) return core::fail(r.error().message);
        }
        SearchHit hit;
        hit.rank = row.rank;
        hit.snippet = finish_snippet(raw, (*article)->text, mark_open, mark_close);
        hit.article = std::move(**article);
        if (f.one_per_story)
            if (auto r = fill_copies(*m_state, copies, hit); !r) return core::fail(r.error().message);
        hits.push_back(std::move(hit));
    }
    return hits;
}

core::Result<std::int64_t> ArticleStore::count(std::string_view user_query, const ArticleFilter& f) {
    auto parsed = parse(*m_state, user_query, true);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    auto st = detail::prepare(m_state->handle(), detail::count_query(*parsed, f), "count");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = step(*st, !parsed->match.empty());
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? st->int64(0) : 0;
}

core::Result<void> ArticleStore::for_each(std::string_view user_query, const ArticleFilter& f,
                                          const std::function<bool(const core::Article&)>& fn) {
    auto parsed = parse(*m_state, user_query, true);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    auto ids = detail::prepare(m_state->handle(), detail::select_page(*parsed, f, SortOrder::newest, {}, false),
                               "export");
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
