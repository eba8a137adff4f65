// dossier stats
#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "dossier/core/date_time.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace fs = std::filesystem;

namespace {

/// Bytes of every regular file under `dir` (0 when it does not exist).
std::int64_t folder_bytes(const fs::path& dir) {
    std::int64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) total += static_cast<std::int64_t>(it->file_size(size_ec));
    }
    return total;
}

std::int64_t file_bytes(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::int64_t>(n);
}

std::string date_or_none(const std::optional<std::int64_t>& t) {
    return t ? core::format_utc(*t).substr(0, 10) : std::string("none");
}

std::string human_bytes(std::int64_t n) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(n);
    std::size_t u = 0;
    while (v >= 1024 && u + 1 < std::size(units)) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

}  // namespace

Command add_stats(CLI::App& app, const GlobalOptions& g) {
    auto json = std::make_shared<bool>(false);
    CLI::App* sub = app.add_subcommand("stats", "article counts per source and language, date range, archive size");
    sub->add_flag("--json,--jsonl", *json, "as one JSON object");
    sub->footer(R"(
Examples:
  dossier stats
  dossier --archive /srv/dossier stats --json
)");
    return {sub, [json, &g] {
                auto store = open_for_reading(g);
                auto stats = store.stats();
                if (!stats) throw FatalError(stats.error().message);
                const auto dir = archive_dir(g);
                const std::int64_t db = file_bytes(dir.db_path()) + file_bytes(dir.db_path().string() + "-wal");
                const std::int64_t warc = folder_bytes(dir.warc_dir());
                if (*json) {
                    nlohmann::json j;
                    j["articles"] = stats->articles;
                    for (const auto& kc : stats->by_source) j["sources"][kc.key] = kc.count;
                    for (const auto& kc : stats->by_lang) j["languages"][kc.key.empty() ? "unknown" : kc.key] = kc.count;
                    if (!j.contains("sources")) j["sources"] = nlohmann::json::object();
                    if (!j.contains("languages")) j["languages"] = nlohmann::json::object();
                    j["oldest_published"] = date_or_none(stats->oldest_published);
                    j["newest_published"] = date_or_none(stats->newest_published);
                    j["runs"] = stats->runs;
                    j["database_bytes"] = db;
                    j["warc_bytes"] = warc;
                    j["schema_version"] = stats->schema_version;
                    std::printf("%s\n", dump(j, 2).c_str());
                    return k_exit_ok;
                }
                std::printf("archive     %s\narticles    %lld\npublished   %s .. %s\n", dir.root().c_str(),
                            static_cast<long long>(stats->articles), date_or_none(stats->oldest_published).c_str(),
                            date_or_none(stats->newest_published).c_str());
                std::printf("size        %s (database %s, WARC %s)\nruns        %lld\n\nby source\n",
                            human_bytes(db + warc).c_str(), human_bytes(db).c_str(), human_bytes(warc).c_str(),
                            static_cast<long long>(stats->runs));
                for (const auto& kc : stats->by_source)
                    std::printf("  %-24s %8lld\n", kc.key.c_str(), static_cast<long long>(kc.count));
                std::printf("\nby language\n");
                for (const auto& kc : stats->by_lang)
                    std::printf("  %-24s %8lld\n", kc.key.empty() ? "unknown" : kc.key.c_str(),
                                static_cast<long long>(kc.count));
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
