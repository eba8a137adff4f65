// Archive building and size measurement for the search benchmark (search_bench_ingest.hpp).
#include "search_bench_ingest.hpp"

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "dossier/store/article_store.hpp"
#include "search_bench_timing.hpp"

namespace dossier::bench {
namespace {

namespace fs = std::filesystem;

void remove_archive(const fs::path& db) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
}

/// Stores `articles` in one transaction.
core::Result<void> store_batch(store::ArticleStore& s, const std::vector<core::Article>& articles) {
    if (auto ok = s.begin(); !ok) return ok;
    for (const core::Article& a : articles)
        if (auto id = s.put(a); !id) return core::fail(id.error().message);
    return s.commit();
}

core::Result<store::ArticleStore> open_fresh(const Generator& gen, const IngestOptions& opt) {
    remove_archive(opt.db);
    auto s = store::ArticleStore::open(opt.db, store::OpenMode::read_write);
    if (!s) return s;
    if (opt.cache_mib > 0)
        if (auto ok = s->set_cache_mib(opt.cache_mib); !ok) return core::fail(ok.error().message);
    for (const auto& [id, lang] : gen.sources())
        if (auto ok = s->upsert_source(id, id, "https://" + id + ".example/", lang); !ok)
            return core::fail(ok.error().message);
    return s;
}

struct SliceClock {
    std::int64_t size, done = 0;
    double store_s = 0;
    std::vector<double>& rates;
    /// Adds a batch; closes the slice (and prints progress) when it is full.
    void add(std::int64_t n, double seconds, std::int64_t total, double wall0) {
        done += n;
        store_s += seconds;
        if (done >= size * static_cast<std::int64_t>(rates.size() + 1) || done == total) {
            const std::int64_t in_slice = done - size * static_cast<std::int64_t>(rates.size());
            rates.push_back(static_cast<double>(in_slice) / std::max(store_s, 1e-9));
            std::fprintf(stderr, "  ingest: %lld / %lld articles, %.0f s, slice %.0f articles/s\n",
                         static_cast<long long>(done), static_cast<long long>(total), now_seconds() - wall0,
                         rates.back());
            store_s = 0;
        }
    }
};

/// sqlite3 handle closed on scope exit.
struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

/// Runs `sql` and calls `row` for each result row.
template <class Row>
bool for_rows(sqlite3* db, const char* sql, Row row) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return false;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

}  // namespace

core::Result<IngestResult> ingest(const Generator& gen, const IngestOptions& opt, TruthCounts& truth) {
    IngestResult r;
    const double wall0 = now_seconds(), cpu0 = cpu_seconds();
    auto s = open_fresh(gen, opt);
    if (!s) return core::fail(s.error().message);
    SliceClock slices{std::max<std::int64_t>(opt.articles / 10, 1), 0, 0, r.slice_rates};
    std::vector<core::Article> batch;
    for (std::int64_t first = 0; first < opt.articles; first += opt.batch) {
        const std::int64_t n = std::min(opt.batch, opt.articles - first);
        const double g0 = now_seconds();
        batch.clear();
        for (std::int64_t i = 0; i < n; ++i) {
            batch.push_back(gen.make(first + i, &truth));
            r.text_bytes += static_cast<std::int64_t>(batch.back().title.size() + batch.back().text.size());
        }
        const double s0 = now_seconds();
        r.gen_s += s0 - g0;
        if (auto ok = store_batch(*s, batch); !ok) return core::fail(ok.error().message);
        r.store_s += now_seconds() - s0;
        slices.add(n, now_seconds() - s0, opt.articles, wall0);
    }
    const double o0 = now_seconds();
    if (auto ok = s->optimize_after_run(); !ok) return core::fail(ok.error().message);
    r.optimize_s = now_seconds() - o0;
    const double c0 = now_seconds();
    { auto closing = std::move(*s); }
    r.close_s = now_seconds() - c0;
    r.articles = opt.articles;
    r.wall_s = now_seconds() - wall0;
    r.cpu_s = cpu_seconds() - cpu0;
    return r;
}

core::Result<SizeReport> measure_sizes(const fs::path& db, bool with_text) {
    SizeReport r;
    std::error_code ec;
    r.file_bytes = static_cast<std::int64_t>(fs::file_size(db, ec));
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    DbHandle h(raw);
    if (rc != SQLITE_OK) return core::fail("bench: cannot open " + db.string() + " with sqlite3");
    r.dbstat = for_rows(h.get(), "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC",
                        [&](sqlite3_stmt* st) {
                            std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
                            const std::int64_t bytes = sqlite3_column_int64(st, 1);
                            if (name.rfind("articles_fts", 0) == 0) r.fts_bytes += bytes;
                            r.by_object.emplace_back(std::move(name), bytes);
                        });
    if (!r.dbstat) r.note = "dbstat virtual table not available in this SQLite: file size only";
    if (with_text)
        for_rows(h.get(), "SELECT SUM(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM articles",
                 [&](sqlite3_stmt* st) { r.text_bytes = sqlite3_column_int64(st, 0); });
    return r;
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return secs(u.ru_utime) + secs(u.ru_stime);
}

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: KiB
}

}  // namespace dossier::bench
