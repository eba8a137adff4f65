// dossier cves: the CVE facet, most-reported first, with who reported each one first.
#include <cstdio>

#include "commands.hpp"
#include "dossier/core/date_time.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct CvesArgs {
    std::string since;
    std::int64_t limit = 50;
    bool json = false;
    bool jsonl = false;
};

nlohmann::json cve_json(const store::CveCount& c) {
    return {{"cve", c.cve},
            {"articles", c.articles},
            {"first_seen", core::format_utc(c.first_time)},
            {"first_article", c.first_article},
            {"first_source", c.first_source}};
}

}  // namespace

Command add_cves(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<CvesArgs>();
    CLI::App* sub = app.add_subcommand("cves", "CVE ids by number of articles, with the first report of each");
    sub->add_option("--since", args->since, "count only articles published on or after DATE");
    sub->add_option("--limit", args->limit, "at most N ids (default 50, 0 = all)")->check(CLI::NonNegativeNumber);
    auto* json = sub->add_flag("--json", args->json, "one JSON document (an array)");
    sub->add_flag("--jsonl", args->jsonl, "one JSON object per line")->excludes(json);
    sub->footer(R"(
Every stored article's title and text are scanned for CVE ids (CVE-YYYY-NNNN, any case, full
width or ASCII) when it is stored. The list is ordered by the number of articles that mention an
id, then by the date of the first one; "first" is the earliest by publication date (else the
date dossier first saw it), with its article id for `dossier show`.

Examples:
  dossier cves
  dossier cves --since 2025-06-01 --limit 10
  dossier cves --json | jq '.[0]'
  dossier search cve:CVE-2025-59934 --sort oldest
)");
    return {sub, [args, &g] {
                std::optional<std::int64_t> since;
                if (!args->since.empty()) since = parse_date_bound("--since", args->since, false);
                auto store = open_for_reading(g);
                auto cves = store.cve_counts(since, args->limit == 0 ? -1 : args->limit);
                if (!cves) throw FatalError(cves.error().message);
                if (args->json || args->jsonl) {
                    JsonStream out(stdout, args->jsonl);
                    for (const auto& c : *cves) out.item(cve_json(c));
                    out.close();
                    return k_exit_ok;
                }
                if (!cves->empty()) std::printf("%-18s %8s  %-10s  %-14s %s\n", "CVE", "articles", "first", "source", "id");
                for (const auto& c : *cves)
                    std::printf("%-18s %8lld  %s  %-14s %lld\n", c.cve.c_str(), static_cast<long long>(c.articles),
                                core::format_utc(c.first_time).substr(0, 10).c_str(), c.first_source.c_str(),
                                static_cast<long long>(c.first_article));
                if (cves->empty() && !g.quiet) std::fprintf(stderr, "cves: no CVE ids in the archive%s\n",
                                                             since ? " since that date" : "");
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
