// Search benchmark (issue 5, "Speed"): generates N synthetic mixed zh/en security-news
// articles (about 5 KB each, Zipf-distributed words, planted CVE ids, IPs, hashes and product
// names) into a fresh archive, then prints ingest articles/s, index size / text size, and per
// query class p50/p95/max latency for --sort newest and --sort rank, idle and while a second
// connection writes. Goals at N = 1,000,000: ingest >= 2,000 articles/s, p95 <= 50 ms newest
// first, p95 <= 100 ms ranked, p95 under write load <= 2x idle.
//
//   bench_search --db PATH --articles N [--batch 1000] [--seed S] [--reuse] [--queries-only]
//                [--runs R] [--exhaustive-runs E] [--cache-mib M] [--query-cache-mib M]
//                [--no-load] [--writer-rate A] [--load-articles M] [--ingest-only] [--sizes]
//                [--fixtures DIR] [--json FILE] [--cpu-clock]
//
// Without --reuse the archive is rebuilt (PATH, PATH-wal and PATH-shm are deleted first).
// --reuse keeps an archive that already holds >= N articles (else rebuilds it); --queries-only
// never builds, fails without such an archive, and skips the write-load phase, which adds
// articles. Queries use their own read-only connection, as `dossier search` does.
// The write-load phase writes batches of 500 continuously, or, with --writer-rate A, about A
// articles/s in one commit per second (a crawl's pace), M articles at most (default N / 10,
// at least 5,000; they stay in the archive). Searches are timed while it writes, then again on
// the grown archive: the baseline for the ratio. --ingest-only stops after building (and
// measuring) the archive. --cpu-clock times each search by the searching thread's CPU time
// instead of wall time: on a busy shared machine that leaves out waiting for a core, so runs
// at different times compare (with a warm page cache; it leaves out disk waits too).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "search_bench_report.hpp"

#ifndef DOSSIER_FIXTURES
#define DOSSIER_FIXTURES "tests/fixtures"
#endif

namespace fs = std::filesystem;
using namespace dossier;
using namespace dossier::bench;

namespace {

constexpr std::size_t k_vocab_size = 40000;
constexpr std::int64_t k_writer_batch = 500;
// Ingest page cache: measured at 100,000 articles (see the report to the lead).
constexpr int k_default_cache_mib = 256;

struct Options {
    fs::path db;
    std::int64_t articles = 0, batch = 1000;
    std::uint64_t seed = 1;
    bool reuse = false, queries_only = false, ingest_only = false, no_load = false, sizes = false, cpu_clock = false;
    int runs = 5, exhaustive_runs = 2, cache_mib = k_default_cache_mib, query_cache_mib = 0;
    double writer_rate = 0;
    std::int64_t load_articles = 0;  // 0 = N / 10, at least 5,000
    std::string json;
    fs::path fixtures = DOSSIER_FIXTURES;
};

void usage() {
    std::fprintf(stderr,
                 "usage: bench_search --db PATH --articles N [--batch 1000] [--seed S] [--reuse] [--queries-only]\n"
                 "                    [--runs R] [--exhaustive-runs E] [--cache-mib M] [--query-cache-mib M]\n"
                 "                    [--no-load] [--writer-rate A] [--load-articles M] [--ingest-only] [--sizes]\n"
                 "                    [--fixtures DIR] [--json FILE] [--cpu-clock]\n");
}

/// The value after option `argv[i]`, advancing i; nullptr when it is missing.
const char* value(int argc, char** argv, int& i) { return i + 1 < argc ? argv[++i] : nullptr; }

bool parse_number(const char* text, std::int64_t& out, std::int64_t min) {
    if (!text) return false;
    char* end = nullptr;
    const long long v = std::strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < min) return false;
    out = v;
    return true;
}

