// dossier search QUERY
#include <cstdio>

#include "commands.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct SearchArgs {
    std::string query;
    FilterOptions filter;
    bool json = false;
    bool jsonl = false;
};

std::string published_or_dash(const core::Article& a) {
    return a.published ? a.published->to_iso().substr(0, 10) : std::string("----------");
}

void print_hit(const store::SearchHit& hit) {
    const auto& a = hit.article;
    std::printf("%-6lld %s  %-14s %s\n       %s\n", static_cast<long long>(a.id), published_or_dash(a).c_str(),
                a.source_id.c_str(), a.title.c_str(), a.url.c_str());
    if (!hit.snippet.empty()) std::printf("       %s\n", hit.snippet.c_str());
    std::printf("\n");
}

}  // namespace

Command add_search(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<SearchArgs>();
    CLI::App* sub = app.add_subcommand("search", "full-text search, ranked, with highlighted snippets");
    sub->add_option("query", args->query, "terms (AND-ed), \"exact phrases\", OR, -term")->required();
    add_filter_options(*sub, args->filter, true);
    auto* json = sub->add_flag("--json", args->json, "one JSON document (an array of hits)");
    sub->add_flag("--jsonl", args->jsonl, "one JSON object per line")->excludes(json);
    sub->footer(R"(
Query: bare terms must all occur; "quoted words" must occur together; OR between terms; -term
or NOT term excludes; term* matches a prefix. Chinese, Japanese and Korean terms match wherever
they occur (漏洞 finds 漏洞利用); punctuation inside a term is matched as written
(CVE-2025-59934 does not match CVE-2025-5993).

Examples:
  dossier search 漏洞
  dossier search '勒索 OR ransomware' --since 2025-01-01 --lang zh
  dossier search '"remote code execution" -android' --source thehackernews --limit 5
  dossier search CVE-2025-59934 --json
)");
    return {sub, [args, &g] {
                auto filter = to_filter(args->filter);
                if (filter.limit < 0) filter.limit = 20;
                auto store = open_for_reading(g);
                const bool tty = stdout_is_tty() && !args->json && !args->jsonl;
                const std::string open = tty ? "\x1b[1;33m" : "[";
                const std::string close = tty ? "\x1b[0m" : "]";
                auto hits = store.search(args->query, filter, store::SortOrder::rank, open, close);
                if (!hits) throw UsageError(hits.error().message);
                if (args->json || args->jsonl) {
                    JsonStream out(stdout, args->jsonl);
                    for (const auto& hit : *hits) {
                        auto j = article_json(hit.article);
                        j["snippet"] = hit.snippet;
                        j["rank"] = hit.rank;
                        out.item(j);
                    }
                    out.close();
                    return k_exit_ok;
                }
                for (const auto& hit : *hits) print_hit(hit);
                if (hits->empty() && !g.quiet) std::fprintf(stderr, "search: no matches\n");
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
