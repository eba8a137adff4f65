// Printing and JSON for the search benchmark (search_bench_report.hpp).
#include "search_bench_report.hpp"

#include <algorithm>
#include <cstdio>

namespace dossier::bench {
namespace {

constexpr double k_goal_ingest = 2000;      // articles/s at N = 1,000,000
constexpr double k_goal_newest_ms = 50;     // p95, newest first
constexpr double k_goal_rank_ms = 100;      // p95, ranked
constexpr double k_goal_load_ratio = 2.0;   // p95 under write load / idle p95

double mib(std::int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

std::vector<double> samples(const std::vector<QueryTimes>& t, const std::vector<std::size_t>& which, Column c) {
    std::vector<double> all;
    for (std::size_t i : which) {
        const auto& v = t[i].ms[static_cast<std::size_t>(c)];
        all.insert(all.end(), v.begin(), v.end());
    }
    return all;
}

std::vector<std::size_t> in_class(const std::vector<BenchQuery>& q, const std::string& cls) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < q.size(); ++i)
        if (cls.empty() || q[i].cls == cls) out.push_back(i);
    return out;
}

/// The p-th percentile of every sample of column `c`.
double overall(const std::vector<QueryTimes>& t, Column c, double p) {
    std::vector<std::size_t> all(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) all[i] = i;
    return percentile(samples(t, all, c), p);
}
double p95_of(const std::vector<QueryTimes>& t, Column c) { return overall(t, c, 95); }

const char* verdict(bool ok) { return ok ? "PASS" : "FAIL"; }

/// True for code points a terminal shows two columns wide (CJK, Hangul, full-width forms).
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6);
}

/// `s` padded with spaces to `width` terminal columns; cut, ending in '~', when wider.
std::string cell(const std::string& s, std::size_t width) {
    std::string out;
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const std::size_t cw = is_wide(next_code_point(s, i)) ? 2 : 1;
        if (w + cw > width - (i < s.size() ? 1 : 0)) {
            out += '~';
            ++w;
            break;
        }
        out.append(s, start, i - start);
        w += cw;
    }
    return out + std::string(width > w ? width - w : 0, ' ');
}

void print_query_rows(const BenchReport& r) {
    std::printf("\nqueries (matches by ArticleStore::count; expected = articles the generator planted the id in; "
                "p50 ms of %d measured runs, limit 20)\n",
                r.runs - 1);
    std::printf("  %-9s %-44s %9s %9s %8s %8s %8s %9s  %s\n", "class", "query", "matches", "expected", "count",
                "newest", "rank", "rank-exh", "note");
    for (std::size_t i = 0; i < r.queries.size(); ++i) {
        const BenchQuery& q = r.queries[i];
        const QueryTimes& t = r.idle[i];
        std::string expected = "-";
        if (r.truth && !q.truth_key.empty()) {
            const std::int64_t e = r.truth->at(q.truth_key);
            expected = std::to_string(e) + (e == t.matches ? "" : " (!)");
        }
        auto p50 = [&](Column c) { return percentile(t.ms[static_cast<std::size_t>(c)], 50); };
        std::printf("  %-9s %s %9lld %9s %8.1f %8.1f %8.1f %9.1f  %s\n", q.cls.c_str(), cell(q.text, 44).c_str(),
                    static_cast<long long>(t.matches), expected.c_str(), t.count_ms, p50(Column::newest),
                    p50(Column::rank), p50(Column::exhaustive), q.note.c_str());
        if (!t.error.empty()) std::printf("      ERROR: %s\n", t.error.c_str());
    }
}

void print_class_table(const BenchReport& r, const std::vector<QueryTimes>& t, const std::vector<Column>& cols) {
    std::printf("  %-10s %3s", "class", "n");
    for (Column c : cols)
        std::printf("   %29s", (std::string(k_column_names[static_cast<std::size_t>(c)]) + " p50/p95/max ms").c_str());
    std::printf("\n");
    std::vector<std::string> classes = query_classes();
    classes.push_back("");
    for (const std::string& cls : classes) {
        const auto which = in_class(r.queries, cls);
        std::printf("  %-10s %3zu", cls.empty() ? "ALL" : cls.c_str(), which.size());
        for (Column c : cols) {
            const auto s = samples(t, which, c);
            std::printf("   %9.1f %9.1f %9.1f", percentile(s, 50), percentile(s, 95), percentile(s, 100));
        }
        std::printf("\n");
    }
}

void print_worst(const BenchReport& r) {
    struct Row {
        std::size_t query;
        Column col;
        double p50, max;
    };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < r.idle.size(); ++i)
        for (Column c : {Column::newest, Column::rank}) {
            const auto& v = r.idle[i].ms[static_cast<std::size_t>(c)];
            rows.push_back({i, c, percentile(v, 50), percentile(v, 100)});
        }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.p50 > b.p50; });
    std::printf("\nworst 5 (query, order) by p50, idle:\n");
    for (std::size_t k = 0; k < std::min<std::size_t>(5, rows.size()); ++k) {
        const BenchQuery& q = r.queries[rows[k].query];
        std::printf("  %8.1f ms p50 %8.1f ms max  %-6s %-9s %s matches %lld\n", rows[k].p50, rows[k].max,
                    k_column_names[static_cast<std::size_t>(rows[k].col)], q.cls.c_str(), cell(q.text, 40).c_str(),
                    static_cast<long long>(r.idle[rows[k].query].matches));
    }
}

