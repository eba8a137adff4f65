// dossier sources list | check | import-opml
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "dossier/archive/http_response.hpp"
#include "dossier/core/date_time.hpp"
#include "dossier/crawl/transport.hpp"
#include "dossier/dedup/url_key.hpp"
#include "dossier/feed/feed.hpp"
#include "dossier/feed/opml.hpp"
#include "dossier/sources/loader.hpp"
#include "dossier/sources/source_id.hpp"
#include "dossier/sources/toml_writer.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct SourcesArgs {
    std::string feeds;
    bool json = false;
    std::vector<std::string> ids;
    std::string opml;
    bool dry_run = false;
};

sources::LoadReport load(const SourcesArgs& args) {
    auto loaded = sources::load_dir(sources::feeds_dir(args.feeds));
    if (!loaded) throw FatalError(loaded.error().message);
    return std::move(*loaded);
}

std::string when(const std::optional<std::int64_t>& t) { return t ? core::format_utc(*t) : std::string("never"); }

int run_list(const GlobalOptions& g, const SourcesArgs& args) {
    const auto loaded = load(args);
    std::vector<store::SourceHealth> health;
    if (std::filesystem::exists(archive_dir(g).db_path())) {
        auto store = open_for_reading(g);
        auto h = store.source_health();
        if (!h) throw FatalError(h.error().message);
        health = std::move(*h);
    }
    auto health_of = [&](const std::string& id) -> const store::SourceHealth* {
        for (const auto& h : health)
            if (h.source_id == id) return &h;
        return nullptr;
    };
    JsonStream out(stdout, false);
    if (!args.json)
        std::printf("%-18s %-3s %-4s %-21s %5s %8s  %s\n", "source", "on", "lang", "last success", "fails", "articles",
                    "flags / last error");
    for (const auto& s : loaded.sources) {
        const store::SourceHealth* h = health_of(s.id);
        if (args.json) {
            out.item({{"id", s.id}, {"name", s.name}, {"enabled", s.enabled}, {"lang", s.lang}, {"homepage", s.homepage},
                      {"last_attempt", h && h->last_attempt ? core::format_utc(*h->last_attempt) : ""},
                      {"last_success", h && h->last_success ? core::format_utc(*h->last_success) : ""},
                      {"last_error", h ? h->last_error : ""},
                      {"consecutive_failures", h ? h->consecutive_failures : 0},
                      {"articles", h ? h->articles : 0}, {"last_new", h ? h->last_new : 0},
                      {"quality_flags", h ? h->quality_flags : std::vector<std::string>{}}});
            continue;
        }
        std::string notes;
        if (h) {
            for (const auto& f : h->quality_flags) notes += f + " ";
            notes += h->last_error;
        }
        std::printf("%-18s %-3s %-4s %-21s %5lld %8lld  %s\n", s.id.c_str(), s.enabled ? "yes" : "no", s.lang.c_str(),
                    h ? when(h->last_success).c_str() : "never", static_cast<long long>(h ? h->consecutive_failures : 0),
                    static_cast<long long>(h ? h->articles : 0), notes.c_str());
    }
    if (args.json) out.close();
    for (const auto& e : loaded.errors) std::fprintf(stderr, "invalid: %s\n", e.message.c_str());
    return loaded.errors.empty() ? k_exit_ok : k_exit_partial;
}

/// Fetches each index once and says what it lists; stores nothing.
int run_check(const SourcesArgs& args) {
    const auto loaded = load(args);
    fetch::Options options;
    auto transport = crawl::network_transport(options);
    std::map<std::uint64_t, std::pair<std::string, core::IndexSpec>> jobs;
    std::uint64_t id = 0;
    for (const auto& s : loaded.sources) {
        if (!args.ids.empty() && std::find(args.ids.begin(), args.ids.end(), s.id) == args.ids.end()) continue;
        for (const auto& spec : s.index) {
            fetch::Request r;
            r.id = ++id;
            r.url = spec.url;
            jobs[r.id] = {s.id, spec};
            transport->add(std::move(r));
        }
    }
    if (jobs.empty()) throw UsageError("sources check: no such source");
    int failures = 0;
    transport->run([](const fetch::Exchange&) {}, [&](fetch::Outcome&& o) {
        const auto& [source, spec] = jobs[o.id];
        if (o.status != fetch::Status::ok) {
            ++failures;
            std::printf("%-18s FAIL %s\n", source.c_str(), o.message.c_str());
            return;
        }
        auto capture = archive::parse_http_response(o.response_block, options.max_body_bytes);
        auto parsed = capture ? feed::parse(capture->body, o.final_url) : core::Result<feed::Feed>(core::fail(capture.error().message));
        if (spec.kind == core::IndexSpec::Kind::listing) {
            std::printf("%-18s ok   %s (listing; run a crawl to apply its selectors)\n", source.c_str(), o.final_url.c_str());
        } else if (!parsed) {
            ++failures;
            std::printf("%-18s FAIL %s: %s\n", source.c_str(), o.final_url.c_str(), parsed.error().message.c_str());
        } else {
            std::printf("%-18s ok   %s: %s, %zu entries%s%s\n", source.c_str(), o.final_url.c_str(),
                        std::string(feed::format_name(parsed->format)).c_str(), parsed->entries.size(),
                        parsed->entries.empty() ? "" : ", newest: ", parsed->entries.empty() ? "" : parsed->entries.front().title.c_str());
        }
    });
    return failures > 0 ? k_exit_partial : k_exit_ok;
}