/// Sets the option `name` from its value; false on an unknown option or a bad value.
bool set_option(Options& o, const std::string& name, const char* v) {
    std::int64_t n = 0;
    auto num = [&](std::int64_t min) { return parse_number(v, n, min); };
    if (name == "--db" && v) o.db = v;
    else if (name == "--articles" && num(1)) o.articles = n;
    else if (name == "--batch" && num(1)) o.batch = n;
    else if (name == "--seed" && num(0)) o.seed = static_cast<std::uint64_t>(n);
    else if (name == "--runs" && num(2)) o.runs = static_cast<int>(n);
    else if (name == "--exhaustive-runs" && num(0)) o.exhaustive_runs = static_cast<int>(n);
    else if (name == "--cache-mib" && num(0)) o.cache_mib = static_cast<int>(n);
    else if (name == "--query-cache-mib" && num(0)) o.query_cache_mib = static_cast<int>(n);
    else if (name == "--writer-rate" && num(0)) o.writer_rate = static_cast<double>(n);
    else if (name == "--load-articles" && num(1)) o.load_articles = n;
    else if (name == "--fixtures" && v) o.fixtures = v;
    else if (name == "--json" && v) o.json = v;
    else return false;
    return true;
}

std::optional<Options> parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--reuse") o.reuse = true;
        else if (a == "--queries-only") o.queries_only = true;
        else if (a == "--no-load") o.no_load = true;
        else if (a == "--ingest-only") o.ingest_only = true;
        else if (a == "--sizes") o.sizes = true;
        else if (a == "--cpu-clock") o.cpu_clock = true;
        else if (!set_option(o, a, value(argc, argv, i))) {
            std::fprintf(stderr, "bench_search: bad option or value: %s\n", a.c_str());
            return std::nullopt;
        }
    }
    if (o.db.empty() || o.articles <= 0) return std::nullopt;
    return o;
}

/// Articles in the archive at `db`; -1 when it is missing or not readable as an archive.
std::int64_t existing_articles(const fs::path& db) {
    if (!fs::exists(db)) return -1;
    auto s = store::ArticleStore::open(db, store::OpenMode::read_only);
    if (!s) return -1;
    auto n = s->count("", {});
    return n ? *n : -1;
}

void print_header(const Options& o, const Vocabularies& v, const BenchReport& r) {
    std::printf("bench_search: %lld articles, seed %llu, archive %s\n", static_cast<long long>(o.articles),
                static_cast<unsigned long long>(o.seed), o.db.c_str());
    std::printf("  vocabulary: zh %zu words (%zu hand-written, %zu from %zu fixture files with %zu Han characters, "
                "%zu distinct), en %zu words (%zu hand-written); Zipf exponent 1\n",
                v.zh.words.size(), v.zh.hand_written, v.zh.from_fixtures, v.zh_fixture_files, v.zh_fixture_chars,
                v.zh_chars.size(), v.en.words.size(), v.en.hand_written);
    std::printf("  %zu queries; %d runs each (first is warm-up), rank-exhaustive %d runs; latency = %s\n",
                r.queries.size(), o.runs, o.exhaustive_runs,
                o.cpu_clock ? "CPU time of the searching thread" : "wall time");
}

/// Builds or reuses the archive; fills the report's ingest, sizes and truth. False on failure.
bool prepare_archive(const Options& o, const Generator& gen, BenchReport& r) {
    const std::int64_t existing = o.reuse || o.queries_only ? existing_articles(o.db) : -1;
    if (existing >= o.articles) {
        r.archive_articles = existing;
        std::printf("\narchive reused: %lld articles", static_cast<long long>(existing));
        if (existing > o.articles)
            std::printf(" (%lld more than N: written by earlier write-load phases; match counts drift)",
                        static_cast<long long>(existing - o.articles));
        std::printf("\n");
        if (o.sizes) {
            auto s = measure_sizes(o.db, true);
            if (s) r.sizes = *s;
        }
        return true;
    }
    if (o.queries_only) {
        std::fprintf(stderr, "bench_search: --queries-only: %s does not hold %lld articles\n", o.db.c_str(),
                     static_cast<long long>(o.articles));
        return false;
    }
    TruthCounts truth = tracked_ids(r.queries);
    auto in = ingest(gen, IngestOptions{o.db, o.articles, o.batch, o.cache_mib}, truth);
    if (!in) {
        std::fprintf(stderr, "bench_search: %s\n", in.error().message.c_str());
        return false;
    }
    r.ingest = *in;
    r.truth = std::move(truth);
    r.archive_articles = o.articles;
    auto s = measure_sizes(o.db, false);
    if (s) r.sizes = *s;
    else std::fprintf(stderr, "bench_search: %s\n", s.error().message.c_str());
    return true;
}