void print_load(const BenchReport& r) {
    if (!r.load) return;
    const LoadResult& l = *r.load;
    std::printf("\nsearch while a second connection writes (WAL): %.1f s, writer committed %lld articles in %lld "
                "batches (%.0f articles/s), slowest batch %.0f ms, largest -wal file %.1f MiB%s%s\n",
                l.seconds, static_cast<long long>(l.written), static_cast<long long>(l.batches),
                static_cast<double>(l.written) / std::max(l.seconds, 1e-9), l.max_batch_ms, mib(l.wal_peak_bytes),
                l.writer_error.empty() ? "" : ", WRITER ERROR: ", l.writer_error.c_str());
    std::printf("  %lld searches timed while it wrote (up to %d passes, no warm-up):\n",
                static_cast<long long>(l.searches), r.runs - 1);
    print_class_table(r, l.times, {Column::newest, Column::rank});
    std::printf("  idle again after the writer stopped (archive now %lld articles):\n",
                static_cast<long long>(r.archive_articles + l.written));
    print_class_table(r, l.idle_after, {Column::newest, Column::rank});
    for (Column c : {Column::newest, Column::rank}) {
        auto line = [&](double p) {
            const double load = overall(l.times, c, p);
            std::printf("  %-6s p%.0f under load %.1f ms = %.2fx idle before (%.1f), %.2fx idle after (%.1f)\n",
                        k_column_names[static_cast<std::size_t>(c)], p, load, load / std::max(overall(r.idle, c, p), 1e-9),
                        overall(r.idle, c, p), load / std::max(overall(l.idle_after, c, p), 1e-9),
                        overall(l.idle_after, c, p));
        };
        line(50);
        line(95);
    }
}

void print_goals(const BenchReport& r) {
    std::printf("\ngoals (issue 5; they apply at N = 1,000,000, this run has %lld articles%s):\n",
                static_cast<long long>(r.archive_articles), r.cpu_clock ? "; latencies are CPU time" : "");
    if (r.ingest) {
        const double rate = static_cast<double>(r.ingest->articles) / r.ingest->store_s;
        std::printf("  %s  ingest %.0f articles/s (store time) >= %.0f\n", verdict(rate >= k_goal_ingest), rate,
                    k_goal_ingest);
    } else {
        std::printf("  ----  ingest: not measured (archive reused)\n");
    }
    const double newest = p95_of(r.idle, Column::newest), rank = p95_of(r.idle, Column::rank);
    std::printf("  %s  p95 newest-first %.1f ms <= %.0f ms\n", verdict(newest <= k_goal_newest_ms), newest,
                k_goal_newest_ms);
    std::printf("  %s  p95 ranked %.1f ms <= %.0f ms\n", verdict(rank <= k_goal_rank_ms), rank, k_goal_rank_ms);
    if (!r.load) return;
    // Against idle before the writer started, the latency a user sees when nothing writes. The
    // archive grew by the writer's articles meanwhile (at most N / 10 by default); the ratio
    // against idle after the writer stopped is printed with the load figures.
    for (Column c : {Column::newest, Column::rank}) {
        const double idle = p95_of(r.idle, c), loaded = p95_of(r.load->times, c);
        const double ratio = loaded / std::max(idle, 1e-9);
        std::printf("  %s  p95 %s under write load %.1f ms = %.2fx idle %.1f ms (<= %.0fx; archive +%.0f%% meanwhile)\n",
                    verdict(ratio <= k_goal_load_ratio), k_column_names[static_cast<std::size_t>(c)], loaded, ratio,
                    idle, k_goal_load_ratio,
                    100.0 * static_cast<double>(r.load->written) / static_cast<double>(r.archive_articles));
    }
}

nlohmann::json times_json(const QueryTimes& t) {
    nlohmann::json j = {{"matches", t.matches}, {"count_ms", t.count_ms}};
    for (std::size_t c = 0; c < k_columns; ++c)
        if (!t.ms[c].empty())
            j[k_column_names[c]] = {{"p50", percentile(t.ms[c], 50)}, {"max", percentile(t.ms[c], 100)}, {"ms", t.ms[c]}};
    if (!t.error.empty()) j["error"] = t.error;
    return j;
}

