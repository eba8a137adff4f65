// End-to-end: the CVE facet (`cves`, `show`, `export`) and `reindex`, on the sample WARC.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dossier_cli.hpp"

using dossier::test::run_dossier;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

const std::string k_sample = std::string(DOSSIER_FIXTURES) + "/warc/security_news_sample.warc.gz";

/// The exported articles whose title or text mentions `id` (upper case, as written).
std::vector<std::int64_t> articles_mentioning(const json& articles, const std::string& id) {
    std::vector<std::int64_t> out;
    for (const auto& a : articles)
        if (a["title"].get<std::string>().find(id) != std::string::npos ||
            a["text"].get<std::string>().find(id) != std::string::npos)
            out.push_back(a["id"].get<std::int64_t>());
    return out;
}

}  // namespace

TEST_CASE("cves lists the ids of the archive with counts and first reports; show and export carry them", "[e2e]") {
    TempDir dir;
    REQUIRE(run_dossier(dir, {"import", k_sample}).exit_code == 0);
    auto exported = run_dossier(dir, {"export", "--format", "json"});
    REQUIRE(exported.exit_code == 0);
    const json articles = json::parse(exported.out);
    auto r = run_dossier(dir, {"cves", "--json", "--limit", "0"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json cves = json::parse(r.out);
    REQUIRE_FALSE(cves.empty());
    for (const auto& c : cves) {
        const std::string id = c["cve"].get<std::string>();
        INFO(id);
        const auto mentioning = articles_mentioning(articles, id);
        CHECK(c["articles"].get<std::int64_t>() == static_cast<std::int64_t>(mentioning.size()));
        CHECK(std::find(mentioning.begin(), mentioning.end(), c["first_article"].get<std::int64_t>()) !=
              mentioning.end());
        // export carries the same ids per article
        for (const auto& a : articles) {
            const auto list = a["cves"].get<std::vector<std::string>>();
            const bool listed = std::find(list.begin(), list.end(), id) != list.end();
            const bool mentions = std::find(mentioning.begin(), mentioning.end(), a["id"].get<std::int64_t>()) !=
                                  mentioning.end();
            CHECK(listed == mentions);
        }
    }
    // the anquanke page is about CVE-2020-5764
    const auto anquanke = articles_mentioning(articles, "CVE-2020-5764");
    REQUIRE(anquanke.size() == 1);
    auto shown = run_dossier(dir, {"show", std::to_string(anquanke[0]), "--json"});
    REQUIRE(shown.exit_code == 0);
    CHECK(json::parse(shown.out)["cves"] == json::array({"CVE-2020-5764"}));
    auto text = run_dossier(dir, {"show", std::to_string(anquanke[0])});
    CHECK(text.out.find("cves:       CVE-2020-5764") != std::string::npos);
    // a text listing with a header; --since in the future lists nothing, and says so
    auto table = run_dossier(dir, {"cves"});
    CHECK(table.out.rfind("CVE ", 0) == 0);
    auto future = run_dossier(dir, {"cves", "--since", "2099-01-01"});
    CHECK(future.exit_code == 0);
    CHECK(future.out.empty());
    CHECK(future.err.find("no CVE ids") != std::string::npos);
    CHECK(run_dossier(dir, {"cves", "--since", "yesterday"}).exit_code == 2);
}

TEST_CASE("reindex rebuilds the index; searches find the same articles before and after", "[e2e]") {
    TempDir dir;
    REQUIRE(run_dossier(dir, {"import", k_sample}).exit_code == 0);
    const std::vector<std::string> queries{"漏洞", "Minecraft", "CVE-2020-5764", "セキュリティ"};
    std::vector<std::string> before;
    for (const auto& q : queries) before.push_back(run_dossier(dir, {"search", q, "--json"}).out);
    auto r = run_dossier(dir, {"reindex", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    CHECK(report["articles"] == 6);
    CHECK(report["cve_mentions"].get<int>() >= 1);
    for (std::size_t k = 0; k < queries.size(); ++k) {
        INFO(queries[k]);
        CHECK(run_dossier(dir, {"search", queries[k], "--json"}).out == before[k]);
    }
    // a missing archive is created, like any write command does, and has nothing to index
    TempDir empty;
    auto none = run_dossier(empty, {"reindex"});
    CHECK(none.exit_code == 0);
    CHECK(none.out.find("reindexed 0 articles") != std::string::npos);
}