/// Times the query set idle and (unless disabled) under write load.
bool run_queries(const Options& o, const Generator& gen, BenchReport& r) {
    auto reader = store::ArticleStore::open(o.db, store::OpenMode::read_only);
    if (!reader) {
        std::fprintf(stderr, "bench_search: %s\n", reader.error().message.c_str());
        return false;
    }
    if (o.query_cache_mib > 0) (void)reader->set_cache_mib(o.query_cache_mib);
    std::fprintf(stderr, "  counting matches\n");
    count_matches(*reader, r.queries, r.idle);
    std::fprintf(stderr, "  timing newest and rank, %d runs\n", o.runs);
    time_queries(*reader, r.queries, {Column::newest, Column::rank}, o.runs, r.idle);
    std::fprintf(stderr, "  timing rank-exhaustive, %d runs\n", o.exhaustive_runs);
    time_queries(*reader, r.queries, {Column::exhaustive}, o.exhaustive_runs, r.idle);
    if (o.queries_only || o.no_load) return true;
    std::fprintf(stderr, "  timing under write load\n");
    LoadOptions lo{o.db, r.archive_articles, k_writer_batch, o.writer_rate,
                   o.load_articles > 0 ? o.load_articles : std::max<std::int64_t>(5000, o.articles / 10), o.runs};
    if (o.writer_rate > 0) lo.batch = std::max<std::int64_t>(1, static_cast<std::int64_t>(o.writer_rate));
    r.load = time_under_load(*reader, r.queries, gen, lo);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    const auto opt = parse_args(argc, argv);
    if (!opt) {
        usage();
        return 2;
    }
    auto vocab = build_vocabularies(opt->fixtures, k_vocab_size);
    if (!vocab) {
        std::fprintf(stderr, "%s\n", vocab.error().message.c_str());
        return 1;
    }
    const IdPools pools = make_id_pools(vocab->lists.products.size());
    const Generator gen(*vocab, pools, opt->seed, opt->articles);
    BenchReport r;
    r.db = opt->db.string();
    r.articles = opt->articles;
    r.seed = opt->seed;
    r.runs = opt->runs;
    r.exhaustive_runs = opt->exhaustive_runs;
    r.batch = opt->batch;
    r.cache_mib = opt->cache_mib;
    r.query_cache_mib = opt->query_cache_mib;
    r.cpu_clock = opt->cpu_clock;
    if (opt->cpu_clock) set_query_clock(QueryClock::thread_cpu);
    r.queries = make_queries(*vocab, pools);
    print_header(*opt, *vocab, r);
    std::fflush(stdout);
    if (!prepare_archive(*opt, gen, r)) return 1;
    print_ingest(r);
    std::fflush(stdout);
    if (!opt->ingest_only) {
        if (!run_queries(*opt, gen, r)) return 1;
        print_queries(r);
    }
    r.peak_rss_mib = peak_rss_mib();
    std::printf("\npeak RSS %.0f MiB\n", r.peak_rss_mib);
    if (!opt->json.empty()) std::ofstream(opt->json) << report_json(r).dump(2) << '\n';
    return 0;
}
