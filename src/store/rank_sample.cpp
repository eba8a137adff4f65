// Document frequencies on a sample of the newest articles. FTS5's bm25 counts every match of
// each phrase, which for a word in half of 1,000,000 articles is a pass over 500,000 matches
// (130 ms; 420 ms for the phrase "of the", whose positions must be compared in every article
// that has both words). The rowid of the index is the sort key, so "the newest articles" is a
// rowid range that FTS5 seeks to, and a sample costs at most k_idf_sample_articles articles
// or k_idf_sample_hits matches per phrase, whatever the size of the archive.
#include "rank_sample.hpp"

#include <limits>

#include "sqlite_statement.hpp"

namespace dossier::store::detail {

namespace {

/// The index of the quote that closes the FTS5 string opening at `open`, whose quotes inside
/// are doubled; npos when it is not closed.
std::size_t closing_quote(std::string_view s, std::size_t open) {
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        if (s[i] != '"') continue;
        if (i + 1 < s.size() && s[i + 1] == '"') ++i;
        else return i;
    }
    return std::string_view::npos;
}

/// The start of the column filter (`title : `) written right before position `quote`, or
/// `quote` when there is none.
std::size_t column_filter_start(std::string_view s, std::size_t quote) {
    constexpr std::string_view sep = " : ";
    if (quote < sep.size() || s.substr(quote - sep.size(), sep.size()) != sep) return quote;
    std::size_t begin = quote - sep.size();
    while (begin > 0 && s[begin - 1] >= 'a' && s[begin - 1] <= 'z') --begin;
    return begin;
}

std::string unquote(std::string_view quoted) {
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
        out.push_back(quoted[i]);
        if (quoted[i] == '"') ++i;  // the second of a doubled quote
    }
    return out;
}

struct Sampler {
    sqlite3* db = nullptr;
    std::int64_t floor_key = std::numeric_limits<std::int64_t>::min();  // the oldest sampled article's key
    std::int64_t articles = 0;                                           // articles at or above it
    Statement matches, span;
};

/// Steps `st`; an FTS5 syntax error (SQLITE_ERROR) becomes the one-line search error, as in
/// article_search.cpp, since the phrases come from our own parser.
core::Result<bool> step(Statement& st) {
    auto row = st.step("search");
    if (!row && st.error_code() == SQLITE_ERROR)
        return core::fail("search: the full-text index could not run this query");
    return row;
}

/// Finds the sample of articles: the newest k_idf_sample_articles, or all of them.
core::Result<void> find_floor(Sampler& s) {
    auto st = Statement::prepare(s.db, "SELECT sort_key FROM articles ORDER BY sort_key DESC LIMIT 1 OFFSET ?",
                                 "search sample");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, k_idf_sample_articles - 1);
    auto row = step(*st);
    if (!row) return core::fail(std::move(row).error().message);
    if (*row) {
        s.floor_key = st->int64(0);
        s.articles = k_idf_sample_articles;
        return {};
    }
    auto all = Statement::prepare(s.db, "SELECT count(*) FROM articles", "search sample");
    if (!all) return core::fail(std::move(all).error().message);
    auto counted = step(*all);
    if (!counted) return core::fail(std::move(counted).error().message);
    s.articles = *counted ? all->int64(0) : 0;
    return {};
}

/// One phrase: its newest matches in the sample, up to k_idf_sample_hits; when it has that
/// many, the sample shrinks to the articles they span.
core::Result<PhraseSample> sample_one(Sampler& s, const std::string& phrase) {
    ResetGuard g1(s.matches);
    s.matches.bind(1, phrase);
    s.matches.bind(2, s.floor_key);
    s.matches.bind(3, k_idf_sample_hits);
    auto row = step(s.matches);
    if (!row) return core::fail(std::move(row).error().message);
    PhraseSample out{*row ? s.matches.int64(0) : 0, s.articles};
    if (out.hits < k_idf_sample_hits) return out;
    ResetGuard g2(s.span);
    s.span.bind(1, s.matches.int64(1));
    auto span = step(s.span);
    if (!span) return core::fail(std::move(span).error().message);
    if (*span) out.articles = s.span.int64(0);
    return out;
}

}  // namespace

std::vector<PhraseSpan> phrase_spans(std::string_view match) {
    std::vector<PhraseSpan> out;
    for (std::size_t i = 0; i < match.size(); ++i) {
        if (match[i] != '"') continue;
        const std::size_t close = closing_quote(match, i);
        if (close == std::string_view::npos) break;
        PhraseSpan span;
        span.begin = column_filter_start(match, i);
        if (span.begin < i) span.column = std::string(match.substr(span.begin, i - span.begin - 3));
        span.text = unquote(match.substr(i, close + 1 - i));
        span.prefix = close + 1 < match.size() && match[close + 1] == '*';
        span.end = close + (span.prefix ? 2 : 1);
        out.push_back(std::move(span));
        i = out.back().end - 1;
    }
    return out;
}

std::vector<std::string> match_phrases(std::string_view match) {
    std::vector<std::string> out;
    for (const PhraseSpan& span : phrase_spans(match))
        out.emplace_back(match.substr(span.begin, span.end - span.begin));
    return out;
}

core::Result<std::vector<PhraseSample>> sample_phrases(sqlite3* db, std::string_view match) {
    Sampler s;
    s.db = db;
    if (auto r = find_floor(s); !r) return core::fail(r.error().message);
    auto matches = Statement::prepare(db,
                                      "SELECT count(*), min(k) FROM (SELECT rowid AS k FROM articles_fts WHERE "
                                      "articles_fts MATCH ?1 AND rowid >= ?2 ORDER BY rowid DESC LIMIT ?3)",
                                      "search sample");
    if (!matches) return core::fail(std::move(matches).error().message);
    auto span = Statement::prepare(db, "SELECT count(*) FROM articles WHERE sort_key >= ?", "search sample");
    if (!span) return core::fail(std::move(span).error().message);
    s.matches = std::move(*matches);
    s.span = std::move(*span);
    std::vector<PhraseSample> out;
    for (const std::string& phrase : match_phrases(match)) {
        auto one = sample_one(s, phrase);
        if (!one) return core::fail(std::move(one).error().message);
        out.push_back(*one);
    }
    return out;
}

core::Result<std::vector<std::int64_t>> count_phrases(sqlite3* db, std::string_view match) {
    auto st = Statement::prepare(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", "search count");
    if (!st) return core::fail(std::move(st).error().message);
    std::vector<std::int64_t> out;
    for (const std::string& phrase : match_phrases(match)) {
        ResetGuard guard(*st);
        st->bind(1, phrase);
        auto row = step(*st);
        if (!row) return core::fail(std::move(row).error().message);
        out.push_back(*row ? st->int64(0) : 0);
    }
    return out;
}

}  // namespace dossier::store::detail
