// dossier export [QUERY] --format json|jsonl|md [--out PATH]
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "output.hpp"
#include "story_output.hpp"

namespace dossier::cli {

namespace fs = std::filesystem;

namespace {

struct ExportArgs {
    std::string query;
    FilterOptions filter;
    std::string format = "jsonl";
    std::string out;
    bool json = false;   ///< --json: shorthand for --format json, as on every read command
    bool jsonl = false;  ///< --jsonl: shorthand for --format jsonl
};

/// Writes each article as <out>/<date>-<slug>-<id>.md. Returns the number written.
std::int64_t export_markdown(store::ArticleStore& store, const ExportArgs& args, const store::ArticleFilter& filter) {
    const fs::path dir(args.out);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw FatalError("export: cannot create " + dir.string() + ": " + ec.message());
    std::int64_t written = 0;
    std::string failure;
    auto ok = store.for_each(args.query, filter, [&](const core::Article& a) {
        const fs::path path = dir / markdown_file_name(a);
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        auto cves = store.article_cves(a.id);
        if (!cves) {
            failure = cves.error().message;
            return false;
        }
        auto story = store.story(a.group_id);
        if (!story) {
            failure = story.error().message;
            return false;
        }
        const std::int64_t copies = *story ? static_cast<std::int64_t>((*story)->members.size()) - 1 : 0;
        const std::string md = article_markdown(a, *cves, copies);
        f.write(md.data(), static_cast<std::streamsize>(md.size()));
        if (!f) {
            failure = "export: cannot write " + path.string();
            return false;
        }
        ++written;
        return true;
    });
    if (!ok) throw UsageError(ok.error().message);
    if (!failure.empty()) throw FatalError(failure);
    return written;
}

std::int64_t export_json(store::ArticleStore& store, const ExportArgs& args, const store::ArticleFilter& filter) {
    std::FILE* out = stdout;
    if (!args.out.empty() && args.out != "-") {
        out = std::fopen(args.out.c_str(), "wb");
        if (!out) throw FatalError("export: cannot write " + args.out + ": " + std::strerror(errno));
    }
    JsonStream stream(out, args.format == "jsonl");
    std::int64_t written = 0;
    std::string failure;
    auto ok = store.for_each(args.query, filter, [&](const core::Article& a) {
        auto cves = store.article_cves(a.id);
        if (!cves) {
            failure = cves.error().message;
            return false;
        }
        auto story = store.story(a.group_id);
        if (!story) {
            failure = story.error().message;
            return false;
        }
        auto j = article_json(a);
        j["cves"] = std::move(*cves);
        j["story"] = *story ? story_json(**story, false) : nlohmann::json(nullptr);
        stream.item(j);
        ++written;
        return std::ferror(out) == 0;
    });
    stream.close();
    const bool write_failed = std::ferror(out) != 0;
    if (out != stdout) std::fclose(out);
    if (!ok) throw UsageError(ok.error().message);
    if (!failure.empty()) throw FatalError(failure);
    if (write_failed) throw FatalError("export: write failed: " + (args.out.empty() ? std::string("stdout") : args.out));
    return written;
}

}  // namespace

Command add_export(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* sub = app.add_subcommand("export", "write articles as JSON, JSON Lines or Markdown files");
    sub->add_option("query", args->query, "optional search query (same syntax as search)");
    add_filter_options(*sub, args->filter, false);
    auto* format = sub->add_option("--format", args->format, "json | jsonl | md (default jsonl)")
                       ->check(CLI::IsMember({"json", "jsonl", "md"}));
    auto* json = sub->add_flag("--json", args->json, "same as --format json")->excludes(format);
    sub->add_flag("--jsonl", args->jsonl, "same as --format jsonl")->excludes(format)->excludes(json);
    sub->add_option("--out", args->out, "output file (json, jsonl; default stdout) or folder (md, required)");
    sub->footer(R"(
Articles stream newest first; memory does not grow with their number. Every copy of a story is
exported (docs/dedup.md), each with its story: JSON has "group_id", "relation", "origin"
(name, url, id) and "story" (id, original_id, copies). md writes one file per article,
<date>-<title words>-<id>.md, with front matter (title, url, source, date, fetch_date, story,
copies, origin).

Examples:
  dossier export --since 2025-11-01 --format jsonl > coverage.jsonl
  dossier export 勒索 --format json --out ransomware.json
  dossier export --source anquanke --format md --out notes/anquanke
)");
    return {sub, [args, &g] {
                if (args->json) args->format = "json";
                if (args->jsonl) args->format = "jsonl";
                if (args->format == "md" && args->out.empty())
                    throw UsageError("export: --format md writes one file per article and needs --out FOLDER");
                const auto filter = to_filter(args->filter);
                auto store = open_for_reading(g);
                const std::int64_t n = args->format == "md" ? export_markdown(store, *args, filter)
                                                            : export_json(store, *args, filter);
                if (!g.quiet) std::fprintf(stderr, "export: %lld articles\n", static_cast<long long>(n));
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
