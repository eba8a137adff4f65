// End-to-end concurrency (docs/crash-safety.md, "Readers beside a writer"): search, show and
// export run as separate processes while a crawl writes into the same archive. Each must
// finish (WAL: readers never wait for the writer), within the busy timeout, and every article
// it returns must be whole: the text that belongs to its URL, the same text in every command.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

#include "dossier_cli.hpp"
#include "news_site.hpp"

using dossier::test::ChildProcess;
using dossier::test::k_bin;
using dossier::test::NewsSite;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

/// The store's busy timeout (src/store/article_store.cpp: sqlite3_busy_timeout 5000 ms), plus
/// slack for starting a process on a loaded machine or under a sanitizer.
constexpr double k_busy_timeout_s = 5.0;
constexpr double k_slack_s = 5.0;

std::size_t occurrences(const std::string& text, const std::string& word) {
    std::size_t n = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
    return n;
}

/// An article as a read command printed it is whole: its URL names article n, and its title
/// and text are article n's, first paragraph to last (the marker opens the first and closes
/// the third), with no other article's text.
void check_whole(const json& a) {
    INFO(a.dump().substr(0, 400));
    REQUIRE(a.contains("url"));
    const std::string url = a["url"], title = a["title"], text = a["text"];
    const int n = NewsSite::number_of(url);
    REQUIRE(n > 0);
    CHECK(a["id"].get<std::int64_t>() > 0);
    CHECK(title.starts_with(NewsSite::title(n)));
    CHECK(occurrences(text, NewsSite::marker(n)) == 2);
    CHECK(occurrences(text, "marker") == 2);
    CHECK(text.find(NewsSite::common_word()) != std::string::npos);
}

struct Timed {
    dossier::test::ProcessResult result;
    double seconds = 0;
};

Timed timed_dossier(const TempDir& dir, const std::vector<std::string>& args) {
    const auto t0 = Clock::now();
    Timed t{dossier::test::run_dossier(dir, args), 0};
    t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return t;
}

/// Exit 0, no diagnostics but export's count line, within the busy timeout plus slack.
void check_ran(const Timed& t, std::map<std::string, double>& slowest, const std::string& what) {
    INFO(what << ": " << t.result.err);
    CHECK(t.result.exit_code == 0);
    CHECK(t.seconds < k_busy_timeout_s + k_slack_s);
    slowest[what] = std::max(slowest[what], t.seconds);
}

}  // namespace

TEST_CASE("search, show and export run while a crawl writes and never see a half-written article",
          "[e2e][concurrency]") {
    // 230 articles: the crawl commits a batch of 200 while it runs, then the rest at its end.
    NewsSite site(230, 5);
    TempDir dir;
    site.write_feeds(dir / "feeds");
    const auto args = dossier::test::news_crawl_args(dir.path());
    site.publish(20);
    REQUIRE(dossier::test::run_process(k_bin, args).exit_code == 0);
    site.publish(230);

    ChildProcess crawl(k_bin, args, dir / "crawl.log");
    std::map<std::string, double> slowest;
    std::size_t exported_before = 0;
    std::string counts_seen;  // the article counts the exports saw, in order, each once
    int rounds_while_crawling = 0, round = 0;
    for (bool crawling = true; crawling; ++round) {
        crawling = crawl.running();
        INFO("round " << round << (crawling ? " (crawl running)" : " (crawl done)"));

        const Timed exp = timed_dossier(dir, {"export", "--format", "jsonl"});
        check_ran(exp, slowest, "export");
        std::map<std::int64_t, json> exported;
        std::istringstream lines(exp.result.out);
        for (std::string line; std::getline(lines, line);) {
            const json a = json::parse(line);
            check_whole(a);
            CHECK(exported.emplace(a["id"].get<std::int64_t>(), a).second);  // each id once
        }
        CHECK(exported.size() >= exported_before);  // what was committed stays visible
        if (exported.size() != exported_before) counts_seen += " " + std::to_string(exported.size());
        exported_before = exported.size();
        REQUIRE_FALSE(exported.empty());

        const Timed found = timed_dossier(dir, {"search", NewsSite::common_word(), "--json", "--limit", "1000"});
        check_ran(found, slowest, "search");
        const json hits = json::parse(found.result.out);
        CHECK(hits.size() >= exported.size());
        for (const auto& hit : hits) check_whole(hit);

        // The newest article and one further back: show gives what export gave.
        const auto further_back = static_cast<long>(static_cast<std::size_t>(round) % exported.size());
        for (auto it : {std::prev(exported.end()), std::next(exported.begin(), further_back)}) {
            const Timed shown = timed_dossier(dir, {"show", std::to_string(it->first), "--json"});
            check_ran(shown, slowest, "show");
            const json a = json::parse(shown.result.out);
            check_whole(a);
            CHECK(a["url"] == it->second["url"]);
            CHECK(a["title"] == it->second["title"]);
            CHECK(a["text"] == it->second["text"]);
        }
        if (crawling) ++rounds_while_crawling;
    }
    CHECK(crawl.wait() == 0);
    CHECK(rounds_while_crawling >= 1);
    CHECK(exported_before == 230);
    std::fprintf(stderr,
                 "concurrency: %d rounds while crawling, exports saw%s articles; slowest export %.2f s, search %.2f s, "
                 "show %.2f s\n",
                 rounds_while_crawling, counts_seen.c_str(), slowest["export"], slowest["search"], slowest["show"]);
}
