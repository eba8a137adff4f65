// dossier show ID|URL
#include <cstdio>

#include "commands.hpp"
#include "dossier/dedup/url_key.hpp"
#include "output.hpp"
#include "story_output.hpp"

namespace dossier::cli {

namespace {

struct ShowArgs {
    std::string target;
    bool json = false;
    bool jsonl = false;
    bool md = false;
    bool revisions = false;
};

bool all_digits(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 19;
}

std::optional<std::int64_t> find_id(store::ArticleStore& store, const std::string& target) {
    if (all_digits(target)) return std::stoll(target);
    for (const std::string& key : {dedup::url_key(target), target}) {
        auto id = store.find_by_url(key);
        if (!id) throw FatalError(id.error().message);
        if (*id) return *id;
    }
    return std::nullopt;
}

}  // namespace

Command add_show(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<ShowArgs>();
    CLI::App* sub = app.add_subcommand("show", "one article in full, by id or URL");
    sub->add_option("article", args->target, "article id, or its URL (any form of it)")->required();
    auto* json = sub->add_flag("--json", args->json, "as a JSON object");
    auto* jsonl = sub->add_flag("--jsonl", args->jsonl, "as one line of JSON")->excludes(json);
    sub->add_flag("--md", args->md, "as Markdown with front matter")->excludes(json)->excludes(jsonl);
    sub->add_flag("--revisions", args->revisions,
                  "list every stored version of the article, with a unified diff of its text from the version before");
    sub->footer(R"(
The text output ends with the article's origin (what its attribution line names) and the other
copies of its story (reposts, excerpts, translations: docs/dedup.md); --json carries them as
"origin" and "story".

Examples:
  dossier show 1234
  dossier show https://www.anquanke.com/post/id/210200
  dossier show 1234 --md > article.md
  dossier show 1234 --revisions
)");
    return {sub, [args, &g] {
                auto store = open_for_reading(g);
                auto id = find_id(store, args->target);
                std::optional<core::Article> article;
                if (id) {
                    auto got = store.get(*id);
                    if (!got) throw FatalError(got.error().message);
                    article = std::move(*got);
                }
                if (!article) {
                    std::fprintf(stderr, "dossier: show: no article %s\n", args->target.c_str());
                    return k_exit_fatal;
                }
                auto cves = store.article_cves(article->id);
                if (!cves) throw FatalError(cves.error().message);
                auto story = store.story(article->group_id);
                if (!story) throw FatalError(story.error().message);
                std::optional<std::vector<store::Revision>> revisions;
                if (args->revisions) {
                    auto r = store.revisions(article->id);
                    if (!r) throw FatalError(r.error().message);
                    revisions = std::move(*r);
                }
                if (args->json || args->jsonl) {
                    auto j = article_json(*article);
                    j["cves"] = *cves;
                    j["story"] = *story ? story_json(**story, true) : nlohmann::json(nullptr);
                    if (revisions) j["revisions"] = revisions_json(*revisions);
                    std::printf("%s\n", dump(j, args->json ? 2 : -1).c_str());
                } else if (args->md) {
                    std::fputs(article_markdown(*article, *cves).c_str(), stdout);
                } else if (revisions) {
                    std::fputs((article->title + "\n" + revisions_text(*revisions)).c_str(), stdout);
                } else {
                    const std::string story_lines = story_text(*article, story->has_value() ? &**story : nullptr);
                    std::fputs(article_text(*article, *cves, story_lines).c_str(), stdout);
                }
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
