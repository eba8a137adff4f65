// What the CJK token design costs FTS5 (docs/search.md, "Ingest speed"). The same generated
// articles (search_bench_gen.hpp) are indexed into one bare archive per design, batch by batch
// in rotating order, in one process: noise on a shared machine falls on every design alike,
// so the ratios hold even when the absolute rates drift. Then a few CJK queries are timed on
// each archive.
//
// Designs (documents; each CJK character is one position in all of them):
//   shipped   the "dossier" tokenizer as it is: a unigram per character and the bigram it
//             starts, colocated (2 tokens per character)
//   bigrams   the bigram a character starts, and a unigram only for a run's last character
//             (1 token per character; a 1-character query would need a prefix query)
//   unigrams  a unigram per character, no bigram (1 token per character; a word is a phrase
//             of characters). Run boundaries are not marked, so "漏，洞" matches 漏洞: a lower
//             bound on what an exact unigram design would cost.
// Each design is the shipped tokenizer's output (store::tokenize_for_search) with tokens
// dropped or moved, so Latin text, IDs and glue are the same in all three.
//
// Each design can also be given a rowid layout ("shipped/key30", see RowId): the product's FTS5
// rowid is a sort key, not the article id, and the size of the gaps between neighbouring
// rowids is paid in every doclist entry.
//
// Usage: bench_fts_variants --dir DIR [--articles N] [--batch B] [--designs a,b/key30,...] [--runs R]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dossier/store/query.hpp"
#include "dossier/store/search_tokenizer.hpp"
#include "dossier/text/unicode.hpp"
#include "search_bench_gen.hpp"
#include "search_bench_queries.hpp"
#include "search_bench_vocab.hpp"

namespace {

using namespace dossier;
namespace fs = std::filesystem;

constexpr std::size_t k_vocab_size = 40000;  // as bench_search, so the text is the same

enum class Design { shipped, bigrams, unigrams };

/// The FTS5 rowid of an article. seq: 1, 2, 3 ... in insertion order. key30: the product's
/// sort key, (seconds + 2^32) << 30 | id (sort_key.hpp). key12: (seconds + 2^32) << 12 | (id mod
/// 4096), the same order with 18 fewer bits between neighbours (not unique in general: two
/// articles of one second whose ids agree mod 4096 collide; none do in this text).
enum class RowId { seq, key30, key12 };

const char* rowid_name(RowId r) {
    switch (r) {
        case RowId::seq: return "seq";
        case RowId::key30: return "key30";
        case RowId::key12: return "key12";
    }
    return "?";
}

/// A design and a rowid layout, written "design" or "design/layout" (default layout: seq).
struct Variant {
    Design design = Design::shipped;
    RowId rowid = RowId::seq;
    std::string name;
};

const char* design_name(Design d) {
    switch (d) {
        case Design::shipped: return "shipped";
        case Design::bigrams: return "bigrams";
        case Design::unigrams: return "unigrams";
    }
    return "?";
}

std::optional<Variant> parse_variant(std::string_view s) {
    Variant v;
    v.name = std::string(s);
    const auto slash = s.find('/');
    const std::string_view design = s.substr(0, slash);
    bool found = false;
    for (Design d : {Design::shipped, Design::bigrams, Design::unigrams})
        if (design == design_name(d)) v.design = d, found = true;
    if (!found) return std::nullopt;
    if (slash == std::string_view::npos) return v;
    const std::string_view layout = s.substr(slash + 1);
    for (RowId r : {RowId::seq, RowId::key30, RowId::key12})
        if (layout == rowid_name(r)) return v.rowid = r, v;
    return std::nullopt;
}

/// Code points of `s` if all are CJK, else 0 (1 for a unigram, 2 for a bigram).
int cjk_length(std::string_view s) {
    int n = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (!text::is_cjk(text::next_codepoint(s, i))) return 0;
        ++n;
    }
    return n;
}

