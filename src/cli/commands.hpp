#pragma once
// Each subcommand registers its options on the app and returns how to run it.
#include <functional>

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace dossier::cli {

struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;  ///< returns the exit code; may throw FatalError / UsageError
};

Command add_import(CLI::App& app, const GlobalOptions& g);
Command add_search(CLI::App& app, const GlobalOptions& g);
Command add_show(CLI::App& app, const GlobalOptions& g);
Command add_export(CLI::App& app, const GlobalOptions& g);
Command add_stats(CLI::App& app, const GlobalOptions& g);
Command add_extract(CLI::App& app, const GlobalOptions& g);
Command add_crawl(CLI::App& app, const GlobalOptions& g);
Command add_sources(CLI::App& app, const GlobalOptions& g);
Command add_cves(CLI::App& app, const GlobalOptions& g);
Command add_reindex(CLI::App& app, const GlobalOptions& g);

/// Filters shared by search and export (--source, --since, --until, --lang, --limit).
struct FilterOptions {
    std::vector<std::string> sources;
    std::string since, until, lang;
    std::int64_t limit = -1;
    std::int64_t offset = 0;
};
void add_filter_options(CLI::App& sub, FilterOptions& f, bool with_limit);
store::ArticleFilter to_filter(const FilterOptions& f);

}  // namespace dossier::cli
