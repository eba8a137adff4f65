// Query timing for the search benchmark (search_bench_timing.hpp).
#include "search_bench_timing.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>
#include <time.h>

namespace dossier::bench {
namespace {

constexpr std::int64_t k_page = 20;
QueryClock g_clock = QueryClock::wall;

/// Seconds on the clock set_query_clock chose.
double query_seconds() {
    if (g_clock == QueryClock::wall) return now_seconds();
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

store::SortOrder order_of(Column c) { return c == Column::newest ? store::SortOrder::newest : store::SortOrder::rank; }

/// One timed search; records an error on the query instead of the time when it fails.
void time_one(store::ArticleStore& store, const BenchQuery& q, Column column, bool record, QueryTimes& t) {
    store::ArticleFilter f = q.filter;
    f.limit = k_page;
    f.exhaustive = column == Column::exhaustive;
    const double t0 = query_seconds();
    auto hits = store.search(q.text, f, order_of(column));
    const double ms = (query_seconds() - t0) * 1000.0;
    if (!hits) {
        if (t.error.empty()) t.error = hits.error().message;
        return;
    }
    if (column == Column::newest) t.hits = hits->size();
    if (record) t.ms[static_cast<std::size_t>(column)].push_back(ms);
}

struct WriterState {
    std::atomic<bool> stop{false};
    std::atomic<bool> first_commit{false};
    std::atomic<bool> done{false};  // the writer has stopped (cap reached, error, or told to)
    std::int64_t written = 0, batches = 0, wal_peak = 0;
    double max_batch_ms = 0;
    std::string error;
};

/// One batch: begin, puts, commit. Returns false (error recorded) on failure.
bool write_batch(store::ArticleStore& store, const std::vector<core::Article>& articles, WriterState& w) {
    const double t0 = now_seconds();
    core::Result<void> ok = store.begin();
    for (std::size_t i = 0; ok && i < articles.size(); ++i) {
        auto id = store.put(articles[i]);
        if (!id) ok = core::fail(id.error().message);
    }
    if (ok) ok = store.commit();
    if (!ok) {
        w.error = ok.error().message;
        (void)store.rollback();
        return false;
    }
    w.max_batch_ms = std::max(w.max_batch_ms, (now_seconds() - t0) * 1000.0);
    return true;
}

void writer_loop(store::ArticleStore& store, const Generator& gen, const LoadOptions& opt, WriterState& w) {
    const std::filesystem::path wal = opt.db.string() + "-wal";
    const double t0 = now_seconds();
    std::vector<core::Article> batch;
    while (!w.stop.load() && w.written < opt.max_articles) {
        batch.clear();
        const std::int64_t n = std::min(opt.batch, opt.max_articles - w.written);
        for (std::int64_t i = 0; i < n; ++i) batch.push_back(gen.make(opt.first_index + w.written + i));
        if (!write_batch(store, batch, w)) return;
        w.written += n;
        ++w.batches;
        std::error_code ec;
        w.wal_peak = std::max(w.wal_peak, static_cast<std::int64_t>(std::filesystem::file_size(wal, ec)));
        w.first_commit = true;
        if (opt.rate > 0)  // a crawl's pace: wait until the rate allows the next batch
            while (!w.stop.load() && now_seconds() - t0 < static_cast<double>(w.written) / opt.rate)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void writer_main(const Generator& gen, const LoadOptions& opt, WriterState& w) {
    auto store = store::ArticleStore::open(opt.db, store::OpenMode::read_write);
    if (!store) w.error = store.error().message;
    else writer_loop(*store, gen, opt, w);
    w.first_commit = true;
    w.done = true;
}

/// Up to `passes` passes over the queries in both orders, each search recorded, while the
/// writer runs; returns the number of searches made before it stopped.
std::int64_t loaded_passes(store::ArticleStore& reader, const std::vector<BenchQuery>& queries, int passes,
                           const WriterState& w, std::vector<QueryTimes>& out) {
    out.resize(queries.size());
    std::int64_t searches = 0;
    for (int pass = 0; pass < passes; ++pass)
        for (std::size_t i = 0; i < queries.size(); ++i)
            for (Column c : {Column::newest, Column::rank}) {
                if (w.done.load()) return searches;
                time_one(reader, queries[i], c, true, out[i]);
                ++searches;
            }
    return searches;
}

}  // namespace

void set_query_clock(QueryClock clock) { g_clock = clock; }

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(v.size()));
    const auto idx = static_cast<std::size_t>(std::max(1.0, rank)) - 1;
    return v[std::min(idx, v.size() - 1)];
}

void count_matches(store::ArticleStore& store, const std::vector<BenchQuery>& queries, std::vector<QueryTimes>& out) {
    out.resize(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const double t0 = now_seconds();
        auto n = store.count(queries[i].text, queries[i].filter);
        out[i].count_ms = (now_seconds() - t0) * 1000.0;
        if (n) out[i].matches = *n;
        else if (out[i].error.empty()) out[i].error = n.error().message;
    }
}

void time_queries(store::ArticleStore& store, const std::vector<BenchQuery>& queries,
                  const std::vector<Column>& columns, int runs, std::vector<QueryTimes>& out) {
    out.resize(queries.size());
    for (int run = 0; run < runs; ++run)
        for (std::size_t i = 0; i < queries.size(); ++i)
            for (Column c : columns) time_one(store, queries[i], c, run > 0, out[i]);
}

LoadResult time_under_load(store::ArticleStore& reader, const std::vector<BenchQuery>& queries, const Generator& gen,
                           const LoadOptions& opt) {
    LoadResult r;
    WriterState w;
    const double t0 = now_seconds();
    std::thread writer([&] { writer_main(gen, opt, w); });
    while (!w.first_commit.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // No warm-up pass: the idle runs have just read the same pages.
    r.searches = loaded_passes(reader, queries, opt.runs - 1, w, r.times);
    w.stop = true;
    writer.join();
    r.seconds = now_seconds() - t0;
    r.written = w.written;
    r.batches = w.batches;
    r.max_batch_ms = w.max_batch_ms;
    r.wal_peak_bytes = w.wal_peak;
    r.writer_error = w.error;
    time_queries(reader, queries, {Column::newest, Column::rank}, opt.runs, r.idle_after);
    return r;
}

}  // namespace dossier::bench
