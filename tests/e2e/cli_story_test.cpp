// Stories end to end: reposts are stored and grouped, never dropped; show lists a story's
// copies and an article's origin; export carries group, origin and copy count; a changed page
// imported again becomes a revision that show --revisions diffs.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "dossier_cli.hpp"

using namespace dossier::test;
using json = nlohmann::json;

namespace {

const std::string k_paragraphs =
    "<p>Researchers at a security firm have found that attackers are exploiting a critical flaw in a widely "
    "used file transfer product to steal data from hundreds of organisations across Europe and Asia.</p>"
    "<p>The vulnerability, tracked as CVE-2025-59934, lets an unauthenticated attacker upload a web shell and "
    "run commands on the server with the privileges of the service account.</p>"
    "<p>According to the report, the first attacks were seen on the twelfth of the month, two days before the "
    "vendor published an advisory and a patched release for every supported branch.</p>"
    "<p>Administrators are urged to install the update at once, to look for unknown files in the upload "
    "folder and to rotate every credential the service could read.</p>";

std::string page(const std::string& title, const std::string& date, const std::string& body,
                 const std::string& chrome = "") {
    return "<html lang=en><head><meta charset=utf-8><title>" + title +
           "</title><meta property='article:published_time' content='" + date + "'></head><body><nav>Home News</nav>" +
           chrome + "<article><h1>" + title + "</h1>" + body + "</article><footer>About us</footer></body></html>";
}

std::filesystem::path write(const TempDir& dir, const std::string& name, const std::string& html) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << html;
    return path;
}