/// The tokens of `design` for one FTS5 call, derived from the shipped tokenizer's.
std::vector<store::SearchToken> design_tokens(Design design, std::string_view text, store::TokenizeMode mode) {
    std::vector<store::SearchToken> in = store::tokenize_for_search(text, mode);
    if (design == Design::shipped) return in;
    std::vector<store::SearchToken> out;
    out.reserve(in.size());
    const bool query = mode != store::TokenizeMode::document;
    for (std::size_t i = 0; i < in.size(); ++i) {
        store::SearchToken t = in[i];
        const int len = cjk_length(t.text);
        if (!query) {
            // Documents: a unigram is followed by the colocated bigram it starts, if any.
            const bool has_bigram = len == 1 && !t.colocated && i + 1 < in.size() && in[i + 1].colocated &&
                                    cjk_length(in[i + 1].text) == 2;
            if (design == Design::unigrams) {
                if (has_bigram) ++i;
            } else if (has_bigram) {
                t = in[++i];
                t.colocated = false;  // the bigram takes the character's position
            }
            out.push_back(std::move(t));
            continue;
        }
        // Queries: a run is its bigrams at consecutive positions, then its last character.
        if (design == Design::unigrams) {
            if (len == 2) {  // keep the first character
                std::size_t end = 0;
                text::next_codepoint(t.text, end);
                t.text.resize(end);
            }
            out.push_back(std::move(t));
            continue;
        }
        // bigrams: the last character only where documents have its unigram, before glued Latin.
        const bool run_end = len == 1 && i > 0 && cjk_length(in[i - 1].text) == 2;
        const bool glued_after = i + 1 < in.size() && in[i + 1].text.rfind(t.text, 0) == 0 && cjk_length(in[i + 1].text) == 0;
        if (run_end && !glued_after) continue;
        out.push_back(std::move(t));
    }
    return out;
}

// FTS5 tokenizer glue: the instance holds its design.
struct Instance {
    Design design;
};

int x_create(void* ctx, const char**, int, Fts5Tokenizer** out) {
    *out = reinterpret_cast<Fts5Tokenizer*>(new Instance{*static_cast<Design*>(ctx)});
    return SQLITE_OK;
}

void x_delete(Fts5Tokenizer* t) { delete reinterpret_cast<Instance*>(t); }

int x_tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int size,
               int (*token)(void*, int, const char*, int, int, int)) {
    const auto* inst = reinterpret_cast<Instance*>(t);
    const store::TokenizeMode mode = (flags & FTS5_TOKENIZE_QUERY) == 0 ? store::TokenizeMode::document
                                     : (flags & FTS5_TOKENIZE_PREFIX) != 0 ? store::TokenizeMode::prefix_query
                                                                           : store::TokenizeMode::query;
    for (const auto& tok : design_tokens(inst->design, std::string_view(text, static_cast<std::size_t>(size)), mode)) {
        const int rc = token(ctx, tok.colocated ? FTS5_TOKEN_COLOCATED : 0, tok.text.data(),
                             static_cast<int>(tok.text.size()), static_cast<int>(tok.start), static_cast<int>(tok.end));
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

Design g_designs[3] = {Design::shipped, Design::bigrams, Design::unigrams};

bool register_design(sqlite3* db, Design d) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return false;
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (api == nullptr) return false;
    fts5_tokenizer tok{x_create, x_delete, x_tokenize};
    return api->xCreateTokenizer(api, "variant", &g_designs[static_cast<int>(d)], &tok, nullptr) == SQLITE_OK;
}

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};

bool exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return true;
    std::fprintf(stderr, "bench_fts_variants: %s: %s\n", sql.substr(0, 60).c_str(), err ? err : "?");
    sqlite3_free(err);
    return false;
}

