#pragma once
// Timing of the search benchmark's query set: idle, and while a second connection writes.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/store/article_store.hpp"
#include "search_bench_gen.hpp"
#include "search_bench_queries.hpp"

namespace dossier::bench {

/// The timed columns: SortOrder::newest, SortOrder::rank, and rank with ArticleFilter::exhaustive.
enum class Column { newest = 0, rank = 1, exhaustive = 2 };
inline constexpr std::size_t k_columns = 3;
inline constexpr std::array<const char*, k_columns> k_column_names = {"newest", "rank", "rank-exhaustive"};

/// Per query: its match count and the latencies of the measured runs, per column.
struct QueryTimes {
    std::int64_t matches = -1;  ///< ArticleStore::count; -1 when not counted
    double count_ms = 0;
    std::size_t hits = 0;  ///< hits of the last newest-first search (<= limit)
    std::array<std::vector<double>, k_columns> ms;
    std::string error;  ///< the first search error, if any
};

/// Counts each query's matches once (ArticleStore::count) and times it.
void count_matches(store::ArticleStore& store, const std::vector<BenchQuery>& queries, std::vector<QueryTimes>& out);

/// Runs every query `runs` times in each of `columns` (limit 20); the first run is a warm-up
/// and is not recorded. A run goes through all queries once, each in every column, so
/// different queries are interleaved, as a user's searches would be.
void time_queries(store::ArticleStore& store, const std::vector<BenchQuery>& queries,
                  const std::vector<Column>& columns, int runs, std::vector<QueryTimes>& out);

/// How the write-load phase writes.
struct LoadOptions {
    std::filesystem::path db;
    std::int64_t first_index = 0;  ///< generator number of the first article written
    std::int64_t batch = 500;      ///< articles per transaction
    double rate = 0;               ///< articles/s to aim at; 0 = write continuously
    std::int64_t max_articles = 0;  ///< the writer stops after this many (the archive's growth)
    int runs = 5;                  ///< query runs, the first a warm-up
};

/// The query set timed while another connection writes, and again after it stopped.
struct LoadResult {
    std::vector<QueryTimes> times;       ///< while the writer runs
    std::int64_t searches = 0;           ///< searches timed while it ran
    std::vector<QueryTimes> idle_after;  ///< after it stopped, on the grown archive
    std::int64_t written = 0;            ///< articles the writer committed
    std::int64_t batches = 0;
    double seconds = 0;                  ///< while the writer ran
    double max_batch_ms = 0;             ///< slowest writer transaction (begin to commit)
    std::int64_t wal_peak_bytes = 0;     ///< largest -wal file seen after a commit
    std::string writer_error;            ///< empty when the writer never failed
};

/// Starts a writer thread with its own read-write ArticleStore on opt.db that commits batches
/// of generated articles (numbers first_index, first_index + 1, ...) until it has written
/// opt.max_articles or is told to stop. Once its first batch is committed, times the newest and
/// rank columns on `reader` (opt.runs - 1 passes, no warm-up) until the passes are done or the
/// writer has stopped; then stops the writer, waits for it, and times opt.runs runs (the first
/// a warm-up) without it, on the grown archive.
LoadResult time_under_load(store::ArticleStore& reader, const std::vector<BenchQuery>& queries, const Generator& gen,
                           const LoadOptions& opt);

/// What a search's latency is measured with: wall time (the goals' measure), or the searching
/// thread's CPU time, which on a shared, busy machine excludes the time spent waiting for a
/// core (and also for the disk: use it with a warm page cache).
enum class QueryClock { wall, thread_cpu };
/// Sets the clock of every later timed search (time_queries, time_under_load). Default: wall.
void set_query_clock(QueryClock clock);

/// The p-th percentile (0..100, nearest rank) of `v`; 0 for an empty vector.
double percentile(std::vector<double> v, double p);

/// Seconds on a monotonic clock.
double now_seconds();

}  // namespace dossier::bench