json show_json(const TempDir& dir, const std::string& target, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"show", target, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_dossier(dir, args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

/// Imports an original, a repost that credits it, and an unrelated article.
struct Story {
    TempDir dir;
    Story() {
        const auto original = write(dir, "original.html", page("Flaw exploited", "2025-12-14T08:00:00Z", k_paragraphs));
        const auto repost = write(dir, "repost.html",
                                  page("Flaw exploited in the wild", "2025-12-14T18:00:00+08:00",
                                       k_paragraphs + "<p>Source: Example News</p>", "<aside>Hot: ten stories</aside>"));
        const auto other = write(dir, "other.html",
                                 page("Phishing kit", "2025-12-14T09:00:00Z",
                                      "<p>A new phishing kit sold on underground forums targets users of a popular "
                                      "password manager with pages that copy the real login form to the last pixel, "
                                      "and its control panel shows stolen vault credentials in real time.</p>"));
        for (auto [path, url] : {std::pair{original, "https://news.example.com/2025/12/flaw"},
                                 std::pair{repost, "https://reposts.example.org/a/77"},
                                 std::pair{other, "https://news.example.com/2025/12/kit"}}) {
            auto r = run_dossier(dir, {"import", "--url", url, path.string()});
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
        }
    }
};

}  // namespace

TEST_CASE("a repost is stored, grouped with its original, and shown with it", "[e2e][dedup]") {
    Story s;
    const json original = show_json(s.dir, "https://news.example.com/2025/12/flaw");
    const json repost = show_json(s.dir, "https://reposts.example.org/a/77");
    const json other = show_json(s.dir, "https://news.example.com/2025/12/kit");
    CHECK(repost["group_id"] == original["id"]);
    CHECK(repost["relation"] == "same_story");
    CHECK(repost["origin"]["name"] == "Example News");
    CHECK(other["group_id"] == other["id"]);
    REQUIRE(original["story"]["members"].size() == 2);
    CHECK(original["story"]["copies"] == 1);
    CHECK(original["story"]["original_id"] == original["id"]);
    CHECK(original["story"]["members"][1]["url"] == "https://reposts.example.org/a/77");
    CHECK(other["story"]["copies"] == 0);

    auto text = run_dossier(s.dir, {"show", "https://news.example.com/2025/12/flaw"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("story:      1 copy; original #" + std::to_string(original["id"].get<int>()) + " (this one)") !=
          std::string::npos);
    CHECK(text.out.find("reposts.example.org  2025-12-14  same_story  https://reposts.example.org/a/77") !=
          std::string::npos);
    auto repost_text = run_dossier(s.dir, {"show", "https://reposts.example.org/a/77"});
    CHECK(repost_text.out.find("origin:     Example News") != std::string::npos);
}

TEST_CASE("export carries every copy with its story id, origin and copy count", "[e2e][dedup]") {
    Story s;
    auto r = run_dossier(s.dir, {"export", "--format", "jsonl"});
    REQUIRE(r.exit_code == 0);
    std::map<std::string, json> by_url;
    std::size_t start = 0;
    while (start < r.out.size()) {
        const auto end = r.out.find('\n', start);
        const json j = json::parse(r.out.substr(start, end - start));
        by_url[j["url"].get<std::string>()] = j;
        start = end + 1;
    }
    REQUIRE(by_url.size() == 3);
    const json& original = by_url["https://news.example.com/2025/12/flaw"];
    const json& repost = by_url["https://reposts.example.org/a/77"];
    CHECK(original["story"]["id"] == original["id"]);
    CHECK(original["story"]["copies"] == 1);
    CHECK(repost["story"]["id"] == original["id"]);
    CHECK(repost["story"]["original_id"] == original["id"]);
    CHECK(repost["origin"]["name"] == "Example News");
    CHECK(original["origin"].is_null());
    CHECK(by_url["https://news.example.com/2025/12/kit"]["story"]["copies"] == 0);
}

TEST_CASE("a changed page imported again is a revision, and show --revisions diffs it", "[e2e][dedup]") {
    Story s;
    const auto changed =
        write(s.dir, "changed.html",
              page("Flaw exploited", "2025-12-14T08:00:00Z",
                   k_paragraphs + "<p>Update: the vendor now says the flaw was used by a ransomware affiliate.</p>"));
    auto r = run_dossier(s.dir, {"import", "--url", "https://news.example.com/2025/12/flaw", changed.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("0 new (0 copies of stored stories), 0 duplicate, 1 revised") != std::string::npos);

    const json j = show_json(s.dir, "https://news.example.com/2025/12/flaw", {"--revisions"});
    REQUIRE(j["revisions"].size() == 2);
    CHECK(j["revisions"][0]["current"] == false);
    CHECK(j["revisions"][1]["current"] == true);
    CHECK(j["revisions"][1]["diff"].get<std::string>().find(
              "+Update: the vendor now says the flaw was used by a ransomware affiliate.") != std::string::npos);
    CHECK(j["text"].get<std::string>().find("ransomware affiliate") != std::string::npos);

    auto text = run_dossier(s.dir, {"show", "https://news.example.com/2025/12/flaw", "--revisions"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("revision 1  fetched") != std::string::npos);
    CHECK(text.out.find("revision 2 (current)") != std::string::npos);
    CHECK(text.out.find("--- revision 1\n+++ revision 2\n@@ ") != std::string::npos);
    // Search holds the newest text.
    auto hits = run_dossier(s.dir, {"search", "affiliate", "--count"});
    CHECK(hits.out == "1\n");
    // The same page once more changes nothing.
    auto again = run_dossier(s.dir, {"import", "--url", "https://news.example.com/2025/12/flaw", changed.string()});
    CHECK(again.err.find("0 new (0 copies of stored stories), 1 duplicate, 0 revised") != std::string::npos);
}

TEST_CASE("search shows one hit per story with its copies, --all-copies every copy", "[e2e][dedup]") {
    Story s;
    auto grouped = run_dossier(s.dir, {"search", "CVE-2025-59934", "--json"});
    INFO(grouped.err);
    REQUIRE(grouped.exit_code == 0);
    const json hits = json::parse(grouped.out);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]["copies"] == 1);
    CHECK(hits[0]["copy_sources"] == json::array({{{"source", hits[0]["url"] == "https://reposts.example.org/a/77"
                                                                  ? "news.example.com"
                                                                  : "reposts.example.org"},
                                                   {"count", 1}}}));
    auto all = run_dossier(s.dir, {"search", "CVE-2025-59934", "--json", "--all-copies"});
    REQUIRE(all.exit_code == 0);
    const json every = json::parse(all.out);
    REQUIRE(every.size() == 2);
    CHECK(every[0]["copies"] == 0);
    CHECK(every[0]["group_id"] == every[1]["group_id"]);
    // The text output names the copies' sources; --count counts every copy.
    auto text = run_dossier(s.dir, {"search", "CVE-2025-59934", "--sort", "newest"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("       +1 copy: ") != std::string::npos);
    auto count = run_dossier(s.dir, {"search", "CVE-2025-59934", "--count"});
    CHECK(count.out == "2\n");
    // Paging counts stories: the unrelated article is the second story of a query both match.
    auto page = run_dossier(s.dir, {"search", "the", "--sort", "newest", "--json", "--limit", "1", "--offset", "1"});
    REQUIRE(page.exit_code == 0);
    const json second = json::parse(page.out);
    REQUIRE(second.size() == 1);
    CHECK(second[0]["url"] == "https://news.example.com/2025/12/kit");
}
