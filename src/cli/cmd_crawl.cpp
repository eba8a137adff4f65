// dossier crawl: the nightly job.
#include <csignal>
#include <cstdio>
#include <set>

#include "commands.hpp"
#include "dossier/crawl/crawler.hpp"
#include "dossier/sources/loader.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct CrawlArgs {
    std::vector<std::string> sources;
    std::string feeds;
    int max_new = 0;
    std::size_t concurrency = 8;
    long delay_ms = 1000;
    int timeout_s = 60;
    int attempts = 3;
    std::string proxy;
    std::vector<std::string> replay;
    bool force = false;
    bool json = false;
};

void on_signal(int) { crawl::request_stop(); }

/// The sources to run: the named ones (enabled or not), else every enabled one.
std::vector<core::Source> select(const sources::LoadReport& loaded, const CrawlArgs& args) {
    if (args.sources.empty()) {
        std::vector<core::Source> out;
        for (const auto& s : loaded.sources)
            if (s.enabled) out.push_back(s);
        return out;
    }
    std::vector<core::Source> out;
    for (const auto& id : args.sources) {
        auto it = std::find_if(loaded.sources.begin(), loaded.sources.end(), [&](const auto& s) { return s.id == id; });
        if (it == loaded.sources.end()) throw UsageError("crawl: no valid source \"" + id + "\" in the feeds folder");
        out.push_back(*it);
    }
    return out;
}

nlohmann::json report_json(const crawl::CrawlReport& r) {
    nlohmann::json j;
    j["run_id"] = r.run_id;
    j["sources"] = nlohmann::json::array();
    for (const auto& s : r.sources)
        j["sources"].push_back({{"source", s.source_id}, {"attempted", s.attempted}, {"skipped_because", s.skipped_because},
                                {"index_ok", s.index_ok}, {"entries", s.entries}, {"known", s.known},
                                {"new", s.new_count}, {"copies", s.copies}, {"revised", s.revised},
                                {"duplicate", s.duplicate}, {"not_modified", s.not_modified},
                                {"failed", s.failed}, {"quality_flags", s.quality_flags}});
    j["failures"] = nlohmann::json::array();
    for (const auto& f : r.failures)
        j["failures"].push_back({{"source", f.source}, {"url", f.where}, {"stage", f.stage}, {"message", f.message}});
    j["warc"] = r.warc_written;
    return j;
}

void print_report(const crawl::CrawlReport& r, bool quiet) {
    // One line per failure: the message names its module and, nearly always, the URL or file.
    for (const auto& f : r.failures) {
        const bool names_where = f.where.empty() || f.message.find(f.where) != std::string::npos;
        std::fprintf(stderr, "failed: %s%s%s%s%s\n", f.source.c_str(), f.source.empty() ? "" : ": ", f.message.c_str(),
                     names_where ? "" : ": ", names_where ? "" : f.where.c_str());
    }
    if (quiet) return;
    std::printf("%-18s %6s %6s %7s %6s %6s %9s %6s  %s\n", "source", "new", "copies", "revised", "dup", "known",
                "unchanged", "failed", "notes");
    for (const auto& s : r.sources) {
        std::string notes = s.attempted ? "" : "skipped: " + s.skipped_because;
        for (const auto& flag : s.quality_flags) notes += (notes.empty() ? "" : " ") + flag;
        std::printf("%-18s %6lld %6lld %7lld %6lld %6lld %9lld %6lld  %s\n", s.source_id.c_str(),
                    static_cast<long long>(s.new_count), static_cast<long long>(s.copies),
                    static_cast<long long>(s.revised), static_cast<long long>(s.duplicate), static_cast<long long>(s.known),
                    static_cast<long long>(s.not_modified), static_cast<long long>(s.failed), notes.c_str());
    }
}

}  // namespace

