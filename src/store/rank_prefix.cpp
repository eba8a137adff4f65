// Prefix queries as an OR of index terms. For a prefix phrase ("explo"*), FTS5 first merges
// the whole doclists of every term with that prefix into one list (in every segment), before
// it returns any row and whatever the LIMIT or rowid range: 115 ms for a prefix of 534,000
// matches among 1,000,000 articles, paid again by every query that repeats the phrase (the
// IDF sample, the snippet of a row). An OR of the same terms is merged lazily, row by row in
// rowid order, so a newest-first page reads a few rows of each term (0.5 ms). The terms are
// found in the index itself, one seek per term (fts5vocab's "instance" table, which unlike
// its "row" table does not count a term's matches before returning it).
#include "rank_prefix.hpp"

#include <algorithm>

#include "dossier/store/search_tokenizer.hpp"
#include "rank_sample.hpp"
#include "sqlite_statement.hpp"

namespace dossier::store::detail {

namespace {

/// After this many rows (instances) of one term, seek past the term instead of stepping on:
/// a rare term is cheaper to step through than to seek past, a common one is not.
constexpr int k_steps_per_term = 16;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The instances of `db`'s index, term by term, from a term on. The fts5vocab table is made
/// once per connection, in the temp schema. A read-only store's connection has query_only
/// set, which refuses even that, so it is lifted for this one statement: the file itself is
/// opened read-only, and the temp schema is the connection's own memory.
core::Result<Statement> vocabulary(sqlite3* db) {
    constexpr const char* select = "SELECT term FROM temp.dossier_terms WHERE term >= ?";
    sqlite3_stmt* probe = nullptr;
    const bool exists = sqlite3_prepare_v2(db, select, -1, &probe, nullptr) == SQLITE_OK;
    sqlite3_finalize(probe);
    if (!exists) {
        auto query_only = Statement::prepare(db, "PRAGMA query_only", "search terms");
        if (!query_only) return core::fail(std::move(query_only).error().message);
        auto row = query_only->step("search terms");
        if (!row) return core::fail(std::move(row).error().message);
        const bool restore = *row && query_only->int64(0) != 0;
        query_only->reset();
        if (restore) {
            if (auto r = exec(db, "PRAGMA query_only = OFF", "search terms"); !r) return core::fail(r.error().message);
        }
        auto made = exec(db,
                         "CREATE VIRTUAL TABLE IF NOT EXISTS temp.dossier_terms "
                         "USING fts5vocab(main, 'articles_fts', 'instance')",
                         "search terms");
        if (restore) {
            if (auto r = exec(db, "PRAGMA query_only = ON", "search terms"); !r) return core::fail(r.error().message);
        }
        if (!made) return core::fail(made.error().message);
    }
    return Statement::prepare(db, select, "search terms");
}

/// One walk of the vocabulary from `from`: adds each new term with the prefix to `terms`.
/// Returns true when the walk reached the end of the prefix's terms (or of the index), false
/// when it stopped in a common term, whose successor needs another seek. Sets `too_many`
/// when there are more than `max_terms`.
core::Result<bool> walk_terms(Statement& st, std::string_view prefix, const std::string& from, std::size_t max_terms,
                              std::vector<std::string>& terms, bool& too_many) {
    ResetGuard guard(st);
    st.bind(1, from);
    int steps = 0;
    for (;;) {
        auto row = st.step("search terms");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return true;
        std::string term = st.text(0);
        if (!starts_with(term, prefix)) return true;
        if (terms.empty() || term != terms.back()) {
            if (terms.size() == max_terms) {
                too_many = true;
                return true;
            }
            terms.push_back(std::move(term));
            steps = 0;
        } else if (++steps > k_steps_per_term) {
            return false;
        }
    }
}

void quote(std::string_view text, std::string& out) {
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

/// Whether `term`, written as a query, is that one token and nothing else: a term such as
/// "cve-2025-59934" or "192.168.1.1" is also a phrase of its parts as a query, and so cannot
/// be named alone.
bool names_itself(const std::string& term) {
    const auto tokens = tokenize_for_search(term, TokenizeMode::query);
    return tokens.size() == 1 && tokens.front().text == term;
}

/// The OR that replaces a prefix phrase, or nullopt to keep it. Takes the terms it looks up
/// (at most k_max_prefix_terms) from `budget`.
core::Result<std::optional<std::string>> expansion(sqlite3* db, const PhraseSpan& span, std::size_t& budget) {
    const auto tokens = tokenize_for_search(span.text, TokenizeMode::prefix_query);
    if (tokens.size() != 1 || budget == 0) return std::optional<std::string>();
    const std::size_t max_terms = std::min(k_max_prefix_terms, budget);
    auto terms = prefix_terms(db, tokens.front().text, max_terms);
    if (!terms) return core::fail(std::move(terms).error().message);
    budget -= *terms ? (*terms)->size() : max_terms;
    if (!*terms || (*terms)->empty()) return std::optional<std::string>();
    std::string out = "(";
    for (const std::string& term : **terms) {
        if (!names_itself(term)) return std::optional<std::string>();
        if (out.size() > 1) out += " OR ";
        if (!span.column.empty()) out += span.column + " : ";
        quote(term, out);
    }
    return std::optional<std::string>(out + ")");
}

}  // namespace

core::Result<std::optional<std::vector<std::string>>> prefix_terms(sqlite3* db, std::string_view prefix,
                                                                   std::size_t max_terms) {
    auto st = vocabulary(db);
    if (!st) return core::fail(std::move(st).error().message);
    std::vector<std::string> terms;
    bool too_many = false;
    std::string from(prefix);
    for (;;) {
        auto done = walk_terms(*st, prefix, from, max_terms, terms, too_many);
        if (!done) return core::fail(std::move(done).error().message);
        if (too_many) return std::optional<std::vector<std::string>>();
        if (*done) return std::optional<std::vector<std::string>>(std::move(terms));
        // Seek past the term alone: no token holds a control character, so its continuations
        // come after this string ("exploit" < "exploit\1" < "exploits").
        from = terms.back() + '\x01';
    }
}

core::Result<std::string> expand_prefixes(sqlite3* db, std::string_view match) {
    std::string out;
    std::size_t copied = 0, budget = k_max_expanded_terms;
    for (const PhraseSpan& span : phrase_spans(match)) {
        if (!span.prefix) continue;
        auto replacement = expansion(db, span, budget);
        if (!replacement) return core::fail(std::move(replacement).error().message);
        if (!*replacement) continue;
        out.append(match.substr(copied, span.begin - copied));
        out += **replacement;
        copied = span.end;
    }
    out.append(match.substr(copied));
    return out;
}

}  // namespace dossier::store::detail
