#pragma once
// The search benchmark's printed report and its JSON form.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search_bench_ingest.hpp"
#include "search_bench_queries.hpp"
#include "search_bench_timing.hpp"

namespace dossier::bench {

struct BenchReport {
    std::string db;
    std::int64_t articles = 0;          ///< N asked for
    std::int64_t archive_articles = 0;  ///< articles in the archive when the queries ran
    std::uint64_t seed = 0;
    int runs = 0, exhaustive_runs = 0;
    std::int64_t batch = 0;
    int cache_mib = 0, query_cache_mib = 0;
    bool cpu_clock = false;  ///< latencies are the searching thread's CPU time, not wall time
    std::optional<IngestResult> ingest;  ///< empty when the archive was reused
    std::optional<SizeReport> sizes;
    std::vector<BenchQuery> queries;
    std::optional<TruthCounts> truth;  ///< from the generator, when this run generated the archive
    std::vector<QueryTimes> idle;
    std::optional<LoadResult> load;
    double peak_rss_mib = 0;
};

/// Prints the ingest figures and sizes.
void print_ingest(const BenchReport& r);
/// Prints per-query figures, per-class percentiles, the worst queries, the load phase and the
/// goals with PASS/FAIL.
void print_queries(const BenchReport& r);
/// The whole report as JSON (for --json).
nlohmann::json report_json(const BenchReport& r);

}  // namespace dossier::bench