Command add_crawl(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<CrawlArgs>();
    CLI::App* sub = app.add_subcommand("crawl", "fetch what is new from every enabled source into the archive");
    sub->add_option("--source", args->sources, "only this source id (repeatable; runs it even if disabled)");
    sub->add_option("--feeds", args->feeds, "folder of source definitions (default feeds/, or $DOSSIER_FEEDS)");
    sub->add_option("--max-new", args->max_new, "new articles per source at most (overrides the sources)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--concurrency", args->concurrency, "transfers at once, all hosts together (default 8)")
        ->check(CLI::Range(1, 64));
    sub->add_option("--delay", args->delay_ms, "least milliseconds between two requests to one host (default 1000)")
        ->check(CLI::Range(0L, 600000L));
    sub->add_option("--timeout", args->timeout_s, "seconds one transfer may take (default 60)")->check(CLI::Range(1, 3600));
    sub->add_option("--attempts", args->attempts, "tries per URL on timeouts, connection errors, 5xx, 429 (default 3)")
        ->check(CLI::Range(1, 10));
    sub->add_option("--proxy", args->proxy, "proxy URL for every request (sources may set their own)");
    sub->add_option("--replay", args->replay, "answer from these WARC files instead of the network")
        ->check(CLI::ExistingFile);
    sub->add_flag("--force", args->force, "ignore each source's min_interval");
    sub->add_flag("--json", args->json, "print the report as one JSON document");
    sub->footer(R"(
Incremental: an entry whose canonical URL is stored is not fetched again; each source's
min_interval and max_new are respected. Every response (feeds and robots.txt too) is archived.
Exit 0 when all went well, 3 when some source or article failed (each printed as
"failed: source: url: stage: message"), 1 when nothing could run, 75 when another crawl holds
the archive lock. -q prints only the failures, for cron.

Examples:
  dossier crawl -q                                  # nightly, from cron or systemd
  dossier crawl --source anquanke --max-new 20
  dossier crawl --replay archive/warc/*.warc.gz     # the same pipeline, offline
  dossier --archive /srv/dossier crawl --json > report.json
)");
    return {sub, [args, &g] {
                auto loaded = sources::load_dir(sources::feeds_dir(args->feeds));
                if (!loaded) throw FatalError(loaded.error().message);
                const auto selected = select(*loaded, *args);
                if (selected.empty()) throw FatalError("crawl: no enabled source in " + sources::feeds_dir(args->feeds).string());
                const auto dir = archive_dir(g);
                auto store = open_for_writing(g);
                if (auto ok = dir.prepare_for_writing(); !ok) throw FatalError(ok.error().message);
                auto lock = crawl::ArchiveLock::acquire(dir);
                if (!lock) throw FatalError(lock.error().message);
                if (!*lock) {
                    std::fprintf(stderr, "dossier: another crawl holds %s; exiting\n", dir.lock_path().c_str());
                    return k_exit_locked;
                }
                crawl::CrawlOptions opts;
                if (args->max_new > 0) opts.max_new = args->max_new;
                opts.force = args->force;
                opts.replay.assign(args->replay.begin(), args->replay.end());
                opts.fetch.max_concurrency = args->concurrency;
                opts.fetch.per_host_delay = std::chrono::milliseconds(args->delay_ms);
                opts.fetch.proxy = args->proxy;
                opts.fetch.total_timeout = std::chrono::seconds(args->timeout_s);
                opts.fetch.max_attempts = args->attempts;
                if (stderr_is_tty() && !g.quiet)
                    opts.progress = [](const std::string& line) { std::fprintf(stderr, "\r%-60s", line.c_str()); };
                std::signal(SIGINT, on_signal);
                std::signal(SIGTERM, on_signal);
                auto report = crawl::run_crawl(dir, store, selected, opts);
                std::signal(SIGINT, SIG_DFL);
                std::signal(SIGTERM, SIG_DFL);
                if (opts.progress) std::fprintf(stderr, "\r%-60s\r", "");
                if (!report) throw FatalError(report.error().message);
                // A bad definition never stops the run, but cron must hear of it.
                const std::string feeds = sources::feeds_dir(args->feeds).string();
                for (const auto& e : loaded->errors) report->failures.push_back({feeds, "", "source", e.message});
                if (args->json)
                    std::printf("%s\n", dump(report_json(*report), 2).c_str());
                print_report(*report, g.quiet || args->json);
                return report->has_failures() ? k_exit_partial : k_exit_ok;
            }};
}

}  // namespace dossier::cli
