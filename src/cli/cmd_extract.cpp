// dossier extract FILE | --batch LIST: run extraction on local pages without storing anything.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "dossier/core/url.hpp"
#include "dossier/extract/extract.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct ExtractArgs {
    std::string file;
    std::string url;
    std::string batch;
    bool json = false;
    bool jsonl = false;
};

/// Largest page read for extraction; the extractor applies its own caps after this.
constexpr std::size_t k_max_page_bytes = 64u << 20;

core::Result<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail("extract: cannot read " + path);
    std::string data;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        data.append(buf, static_cast<std::size_t>(in.gcount()));
        if (data.size() > k_max_page_bytes) return core::fail("extract: file over 64 MiB: " + path);
    }
    return data;
}

nlohmann::json extract_one(const std::string& path, const std::string& url) {
    nlohmann::json j;
    auto bytes = read_file(path);
    if (!bytes) {
        j["error"] = bytes.error().message;
        return j;
    }
    const std::string page_url = url.empty() ? core::file_url(path) : url;
    auto article = extract::extract(*bytes, page_url);
    if (!article) {
        j["error"] = article.error().message;
        return j;
    }
    j = article_json(*article);
    for (const char* key : {"id", "fetched_at", "first_seen", "capture", "body_hash", "source"}) j.erase(key);
    j["url"] = page_url;
    return j;
}

int run_batch(const ExtractArgs& args) {
    std::ifstream list(args.batch);
    if (!list) throw FatalError("extract: cannot read batch list " + args.batch);
    JsonStream out(stdout, !args.json);
    std::string line;
    while (std::getline(list, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto tab = line.find('\t');
        const std::string path = line.substr(0, tab);
        const std::string url = tab == std::string::npos ? std::string() : line.substr(tab + 1);
        nlohmann::json j = extract_one(path, url);
        j["path"] = path;
        out.item(j);
        std::fflush(stdout);
    }
    out.close();
    return k_exit_ok;
}

}  // namespace

Command add_extract(CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ExtractArgs>();
    CLI::App* sub = app.add_subcommand("extract", "extract the article from local pages (stores nothing)");
    auto* file = sub->add_option("file", args->file, "an HTML file");
    sub->add_option("--url", args->url, "the page's URL (resolves links, gives URL dates)");
    auto* batch = sub->add_option("--batch", args->batch, "a list of `path<TAB>url` lines; one JSON line per page")
                      ->excludes(file);
    auto* json = sub->add_flag("--json", args->json, "as JSON");
    sub->add_flag("--jsonl", args->jsonl, "as JSON Lines")->excludes(json);
    sub->footer(R"(
Examples:
  dossier extract page.html --url https://www.anquanke.com/post/id/210200
  dossier extract page.html --json
  dossier extract --batch pages.tsv --jsonl > extracted.jsonl
)");
    (void)batch;
    return {sub, [args] {
                if (!args->batch.empty()) return run_batch(*args);
                if (args->file.empty()) throw UsageError("extract: give a FILE or --batch LIST");
                nlohmann::json j = extract_one(args->file, args->url);
                if (args->json || args->jsonl) {
                    std::printf("%s\n", dump(j, args->json ? 2 : -1).c_str());
                    return j.contains("error") ? k_exit_fatal : k_exit_ok;
                }
                if (j.contains("error")) throw FatalError(j["error"].get<std::string>());
                std::printf("%s\nurl:        %s\npublished:  %s\nauthor:     %s\n\n%s\n",
                            j["title"].get<std::string>().c_str(), j["url"].get<std::string>().c_str(),
                            j["published"].is_null() ? "unknown" : j["published"].get<std::string>().c_str(),
                            j["author"].get<std::string>().c_str(), j["text"].get<std::string>().c_str());
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
