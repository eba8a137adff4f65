#pragma once
// Building the benchmark archive (batched puts) and measuring its size.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dossier/core/result.hpp"
#include "search_bench_gen.hpp"

namespace dossier::bench {

struct IngestOptions {
    std::filesystem::path db;
    std::int64_t articles = 0;
    std::int64_t batch = 1000;
    int cache_mib = 0;  ///< 0 = the store's default
};

struct IngestResult {
    std::int64_t articles = 0;
    double wall_s = 0;      ///< everything: generation, puts, commits, optimize, close
    double gen_s = 0;       ///< generating articles (not the store's cost)
    double store_s = 0;     ///< begin + put + commit
    double optimize_s = 0;  ///< optimize_after_run()
    double close_s = 0;     ///< closing the store (the final WAL checkpoint)
    double cpu_s = 0;       ///< process user + system CPU over the whole ingest
    std::int64_t text_bytes = 0;  ///< title + body, UTF-8
    std::vector<double> slice_rates;  ///< store articles/s in each tenth of the archive, in order
};

/// Deletes `db` and its -wal/-shm files, then stores articles 0..articles-1 of `gen` in
/// transactions of `batch` articles, counting planted IDs into `truth`. Prints a progress line
/// per tenth to stderr. Fails on the first store error.
core::Result<IngestResult> ingest(const Generator& gen, const IngestOptions& opt, TruthCounts& truth);

struct SizeReport {
    std::int64_t file_bytes = 0;  ///< the main database file
    bool dbstat = false;          ///< false when SQLite lacks the dbstat virtual table
    std::int64_t fts_bytes = 0;   ///< pages of the tables named articles_fts%
    std::int64_t text_bytes = 0;  ///< SUM of title and body bytes in `articles` (when measured)
    std::vector<std::pair<std::string, std::int64_t>> by_object;  ///< bytes per table/index, largest first
    std::string note;  ///< why something could not be measured
};

/// Sizes of the closed archive at `db`, read with SQLite directly (read-only). `with_text`
/// also sums the stored text (a scan of every article).
core::Result<SizeReport> measure_sizes(const std::filesystem::path& db, bool with_text);

/// Process user + system CPU seconds so far.
double cpu_seconds();

/// Peak resident set size of the process in MiB.
double peak_rss_mib();

}  // namespace dossier::bench