/// One design's archive: the product's FTS5 settings (schema.cpp, migrations 4-5) over a bare
/// articles table, with the connection settings ArticleStore::open uses.
struct Archive {
    Variant variant;
    fs::path path;
    std::unique_ptr<sqlite3, DbCloser> db;
    sqlite3_stmt* key = nullptr;  // into temp.batch
    sqlite3_stmt* row = nullptr;
    sqlite3_stmt* index = nullptr;
    double row_s = 0, index_s = 0;
    std::vector<double> tenth_rates;
    double tenth_s = 0;

    ~Archive() {
        sqlite3_finalize(key);
        sqlite3_finalize(row);
        sqlite3_finalize(index);
    }

    bool open() {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::error_code ec;
            fs::remove(path.string() + suffix, ec);
        }
        sqlite3* raw = nullptr;
        if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) return false;
        db.reset(raw);
        if (!register_design(raw, variant.design)) return false;
        if (!exec(raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                       "PRAGMA temp_store = MEMORY;"
                       "CREATE TEMP TABLE batch (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);"
                       "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', "
                       "content_rowid='id', tokenize='variant', detail=full);"
                       "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');"
                       "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 4194304);"
                       "INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);"
                       "INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 32);"))
            return false;
        return sqlite3_prepare_v2(raw, "INSERT INTO temp.batch (id) VALUES (?1)", -1, &key, nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(raw, "INSERT INTO articles (id, title, body) VALUES (?1, ?2, ?3)", -1, &row,
                                  nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(raw,
                                  "INSERT INTO articles_fts (rowid, title, body) SELECT a.id, a.title, a.body "
                                  "FROM temp.batch AS b JOIN articles AS a ON a.id = b.id ORDER BY a.id",
                                  -1, &index, nullptr) == SQLITE_OK;
    }

    std::int64_t rowid(const core::Article& a, std::int64_t id) const {
        const std::int64_t t = (a.published ? a.published->seconds : a.first_seen) + (std::int64_t{1} << 32);
        switch (variant.rowid) {
            case RowId::seq: return id;
            case RowId::key30: return t << 30 | id;
            case RowId::key12: return t << 12 | (id & 4095);
        }
        return id;
    }

    /// Stores one batch (ids first..first+n-1) in one transaction, as ArticleStore::commit
    /// does: rows first, then one statement indexes them all in rowid order.
    bool store(const std::vector<core::Article>& batch, std::int64_t first) {
        const double t0 = now_s();
        if (!exec(db.get(), "BEGIN; DELETE FROM temp.batch")) return false;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const std::int64_t id = rowid(batch[k], first + static_cast<std::int64_t>(k));
            sqlite3_bind_int64(key, 1, id);
            const int queued = sqlite3_step(key);
            sqlite3_reset(key);
            if (queued != SQLITE_DONE) return false;
            sqlite3_bind_int64(row, 1, id);
            sqlite3_bind_text(row, 2, batch[k].title.data(), static_cast<int>(batch[k].title.size()), SQLITE_STATIC);
            sqlite3_bind_text(row, 3, batch[k].text.data(), static_cast<int>(batch[k].text.size()), SQLITE_STATIC);
            const int rc = sqlite3_step(row);
            sqlite3_reset(row);
            if (rc != SQLITE_DONE) return false;
        }
        const double t1 = now_s();
        const int rc = sqlite3_step(index);
        sqlite3_reset(index);
        if (rc != SQLITE_DONE || !exec(db.get(), "COMMIT")) return false;
        const double t2 = now_s();
        row_s += t1 - t0;
        index_s += t2 - t1;
        tenth_s += t2 - t0;
        return true;
    }

    std::int64_t fts_bytes() const {
        sqlite3_stmt* st = nullptr;
        std::int64_t bytes = 0;
        if (sqlite3_prepare_v2(db.get(), "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'", -1, &st,
                               nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            bytes = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return bytes;
    }
};

struct Options {
    fs::path dir;
    std::int64_t articles = 100000, batch = 1000;
    std::vector<Variant> variants;
    int runs = 5;
    std::string fixtures = DOSSIER_FIXTURES;
};

std::optional<Options> parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (v == nullptr) return std::nullopt;
        ++i;
        if (a == "--dir") o.dir = v;
        else if (a == "--articles") o.articles = std::atoll(v);
        else if (a == "--batch") o.batch = std::atoll(v);
        else if (a == "--runs") o.runs = std::atoi(v);
        else if (a == "--fixtures") o.fixtures = v;
        else if (a == "--designs") {
            std::string_view rest = v;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                auto d = parse_variant(rest.substr(0, comma));
                if (!d) return std::nullopt;
                o.variants.push_back(std::move(*d));
                rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            }
        } else {
            return std::nullopt;
        }
    }
    if (o.variants.empty())
        for (const char* d : {"shipped", "bigrams", "unigrams"}) o.variants.push_back(*parse_variant(d));
    if (o.dir.empty() || o.articles < 1 || o.batch < 1 || o.runs < 1) return std::nullopt;
    return o;
}

