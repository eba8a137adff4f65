// dossier reindex: rebuild the search index (and the CVE facet) from the stored articles.
#include <chrono>
#include <cstdio>

#include "commands.hpp"
#include "dossier/crawl/story_linker.hpp"
#include "output.hpp"

namespace dossier::cli {

Command add_reindex(CLI::App& app, const GlobalOptions& g) {
    auto json = std::make_shared<bool>(false);
    CLI::App* sub = app.add_subcommand("reindex", "rebuild the search index from the stored articles");
    sub->add_flag("--json,--jsonl", *json, "print the result as one JSON object");
    sub->footer(R"(
Rebuilds what is derived from the stored articles: the full-text index (with this version's
tokenizer), the CVE facet and the time order; and fingerprints for dedup the articles that have
none (stored before dossier grouped copies, or under an older fingerprint version). The articles themselves are not changed. An
upgrade whose tokenizer changed does this by itself as a schema migration; run it by hand after
restoring a database, or when `dossier stats` reports an index problem. It takes the archive's
write lock (exit 75 while a crawl runs) and about as long as indexing the archive took.

Examples:
  dossier reindex
  dossier --archive /srv/dossier reindex --json
)");
    return {sub, [json, &g] {
                const auto dir = archive_dir(g);
                auto store = open_for_writing(g);
                auto lock = crawl::ArchiveLock::acquire(dir);
                if (!lock) throw FatalError(lock.error().message);
                if (!*lock) {
                    std::fprintf(stderr, "dossier: another dossier process is writing to %s\n", dir.root().c_str());
                    return k_exit_locked;
                }
                const auto start = std::chrono::steady_clock::now();
                auto report = store.reindex();
                if (!report) throw FatalError(report.error().message);
                auto fingerprinted = crawl::fingerprint_missing(store);
                if (!fingerprinted) throw FatalError(fingerprinted.error().message);
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (*json) {
                    nlohmann::json j{{"articles", report->articles},
                                     {"cve_mentions", report->cve_mentions},
                                     {"tokenizer_version", report->tokenizer_version},
                                     {"fingerprinted", *fingerprinted},
                                     {"seconds", seconds}};
                    std::printf("%s\n", dump(j, 2).c_str());
                } else if (!g.quiet) {
                    std::printf("reindexed %lld articles (%lld CVE mentions, tokenizer %d; %lld newly fingerprinted "
                                "for dedup) in %.1f s\n",
                                static_cast<long long>(report->articles), static_cast<long long>(report->cve_mentions),
                                report->tokenizer_version, static_cast<long long>(*fingerprinted), seconds);
                }
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
