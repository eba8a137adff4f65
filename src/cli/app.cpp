#include "dossier/cli/app.hpp"

#include <cstdio>
#include <iostream>

#include "dossier/build_info.hpp"
#include "commands.hpp"
#include "versions.hpp"

namespace dossier::cli {

namespace {

constexpr const char* k_examples = R"(
Examples:
  dossier crawl -q                                 # nightly: every enabled source in feeds/
  dossier import saved/*.warc.gz page.html         # ingest captures into ./archive
  dossier search '漏洞 利用' --since 2025-01-01       # ranked hits with snippets
  dossier search CVE-2025-59934 --json             # the same as one JSON document
  dossier show 12                                  # one article in full
  dossier export --format jsonl > coverage.jsonl   # everything, one object per line
  dossier --archive /srv/dossier stats             # global options go before the command
)";

void print_error(const std::string& message) { std::fprintf(stderr, "dossier: %s\n", message.c_str()); }

}  // namespace

int run(int argc, char** argv) {
    GlobalOptions global;
    if (const char* env = std::getenv("DOSSIER_ARCHIVE"); env && *env) global.archive = env;

    CLI::App app("dossier: security-news archive — import, search, show and export articles", "dossier");
    app.footer(k_examples);
    app.require_subcommand(0, 1);
    // Unmatched options of a subcommand fall through to the app: `dossier crawl -q` as the
    // crawler issue writes it, as well as `dossier -q crawl`. Subcommands inherit this.
    app.fallthrough();
    bool version = false;
    app.add_flag("--version", version, "print the version of dossier and of its libraries");
    app.add_option("--archive", global.archive, "archive folder (default: ./archive, or $DOSSIER_ARCHIVE)");
    app.add_flag("-q,--quiet", global.quiet, "print only failures on stderr (for cron)");

    std::vector<Command> commands{add_crawl(app, global),  add_import(app, global), add_search(app, global),
                                  add_show(app, global),   add_export(app, global), add_stats(app, global),
                                  add_cves(app, global),   add_sources(app, global), add_extract(app, global),
                                  add_reindex(app, global)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);  // prints the help of the subcommand that asked for it, to stdout
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(std::string(e.what()) + " (see dossier --help)");
        return k_exit_usage;
    }
    if (version) {
        std::cout << version_text();
        return k_exit_ok;
    }
    for (auto& cmd : commands) {
        if (!cmd.app->parsed()) continue;
        try {
            return cmd.run();
        } catch (const UsageError& e) {
            print_error(e.what());
            return k_exit_usage;
        } catch (const FatalError& e) {
            print_error(e.what());
            return k_exit_fatal;
        } catch (const std::exception& e) {
            print_error(std::string("unexpected error: ") + e.what());
            return k_exit_fatal;
        }
    }
    std::cerr << app.help();
    return k_exit_usage;
}

}  // namespace dossier::cli
