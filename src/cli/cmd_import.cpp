// dossier import PATH...
#include <cstdio>

#include "commands.hpp"
#include "dossier/crawl/importer.hpp"

namespace dossier::cli {

namespace {

struct ImportArgs {
    std::vector<std::string> paths;
    std::string url;
    std::string source;
};

void print_summary(const crawl::ImportReport& r, bool quiet) {
    const auto& t = r.tally;
    for (const auto& f : t.failures)
        std::fprintf(stderr, "failed: %s: %s: %s\n", f.where.c_str(), f.stage.c_str(), f.message.c_str());
    if (quiet) return;
    for (const auto& s : t.skips) std::fprintf(stderr, "skipped: %s: %s\n", s.where.c_str(), s.message.c_str());
    std::fprintf(stderr, "import: %lld new (%lld copies of stored stories), %lld duplicate, %lld revised, %lld skipped, %lld failed%s%s\n",
                 static_cast<long long>(t.stored), static_cast<long long>(t.copies), static_cast<long long>(t.duplicate),
                 static_cast<long long>(t.revised), static_cast<long long>(t.skipped()), static_cast<long long>(t.failed()),
                 r.warc_written.empty() ? "" : "; archived in warc/", r.warc_written.c_str());
}

}  // namespace

Command add_import(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* sub = app.add_subcommand("import", "ingest WARC files (.warc, .warc.gz) and saved HTML pages");
    sub->add_option("paths", args->paths, "WARC or HTML files")->required()->check(CLI::ExistingFile);
    sub->add_option("--url", args->url, "the URL of a single HTML file (default: its file:// URL)");
    sub->add_option("--source", args->source, "source id to file the articles under (default: the URL's host)");
    sub->footer(R"(
Every HTML response or resource record of a WARC, and every HTML file, is archived under
<archive>/warc/, extracted and stored. A page whose URL is stored is a duplicate when its body is
the same, and a new revision of that article when it changed; a repost, excerpt or translation
of a stored article is stored too and joins that article's story (docs/dedup.md). Non-HTML
records are skipped; a bad record is reported with its file and offset and the import goes on. Exit 0 when all went in, 3 when some record failed, 1 when nothing could run.

Examples:
  dossier import ~/captures/2025-12.warc.gz
  dossier import --url https://www.anquanke.com/post/id/210200 saved.html
  dossier --archive /srv/dossier import --source freebuf pages/*.html
)");
    return {sub, [args, &g] {
                if (!args->url.empty() && args->paths.size() != 1)
                    throw UsageError("import: --url names the URL of one file, but " +
                                     std::to_string(args->paths.size()) + " were given");
                const auto dir = archive_dir(g);
                auto store = open_for_writing(g);  // refuses a foreign database before creating anything
                if (auto ok = dir.prepare_for_writing(); !ok) throw FatalError(ok.error().message);
                auto lock = crawl::ArchiveLock::acquire(dir);
                if (!lock) throw FatalError(lock.error().message);
                if (!*lock) {
                    std::fprintf(stderr, "dossier: another dossier process is writing to %s\n", dir.root().c_str());
                    return k_exit_locked;
                }
                crawl::ImportOptions opts;
                if (!args->url.empty()) opts.url = args->url;
                opts.source_id = args->source;
                std::vector<std::filesystem::path> paths(args->paths.begin(), args->paths.end());
                auto report = crawl::import_paths(dir, store, paths, opts);
                if (!report) throw FatalError(report.error().message);
                print_summary(*report, g.quiet);
                return report->tally.failed() > 0 ? k_exit_partial : k_exit_ok;
            }};
}

}  // namespace dossier::cli