/// Milliseconds of one run of `sql` with `match` bound. `result` is the first column of the
/// last row (the count, for a count query).
double time_sql(sqlite3* db, const char* sql, const std::string& match, std::int64_t& result) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    const double t0 = now_s();
    result = 0;
    while (sqlite3_step(st) == SQLITE_ROW) result = sqlite3_column_int64(st, 0);
    const double ms = (now_s() - t0) * 1000.0;
    sqlite3_finalize(st);
    return ms;
}

/// `s` padded with spaces to `width` terminal columns (a CJK character takes two).
std::string padded(const std::string& s, int width) {
    int cols = 0;
    for (std::size_t i = 0; i < s.size();) cols += text::is_cjk(text::next_codepoint(s, i)) ? 2 : 1;
    return s + std::string(static_cast<std::size_t>(std::max(width - cols, 1)), ' ');
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void print_queries(const Options& o, std::vector<std::unique_ptr<Archive>>& archives,
                   const std::vector<bench::BenchQuery>& queries) {
    std::printf("\nqueries: p50 ms of %d runs after a warm-up (count | newest 20 | top 20 by bm25 over every match)\n",
                o.runs);
    std::printf("  %-10s %-22s", "class", "query");
    for (const auto& a : archives) std::printf(" | %-14s %8s %6s %6s %7s", a->variant.name.c_str(), "matches", "count", "newest", "rank");
    std::printf("\n");
    const char* sql[3] = {"SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                          "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT 20",
                          "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT 20"};
    for (const auto& q : queries) {
        if (q.cls.rfind("zh-", 0) != 0) continue;
        auto parsed = store::to_match_expression(q.text);
        if (!parsed) continue;
        std::printf("  %-10s %s", q.cls.c_str(), padded(q.text, 22).c_str());
        for (const auto& a : archives) {
            // Without a unigram at every position, one character is a prefix query over the
            // bigrams it starts (and the unigram of a run's last character).
            const bool prefix = a->variant.design == Design::bigrams && q.cls == "zh-1char";
            const std::string match = prefix ? *parsed + "*" : *parsed;
            std::int64_t matches = 0, result = 0;
            double ms[3] = {0, 0, 0};
            for (int k = 0; k < 3; ++k) {
                std::vector<double> runs;
                for (int r = 0; r <= o.runs; ++r) {
                    const double t = time_sql(a->db.get(), sql[k], match, result);
                    if (r > 0) runs.push_back(t);
                }
                ms[k] = median(runs);
                if (k == 0) matches = result;
            }
            std::printf(" | %-14s %8lld %6.1f %6.1f %7.1f", "", static_cast<long long>(matches), ms[0], ms[1], ms[2]);
        }
        std::printf("\n");
    }
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = parse_args(argc, argv);
    if (!o) {
        std::fprintf(stderr,
                     "usage: bench_fts_variants --dir DIR [--articles N] [--batch B] [--runs R] "
                     "[--designs shipped,bigrams,unigrams,shipped/key30,shipped/key12] [--fixtures DIR]\n");
        return 2;
    }
    auto vocab = bench::build_vocabularies(o->fixtures, k_vocab_size);
    if (!vocab) {
        std::fprintf(stderr, "%s\n", vocab.error().message.c_str());
        return 1;
    }
    const bench::IdPools pools = bench::make_id_pools(vocab->lists.products.size());
    const bench::Generator gen(*vocab, pools, 1, o->articles);
    std::error_code ec;
    fs::create_directories(o->dir, ec);
    std::vector<std::unique_ptr<Archive>> archives;
    for (const Variant& v : o->variants) {
        archives.push_back(std::make_unique<Archive>());
        archives.back()->variant = v;
        std::string file = v.name;
        std::replace(file.begin(), file.end(), '/', '-');
        archives.back()->path = o->dir / (file + ".db");
        if (!archives.back()->open()) {
            std::fprintf(stderr, "bench_fts_variants: cannot create %s\n", archives.back()->path.c_str());
            return 1;
        }
    }
    std::printf("bench_fts_variants: %lld articles (search bench generator, seed 1) in batches of %lld, "
                "archives in %s\n",
                static_cast<long long>(o->articles), static_cast<long long>(o->batch), o->dir.c_str());
    std::int64_t text_bytes = 0;
    const std::int64_t tenth = std::max<std::int64_t>(o->articles / 10, 1);
    std::vector<core::Article> batch;
    std::size_t turn = 0;
    for (std::int64_t first = 0; first < o->articles; first += o->batch) {
        const std::int64_t n = std::min(o->batch, o->articles - first);
        batch.clear();
        for (std::int64_t i = 0; i < n; ++i) {
            batch.push_back(gen.make(first + i));
            text_bytes += static_cast<std::int64_t>(batch.back().title.size() + batch.back().text.size());
        }
        // Rotate which design goes first, so none always runs right after the generator.
        for (std::size_t k = 0; k < archives.size(); ++k) {
            Archive& a = *archives[(turn + k) % archives.size()];
            if (!a.store(batch, first + 1)) {
                std::fprintf(stderr, "bench_fts_variants: %s: %s\n", a.path.c_str(), sqlite3_errmsg(a.db.get()));
                return 1;
            }
        }
        ++turn;
        const std::int64_t done = first + n;
        if (done % tenth == 0 || done == o->articles) {
            for (auto& a : archives) {
                a->tenth_rates.push_back(static_cast<double>(tenth) / std::max(a->tenth_s, 1e-9));
                a->tenth_s = 0;
            }
            std::fprintf(stderr, "  %lld / %lld articles\n", static_cast<long long>(done),
                         static_cast<long long>(o->articles));
        }
    }
    const double text_mib = static_cast<double>(text_bytes) / (1024.0 * 1024.0);
    std::printf("  text (title + body) %.1f MiB, %lld bytes/article\n\n", text_mib,
                static_cast<long long>(text_bytes / o->articles));
    const double base = archives.front()->row_s + archives.front()->index_s;
    std::printf("  %-14s %9s %9s %12s %10s %10s %11s   articles/s per tenth\n", "design", "rows s", "index s",
                "articles/s", "vs first", "index MiB", "index/text");
    for (const auto& a : archives) {
        const double total = a->row_s + a->index_s;
        const double mib = static_cast<double>(a->fts_bytes()) / (1024.0 * 1024.0);
        std::printf("  %-14s %9.1f %9.1f %12.0f %9.2fx %10.1f %11.2f  ", a->variant.name.c_str(), a->row_s, a->index_s,
                    static_cast<double>(o->articles) / total, base / total, mib, mib / text_mib);
        for (double r : a->tenth_rates) std::printf(" %.0f", r);
        std::printf("\n");
    }
    print_queries(*o, archives, bench::make_queries(*vocab, pools));
    return 0;
}