int run_import_opml(const SourcesArgs& args) {
    std::ifstream in(args.opml, std::ios::binary);
    if (!in) throw FatalError("sources import-opml: cannot read " + args.opml);
    std::ostringstream buf;
    buf << in.rdbuf();
    auto outlines = feed::parse_opml(buf.str());
    if (!outlines) throw FatalError(args.opml + ": " + outlines.error().message);
    const auto dir = sources::feeds_dir(args.feeds);
    auto loaded = load(args);
    std::set<std::string> taken, seen_keys;
    for (const auto& s : loaded.sources) taken.insert(s.id);
    int written = 0, duplicates = 0, failed = 0;
    for (const auto& o : *outlines) {
        if (!seen_keys.insert(dedup::url_key(o.xml_url)).second) {
            ++duplicates;
            std::printf("duplicate in file: %s\n", o.xml_url.c_str());
            continue;
        }
        if (const core::Source* existing = sources::find_by_index_url(loaded.sources, o.xml_url)) {
            ++duplicates;
            std::printf("already a source: %s (%s)\n", o.xml_url.c_str(), existing->id.c_str());
            continue;
        }
        auto source = sources::source_from_import({o.title, o.xml_url, o.html_url, o.category}, taken);
        if (!source) {
            ++failed;
            std::fprintf(stderr, "skipped: %s\n", source.error().message.c_str());
            continue;
        }
        taken.insert(source->id);
        loaded.sources.push_back(*source);
        if (!args.dry_run) {
            auto path = sources::write_file(dir, *source, "imported from " + args.opml);
            if (!path) {
                ++failed;
                std::fprintf(stderr, "failed: %s\n", path.error().message.c_str());
                continue;
            }
        }
        ++written;
        std::printf("%s %s  %s\n", args.dry_run ? "would write" : "wrote", (source->id + ".toml").c_str(), o.xml_url.c_str());
    }
    std::fprintf(stderr, "import-opml: %d new sources, %d duplicates, %d skipped\n", written, duplicates, failed);
    return failed > 0 ? k_exit_partial : k_exit_ok;
}

}  // namespace

Command add_sources(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<SourcesArgs>();
    CLI::App* sub = app.add_subcommand("sources", "list, check and import source definitions (feeds/*.toml)");
    sub->add_option("--feeds", args->feeds, "folder of source definitions (default feeds/, or $DOSSIER_FEEDS)");
    sub->require_subcommand(0, 1);
    sub->fallthrough();  // `sources list --feeds DIR` as well as `sources --feeds DIR list`
    CLI::App* list = sub->add_subcommand("list", "every source with its health (the default)");
    list->add_flag("--json", args->json, "as one JSON document");
    CLI::App* check = sub->add_subcommand("check", "fetch each index once and report what it lists; stores nothing");
    check->add_option("ids", args->ids, "only these source ids");
    CLI::App* import = sub->add_subcommand("import-opml", "write one feeds/<id>.toml per feed of an OPML file");
    import->add_option("file", args->opml, "OPML file")->required()->check(CLI::ExistingFile);
    import->add_flag("--dry-run", args->dry_run, "say what would be written, write nothing");
    sub->footer(R"(
Examples:
  dossier sources                       # list with health: last success, failures, articles, flags
  dossier sources list --json
  dossier sources check anquanke        # is the feed reachable and parseable right now?
  dossier sources import-opml security.opml --dry-run
)");
    return {sub, [args, &g, check, import] {
                if (check->parsed()) return run_check(*args);
                if (import->parsed()) return run_import_opml(*args);
                return run_list(g, *args);
            }};
}

}  // namespace dossier::cli