nlohmann::json queries_json(const BenchReport& r) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < r.queries.size(); ++i) {
        nlohmann::json q = {{"class", r.queries[i].cls}, {"query", r.queries[i].text}, {"note", r.queries[i].note}};
        q["idle"] = times_json(r.idle[i]);
        if (r.load) q["load"] = times_json(r.load->times[i]);
        if (r.load) q["idle_after_load"] = times_json(r.load->idle_after[i]);
        if (r.truth && !r.queries[i].truth_key.empty()) q["expected"] = r.truth->at(r.queries[i].truth_key);
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace

void print_ingest(const BenchReport& r) {
    if (r.ingest) {
        const IngestResult& in = *r.ingest;
        const double n = static_cast<double>(in.articles);
        std::printf("\ningest: %lld articles in batches of %lld, cache %d MiB\n", static_cast<long long>(in.articles),
                    static_cast<long long>(r.batch), r.cache_mib);
        std::printf("  store (begin/put/commit) %.1f s = %.0f articles/s; whole run %.1f s wall = %.0f articles/s\n",
                    in.store_s, n / in.store_s, in.wall_s, n / in.wall_s);
        std::printf("  generator %.1f s, optimize_after_run %.2f s, close %.2f s\n", in.gen_s, in.optimize_s,
                    in.close_s);
        std::printf("  CPU %.1f s (user+sys) vs wall %.1f s; store CPU ~ %.1f s = %.0f articles per CPU-second\n",
                    in.cpu_s, in.wall_s, in.cpu_s - in.gen_s, n / std::max(in.cpu_s - in.gen_s, 1e-9));
        std::printf("  text (title + body) %.1f MiB, %.0f bytes/article\n", mib(in.text_bytes),
                    static_cast<double>(in.text_bytes) / n);
        std::printf("  store articles/s per tenth:");
        for (double rate : in.slice_rates) std::printf(" %.0f", rate);
        std::printf("\n");
    }
    if (!r.sizes) return;
    const SizeReport& s = *r.sizes;
    const std::int64_t text = r.ingest ? r.ingest->text_bytes : s.text_bytes;
    std::printf("\nsize: database file %.1f MiB\n", mib(s.file_bytes));
    if (!s.dbstat) {
        std::printf("  %s\n", s.note.c_str());
        return;
    }
    std::printf("  FTS index (articles_fts*) %.1f MiB; index / text = %.2f; file / text = %.2f\n", mib(s.fts_bytes),
                static_cast<double>(s.fts_bytes) / std::max<double>(static_cast<double>(text), 1),
                static_cast<double>(s.file_bytes) / std::max<double>(static_cast<double>(text), 1));
    for (std::size_t k = 0; k < std::min<std::size_t>(8, s.by_object.size()); ++k)
        std::printf("    %-28s %9.1f MiB\n", s.by_object[k].first.c_str(), mib(s.by_object[k].second));
}

void print_queries(const BenchReport& r) {
    print_query_rows(r);
    std::printf("\nper class, idle (%d measured runs per query after a warm-up; rank-exhaustive %d):\n",
                r.runs - 1, r.exhaustive_runs - 1);
    print_class_table(r, r.idle, {Column::newest, Column::rank, Column::exhaustive});
    print_worst(r);
    print_load(r);
    print_goals(r);
}

nlohmann::json report_json(const BenchReport& r) {
    nlohmann::json j = {{"db", r.db},     {"articles", r.articles}, {"archive_articles", r.archive_articles},
                        {"seed", r.seed}, {"runs", r.runs},         {"exhaustive_runs", r.exhaustive_runs},
                        {"batch", r.batch}, {"cache_mib", r.cache_mib}, {"peak_rss_mib", r.peak_rss_mib},
                        {"clock", r.cpu_clock ? "thread_cpu" : "wall"}};
    if (r.ingest)
        j["ingest"] = {{"store_s", r.ingest->store_s},  {"wall_s", r.ingest->wall_s},     {"gen_s", r.ingest->gen_s},
                       {"cpu_s", r.ingest->cpu_s},      {"text_bytes", r.ingest->text_bytes},
                       {"slice_rates", r.ingest->slice_rates},
                       {"articles_per_s", static_cast<double>(r.ingest->articles) / r.ingest->store_s}};
    if (r.sizes) j["sizes"] = {{"file_bytes", r.sizes->file_bytes}, {"fts_bytes", r.sizes->fts_bytes}};
    if (r.idle.size() == r.queries.size()) j["queries"] = queries_json(r);
    for (Column c : {Column::newest, Column::rank, Column::exhaustive})
        j["p95_ms"][k_column_names[static_cast<std::size_t>(c)]] = p95_of(r.idle, c);
    if (r.load) {
        j["load"] = {{"written", r.load->written},
                     {"seconds", r.load->seconds},
                     {"searches", r.load->searches},
                     {"wal_peak_bytes", r.load->wal_peak_bytes},
                     {"writer_error", r.load->writer_error}};
        for (Column c : {Column::newest, Column::rank}) {
            j["load"]["p95_ms"][k_column_names[static_cast<std::size_t>(c)]] = p95_of(r.load->times, c);
            j["load"]["idle_after_p95_ms"][k_column_names[static_cast<std::size_t>(c)]] = p95_of(r.load->idle_after, c);
        }
    }
    return j;
}

}  // namespace dossier::bench
