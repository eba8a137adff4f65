// dossier_rank(): bm25 as FTS5 computes it (SQLite's fts5_aux.c, "bm25"; Robertson and
// Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), with the inverse
// document frequencies taken from the caller. FTS5's own bm25 counts every match of every
// phrase (xQueryPhrase) once per query before it scores the first row: a full pass over
// half a million matches for a common word, although the search ranks only the newest
// 10,000. article_search.cpp estimates the frequencies on a bounded sample instead
// (rank_sample.hpp) and passes them here.
#include "rank_function.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#include <vector>

#include "sqlite_statement.hpp"

namespace dossier::store::detail {

namespace {

// bm25's free parameters, FTS5's values.
constexpr double k_k1 = 1.2;
constexpr double k_b = 0.75;

/// A row in result order: its score and sort key.
struct Scored {
    double score = 0;
    sqlite3_int64 key = 0;
};

/// What one query needs for every row: computed at its first row, kept as FTS5 auxdata.
struct QueryData {
    double avgdl = 1;          // average row length in tokens, all columns
    std::vector<double> idf;   // per phrase
    std::vector<double> freq;  // per phrase, the current row's weighted hit count (scratch)
    std::vector<Scored> best;  // dossier_top: the first rows so far in result order (a heap)
    std::int64_t entered = 0;  // dossier_top: rows reported as entering them
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* user) {
    ++*static_cast<std::int64_t*>(user);
    return SQLITE_OK;
}

/// Fills `d` for the query of `fts`. Argument k (after the table) gives phrase k's IDF: a REAL
/// is the IDF, an INTEGER the phrase's number of matching rows, and a phrase without one (or
/// NULL) is counted here, by a pass over all its matches, as bm25 does.
int init_query(const Fts5ExtensionApi* api, Fts5Context* fts, int argc, sqlite3_value** argv, QueryData& d) {
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return rc;
    d.avgdl = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
    const int phrases = api->xPhraseCount(fts);
    d.idf.assign(static_cast<std::size_t>(phrases), 0.0);
    d.freq.assign(static_cast<std::size_t>(phrases), 0.0);
    for (int k = 0; k < phrases; ++k) {
        const int type = k < argc ? sqlite3_value_type(argv[k]) : SQLITE_NULL;
        if (type == SQLITE_FLOAT) {
            d.idf[static_cast<std::size_t>(k)] = sqlite3_value_double(argv[k]);
            continue;
        }
        std::int64_t hits = type == SQLITE_INTEGER ? sqlite3_value_int64(argv[k]) : 0;
        if (type != SQLITE_INTEGER) rc = api->xQueryPhrase(fts, k, &hits, count_row);
        if (rc != SQLITE_OK) return rc;
        d.idf[static_cast<std::size_t>(k)] = bm25_idf(static_cast<double>(rows), static_cast<double>(hits));
    }
    return SQLITE_OK;
}

void delete_query_data(void* p) { delete static_cast<QueryData*>(p); }

/// The query's data, created on the first row; nullptr with `rc` set on failure.
QueryData* query_data(const Fts5ExtensionApi* api, Fts5Context* fts, int argc, sqlite3_value** argv, int& rc) {
    if (auto* d = static_cast<QueryData*>(api->xGetAuxdata(fts, 0))) return d;
    auto* d = new (std::nothrow) QueryData;
    if (d == nullptr) {
        rc = SQLITE_NOMEM;
        return nullptr;
    }
    try {
        rc = init_query(api, fts, argc, argv, *d);
    } catch (const std::bad_alloc&) {
        rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, d, delete_query_data);  // frees d on failure
    else delete d;
    return rc == SQLITE_OK ? d : nullptr;
}

/// Sums, per phrase, the column weight of each of its hits in the current row. A phrase
/// iterator reads that phrase's position list as the match left it; xInst would first merge
/// the lists of all phrases into one array.
int phrase_frequencies(const Fts5ExtensionApi* api, Fts5Context* fts, QueryData& d) {
    for (std::size_t k = 0; k < d.freq.size(); ++k) {
        Fts5PhraseIter it;
        int column = 0, offset = 0;
        double f = 0;
        const int rc = api->xPhraseFirst(fts, static_cast<int>(k), &it, &column, &offset);
        if (rc != SQLITE_OK) return rc;
        for (; column >= 0; api->xPhraseNext(fts, &it, &column, &offset))
            f += column == 0 ? k_title_weight : k_body_weight;
        d.freq[k] = f;
    }
    return SQLITE_OK;
}

/// The current row's score (bm25, negated: lower is better) into `score`.
int row_score(const Fts5ExtensionApi* api, Fts5Context* fts, QueryData& d, double& score) {
    int rc = phrase_frequencies(api, fts, d);
    int row_tokens = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &row_tokens);
    if (rc != SQLITE_OK) return rc;
    const double norm = k_k1 * (1 - k_b + k_b * static_cast<double>(row_tokens) / d.avgdl);
    double sum = 0;
    for (std::size_t k = 0; k < d.freq.size(); ++k)
        sum += d.idf[k] * ((d.freq[k] * (k_k1 + 1.0)) / (d.freq[k] + norm));  // bm25's order of operations
    score = -sum;
    return SQLITE_OK;
}

void rank_fn(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    int rc = SQLITE_OK;
    double score = 0;
    QueryData* d = query_data(api, fts, argc, argv, rc);
    if (d != nullptr) rc = row_score(api, fts, *d, score);
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
    else sqlite3_result_double(ctx, score);
}

/// True when (score a, key a) comes first in result order: lower score, then the newer key.
bool comes_first(const Scored& a, const Scored& b) {
    return a.score < b.score || (a.score == b.score && a.key > b.key);
}

/// Whether the current row is among the `n` first in result order of the rows seen so far;
/// `d.best` is a heap whose front is the last of those n.
bool enters_best(QueryData& d, std::int64_t n, const Scored& row) {
    if (n < 0) return true;  // no limit: every row is on the page
    if (n == 0) return false;
    if (d.best.size() < static_cast<std::size_t>(n)) {
        d.best.push_back(row);
        std::push_heap(d.best.begin(), d.best.end(), comes_first);
        return true;
    }
    if (!comes_first(row, d.best.front())) return false;
    std::pop_heap(d.best.begin(), d.best.end(), comes_first);
    d.best.back() = row;
    std::push_heap(d.best.begin(), d.best.end(), comes_first);
    return true;
}

void top_fn(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc < 1) {
        sqlite3_result_error(ctx, "dossier_top: needs the page size", -1);
        return;
    }
    int rc = SQLITE_OK;
    Scored row;
    QueryData* d = query_data(api, fts, argc - 1, argv + 1, rc);
    if (d != nullptr) rc = row_score(api, fts, *d, row.score);
    row.key = api->xRowid(fts);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    const std::int64_t n = sqlite3_value_int64(argv[0]);
    // A page row that is never reported gets its snippet by a lookup later (slower, never
    // wrong); the cap bounds the snippets made for rows that do not stay on the page when
    // scores happen to improve along the walk (random order: about n * (1 + ln(rows / n))).
    bool keep = false;
    try {
        keep = (n < 0 || d->entered < 10 * n + 200) && enters_best(*d, n, row);
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (keep) ++d->entered;
    sqlite3_result_int(ctx, keep ? 1 : 0);
}

fts5_api* fts5_of(sqlite3* db) {
    // The documented way to reach the fts5_api: SELECT fts5(?1) with a bound pointer.
    fts5_api* api = nullptr;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
    sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(raw);
    sqlite3_finalize(raw);
    return api;
}

}  // namespace

double bm25_idf(double rows, double hits) noexcept {
    const double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
    return idf > 0 ? idf : 1e-6;
}

core::Result<void> register_rank_function(sqlite3* db) {
    fts5_api* api = fts5_of(db);
    if (api == nullptr || api->iVersion < 2) return core::fail("store: this SQLite has no usable FTS5");
    if (api->xCreateFunction(api, "dossier_rank", nullptr, rank_fn, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "register dossier_rank"));
    if (api->xCreateFunction(api, "dossier_top", nullptr, top_fn, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "register dossier_top"));
    return {};
}

}  // namespace dossier::store::detail
